/* SPDX-License-Identifier: MIT */
/* marks.c — the reader's marks (marks.h) in a small text file:
 *   qikan-marks 1
 *   I<TAB>issue key<TAB>last visit<TAB>read positions ("0-4,7", "-": none)
 *   B<TAB>issue key<TAB>position<TAB>when bookmarked      (newest first)
 * Saving reads the file again and applies this run's changes to it, so
 * two readers running at once do not undo each other's marks. */
#include "config.h"
#include "marks.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state.h"

#define MARKS_HEADER "qikan-marks 1"
#define BITS_BYTES ((MARKS_MAX_POS + 8) / 8)

struct mark_issue {
	char key[MARKS_KEY_MAX];
	int64_t seen;   /* the last visit, 0 when never */
	uint8_t *bits;  /* read positions; NULL when none */
};

/* One change made in this run, to be applied again at save time. */
enum mop_kind { MOP_SEE, MOP_READ, MOP_UNREAD, MOP_BM_ON, MOP_BM_OFF };
struct mop {
	enum mop_kind kind;
	char key[MARKS_KEY_MAX];
	int position;
	int64_t when;
};

struct marks {
	char *path;
	struct mark_issue **iv; /* sorted by key */
	size_t ni, capi;
	struct marks_bookmark *bv; /* newest first */
	size_t nb;
	struct mop *ops;
	size_t nops, capops;
};

bool marks_key_ok(const char *key)
{
	size_t n = strlen(key);

	return n > 0 && n < MARKS_KEY_MAX && strspn(key, "0123456789abcdefghijklmnopqrstuvwxyz-") == n;
}

static int cmp_issue(const void *a, const void *b)
{
	return strcmp((*(struct mark_issue *const *)a)->key, (*(struct mark_issue *const *)b)->key);
}

/* The index of key in m->iv, or where it would go (*found false). */
static size_t issue_slot(const struct marks *m, const char *key, bool *found)
{
	size_t lo = 0, hi = m->ni;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(m->iv[mid]->key, key);

		if (!c) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

static struct mark_issue *issue_find(const struct marks *m, const char *key)
{
	bool found;
	size_t i = issue_slot(m, key, &found);

	return found ? m->iv[i] : NULL;
}

static struct mark_issue *issue_new(const char *key)
{
	struct mark_issue *x = xcalloc(1, sizeof(*x));

	snprintf(x->key, sizeof(x->key), "%s", key);
	return x;
}

static void issue_push(struct marks *m, struct mark_issue *x)
{
	if (m->ni == m->capi) {
		m->capi = m->capi ? m->capi * 2 : 64;
		m->iv = xrealloc(m->iv, m->capi * sizeof(*m->iv));
	}
	m->iv[m->ni++] = x;
}

/* The issue's record, made (in its sorted place) when missing. */
static struct mark_issue *issue_get(struct marks *m, const char *key)
{
	bool found;
	size_t i = issue_slot(m, key, &found);
	struct mark_issue *x;

	if (found)
		return m->iv[i];
	x = issue_new(key);
	issue_push(m, x);
	memmove(&m->iv[i + 1], &m->iv[i], (m->ni - 1 - i) * sizeof(*m->iv));
	m->iv[i] = x;
	return x;
}

static bool bit_get(const struct mark_issue *x, int pos)
{
	return x && x->bits && pos >= 0 && pos <= MARKS_MAX_POS && (x->bits[pos / 8] >> (pos % 8) & 1);
}

static void bit_set(struct mark_issue *x, int pos, bool on)
{
	if (pos < 0 || pos > MARKS_MAX_POS || (!on && !x->bits))
		return;
	if (!x->bits)
		x->bits = xcalloc(1, BITS_BYTES);
	if (on)
		x->bits[pos / 8] |= (uint8_t)(1u << (pos % 8));
	else
		x->bits[pos / 8] &= (uint8_t)~(1u << (pos % 8));
}

static void prune(struct marks *m);

/* --- reading the file --- */

/* A whole number in [lo, hi] that is all of s. */
static bool parse_num(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	char *end;
	long long v;

	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 18)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* "0-4,7" into x's bits; false (nothing set) when it does not parse. */
static bool parse_ranges(struct mark_issue *x, char *s)
{
	char *save = NULL, *tok;
	uint8_t *bits;

	if (!strcmp(s, "-"))
		return true;
	bits = xcalloc(1, BITS_BYTES);
	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *dash = strchr(tok, '-');
		int64_t a, b;

		if (dash)
			*dash = '\0';
		if (!parse_num(tok, 0, MARKS_MAX_POS, &a) || !parse_num(dash ? dash + 1 : tok, a, MARKS_MAX_POS, &b)) {
			free(bits);
			return false;
		}
		for (int64_t p = a; p <= b; p++)
			bits[p / 8] |= (uint8_t)(1u << (p % 8));
	}
	if (x->bits) { /* the same issue twice: both lines count */
		for (size_t i = 0; i < BITS_BYTES; i++)
			x->bits[i] |= bits[i];
		free(bits);
	} else {
		x->bits = bits;
	}
	return true;
}

/* Splits line at tabs into exactly n fields. */
static bool split(char *line, char **f, int n)
{
	for (int i = 0; i < n; i++) {
		f[i] = line;
		line = strchr(line, '\t');
		if (i < n - 1) {
			if (!line)
				return false;
			*line++ = '\0';
		} else if (line) {
			return false;
		}
	}
	return true;
}

static void load_line(struct marks *m, char *line)
{
	char *f[4];
	int64_t a, b;

	if (!split(line, f, 4) || !marks_key_ok(f[1]) || strlen(f[0]) != 1)
		return;
	if (f[0][0] == 'I' && parse_num(f[2], 0, INT64_MAX / 2, &a)) {
		struct mark_issue *x = issue_new(f[1]);

		x->seen = a;
		if (!parse_ranges(x, f[3])) {
			free(x);
			return;
		}
		/* Too many: those visited longest ago go, whatever their
		 * place in the file (memory stays under twice the cap). */
		if (m->ni >= 2 * MARKS_MAX_ISSUES)
			prune(m);
		issue_push(m, x);
	} else if (f[0][0] == 'B' && m->nb < MARKS_MAX_BOOKMARKS && parse_num(f[2], 0, MARKS_MAX_POS, &a) &&
		   parse_num(f[3], 0, INT64_MAX / 2, &b) && !marks_bookmarked(m, f[1], (int)a)) {
		struct marks_bookmark *k;

		m->bv = xrealloc(m->bv, (m->nb + 1) * sizeof(*m->bv));
		k = &m->bv[m->nb++];
		snprintf(k->issue, sizeof(k->issue), "%s", f[1]);
		k->position = (int)a;
		k->when = b;
	}
}

/* Sorts the issues read and folds an issue that came twice into one. */
static void issues_settle(struct marks *m)
{
	size_t out = 0;

	qsort(m->iv, m->ni, sizeof(*m->iv), cmp_issue);
	for (size_t i = 0; i < m->ni; i++) {
		struct mark_issue *x = m->iv[i], *k = out ? m->iv[out - 1] : NULL;

		if (k && !strcmp(k->key, x->key)) {
			if (x->seen > k->seen)
				k->seen = x->seen;
			for (int p = 0; x->bits && p <= MARKS_MAX_POS; p++)
				if (bit_get(x, p))
					bit_set(k, p, true);
			free(x->bits);
			free(x);
			continue;
		}
		m->iv[out++] = x;
	}
	m->ni = out;
}

/* Reads at most MARKS_MAX_FILE bytes of a regular file (a FIFO or a
 * device put there must not hang the reader or fill its memory). */
static char *read_capped(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	char *buf;
	size_t n = 0, cap;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return NULL;
	}
	cap = st.st_size < (off_t)MARKS_MAX_FILE ? (size_t)st.st_size : MARKS_MAX_FILE;
	buf = xmalloc(cap + 1);
	while (n < cap) {
		ssize_t r = read(fd, buf + n, cap - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void load(struct marks *m)
{
	size_t len = 0;
	char *buf = read_capped(m->path, &len), *line, *next, *end = buf + len;

	if (!buf)
		return;
	/* Only a file that says what it is: anything else is not ours. */
	if (len < sizeof(MARKS_HEADER) || memcmp(buf, MARKS_HEADER "\n", sizeof(MARKS_HEADER))) {
		free(buf);
		return;
	}
	for (line = buf + sizeof(MARKS_HEADER); line < end; line = next) {
		next = memchr(line, '\n', (size_t)(end - line));
		if (!next) /* a last line without its newline was cut short */
			break;
		*next++ = '\0';
		/* a NUL inside makes the line shorter, never longer: it then
		 * fails to parse, as any damaged line does */
		load_line(m, line);
	}
	free(buf);
	issues_settle(m);
	prune(m);
}

struct marks *marks_open(const char *path)
{
	struct marks *m = xcalloc(1, sizeof(*m));

	m->path = path ? xstrdup(path) : state_default_path("marks");
	if (m->path)
		load(m);
	return m;
}

void marks_free(struct marks *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->ni; i++) {
		free(m->iv[i]->bits);
		free(m->iv[i]);
	}
	free(m->iv);
	free(m->bv);
	free(m->ops);
	free(m->path);
	free(m);
}

const char *marks_path(const struct marks *m)
{
	return m->path;
}

/* --- changes --- */

static void apply(struct marks *m, const struct mop *o)
{
	struct mark_issue *x;

	switch (o->kind) {
	case MOP_SEE:
		x = issue_get(m, o->key);
		if (o->when > x->seen)
			x->seen = o->when;
		break;
	case MOP_READ:
	case MOP_UNREAD:
		x = issue_get(m, o->key);
		bit_set(x, o->position, o->kind == MOP_READ);
		break;
	case MOP_BM_ON:
		if (marks_bookmarked(m, o->key, o->position) || m->nb >= MARKS_MAX_BOOKMARKS)
			break;
		m->bv = xrealloc(m->bv, (m->nb + 1) * sizeof(*m->bv));
		memmove(&m->bv[1], &m->bv[0], m->nb * sizeof(*m->bv));
		snprintf(m->bv[0].issue, sizeof(m->bv[0].issue), "%s", o->key);
		m->bv[0].position = o->position;
		m->bv[0].when = o->when;
		m->nb++;
		break;
	case MOP_BM_OFF:
		for (size_t i = 0; i < m->nb; i++) {
			if (m->bv[i].position == o->position && !strcmp(m->bv[i].issue, o->key)) {
				memmove(&m->bv[i], &m->bv[i + 1], (m->nb - i - 1) * sizeof(*m->bv));
				m->nb--;
				break;
			}
		}
		break;
	}
}

/* Applies a change now and keeps it for marks_save(). */
static void change(struct marks *m, enum mop_kind kind, const char *key, int position, int64_t when)
{
	struct mop *o;

	if (!marks_key_ok(key) || position < 0 || position > MARKS_MAX_POS)
		return;
	if (m->nops == m->capops) {
		m->capops = m->capops ? m->capops * 2 : 64;
		m->ops = xrealloc(m->ops, m->capops * sizeof(*m->ops));
	}
	o = &m->ops[m->nops++];
	o->kind = kind;
	snprintf(o->key, sizeof(o->key), "%s", key);
	o->position = position;
	o->when = when;
	apply(m, o);
}

bool marks_seen(struct marks *m, const char *issue)
{
	struct mark_issue *x = issue_find(m, issue);

	return x && x->seen > 0;
}

void marks_see(struct marks *m, const char *issue, int64_t when)
{
	change(m, MOP_SEE, issue, 0, when > 0 ? when : 1);
}

bool marks_read(struct marks *m, const char *issue, int position)
{
	return bit_get(issue_find(m, issue), position);
}

void marks_set_read(struct marks *m, const char *issue, int position, bool read)
{
	if (marks_read(m, issue, position) != read)
		change(m, read ? MOP_READ : MOP_UNREAD, issue, position, 0);
}

bool marks_bookmarked(struct marks *m, const char *issue, int position)
{
	for (size_t i = 0; i < m->nb; i++)
		if (m->bv[i].position == position && !strcmp(m->bv[i].issue, issue))
			return true;
	return false;
}

bool marks_set_bookmark(struct marks *m, const char *issue, int position, bool on, int64_t when)
{
	if (marks_bookmarked(m, issue, position) == on)
		return true;
	if (on && m->nb >= MARKS_MAX_BOOKMARKS)
		return false;
	change(m, on ? MOP_BM_ON : MOP_BM_OFF, issue, position, when);
	return true;
}

size_t marks_bookmarks(struct marks *m, const struct marks_bookmark **v)
{
	*v = m->bv;
	return m->nb;
}

/* --- writing the file --- */

static int cmp_seen_desc(const void *a, const void *b)
{
	int64_t x = (*(struct mark_issue *const *)a)->seen, y = (*(struct mark_issue *const *)b)->seen;

	return x < y ? 1 : x > y ? -1 : 0;
}

/* Keeps the MARKS_MAX_ISSUES issues visited last. */
static void prune(struct marks *m)
{
	if (m->ni <= MARKS_MAX_ISSUES)
		return;
	qsort(m->iv, m->ni, sizeof(*m->iv), cmp_seen_desc);
	for (size_t i = MARKS_MAX_ISSUES; i < m->ni; i++) {
		free(m->iv[i]->bits);
		free(m->iv[i]);
	}
	m->ni = MARKS_MAX_ISSUES;
	qsort(m->iv, m->ni, sizeof(*m->iv), cmp_issue);
}

static void put_ranges(FILE *f, const struct mark_issue *x)
{
	bool any = false;

	for (int p = 0; x->bits && p <= MARKS_MAX_POS; p++) {
		int q = p;

		if (p % 8 == 0 && !x->bits[p / 8]) {
			p += 7; /* a byte of unread articles */
			continue;
		}
		if (!bit_get(x, p))
			continue;
		while (q < MARKS_MAX_POS && bit_get(x, q + 1))
			q++;
		fprintf(f, q > p ? "%s%d-%d" : "%s%d", any ? "," : "", p, q);
		any = true;
		p = q;
	}
	if (!any)
		fputc('-', f);
}

/* mkdir -p for the directory part of path, private to the user. */
static int make_parent(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

static int write_marks(const struct marks *m, struct qk_err *e)
{
	char *tmp = xasprintf("%s.%ld.tmp", m->path, (long)getpid());
	int fd, rc = -1;
	FILE *f;

	if (make_parent(tmp)) {
		qk_err_set(e, "%s: cannot create the directory: %s", m->path, strerror(errno));
		goto out;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		qk_err_set(e, "%s: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	fprintf(f, "%s\n", MARKS_HEADER);
	for (size_t i = 0; i < m->ni; i++) {
		fprintf(f, "I\t%s\t%" PRId64 "\t", m->iv[i]->key, m->iv[i]->seen);
		put_ranges(f, m->iv[i]);
		fputc('\n', f);
	}
	for (size_t i = 0; i < m->nb; i++)
		fprintf(f, "B\t%s\t%d\t%" PRId64 "\n", m->bv[i].issue, m->bv[i].position, m->bv[i].when);
	/* On disk before it takes the old file's name: a crash leaves the
	 * old marks or the new ones, never half a file. */
	if (fflush(f) || fsync(fileno(f)) || ferror(f)) {
		qk_err_set(e, "%s: %s", tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f) || rename(tmp, m->path)) {
		qk_err_set(e, "%s: %s", m->path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}

int marks_save(struct marks *m, struct qk_err *e)
{
	struct marks *fresh;
	int rc;

	if (!m->path)
		return qk_err_set(e, "no place for the reading marks: set HOME or XDG_STATE_HOME");
	if (!m->nops)
		return 0;
	fresh = marks_open(m->path);
	for (size_t i = 0; i < m->nops; i++)
		apply(fresh, &m->ops[i]);
	prune(fresh);
	rc = write_marks(fresh, e);
	marks_free(fresh);
	if (rc == 0)
		m->nops = 0;
	return rc;
}

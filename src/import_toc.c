/* SPDX-License-Identifier: MIT */
/* import_toc.c — the front of an issue: the issue label ("2023年第2期",
 * "2024年5月号", ...), the editorial board ("主编<TAB>王敬斋", "主编：林德才"),
 * the publisher's sidebar ("主 办" / "青海省总工会" …) and the table of
 * contents with its sections, sub-sections and entries (import_entry.c).
 *
 * Passes, each a function below:
 *   toc.heading   find the TOC heading (styles.ini [toc] headings, also
 *                 written one character per line)
 *   toc.extent    where the TOC starts and ends: entries with pages, and
 *                 lines whose title reappears later (the body's headings)
 *   toc.columns   a two-column TOC is read column by column
 *   toc.classify  each TOC line: entry, section, masthead, label, sidebar
 *   toc.author_first  "方文涛　一棵老槐树的记忆　4": the name comes first */
#include "config.h"
#include "import_priv.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Labels of the publisher's sidebar, compared with spaces removed
 * ("主 办" is letter-spaced "主办"). */
static const struct {
	const char *label;
	size_t field;
} pub_labels[] = {
	{ "主办", offsetof(struct doc_publication, publisher) },
	{ "主办单位", offsetof(struct doc_publication, publisher) },
	{ "准印证号", offsetof(struct doc_publication, permit) },
	{ "内部资料准印证号", offsetof(struct doc_publication, permit) },
	{ "编辑部门", offsetof(struct doc_publication, department) },
	{ "编辑出版", offsetof(struct doc_publication, department) },
	{ "地址", offsetof(struct doc_publication, address) },
	{ "通讯地址", offsetof(struct doc_publication, address) },
	{ "邮箱", offsetof(struct doc_publication, email) },
	{ "电子邮箱", offsetof(struct doc_publication, email) },
	{ "投稿邮箱", offsetof(struct doc_publication, email) },
	{ "电话(传真)", offsetof(struct doc_publication, phone) },
	{ "电话（传真）", offsetof(struct doc_publication, phone) },
	{ "电话", offsetof(struct doc_publication, phone) },
	{ "联系电话", offsetof(struct doc_publication, phone) },
	{ "传真", offsetof(struct doc_publication, phone) },
	{ "邮编", offsetof(struct doc_publication, postcode) },
	{ "邮政编码", offsetof(struct doc_publication, postcode) },
};

char *imp_squeeze(const char *s)
{
	char *t = xstrdup(s), *w = t;

	for (const char *r = s; *r;) {
		if (*r == ' ' || *r == '\t') {
			r++;
			continue;
		}
		if (str_starts(r, "\xE3\x80\x80")) {
			r += 3;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return t;
}

/* The sidebar field a label line names, or -1.  "主办：青海省总工会" puts
 * the value on the same line: *inline_value then points at it. */
static long pub_label(const char *s, const char **inline_value)
{
	char *t = imp_squeeze(s);
	long field = -1;

	*inline_value = NULL;
	for (size_t i = 0; i < ARRAY_LEN(pub_labels) && field < 0; i++) {
		size_t n = strlen(pub_labels[i].label);

		if (strcmp(t, pub_labels[i].label) == 0) {
			field = (long)pub_labels[i].field;
		} else if (strncmp(t, pub_labels[i].label, n) == 0 &&
			   (str_starts(t + n, "：") || t[n] == ':')) {
			const char *colon = strstr(s, "：");

			if (!colon || (strchr(s, ':') && strchr(s, ':') < colon))
				colon = strchr(s, ':');
			if (colon) {
				field = (long)pub_labels[i].field;
				*inline_value = colon + (*colon == ':' ? 1 : 3);
			}
		}
	}
	free(t);
	return field;
}

/* ---- keys of lines, to ask "does this title reappear later?" ---- */

/* The matching key of s without its ordinal ("1. ", "一、"). */
void imp_title_key(struct imp_key *k, const char *s, size_t maxchars)
{
	imp_key_make(k, s + imp_ordinal_len(s), maxchars);
}

static uint64_t key_hash(const struct imp_key *k)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < k->n; i++) {
		h ^= k->c[i];
		h *= 1099511628211ULL;
	}
	return h ^ k->n;
}

struct line_hash {
	uint64_t h;
	size_t idx;
};

static int lh_cmp(const void *x, const void *y)
{
	const struct line_hash *a = x, *b = y;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

/* Longest line (characters) that may be a heading or a TOC entry. */
#define TITLE_MAX 80

static void hashes_build(struct imp *im)
{
	im->hashes = xcalloc(im->nlines + 1, sizeof *im->hashes);
	for (size_t i = 0; i < im->nlines; i++) {
		struct imp_key k;

		if (imp_chars(im->lines[i].s) > TITLE_MAX)
			continue;
		imp_title_key(&k, im->lines[i].s, TITLE_MAX);
		if (k.n >= 2)
			im->hashes[im->nhashes++] = (struct line_hash){ key_hash(&k), i };
		imp_key_free(&k);
	}
	qsort(im->hashes, im->nhashes, sizeof *im->hashes, lh_cmp);
}

/* The first line after `after` whose title key equals k, or SIZE_MAX. */
size_t imp_reappears(const struct imp *im, const struct imp_key *k, size_t after)
{
	struct line_hash want = { key_hash(k), after + 1 };
	size_t lo = 0, hi = im->nhashes;

	if (k->n < 2)
		return SIZE_MAX;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (lh_cmp(&im->hashes[mid], &want) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < im->nhashes && im->hashes[lo].h == want.h)
		return im->hashes[lo].idx;
	return SIZE_MAX;
}

static size_t reappears_str(const struct imp *im, const char *s, size_t after)
{
	struct imp_key k;
	size_t r;

	imp_title_key(&k, s, TITLE_MAX);
	r = imp_reappears(im, &k, after);
	imp_key_free(&k);
	return r;
}

/* ---- small line classes ---- */

static bool is_entry(const struct imp *im, const char *s)
{
	struct imp_entry en;

	if (!imp_entry_parse(im->st, s, &en))
		return false;
	imp_entry_free(&en);
	return true;
}

/* An entry with a page number (the strong sign of a TOC). */
bool imp_is_paged_entry(const struct imp *im, const char *s)
{
	struct imp_entry en;
	bool paged;

	if (!imp_entry_parse(im->st, s, &en))
		return false;
	paged = en.page > 0;
	imp_entry_free(&en);
	return paged;
}

/* "主任<TAB>马吉孝" or "主编：林德才": a short role, then names. */
static bool masthead_line(const struct imp *im, const char *s, char **role, char **names)
{
	const char *sep = strchr(s, '\t'), *colon = strstr(s, "：");
	size_t seplen = 1;
	char *r;

	if (!sep || (colon && colon < sep)) {
		sep = colon;
		seplen = 3;
	}
	if (!sep || is_entry(im, s))
		return false;
	r = str_trim(xstrndup(s, (size_t)(sep - s)));
	if (!*r || imp_chars(r) > (seplen == 3 ? 6 : 8) || strpbrk(r, "0123456789")) {
		free(r);
		return false;
	}
	*role = imp_squeeze(r);
	free(r);
	r = str_trim(xstrdup(sep + seplen));
	if (!*r || imp_chars(r) > 40) {
		free(r);
		free(*role);
		return false;
	}
	*names = imp_collapse_space(r);
	free(r);
	return true;
}

static void add_entry(struct imp *im, struct imp_entry *en, int section, int line)
{
	struct imp_toc_entry *t;

	if (im->ntoc == im->captoc) {
		im->captoc = im->captoc ? im->captoc * 2 : 32;
		im->toc = xrealloc(im->toc, im->captoc * sizeof *im->toc);
	}
	t = &im->toc[im->ntoc++];
	memset(t, 0, sizeof *t);
	t->title = en->title;
	t->author = en->author;
	t->page = en->page;
	t->section = section;
	t->line = line;
	t->article = -1;
	imp_title_key(&t->key, t->title, SIZE_MAX);
	if (t->key.n > im->max_title)
		im->max_title = t->key.n;
	en->title = en->author = NULL;
}

void imp_add_toc_entry(struct imp *im, struct imp_entry *en, int section, int line)
{
	struct imp_entry copy = { xstrdup(en->title), en->author ? xstrdup(en->author) : NULL, en->page,
				  en->bullet, en->rule };

	add_entry(im, &copy, section, line);
}

/* True when a and b end in the same two characters ("西宁市总工会",
 * "海西州总工会"): how sub-section names resemble each other. */
static bool same_suffix(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	return la >= 6 && lb >= 6 && strcmp(a + la - 6, b + lb - 6) == 0;
}

/* Section nesting seen so far. */
struct headings {
	int prev;      /* the heading just before, with no entry since; -1 */
	int parent;    /* the section whose sub-sections we are in; -1 */
	int first_sub; /* its first sub-section, the model for the others */
	int top;       /* the last top-level heading, -1 */
	int top_indent;
};

/* "【健康之窗】" -> "健康之窗" (styles.ini [section] brackets), "● 農業" ->
 * "農業" ([toc] bullets). */
char *imp_section_name(const struct import_style *st, const char *s)
{
	size_t k = imp_list_prefix(&st->bullets, s, NULL);
	char *t;

	/* "● 農業": the bullet is layout */
	if (k && (s[k] == ' ' || (unsigned char)s[k] >= 0x80) && !(s[0] == '-' && s[1] != ' '))
		s += k + imp_space_run(s + k);
	t = imp_collapse_space(s);

	for (size_t i = 0; i < st->section_brackets.n; i++) {
		const char *pair = st->section_brackets.v[i];
		size_t on = 1, len = strlen(t);

		while (((unsigned char)pair[on] & 0xC0) == 0x80)
			on++;
		if (strlen(pair) > on && strncmp(t, pair, on) == 0 && str_ends(t, pair + on) && len > strlen(pair)) {
			char *r = str_trim(xstrndup(t + on, len - on - strlen(pair + on)));

			free(t);
			return r;
		}
	}
	return t;
}

/* A bare line in the TOC is a section heading.  An indented heading under
 * a less indented one is its sub-section ("乡镇传真" / "　东湖乡").  A
 * heading right after another one (no entries between) is the first
 * sub-section of it ("市州动态" / "西宁市总工会"); later headings are its
 * siblings while they look alike ("…总工会"), and top-level again once
 * they do not ("基层活动"). */
static void add_heading(struct imp *im, const struct imp_line *l, struct headings *hs)
{
	struct doc *d = im->d;
	char *t = imp_section_name(im->st, l->s);
	int idx = (int)d->nsections, par = -1;

	if (hs->top >= 0 && l->indent > hs->top_indent) {
		par = hs->top;
	} else if (hs->prev >= 0 && d->sections[hs->prev].parent < 0 && l->indent == 0) {
		par = hs->prev;
		hs->parent = hs->prev;
		hs->first_sub = idx;
	} else if (hs->parent >= 0 && hs->first_sub >= 0 &&
		   same_suffix(t, d->sections[hs->first_sub].title)) {
		par = hs->parent;
	} else {
		hs->parent = -1;
		hs->first_sub = -1;
	}
	if (par < 0) {
		hs->top = idx;
		hs->top_indent = l->indent;
	}
	doc_add_section(d, t, par, l->no);
	free(t);
	hs->prev = idx;
}

/* ---- toc.heading ---- */

/* A TOC heading at line i: the line itself, or characters one per line
 * ("目" / "录").  Returns the lines it takes, 0 when none. */
size_t imp_toc_heading_at(const struct imp *im, size_t i)
{
	struct sb acc = { 0 };
	size_t n = 0;

	if (imp_list_equal(&im->st->toc_headings, im->lines[i].s))
		return 1;
	while (i + n < im->nlines && n < 6 && imp_chars(im->lines[i + n].s) == 1) {
		sb_adds(&acc, im->lines[i + n].s);
		n++;
		if (n >= 2 && imp_list_equal(&im->st->toc_headings, acc.s)) {
			sb_free(&acc);
			return n;
		}
	}
	sb_free(&acc);
	return 0;
}

/* ---- toc.extent ---- */

/* How far the front of the issue may reach: the first long line that is
 * no entry (a paragraph: the body has started); at most 400 lines unless
 * a TOC has been seen in them. */
static size_t front_limit(const struct imp *im, size_t from)
{
	size_t i;
	bool toc = false;

	for (i = from; i < im->nlines && (toc || i < from + 400); i++) {
		const char *s = im->lines[i].s;
		bool paged = imp_is_paged_entry(im, s);

		if (imp_chars(s) > TITLE_MAX && !paged)
			break;
		toc = toc || paged || (i < from + 400 && imp_toc_heading_at(im, i));
	}
	return i;
}

struct extent {
	size_t heading, hlines; /* the TOC heading (SIZE_MAX: none) */
	size_t first, last;     /* the TOC's first and last line, SIZE_MAX: no TOC */
	bool paged;             /* its entries carry pages */
};

/* The title key of a TOC line: its entry title, or the line. */
static uint64_t toc_line_hash(const struct imp *im, const char *s, size_t *n)
{
	struct imp_entry en;
	struct imp_key k;
	uint64_t h;

	if (imp_entry_parse(im->st, s, &en)) {
		imp_title_key(&k, en.title, TITLE_MAX);
		imp_entry_free(&en);
	} else {
		imp_title_key(&k, s, TITLE_MAX);
	}
	h = key_hash(&k);
	*n = k.n;
	imp_key_free(&k);
	return h;
}

/* Where the TOC ends: the body starts at the first line that repeats an
 * earlier line of the TOC (the first article's title, or its section).
 * Returns that line, or `limit`.  Sorting keeps huge TOCs linear-ish. */
static size_t body_start(const struct imp *im, size_t from, size_t limit)
{
	struct line_hash *h = xcalloc(limit - from + 1, sizeof *h);
	size_t n = 0, res = limit;

	for (size_t j = from; j < limit; j++) {
		const char *s = im->lines[j].s;
		size_t kn;
		uint64_t v;

		if (imp_is_dash_line(s) || imp_chars(s) > 2 * TITLE_MAX)
			continue;
		v = toc_line_hash(im, s, &kn);
		if (kn >= 2)
			h[n++] = (struct line_hash){ v, j };
	}
	qsort(h, n, sizeof *h, lh_cmp);
	for (size_t i = 1; i < n; i++)
		if (h[i].h == h[i - 1].h && (i < 2 || h[i - 2].h != h[i].h) && h[i].idx < res)
			res = h[i].idx;
	free(h);
	return res;
}

static struct extent find_extent(const struct imp *im, size_t from)
{
	struct extent x = { SIZE_MAX, 0, SIZE_MAX, SIZE_MAX, false };
	size_t limit = front_limit(im, from), scan, end, i, n;

	for (i = from; i < limit; i++)
		if ((n = imp_toc_heading_at(im, i)) > 0) {
			x.heading = i;
			x.hlines = n;
			break;
		}
	scan = x.heading != SIZE_MAX ? x.heading + x.hlines : from;
	end = body_start(im, scan, limit);
	/* paged entries: the TOC runs from the first to the last of them
	 * (two at least, or one under a TOC heading) */
	for (i = scan, n = 0; i < end; i++)
		if (imp_is_paged_entry(im, im->lines[i].s)) {
			if (x.first == SIZE_MAX)
				x.first = i;
			x.last = i;
			n++;
		}
	if (n >= 2 || (n == 1 && x.heading != SIZE_MAX)) {
		x.paged = true;
		if (x.heading != SIZE_MAX)
			x.first = scan;
		return x;
	}
	x.first = x.last = SIZE_MAX;
	/* no pages: the TOC lines are those whose title reappears in the
	 * body, and the lines between them (sections) */
	for (i = scan, n = 0; i < end; i++) {
		const char *s = im->lines[i].s;
		struct imp_label lab;

		if (imp_chars(s) > TITLE_MAX || imp_is_dash_line(s))
			continue;
		if (imp_label_match(im->st, s, &lab)) {
			free(lab.name);
			continue;
		}
		if (reappears_str(im, s, end - 1) != SIZE_MAX || is_entry(im, s)) {
			if (x.first == SIZE_MAX)
				x.first = i;
			x.last = i;
			n++;
		}
	}
	if (n < 2 && !(n == 1 && x.heading != SIZE_MAX))
		x.first = x.last = SIZE_MAX;
	else if (x.heading != SIZE_MAX)
		x.first = scan;
	return x;
}

/* ---- toc.columns ---- */

/* Splits a TOC line at runs of three or more ASCII spaces; a piece that
 * is only a page number stays with the piece before it.  Returns the
 * number of pieces (at most 2 kept), filling out[] with owned strings. */
static int column_pieces(const char *s, char *out[2])
{
	char *piece[8];
	int np = 0, nout = 0;
	const char *p = s;

	while (*p && np < 8) {
		const char *q = strstr(p, "   ");

		if (!q) {
			piece[np++] = xstrdup(p);
			break;
		}
		piece[np++] = xstrndup(p, (size_t)(q - p));
		p = q;
		while (*p == ' ')
			p++;
	}
	for (int i = 0; i < np; i++) {
		const char *t = piece[i];
		bool digits = *t && strspn(t, "0123456789") == strlen(t) && strlen(t) <= 4;

		if (digits && nout > 0) {
			char *j = xasprintf("%s  %s", out[nout - 1], t);

			free(out[nout - 1]);
			out[nout - 1] = j;
			free(piece[i]);
		} else if (nout < 2) {
			out[nout++] = piece[i];
		} else {
			char *j = xasprintf("%s   %s", out[nout - 1], t);

			free(out[nout - 1]);
			out[nout - 1] = j;
			free(piece[i]);
		}
	}
	return nout;
}

/* The TOC lines in reading order: a two-column TOC (two or more lines
 * that split in two) is read down the left column, then down the right
 * one.  Fills im->vlines with lines whose text im->vtext owns. */
static void toc_columns(struct imp *im, size_t first, size_t last)
{
	size_t n = last - first + 1, two = 0;
	char *(*pieces)[2] = xcalloc(n, sizeof *pieces);
	int *np = xcalloc(n, sizeof *np);

	for (size_t i = 0; i < n; i++) {
		np[i] = column_pieces(im->lines[first + i].s, pieces[i]);
		two += np[i] == 2 && imp_is_paged_entry(im, pieces[i][0]) && imp_is_paged_entry(im, pieces[i][1]);
	}
	im->vlines = xcalloc(2 * n + 1, sizeof *im->vlines);
	im->vtext = xcalloc(2 * n + 1, sizeof *im->vtext);
	for (int col = 0; col < 2; col++)
		for (size_t i = 0; i < n; i++) {
			const struct imp_line *l = &im->lines[first + i];
			bool right = two >= 2 && np[i] == 1 && l->indent >= 20;
			char *t = NULL;

			if (two < 2) {
				if (col == 0)
					t = xstrdup(l->s);
			} else if (np[i] == 2) {
				t = xstrdup(pieces[i][col]);
			} else if (np[i] == 1 && (col == 1) == right) {
				t = xstrdup(pieces[i][0]);
			}
			if (!t)
				continue;
			im->vtext[im->nvlines] = t;
			im->vlines[im->nvlines] = *l;
			im->vlines[im->nvlines].s = t;
			im->vlines[im->nvlines].len = strlen(t);
			if (two >= 2)
				im->vlines[im->nvlines].indent = 0;
			im->nvlines++;
		}
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < np[i]; k++)
			free(pieces[i][k]);
	free(pieces);
	free(np);
}

/* ---- toc.author_first ---- */

/* "方文涛　一棵老槐树的记忆": the first word of the title is a short name
 * and the rest is a heading of the body.  Decided for the whole TOC: when
 * most entries without an author read that way, the name is moved to the
 * author in those entries. */
static const char *name_split(const char *title)
{
	const char *sp = strchr(title, ' ');
	size_t n;

	if (!sp)
		return NULL;
	n = imp_chars_n(title, (size_t)(sp - title));
	if (n < 2 || n > 4 || strpbrk(title, "0123456789") == title)
		return NULL;
	for (const char *p = title; p < sp; p++)
		if (!((unsigned char)*p & 0x80))
			return NULL;
	return sp + 1;
}

static void toc_author_first(struct imp *im)
{
	size_t cand = 0, seen = 0, confirmed = 0;

	for (size_t j = 0; j < im->ntoc; j++) {
		const char *rest;

		if (im->toc[j].author)
			continue;
		cand++;
		if ((rest = name_split(im->toc[j].title)) != NULL) {
			seen++;
			confirmed += reappears_str(im, rest, im->body ? im->body - 1 : 0) != SIZE_MAX;
		}
	}
	if (cand < 2 || 3 * seen < 2 * cand || 2 * confirmed < seen)
		return;
	for (size_t j = 0; j < im->ntoc; j++) {
		struct imp_toc_entry *t = &im->toc[j];
		const char *rest;
		char *title;

		if (t->author || !(rest = name_split(t->title)))
			continue;
		t->author = xstrndup(t->title, (size_t)(rest - 1 - t->title));
		title = xstrdup(rest);
		free(t->title);
		t->title = title;
		imp_key_free(&t->key);
		imp_title_key(&t->key, t->title, SIZE_MAX);
	}
}

/* ---- toc.classify ---- */

/* A line of the front matter (before the TOC, or the whole front when
 * there is no TOC).  True when it was used. */
static bool front_line(struct imp *im, struct imp_line *l, const struct imp_line *next, bool in_toc)
{
	struct doc *d = im->d;
	struct imp_label lab;
	const char *val;
	char *role, *names, *sq;
	long field;
	bool skip;

	if (!d->title && imp_label_match(im->st, l->s, &lab)) {
		d->title = imp_collapse_space(l->s);
		d->year = lab.year;
		d->number = lab.number;
		if (lab.name && !d->pub.name)
			d->pub.name = lab.name;
		else
			free(lab.name);
		return true;
	}
	field = pub_label(l->s, &val);
	if (field >= 0) {
		char **slot = (char **)((char *)&d->pub + field);

		if (!val && next && pub_label(next->s, &val) < 0 && !is_entry(im, next->s)) {
			val = next->s;
			l[1].gap = -1; /* consumed: see the caller */
		}
		if (val && !*slot)
			*slot = str_trim(imp_collapse_space(val));
		return true;
	}
	if (masthead_line(im, l->s, &role, &names)) {
		doc_add_masthead(d, role, names, l->no);
		free(role);
		free(names);
		return true;
	}
	if (strstr(l->s, "内部资料")) {
		if (!d->pub.note)
			d->pub.note = imp_collapse_space(l->s);
		return true;
	}
	sq = imp_squeeze(l->s);
	skip = imp_list_equal(&im->st->toc_headings, sq);
	for (size_t i = 0; i < im->st->front_skip.n && !skip; i++)
		skip = str_ends(sq, im->st->front_skip.v[i]);
	free(sq);
	if (skip || imp_is_dash_line(l->s))
		return true;
	if (!in_toc && !d->pub.name && !d->title && imp_chars(l->s) <= 20 &&
	    !strpbrk(l->s, "0123456789")) {
		d->pub.name = imp_collapse_space(l->s);
		return true;
	}
	return false;
}

/* Is the TOC line at v (a bare line, no entry syntax) an entry of a TOC
 * without pages?  It is when its title reappears in the body and is not
 * numbered or bracketed like a section, and its body appearance is not
 * followed directly by the next TOC line's title (a section heading). */
static bool pageless_entry(struct imp *im, const struct imp_line *v, const struct imp_line *next)
{
	size_t at;
	const char *s = v->s;

	if (imp_is_numbered_heading(s) && !(s[0] >= '0' && s[0] <= '9'))
		return false;
	if (str_starts(s, "【") || str_starts(s, "〖"))
		return false;
	at = reappears_str(im, s, im->body - 1);
	if (at == SIZE_MAX)
		return false;
	if (next && at + 1 < im->nlines) {
		struct imp_key a, b;
		bool same;

		imp_title_key(&a, im->lines[at + 1].s, TITLE_MAX);
		imp_title_key(&b, next->s, TITLE_MAX);
		same = imp_key_eq(&a, &b);
		imp_key_free(&a);
		imp_key_free(&b);
		if (same)
			return false;
	}
	return true;
}

/* A title wrapped over two TOC lines (PDF text): a bare line indented
 * like the paged entry after it, deeper than the last section heading,
 * and long enough to be a title's first part. */
static bool wrapped_entry(const struct imp *im, const struct imp_line *l, const struct imp_line *next,
			  const struct headings *hs)
{
	size_t chars = imp_chars(l->s);

	if (!next || chars < 10 || is_entry(im, l->s) || imp_ends_sentence(l->s, l->len))
		return false;
	if (l->indent > 0) {
		/* indented like the entries, deeper than the sections */
		if (l->indent != next->indent || (hs->top >= 0 && l->indent <= hs->top_indent))
			return false;
	} else if (chars < 16) {
		/* not indented: only a line too long for a section heading */
		return false;
	}
	if (imp_is_paged_entry(im, next->s))
		return true;
	/* a title over three lines: the next bare line continues it too */
	return next + 1 < im->vlines + im->nvlines && imp_chars(next->s) >= 10 && !is_entry(im, next->s) &&
	       next->indent == l->indent && imp_is_paged_entry(im, next[1].s);
}

static void classify(struct imp *im, const struct extent *x)
{
	struct doc *d = im->d;
	struct headings hs = { -1, -1, -1, -1, 0 };

	for (size_t i = 0; i < im->nvlines; i++) {
		struct imp_line *l = &im->vlines[i];
		const struct imp_line *next = i + 1 < im->nvlines ? &im->vlines[i + 1] : NULL;
		struct imp_entry en;

		if (l->gap == -1)
			continue; /* a sidebar value taken with its label */
		if (imp_is_dash_line(l->s))
			continue;
		if (wrapped_entry(im, l, next, &hs)) {
			/* toc.wrapped_entry: the title's first part, and the
			 * next line holds the rest with the page */
			char *joined = xasprintf("%s%s", l->s, next->s);

			free(im->vtext[i + 1]);
			im->vtext[i + 1] = joined;
			im->vlines[i + 1].s = joined;
			im->vlines[i + 1].len = strlen(joined);
			continue;
		}
		if (imp_entry_parse(im->st, l->s, &en)) {
			/* in a paged TOC a bulleted line without a page is a
			 * section ("● 農業" over "◆ … 2") */
			if (en.page > 0 || !x->paged || (en.rule && !strcmp(en.rule, "entry.marker"))) {
				add_entry(im, &en, (int)d->nsections - 1, l->no);
				hs.prev = -1;
				continue;
			}
			imp_entry_free(&en);
		}
		if (front_line(im, l, next, true))
			continue;
		if (!x->paged && pageless_entry(im, l, next)) {
			en.title = imp_collapse_space(l->s);
			en.author = NULL;
			en.page = 0;
			add_entry(im, &en, (int)d->nsections - 1, l->no);
			hs.prev = -1;
			continue;
		}
		if (imp_chars(l->s) > 24) {
			doc_warn(d, DOC_WARN_STRUCTURE, l->no,
				 "line in the table of contents not understood: %.*s",
				 (int)imp_prefix_bytes(l->s, 30), l->s);
			continue;
		}
		add_heading(im, l, &hs);
	}
}

size_t imp_parse_toc(struct imp *im)
{
	struct extent x;
	size_t i, front_end;

	hashes_build(im);
	x = find_extent(im, 0);
	front_end = x.heading != SIZE_MAX ? x.heading : x.first;
	if (front_end == SIZE_MAX)
		front_end = 0;
	/* the front: lines before the TOC heading (or, with a paged TOC and
	 * no heading, before its first entry: those may be its sections) */
	if (!(x.heading == SIZE_MAX && x.paged))
		for (i = 0; i < front_end; i++) {
			struct imp_line *l = &im->lines[i];

			if (l->gap == -1) {
				l->gap = 0;
				continue;
			}
			if (!front_line(im, l, i + 1 < front_end ? l + 1 : NULL, false))
				doc_warn(im->d, DOC_WARN_NOTE, l->no,
					 "front matter line kept only in this warning: %.*s",
					 (int)imp_prefix_bytes(l->s, 60), l->s);
		}
	if (x.first == SIZE_MAX) {
		/* no TOC: the body starts after the front matter, which
		 * ends at the first line that is not front matter */
		for (i = 0; i < im->nlines && i < 60; i++) {
			struct imp_line *l = &im->lines[i];

			if (imp_chars(l->s) > 40 || !front_line(im, l, NULL, true))
				break;
		}
		im->body = i;
		return 0;
	}
	im->body = x.last + 1;
	toc_columns(im, x.heading == SIZE_MAX && x.paged ? 0 : x.first, x.last);
	classify(im, &x);
	toc_author_first(im);
	while (im->body < im->nlines && imp_is_dash_line(im->lines[im->body].s))
		im->body++;
	return im->ntoc;
}

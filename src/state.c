/* SPDX-License-Identifier: MIT */
/* state.c — reading positions in a small text file, one entry a line:
 *   P<TAB>article<TAB>block<TAB>offset<TAB>bundle path
 *   L<TAB>article<TAB>0<TAB>0<TAB>bundle path       (last article read)
 * The newest entries are last; the file is capped so it cannot grow
 * without bound.  Saving re-reads the file and applies only our own
 * changes, so two readers running at once do not undo each other. */
#include "config.h"
#include "state.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATE_MAX_ENTRIES 5000

struct state_entry {
	char kind; /* 'P' or 'L' */
	int64_t article;
	struct state_pos pos;
	char *bundle;
	bool changed;
};

struct state {
	char *path;
	struct state_entry *v;
	size_t n, cap;
};

static void entries_free(struct state_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].bundle);
	free(v);
}

static struct state_entry *find(struct state *s, char kind, const char *bundle, int64_t article)
{
	for (size_t i = s->n; i-- > 0;) {
		struct state_entry *e = &s->v[i];

		if (e->kind == kind && !strcmp(e->bundle, bundle) &&
		    (kind == 'L' || e->article == article))
			return e;
	}
	return NULL;
}

/* Moves entry i to the end (newest), dropping the oldest when full. */
static struct state_entry *touch(struct state *s, struct state_entry *e)
{
	struct state_entry tmp = *e;
	size_t i = (size_t)(e - s->v);

	memmove(&s->v[i], &s->v[i + 1], (s->n - i - 1) * sizeof(*s->v));
	s->v[s->n - 1] = tmp;
	return &s->v[s->n - 1];
}

static struct state_entry *add(struct state *s, char kind, const char *bundle, int64_t article)
{
	struct state_entry *e;

	if (s->n >= STATE_MAX_ENTRIES) {
		free(s->v[0].bundle);
		memmove(&s->v[0], &s->v[1], (s->n - 1) * sizeof(*s->v));
		s->n--;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	e = &s->v[s->n++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->article = article;
	e->bundle = xstrdup(bundle);
	return e;
}

static void set(struct state *s, char kind, const char *bundle, int64_t article,
		const struct state_pos *pos, bool changed)
{
	struct state_entry *e = find(s, kind, bundle, article);

	if (e)
		e = touch(s, e);
	else
		e = add(s, kind, bundle, article);
	e->article = article;
	e->pos = *pos;
	e->changed = changed;
}

/* Reads the file into s, skipping lines that do not parse. */
static void load(struct state *s)
{
	FILE *f = fopen(s->path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	if (!f)
		return;
	while ((len = getline(&line, &cap, f)) > 0) {
		char kind;
		int64_t article;
		int block, used = 0;
		size_t off;

		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (sscanf(line, "%c\t%" SCNd64 "\t%d\t%zu\t%n", &kind, &article, &block, &off,
			   &used) != 4 || !used || (kind != 'P' && kind != 'L') || article <= 0 ||
		    block < 0 || line[used] != '/')
			continue;
		set(s, kind, line + used, article, &(struct state_pos){ block, off }, false);
	}
	free(line);
	fclose(f);
}

char *state_default_path(const char *name)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (x && x[0] == '/')
		return xasprintf("%s/qikan/%s", x, name);
	if (home && *home)
		return xasprintf("%s/.local/state/qikan/%s", home, name);
	return NULL;
}

struct state *state_open(const char *path)
{
	struct state *s = xcalloc(1, sizeof(*s));

	s->path = path ? xstrdup(path) : state_default_path("positions");
	if (s->path)
		load(s);
	return s;
}

void state_free(struct state *s)
{
	if (!s)
		return;
	entries_free(s->v, s->n);
	free(s->path);
	free(s);
}

const char *state_path(const struct state *s)
{
	return s->path;
}

static bool usable_bundle(const char *bundle)
{
	return bundle && bundle[0] == '/' && !strchr(bundle, '\n');
}

bool state_get_pos(struct state *s, const char *bundle, int64_t article, struct state_pos *pos)
{
	struct state_entry *e = usable_bundle(bundle) ? find(s, 'P', bundle, article) : NULL;

	if (!e)
		return false;
	*pos = e->pos;
	return true;
}

void state_set_pos(struct state *s, const char *bundle, int64_t article, const struct state_pos *pos)
{
	if (usable_bundle(bundle) && article > 0)
		set(s, 'P', bundle, article, pos, true);
}

int64_t state_get_last(struct state *s, const char *bundle)
{
	struct state_entry *e = usable_bundle(bundle) ? find(s, 'L', bundle, 0) : NULL;

	return e ? e->article : 0;
}

void state_set_last(struct state *s, const char *bundle, int64_t article)
{
	if (usable_bundle(bundle) && article > 0)
		set(s, 'L', bundle, article, &(struct state_pos){ 0, 0 }, true);
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

int state_save(struct state *s, struct qk_err *e)
{
	struct state fresh = { .path = s->path };
	char *tmp;
	FILE *f;
	bool any = false;
	int rc = -1;

	if (!s->path)
		return qk_err_set(e, "no place for the reading state: set HOME or XDG_STATE_HOME");
	for (size_t i = 0; i < s->n; i++)
		any |= s->v[i].changed;
	if (!any)
		return 0;

	load(&fresh);
	for (size_t i = 0; i < s->n; i++) {
		struct state_entry *x = &s->v[i];

		if (x->changed)
			set(&fresh, x->kind, x->bundle, x->article, &x->pos, false);
	}

	tmp = xasprintf("%s.%ld.tmp", s->path, (long)getpid());
	if (make_parent(tmp)) {
		qk_err_set(e, "%s: cannot create the directory: %s", s->path, strerror(errno));
		goto out;
	}
	f = fopen(tmp, "w");
	if (!f) {
		qk_err_set(e, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < fresh.n; i++) {
		struct state_entry *x = &fresh.v[i];

		fprintf(f, "%c\t%" PRId64 "\t%d\t%zu\t%s\n", x->kind, x->article, x->pos.block,
			x->pos.off, x->bundle);
	}
	if (fclose(f) || rename(tmp, s->path)) {
		qk_err_set(e, "%s: %s", s->path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	for (size_t i = 0; i < s->n; i++)
		s->v[i].changed = false;
	rc = 0;
out:
	free(tmp);
	entries_free(fresh.v, fresh.n);
	return rc;
}

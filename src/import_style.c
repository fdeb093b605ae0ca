/* SPDX-License-Identifier: MIT */
/* import_style.c — the house-style word lists (data/styles.ini plus a
 * site's own file) through iniparser.  Every key of a file must be known:
 * a typo in a site file is an error naming it, not a silently ignored
 * rule. */
#include "config.h"
#include "import.h"
#include "import_priv.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <iniparser.h>

#ifndef QK_DATADIR
#define QK_DATADIR "/usr/local/share/qikan"
#endif

static const struct {
	const char *key; /* "section:key" as iniparser spells it */
	size_t off;
} style_keys[] = {
	{ "toc:headings", offsetof(struct import_style, toc_headings) },
	{ "toc:bullets", offsetof(struct import_style, bullets) },
	{ "toc:author_markers", offsetof(struct import_style, author_markers) },
	{ "issue:labels", offsetof(struct import_style, labels) },
	{ "byline:markers", offsetof(struct import_style, byline_markers) },
	{ "byline:roles", offsetof(struct import_style, byline_roles) },
	{ "section:brackets", offsetof(struct import_style, section_brackets) },
	{ "section:numbered", offsetof(struct import_style, section_numbered) },
	{ "source:markers", offsetof(struct import_style, source_markers) },
	{ "front:skip", offsetof(struct import_style, front_skip) },
	{ "back:markers", offsetof(struct import_style, back_markers) },
};

static struct imp_list *list_at(struct import_style *st, size_t i)
{
	return (struct imp_list *)((char *)st + style_keys[i].off);
}

static void list_add(struct imp_list *l, const char *v)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], v) == 0)
			return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = xstrdup(v);
}

static void list_remove(struct imp_list *l, const char *v)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], v) == 0) {
			free(l->v[i]);
			memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof *l->v);
			l->n--;
			return;
		}
}

/* "a, b, -c": adds a and b, removes c. */
static void list_apply(struct imp_list *l, const char *value)
{
	char *copy = xstrdup(value), *p = copy;

	while (p) {
		char *comma = strchr(p, ','), *v;

		if (comma)
			*comma = '\0';
		v = str_trim(p);
		if (v[0] == '-' && v[1])
			list_remove(l, str_trim(v + 1));
		else if (*v)
			list_add(l, v);
		p = comma ? comma + 1 : NULL;
	}
	free(copy);
}

/* iniparser reports syntax errors through a callback without a user
 * pointer: the messages of the load in progress are collected here. */
static struct sb ini_msgs;

static int ini_cb(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&ini_msgs, fmt, ap);
	va_end(ap);
	return 0;
}

/* Line of the first "key =" in section sec of path, for messages. */
static int key_line(const char *path, const char *sec, const char *key)
{
	FILE *f = fopen(path, "r");
	char buf[4096], cur[256] = "";
	int no = 0;

	if (!f)
		return 0;
	while (fgets(buf, sizeof buf, f)) {
		char *s = str_trim(buf), *eq;

		no++;
		if (*s == '[' && strchr(s, ']')) {
			snprintf(cur, sizeof cur, "%.*s", (int)(strchr(s, ']') - s - 1), s + 1);
			str_trim(cur);
			continue;
		}
		eq = strchr(s, '=');
		if (!eq || *s == ';' || *s == '#' || strcasecmp(cur, sec) != 0)
			continue;
		*eq = '\0';
		if (strcasecmp(str_trim(s), key) == 0) {
			fclose(f);
			return no;
		}
	}
	fclose(f);
	return 0;
}

static int load_file(struct import_style *st, const char *path, struct qk_err *e)
{
	dictionary *d;
	int nsec, rc = 0;

	sb_clear(&ini_msgs);
	iniparser_set_error_callback(ini_cb);
	d = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	if (!d) {
		char *m = ini_msgs.s ? ini_msgs.s : "";

		m[strcspn(m, "\n")] = '\0';
		qk_err_set(e, "%s: cannot read this style file%s%s", path, *m ? ": " : "", m);
		sb_free(&ini_msgs);
		return -1;
	}
	sb_free(&ini_msgs);
	nsec = iniparser_getnsec(d);
	for (int i = 0; i < nsec && rc == 0; i++) {
		const char *sec = iniparser_getsecname(d, i);
		int nk = iniparser_getsecnkeys(d, sec);
		const char **keys = xcalloc((size_t)nk + 1, sizeof *keys);

		if (nk > 0 && iniparser_getseckeys(d, sec, keys))
			for (int k = 0; k < nk && rc == 0; k++) {
				size_t j;

				for (j = 0; j < ARRAY_LEN(style_keys); j++)
					if (strcmp(keys[k], style_keys[j].key) == 0)
						break;
				if (j == ARRAY_LEN(style_keys)) {
					const char *colon = strchr(keys[k], ':');

					e->line = colon ? key_line(path, sec, colon + 1) : 0;
					rc = qk_err_set(e, "%s:%d: unknown key '%s' in section [%s]", path,
							e->line, colon ? colon + 1 : keys[k], sec);
					break;
				}
				list_apply(list_at(st, j), iniparser_getstring(d, keys[k], ""));
			}
		free(keys);
	}
	iniparser_freedict(d);
	return rc;
}

static bool is_file(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

int import_style_load(struct import_style **out, const char *site_file, struct qk_err *e)
{
	struct import_style *st = xcalloc(1, sizeof *st);
	const char *env = getenv("QIKAN_DATADIR");
	char *path = xasprintf("%s/styles.ini", env && *env ? env : QK_DATADIR);

	*out = NULL;
	if (!is_file(path)) {
		qk_err_set(e, "%s: the importer's house styles are missing (reinstall qikan, or set QIKAN_DATADIR to the folder holding styles.ini)",
			   path);
		goto fail;
	}
	if (load_file(st, path, e) < 0)
		goto fail;
	if (site_file && load_file(st, site_file, e) < 0)
		goto fail;
	free(path);
	*out = st;
	return 0;
fail:
	free(path);
	import_style_free(st);
	return -1;
}

void import_style_free(struct import_style *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < ARRAY_LEN(style_keys); i++) {
		struct imp_list *l = list_at(st, i);

		for (size_t k = 0; k < l->n; k++)
			free(l->v[k]);
		free(l->v);
	}
	free(st);
}

/* Bytes of s taken by prefix p when white space in s is ignored (and in
 * p); 0 when s does not start with p. */
size_t imp_loose_prefix(const char *s, const char *p)
{
	const char *r = s;

	while (*p) {
		size_t k;

		if ((k = imp_space_len(p)) > 0) {
			p += k;
			continue;
		}
		while ((k = imp_space_len(r)) > 0)
			r += k;
		if (*r != *p)
			return 0;
		r++;
		p++;
	}
	return (size_t)(r - s);
}

bool imp_list_equal(const struct imp_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++) {
		size_t n = imp_loose_prefix(s, l->v[i]);

		if (n && s[n + imp_space_run(s + n)] == '\0')
			return true;
	}
	return false;
}

size_t imp_list_prefix(const struct imp_list *l, const char *s, const char **which)
{
	size_t best = 0;

	for (size_t i = 0; i < l->n; i++) {
		size_t n = imp_loose_prefix(s, l->v[i]);

		if (n > best) {
			best = n;
			if (which)
				*which = l->v[i];
		}
	}
	return best;
}

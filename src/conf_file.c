/* SPDX-License-Identifier: MIT */
/* conf_file.c — reading config.ini safely and once (see conf_file.h). */
#define _GNU_SOURCE /* memfd_create */
#include "config.h" /* autoconf's */
#include "conf_file.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <iniparser.h>

struct key_line {
	char *key; /* "section:key", lower case, as iniparser names it */
	int line;
};

/* The index of the last file read: config_key_line() is asked once per
 * warning, and a file of 100,000 unknown keys must not be read 100,000
 * times. */
static struct {
	char *path;
	struct key_line *v;
	size_t n;
} cache;

static void cache_clear(void)
{
	for (size_t i = 0; i < cache.n; i++)
		free(cache.v[i].key);
	free(cache.v);
	free(cache.path);
	memset(&cache, 0, sizeof cache);
}

static char *lower_trim(const char *s, size_t n)
{
	char *r = xstrndup(s, n);

	for (char *p = r; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return str_trim(r);
}

static int key_cmp(const void *a, const void *b)
{
	const struct key_line *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

struct filter {
	conf_key_filter keep;
	void *ctx;
	struct strv *w;
	int kept;
};

/* Indexes every key line; blanks those the filter drops. */
static void index_text(const char *path, char *text, struct filter *f)
{
	char *section = xstrdup("");
	size_t cap = 0;
	int lineno = 0;

	cache_clear();
	cache.path = xstrdup(path);
	for (char *s = text; *s; ) {
		char *end = strchr(s, '\n'), *eq;
		size_t len = end ? (size_t)(end - s) : strlen(s);

		lineno++;
		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		eq = memchr(s, '=', len);
		if (len > 0 && *s == '[' && memchr(s, ']', len)) {
			free(section);
			section = lower_trim(s + 1, (size_t)((const char *)memchr(s, ']', len) - s - 1));
			/* iniparser names a key "section:key", so a section
			 * [keys:down] would be the key down of [keys] (found by
			 * fuzz_conf: it unbound down and had no value).  Such a
			 * section is unknown; ':' -> '_' keeps it apart. */
			for (char *c = s + 1; *c != ']'; c++)
				if (*c == ':')
					*c = '_';
		} else if (len > 0 && *s != ';' && *s != '#' && eq) {
			char *key = lower_trim(s, (size_t)(eq - s));

			if (cache.n == cap) {
				cap = cap ? cap * 2 : 64;
				cache.v = xrealloc(cache.v, cap * sizeof *cache.v);
			}
			cache.v[cache.n].key = xasprintf("%s:%s", section, key);
			cache.v[cache.n++].line = lineno;
			if (f && f->keep && !f->keep(f->ctx, section, key, lineno)) {
				memset(s, ' ', len);
			} else if (f && ++f->kept > CONF_MAX_KEYS) {
				if (f->kept == CONF_MAX_KEYS + 1 && f->w)
					strv_push(f->w, xasprintf("%s:%d: more than %d keys: this one and "
								  "the rest ignored / 键过多", path, lineno,
								  CONF_MAX_KEYS));
				memset(s, ' ', len);
			}
			free(key);
		}
		s += len;
		if (*s == '\n')
			s++;
	}
	free(section);
	if (cache.n) /* qsort takes no NULL, even for no keys */
		qsort(cache.v, cache.n, sizeof *cache.v, key_cmp);
}

char *conf_file_read(const char *path, conf_key_filter keep, void *ctx, struct strv *w,
		     struct qk_err *e)
{
	struct filter f = { keep, ctx, w, 0 };
	size_t len = 0, o = 0;
	char *text = read_file_max(path, CONF_MAX_BYTES, &len, e);

	if (!text)
		return NULL;
	if (memchr(text, '\0', len)) {
		free(text);
		qk_err_set(e, "%s: a NUL byte: not a text file / 不是文本文件", path);
		return NULL;
	}
	/* Notepad's defaults: a byte-order mark, and CR LF. */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		memmove(text, text + 3, (len -= 3) + 1);
	for (size_t i = 0; i < len; i++)
		if (!(text[i] == '\r' && text[i + 1] == '\n'))
			text[o++] = text[i];
	text[o] = '\0';
	index_text(path, text, &f);
	return text;
}

struct _dictionary_ *conf_file_parse(const char *text)
{
	struct _dictionary_ *d = NULL;
	size_t len = strlen(text);
	char fdpath[64];
	int fd;

	/* iniparser 4.1 reads only from a path: give it the cleaned text as
	 * an anonymous in-memory file. */
	fd = memfd_create("qikan-config", MFD_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (write(fd, text, len) == (ssize_t)len) {
		snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
		d = iniparser_load(fdpath);
	}
	close(fd);
	return d;
}

int conf_file_line(const char *path, const char *section, const char *key)
{
	struct key_line want;
	struct qk_err e = { 0 };
	int found = 0;
	size_t lo = 0, hi;

	if (!cache.path || strcmp(cache.path, path)) {
		char *text = conf_file_read(path, NULL, NULL, NULL, &e);

		if (!text)
			return 0;
		free(text);
	}
	want.key = xasprintf("%s:%s", section, key);
	for (char *p = want.key; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	/* The last line that sets the key: iniparser keeps the last one. */
	hi = cache.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(cache.v[mid].key, want.key) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && !strcmp(cache.v[lo - 1].key, want.key))
		found = cache.v[lo - 1].line;
	free(want.key);
	return found;
}

void conf_file_forget(void)
{
	cache_clear();
}

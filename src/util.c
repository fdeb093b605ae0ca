/* SPDX-License-Identifier: MIT */
/* util.c — checked allocation, string buffer, errors. */
#include "config.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unictype.h>
#include <unistr.h>

static void (*fatal_hook)(void);

void util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

void die(const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook)
		fatal_hook();
	fputs("qikan: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void *check(void *p)
{
	if (!p)
		die("out of memory / 内存不足");
	return p;
}

void *xmalloc(size_t n)
{
	return check(malloc(n ? n : 1));
}

void *xcalloc(size_t n, size_t size)
{
	return check(calloc(n ? n : 1, size ? size : 1));
}

void *xrealloc(void *p, size_t n)
{
	return check(realloc(p, n ? n : 1));
}

char *xstrdup(const char *s)
{
	return check(strdup(s ? s : ""));
}

char *xstrndup(const char *s, size_t n)
{
	/* NULL as "", as xstrdup: a damaged bundle can give a NULL column. */
	return check(strndup(s ? s : "", s ? n : 0));
}

char *xasprintf(const char *fmt, ...)
{
	struct sb b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	return sb_steal(&b);
}

static void sb_grow(struct sb *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	b->cap = b->cap ? b->cap * 2 : 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = xrealloc(b->s, b->cap);
}

void sb_add(struct sb *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_adds(struct sb *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void sb_addc(struct sb *b, char c)
{
	sb_add(b, &c, 1);
}

void sb_vprintf(struct sb *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	sb_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void sb_printf(struct sb *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

bool uc_is_hidden(uint32_t uc)
{
	if (uc < 0x20 || (uc >= 0x7f && uc <= 0x9f))
		return true;
	if (uc < 0xa0 || (uc >= 0x4e00 && uc <= 0x9fff))
		return false;
	return uc_is_general_category(uc, UC_CATEGORY_Cf) || uc == 0x2028 || uc == 0x2029;
}

bool str_is_visible_text(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s);

	if (u8_check(p, n))
		return false;
	while (n > 0) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, p, n);

		if (uc_is_hidden(uc))
			return false;
		p += k;
		n -= (size_t)k;
	}
	return true;
}

bool str_is_blank(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s);

	while (n > 0) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, p, n);

		if (!uc_is_space(uc) && !uc_is_general_category(uc, UC_CATEGORY_Z) &&
		    !uc_is_general_category(uc, UC_CATEGORY_Cf))
			return false;
		p += k;
		n -= (size_t)k;
	}
	return true;
}

void sb_json_str(struct sb *b, const char *s)
{
	const uint8_t *p = (const uint8_t *)(s ? s : "");
	size_t n = strlen((const char *)p);

	sb_addc(b, '"');
	while (n > 0) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, p, n);

		if (uc == '"' || uc == '\\')
			sb_printf(b, "\\%c", (char)uc);
		else if (uc == '\n')
			sb_adds(b, "\\n");
		else if (uc == '\t')
			sb_adds(b, "\\t");
		/* Controls, bidi and zero-width format characters and the
		 * line separators are escaped, so JSON shown in a terminal
		 * carries no control sequence and no reordered text; invalid
		 * UTF-8 arrives here as U+FFFD. */
		else if (uc_is_hidden(uc) && uc > 0xffff) /* UTF-16 surrogates */
			sb_printf(b, "\\u%04x\\u%04x", (unsigned)(0xd800 + ((uc - 0x10000) >> 10)),
				  (unsigned)(0xdc00 + ((uc - 0x10000) & 0x3ff)));
		else if (uc_is_hidden(uc))
			sb_printf(b, "\\u%04x", (unsigned)uc);
		else if (uc == 0xfffd && !(k == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] == 0xbd))
			sb_adds(b, "\xef\xbf\xbd");
		else
			sb_add(b, (const char *)p, (size_t)k);
		p += k;
		n -= (size_t)k;
	}
	sb_addc(b, '"');
}

void sb_clear(struct sb *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

char *sb_steal(struct sb *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void sb_free(struct sb *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

int qk_err_set(struct qk_err *e, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void strv_push(struct strv *a, char *owned)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		a->v = xrealloc(a->v, a->cap * sizeof *a->v);
	}
	a->v[a->n++] = owned;
}

void strv_free(struct strv *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
}

char *read_fd_max(int fd, const char *name, size_t max, size_t *len, struct qk_err *e)
{
	struct sb b = { 0 };
	char buf[65536];
	ssize_t n;

	/* Read at most max + 1 bytes: a file that grows while we read is
	 * still caught. */
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			qk_err_set(e, "%s: read error: %s", name, strerror(errno));
			sb_free(&b);
			return NULL;
		}
		sb_add(&b, buf, (size_t)n);
		if (b.len > max) {
			qk_err_set(e, "%s: larger than %zu MB, refused / 文件过大", name, max >> 20);
			sb_free(&b);
			return NULL;
		}
	}
	*len = b.len;
	return sb_steal(&b);
}

char *read_file_max(const char *path, size_t max, size_t *len, struct qk_err *e)
{
	struct stat st;
	char *s = NULL;
	int fd;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		qk_err_set(e, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		qk_err_set(e, "%s: not a regular file / 不是普通文件", path);
	else if ((uint64_t)st.st_size > max)
		qk_err_set(e, "%s: larger than %zu MB, refused / 文件过大", path, max >> 20);
	else
		s = read_fd_max(fd, path, max, len, e);
	close(fd);
	return s;
}

char *read_file(const char *path, size_t *len, struct qk_err *e)
{
	return read_file_max(path, READ_FILE_MAX, len, e);
}

/* U+3000 IDEOGRAPHIC SPACE is E3 80 80 in UTF-8. */
static size_t space_at(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '\f' || *s == '\v')
		return 1;
	if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

char *str_trim(char *s)
{
	size_t n, k, len;
	char *start = s;

	while ((k = space_at(start)) > 0)
		start += k;
	len = strlen(start);
	for (;;) {
		if (len >= 1 && space_at(start + len - 1) == 1) {
			len--;
			continue;
		}
		if (len >= 3 && space_at(start + len - 3) == 3) {
			len -= 3;
			continue;
		}
		break;
	}
	n = len;
	memmove(s, start, n);
	s[n] = '\0';
	return s;
}

bool str_is_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

bool str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ends(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

long read_file_head(const char *path, void *buf, size_t n)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ssize_t got;

	if (fd < 0)
		return -1;
	got = read(fd, buf, n);
	close(fd);
	return got;
}

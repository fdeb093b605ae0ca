/* SPDX-License-Identifier: MIT */
/* out.c — sanitising, encoding filters on stdout and stderr (see out.h).
 *
 * The filters are stdio cookie streams (glibc fopencookie) put in place of
 * stdout and stderr: printf, fputs and putchar keep working unchanged, and
 * no code path can bypass the sanitiser by forgetting a call. */
#include "config.h"
#include "out.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unictype.h>
#include <uniconv.h>
#include <unistd.h>
#include <unistr.h>

struct filter {
	int fd;
	FILE *orig;        /* the stream we replaced */
	char *charset;     /* NULL: UTF-8 unchanged */
	bool crlf, bom;    /* bom: still to be written */
	bool wrote;        /* something went out (a BOM comes only first) */
	unsigned char pend[4]; /* an incomplete UTF-8 sequence from the last write */
	size_t npend;
	int err;           /* first write error (errno), 0 when none */
};

static struct filter filters[2];

/* ---- the sanitiser ---------------------------------------------------- */

static bool needs_placeholder(ucs4_t uc)
{
	if (uc >= 0x80 && uc < 0xa0) /* C1 */
		return true;
	if (uc >= 0x4e00 && uc <= 0x9fff) /* the common case: a Han character */
		return false;
	if (uc == 0x2028 || uc == 0x2029) /* they would start a real line */
		return true;
	return uc_is_general_category(uc, UC_CATEGORY_Cf) ||
	       uc_is_general_category(uc, UC_CATEGORY_Cn) ||
	       uc_is_general_category(uc, UC_CATEGORY_Cc);
}

/* Sanitises s[0..n); returns how many bytes were consumed, which is less
 * than n only when s ends inside a UTF-8 sequence and `partial` allows
 * leaving it for the next call. */
static size_t sanitize(struct sb *dst, const char *s, size_t n, bool oneline, bool partial)
{
	size_t i = 0, run;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		ucs4_t uc;
		int k;

		for (run = i; run < n && s[run] >= 0x20 && s[run] < 0x7f; run++)
			;
		if (run > i) {
			sb_add(dst, s + i, run - i);
			i = run;
			continue;
		}
		/* Layout, not commands: LF, TAB and the form feed export puts
		 * between issues (text fields arrive with their own controls
		 * already in caret form, see layout_sanitize). */
		if (((c == '\n' || c == '\f') && !oneline) || c == '\t') {
			sb_addc(dst, (char)c);
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			sb_addc(dst, '^');
			sb_addc(dst, c == 0x7f ? '?' : (char)(c + '@'));
			i++;
			continue;
		}
		k = u8_mbtoucr(&uc, (const uint8_t *)s + i, n - i);
		if (k == -2 && partial)
			return i; /* the rest of the character comes next time */
		if (k < 0) {
			k = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
			sb_adds(dst, "\xef\xbf\xbd");
			i += k > 0 ? (size_t)k : 1;
			continue;
		}
		if (needs_placeholder(uc))
			sb_printf(dst, "<U+%04X>", (unsigned)uc);
		else
			sb_add(dst, s + i, (size_t)k);
		i += (size_t)k;
	}
	return i;
}

void out_sanitize(struct sb *dst, const char *s, size_t n, bool oneline)
{
	sanitize(dst, s, n, oneline, false);
}

char *out_oneline(const char *s)
{
	struct sb b = { 0 };

	out_sanitize(&b, s ? s : "", s ? strlen(s) : 0, true);
	for (size_t i = 0; i < b.len; i++)
		if (b.s[i] == '\t')
			b.s[i] = ' ';
	return sb_steal(&b);
}

void out_field(FILE *f, const char *s)
{
	struct sb b = { 0 };

	out_sanitize(&b, s ? s : "", s ? strlen(s) : 0, true);
	if (b.len)
		fwrite(b.s, 1, b.len, f);
	sb_free(&b);
}

/* ---- the filter streams ----------------------------------------------- */

static int write_all(struct filter *f, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(f->fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (!f->err)
				f->err = w < 0 ? errno : EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Sanitised UTF-8 -> line ends -> charset -> the file descriptor. */
static int emit(struct filter *f, const char *s, size_t n)
{
	struct sb lines = { 0 };
	char *conv = NULL;
	size_t clen = 0;
	int rc = 0;

	if (f->crlf) {
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '\n')
				sb_addc(&lines, '\r');
			sb_addc(&lines, s[i]);
		}
		s = lines.s ? lines.s : "";
		n = lines.len;
	}
	if (f->bom && !f->wrote && n > 0)
		rc = write_all(f, "\xef\xbb\xbf", 3);
	if (n > 0)
		f->wrote = true;
	if (rc == 0 && n > 0 && f->charset) {
		conv = u8_conv_to_encoding(f->charset, iconveh_question_mark, (const uint8_t *)s, n,
					   NULL, NULL, &clen);
		if (!conv) {
			f->err = f->err ? f->err : errno;
			rc = -1;
		} else {
			rc = write_all(f, conv, clen);
		}
	} else if (rc == 0 && n > 0) {
		rc = write_all(f, s, n);
	}
	free(conv);
	sb_free(&lines);
	return rc;
}

static ssize_t filter_write(void *cookie, const char *buf, size_t size)
{
	struct filter *f = cookie;
	struct sb in = { 0 }, clean = { 0 };
	size_t used;
	int rc;

	/* fopencookie: a short count (0) is how a write reports failure. */
	if (f->err) {
		errno = f->err;
		return 0;
	}
	sb_add(&in, (const char *)f->pend, f->npend);
	sb_add(&in, buf, size);
	used = sanitize(&clean, in.s, in.len, false, true);
	f->npend = in.len - used; /* at most 3 bytes: an unfinished character */
	memcpy(f->pend, in.s + used, f->npend);
	rc = emit(f, clean.s ? clean.s : "", clean.len);
	sb_free(&in);
	sb_free(&clean);
	if (rc) {
		errno = f->err;
		return 0;
	}
	return (ssize_t)size;
}

static int filter_close(void *cookie)
{
	struct filter *f = cookie;
	int rc = 0;

	if (f->npend) {
		/* A character cut off at the very end shows as U+FFFD. */
		struct sb clean = { 0 };

		sanitize(&clean, (const char *)f->pend, f->npend, false, false);
		f->npend = 0;
		rc = emit(f, clean.s, clean.len);
		sb_free(&clean);
	}
	free(f->charset);
	f->charset = NULL;
	return rc;
}

/* Charsets that hold Chinese; any other locale charset cannot show it. */
static bool charset_has_chinese(const char *cs)
{
	static const char *const ok[] = { "UTF-8", "GB18030", "GBK", "GB2312", "EUC-CN",
					  "BIG5", "BIG5-HKSCS", "EUC-TW", "CP936" };

	for (size_t i = 0; i < ARRAY_LEN(ok); i++)
		if (!strcasecmp(cs, ok[i]))
			return true;
	return false;
}

static char *terminal_charset(int fd)
{
	const char *cs = locale_charset();

	if (!isatty(fd) || !strcasecmp(cs, "UTF-8"))
		return NULL;
	return xstrdup(cs);
}

static FILE *install(struct filter *f, FILE *orig, int fd, int mode)
{
	static const cookie_io_functions_t io = { .write = filter_write, .close = filter_close };
	FILE *s;

	fflush(orig);
	f->fd = fd;
	f->orig = orig;
	f->charset = terminal_charset(fd);
	s = fopencookie(f, "w", io);
	if (!s)
		die("cannot set up output: %s", strerror(errno));
	setvbuf(s, NULL, mode, BUFSIZ);
	return s;
}

void out_error_line(const char *line)
{
	struct sb b = { 0 };

	out_sanitize(&b, line, strlen(line), true);
	sb_addc(&b, '\n');
	if (filters[1].orig) {
		fputs(b.s, stderr);
	} else {
		struct filter f = { .fd = STDERR_FILENO, .charset = terminal_charset(STDERR_FILENO) };

		fflush(stderr); /* what was printed before comes first */
		emit(&f, b.s, b.len);
		free(f.charset);
	}
	sb_free(&b);
}

bool out_is_terminal(void)
{
	return isatty(STDOUT_FILENO);
}

void out_init_stderr(void)
{
	if (!filters[1].orig)
		stderr = install(&filters[1], stderr, STDERR_FILENO, _IOLBF);
}

int out_init(bool allow_plain)
{
	const char *cs = locale_charset();
	bool plain = isatty(STDOUT_FILENO) && !charset_has_chinese(cs);

	out_init_stderr();
	if (plain && !allow_plain) {
		/* ASCII only: this terminal could show nothing else. */
		fprintf(stderr,
			"qikan: this terminal's locale (character set %s) cannot show Chinese.\n"
			"Use a UTF-8 or Chinese locale, e.g. LANG=zh_CN.UTF-8 (or zh_CN.GB18030\n"
			"for a GBK terminal), or send the output to a file or a pipe.\n",
			cs);
		return 2;
	}
	stdout = install(&filters[0], stdout, STDOUT_FILENO,
			 isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF);
	return 0;
}

int out_configure(const struct out_opts *o, struct qk_err *e)
{
	struct filter *f = &filters[0];
	char *cs = NULL;

	if (o->encoding) {
		if (!strcasecmp(o->encoding, "gb18030") || !strcasecmp(o->encoding, "gbk"))
			cs = xstrdup(!strcasecmp(o->encoding, "gbk") ? "GBK" : "GB18030");
		else if (strcasecmp(o->encoding, "utf-8") && strcasecmp(o->encoding, "utf8"))
			return qk_err_set(e, "--encoding wants gb18030 or utf-8, not '%s'", o->encoding);
	}
	if (o->bom && (cs || (!o->encoding && f->charset))) {
		free(cs);
		return qk_err_set(e, "--bom is for UTF-8 output only / BOM 仅用于 UTF-8");
	}
	if (!f->orig)
		return 0; /* no filter (unit tests) */
	fflush(stdout);
	if (o->encoding) {
		free(f->charset);
		f->charset = cs;
	}
	f->crlf = o->crlf;
	f->bom = o->bom;
	return 0;
}

int out_raw(const void *p, size_t n)
{
	struct filter *f = &filters[0];

	fflush(stdout);
	if (isatty(STDOUT_FILENO)) {
		errno = ENOTTY;
		return -1;
	}
	f->fd = f->orig ? f->fd : STDOUT_FILENO;
	if (write_all(f, p, n)) {
		errno = f->err;
		return -1;
	}
	return 0;
}

int out_finish(int rc)
{
	struct filter *f = &filters[0];
	bool bad;

	if (!filters[0].orig)
		return rc;
	bad = fflush(stdout) != 0 || ferror(stdout) || f->err;
	bad = fclose(stdout) != 0 || bad;
	stdout = f->orig;
	f->orig = NULL;
	/* close(1) reports a write error some file systems delay until then. */
	if (!bad && close(STDOUT_FILENO) != 0 && errno != EBADF) {
		f->err = errno;
		bad = true;
	}
	if (bad) {
		fprintf(stderr, "qikan: cannot write the output: %s / 输出写入失败\n",
			strerror(f->err ? f->err : EIO));
		rc = EXIT_FAILURE; /* 1: the command ran, its output is lost */
	}
	fflush(stderr);
	return rc;
}

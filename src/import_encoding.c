/* SPDX-License-Identifier: MIT */
/* import_encoding.c — raw bytes -> UTF-8.
 *
 * Accepts UTF-8 (with or without BOM) and GB18030/GBK.  GB18030 is chosen
 * only when the bytes are not UTF-8 and do not look like UTF-8 with a few
 * damaged bytes: GBK text is almost never valid UTF-8 for long, whereas
 * damaged UTF-8 Chinese often *is* structurally valid GB18030 (E4 B8 is a
 * legal GB pair), so converting it would silently produce nonsense. */
#include "config.h"
#include "import_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <uniconv.h>
#include <unistr.h>

/* 1-based line of byte offset off, for messages. */
static int line_of(const char *buf, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

static int bad_byte(struct qk_err *e, const char *buf, size_t off, const char *what)
{
	e->line = line_of(buf, off);
	return qk_err_set(e, "byte offset %zu: %s (byte 0x%02X)", off, what,
			  (unsigned char)buf[off]);
}

/* Control bytes other than tab, line feed, vertical tab, form feed and
 * carriage return mean this is not a text file.  Bytes below 0x30 are never
 * part of a multi-byte GB18030 character, so one scan serves both
 * encodings. */
static size_t find_control(const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];

		if ((c < 0x20 && (c < 0x09 || c > 0x0D)) || c == 0x7F)
			return i;
	}
	return (size_t)-1;
}

/* Offset of the first byte that cannot start a GB18030 character, or -1. */
static size_t gb18030_bad(const unsigned char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c == 0x80 || c == 0xFF || i + 1 >= len)
			return i;
		if ((p[i + 1] >= 0x40 && p[i + 1] <= 0x7E) || (p[i + 1] >= 0x80 && p[i + 1] <= 0xFE)) {
			i += 2;
			continue;
		}
		if (p[i + 1] >= 0x30 && p[i + 1] <= 0x39 && i + 3 < len &&
		    p[i + 2] >= 0x81 && p[i + 2] <= 0xFE && p[i + 3] >= 0x30 && p[i + 3] <= 0x39) {
			i += 4;
			continue;
		}
		return i;
	}
	return (size_t)-1;
}

/* Counts valid multi-byte UTF-8 characters and invalid positions; returns the
 * offset of the first invalid one or -1.  Also reports the first C1 control
 * (U+0080..U+009F), which no text we import contains. */
static size_t utf8_scan(const uint8_t *p, size_t len, size_t *good, size_t *bad, size_t *c1)
{
	size_t first = (size_t)-1, i = 0;

	*good = *bad = 0;
	*c1 = (size_t)-1;
	while (i < len) {
		ucs4_t uc;
		int n;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = u8_mbtoucr(&uc, p + i, len - i);
		if (n < 0) {
			if (first == (size_t)-1)
				first = i;
			(*bad)++;
			i++;
			continue;
		}
		if (uc >= 0x80 && uc <= 0x9F && *c1 == (size_t)-1)
			*c1 = i;
		(*good)++;
		i += (size_t)n;
	}
	return first;
}

int imp_decode(const char *buf, size_t len, char **out, size_t *outlen, struct doc *d,
	       struct qk_err *e)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t off, good, bad, c1, gbbad;
	const char *nul;
	char *conv;

	if (len == 0)
		return qk_err_set(e, "empty file");
	if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
		return qk_err_set(e, "byte offset 0: UTF-16 text is not supported; "
				     "convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)");
	nul = memchr(buf, '\0', len);
	if (nul)
		return bad_byte(e, buf, (size_t)(nul - buf), "NUL byte: this looks like a binary file, not text");
	off = find_control(p, len);
	if (off != (size_t)-1)
		return bad_byte(e, buf, off, "control character: this looks like a binary file, not text");

	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		buf += 3;
		len -= 3;
		p += 3;
		d->encoding = xstrdup("UTF-8");
		off = utf8_scan(p, len, &good, &bad, &c1);
		if (off != (size_t)-1)
			return bad_byte(e, buf - 3, off + 3, "invalid UTF-8 in a file marked as UTF-8");
		if (c1 != (size_t)-1)
			return bad_byte(e, buf - 3, c1 + 3, "C1 control character: not a text file");
		goto copy;
	}
	off = utf8_scan(p, len, &good, &bad, &c1);
	if (off == (size_t)-1) {
		if (c1 != (size_t)-1)
			return bad_byte(e, buf, c1, "C1 control character: not a text file");
		d->encoding = xstrdup("UTF-8");
		goto copy;
	}
	/* Mostly good UTF-8 with a few bad bytes: damaged UTF-8, not GBK. */
	if (good > 4 * bad)
		return bad_byte(e, buf, off, "invalid UTF-8");
	gbbad = gb18030_bad(p, len);
	if (gbbad != (size_t)-1) {
		e->line = line_of(buf, off);
		return qk_err_set(e, "byte offset %zu: invalid UTF-8 (byte 0x%02X), and not GB18030 "
				     "either (byte offset %zu, byte 0x%02X)",
				  off, p[off], gbbad, p[gbbad]);
	}
	conv = (char *)u8_conv_from_encoding("GB18030", iconveh_error, buf, len, NULL, NULL, outlen);
	if (!conv) {
		e->line = line_of(buf, off);
		return qk_err_set(e, "byte offset %zu: invalid UTF-8, and conversion from GB18030 "
				     "failed: %s", off, strerror(errno));
	}
	d->encoding = xstrdup("GB18030");
	doc_warn(d, DOC_WARN_ENCODING, 0, "converted from GB18030 to UTF-8");
	*out = xrealloc(conv, *outlen + 1);
	(*out)[*outlen] = '\0';
	/* a GB18030 file may still begin with an encoded BOM (U+FEFF) */
	if (*outlen >= 3 && memcmp(*out, "\xEF\xBB\xBF", 3) == 0) {
		memmove(*out, *out + 3, *outlen - 3 + 1);
		*outlen -= 3;
	}
	return 0;
copy:
	*out = xmalloc(len + 1);
	memcpy(*out, buf, len);
	(*out)[len] = '\0';
	*outlen = len;
	return 0;
}

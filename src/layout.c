/* SPDX-License-Identifier: MIT */
/* layout.c — display width, safe display of untrusted text, cutting to a
 * column count.  Line breaking lives in layout_wrap.c, the East Asian
 * Ambiguous table in layout_eaw.c.  See layout.h for the width rules. */
#include "config.h"
#include "layout.h"

#include <stdio.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>
#include <uniwidth.h>

/* Printable, assigned characters on which libunistring 1.0 and glibc 2.36
 * wcwidth() disagree; glibc wins because ncurses draws with it.  The other
 * disagreements are format characters and unassigned code points, which
 * layout_sanitize() replaces.  The unit test compares every code point with
 * wcwidth(), so a library upgrade that moves these fails loudly. */
static const struct {
	uint32_t lo, hi;
	int width;
} width_fixes[] = {
	{ 0x0CBF, 0x0CBF, 0 }, /* KANNADA VOWEL SIGN I */
	{ 0x0CC6, 0x0CC6, 0 }, /* KANNADA VOWEL SIGN E */
	{ 0x11A07, 0x11A08, 0 }, /* ZANABAZAR SQUARE VOWEL SIGNS */
	{ 0x11C3F, 0x11C3F, 0 }, /* BHAIKSUKI VOWEL SIGN */
	{ 0x3248, 0x324F, 2 }, /* CIRCLED NUMBER TEN ON BLACK SQUARE .. */
	{ 0x4DC0, 0x4DFF, 2 }, /* YIJING HEXAGRAM SYMBOLS */
};

static int width_fixed(uint32_t uc)
{
	size_t i;

	if (uc < 0x0CBF)
		return -1;
	for (i = 0; i < ARRAY_LEN(width_fixes); i++)
		if (uc >= width_fixes[i].lo && uc <= width_fixes[i].hi)
			return width_fixes[i].width;
	return -1;
}

int layout_char_width(uint32_t uc, const struct layout_opts *o)
{
	int w;

	if (uc >= 0x20 && uc < 0x7f)
		return 1;
	if (uc >= 0x4e00 && uc <= 0x9fff) /* the common case in our text */
		return 2;
	if (o && o->char_width && uc >= 0x80) {
		w = o->char_width(uc);
		if (w >= 0)
			return w;
		o = NULL;
	}
	w = width_fixed(uc);
	if (w < 0)
		w = uc_width(uc, "UTF-8");
	if (w < 0) /* controls: sanitized text has none */
		return 0;
	if (w == 1 && o && o->ambiguous_wide && layout_is_ambiguous(uc))
		return 2;
	return w;
}

/* Decodes one character of possibly invalid UTF-8 (invalid -> U+FFFD). */
int layout_decode(const char *s, size_t n, uint32_t *uc)
{
	ucs4_t c;
	int k;

	if ((unsigned char)*s < 0x80) {
		*uc = (unsigned char)*s;
		return 1;
	}
	k = u8_mbtouc(&c, (const uint8_t *)s, n);
	*uc = c;
	return k > 0 ? k : 1;
}

int layout_width_n(const char *s, size_t len, const struct layout_opts *o)
{
	size_t i = 0;
	int w = 0;

	while (i < len) {
		uint32_t uc;

		i += layout_decode(s + i, len - i, &uc);
		w += layout_char_width(uc, o);
	}
	return w;
}

int layout_width(const char *s, const struct layout_opts *o)
{
	return s ? layout_width_n(s, strlen(s), o) : 0;
}

int layout_curses_shortfall(const char *s, size_t len, const struct layout_opts *o)
{
	size_t i = 0;
	int n = 0;

	if (!o || !o->ambiguous_wide || o->char_width)
		return 0;
	while (i < len) {
		uint32_t uc;

		i += layout_decode(s + i, len - i, &uc);
		n += layout_char_width(uc, o) - layout_char_width(uc, NULL);
	}
	return n;
}

size_t layout_prefix(const char *s, size_t len, int width, const struct layout_opts *o,
		     int *used)
{
	size_t i = 0;
	int w = 0;

	while (i < len) {
		uint32_t uc;
		int k = layout_decode(s + i, len - i, &uc);
		int cw = layout_char_width(uc, o);

		/* A zero-width mark stays with the character before it. */
		if (cw > 0 && w + cw > width)
			break;
		if (cw == 0 && i == 0 && width <= 0)
			break;
		w += cw;
		i += k;
	}
	if (used)
		*used = w;
	return i;
}

int layout_fit(struct sb *out, const char *s, int width, bool ellipsis, bool pad,
	       const struct layout_opts *o)
{
	size_t len = s ? strlen(s) : 0, cut;
	int w = layout_width_n(s ? s : "", len, o);
	int ew = layout_char_width(0x2026, o); /* "…" */
	int used;

	if (width <= 0)
		return 0;
	if (w <= width) {
		sb_add(out, s ? s : "", len);
		for (; pad && w < width; w++)
			sb_addc(out, ' ');
		return w;
	}
	if (ellipsis && width < ew)
		ellipsis = false;
	cut = layout_prefix(s, len, ellipsis ? width - ew : width, o, &used);
	sb_add(out, s, cut);
	if (ellipsis) {
		sb_adds(out, "…");
		used += ew;
	}
	/* A cut string is exactly `width` wide: a wide character that would
	 * have straddled the edge leaves a space instead. */
	for (; used < width; used++)
		sb_addc(out, ' ');
	return used;
}

/* --- sanitizing ---------------------------------------------------------- */

static bool needs_placeholder(uint32_t uc)
{
	if (uc >= 0x80 && uc < 0xa0) /* C1 */
		return true;
	if (uc >= 0x4e00 && uc <= 0x9fff)
		return false;
	return uc_is_general_category(uc, UC_CATEGORY_Cf) ||
	       uc_is_general_category(uc, UC_CATEGORY_Cn) ||
	       uc_is_general_category(uc, UC_CATEGORY_Cc);
}

/* oneline: a field that must stay one line (a title, a name), where a line
 * break could fake the line after it ("□ 作者" under a title): LF, CR and
 * U+2028/9 are shown, not obeyed. */
static char *sanitize(const char *s, size_t len, bool oneline)
{
	struct sb b = { 0 };
	size_t i = 0, run;
	int col = 0; /* columns since the last LF, for tab stops */

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t uc;
		ucs4_t u;
		int k;

		/* Plain printable ASCII: copy the whole run. */
		for (run = i; run < len && s[run] >= 0x20 && s[run] < 0x7f; run++)
			;
		if (run > i) {
			sb_add(&b, s + i, run - i);
			col += (int)(run - i);
			i = run;
			continue;
		}
		if (c == '\n' && !oneline) {
			sb_addc(&b, '\n');
			col = 0;
			i++;
			continue;
		}
		if (c == '\t') {
			do
				sb_addc(&b, ' ');
			while (++col % 8);
			i++;
			continue;
		}
		if (c == '\r' && !oneline && i + 1 < len && s[i + 1] == '\n') {
			i++; /* CR LF -> LF */
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			sb_addc(&b, '^');
			sb_addc(&b, c == 0x7f ? '?' : (char)(c + '@'));
			col += 2;
			i++;
			continue;
		}
		k = u8_mbtoucr(&u, (const uint8_t *)s + i, len - i);
		if (k < 0) {
			/* Invalid or truncated: one U+FFFD for the bytes
			 * u8_mbtouc() would consume as one bad sequence. */
			k = u8_mbtouc(&u, (const uint8_t *)s + i, len - i);
			sb_adds(&b, "\xef\xbf\xbd");
			col += 1;
			i += k > 0 ? (size_t)k : 1;
			continue;
		}
		uc = u;
		if ((uc == 0x2028 || uc == 0x2029) && !oneline) {
			sb_addc(&b, '\n');
			col = 0;
		} else if (needs_placeholder(uc) || uc == 0x2028 || uc == 0x2029) {
			char tmp[16];
			int n = snprintf(tmp, sizeof tmp, "<U+%04X>", (unsigned)uc);

			sb_add(&b, tmp, (size_t)n);
			col += n;
		} else {
			sb_add(&b, s + i, (size_t)k);
			col += layout_char_width(uc, NULL);
		}
		i += (size_t)k;
	}
	return sb_steal(&b);
}

char *layout_sanitize(const char *s, size_t len)
{
	return sanitize(s, len, false);
}

char *layout_sanitize_line(const char *s, size_t len)
{
	return sanitize(s, len, true);
}

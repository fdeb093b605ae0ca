/* SPDX-License-Identifier: MIT */
/* layout_wrap.c — line breaking: libunistring's UAX #14 break opportunities,
 * tailored with the Chinese line-start/line-end rules (kinsoku), filled
 * greedily.  One u8_possible_linebreaks() call per paragraph and a single
 * forward scan (a line is re-scanned only from its last break opportunity),
 * so wrapping is linear in the text.
 *
 * Why not u8_width_linebreaks(): it measures with libunistring's uc_width(),
 * not the glibc-corrected width ncurses draws with (layout.c), its only
 * ambiguous-width switch is an encoding name that widens far more than the
 * East Asian Ambiguous set, it lets a word longer than the line overflow,
 * and it keeps the last column free.  Where none of that matters (plain
 * English) the two agree break for break; the unit test checks it. */
#include "config.h"
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>
#include <unistr.h>

/* Characters that may not start a line (行首禁则): closing brackets and
 * quotes, sentence and clause punctuation, the ellipsis and the dash, the
 * iteration mark, and their ASCII cousins. */
static bool is_closing(uint32_t uc)
{
	switch (uc) {
	case ',': case '.': case ';': case ':': case '?': case '!':
	case ')': case ']': case '}': case '%':
	case 0x00B7: /* · */
	case 0x2014: case 0x2015: /* — ― */
	case 0x2019: case 0x201D: /* ’ ” */
	case 0x2026: case 0x2025: /* … ‥ */
	case 0x2030: case 0x2103: /* ‰ ℃ */
	case 0x3001: case 0x3002: /* 、 。 */
	case 0x3005: /* 々 */
	case 0x3009: case 0x300B: case 0x300D: case 0x300F: /* 〉 》 」 』 */
	case 0x3011: case 0x3015: case 0x3017: case 0x3019: case 0x301B: /* 】 〕 〗 〙 〛 */
	case 0x301E: case 0x301F: /* 〞 〟 */
	case 0x30FB: /* ・ */
	case 0xFE50: case 0xFE51: case 0xFE52: case 0xFE54: case 0xFE55: case 0xFE56:
	case 0xFE57: /* small form punctuation */
	case 0xFF01: case 0xFF05: case 0xFF09: case 0xFF0C: case 0xFF0E: /* ！ ％ ） ， ． */
	case 0xFF1A: case 0xFF1B: case 0xFF1F: /* ： ； ？ */
	case 0xFF3D: case 0xFF5D: case 0xFF60: case 0xFF61: case 0xFF63: case 0xFF64:
		return true;
	}
	return false;
}

/* Characters that may not end a line (行尾禁则): opening brackets and quotes. */
static bool is_opening(uint32_t uc)
{
	switch (uc) {
	case '(': case '[': case '{':
	case 0x2018: case 0x201C: /* ‘ “ */
	case 0x3008: case 0x300A: case 0x300C: case 0x300E: /* 〈 《 「 『 */
	case 0x3010: case 0x3014: case 0x3016: case 0x3018: case 0x301A: /* 【 〔 〖 〘 〚 */
	case 0x301D: /* 〝 */
	case 0xFF08: case 0xFF3B: case 0xFF5B: case 0xFF5F: case 0xFF62: /* （ ［ ｛ */
		return true;
	}
	return false;
}

/* Wide enough to be CJK text (Han, kana, full-width forms). */
static bool is_wide(uint32_t uc)
{
	return layout_char_width(uc, NULL) == 2;
}

/* May a line break between prev and c, given libunistring's verdict? */
static bool may_break(char verdict, uint32_t prev, uint32_t c)
{
	if (is_closing(c) || is_opening(prev))
		return false;
	if (verdict == UC_BREAK_POSSIBLE || verdict == UC_BREAK_HYPHENATION)
		return true;
	/* UAX #14 (before 15.1) glues quotation marks to both neighbours.  In
	 * Chinese an opening quote may start a line and a closing quote end
	 * one, so allow those breaks between wide characters. */
	if ((c == 0x201C || c == 0x2018) && is_wide(prev))
		return true;
	if ((prev == 0x201D || prev == 0x2019) && is_wide(c))
		return true;
	return false;
}

static void push_line(struct layout_lines *out, size_t off, size_t len, int width, int indent)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
	}
	out->v[out->n++] = (struct layout_line){
		.off = off, .len = len, .width = width, .indent = indent,
	};
}

/* Emits p[start, end) less its trailing spaces; w is its width. */
static void emit(struct layout_lines *out, const char *p, size_t base, size_t start, size_t end,
		 int w, int indent)
{
	while (end > start && p[end - 1] == ' ') {
		end--;
		w--;
	}
	push_line(out, base + start, end - start, w, indent);
}

struct wrap {
	const struct layout_opts *o;
	int width;
	int indent; /* of the next line emitted */
	struct layout_lines *out;
};

/* Wraps one paragraph p[0, n) (no "\n" inside) starting at byte `base` of
 * the whole text; brk has room for n entries. */
static void wrap_para(struct wrap *wr, const char *p, size_t n, size_t base, char *brk)
{
	size_t start = 0, i = 0;
	size_t brk_at = 0, safe_at = 0; /* == start: none on this line yet */
	int w = 0, brk_w = 0, safe_w = 0;
	uint32_t prev = 0;

	if (n == 0) {
		push_line(wr->out, base, 0, 0, wr->indent);
		wr->indent = 0;
		return;
	}
	u8_possible_linebreaks((const uint8_t *)p, n, "UTF-8", brk);
	while (i < n) {
		uint32_t c;
		int k = layout_decode(p + i, n - i, &c);
		int cw = layout_char_width(c, wr->o);
		int avail = wr->width - wr->indent;

		if (brk[i] == UC_BREAK_MANDATORY || brk[i] == UC_BREAK_CR_BEFORE_LF) {
			/* A line-separator character the caller did not sanitize
			 * (VT, FF, CR, NEL): the line ends after it. */
			i += (size_t)k;
			emit(wr->out, p, base, start, i, w + cw, wr->indent);
			wr->indent = 0;
			start = brk_at = safe_at = i;
			w = 0;
			prev = 0;
			if (i == n)
				return;
			continue;
		}
		if (i > start && c != ' ' && cw > 0) {
			if (may_break(brk[i], prev, c)) {
				brk_at = i;
				brk_w = w;
			}
			if (!is_closing(c) && !is_opening(prev) && prev != ' ') {
				safe_at = i;
				safe_w = w;
			}
		}
		if (cw > 0 && c != ' ' && w + cw > avail && i > start) {
			size_t at = i;
			int aw = w;

			if (brk_at > start) {
				at = brk_at;
				aw = brk_w;
			} else if (safe_at > start) {
				/* No opportunity: a long word or URL, or a run the
				 * kinsoku rules glue together; cut it where the
				 * punctuation rules still hold if possible. */
				at = safe_at;
				aw = safe_w;
			}
			emit(wr->out, p, base, start, at, aw, wr->indent);
			wr->indent = 0;
			/* Re-scan from the break: only the text after the
			 * line's last opportunity is read twice. */
			start = brk_at = safe_at = i = at;
			w = 0;
			prev = 0;
			continue;
		}
		w += cw;
		prev = c;
		i += (size_t)k;
	}
	emit(wr->out, p, base, start, n, w, wr->indent);
	wr->indent = 0;
}

void layout_wrap(const char *s, int width, int first_indent, const struct layout_opts *o,
		 struct layout_lines *out)
{
	struct wrap wr = { .o = o, .width = width, .out = out };
	size_t len, pos = 0, maxpara = 0;
	char *brk;

	if (!s || !*s)
		return;
	len = strlen(s);
	/* Find the longest paragraph, so one buffer serves them all. */
	while (pos < len) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - s) : len;

		if (end - pos > maxpara)
			maxpara = end - pos;
		pos = end + 1;
	}
	wr.indent = first_indent < 0 ? 0 : first_indent;
	if (wr.indent > width - 2)
		wr.indent = width > 2 ? width - 2 : 0;
	brk = xmalloc(maxpara ? maxpara : 1);
	pos = 0;
	while (pos < len) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - s) : len;

		wrap_para(&wr, s + pos, end - pos, pos, brk);
		pos = end + 1;
	}
	free(brk);
}

void layout_lines_free(struct layout_lines *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

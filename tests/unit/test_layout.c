/* SPDX-License-Identifier: MIT */
/* test_layout.c — unit tests for src/layout*.c: width (and that it is the
 * width ncurses will draw), sanitizing, wrapping with the Chinese rules on
 * the sample issue's own sentences, fitting to aligned columns, speed.
 *
 * Also a small command-line helper for looking at the layout by hand:
 *   test_layout wrap WIDTH [INDENT] [--wide] < FILE   wrapped lines with widths
 *   test_layout width [--wide] STRING...               display widths
 *   test_layout sanitize < FILE                        sanitized text
 * Without arguments it runs the tests (exit 0 pass, 1 fail). */
#include "config.h"
#include "layout.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

static int failures, checks;

#define CHECK(cond, ...)                                                         \
	do {                                                                     \
		checks++;                                                        \
		if (!(cond)) {                                                   \
			failures++;                                              \
			fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);    \
			fprintf(stderr, __VA_ARGS__);                            \
			fputc('\n', stderr);                                     \
		}                                                                \
	} while (0)

static const struct layout_opts narrow = { .ambiguous_wide = false };
static const struct layout_opts wide = { .ambiguous_wide = true };

/* --- helpers ------------------------------------------------------------- */

static int enc(uint32_t uc, char *buf)
{
	int n = u8_uctomb((uint8_t *)buf, uc, 8);

	buf[n > 0 ? n : 0] = '\0';
	return n;
}

static uint32_t first_char(const char *s, size_t n)
{
	ucs4_t uc = 0;

	if (n)
		u8_mbtouc(&uc, (const uint8_t *)s, n);
	return uc;
}

static uint32_t last_char(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s + n;
	ucs4_t uc = 0;

	if (n == 0)
		return 0;
	p = u8_prev(&uc, p, (const uint8_t *)s);
	return p ? uc : 0;
}

/* The brief's lists, kept apart from the module's own (so a slip in one is
 * caught by the other). */
static bool in_set(uint32_t uc, const char *set)
{
	if (uc == 0)
		return false;
	for (const char *p = set; *p;) {
		ucs4_t c;

		p += u8_mbtouc(&c, (const uint8_t *)p, strlen(p));
		if (c == uc)
			return true;
	}
	return false;
}

static bool test_closing(uint32_t uc)
{
	return in_set(uc, "，。、；：？！）」』”’》〉】…—");
}

static bool test_opening(uint32_t uc)
{
	return in_set(uc, "（「『“‘《〈【");
}

static char *sample_text(size_t *len)
{
	const char *dir = getenv("QIKAN_SRCDIR");
	char *path = xasprintf("%s/data/sample.txt", dir ? dir : ".");
	struct qk_err e = { 0 };
	char *s = read_file(path, len, &e);

	if (!s)
		fprintf(stderr, "cannot read %s: %s\n", path, e.msg);
	free(path);
	return s;
}

static bool setup_utf8_locale(void)
{
	return setlocale(LC_ALL, "C.UTF-8") || setlocale(LC_ALL, "en_US.UTF-8");
}

/* What ncurses will count for s: the sum of glibc wcwidth(); -1 if some
 * character is not printable at all. */
static int curses_width(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
		int cw;

		if (uc == '\n') { /* a line end, not drawn */
			i += k;
			continue;
		}
		cw = wcwidth((wchar_t)uc);
		if (cw < 0)
			return -1;
		w += cw;
		i += k;
	}
	return w;
}

/* --- width ---------------------------------------------------------------- */

static void test_width(void)
{
	char buf[8];

	CHECK(layout_width("", NULL) == 0, "empty");
	CHECK(layout_width(NULL, NULL) == 0, "NULL");
	CHECK(layout_width("abc", NULL) == 3, "ascii");
	CHECK(layout_width("中文abc", NULL) == 7, "中文abc = %d", layout_width("中文abc", NULL));
	CHECK(layout_width("２０２３年第２期", NULL) == 16, "full-width digits");
	CHECK(layout_width("ＡＢＣabc", NULL) == 9, "full-width Latin");
	CHECK(layout_width("e\xcc\x81", NULL) == 1, "combining acute is zero width");
	CHECK(layout_width("　　", NULL) == 4, "ideographic spaces");
	CHECK(layout_width("“测试”", &narrow) == 6, "quotes narrow: %d", layout_width("“测试”", &narrow));
	CHECK(layout_width("“测试”", &wide) == 8, "quotes wide: %d", layout_width("“测试”", &wide));
	CHECK(layout_width("……——", &narrow) == 4, "ellipsis and dash narrow");
	CHECK(layout_width("……——", &wide) == 8, "ellipsis and dash wide");
	CHECK(layout_width("□王东明", &wide) == 8, "□ is ambiguous");
	CHECK(layout_width("Hello世界 2023", &wide) == 14, "Latin is never ambiguous");
	CHECK(layout_width_n("中文abc", 3, NULL) == 2, "width_n");
	/* The two code-point ranges where glibc and libunistring disagree
	 * most visibly: we follow glibc (what ncurses draws). */
	enc(0x4DC0, buf);
	CHECK(layout_width(buf, NULL) == 2, "U+4DC0 hexagram follows glibc");
	enc(0x3248, buf);
	CHECK(layout_width(buf, NULL) == 2, "U+3248 follows glibc");
	/* Invalid bytes in unsanitized text still count, as U+FFFD would. */
	CHECK(layout_width("a\xff", NULL) == 2, "invalid byte counts one column");
	CHECK(layout_curses_shortfall("“测试”…", strlen("“测试”…"), &wide) == 3, "shortfall wide");
	CHECK(layout_curses_shortfall("“测试”…", strlen("“测试”…"), &narrow) == 0, "shortfall narrow");

	/* Why ambiguous_wide does not just ask libunistring with a CJK
	 * encoding name: in 1.0 "GB18030" is not one (quotes stay narrow),
	 * and the ones that are (GBK, BIG5) also widen Hebrew, Cyrillic and
	 * é, which no terminal draws wide.  If libunistring changes this, the
	 * decision in layout_eaw.c deserves another look. */
	CHECK(uc_width(0x201C, "GB18030") == 1, "libunistring: GB18030 is not a CJK encoding");
	CHECK(uc_width(0x201C, "GBK") == 2 && uc_width(0x05D0, "GBK") == 2,
	      "libunistring: GBK widens U+00A1..U+FF60 wholesale");
	CHECK(layout_char_width(0x05D0, &wide) == 1 && layout_char_width(0x201C, &wide) == 2,
	      "wide mode widens only East Asian Ambiguous");

	int used = -1;
	size_t n = layout_prefix("中文abc", strlen("中文abc"), 3, NULL, &used);
	CHECK(n == 3 && used == 2, "prefix never splits a wide char: %zu %d", n, used);
	n = layout_prefix("ae\xcc\x81z", 5, 2, NULL, &used);
	CHECK(n == 4 && used == 2, "prefix keeps the combining mark: %zu %d", n, used);
	n = layout_prefix("中", 3, 0, NULL, &used);
	CHECK(n == 0 && used == 0, "prefix of width 0");
}

/* One width source: for every code point, once sanitized, the layout's width
 * is what ncurses (glibc wcwidth) will count, and every character that
 * reaches the terminal is printable for wcwidth.  With ambiguous_wide the
 * layout reserves exactly one more column per EAW=A character, and
 * layout_curses_shortfall() says so. */
static void test_one_width_source(void)
{
	int bad = 0, badw = 0, shown = 0;
	uint32_t uc;

	if (!setup_utf8_locale()) {
		fprintf(stderr, "SKIP one-width-source: no UTF-8 locale (C.UTF-8)\n");
		return;
	}
	for (uc = 0; uc < 0x110000; uc++) {
		char buf[8], *s;
		int lw, cw, ww, sf;
		size_t n;

		if (uc >= 0xD800 && uc < 0xE000)
			continue;
		n = (size_t)enc(uc, buf);
		s = layout_sanitize(buf, uc == 0 ? 1 : n);
		n = strlen(s);
		lw = layout_width(s, &narrow);
		cw = curses_width(s, n);
		if (lw != cw) {
			bad++;
			if (shown++ < 10)
				fprintf(stderr, "  U+%04X: layout %d, wcwidth %d (sanitized \"%s\")\n",
					(unsigned)uc, lw, cw, s);
		}
		ww = layout_width(s, &wide);
		sf = layout_curses_shortfall(s, n, &wide);
		if (cw >= 0 && (ww != cw + sf || sf != (lw == 1 && layout_is_ambiguous(uc) &&
							 strlen(s) == strlen(buf)))) {
			badw++;
			if (shown++ < 10)
				fprintf(stderr, "  U+%04X wide: layout %d, wcwidth %d, shortfall %d\n",
					(unsigned)uc, ww, cw, sf);
		}
		free(s);
	}
	CHECK(bad == 0, "%d code points where the layout width is not wcwidth()", bad);
	CHECK(badw == 0, "%d code points wrong in ambiguous-wide mode", badw);

	/* The same over the sample issue, character by character. */
	size_t len;
	char *text = sample_text(&len);

	CHECK(text != NULL, "sample text readable");
	if (text) {
		char *s = layout_sanitize(text, len);
		size_t i = 0, sl = strlen(s);
		int distinct = 0, mism = 0;
		static unsigned char seen[0x110000 / 8];

		memset(seen, 0, sizeof seen);
		while (i < sl) {
			ucs4_t c;
			int k = u8_mbtouc(&c, (const uint8_t *)s + i, sl - i);

			if (!(seen[c / 8] & (1u << (c % 8)))) {
				seen[c / 8] |= (unsigned char)(1u << (c % 8));
				distinct++;
				if (c != '\n' && layout_width_n(s + i, (size_t)k, NULL) !=
							 wcwidth((wchar_t)c))
					mism++;
			}
			i += (size_t)k;
		}
		CHECK(mism == 0, "%d characters of the sample disagree with wcwidth", mism);
		CHECK(curses_width(s, sl) == layout_width(s, NULL),
		      "whole sample: layout %d, curses %d", layout_width(s, NULL), curses_width(s, sl));
		printf("one width source: %d of %d distinct sample characters and %d of all "
		       "code points differ from wcwidth()\n", mism, distinct, bad);
		free(s);
		free(text);
	}
	setlocale(LC_ALL, "C");
}

/* --- sanitize ------------------------------------------------------------- */

static void check_sanitize(int line, const char *in, size_t n, const char *want)
{
	char *got = layout_sanitize(in, n);

	checks++;
	if (strcmp(got, want) != 0) {
		failures++;
		fprintf(stderr, "%s:%d: FAIL: sanitize gave \"%s\", want \"%s\"\n", __FILE__, line,
			got, want);
	}
	free(got);
}
#define SAN(in, want) check_sanitize(__LINE__, in, sizeof(in) - 1, want)

/* Nothing a terminal would act on survives: valid UTF-8, no C0 but LF, no
 * DEL, no C1, no format characters. */
static bool terminal_safe(const char *s)
{
	size_t n = strlen(s), i = 0;

	if (u8_check((const uint8_t *)s, n) != NULL)
		return false;
	while (i < n) {
		ucs4_t c;

		i += u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if ((c < 0x20 && c != '\n') || (c >= 0x7f && c < 0xa0))
			return false;
		if ((c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
		    (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF || c == 0xAD)
			return false;
	}
	return true;
}

static void test_sanitize(void)
{
	SAN("", "");
	SAN("本刊编委会 2023", "本刊编委会 2023");
	SAN("\x1b[2J", "^[[2J");
	SAN("\x1b]0;title\x07", "^[]0;title^G");
	SAN("a\x07z", "a^Gz");
	SAN("a\0z", "a^@z");
	SAN("a\x7fz", "a^?z");
	SAN("\xc2\x9b" "31m", "<U+009B>31m");
	SAN("a\xc2\x85z", "a<U+0085>z");
	SAN("\xe2\x80\xae" "txt.exe", "<U+202E>txt.exe");
	SAN("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
	    "<U+202A><U+202B><U+202C><U+202D>");
	SAN("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9",
	    "<U+2066><U+2067><U+2068><U+2069>");
	SAN("中\xe2\x80\x8b文", "中<U+200B>文");
	SAN("\xe2\x80\x8c\xe2\x80\x8d\xe2\x80\x8e\xe2\x80\x8f", "<U+200C><U+200D><U+200E><U+200F>");
	SAN("\xe2\x81\xa0\xef\xbb\xbf", "<U+2060><U+FEFF>");
	SAN("\xf3\xa0\x80\x81", "<U+E0001>");
	SAN("a\xffz", "a\xef\xbf\xbdz");
	SAN("\xe4\xb8", "\xef\xbf\xbd"); /* 中 cut short */
	SAN("\xe4\xb8z", "\xef\xbf\xbdz");
	SAN("\xef\xbf\xbd", "\xef\xbf\xbd"); /* a real U+FFFD stays */
	SAN("a\tb", "a       b");
	SAN("\t", "        ");
	SAN("中\tb", "中      b");
	SAN("主任\t马吉孝", "主任    马吉孝");
	SAN("abcdefgh\tb", "abcdefgh        b");
	SAN("x\n\ty", "x\n        y");
	SAN("a\r\nb", "a\nb");
	SAN("a\rb", "a^Mb");
	SAN("a\xe2\x80\xa8" "b", "a\nb");

	/* A one-line field shows its breaks; the rest is as above. */
	const struct {
		const char *in, *want;
	} line[] = {
		{ "标题\n□ 作者", "标题^J□ 作者" },
		{ "a\r\nb", "a^M^Jb" },
		{ "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", "a<U+2028>b<U+2029>c" },
		{ "a\x1b[2J\tb", "a^[[2J  b" },
		{ "中文，标点。", "中文，标点。" },
	};
	for (size_t k = 0; k < sizeof line / sizeof line[0]; k++) {
		char *got = layout_sanitize_line(line[k].in, strlen(line[k].in));

		CHECK(strcmp(got, line[k].want) == 0, "sanitize_line gave \"%s\", want \"%s\"", got,
		      line[k].want);
		CHECK(strchr(got, '\n') == NULL, "sanitize_line left a LF in \"%s\"", got);
		free(got);
	}

	/* Random bytes never produce anything a terminal would act on. */
	unsigned long long r = 88172645463325252ULL;
	int unsafe = 0;

	for (int t = 0; t < 20000; t++) {
		char in[24];
		size_t n = (size_t)(t % 24);

		for (size_t j = 0; j < n; j++) {
			r ^= r << 13, r ^= r >> 7, r ^= r << 17;
			/* Bias toward bytes that matter: controls, UTF-8 leads. */
			in[j] = (char)((r & 3) == 0 ? (r >> 8) % 0x20 : (r >> 8) & 0xff);
		}
		char *s = layout_sanitize(in, n);

		if (!terminal_safe(s))
			unsafe++;
		free(s);
	}
	CHECK(unsafe == 0, "%d random inputs left something unsafe", unsafe);
}

/* --- wrapping ------------------------------------------------------------- */

/* Checks the invariants of a wrap of s at width/indent; returns failures.
 * Not strict: for widths so small that the width and punctuation rules
 * cannot hold, check only that all text is there, in order. */
static int check_wrap(const char *what, const char *s, int width, int indent,
		      const struct layout_opts *o, bool strict)
{
	struct layout_lines L = { 0 };
	size_t n = strlen(s), pos = 0;
	int bad = 0;

	layout_wrap(s, width, indent, o, &L);
	for (size_t i = 0; i < L.n; i++) {
		const struct layout_line *l = &L.v[i];
		const char *t = s + l->off;
		int avail = width - l->indent;
		bool para_start = l->off == 0 || s[l->off - 1] == '\n';
		bool para_end = l->off + l->len == n || s[l->off + l->len] == '\n' ||
				s[l->off + l->len] == ' ';

		/* The gap since the last line holds only dropped spaces and
		 * at most one LF. */
		int nl = 0;

		for (size_t j = pos; j < l->off; j++) {
			if (s[j] == '\n')
				nl++;
			else if (s[j] != ' ')
				bad++, fprintf(stderr, "  %s w=%d: text dropped at byte %zu\n", what,
					       width, j);
		}
		if (nl > 1 || (i > 0 && para_start && nl != 1))
			bad++, fprintf(stderr, "  %s w=%d: line %zu: lost a line break\n", what,
				       width, i);
		if (l->width != layout_width_n(t, l->len, o))
			bad++, fprintf(stderr, "  %s w=%d: line %zu: width %d, really %d\n", what,
				       width, i, l->width, layout_width_n(t, l->len, o));
		if (strict && l->width > avail)
			bad++, fprintf(stderr, "  %s w=%d: line %zu too wide (%d): %.*s\n", what,
				       width, i, l->width, (int)l->len, t);
		if (l->len && t[l->len - 1] == ' ')
			bad++, fprintf(stderr, "  %s w=%d: line %zu ends with a space\n", what,
				       width, i);
		if (strict && !para_start && test_closing(first_char(t, l->len)))
			bad++, fprintf(stderr, "  %s w=%d: line %zu starts with closing punct: %.*s\n",
				       what, width, i, (int)l->len, t);
		if (strict && !para_end && test_opening(last_char(t, l->len)))
			bad++, fprintf(stderr, "  %s w=%d: line %zu ends with opening punct: %.*s\n",
				       what, width, i, (int)l->len, t);
		if (i > 0 && l->indent != 0)
			bad++, fprintf(stderr, "  %s: only the first line is indented\n", what);
		pos = l->off + l->len;
	}
	for (size_t j = pos; j < n; j++)
		if (s[j] != ' ' && s[j] != '\n')
			bad++, fprintf(stderr, "  %s w=%d: tail dropped at byte %zu\n", what, width, j);
	layout_lines_free(&L);
	return bad;
}

/* Lines as strings joined with '|', for exact expectations. */
static char *wrap_str(const char *s, int width, int indent, const struct layout_opts *o)
{
	struct layout_lines L = { 0 };
	struct sb b = { 0 };

	layout_wrap(s, width, indent, o, &L);
	for (size_t i = 0; i < L.n; i++) {
		if (i)
			sb_addc(&b, '|');
		sb_add(&b, s + L.v[i].off, L.v[i].len);
	}
	layout_lines_free(&L);
	return sb_steal(&b);
}

static void check_wrap_eq(int line, const char *s, int width, int indent,
			  const struct layout_opts *o, const char *want)
{
	char *got = wrap_str(s, width, indent, o);

	checks++;
	if (strcmp(got, want) != 0) {
		failures++;
		fprintf(stderr, "%s:%d: FAIL: wrap(\"%s\", %d) gave \"%s\", want \"%s\"\n",
			__FILE__, line, s, width, got, want);
	}
	free(got);
}
#define WRAP(s, w, ind, o, want) check_wrap_eq(__LINE__, s, w, ind, o, want)

static void test_wrap_cases(void)
{
	struct layout_lines L = { 0 };

	layout_wrap("", 10, 0, NULL, &L);
	CHECK(L.n == 0, "empty text gives no lines");
	layout_wrap("a\n", 10, 0, NULL, &L);
	CHECK(L.n == 1, "final LF does not start a line (%zu)", L.n);
	layout_lines_free(&L);
	WRAP("a\n\nb", 10, 0, NULL, "a||b");
	WRAP("hello world foo", 11, 0, NULL, "hello world|foo");
	WRAP("hello world foo", 6, 0, NULL, "hello|world|foo");
	WRAP("hello   world", 7, 0, NULL, "hello|world");
	WRAP("  indented", 20, 0, NULL, "  indented");
	/* Kinsoku: 。 may not start a line, so 三 goes down with it. */
	WRAP("一二三，四五", 6, 0, NULL, "一二|三，四|五");
	WRAP("一二三。", 6, 0, NULL, "一二|三。");
	/* （ may not end a line. */
	WRAP("一二（三四）五六", 6, 0, NULL, "一二|（三|四）五|六");
	/* “好 would end the line with 。 next: both are pushed down. */
	WRAP("他说：“好。”然后", 10, 0, NULL, "他说：|“好。”然后");
	/* CJK quotes may be broken around (UAX #14 before 15.1 says no). */
	WRAP("一二三“四五”六七", 7, 0, NULL, "一二三|“四五”|六七");
	WRAP("一二三四五六七八", 8, 4, NULL, "一二|三四五六|七八");
	/* Long Latin words and URLs do not break the layout. */
	WRAP("see https://www.example.com/path", 10, 0, NULL, "see|https://|www.|example.|com/path");
	WRAP("abcdefghijklmnopqrstuvwxyz", 10, 0, NULL, "abcdefghij|klmnopqrst|uvwxyz");
	WRAP("中文supercalifragilistic中文", 10, 0, NULL, "中文|supercalif|ragilistic|中文");
	/* A combining mark stays with its base even when nothing fits. */
	WRAP("e\xcc\x81" "e\xcc\x81", 1, 0, NULL, "e\xcc\x81|e\xcc\x81");
	/* Ambiguous wide: “ takes two columns, so less fits. */
	WRAP("“一二三”", 8, 0, &narrow, "“一二三”");
	WRAP("“一二三”", 8, 0, &wide, "“一二|三”");

	/* Tiny and silly widths terminate, each line holds something, and a
	 * character wider than the line sits alone. */
	const char *t = "中文abc，。“引号”  x\n\n全角ＡＢ";
	for (int w = -3; w <= 4; w++)
		for (int ind = 0; ind <= 6; ind += 3) {
			layout_wrap(t, w, ind, NULL, &L);
			size_t empty = 0;

			for (size_t i = 0; i < L.n; i++) {
				if (L.v[i].len == 0)
					empty++;
				if (L.v[i].width > (w > 0 ? w : 0) &&
				    first_char(t + L.v[i].off, L.v[i].len) &&
				    layout_prefix(t + L.v[i].off, L.v[i].len, 2, NULL, NULL) !=
					    L.v[i].len)
					CHECK(false, "w=%d: overfull line holds more than one char", w);
			}
			CHECK(empty == 1, "w=%d ind=%d: %zu empty lines (want the one blank)", w,
			      ind, empty);
			CHECK(L.n < 40, "w=%d: %zu lines", w, L.n);
			layout_lines_free(&L);
			check_wrap("tiny", t, w, ind, NULL, false);
		}
	layout_wrap("中文", 3, 10, NULL, &L);
	CHECK(L.n == 2 && L.v[0].indent == 1 && L.v[0].len == 3,
	      "an indent wider than the line shrinks to leave two columns");
	layout_lines_free(&L);
}

/* Real sentences from the sample, wrapped at every width from 10 to 80. */
static void test_wrap_sample(void)
{
	size_t len;
	char *text = sample_text(&len), *s;
	int bad = 0, sentences = 0, wraps = 0;

	if (!text) {
		CHECK(false, "sample text readable");
		return;
	}
	s = layout_sanitize(text, len);
	for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
		if (layout_width(line, NULL) < 20)
			continue;
		sentences++;
		for (int w = 10; w <= 80; w++) {
			bad += check_wrap("sample", line, w, 4, &narrow, true);
			bad += check_wrap("sample-wide", line, w, 0, &wide, true);
			wraps += 2;
		}
	}
	CHECK(sentences > 100, "only %d sentences in the sample", sentences);
	CHECK(bad == 0, "%d problems wrapping the sample", bad);
	printf("kinsoku: %d sample sentences x widths 10..80 x {narrow,wide}: %d wraps, %d problems\n",
	       sentences, wraps, bad);
	free(s);
	free(text);
}

/* CPU time of this process, not wall time: on a loaded machine (CI, other
 * jobs) wall time measures the scheduler, and the check flaked. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double time_wrap(const char *p, int width, int reps)
{
	struct layout_lines L = { 0 };
	double t0 = now();

	for (int r = 0; r < reps; r++) {
		L.n = 0;
		layout_wrap(p, width, 4, NULL, &L);
	}
	layout_lines_free(&L);
	return (now() - t0) / reps;
}

static void test_speed(void)
{
	size_t len;
	char *text = sample_text(&len), *s;
	struct sb para = { 0 };

	if (!text)
		return;
	s = layout_sanitize(text, len);
	/* A 9,000-byte paragraph of the sample's body text. */
	for (char *line = strtok(s, "\n"); line && para.len < 9000; line = strtok(NULL, "\n"))
		if (layout_width(line, NULL) > 40)
			sb_adds(&para, line);
	para.s[9000] = '\0';
	while ((para.s[strlen(para.s) - 1] & 0xc0) == 0x80 || (para.s[strlen(para.s) - 1] & 0x80))
		para.s[strlen(para.s) - 1] = '\0'; /* do not end mid-character */

	/* The best of three runs: a stray cache flush or page fault in one run
	 * says nothing about the wrapping code. */
	double t = time_wrap(para.s, 80, 200);

	for (int i = 0; i < 2; i++) {
		double t2 = time_wrap(para.s, 80, 200);

		if (t2 < t)
			t = t2;
	}

	printf("speed: %zu-byte paragraph wraps at 80 columns in %.1f us\n", strlen(para.s),
	       t * 1e6);
	CHECK(t < 1e-3, "wrapping 9 KB took %.3f ms", t * 1e3);

	/* Pathological input must stay linear: one unbreakable word, a run of
	 * closing punctuation, a run of opening quotes, 90 KB each. */
	static const char *units[] = { "a", "。", "“", "中" };

	for (size_t u = 0; u < ARRAY_LEN(units); u++) {
		struct sb b = { 0 };

		while (b.len < 90000)
			sb_adds(&b, units[u]);
		double tu = time_wrap(b.s, 7, 3);

		CHECK(tu < 0.05, "90 KB of \"%s\" took %.1f ms", units[u], tu * 1e3);
		sb_free(&b);
	}
	sb_free(&para);
	free(s);
	free(text);
}

/* Unsanitized garbage (invalid UTF-8, controls) never crashes or loops, and
 * no text goes missing. */
static void test_wrap_garbage(void)
{
	unsigned long long r = 0x9E3779B97F4A7C15ULL;
	int bad = 0;

	for (int t = 0; t < 5000; t++) {
		char in[40];
		size_t n = (size_t)(t % 39);
		struct sb b = { 0 };

		for (size_t j = 0; j < n; j++) {
			r ^= r << 13, r ^= r >> 7, r ^= r << 17;
			in[j] = (char)((r >> 8) & 0xff);
			if (!in[j])
				in[j] = ' ';
		}
		in[n] = '\0';
		bad += check_wrap("garbage", in, (int)(r % 14) - 2, (int)(r >> 60) % 5, NULL, false);
		layout_fit(&b, in, (int)(r % 12) - 1, r & 1, r & 2, NULL);
		sb_free(&b);
	}
	CHECK(bad == 0, "%d problems wrapping random bytes", bad);
}

/* Where the Chinese rules do not apply and libunistring's widths are right
 * (plain English), our greedy fill breaks exactly where
 * u8_width_linebreaks() does — as long as every word fits (it lets a long
 * word overflow; we cut it).  The longest word here is 10 columns. */
static void test_wrap_vs_unistring(void)
{
	static const char text[] =
		"The union bulletin is printed every two months and sent free of charge "
		"to grassroots unions across the province. Readers on slow links open it "
		"over SSH, so every page down should send little more than the new text, "
		"and lines must never be wider than the terminal they are drawn on.";
	size_t n = strlen(text);
	char *brk = xmalloc(n);
	int diff = 0;

	for (int w = 10; w <= 60; w++) {
		struct layout_lines L = { 0 };
		size_t k = 1;

		/* libunistring keeps the last column free: its width w+1 is our w. */
		u8_width_linebreaks((const uint8_t *)text, n, w + 1, 0, 0, NULL, "UTF-8", brk);
		layout_wrap(text, w, 0, NULL, &L);
		for (size_t i = 0; i < n; i++) {
			if (brk[i] != UC_BREAK_POSSIBLE)
				continue;
			if (k >= L.n || L.v[k].off != i)
				diff++;
			k++;
		}
		if (k != L.n)
			diff++;
		layout_lines_free(&L);
	}
	free(brk);
	CHECK(diff == 0, "%d break differences from u8_width_linebreaks", diff);
}

/* --- fit --------------------------------------------------------------------- */

static void check_fit(int line, const char *s, int width, bool ell, bool pad,
		      const struct layout_opts *o, const char *want)
{
	struct sb b = { 0 };
	int r = layout_fit(&b, s, width, ell, pad, o);
	const char *got = b.s ? b.s : "";

	checks++;
	if (strcmp(got, want) != 0 || r != layout_width(want, o)) {
		failures++;
		fprintf(stderr, "%s:%d: FAIL: fit(\"%s\", %d) gave \"%s\" (%d), want \"%s\"\n",
			__FILE__, line, s, width, got, r, want);
	}
	sb_free(&b);
}
#define FIT(s, w, e, p, o, want) check_fit(__LINE__, s, w, e, p, o, want)

static void test_fit(void)
{
	FIT("abc", 6, false, true, NULL, "abc   ");
	FIT("abc", 6, false, false, NULL, "abc");
	FIT("abc", 3, true, true, NULL, "abc");
	FIT("中文标题", 5, false, true, NULL, "中文 ");
	FIT("中文标题", 5, true, true, NULL, "中文…");
	FIT("中文标题", 4, true, true, NULL, "中… ");
	FIT("中文标题", 4, true, false, NULL, "中… ");
	FIT("中文标题", 5, true, true, &wide, "中… ");
	FIT("中文标题", 1, true, true, NULL, "…");
	FIT("中文标题", 1, true, true, &wide, " ");
	FIT("中文标题", 0, true, true, NULL, "");
	FIT("中文标题", -4, true, true, NULL, "");
	FIT("Qinghai工会2023", 10, true, true, NULL, "Qinghai工…");
	FIT("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, false, true, NULL, "e\xcc\x81" "e\xcc\x81");

	/* A table of contents with mixed titles: every row is the same width
	 * and the page numbers start in the same column, in both modes — and
	 * by wcwidth(), i.e. as ncurses will draw it, in narrow mode. */
	static const char *titles[] = {
		"深入学习贯彻党的二十大精神", "“县级工会加强年”专项工作推进会召开",
		"WiFi进车间 APP上线", "——记海西州总工会", "□ 王东明", "短",
		"A very long English title that will not fit", "（来源：新华网）",
	};
	const struct layout_opts *modes[] = { &narrow, &wide };
	bool have_locale = setup_utf8_locale();

	for (size_t m = 0; m < 2; m++)
		for (size_t i = 0; i < ARRAY_LEN(titles); i++) {
			struct sb row = { 0 };
			int w = layout_fit(&row, titles[i], 24, true, true, modes[m]);
			size_t title_bytes = row.len;

			sb_printf(&row, " %4d", (int)i * 7 + 1);
			CHECK(w == 24, "row %zu: title column %d wide", i, w);
			CHECK(layout_width(row.s, modes[m]) == 29, "row %zu: row %d wide", i,
			      layout_width(row.s, modes[m]));
			CHECK(layout_width_n(row.s, title_bytes, modes[m]) == 24,
			      "row %zu: page column moved", i);
			if (have_locale && m == 0)
				CHECK(curses_width(row.s, row.len) == 29, "row %zu: curses sees %d", i,
				      curses_width(row.s, row.len));
			sb_free(&row);
		}
	setlocale(LC_ALL, "C");
}

/* --- command-line helper ------------------------------------------------- */

static char *slurp_stdin(size_t *len)
{
	struct sb b = { 0 };
	char buf[4096];
	size_t n;

	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
		sb_add(&b, buf, n);
	*len = b.len;
	return sb_steal(&b);
}

static int tool(int argc, char **argv)
{
	struct layout_opts o = { 0 };
	size_t len;

	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--wide"))
			o.ambiguous_wide = true;
	if (!strcmp(argv[1], "wrap") && argc >= 3) {
		int width = atoi(argv[2]);
		int indent = argc >= 4 && argv[3][0] != '-' ? atoi(argv[3]) : 0;
		char *raw = slurp_stdin(&len), *s = layout_sanitize(raw, len);
		struct layout_lines L = { 0 };

		layout_wrap(s, width, indent, &o, &L);
		for (size_t i = 0; i < L.n; i++)
			printf("%3d |%*s%.*s|\n", L.v[i].width, L.v[i].indent, "", (int)L.v[i].len,
			       s + L.v[i].off);
		layout_lines_free(&L);
		free(s);
		free(raw);
		return 0;
	}
	if (!strcmp(argv[1], "width")) {
		for (int i = 2; i < argc; i++)
			if (strcmp(argv[i], "--wide"))
				printf("%d\t%s\n", layout_width(argv[i], &o), argv[i]);
		return 0;
	}
	if (!strcmp(argv[1], "sanitize")) {
		char *raw = slurp_stdin(&len), *s = layout_sanitize(raw, len);

		fputs(s, stdout);
		free(s);
		free(raw);
		return 0;
	}
	fprintf(stderr, "usage: %s [wrap WIDTH [INDENT] | width STRING... | sanitize] [--wide]\n",
		argv[0]);
	return 2;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return tool(argc, argv);
	test_width();
	test_sanitize();
	test_wrap_cases();
	test_wrap_sample();
	test_wrap_garbage();
	test_wrap_vs_unistring();
	test_fit();
	test_speed();
	test_one_width_source();
	printf("%d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}

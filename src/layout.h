/* SPDX-License-Identifier: MIT */
/* layout.h — Chinese text layout for the terminal: display width, safe
 * display of untrusted text, line breaking (UAX #14 plus the Chinese
 * punctuation rules).  Built on libunistring; pure (no curses, no SQL), so
 * every view and `qikan show` share one idea of how wide text is. */
#ifndef QIKAN_LAYOUT_H
#define QIKAN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct layout_opts {
	bool ambiguous_wide; /* draw East Asian Ambiguous characters (“ ” … —) two columns wide */
	/* Widths are the current locale's wcwidth() (what curses counts in a
	 * legacy CJK locale such as zh_CN.GB18030: two columns for every
	 * double-byte character); a character the locale has no width for
	 * keeps its own width (the UI draws a replacement that wide).  The
	 * UI supplies it (ui_locale_width) so that the layout itself stays
	 * free of the locale; NULL: libunistring's widths. */
	int (*char_width)(uint32_t uc);
};

/* Every function taking a `const struct layout_opts *` accepts NULL for the
 * defaults (ambiguous characters narrow).
 *
 * One width source.  ncurses counts cells with glibc wcwidth(); libunistring's
 * uc_width() disagrees with it on about 90 code points.  The layout takes
 * libunistring's width and corrects it to glibc's on the few assigned
 * printable characters where they differ (U+3248–324F, U+4DC0–4DFF, a few
 * Kannada/Brahmi-script marks); characters where the disagreement comes from
 * being a format character (soft hyphen U+00AD, Arabic number signs, ...) or
 * unassigned are turned into placeholders by layout_sanitize(), so for every
 * sanitized string layout_width() with ambiguous_wide off equals the sum of
 * wcwidth() in a UTF-8 locale (tests/unit/test_layout.c checks all of
 * Unicode).
 *
 * ambiguous_wide: the terminal draws East Asian Ambiguous characters (EAW=A:
 * “ ” ‘ ’ … — □ ○ ① ...) two columns wide, but ncurses still counts them as
 * one.  The layout then reserves two columns for each (so lines never
 * overflow on such a terminal); layout_curses_shortfall() tells a view how
 * many columns ncurses will under-count in a string, so it can position the
 * next thing it draws by the layout's count rather than ncurses' cursor
 * (pad a row with width - layout_width spaces, not by ncurses' count, and
 * place what follows with an absolute wmove).  ncurses cannot be told the
 * true width, so in this mode its picture of a row holding such characters
 * is off by the shortfall; views should redraw such rows whole. */

/* Columns one code point takes (0 for combining and other zero-width
 * characters).  Control characters (which sanitized text never contains)
 * count 0. */
int layout_char_width(uint32_t uc, const struct layout_opts *o);

/* True for East Asian Width "A" characters. */
bool layout_is_ambiguous(uint32_t uc);
/* Decodes the character at s (n bytes left) into *uc and returns its
 * length; an invalid sequence gives U+FFFD and length 1. */
int layout_decode(const char *s, size_t n, uint32_t *uc);

/* Makes untrusted text safe to send to a terminal: C0/C1 controls and ESC
 * sequences become visible placeholders, tabs become spaces, invalid UTF-8
 * becomes U+FFFD, bidi overrides and zero-width characters become visible
 * placeholders.  Returns a new string the caller frees. */
char *layout_sanitize(const char *s, size_t len);
/* The same for a field that must stay one line (a title, a name, a place):
 * LF is shown as "^J", CR as "^M" and U+2028/U+2029 as "<U+2028>", so a
 * title cannot fake the line under it. */
char *layout_sanitize_line(const char *s, size_t len);

/* Placeholders (chosen to be plain ASCII, one column a byte, identical for
 * libunistring and wcwidth):
 *   C0 controls and DEL    caret notation: ESC -> "^[", BEL -> "^G", NUL -> "^@",
 *                          DEL -> "^?".  An escape sequence thus shows as text,
 *                          e.g. "\x1b[2J" -> "^[[2J", harmless to a terminal.
 *   TAB                    spaces to the next multiple of 8 columns, counted from
 *                          the start of the line (the last LF) in the output.
 *   CR LF                  LF; a lone CR (which would move the cursor) -> "^M".
 *   U+2028, U+2029         LF (they are line/paragraph separators).
 *   C1 controls U+0080–009F, format characters (Cf: bidi overrides and
 *   isolates U+202A–202E, U+2066–2069, zero-width U+200B–200F, U+2060,
 *   U+FEFF, soft hyphen, ...), unassigned code points and noncharacters
 *                          "<U+XXXX>" (4 to 6 hex digits), e.g. "<U+009B>",
 *                          "<U+202E>".
 *   invalid UTF-8          U+FFFD, one per maximal invalid subsequence.
 */

/* Display width in terminal columns of sanitized UTF-8 text. */
int layout_width(const char *s, const struct layout_opts *o);
/* The same for the first len bytes. */
int layout_width_n(const char *s, size_t len, const struct layout_opts *o);

/* Byte length of the longest prefix of s that fits in `width` columns,
 * never splitting a character from the combining marks that follow it.
 * *used (if not NULL) gets that prefix's width. */
size_t layout_prefix(const char *s, size_t len, int width, const struct layout_opts *o,
		     int *used);

/* How many columns fewer than layout_width_n() ncurses (wcwidth) counts for
 * this text: the number of ambiguous characters when ambiguous_wide is set,
 * 0 otherwise. */
int layout_curses_shortfall(const char *s, size_t len, const struct layout_opts *o);

/* One display line: bytes [off, off+len) of the wrapped text, `width`
 * columns wide (not counting indent). */
struct layout_line {
	size_t off, len;
	int width;
	int indent; /* columns of indent before this line */
};

struct layout_lines {
	struct layout_line *v;
	size_t n, cap;
};

/* Wraps sanitized text into lines of at most `width` columns.  The first
 * line is preceded by `first_indent` columns (e.g. 4 for two full-width
 * spaces).  No line starts with closing punctuation (，。、；：？！）」』” …)
 * and none ends with opening punctuation (（「『“ …); long Latin words and
 * URLs are broken when they cannot fit.  Appends to out.
 *
 * Details: break opportunities are libunistring's UAX #14 ones
 * (u8_possible_linebreaks, once per paragraph) minus the Chinese rules, filled
 * greedily.  Spaces at a break belong to the line before it but are left out
 * of its len and width.  "\n" ends a line; a final "\n" does not start an
 * empty line, "" gives no lines, "a\n\nb" gives "a", "", "b".  Only the
 * first line gets first_indent, reduced if needed so a two-column character
 * still fits.  When nothing fits (width <= 0, or a character wider than the
 * line) each line holds one character, so the caller must clip; lines are
 * never empty except for empty paragraphs.  Runs in time linear in the text.
 * The kinsoku rules give way only when a line cannot be broken otherwise (a
 * run of punctuation wider than the line). */
void layout_wrap(const char *s, int width, int first_indent, const struct layout_opts *o,
		 struct layout_lines *out);
void layout_lines_free(struct layout_lines *l);

/* Appends s to out cut to at most `width` columns (with "…" when cut and
 * ellipsis is set), then spaces up to exactly `width` columns when pad is
 * set.  Returns the columns written.  A cut never splits a wide character:
 * the column it would have straddled becomes a space, so a cut string is
 * always exactly `width` columns, pad or not ("中文标题" at 5 -> "中文…",
 * at 4 -> "中… ").  The ellipsis is itself ambiguous (two columns in wide
 * mode) and is left out when it alone does not fit.  width <= 0 appends
 * nothing. */
int layout_fit(struct sb *out, const char *s, int width, bool ellipsis, bool pad,
	       const struct layout_opts *o);

#endif

/* SPDX-License-Identifier: MIT */
/* ui.h — curses set-up and the few drawing primitives every pane uses.
 * Text reaches the terminal only through ui_put*(): callers pass text
 * already made safe by layout_sanitize(), or use ui_put_untrusted(). */
#ifndef QIKAN_UI_H
#define QIKAN_UI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "conf.h"
#include "layout.h"

/* Starts curses on the terminal.  Returns 0, or -1 with a message in e
 * (e.g. an unknown TERM).  Colours come from theme unless the terminal
 * has none or NO_COLOR is set; then the mono theme is used. */
int ui_init(const struct theme *theme, struct qk_err *e);
/* Before ui_init(): -1 with a message when TERM is unknown or cannot
 * address the cursor (TERM=dumb). */
int ui_check_terminal(struct qk_err *e);
/* Scrolls the part of the screen under window w by n lines (n > 0: the
 * text moves up) with the terminal's left/right margins (DECSLRM; only
 * for a terminal the probe found has them), and moves curses' picture of
 * the screen the same way.  The caller then scrolls w itself (wscrl) and
 * paints the lines that came into view: curses sends only those.  False
 * when nothing was done. */
bool ui_scroll_margins(WINDOW *w, int n);
/* Sends the rows of window w that differ from the screen straight to the
 * terminal, moving between rows with line feeds and short steps (or, with
 * margins: the terminal has DECSLRM, carriage returns inside them) where
 * curses would address every row of a pane that does not start at column
 * 0; then curses' picture of the screen (curscr) holds those rows, so the
 * next doupdate() sends nothing more for them.  Rows in anything but the
 * default rendition are left to curses.  Call once w is drawn; true when
 * rows were sent (ui_paint.c). */
bool ui_paint_rows(WINDOW *w, bool margins);
/* Mouse reports (wheel, button 1) on, when the terminal has them. */
void ui_mouse(bool on);
/* Restores the terminal; safe to call twice and from the fatal hook. */
void ui_end(void);
bool ui_active(void);
bool ui_has_color(void);

/* The curses attribute (colour pair included) for a theme role. */
attr_t ui_attr(enum theme_role r);

/* The terminal's character set.  Text stays UTF-8 inside; ui_put()
 * converts it to the locale's wide characters.  legacy: the locale is not
 * UTF-8 (GB18030, GBK): curses then counts columns with that locale's
 * wcwidth() (two for every double-byte character, “ and — included), the
 * layout does the same (layout_opts.locale_width), and a character whose
 * terminal width (term_ambiguous_wide: the terminal draws East Asian
 * Ambiguous characters wide) differs from that count is drawn as a
 * full-width look-alike; one the locale cannot encode as "?" or "？". */
void ui_set_charset(bool legacy, bool term_ambiguous_wide);
/* The column count curses uses for uc in this locale (its wcwidth), or -1
 * when the locale has none: the layout's width hook in a legacy locale. */
int ui_locale_width(uint32_t uc);

/* A character read with get_wch() (the locale's wchar_t) as UTF-8; returns
 * its length, 0 when it has none. */
#define UI_UTF8_MAX 8
size_t ui_wchar_to_utf8(wint_t ch, char out[UI_UTF8_MAX]);

/* Draws len bytes of sanitized UTF-8 at (y, x) in at most maxcols columns
 * with attribute a; a character that would not fit is not drawn.
 * Returns the columns used. */
int ui_put(WINDOW *w, int y, int x, const char *s, size_t len, int maxcols, attr_t a);
/* Fits sanitized text into exactly width columns (cut with "…", padded
 * with spaces when pad) using layout_fit(). */
int ui_put_fit(WINDOW *w, int y, int x, const char *s, int width, bool pad, attr_t a,
	       const struct layout_opts *o);
/* As ui_put_fit(), for text straight from a bundle or a user. */
int ui_put_untrusted(WINDOW *w, int y, int x, const char *s, int width, bool pad, attr_t a,
		     const struct layout_opts *o);
/* n spaces from (y, x). */
void ui_fill(WINDOW *w, int y, int x, int n, attr_t a);

#endif

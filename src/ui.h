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
/* Restores the terminal; safe to call twice and from the fatal hook. */
void ui_end(void);
bool ui_active(void);
bool ui_has_color(void);

/* The curses attribute (colour pair included) for a theme role. */
attr_t ui_attr(enum theme_role r);

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

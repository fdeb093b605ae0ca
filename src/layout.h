/* layout.h — Chinese text layout for the terminal: display width, safe
 * display of untrusted text, line breaking (UAX #14 plus the Chinese
 * punctuation rules).  Built on libunistring; pure (no curses, no SQL), so
 * every view and `qikan show` share one idea of how wide text is. */
#ifndef QIKAN_LAYOUT_H
#define QIKAN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct layout_opts {
	bool ambiguous_wide; /* draw East Asian Ambiguous characters (“ ” … —) two columns wide */
};

/* Makes untrusted text safe to send to a terminal: C0/C1 controls and ESC
 * sequences become visible placeholders, tabs become spaces, invalid UTF-8
 * becomes U+FFFD, bidi overrides and zero-width characters become visible
 * placeholders.  Returns a new string the caller frees. */
char *layout_sanitize(const char *s, size_t len);

/* Display width in terminal columns of sanitized UTF-8 text. */
int layout_width(const char *s, const struct layout_opts *o);

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
 * URLs are broken when they cannot fit.  Appends to out. */
void layout_wrap(const char *s, int width, int first_indent, const struct layout_opts *o,
		 struct layout_lines *out);
void layout_lines_free(struct layout_lines *l);

/* Appends s to out cut to at most `width` columns (with "…" when cut and
 * ellipsis is set), then spaces up to exactly `width` columns when pad is
 * set.  Returns the columns written. */
int layout_fit(struct sb *out, const char *s, int width, bool ellipsis, bool pad,
	       const struct layout_opts *o);

#endif

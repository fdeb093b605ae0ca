/* layout.c — placeholder until the layout module lands. */
#include "config.h"
#include "layout.h"

#include <stdlib.h>
#include <string.h>

char *layout_sanitize(const char *s, size_t len) { return xstrndup(s, len); }
int layout_width(const char *s, const struct layout_opts *o) { (void)o; return (int)strlen(s); }
void layout_wrap(const char *s, int width, int first_indent, const struct layout_opts *o,
		 struct layout_lines *out)
{ (void)s; (void)width; (void)first_indent; (void)o; (void)out; }
void layout_lines_free(struct layout_lines *l) { free(l->v); l->v = NULL; l->n = l->cap = 0; }
int layout_fit(struct sb *out, const char *s, int width, bool ellipsis, bool pad,
	       const struct layout_opts *o)
{ (void)ellipsis; (void)pad; (void)o; sb_adds(out, s); (void)width; return 0; }

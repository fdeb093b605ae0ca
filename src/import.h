/* SPDX-License-Identifier: MIT */
/* import.h — plain-text or Markdown issue(s) -> struct doc.  Pure: no SQL,
 * no curses.  The rules are those of DESIGN.md §3 and §3a; what varies
 * between publications (TOC headings, byline markers, issue labels, ...)
 * is read from data/styles.ini (see import_style_load()). */
#ifndef QIKAN_IMPORT_H
#define QIKAN_IMPORT_H

#include <stddef.h>

#include "doc.h"
#include "util.h"

/* A house style: the word lists of styles.ini plus a site's own file. */
struct import_style;

/* Loads styles.ini from $QIKAN_DATADIR (tests and uninstalled builds) or
 * else the installed data directory, then site_file when not NULL (its
 * lists add to the defaults; a value written "-X" removes X).  Returns 0
 * and *out (free with import_style_free()), or -1 with e naming the file
 * and line. */
int import_style_load(struct import_style **out, const char *site_file, struct qk_err *e);
void import_style_free(struct import_style *st);

/* Parses the raw bytes of one source (UTF-8 with or without BOM, or
 * GB18030/GBK; LF or CRLF; plain text or Markdown) holding one or more
 * issues.  On success returns 0, *docs (an array of *ndocs >= 1 issues,
 * each with part = its 1-based position and a verdict; caller frees each
 * with doc_free() and the array with free()).  On failure returns -1, sets
 * e->msg (and e->line) and leaves *docs NULL.  st NULL means the default
 * style. */
int import_parse_all(const char *buf, size_t len, const char *name, const struct import_style *st,
		     struct doc **docs, size_t *ndocs, struct qk_err *e);

/* The first issue of a source with the default style, into *d (caller
 * frees with doc_free()); -1 and e on failure, *d then freed. */
int import_parse(const char *buf, size_t len, const char *name, struct doc *d, struct qk_err *e);

#endif

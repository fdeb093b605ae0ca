/* SPDX-License-Identifier: MIT */
/* import.h — plain-text issue -> struct doc.  Pure: no SQL, no curses.
 * The rules are those of DESIGN.md §3, learned from data/sample.txt. */
#ifndef QIKAN_IMPORT_H
#define QIKAN_IMPORT_H

#include <stddef.h>

#include "doc.h"
#include "util.h"

/* Parses the raw bytes of one issue (UTF-8 with or without BOM, or
 * GB18030/GBK; LF or CRLF).  `name` is recorded as the source name.
 * On success returns 0 and fills *d (caller frees with doc_free()).
 * On failure returns -1, sets e->msg (and e->line when the problem has a
 * line; for bytes it names the byte offset) and leaves *d freed. */
int import_parse(const char *buf, size_t len, const char *name, struct doc *d, struct qk_err *e);

#endif

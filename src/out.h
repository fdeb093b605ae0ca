/* SPDX-License-Identifier: MIT */
/* out.h — the one way text leaves the command line (not the reader, which
 * draws through curses).
 *
 * out_init() replaces stdout and stderr with filters, so every byte any
 * printf writes passes one sanitiser and one encoder before it reaches the
 * file descriptor; untrusted data cannot reach a terminal raw by any path.
 *
 * The sanitiser (text output, visible forms chosen to be plain ASCII):
 *   C0 controls, DEL     caret notation: ESC -> "^[", BEL -> "^G", CR -> "^M"
 *                        (LF and TAB pass: they are layout, not commands)
 *   C1 controls, format characters (bidi overrides and isolates
 *   U+202A–202E, U+2066–2069, zero-width U+200B–200F, U+FEFF ...),
 *   U+2028/U+2029, unassigned code points
 *                        "<U+202E>"
 *   invalid UTF-8        U+FFFD
 * out_sanitize(..., oneline) also shows LF as "^J", for fields that must
 * stay on one line (titles in a list, times, names).
 *
 * The encoder: UTF-8 unless a terminal's locale uses another charset that
 * holds Chinese (GB18030, GBK, GB2312, BIG5), or --encoding says so;
 * characters the charset lacks become '?'.  Options add CR before LF and a
 * UTF-8 byte-order mark. */
#ifndef QIKAN_OUT_H
#define QIKAN_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct out_opts {
	const char *encoding; /* "utf-8", "gb18030", "gbk" or NULL (automatic) */
	bool crlf;            /* LF -> CR LF */
	bool bom;             /* a UTF-8 byte-order mark first */
};

/* Installs the filters on stdout and stderr.  When stdout is a terminal
 * whose locale cannot show Chinese, prints a message in ASCII naming a
 * locale to use and returns 2 (unless allow_plain, used for --help and
 * --version, which then show '?' for what the charset lacks); else 0. */
int out_init(bool allow_plain);
/* Installs only the stderr filter: for the reader, which draws on stdout
 * through curses but reports start-up errors on stderr. */
void out_init_stderr(void);
/* Changes stdout's encoding and line ends (export/show options); call
 * before writing the data.  Returns -1 with a message in e for an
 * unknown encoding or a BOM asked for a charset other than UTF-8. */
int out_configure(const struct out_opts *o, struct qk_err *e);
/* Flushes and closes the filters and checks every write: returns rc, or
 * 1 (with a message) when standard output could not be written. */
int out_finish(int rc);
/* Whether standard output goes to a terminal. */
bool out_is_terminal(void);
/* Writes bytes to standard output unchanged (a binary changeset): only
 * for a non-terminal.  Returns 0 or -1 with errno set. */
int out_raw(const void *p, size_t n);

/* Appends n bytes of untrusted UTF-8 to dst in the sanitised form above. */
void out_sanitize(struct sb *dst, const char *s, size_t n, bool oneline);
/* A new string: s sanitised as one line, a tab shown as a space (a cell of
 * a table or a list). */
char *out_oneline(const char *s);
/* Prints an untrusted field that must stay on one line (NULL prints ""). */
void out_field(FILE *f, const char *s);
/* Writes `line` and a newline to standard error, sanitised as one line
 * (so a title holding LF, U+2028 or U+2029 cannot fake a second line of
 * the message), whether or not the stderr filter is installed.  Without
 * it (the reader: its terminal probe needs the plain stream, so messages
 * written before curses starts and after it ends go this way) the line
 * goes to the descriptor with write(2), in the terminal's charset. */
void out_error_line(const char *line);

#endif

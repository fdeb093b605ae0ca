/* SPDX-License-Identifier: MIT */
/* conf_file.h — reading an ini file (config.ini, a theme) safely and once:
 * only a regular file of at most CONF_MAX_BYTES (a FIFO or /dev/zero named
 * as the config must not hang or fill memory), a UTF-8 byte-order mark
 * dropped and CR LF read as LF (Notepad writes both), and the line of
 * every key indexed in one pass, so that warnings can name lines without
 * reading the file again per key. */
#ifndef QIKAN_CONF_FILE_H
#define QIKAN_CONF_FILE_H

#include "util.h"

#define CONF_MAX_BYTES (8u << 20)

/* iniparser 4.1 takes time quadratic in the number of keys (100,000 keys:
 * half a minute), so a file never hands it more than this many key lines;
 * the rest is dropped with a warning. */
#define CONF_MAX_KEYS 2000

/* Decides about one `key = value` line (section and key in lower case, as
 * iniparser names them): false drops the line before iniparser sees it,
 * after the callback has said why. */
typedef bool (*conf_key_filter)(void *ctx, const char *section, const char *key, int line);

/* The cleaned text of path (caller frees), or NULL with a message in e.
 * Lines `keep` rejects, and key lines beyond CONF_MAX_KEYS, are blanked
 * (line numbers stay); the latter adds a "FILE:LINE: ..." line to w.
 * Also makes path the file conf_file_line() answers for. */
char *conf_file_read(const char *path, conf_key_filter keep, void *ctx, struct strv *w,
		     struct qk_err *e);
/* Parses cleaned text with iniparser; NULL on a syntax error (reported
 * through iniparser's error callback) or when no memory file can be made. */
struct _dictionary_ *conf_file_parse(const char *text);
/* The 1-based line of the last `key =` in [section] of path, 0 when none. */
int conf_file_line(const char *path, const char *section, const char *key);
/* Frees the index (at exit, for leak checkers). */
void conf_file_forget(void);

#endif

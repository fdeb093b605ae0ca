/* SPDX-License-Identifier: MIT */
/* util.h — small helpers every module may use: checked allocation, a growable
 * string buffer, error reporting.  No curses, no SQL here. */
#ifndef QIKAN_UTIL_H
#define QIKAN_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Out of memory is not recoverable for us: these restore the terminal (via
 * the hook set by the UI) and exit(2). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Called before exiting on a fatal error, so curses can restore the terminal. */
void util_set_fatal_hook(void (*hook)(void));
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Growable byte buffer, always NUL-terminated once anything is appended.
 * Owner frees with sb_free() or takes the string with sb_steal(). */
struct sb {
	char *s;
	size_t len, cap;
};
void sb_add(struct sb *b, const char *s, size_t n);
void sb_adds(struct sb *b, const char *s);
void sb_addc(struct sb *b, char c);
void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct sb *b, const char *fmt, va_list ap);
void sb_clear(struct sb *b);
/* Appends s (NULL as "") as a JSON string literal, quotes included:
 * what uc_is_hidden() names escaped as \uXXXX, invalid UTF-8 as U+FFFD. */
void sb_json_str(struct sb *b, const char *s);
char *sb_steal(struct sb *b); /* returns "" (allocated) for an empty buffer */
void sb_free(struct sb *b);

/* An error message a function fills in and its caller reports once. */
struct qk_err {
	char msg[1024];
	int line; /* source line the message is about, 0 when none */
	bool damaged; /* the data is damaged (exit 1), not misused (exit 2) */
};
int qk_err_set(struct qk_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Growable array of owned strings. */
struct strv {
	char **v;
	size_t n, cap;
};
void strv_push(struct strv *a, char *owned);
void strv_free(struct strv *a);

/* Reads a whole file; returns NULL and sets e on failure. *len gets the size.
 * Only a regular file is read (a FIFO or device named by mistake or malice
 * would block or never end), and at most READ_FILE_MAX bytes. */
#define READ_FILE_MAX (256u << 20)
char *read_file(const char *path, size_t *len, struct qk_err *e);
/* As read_file, refusing a file larger than max bytes. */
char *read_file_max(const char *path, size_t max, size_t *len, struct qk_err *e);
/* Reads at most n bytes from the start of path into buf, without waiting
 * on a FIFO; returns the bytes read, or -1 when it cannot be opened. */
long read_file_head(const char *path, void *buf, size_t n);
/* Reads an open descriptor (standard input) to its end, at most max bytes;
 * name is for messages. */
char *read_fd_max(int fd, const char *name, size_t max, size_t *len, struct qk_err *e);

/* Controls (C0, DEL, C1), format characters (bidi overrides and isolates,
 * zero-width characters, ...) and U+2028/2029: what must never reach a
 * terminal raw nor stand unseen in a name. */
bool uc_is_hidden(uint32_t uc);
/* Valid UTF-8 without any character uc_is_hidden() names. */
bool str_is_visible_text(const char *s);

/* True when s shows nothing: only spaces (any Unicode space, U+3000
 * included) and format characters such as U+200B ZERO WIDTH SPACE. */
bool str_is_blank(const char *s);

/* Trims ASCII and ideographic (U+3000) white space at both ends, in place. */
char *str_trim(char *s);
bool str_starts(const char *s, const char *prefix);
/* True for a non-empty string of ASCII digits only. */
bool str_is_digits(const char *s);
bool str_ends(const char *s, const char *suffix);

#endif

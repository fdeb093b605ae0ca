/* SPDX-License-Identifier: MIT */
/* cli.h — the subcommands of `qikan`.  Each returns the process exit
 * status: 0 success, 1 the command ran but found a problem (e.g. `check`
 * found damage, `import` stored issues that need review), 2 bad usage or
 * input (`import`: nothing stored). */
#ifndef QIKAN_CLI_H
#define QIKAN_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "bundle.h"
#include "util.h"

enum { EXIT_OK = 0, EXIT_PROBLEM = 1, EXIT_USAGE = 2 };

int cmd_import(int argc, char **argv);
int cmd_toc(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_tui(int argc, char **argv); /* tui.c */
const char *tui_curses_version(void); /* tui.c: the curses library in use */
int cmd_set(int argc, char **argv);     /* cli_edit.c */
int cmd_log(int argc, char **argv);
int cmd_undo(int argc, char **argv);
int cmd_changes(int argc, char **argv); /* cli_changes.c */
int cmd_stats(int argc, char **argv);   /* cli_stats.c */
int cmd_search(int argc, char **argv);  /* cli_search.c */
int cmd_review(int argc, char **argv);  /* cli_review.c */

/* --encoding, --crlf, --bom (export and show; see out.h). */
enum { CLI_OPT_ENCODING = 0x100, CLI_OPT_CRLF, CLI_OPT_BOM };
#define CLI_ENCODING_OPTIONS                                              \
	{ "encoding", required_argument, NULL, CLI_OPT_ENCODING },        \
	{ "crlf", no_argument, NULL, CLI_OPT_CRLF },                      \
	{ "bom", no_argument, NULL, CLI_OPT_BOM }
#define CLI_ENCODING_HELP                                                                  \
	"      --encoding E  write gb18030 or utf-8 (default: the terminal's charset;\n"  \
	"                    UTF-8 into files and pipes)\n"                                \
	"      --crlf        end lines with CR LF (Windows Notepad)\n"                     \
	"      --bom         start UTF-8 with a byte-order mark / 加 BOM\n"
/* `qikan --version` and `-V` (cli_version.c): version, copyright,
 * licence, the libraries in use. */
int cli_version(void);
/* `qikan WORD` where WORD is neither a command nor a file: the command
 * it is a typo of (within two edits), or NULL (cli_version.c). */
const char *cli_suggest_command(const char *word, const char *const *names, size_t n);

/* --format text|json (cli_json.c): *json set, or -1 after a message. */
int cli_parse_format(const char *cmd, const char *val, bool *json);
/* `log --format json` and `check --format json`; return EXIT_OK, or
 * EXIT_PROBLEM when standard output failed. */
struct edit_log_row;
int cli_log_json(const char *bundle, const struct edit_log_row *rows, size_t n);
int cli_check_json(const char *bundle, const struct strv *problems, const char *error);

/* Shared by the subcommands (cli_common.c). */
extern const char *cli_progname;
void cli_error(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Opens a bundle named on the command line, reporting failure once. */
struct bundle *cli_open_bundle(const char *path, enum bundle_mode mode);
/* The exit status for the last failed cli_open_bundle(): 1 for a damaged
 * bundle (empty, truncated, corrupt), 2 for anything else. */
extern int cli_open_failed;
/* The exit status for a failure reported in e: 1 when the bundle turned
 * out to be damaged, else `otherwise`. */
static inline int cli_err_status(const struct qk_err *e, int otherwise)
{
	return e->damaged ? EXIT_PROBLEM : otherwise;
}
/* Reports the option getopt_long refused (run with opterr = 0, so this is
 * the only message): unknown, or missing its value.  Returns EXIT_USAGE. */
int cli_option_error(const char *cmd, char **argv, const char *optstring);
/* Finds the issue of --issue: an id or a title (or a piece of one that
 * only one issue's title holds); reports and returns -1 when none. */
int cli_find_issue(struct bundle *b, const char *spec, int64_t *id);
/* Parses a positive int option value; reports and returns -1 when bad. */
int cli_parse_int(const char *cmd, const char *opt, const char *val, int min, int max);

/* Columns to lay output out in: `requested` when > 0, else the terminal's
 * width, else $COLUMNS, else 0 meaning "no limit" (output to a pipe). */
int cli_output_width(int requested);
/* Writes size bytes of `what` (e.g. "changeset") to path without ever
 * destroying something else: "-" is standard output (refused when it is a
 * terminal); a FIFO or device is written directly; a symbolic link, a
 * directory or an SQLite database (a bundle) is refused; a regular file or
 * a new path is written beside it and renamed into place, so no reader
 * sees half a file.  Reports failure once; returns 0 or -1. */
int cli_write_output(const char *path, const void *blob, size_t size, const char *what);
/* Prints untrusted text on one line, controls made visible (out_field). */
void cli_print_safe(const char *s);

/* cli_export.c: one article as `qikan export` writes it, text or
 * Markdown (the reader's `w` key).  Appends to out. */
struct model_article;
void export_article_format(const struct model_article *a, bool markdown, struct sb *out);

#endif

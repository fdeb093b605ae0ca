/* SPDX-License-Identifier: MIT */
/* cli.h — the subcommands of `qikan`.  Each returns the process exit
 * status: 0 success, 1 the command ran but found a problem (e.g. `check`
 * found damage, `import` stored issues that need review), 2 bad usage or
 * input (`import`: nothing stored). */
#ifndef QIKAN_CLI_H
#define QIKAN_CLI_H

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
int cmd_set(int argc, char **argv);     /* cli_edit.c */
int cmd_log(int argc, char **argv);
int cmd_undo(int argc, char **argv);
int cmd_changes(int argc, char **argv); /* cli_changes.c */
int cmd_stats(int argc, char **argv);   /* cli_stats.c */
int cmd_search(int argc, char **argv);  /* cli_search.c */
int cmd_review(int argc, char **argv);  /* cli_review.c */

/* Shared by the subcommands (cli_common.c). */
extern const char *cli_progname;
void cli_error(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Opens a bundle named on the command line, reporting failure once. */
struct bundle *cli_open_bundle(const char *path, enum bundle_mode mode);
/* Parses a positive int option value; reports and returns -1 when bad. */
int cli_parse_int(const char *cmd, const char *opt, const char *val, int min, int max);

/* Columns to lay output out in: `requested` when > 0, else the terminal's
 * width, else $COLUMNS, else 0 meaning "no limit" (output to a pipe). */
int cli_output_width(int requested);
/* Prints untrusted text with controls made visible (layout_sanitize). */
void cli_print_safe(const char *s);

#endif

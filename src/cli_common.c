/* SPDX-License-Identifier: MIT */
/* cli_common.c — error reporting and option helpers shared by subcommands. */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "layout.h"

const char *cli_progname = "qikan";

void cli_error(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cli_progname);
	if (file && line > 0)
		fprintf(stderr, "%s:%d: ", file, line);
	else if (file)
		fprintf(stderr, "%s: ", file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", cli_progname, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s %s --help'.\n", cli_progname, cmd);
	return EXIT_USAGE;
}

struct bundle *cli_open_bundle(const char *path, enum bundle_mode mode)
{
	struct qk_err e = { 0 };
	struct bundle *b = bundle_open(path, mode, &e);

	if (!b)
		cli_error(NULL, 0, "%s", e.msg);
	return b;
}

int cli_parse_int(const char *cmd, const char *opt, const char *val, int min, int max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(val, &end, 10);
	if (errno || end == val || *end || v < min || v > max) {
		cli_usage_error(cmd, "%s wants a whole number from %d to %d, not '%s'", opt, min, max, val);
		return -1;
	}
	return (int)v;
}

int cli_output_width(int requested)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (requested > 0)
		return requested;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (cols && atoi(cols) > 0)
		return atoi(cols);
	return 0;
}

void cli_print_safe(const char *s)
{
	char *safe = layout_sanitize(s, strlen(s));

	fputs(safe, stdout);
	free(safe);
}

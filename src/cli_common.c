/* SPDX-License-Identifier: MIT */
/* cli_common.c — error reporting and option helpers shared by subcommands. */
#include "config.h"
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "bundle_stats.h"
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

int cli_option_error(const char *cmd, char **argv, const char *optstring)
{
	const char *p;
	char *word, *safe;
	int rc;

	/* A short option (or a long one that lacks its value: getopt then
	 * sets optopt to its letter) is named by its letter. */
	if (optopt > 0 && optopt < 128) {
		p = strchr(optstring, optopt);
		if (p && p[1] == ':')
			return cli_usage_error(cmd, "option '-%c' needs a value / 选项需要一个值", optopt);
		if (isprint(optopt))
			return cli_usage_error(cmd, "unknown option '-%c' / 未知选项", optopt);
		return cli_usage_error(cmd, "unknown option / 未知选项");
	}
	/* An unknown or ambiguous long option: the word itself, without any
	 * "=value", made safe to print. */
	p = optind > 0 ? argv[optind - 1] : "";
	word = xstrndup(p, strcspn(p, "="));
	safe = layout_sanitize(word, strlen(word));
	rc = cli_usage_error(cmd, "unknown option '%s' / 未知选项", safe);
	free(safe);
	free(word);
	return rc;
}

int cli_find_issue(struct bundle *b, const char *spec, int64_t *id)
{
	struct qk_err e = { 0 };

	if (bundle_stats_find_issue(b, spec, id, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		return -1;
	}
	return 0;
}

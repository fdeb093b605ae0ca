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
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle_stats.h"
#include "out.h"

const char *cli_progname = "qikan";

void cli_error(const char *file, int line, const char *fmt, ...)
{
	struct sb m = { 0 };
	va_list ap;

	/* One line however many the data in it holds (out_error_line). */
	sb_printf(&m, "%s: ", cli_progname);
	if (file && line > 0)
		sb_printf(&m, "%s:%d: ", file, line);
	else if (file)
		sb_printf(&m, "%s: ", file);
	va_start(ap, fmt);
	sb_vprintf(&m, fmt, ap);
	va_end(ap);
	out_error_line(m.s);
	sb_free(&m);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	struct sb m = { 0 };
	va_list ap;

	/* The refused argument stays on the message's line. */
	sb_printf(&m, "%s %s: ", cli_progname, cmd);
	va_start(ap, fmt);
	sb_vprintf(&m, fmt, ap);
	va_end(ap);
	out_error_line(m.s);
	sb_free(&m);
	fprintf(stderr, "Try '%s %s --help'.\n", cli_progname, cmd);
	return EXIT_USAGE;
}

int cli_open_failed = EXIT_USAGE;

struct bundle *cli_open_bundle(const char *path, enum bundle_mode mode)
{
	struct qk_err e = { 0 };
	struct bundle *b = bundle_open(path, mode, &e);

	if (!b) {
		cli_error(NULL, 0, "%s", e.msg);
		cli_open_failed = e.damaged ? EXIT_PROBLEM : EXIT_USAGE;
	}
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
	out_field(stdout, s); /* one line: U+2028 and LF shown, not obeyed */
}

static int write_fd(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* An SQLite file starts with this; a qikan bundle's application_id is the
 * big-endian word at offset 68. */
static const char *database_kind(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char h[72];
	long n = read_file_head(path, h, sizeof h);

	if (n < 16 || memcmp(h, magic, 16))
		return NULL;
	if (n >= 72 && (((uint32_t)h[68] << 24) | ((uint32_t)h[69] << 16) | ((uint32_t)h[70] << 8) | h[71]) ==
			       BUNDLE_APP_ID)
		return "a qikan bundle / 期刊库";
	return "an SQLite database / 数据库";
}

static int write_through(const char *path, const char *blob, size_t size)
{
	/* No O_CREAT: lstat() said it exists; no O_TRUNC: a device. */
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	int rc;

	if (fd < 0) {
		cli_error(path, 0, "%s", strerror(errno));
		return -1;
	}
	if (isatty(fd)) {
		close(fd);
		cli_error(path, 0, "is a terminal: refusing to write a binary file there / 不向终端输出");
		return -1;
	}
	rc = write_fd(fd, blob, size);
	if (close(fd) != 0 || rc) {
		cli_error(path, 0, "cannot write: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int write_renamed(const char *path, const char *blob, size_t size)
{
	char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	bool ok;

	if (fd < 0) {
		cli_error(tmp, 0, "%s", strerror(errno));
		free(tmp);
		return -1;
	}
	ok = write_fd(fd, blob, size) == 0;
	ok = fsync(fd) == 0 && ok;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		cli_error(path, 0, "cannot write: %s", strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

int cli_write_output(const char *path, const void *blob, size_t size, const char *what)
{
	struct stat st;
	const char *kind;

	if (!*path) {
		cli_error(NULL, 0, "an empty output file name / 输出文件名为空");
		return -1;
	}
	if (!strcmp(path, "-")) {
		if (out_raw(blob, size) == 0)
			return 0;
		if (errno == ENOTTY)
			cli_error(NULL, 0, "standard output is a terminal: refusing to write a binary %s "
				  "there; use -o FILE or a pipe / 不向终端输出二进制文件", what);
		else
			cli_error(NULL, 0, "cannot write the %s: %s", what, strerror(errno));
		return -1;
	}
	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return write_renamed(path, blob, size);
		cli_error(path, 0, "%s", strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		cli_error(path, 0, "is a symbolic link: give the file it points to / 是符号链接");
		return -1;
	}
	if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		return write_through(path, blob, size);
	if (!S_ISREG(st.st_mode)) {
		cli_error(path, 0, "not a regular file / 不是普通文件");
		return -1;
	}
	if ((kind = database_kind(path))) {
		cli_error(path, 0, "is %s: refusing to overwrite it with a %s / 拒绝覆盖", kind, what);
		return -1;
	}
	return write_renamed(path, blob, size);
}

int cli_option_error(const char *cmd, char **argv, const char *optstring)
{
	const char *p;
	char *word;
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
	rc = cli_usage_error(cmd, "unknown option '%s' / 未知选项", word); /* sanitised there */
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

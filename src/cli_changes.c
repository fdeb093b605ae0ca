/* SPDX-License-Identifier: MIT */
/* cli_changes.c — `qikan changes export|apply|conflicts`: edits as small
 * changeset files for offices on slow links (see bundle_changes.h). */
#include "config.h"
#include "cli.h"
#include "bundle_changes.h"
#include "bundle_edit.h"
#include "out.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void changes_help(void)
{
	printf("Usage: qikan changes export [--since EDIT|TIME] -o FILE BUNDLE\n"
	       "       qikan changes apply BUNDLE FILE\n"
	       "       qikan changes conflicts BUNDLE\n"
	       "Exchange metadata edits between copies of a bundle as small changeset files\n"
	       "(SQLite session extension).  以修改集文件在期刊库副本之间交换修改。\n\n"
	       "export   writes the edits after edit number EDIT (as `qikan log` numbers\n"
	       "         them), or made at or after TIME (UTC, e.g. 2026-11-25T10:30), or all\n"
	       "         edits without --since.  It prints the last edit number, for the\n"
	       "         next --since.\n"
	       "apply    applies a file in one transaction.  A field whose local value is\n"
	       "         what the other side started from takes the other side's value\n"
	       "         (logged with their name and time); a field edited differently on\n"
	       "         both sides is a conflict: the local value stays, the other one is\n"
	       "         recorded and printed, nothing is lost.  Applying a file twice\n"
	       "         changes nothing the second time.  Exit 1 when there were conflicts.\n"
	       "conflicts lists the conflicts recorded by earlier applies.\n\n"
	       "  -s, --since EDIT|TIME   what to export (default: everything)\n"
	       "  -o, --output FILE       where to write the changeset ('-': standard output)\n"
	       "  -h, --help              show this help\n");
}

static void put_value(const char *s)
{
	if (!s) {
		fputs("(none / 无)", stdout);
		return;
	}
	putchar('\'');
	out_field(stdout, s);
	putchar('\'');
}

/* A word for a POSIX shell, quoted the way git does it: inside '...', a
 * quote becomes '\''.  Only for visible text (see shell_hint). */
static void put_shell_word(const char *s)
{
	putchar('\'');
	for (; *s; s++)
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	putchar('\'');
}

/* The command that takes the other side's value, safe to paste: every word
 * quoted.  A value the screen cannot show faithfully (controls, bidi or
 * zero-width characters) gets no command line, since what one would copy
 * is not what would be set. */
static void shell_hint(const char *bundle, const struct changes_conflict *c)
{
	char *arg;

	if (!c->remote || edit_field_lookup(c->field) < 0)
		return;
	printf("  to take theirs / 采用对方: ");
	if (!str_is_visible_text(c->remote) || !str_is_visible_text(bundle)) {
		printf("qikan set (the value holds invisible or control characters: type it "
		       "yourself / 含不可见字符，请手工输入)\n");
		return;
	}
	arg = xasprintf("%s=%s", c->field, c->remote);
	printf("qikan set ");
	put_shell_word(bundle);
	printf(" %lld ", (long long)c->article_id);
	put_shell_word(arg);
	putchar('\n');
	free(arg);
}

static int changes_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *since = NULL, *output = NULL;
	struct changes_export_info info;
	struct qk_err e = { 0 };
	struct bundle *b;
	void *blob = NULL;
	size_t size = 0;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "s:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 's': since = optarg; break;
		case 'o': output = optarg; break;
		case 'h': changes_help(); return EXIT_OK;
		default: return cli_option_error("changes export", argv, "s:o:h");
		}
	}
	if (!output)
		return cli_usage_error("changes export", "no output file (-o FILE) / 缺少 -o 文件");
	if (argc - optind != 1)
		return cli_usage_error("changes export", "give one BUNDLE / 需要一个期刊库");
	if (!(b = cli_open_bundle(argv[optind], BUNDLE_READ)))
		return cli_open_failed;
	rc = bundle_changes_export(b, since, &blob, &size, &info, &e);
	bundle_close(b);
	if (rc) {
		cli_error(NULL, 0, "%s", e.msg);
		return cli_err_status(&e, EXIT_USAGE);
	}
	if (cli_write_output(output, blob, size, "changeset")) {
		free(blob);
		return EXIT_PROBLEM;
	}
	free(blob);
	/* With -o -, standard output is the changeset. */
	if (info.nrows)
		fprintf(strcmp(output, "-") ? stdout : stderr,
			"%s: %d edit log rows of %d articles, %zu bytes; last edit %lld "
			"(next time: --since %lld) / 已导出\n",
			output, info.nrows, info.narticles, size, (long long)info.last_id,
			(long long)info.last_id);
	else
		fprintf(strcmp(output, "-") ? stdout : stderr,
			"%s: no edits to export (empty changeset) / 没有可导出的修改\n", output);
	return EXIT_OK;
}

static void print_conflict(const char *bundle, const struct changes_conflict *c)
{
	printf("conflict / 冲突: article %lld", (long long)c->article_id);
	if (c->article_title) {
		printf(" 《");
		out_field(stdout, c->article_title);
		printf("》");
	}
	putchar(' ');
	out_field(stdout, c->field);
	printf("%s\n", !strcmp(c->field, "section") ? " (section ids)" : "");
	printf("  kept here / 本地保留: ");
	put_value(c->local);
	printf("\n  other side / 对方: ");
	put_value(c->remote);
	if (c->remote_who) {
		printf(" (");
		out_field(stdout, c->remote_who);
		printf(", ");
		out_field(stdout, c->remote_at ? c->remote_at : "?");
		printf(")");
	}
	printf("\n  both started from / 原值: ");
	put_value(c->base);
	putchar('\n');
	if (c->note) {
		printf("  not applied: ");
		out_field(stdout, c->note);
		putchar('\n');
	}
	shell_hint(bundle, c);
}

/* Options of apply and conflicts: only --help.  Returns -1 to go on
 * with the operands at argv[optind], else the exit status. */
static int help_only(const char *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c != 'h')
			return cli_option_error(cmd, argv, "h");
		changes_help();
		return EXIT_OK;
	}
	return -1;
}

static int changes_apply(int argc, char **argv)
{
	struct changes_report r = { 0 };
	struct qk_err e = { 0 };
	struct bundle *b;
	size_t size = 0;
	char *blob, *who;
	int rc;

	if ((rc = help_only("changes apply", argc, argv)) >= 0)
		return rc;
	argc -= optind - 1;
	argv += optind - 1;
	if (argc != 3)
		return cli_usage_error("changes apply", "give BUNDLE FILE / 需要期刊库和修改集文件");
	if (!(blob = read_file_max(argv[2], CHANGES_MAX_BYTES, &size, &e))) {
		cli_error(NULL, 0, "%s", e.msg);
		return cli_err_status(&e, EXIT_USAGE);
	}
	if (!(b = cli_open_bundle(argv[1], BUNDLE_READ))) {
		free(blob);
		return cli_open_failed;
	}
	who = edit_who();
	rc = bundle_changes_apply(b, blob, size, who, &r, &e);
	free(blob);
	free(who);
	bundle_close(b);
	if (rc) {
		cli_error(argv[2], 0, "%s", e.msg);
		cli_error(NULL, 0, "nothing was applied; %s is unchanged / 未做任何修改", argv[1]);
		return EXIT_PROBLEM;
	}
	printf("%s: applied %d field changes to %d articles (%d log rows); %d already there; "
	       "%zu conflicts / 已应用\n",
	       argv[2], r.applied, r.narticles, r.nlog, r.already, r.nconflicts);
	if (r.missing)
		printf("  %d articles of the file are not in this bundle (skipped) / 本库没有的文章\n", r.missing);
	if (r.ignored)
		printf("  %d changes of other kinds ignored\n", r.ignored);
	for (size_t i = 0; i < r.nconflicts; i++)
		print_conflict(argv[1], &r.conflicts[i]);
	rc = r.nconflicts || r.missing ? EXIT_PROBLEM : EXIT_OK;
	changes_report_free(&r);
	return rc;
}

static int changes_conflicts(int argc, char **argv)
{
	struct changes_conflict *v = NULL;
	struct qk_err e = { 0 };
	struct bundle *b;
	size_t n = 0;
	int rc;

	if ((rc = help_only("changes conflicts", argc, argv)) >= 0)
		return rc;
	argc -= optind - 1;
	argv += optind - 1;
	if (argc != 2)
		return cli_usage_error("changes conflicts", "give BUNDLE / 需要期刊库");
	if (!(b = cli_open_bundle(argv[1], BUNDLE_READ)))
		return cli_open_failed;
	if (bundle_changes_conflicts(b, &v, &n, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		bundle_close(b);
		return EXIT_PROBLEM;
	}
	if (n == 0)
		printf("no conflicts recorded / 没有冲突记录\n");
	for (size_t i = 0; i < n; i++)
		print_conflict(argv[1], &v[i]);
	changes_conflicts_free(v, n);
	bundle_close(b);
	return EXIT_OK;
}

int cmd_changes(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "export"))
		return changes_export(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "apply"))
		return changes_apply(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "conflicts"))
		return changes_conflicts(argc - 1, argv + 1);
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		changes_help();
		return EXIT_OK;
	}
	return cli_usage_error("changes", "give export, apply or conflicts / 需要 export、apply 或 conflicts");
}

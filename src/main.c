/* SPDX-License-Identifier: MIT */
/* main.c — locale, then dispatch to a subcommand or the TUI. */
#include "config.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <getopt.h>
#include <unistd.h>

#include "cli.h"
#include "out.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "import", cmd_import, "import TEXT... -o BUNDLE   import issues (- reads stdin) / 导入期刊文本" },
	{ "toc", cmd_toc, "toc BUNDLE                 table of contents / 目录" },
	{ "show", cmd_show, "show BUNDLE ARTICLE        print an article / 显示文章" },
	{ "export", cmd_export, "export BUNDLE [ARTICLE]    as text, Markdown or JSON / 导出" },
	{ "check", cmd_check, "check BUNDLE               check schema and integrity / 检查" },
	{ "search", cmd_search, "search BUNDLE QUERY        full-text search / 全文检索" },
	{ "stats", cmd_stats, "stats BUNDLE [--issue N]   figures, authors, terms / 统计" },
	{ "set", cmd_set, "set BUNDLE ARTICLE FIELD=VALUE...  edit metadata / 修改文章信息" },
	{ "log", cmd_log, "log BUNDLE [ARTICLE]       the edit history / 修改记录" },
	{ "undo", cmd_undo, "undo BUNDLE [ARTICLE]      undo the last edit / 撤销修改" },
	{ "review", cmd_review, "review BUNDLE [--issue N]  what the importer was unsure of / 待复核" },
	{ "bookmarks", cmd_bookmarks, "bookmarks BUNDLE           the reader's bookmarks / 收藏" },
	{ "changes", cmd_changes, "changes export|apply ...   exchange edits as changeset files / 交换修改" },
};

static void usage(FILE *f)
{
	fprintf(f, "Usage: qikan [BUNDLE]            open the reader / 打开阅读界面\n"
		   "       qikan COMMAND [ARGS...]\n\nCommands / 命令:\n");
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(f, "  qikan %s\n", commands[i].summary);
	fprintf(f, "\n'qikan COMMAND --help' shows a command's options.\n"
		   "Exit status: 0 ok, 1 a problem was found, 2 bad usage or input.\n"
		   "'qikan --version' (-V) shows the version, licence and libraries.\n"
		   "'qikan --terminal-report' shows what the terminal can do (the reader's start-up probe).\n"
		   "Report bugs to / 报告问题: %s\n", PACKAGE_BUGREPORT);
}

/* `qikan tocc`: no such command and no such file, but close to one. */
static bool suggest(const char *word)
{
	const char *names[ARRAY_LEN(commands)];
	const char *best;

	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		names[i] = commands[i].name;
	best = cli_suggest_command(word, names, ARRAY_LEN(names));
	if (!best)
		return false;
	fputs("qikan: '", stderr);
	out_field(stderr, word); /* an argument may hold anything */
	fprintf(stderr, "' is not a qikan command or a file / 不是命令也不是文件\n"
			"Did you mean / 您是否要: qikan %s\n", best);
	return true;
}

/* Help, and output in an explicitly chosen --encoding, work whatever the
 * terminal's locale ('?' for what it cannot show). */
static bool cli_locale_free(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h") || str_starts(argv[i], "--encoding"))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	int rc;

	setlocale(LC_ALL, "");
	/* Every command reports a refused option itself, once, with its
	 * name (cli_option_error); getopt's own message would be a second. */
	opterr = 0;
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		out_init(true);
		usage(stdout);
		return out_finish(EXIT_OK);
	}
	if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
		out_init(true);
		return out_finish(cli_version());
	}
	if (argc >= 2) {
		for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
			if (strcmp(argv[1], commands[i].name))
				continue;
			/* Every byte a command prints passes the output layer. */
			if ((rc = out_init(cli_locale_free(argc, argv))) != 0)
				return rc;
			return out_finish(commands[i].run(argc - 1, argv + 1));
		}
		if (argc == 2 && access(argv[1], F_OK) != 0 && suggest(argv[1]))
			return EXIT_USAGE;
	}
	return cmd_tui(argc, argv);
}

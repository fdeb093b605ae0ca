/* SPDX-License-Identifier: MIT */
/* main.c — locale, then dispatch to a subcommand or the TUI. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

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
	{ "changes", cmd_changes, "changes export|apply ...   exchange edits as changeset files / 交换修改" },
};

static void usage(FILE *f)
{
	fprintf(f, "Usage: qikan [BUNDLE]            open the reader / 打开阅读界面\n"
		   "       qikan COMMAND [ARGS...]\n\nCommands / 命令:\n");
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(f, "  qikan %s\n", commands[i].summary);
	fprintf(f, "\n'qikan COMMAND --help' shows a command's options.\n"
		   "Exit status: 0 ok, 1 a problem was found, 2 bad usage or input.\n");
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return EXIT_OK;
	}
	if (argc >= 2 && !strcmp(argv[1], "--version")) {
		printf("qikan %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	if (argc >= 2) {
		for (size_t i = 0; i < ARRAY_LEN(commands); i++)
			if (!strcmp(argv[1], commands[i].name))
				return commands[i].run(argc - 1, argv + 1);
	}
	return cmd_tui(argc, argv);
}

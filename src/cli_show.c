/* SPDX-License-Identifier: MIT */
/* cli_show.c — `qikan show BUNDLE ARTICLE`: an article as wrapped text,
 * laid out by the same module the reader uses. */
#include "config.h"
#include "cli.h"
#include "layout.h"
#include "out.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define INDENT "\xe3\x80\x80\xe3\x80\x80" /* two U+3000 IDEOGRAPHIC SPACEs */

static void show_help(void)
{
	printf("Usage: qikan show [OPTION]... BUNDLE ARTICLE\n"
	       "Print an article.  ARTICLE is its id (see 'qikan toc') or a piece of its\n"
	       "title that names one article.  显示一篇文章（编号或标题片段）。\n\n"
	       "  -w, --width N   wrap to N columns (default: the terminal, or 80)\n"
	       CLI_ENCODING_HELP
	       "  -h, --help      show this help\n");
}

/* Prints text wrapped to width; the first line starts with the caller's
 * `lead`, lead_cols wide.  A field (oneline) keeps its line breaks
 * visible, so a title cannot print a fake byline under itself. */
static void print_wrapped(const char *text, int width, const char *lead, int lead_cols, bool oneline)
{
	struct layout_opts lo = { 0 };
	struct layout_lines lines = { 0 };
	char *safe = oneline ? layout_sanitize_line(text, strlen(text)) : layout_sanitize(text, strlen(text));

	if (width <= 0) {
		printf("%s%s\n", lead, safe);
		free(safe);
		return;
	}
	layout_wrap(safe, width, lead_cols, &lo, &lines);
	for (size_t i = 0; i < lines.n; i++) {
		if (i == 0)
			fputs(lead, stdout);
		fwrite(safe + lines.v[i].off, 1, lines.v[i].len, stdout);
		putchar('\n');
	}
	if (lines.n == 0)
		printf("%s\n", lead);
	layout_lines_free(&lines);
	free(safe);
}

static void print_field(const char *label, const char *value, int width)
{
	char *line;

	if (!value || !*value)
		return;
	line = xasprintf("%s%s", label, value);
	print_wrapped(line, width, "", 0, true);
	free(line);
}

static void print_article(const struct model_article *a, int width)
{
	/* the kicker (引题) stands above the title, as in the paper */
	print_field("", a->kicker, width);
	print_wrapped(a->title, width, "", 0, true);
	print_field("——", a->subtitle, width);
	print_field("□ ", a->byline, width);
	if (!a->byline || !a->author || !strstr(a->byline, a->author))
		print_field("作者：", a->author, width);
	print_field("日期：", a->dateline, width);
	/* The source is stored as printed: "来源：新华网" carries its own label,
	 * "城北区总工会" does not. */
	print_field(a->source && str_starts(a->source, "来源") ? "" : "来源：", a->source, width);
	putchar('[');
	out_field(stdout, a->issue_title);
	if (*a->section_title) {
		printf(" · ");
		out_field(stdout, a->section_title);
	}
	if (a->page > 0)
		printf(" · 第%d页", a->page);
	printf("]\n");
	for (size_t i = 0; i < a->npara; i++) {
		putchar('\n');
		print_wrapped(a->paras[i], width, INDENT, 4, false);
	}
}

int cmd_show(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "width", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		CLI_ENCODING_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct out_opts oo = { 0 };
	struct qk_err e = { 0 };
	struct model_article *a;
	struct bundle *b;
	int64_t id;
	int c, width = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "w:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'w':
			if ((width = cli_parse_int("show", "--width", optarg, 10, 10000)) < 0)
				return EXIT_USAGE;
			break;
		case 'h': show_help(); return EXIT_OK;
		case CLI_OPT_ENCODING: oo.encoding = optarg; break;
		case CLI_OPT_CRLF: oo.crlf = true; break;
		case CLI_OPT_BOM: oo.bom = true; break;
		default: return cli_option_error("show", argv, "w:h");
		}
	}
	if (optind != argc - 2)
		return cli_usage_error("show", "give BUNDLE and ARTICLE / 需要期刊库和文章");
	if (out_configure(&oo, &e))
		return cli_usage_error("show", "%s", e.msg);
	if (!(b = cli_open_bundle(argv[optind], BUNDLE_READ)))
		return cli_open_failed;
	if (bundle_find_article(b, argv[optind + 1], &id, &e) || !(a = bundle_article(b, id, &e))) {
		cli_error(NULL, 0, "%s", e.msg);
		bundle_close(b);
		return cli_err_status(&e, EXIT_USAGE);
	}
	width = cli_output_width(width);
	print_article(a, width > 0 ? width : 80);
	model_article_free(a);
	bundle_close(b);
	return EXIT_OK;
}

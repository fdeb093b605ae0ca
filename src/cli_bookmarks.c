/* SPDX-License-Identifier: MIT */
/* cli_bookmarks.c — `qikan bookmarks BUNDLE`: the reader's bookmarks
 * (收藏, set with m in the reader) among the articles of a bundle, newest
 * first: a Markdown list (the text the reader's bookmarks view writes
 * with w), tab-separated lines or JSON. */
#include "config.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "bookmarks.h"
#include "out.h"

static void bookmarks_help(void)
{
	printf("Usage: qikan bookmarks [OPTION]... BUNDLE\n"
	       "Print the bookmarks set in the reader (m) that are articles of BUNDLE,\n"
	       "newest first.  They are kept per user in $XDG_STATE_HOME/qikan/marks.\n"
	       "列出在阅读界面中收藏（m）的、属于该期刊库的文章，最新的在前。\n\n"
	       "  -f, --format FMT   text (a Markdown list: title — issue · section · page;\n"
	       "                     the default), tsv (id, issue, section, title, author,\n"
	       "                     page, when bookmarked in UTC) or json\n" CLI_ENCODING_HELP
	       "  -h, --help         show this help\n");
}

int cmd_bookmarks(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		CLI_ENCODING_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	enum bookmarks_format fmt = BOOKMARKS_TEXT;
	struct out_opts oo = { 0 };
	struct qk_err e = { 0 };
	struct bundle_keys k;
	struct bookmark_list l;
	struct sb text = { 0 };
	struct bundle *b;
	struct marks *m;
	int c, rc = EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "text"))
				fmt = BOOKMARKS_TEXT;
			else if (!strcmp(optarg, "tsv"))
				fmt = BOOKMARKS_TSV;
			else if (!strcmp(optarg, "json"))
				fmt = BOOKMARKS_JSON;
			else
				return cli_usage_error("bookmarks", "--format is text, tsv or json / 格式应为 text、tsv 或 json");
			break;
		case 'h': bookmarks_help(); return EXIT_OK;
		case CLI_OPT_ENCODING: oo.encoding = optarg; break;
		case CLI_OPT_CRLF: oo.crlf = true; break;
		case CLI_OPT_BOM: oo.bom = true; break;
		default: return cli_option_error("bookmarks", argv, "f:h");
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("bookmarks", "give one BUNDLE / 需要一个期刊库");
	if (out_configure(&oo, &e))
		return cli_usage_error("bookmarks", "%s", e.msg);
	if (!(b = cli_open_bundle(argv[optind], BUNDLE_READ)))
		return cli_open_failed;
	if (bundle_keys_load(b, &k, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		bundle_close(b);
		return cli_err_status(&e, EXIT_PROBLEM);
	}
	m = marks_open(NULL);
	if (bookmarks_load(b, &k, m, &l, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		rc = cli_err_status(&e, EXIT_PROBLEM);
	} else {
		bookmarks_format(&l, fmt, &text);
		fwrite(text.s ? text.s : "", 1, text.len, stdout);
		/* Said where a script does not read it. */
		if (l.elsewhere && fmt != BOOKMARKS_JSON)
			cli_error(NULL, 0, "%zu more bookmark%s in issues this bundle does not hold / 另有 %zu 篇收藏不在此期刊库",
				  l.elsewhere, l.elsewhere == 1 ? " is" : "s are", l.elsewhere);
		bookmarks_free(&l);
	}
	sb_free(&text);
	marks_free(m);
	bundle_keys_free(&k);
	bundle_close(b);
	return rc;
}

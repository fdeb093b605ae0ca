/* SPDX-License-Identifier: MIT */
/* cli_edit.c — `qikan set`, `qikan log`, `qikan undo`: metadata edits
 * from the command line (the rules are in bundle_edit.h). */
#include "config.h"
#include "cli.h"
#include "bundle_edit.h"
#include "out.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* Values come from the bundle, which may come from anywhere: each is
 * shown on one line, whatever it holds (out.h). */
static void put_safe(const char *s)
{
	out_field(stdout, s);
}

static void put_value(const char *s)
{
	if (!s) {
		fputs("(none / 无)", stdout);
		return;
	}
	putchar('\'');
	put_safe(s);
	putchar('\'');
}

static void set_help(void)
{
	printf("Usage: qikan set [OPTION]... BUNDLE ARTICLE FIELD=VALUE...\n"
	       "       qikan set BUNDLE ARTICLE       (print the fields and the version)\n"
	       "Change an article's metadata; all fields in one saved, logged, undoable edit.\n"
	       "修改文章信息：一次保存，记入修改记录，可撤销。\n\n"
	       "ARTICLE is an id or a piece of the title.  FIELD is one of\n"
	       "  title 标题, subtitle 副标题, author 作者, byline 署名, source 来源,\n"
	       "  dateline 日期, section 栏目 (id, title or \"parent > title\" of a section\n"
	       "  of the same issue), page 页码 (1 to the issue's last start page).\n"
	       "An empty VALUE clears a field (not title or page).\n\n"
	       "      --expect-version N  refuse the edit unless the article is at version N\n"
	       "                          (as `qikan set BUNDLE ARTICLE` printed it), so that\n"
	       "                          an edit made meanwhile is never overwritten\n"
	       "  -h, --help              show this help\n\n"
	       "The log records $QIKAN_USER, or the login name.\n"
	       "Exit: 0 saved or nothing to change, 1 refused (changed meanwhile, read-only),\n"
	       "2 bad usage or value.\n");
}

static void print_others(const struct edit_result *r)
{
	for (size_t i = 0; i < r->nothers; i++) {
		printf("  %s: ", edit_field_label(r->others[i].field));
		put_value(r->others[i].value);
		printf("  (");
		put_safe(r->others[i].who ? r->others[i].who : "?");
		printf(", ");
		put_safe(r->others[i].at ? r->others[i].at : "?");
		printf(", version %d)\n", r->others[i].version);
	}
}

/* Parses FIELD=VALUE arguments; values point into argv. */
static int parse_changes(char **args, int n, struct edit_change *out)
{
	for (int i = 0; i < n; i++) {
		char *eq = strchr(args[i], '=');
		char *name;
		int f;

		if (!eq || eq == args[i])
			return cli_usage_error("set", "'%s' is not FIELD=VALUE / 应为 字段=值", args[i]);
		name = xstrndup(args[i], (size_t)(eq - args[i]));
		f = edit_field_lookup(name);
		if (f < 0) {
			cli_usage_error("set", "no field '%s' (title, subtitle, author, byline, section, page, "
					       "source, dateline) / 没有这个字段", name);
			free(name);
			return EXIT_USAGE;
		}
		free(name);
		out[i].field = f;
		out[i].value = eq + 1;
	}
	return 0;
}

static void print_saved(struct bundle *b, const struct edit_result *r)
{
	struct edit_log_row *rows = NULL;
	struct qk_err e = { 0 };
	size_t n = 0;

	printf("article %lld: saved as edit %lld, version %d / 已保存\n", (long long)r->article_id,
	       (long long)r->batch, r->version);
	if (bundle_edit_log(b, r->article_id, 1, &rows, &n, &e) == 0) {
		for (size_t i = 0; i < n; i++) {
			if (rows[i].batch != r->batch)
				continue;
			printf("  ");
			put_safe(rows[i].field);
			printf(": ");
			put_value(rows[i].old_shown);
			printf(" -> ");
			put_value(rows[i].new_shown);
			putchar('\n');
		}
	}
	edit_log_free(rows, n);
}

/* `qikan set BUNDLE ARTICLE`: what a script needs before an edit. */
static int print_fields(const char *path, const char *spec)
{
	struct qk_err e = { 0 };
	struct model_article *a = NULL;
	struct bundle *b = cli_open_bundle(path, BUNDLE_READ);
	int64_t id;

	if (!b)
		return cli_open_failed;
	if (bundle_find_article(b, spec, &id, &e) || !(a = bundle_article(b, id, &e))) {
		cli_error(NULL, 0, "%s", e.msg);
		bundle_close(b);
		return cli_err_status(&e, EXIT_USAGE);
	}
	printf("article %lld, version %d\n", (long long)a->id, a->version);
	printf("  title: ");
	put_value(a->title);
	printf("\n  subtitle: ");
	put_value(a->subtitle);
	printf("\n  author: ");
	put_value(a->author);
	printf("\n  byline: ");
	put_value(a->byline);
	printf("\n  section: ");
	put_value(a->section_id ? a->section_title : NULL);
	if (a->section_id)
		printf(" (%lld)", (long long)a->section_id);
	printf("\n  page: ");
	if (a->page > 0)
		printf("'%d'", a->page);
	else
		put_value(NULL);
	printf("\n  source: ");
	put_value(a->source);
	printf("\n  dateline: ");
	put_value(a->dateline);
	putchar('\n');
	model_article_free(a);
	bundle_close(b);
	return EXIT_OK;
}

int cmd_set(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "expect-version", required_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct edit_result r = { 0 };
	struct qk_err e = { 0 };
	struct edit_change *ch;
	struct bundle *b;
	int64_t id;
	int c, expect = 0, n, rc;
	char *who;

	optind = 1;
	/* "+": stop at the first operand, so a value may start with '-'. */
	/* --expect-version has no short form: -v means "verbose" or
	 * "version" elsewhere, never this. */
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'E':
			if ((expect = cli_parse_int("set", "--expect-version", optarg, 1, 2000000000)) < 0)
				return EXIT_USAGE;
			break;
		case 'h': set_help(); return EXIT_OK;
		default: return cli_option_error("set", argv, "+h");
		}
	}
	if (argc - optind < 2)
		return cli_usage_error("set", "give BUNDLE ARTICLE FIELD=VALUE... / 需要期刊库、文章和 字段=值");
	if (argc - optind == 2)
		return print_fields(argv[optind], argv[optind + 1]);
	n = argc - optind - 2;
	ch = xcalloc((size_t)n, sizeof *ch);
	if (parse_changes(argv + optind + 2, n, ch)) {
		free(ch);
		return EXIT_USAGE;
	}
	if (!(b = cli_open_bundle(argv[optind], BUNDLE_READ))) {
		free(ch);
		return cli_open_failed;
	}
	if (bundle_find_article(b, argv[optind + 1], &id, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		free(ch);
		bundle_close(b);
		return cli_err_status(&e, EXIT_USAGE);
	}
	who = edit_who();
	rc = bundle_edit_save(b, id, expect, ch, (size_t)n, who, &r, &e);
	switch (rc) {
	case 0:
		print_saved(b, &r);
		break;
	case EDIT_NOTHING:
		printf("article %lld: nothing changed (version %d) / 没有改动\n", (long long)id, r.version);
		rc = EXIT_OK;
		break;
	case EDIT_STALE:
		cli_error(NULL, 0, "%s", e.msg);
		fprintf(stderr, "Nothing was lost: check the values above, then repeat the edit with "
				"--expect-version %d (or without it) / 请核对后重试\n", r.version);
		rc = EXIT_PROBLEM;
		break;
	case EDIT_INVALID:
		cli_error(NULL, 0, "%s: article %lld: %s", bundle_path(b), (long long)id, e.msg);
		rc = EXIT_USAGE;
		break;
	default:
		cli_error(NULL, 0, "%s", e.msg);
		rc = EXIT_PROBLEM;
	}
	edit_result_free(&r);
	free(who);
	free(ch);
	bundle_close(b);
	return rc;
}

static void log_help(void)
{
	printf("Usage: qikan log [OPTION]... BUNDLE [ARTICLE]\n"
	       "Print the edit history, oldest first: each edit with its fields' old and\n"
	       "new values; undos name the edit they take back.  Sections show their\n"
	       "titles (the log stores their ids).\n"
	       "打印修改记录。\n\n"
	       "  -n, --last N       only the last N edits\n"
	       "  -f, --format FMT   text (default) or json\n"
	       "  -h, --help         show this help\n");
}

static void print_log(const struct edit_log_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct edit_log_row *r = &rows[i];

		if (i == 0 || r->batch != rows[i - 1].batch) {
			printf("edit %lld  ", (long long)r->batch);
			put_safe(r->at);
			printf("  ");
			put_safe(r->who);
			printf("  article %lld v%d", (long long)r->article_id, r->version);
			if (r->article_title) {
				printf(" 《");
				put_safe(r->article_title);
				printf("》");
			}
			if (r->undoes)
				printf("  undo of edit %lld / 撤销", (long long)r->undoes);
			putchar('\n');
		}
		printf("  ");
		put_safe(r->field);
		printf(": ");
		put_value(r->old_shown ? r->old_shown : r->old_value);
		printf(" -> ");
		put_value(r->new_shown ? r->new_shown : r->new_value);
		putchar('\n');
	}
}

int cmd_log(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "last", required_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct edit_log_row *rows = NULL;
	struct qk_err e = { 0 };
	struct bundle *b;
	int64_t id = 0;
	size_t n = 0;
	int c, last = 0, rc = EXIT_OK;
	bool json = false;

	optind = 1;
	while ((c = getopt_long(argc, argv, "n:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if ((last = cli_parse_int("log", "--last", optarg, 1, 2000000000)) < 0)
				return EXIT_USAGE;
			break;
		case 'f':
			if (cli_parse_format("log", optarg, &json))
				return EXIT_USAGE;
			break;
		case 'h': log_help(); return EXIT_OK;
		default: return cli_option_error("log", argv, "n:f:h");
		}
	}
	if (argc - optind < 1 || argc - optind > 2)
		return cli_usage_error("log", "give BUNDLE [ARTICLE] / 需要期刊库");
	if (!(b = cli_open_bundle(argv[optind], BUNDLE_READ)))
		return cli_open_failed;
	if ((argc - optind == 2 && bundle_find_article(b, argv[optind + 1], &id, &e)) ||
	    bundle_edit_log(b, id, last, &rows, &n, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		bundle_close(b);
		return cli_err_status(&e, EXIT_USAGE);
	}
	if (json)
		rc = cli_log_json(argv[optind], rows, n);
	else if (n == 0)
		printf("no edits / 没有修改记录\n");
	else
		print_log(rows, n);
	edit_log_free(rows, n);
	bundle_close(b);
	return rc;
}

static void undo_help(void)
{
	printf("Usage: qikan undo [OPTION]... BUNDLE [ARTICLE]\n"
	       "Take back the last edit (of ARTICLE, when given) that is not already undone.\n"
	       "The undo is itself an edit in the log.  It is refused when a field it would\n"
	       "restore was changed again since: undo that later edit first.\n"
	       "撤销最近一次修改（撤销本身也记入修改记录）。\n\n"
	       "  -e, --edit N   undo edit N (as numbered by `qikan log`)\n"
	       "  -h, --help     show this help\n");
}

int cmd_undo(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "edit", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct edit_result r = { 0 };
	struct qk_err e = { 0 };
	struct bundle *b;
	int64_t id = 0, batch = 0;
	int c, rc;
	char *who;

	optind = 1;
	while ((c = getopt_long(argc, argv, "e:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'e':
			if ((rc = cli_parse_int("undo", "--edit", optarg, 1, 2000000000)) < 0)
				return EXIT_USAGE;
			batch = rc;
			break;
		case 'h': undo_help(); return EXIT_OK;
		default: return cli_option_error("undo", argv, "e:h");
		}
	}
	if (argc - optind < 1 || argc - optind > 2)
		return cli_usage_error("undo", "give BUNDLE [ARTICLE] / 需要期刊库");
	if (!(b = cli_open_bundle(argv[optind], BUNDLE_READ)))
		return cli_open_failed;
	if (argc - optind == 2 && bundle_find_article(b, argv[optind + 1], &id, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		bundle_close(b);
		return cli_err_status(&e, EXIT_USAGE);
	}
	who = edit_who();
	rc = bundle_edit_undo(b, batch, id, who, &r, &e);
	if (rc == 0) {
		printf("undid it / 已撤销: ");
		print_saved(b, &r);
	} else if (rc == EDIT_NOTHING) {
		printf("%s\n", e.msg);
		rc = EXIT_OK;
	} else {
		cli_error(NULL, 0, "%s", e.msg);
		if (r.nothers)
			print_others(&r);
		rc = EXIT_PROBLEM;
	}
	edit_result_free(&r);
	free(who);
	bundle_close(b);
	return rc;
}

/* SPDX-License-Identifier: MIT */
/* cli_toc.c — `qikan toc BUNDLE`: the table of contents.  On a terminal,
 * a table whose columns line up by display width (Chinese characters are
 * two columns); to a pipe, one tab-separated line an article with no
 * padding (what scripts cut and grep, and a third of the bytes at a
 * thousand issues); --format chooses, json included. */
#include "config.h"
#include "cli.h"
#include "out.h"
#include "layout.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum toc_format { TOC_TEXT, TOC_TSV, TOC_JSON };

struct toc_line {
	char *section, *title, *author;
	int page;
	int64_t id;
	bool in_toc;
};

static void toc_help(void)
{
	printf("Usage: qikan toc [OPTION]... BUNDLE\n"
	       "Print the table of contents: id, section, title, author, page.\n"
	       "打印目录：编号、栏目、标题、作者、页码。\n\n"
	       "  -i, --issue ISSUE  only this issue: its id, or its title or a piece of it\n"
	       "  -a, --all          also articles that are not in the printed TOC (marked *)\n"
	       "  -w, --width N      fit the table into N columns (default: the terminal)\n"
	       "  -f, --format FMT   text (an aligned table: the default on a terminal),\n"
	       "                     tsv (one line an article, tab-separated: id, issue,\n"
	       "                     section, title, author, page, 1 or 0 for in the TOC;\n"
	       "                     the default to a pipe or file) or json\n"
	       "  -h, --help         show this help\n");
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/* Prints one issue's collected lines as an aligned table. */
static void print_table(const char *issue, struct toc_line *v, size_t n, int width, const struct layout_opts *lo)
{
	int wid = 2, wsec = 4, wtitle = 4, wauth = 4;
	struct sb out = { 0 };

	for (size_t i = 0; i < n; i++) {
		char idbuf[32];

		snprintf(idbuf, sizeof idbuf, "%lld", (long long)v[i].id);
		wid = max_int(wid, (int)strlen(idbuf) + 1);
		wsec = max_int(wsec, layout_width(v[i].section, lo));
		wtitle = max_int(wtitle, layout_width(v[i].title, lo));
		wauth = max_int(wauth, layout_width(v[i].author, lo));
	}
	/* Fit the widest columns into the width: title gives way first. */
	if (width > 0) {
		int fixed = wid + 1 + 1 + wauth + 1 + 4;

		if (wsec > 24 && fixed + wsec + 1 + 20 > width)
			wsec = 24;
		if (fixed + wsec + 1 + wtitle > width)
			wtitle = max_int(10, width - fixed - wsec - 1);
	}
	sb_printf(&out, "%s\n", issue);
	sb_printf(&out, "%*s ", wid, "#");
	layout_fit(&out, "栏目", wsec, false, true, lo);
	sb_addc(&out, ' ');
	layout_fit(&out, "标题", wtitle, false, true, lo);
	sb_addc(&out, ' ');
	layout_fit(&out, "作者", wauth, false, true, lo);
	sb_adds(&out, " 页码\n");
	for (size_t i = 0; i < n; i++) {
		sb_printf(&out, "%*lld%c", wid - 1, (long long)v[i].id, v[i].in_toc ? ' ' : '*');
		sb_addc(&out, ' ');
		layout_fit(&out, v[i].section, wsec, true, true, lo);
		sb_addc(&out, ' ');
		layout_fit(&out, v[i].title, wtitle, true, true, lo);
		sb_addc(&out, ' ');
		layout_fit(&out, v[i].author, wauth, true, true, lo);
		if (v[i].page > 0)
			sb_printf(&out, " %4d\n", v[i].page);
		else
			sb_adds(&out, "    -\n");
	}
	fputs(out.s, stdout);
	sb_free(&out);
}

/* A field of a TSV line: sanitised text, with tabs and line breaks (which
 * would split the line) as spaces. */
static void tsv_field(struct sb *out, const char *s)
{
	char *safe = layout_sanitize(s ? s : "", s ? strlen(s) : 0);

	for (char *p = safe; *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	sb_adds(out, safe);
	free(safe);
}

static void print_tsv(const char *issue, const struct toc_line *v, size_t n)
{
	struct sb out = { 0 };

	for (size_t i = 0; i < n; i++) {
		sb_printf(&out, "%lld\t", (long long)v[i].id);
		tsv_field(&out, issue);
		sb_addc(&out, '\t');
		tsv_field(&out, v[i].section);
		sb_addc(&out, '\t');
		tsv_field(&out, v[i].title);
		sb_addc(&out, '\t');
		tsv_field(&out, v[i].author);
		sb_addc(&out, '\t');
		if (v[i].page > 0)
			sb_printf(&out, "%d", v[i].page);
		sb_printf(&out, "\t%d\n", v[i].in_toc);
	}
	if (out.len)
		fputs(out.s, stdout);
	sb_free(&out);
}

/* One JSON object an issue, in an array printed around the calls. */
static void print_json(const char *issue, const struct toc_line *v, size_t n, bool first)
{
	struct sb out = { 0 };

	sb_adds(&out, first ? "\n  {\"issue\": " : ",\n  {\"issue\": ");
	sb_json_str(&out, issue);
	sb_adds(&out, ", \"articles\": [");
	for (size_t i = 0; i < n; i++) {
		sb_printf(&out, "%s\n    {\"id\": %lld, \"section\": ", i ? "," : "", (long long)v[i].id);
		sb_json_str(&out, v[i].section);
		sb_adds(&out, ", \"title\": ");
		sb_json_str(&out, v[i].title);
		sb_adds(&out, ", \"author\": ");
		if (v[i].author && *v[i].author)
			sb_json_str(&out, v[i].author);
		else
			sb_adds(&out, "null");
		if (v[i].page > 0)
			sb_printf(&out, ", \"page\": %d", v[i].page);
		else
			sb_adds(&out, ", \"page\": null");
		sb_printf(&out, ", \"in_toc\": %s}", v[i].in_toc ? "true" : "false");
	}
	sb_adds(&out, n ? "\n  ]}" : "]}");
	fputs(out.s, stdout);
	sb_free(&out);
}

static void free_lines(struct toc_line *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].section);
		free(v[i].title);
		free(v[i].author);
	}
}

/* Walks the TOC rows, keeping the section path, and prints a table per
 * issue (or its TSV lines, or its JSON object). */
static void print_toc(const struct model_toc *t, bool all, int width, enum toc_format fmt)
{
	struct layout_opts lo = { 0 };
	struct toc_line *v = xcalloc(t->n + 1, sizeof *v);
	char *sec[4] = { NULL };
	char *issue = NULL;
	size_t n = 0;
	bool printed = false;

	if (fmt == TOC_JSON)
		fputs("{\"issues\": [", stdout);
	for (size_t i = 0; i <= t->n; i++) {
		const struct model_toc_row *r = i < t->n ? &t->rows[i] : NULL;

		if (!r || r->kind == ROW_ISSUE) {
			if (issue && fmt == TOC_TSV) {
				print_tsv(issue, v, n);
			} else if (issue && fmt == TOC_JSON) {
				print_json(issue, v, n, !printed);
			} else if (issue) {
				print_table(issue, v, n, width, &lo);
				if (r)
					putchar('\n');
			}
			printed = printed || issue != NULL;
			free_lines(v, n);
			n = 0;
			free(issue);
			issue = r ? out_oneline(r->title) : NULL;
			for (int k = 0; k < 4; k++) {
				free(sec[k]);
				sec[k] = NULL;
			}
			continue;
		}
		if (r->kind == ROW_SECTION) {
			int d = r->depth < 4 ? r->depth : 3;

			for (int k = d; k < 4; k++) {
				free(sec[k]);
				sec[k] = NULL;
			}
			sec[d] = out_oneline(r->title);
			continue;
		}
		if (!all && !r->in_toc)
			continue;
		{
			struct sb path = { 0 };

			for (int k = 1; k < 4 && k < r->depth; k++) {
				if (!sec[k])
					continue;
				if (path.len)
					sb_adds(&path, " > ");
				sb_adds(&path, sec[k]);
			}
			v[n].section = sb_steal(&path);
		}
		v[n].title = out_oneline(r->title); /* a row is one line */
		v[n].author = out_oneline(r->author);
		v[n].page = r->page;
		v[n].id = r->id;
		v[n].in_toc = r->in_toc;
		n++;
	}
	if (fmt == TOC_JSON)
		fputs(printed ? "\n]}\n" : "]}\n", stdout);
	free(v);
}

int cmd_toc(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "issue", required_argument, NULL, 'i' }, { "all", no_argument, NULL, 'a' },
		{ "width", required_argument, NULL, 'w' }, { "help", no_argument, NULL, 'h' },
		{ "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 },
	};
	/* A table for people, lines for programs. */
	enum toc_format fmt = isatty(STDOUT_FILENO) ? TOC_TEXT : TOC_TSV;
	struct qk_err e = { 0 };
	struct model_toc t;
	struct bundle *b;
	const char *issue_spec = NULL;
	int64_t issue = 0;
	int c, width = 0;
	bool all = false;

	optind = 1;
	while ((c = getopt_long(argc, argv, "i:aw:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': issue_spec = optarg; break;
		case 'a': all = true; break;
		case 'w':
			if ((width = cli_parse_int("toc", "--width", optarg, 20, 10000)) < 0)
				return EXIT_USAGE;
			break;
		case 'f':
			if (!strcmp(optarg, "text"))
				fmt = TOC_TEXT;
			else if (!strcmp(optarg, "tsv"))
				fmt = TOC_TSV;
			else if (!strcmp(optarg, "json"))
				fmt = TOC_JSON;
			else
				return cli_usage_error("toc", "--format is text, tsv or json / 格式应为 text、tsv 或 json");
			break;
		case 'h': toc_help(); return EXIT_OK;
		default: return cli_option_error("toc", argv, "i:aw:h");
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("toc", "give one BUNDLE / 需要一个期刊库");
	if (!(b = cli_open_bundle(argv[optind], BUNDLE_READ)))
		return cli_open_failed;
	if (issue_spec && cli_find_issue(b, issue_spec, &issue)) {
		bundle_close(b);
		return EXIT_USAGE;
	}
	if (bundle_toc(b, issue, &t, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		bundle_close(b);
		return EXIT_PROBLEM;
	}
	if (issue && t.n == 0) {
		cli_error(argv[optind], 0, "no issue %lld / 没有这一期", (long long)issue);
		bundle_close(b);
		return EXIT_USAGE;
	}
	print_toc(&t, all, cli_output_width(width), fmt);
	model_toc_free(&t);
	bundle_close(b);
	return EXIT_OK;
}

/* SPDX-License-Identifier: MIT */
/* cli_export.c — `qikan export BUNDLE [ARTICLE]`: issues or one article as
 * plain text, Markdown or JSON, for printing, mail or other tools. */
#include "config.h"
#include "cli.h"
#include "layout.h"
#include "out.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum export_format { FMT_TEXT, FMT_MARKDOWN, FMT_JSON };

#define INDENT "\xe3\x80\x80\xe3\x80\x80" /* two U+3000 IDEOGRAPHIC SPACEs */

struct exporter {
	enum export_format fmt;
	struct sb out;
	int issues, articles; /* emitted so far, for JSON commas */
	int level;            /* Markdown heading level of the next article */
};

static void export_help(void)
{
	printf("Usage: qikan export [OPTION]... BUNDLE [ARTICLE]\n"
	       "Write issues (or one ARTICLE) as plain text, Markdown or JSON on standard\n"
	       "output, in table-of-contents order.  导出期刊或文章为文本、Markdown 或 JSON。\n\n"
	       "  -f, --format FMT   text (default), markdown or json\n"
	       "  -i, --issue ISSUE  only this issue: its id, or its title or a piece of it\n"
	       CLI_ENCODING_HELP
	       "  -h, --help         show this help\n");
}

/* Untrusted text is made safe for a terminal (and valid UTF-8 for JSON). */
static void add_safe(struct sb *o, const char *s)
{
	char *safe = layout_sanitize(s, strlen(s));

	sb_adds(o, safe);
	free(safe);
}

static void json_field(struct sb *o, const char *key, const char *s, bool comma)
{
	sb_printf(o, "%s\"%s\": ", comma ? ", " : "", key);
	if (s) {
		char *safe = layout_sanitize(s, strlen(s));

		sb_json_str(o, safe);
		free(safe);
	} else {
		sb_adds(o, "null");
	}
}

/* "label value" lines of the text and Markdown forms, skipped when empty;
 * a value's own line breaks are shown, not obeyed (it is one field). */
static void text_line(struct sb *o, const char *before, const char *s, const char *after)
{
	char *safe;

	if (!s || !*s)
		return;
	safe = layout_sanitize_line(s, strlen(s));
	sb_adds(o, before);
	sb_adds(o, safe);
	sb_adds(o, after);
	free(safe);
}

static void article_text(struct exporter *x, const struct model_article *a)
{
	bool md = x->fmt == FMT_MARKDOWN;
	struct sb *o = &x->out;
	/* The source is stored as printed: "来源：新华网" carries its label. */
	const char *src_label = a->source && str_starts(a->source, "来源") ? "" : "来源：";

	if (!md && x->articles)
		sb_adds(o, "\n\f\n");
	text_line(o, md ? "*" : "", a->kicker, md ? "*\n\n" : "\n");
	if (md)
		sb_printf(o, "%.*s ", x->level, "######");
	text_line(o, "", a->title, "\n");
	if (md)
		sb_addc(o, '\n');
	text_line(o, "——", a->subtitle, md ? "\n\n" : "\n");
	text_line(o, "□ ", a->byline, md ? "\n\n" : "\n");
	if (!a->byline || !a->author || !strstr(a->byline, a->author))
		text_line(o, "作者：", a->author, md ? "\n\n" : "\n");
	text_line(o, "日期：", a->dateline, md ? "\n\n" : "\n");
	if (a->source && *a->source) {
		sb_adds(o, src_label);
		text_line(o, "", a->source, md ? "\n\n" : "\n");
	}
	if (a->page > 0)
		sb_printf(o, md ? "第%d页\n\n" : "第%d页\n", a->page);
	for (size_t i = 0; i < a->npara; i++) {
		sb_adds(o, md ? "" : "\n" INDENT);
		add_safe(o, a->paras[i]);
		sb_adds(o, md ? "\n\n" : "\n");
	}
}

void export_article_format(const struct model_article *a, bool markdown, struct sb *out)
{
	struct exporter x = { .fmt = markdown ? FMT_MARKDOWN : FMT_TEXT, .level = 1 };

	article_text(&x, a);
	sb_add(out, x.out.s ? x.out.s : "", x.out.len);
	sb_free(&x.out);
}

static void article_json(struct exporter *x, const struct model_article *a)
{
	struct sb *o = &x->out;

	sb_printf(o, "%s\n    {\"id\": %lld", x->articles ? "," : "", (long long)a->id);
	json_field(o, "section", a->section_title, true);
	json_field(o, "kicker", a->kicker, true);
	json_field(o, "title", a->title, true);
	json_field(o, "subtitle", a->subtitle, true);
	json_field(o, "author", a->author, true);
	json_field(o, "byline", a->byline, true);
	json_field(o, "source", a->source, true);
	json_field(o, "dateline", a->dateline, true);
	if (a->page > 0)
		sb_printf(o, ", \"page\": %d", a->page);
	else
		sb_adds(o, ", \"page\": null");
	sb_printf(o, ", \"in_toc\": %s, \"version\": %d, \"paragraphs\": [", a->in_toc ? "true" : "false",
		  a->version);
	for (size_t i = 0; i < a->npara; i++) {
		char *safe = layout_sanitize(a->paras[i], strlen(a->paras[i]));

		sb_adds(o, i ? ", " : "");
		sb_json_str(o, safe);
		free(safe);
	}
	sb_adds(o, "]}");
}

static void issue_begin(struct exporter *x, const struct model_toc_row *r)
{
	struct sb *o = &x->out;

	if (x->fmt == FMT_JSON) {
		if (x->issues)
			sb_adds(o, "\n  ]},");
		sb_printf(o, "\n  {\"id\": %lld", (long long)r->id);
		json_field(o, "title", r->title, true);
		sb_adds(o, ", \"articles\": [");
	} else {
		if (x->issues)
			sb_adds(o, x->fmt == FMT_MARKDOWN ? "\n" : "\n\f\n");
		text_line(o, x->fmt == FMT_MARKDOWN ? "# " : "", r->title, "\n\n");
	}
	x->issues++;
	x->articles = 0;
}

/* Writes the buffered output, so memory stays flat on a large bundle.
 * Returns -1 once standard output has failed (out_finish() says why). */
static int flush_out(struct exporter *x)
{
	fwrite(x->out.s ? x->out.s : "", 1, x->out.len, stdout);
	sb_clear(&x->out);
	return ferror(stdout) ? -1 : 0;
}

static int export_article(struct exporter *x, struct bundle *b, int64_t id)
{
	struct qk_err e = { 0 };
	struct model_article *a = bundle_article(b, id, &e);

	if (!a) {
		cli_error(NULL, 0, "%s", e.msg);
		return -1;
	}
	if (x->fmt == FMT_JSON)
		article_json(x, a);
	else
		article_text(x, a);
	x->articles++;
	model_article_free(a);
	return flush_out(x);
}

static int export_toc(struct exporter *x, struct bundle *b, const struct model_toc *t)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct model_toc_row *r = &t->rows[i];

		if (r->kind == ROW_ISSUE)
			issue_begin(x, r);
		else if (r->kind == ROW_SECTION && x->fmt == FMT_MARKDOWN)
			text_line(&x->out, r->depth > 1 ? "### " : "## ", r->title, "\n\n");
		else if (r->kind == ROW_ARTICLE) {
			/* headings nest: # issue, ## section, ### sub-section */
			x->level = r->depth + 1 < 6 ? r->depth + 1 : 6;
			if (export_article(x, b, r->id))
				return -1;
		}
	}
	return 0;
}

static int parse_format(const char *s, enum export_format *f)
{
	if (!strcmp(s, "text"))
		*f = FMT_TEXT;
	else if (!strcmp(s, "markdown") || !strcmp(s, "md"))
		*f = FMT_MARKDOWN;
	else if (!strcmp(s, "json"))
		*f = FMT_JSON;
	else
		return cli_usage_error("export", "--format is text, markdown or json, not '%s'", s);
	return 0;
}

int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' }, { "issue", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },         CLI_ENCODING_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct out_opts oo = { 0 };
	struct exporter x = { FMT_TEXT, { 0 }, 0, 0, 2 };
	struct qk_err e = { 0 };
	struct model_toc t = { 0 };
	struct bundle *b;
	const char *issue_spec = NULL;
	int64_t issue = 0;
	int c, rc = EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "f:i:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (parse_format(optarg, &x.fmt))
				return EXIT_USAGE;
			break;
		case 'i': issue_spec = optarg; break;
		case 'h': export_help(); return EXIT_OK;
		case CLI_OPT_ENCODING: oo.encoding = optarg; break;
		case CLI_OPT_CRLF: oo.crlf = true; break;
		case CLI_OPT_BOM: oo.bom = true; break;
		default: return cli_option_error("export", argv, "f:i:h");
		}
	}
	if (optind != argc - 1 && optind != argc - 2)
		return cli_usage_error("export", "give BUNDLE and maybe ARTICLE / 需要期刊库");
	if (out_configure(&oo, &e))
		return cli_usage_error("export", "%s", e.msg);
	if (!(b = cli_open_bundle(argv[optind], BUNDLE_READ)))
		return cli_open_failed;
	if (issue_spec && cli_find_issue(b, issue_spec, &issue)) {
		bundle_close(b);
		return EXIT_USAGE;
	}
	if (x.fmt == FMT_JSON)
		sb_adds(&x.out, "{\"issues\": [");
	if (optind == argc - 2) {
		int64_t id;
		struct model_article *a;

		if (bundle_find_article(b, argv[optind + 1], &id, &e) || !(a = bundle_article(b, id, &e))) {
			cli_error(NULL, 0, "%s", e.msg);
			rc = cli_err_status(&e, EXIT_USAGE);
			goto out;
		}
		{
			struct model_toc_row r = { .kind = ROW_ISSUE, .id = a->issue_id, .title = a->issue_title };

			issue_begin(&x, &r);
		}
		model_article_free(a);
		if (export_article(&x, b, id))
			rc = EXIT_PROBLEM;
	} else if (bundle_toc(b, issue, &t, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		rc = EXIT_PROBLEM;
	} else if (issue && t.n == 0) {
		cli_error(argv[optind], 0, "no issue %lld / 没有这一期", (long long)issue);
		rc = EXIT_USAGE;
	} else if (export_toc(&x, b, &t)) {
		rc = EXIT_PROBLEM;
	}
	if (rc == EXIT_OK && x.fmt == FMT_JSON)
		sb_adds(&x.out, x.issues ? "\n  ]}\n]}\n" : "]}\n");
	if (rc == EXIT_OK)
		flush_out(&x);
out:
	model_toc_free(&t);
	sb_free(&x.out);
	bundle_close(b);
	return rc;
}

/* SPDX-License-Identifier: MIT */
/* cli_stats.c — `qikan stats BUNDLE [--issue N] [--section S] [--json]`:
 * the figures of stats.h as tables aligned by display width, or as JSON
 * (the schema is under JSON in STATISTICS of doc/qikan.1). */
#include "config.h"
#include "bundle_stats.h"
#include "cli.h"
#include "out.h"
#include "conf_file.h"
#include "layout.h"
#include "stats.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void stats_help(void)
{
	printf("Usage: qikan stats [OPTION]... BUNDLE\n"
	       "Figures about the whole bundle, one issue or one section: articles, paragraphs,\n"
	       "characters (Han, Latin, digits, punctuation), reading time, pages, authors,\n"
	       "longest and shortest articles, articles not in the TOC, frequent terms.\n"
	       "统计：文章、段落、字数（汉字、拉丁字母、数字、标点）、阅读时间、页数、作者、\n"
	       "最长与最短文章、目录外文章、高频词。\n\n"
	       "  -i, --issue ID|TITLE    only this issue\n"
	       "  -s, --section ID|TITLE  only this section (a title counts in every issue,\n"
	       "                          or in the issue given with --issue)\n"
	       "  -f, --format FMT        text (tables, the default) or json\n"
	       "  -j, --json              the same as --format json\n"
	       "  -n, --top N             list N terms (default 20, or [stats] top_terms)\n"
	       "  -c, --config FILE       read [stats] from FILE instead of\n"
	       "                          $XDG_CONFIG_HOME/qikan/config.ini\n"
	       "  -h, --help              show this help\n\n"
	       "Config [stats]: stop_words (added to the built-in stop list), default_stop_words,\n"
	       "chars_per_minute (reading speed, default 400), top_terms.\n");
}

/* ---- text tables ---- */

struct table {
	size_t ncols;
	const bool *right; /* per column: right-aligned */
	struct strv cells; /* row-major, sanitized */
};

static void table_add(struct table *t, const char *s)
{
	strv_push(&t->cells, out_oneline(s)); /* a cell is one line */
}

static void table_addf(struct table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void table_addf(struct table *t, const char *fmt, ...)
{
	struct sb b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	table_add(t, b.s ? b.s : "");
	sb_free(&b);
}

static void table_num(struct table *t, uint64_t n)
{
	char buf[32];

	table_add(t, stats_group(n, buf, sizeof buf));
}

/* Prints the table; column cap_col is cut to at most cap columns (0: no
 * limit), with an ellipsis. */
static void table_print(struct sb *out, struct table *t, size_t cap_col, int cap, const struct layout_opts *lo)
{
	size_t nrows = t->cells.n / t->ncols;
	int *w = xcalloc(t->ncols, sizeof *w);

	for (size_t i = 0; i < t->cells.n; i++) {
		int cw = layout_width(t->cells.v[i], lo);

		if (cw > w[i % t->ncols])
			w[i % t->ncols] = cw;
	}
	if (cap > 0 && cap_col < t->ncols && w[cap_col] > cap)
		w[cap_col] = cap;
	for (size_t r = 0; r < nrows; r++) {
		struct sb line = { 0 };

		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = t->cells.v[r * t->ncols + c];
			bool last = c + 1 == t->ncols;

			if (c)
				sb_adds(&line, "  ");
			if (t->right[c]) {
				int cw = layout_width(s, lo);

				for (int k = cw; k < w[c]; k++)
					sb_addc(&line, ' ');
				layout_fit(&line, s, w[c], true, false, lo);
			} else {
				layout_fit(&line, s, w[c], true, !last, lo);
			}
		}
		/* no trailing blanks */
		while (line.len && line.s[line.len - 1] == ' ')
			line.s[--line.len] = '\0';
		if (line.s)
			sb_adds(out, line.s);
		sb_addc(out, '\n');
		sb_free(&line);
	}
	free(w);
	strv_free(&t->cells);
}

static const char *page_range(const struct stats_section *sec, char *buf, size_t size)
{
	if (sec->first_page > 0)
		snprintf(buf, size, "%d-%d", sec->first_page, sec->last_page);
	else
		snprintf(buf, size, "-");
	return buf;
}

static void article_rows(struct table *t, const struct stats_article *v, size_t n, bool show_chars,
			 bool show_issue)
{
	for (size_t i = 0; i < n; i++) {
		if (show_chars)
			table_num(t, v[i].chars);
		table_add(t, v[i].title);
		table_add(t, *v[i].section ? v[i].section : "-");
		if (show_issue)
			table_add(t, v[i].issue_title);
		if (v[i].page > 0)
			table_addf(t, "%d", v[i].page);
		else
			table_add(t, "-");
	}
}

static void print_articles(struct sb *out, const char *head, const struct stats_article *v, size_t n,
			   bool show_chars, bool show_issue, const struct layout_opts *lo)
{
	bool right[5] = { false };
	struct table t = { .right = right };

	sb_printf(out, "\n%s\n", head);
	if (!n) {
		sb_adds(out, "  (无 none)\n");
		return;
	}
	if (show_chars) {
		right[t.ncols++] = true;
		table_add(&t, "字数 Chars");
	}
	t.ncols += 2;
	table_add(&t, "标题 Title");
	table_add(&t, "栏目 Section");
	if (show_issue) {
		t.ncols++;
		table_add(&t, "期 Issue");
	}
	right[t.ncols++] = true;
	table_add(&t, "页 Page");
	article_rows(&t, v, n, show_chars, show_issue);
	table_print(out, &t, show_chars ? 1 : 0, 40, lo);
}

static void print_text(const struct stats *s, const char *scope, const struct layout_opts *lo)
{
	static const bool right2[] = { false, true, false };
	static const bool right_sec[] = { false, true, true, true, true, true, true, false };
	static const bool right_cnt[] = { false, true };
	struct table t = { .ncols = 3, .right = right2 };
	struct sb out = { 0 };
	uint64_t total = stats_chars_total(&s->chars);
	char pages[64];

	sb_printf(&out, "统计 Statistics: %s\n\n", scope);
	table_add(&t, "期数 Issues");
	table_num(&t, (uint64_t)s->issues);
	table_add(&t, "");
	table_add(&t, "文章 Articles");
	table_num(&t, (uint64_t)s->articles);
	table_add(&t, "");
	table_add(&t, "  目录内 In the TOC");
	table_num(&t, (uint64_t)s->articles_in_toc);
	table_add(&t, "");
	table_add(&t, "  目录外 Not in the TOC");
	table_num(&t, (uint64_t)(s->articles - s->articles_in_toc));
	table_add(&t, "");
	table_add(&t, "段落 Paragraphs");
	table_num(&t, (uint64_t)s->paragraphs);
	table_add(&t, "");
	table_add(&t, "字符 Characters");
	table_num(&t, total);
	table_add(&t, "");
	table_add(&t, "  汉字 Han");
	table_num(&t, s->chars.han);
	table_add(&t, "");
	table_add(&t, "  拉丁字母 Latin letters");
	table_num(&t, s->chars.latin);
	table_add(&t, "");
	table_add(&t, "  数字 Digits");
	table_num(&t, s->chars.digit);
	table_add(&t, "");
	table_add(&t, "  标点 Punctuation");
	table_num(&t, s->chars.punct);
	table_add(&t, "");
	table_add(&t, "  其他 Other");
	table_num(&t, s->chars.other);
	table_add(&t, "");
	table_add(&t, "阅读时间 Reading time");
	table_num(&t, s->reading_minutes);
	table_addf(&t, "分钟 min (%d 字/分钟 chars a minute)", s->chars_per_minute);
	table_add(&t, "页数 Pages");
	table_num(&t, (uint64_t)s->pages);
	if (s->first_page > 0)
		snprintf(pages, sizeof pages, "(%d-%d)", s->first_page, s->last_page);
	else
		pages[0] = '\0';
	table_add(&t, pages);
	table_print(&out, &t, 0, 0, lo);

	sb_adds(&out, "\n栏目 Sections\n");
	if (!s->nsections) {
		sb_adds(&out, "  (无 none)\n");
	} else {
		t.ncols = 8;
		t.right = right_sec;
		table_add(&t, "栏目 Section");
		table_add(&t, "文章 Articles");
		table_add(&t, "目录内 In TOC");
		table_add(&t, "段落 Paras");
		table_add(&t, "字符 Chars");
		table_add(&t, "汉字 Han");
		table_add(&t, "页数 Pages");
		table_add(&t, s->issues == 1 ? "页码 Range" : "");
		int base = s->sections[0].depth; /* a sub-section alone is not indented */

		for (size_t i = 1; i < s->nsections; i++)
			if (s->sections[i].depth < base)
				base = s->sections[i].depth;
		for (size_t i = 0; i < s->nsections; i++) {
			const struct stats_section *sec = &s->sections[i];
			struct sb name = { 0 };

			for (int d = base; d < sec->depth; d++)
				sb_adds(&name, "  ");
			sb_adds(&name, sec->name);
			table_add(&t, name.s);
			sb_free(&name);
			table_num(&t, (uint64_t)sec->articles);
			table_num(&t, (uint64_t)sec->articles_in_toc);
			table_num(&t, (uint64_t)sec->paragraphs);
			table_num(&t, stats_chars_total(&sec->chars));
			table_num(&t, sec->chars.han);
			table_num(&t, (uint64_t)sec->pages);
			table_add(&t, s->issues == 1 ? page_range(sec, pages, sizeof pages) : "");
		}
		table_print(&out, &t, 0, 30, lo);
	}

	sb_printf(&out, "\n作者 Authors (%zu; 无作者 without an author: %d)\n", s->nauthors,
		  s->articles_without_author);
	if (s->nauthors) {
		t.ncols = 2;
		t.right = right_cnt;
		table_add(&t, "作者 Author");
		table_add(&t, "文章 Articles");
		for (size_t i = 0; i < s->nauthors; i++) {
			table_add(&t, s->authors[i].name);
			table_num(&t, s->authors[i].n);
		}
		table_print(&out, &t, 0, 30, lo);
	}

	print_articles(&out, "最长文章 Longest articles", s->longest, s->nlongest, true, s->issues > 1, lo);
	print_articles(&out, "最短文章 Shortest articles", s->shortest, s->nshortest, true, s->issues > 1, lo);
	{
		char head[128];

		snprintf(head, sizeof head, "目录外文章 Articles not in the TOC (%zu)", s->nnot_in_toc);
		print_articles(&out, head, s->not_in_toc, s->nnot_in_toc, false, s->issues > 1, lo);
	}

	sb_printf(&out, "\n高频词 Frequent terms (汉字二元组与拉丁词 Han bigrams and Latin words; %s%s distinct)\n",
		  s->terms_pruned ? "> " : "", stats_group(s->distinct_terms, pages, sizeof pages));
	if (s->nterms) {
		t.ncols = 2;
		t.right = right_cnt;
		table_add(&t, "词 Term");
		table_add(&t, "次数 Count");
		for (size_t i = 0; i < s->nterms; i++) {
			table_add(&t, s->terms[i].name);
			table_num(&t, s->terms[i].n);
		}
		table_print(&out, &t, 0, 0, lo);
	} else {
		sb_adds(&out, "  (无 none)\n");
	}
	fputs(out.s, stdout);
	sb_free(&out);
}

/* ---- JSON ---- */

/* Text from the bundle may hold invalid UTF-8, which is not JSON. */
static void json_text(struct sb *o, const char *s)
{
	char *safe = layout_sanitize(s ? s : "", strlen(s ? s : ""));

	sb_json_str(o, safe);
	free(safe);
}

static void json_chars(struct sb *o, const struct stats_chars *c)
{
	sb_printf(o,
		  "{\"total\": %llu, \"han\": %llu, \"latin\": %llu, \"digits\": %llu, "
		  "\"punctuation\": %llu, \"other\": %llu}",
		  (unsigned long long)stats_chars_total(c), (unsigned long long)c->han,
		  (unsigned long long)c->latin, (unsigned long long)c->digit, (unsigned long long)c->punct,
		  (unsigned long long)c->other);
}

static void json_pages(struct sb *o, int count, int first, int last)
{
	if (first > 0)
		sb_printf(o, "{\"count\": %d, \"first\": %d, \"last\": %d}", count, first, last);
	else
		sb_printf(o, "{\"count\": %d, \"first\": null, \"last\": null}", count);
}

static void json_articles(struct sb *o, const char *key, const struct stats_article *v, size_t n)
{
	sb_printf(o, "  \"%s\": [", key);
	for (size_t i = 0; i < n; i++) {
		sb_adds(o, i ? ",\n    " : "\n    ");
		sb_printf(o, "{\"id\": %lld, \"title\": ", (long long)v[i].id);
		json_text(o, v[i].title);
		sb_adds(o, ", \"issue\": ");
		json_text(o, v[i].issue_title);
		sb_adds(o, ", \"section\": ");
		if (*v[i].section)
			json_text(o, v[i].section);
		else
			sb_adds(o, "null");
		if (v[i].page > 0)
			sb_printf(o, ", \"page\": %d", v[i].page);
		else
			sb_adds(o, ", \"page\": null");
		sb_printf(o, ", \"characters\": %llu, \"han\": %llu, \"paragraphs\": %d}",
			  (unsigned long long)v[i].chars, (unsigned long long)v[i].han, v[i].paragraphs);
	}
	sb_adds(o, n ? "\n  ],\n" : "],\n");
}

static void print_json(const struct stats *s, const char *bundle, int64_t issue_id, const char *issue_title,
		       const char *section)
{
	static const char *const scopes[] = { "bundle", "issue", "section" };
	struct sb o = { 0 };

	sb_printf(&o, "{\n  \"scope\": \"%s\",\n  \"bundle\": ", scopes[s->scope]);
	json_text(&o, bundle);
	sb_adds(&o, ",\n  \"issue\": ");
	if (issue_id > 0) {
		sb_printf(&o, "{\"id\": %lld, \"title\": ", (long long)issue_id);
		json_text(&o, issue_title);
		sb_adds(&o, "}");
	} else {
		sb_adds(&o, "null");
	}
	sb_adds(&o, ",\n  \"section\": ");
	if (section)
		json_text(&o, section);
	else
		sb_adds(&o, "null");
	sb_printf(&o,
		  ",\n  \"issues\": %d,\n  \"articles\": %d,\n  \"articles_in_toc\": %d,\n"
		  "  \"articles_not_in_toc\": %d,\n  \"paragraphs\": %d,\n  \"characters\": ",
		  s->issues, s->articles, s->articles_in_toc, s->articles - s->articles_in_toc, s->paragraphs);
	json_chars(&o, &s->chars);
	sb_printf(&o, ",\n  \"reading\": {\"chars_per_minute\": %d, \"minutes\": %llu},\n  \"pages\": ",
		  s->chars_per_minute, (unsigned long long)s->reading_minutes);
	json_pages(&o, s->pages, s->first_page, s->last_page);
	sb_adds(&o, ",\n  \"sections\": [");
	for (size_t i = 0; i < s->nsections; i++) {
		const struct stats_section *sec = &s->sections[i];

		sb_adds(&o, i ? ",\n    " : "\n    ");
		if (sec->id > 0)
			sb_printf(&o, "{\"id\": %lld, \"title\": ", (long long)sec->id);
		else
			sb_adds(&o, "{\"id\": null, \"title\": ");
		json_text(&o, sec->title);
		sb_adds(&o, ", \"name\": ");
		json_text(&o, sec->name);
		sb_printf(&o, ", \"depth\": %d, \"articles\": %d, \"articles_in_toc\": %d, \"paragraphs\": %d, "
			      "\"characters\": ",
			  sec->depth, sec->articles, sec->articles_in_toc, sec->paragraphs);
		json_chars(&o, &sec->chars);
		sb_adds(&o, ", \"pages\": ");
		json_pages(&o, sec->pages, sec->first_page, sec->last_page);
		sb_adds(&o, "}");
	}
	sb_adds(&o, s->nsections ? "\n  ],\n  \"authors\": [" : "],\n  \"authors\": [");
	for (size_t i = 0; i < s->nauthors; i++) {
		sb_adds(&o, i ? ",\n    " : "\n    ");
		sb_adds(&o, "{\"name\": ");
		json_text(&o, s->authors[i].name);
		sb_printf(&o, ", \"articles\": %llu}", (unsigned long long)s->authors[i].n);
	}
	sb_printf(&o, "%s  \"articles_without_author\": %d,\n", s->nauthors ? "\n  ],\n" : "],\n",
		  s->articles_without_author);
	json_articles(&o, "longest", s->longest, s->nlongest);
	json_articles(&o, "shortest", s->shortest, s->nshortest);
	json_articles(&o, "not_in_toc", s->not_in_toc, s->nnot_in_toc);
	sb_adds(&o, "  \"terms\": [");
	for (size_t i = 0; i < s->nterms; i++) {
		sb_adds(&o, i ? ",\n    " : "\n    ");
		sb_adds(&o, "{\"term\": ");
		json_text(&o, s->terms[i].name);
		sb_printf(&o, ", \"kind\": \"%s\", \"count\": %llu}", s->terms[i].latin ? "latin-word" : "han-bigram",
			  (unsigned long long)s->terms[i].n);
	}
	sb_printf(&o, "%s  \"distinct_terms\": %llu,\n  \"terms_pruned\": %s\n}\n", s->nterms ? "\n  ],\n" : "],\n",
		  (unsigned long long)s->distinct_terms, s->terms_pruned ? "true" : "false");
	fputs(o.s, stdout);
	sb_free(&o);
}

/* ---- the command ---- */

static int compute(struct bundle *b, int64_t issue_id, struct stats *s, struct qk_err *e)
{
	struct model_issue *iv = NULL;
	size_t n = 0;
	bool progress;
	int rc = 0;

	if (issue_id > 0)
		return bundle_stats_issue(b, issue_id, s, e);
	if (s->scope == STATS_BUNDLE)
		return bundle_stats_all(b, s, e); /* kept figures: no progress needed */
	if (bundle_issues(b, &iv, &n, e))
		return -1;
	/* Long work says how far it got, on a terminal only. */
	progress = n >= 50 && isatty(STDERR_FILENO);
	for (size_t i = 0; !rc && i < n; i++) {
		rc = bundle_stats_issue(b, iv[i].id, s, e);
		if (progress && (i % 10 == 0 || i + 1 == n))
			fprintf(stderr, "\r统计 counting: %zu/%zu", i + 1, n);
	}
	if (progress)
		fputs("\r\033[K", stderr);
	model_issues_free(iv, n);
	return rc;
}

int cmd_stats(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "issue", required_argument, NULL, 'i' },
		{ "section", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "top", required_argument, NULL, 'n' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *issue_spec = NULL, *section_spec = NULL, *config = NULL;
	bool json = false;
	int top = -1, c, status = EXIT_OK;
	struct stats_opts so;
	struct strv warnings = { 0 };
	struct qk_err e = { 0 };
	struct bundle *b;
	struct stats s;
	int64_t issue_id = 0, section_id = 0;
	char *issue_title = NULL, *scope;
	struct layout_opts lo = { 0 };

	optind = 1;
	while ((c = getopt_long(argc, argv, "i:s:jf:n:c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'i': issue_spec = optarg; break;
		case 's': section_spec = optarg; break;
		case 'j': json = true; break;
		case 'f':
			if (cli_parse_format("stats", optarg, &json))
				return EXIT_USAGE;
			break;
		case 'c': config = optarg; break;
		case 'n':
			top = cli_parse_int("stats", "--top", optarg, 0, 1000);
			if (top < 0)
				return EXIT_USAGE;
			break;
		case 'h': stats_help(); return EXIT_OK;
		default: return cli_option_error("stats", argv, "i:s:jf:n:c:h");
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("stats", optind >= argc ? "no bundle given" : "one bundle only");

	if (config) {
		/* A config named on the command line must be there. */
		struct qk_err ce = { 0 };
		char *text = conf_file_read(config, NULL, NULL, NULL, &ce);

		if (!text)
			return cli_usage_error("stats", "--config: %s", ce.msg);
		free(text);
	}
	stats_opts_init(&so);
	stats_opts_load(&so, config, &warnings);
	for (size_t i = 0; i < warnings.n; i++)
		cli_error(NULL, 0, "%s", warnings.v[i]);
	strv_free(&warnings);
	if (top >= 0)
		so.top_terms = top;

	b = cli_open_bundle(argv[optind], BUNDLE_READ);
	if (!b) {
		stats_opts_free(&so);
		return cli_open_failed;
	}
	/* An issue or section that is not there is bad input, like an
	 * unknown article for `show`. */
	if ((issue_spec && bundle_stats_find_issue(b, issue_spec, &issue_id, &e)) ||
	    (section_spec && bundle_stats_find_section(b, section_spec, &issue_id, &section_id, &e))) {
		status = EXIT_USAGE;
		goto fail;
	}

	stats_init(&s, section_spec ? STATS_SECTION : issue_id ? STATS_ISSUE : STATS_BUNDLE, &so);
	if (section_spec)
		stats_set_filter(&s, section_id, section_id ? NULL : section_spec);
	if (compute(b, issue_id, &s, &e)) {
		stats_free(&s);
		status = EXIT_PROBLEM;
		goto fail;
	}
	stats_finish(&s);
	if (issue_id > 0 && s.issue_title)
		issue_title = xstrdup(s.issue_title);
	if (json) {
		print_json(&s, argv[optind], issue_id, issue_title,
			   section_spec ? (s.nsections ? s.sections[0].title : section_spec) : NULL);
	} else {
		if (section_spec && issue_title)
			scope = xasprintf("%s, %s", issue_title, s.nsections ? s.sections[0].title : section_spec);
		else if (section_spec)
			scope = xasprintf("%s (所有期 all issues)", section_spec);
		else if (issue_title)
			scope = xstrdup(issue_title);
		else
			scope = xasprintf("%s (%d 期 issues)", argv[optind], s.issues);
		{
			char *safe = layout_sanitize(scope, strlen(scope));

			print_text(&s, safe, &lo);
			free(safe);
		}
		free(scope);
	}
	free(issue_title);
	stats_free(&s);
	stats_opts_free(&so);
	bundle_close(b);
	return status;
fail:
	cli_error(NULL, 0, "%s", e.msg);
	stats_opts_free(&so);
	bundle_close(b);
	return status;
}

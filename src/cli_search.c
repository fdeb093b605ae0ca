/* SPDX-License-Identifier: MIT */
/* cli_search.c — `qikan search BUNDLE QUERY [--json] [--limit N]`: the
 * articles that match, best first, each with where it is and a snippet
 * with the matches marked. */
#include "config.h"
#include "cli.h"
#include "out.h"
#include "layout.h"
#include "search.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

#define DEFAULT_LIMIT 20

static void search_help(void)
{
	printf("Usage: qikan search [OPTION]... BUNDLE QUERY...\n"
	       "Find articles by their title, subtitle, author and text, best first.\n"
	       "按标题、副标题、作者和正文检索文章，按相关度排序。\n\n"
	       "Query / 检索式:\n"
	       "  工会 劳模            articles with both / 同时包含\n"
	       "  工会 OR 劳模         either; also AND, NOT (a NOT b), ( ) / 或、与、非、括号\n"
	       "  \"全国 劳动模范\"      a phrase; the space must be a break in the text too / 短语\n"
	       "  户外劳动者           Chinese text is found exactly as written / 中文按原文匹配\n"
	       "  劳                   one character: every place it occurs / 单字\n"
	       "  work*                Latin words beginning with work / 英文前缀\n"
	       "  title:工会           only in title, subtitle, author or body\n"
	       "                       (标题: 副标题: 作者: 正文:) / 限定字段\n\n"
	       "  -n, --limit N    show the best N articles (default %d; 0: all)\n"
	       "  -f, --format FMT text (default) or json\n"
	       "  -j, --json       the same as --format json\n"
	       "      --rebuild    rebuild the search index first (QUERY is then optional)\n"
	       "  -h, --help       show this help\n\n"
	       "Exit status: 0 articles found, 1 none found, 2 bad usage, query or bundle.\n",
	       DEFAULT_LIMIT);
}

/* ---- text output ---- */

/* Matches are shown in reverse video on a terminal, else between « ». */
struct marks {
	const char *open, *close;
};

static void add_sanitized(struct sb *o, const char *s, size_t n)
{
	out_sanitize(o, s, n, true); /* titles and snippets: one line each */
}

static void add_marked(struct sb *o, const struct search_hit *h, const struct marks *m)
{
	size_t at = 0;

	for (size_t i = 0; i < h->nspans; i++) {
		add_sanitized(o, h->snippet + at, h->spans[i].start - at);
		sb_adds(o, m->open);
		add_sanitized(o, h->snippet + h->spans[i].start, h->spans[i].len);
		sb_adds(o, m->close);
		at = h->spans[i].start + h->spans[i].len;
	}
	add_sanitized(o, h->snippet + at, strlen(h->snippet + at));
}

static void print_text(const char *query, const struct search_hits *hits)
{
	const char *nc = getenv("NO_COLOR");
	struct marks m = { "\xc2\xab", "\xc2\xbb" }; /* « » */
	struct sb o = { 0 };

	if (isatty(STDOUT_FILENO) && !(nc && *nc))
		m = (struct marks){ "\033[7m", "\033[27m" };
	add_sanitized(&o, query, strlen(query));
	if (hits->n < hits->total)
		sb_printf(&o, ": %zu articles, the best %zu shown / 共 %zu 篇，显示前 %zu 篇\n", hits->total,
			  hits->n, hits->total, hits->n);
	else
		sb_printf(&o, ": %zu article%s / 共 %zu 篇\n", hits->total, hits->total == 1 ? "" : "s",
			  hits->total);
	for (size_t i = 0; i < hits->n; i++) {
		const struct search_hit *h = &hits->v[i];

		sb_printf(&o, "\n%3zu. [%lld] ", i + 1, (long long)h->article_id);
		add_sanitized(&o, h->title, strlen(h->title));
		sb_adds(&o, "\n     ");
		add_sanitized(&o, h->issue_title, strlen(h->issue_title));
		if (*h->section_title) {
			sb_adds(&o, " · ");
			add_sanitized(&o, h->section_title, strlen(h->section_title));
		}
		if (h->page > 0)
			sb_printf(&o, " · 第%d页", h->page);
		if (h->author && *h->author) {
			sb_adds(&o, " · ");
			add_sanitized(&o, h->author, strlen(h->author));
		}
		sb_adds(&o, "\n     ");
		add_marked(&o, h, &m);
		sb_addc(&o, '\n');
	}
	fputs(o.s, stdout);
	sb_free(&o);
}

/* ---- JSON output ---- */

static void json_hit(struct sb *o, const struct search_hit *h)
{
	sb_printf(o, "{\"article\": %lld, \"issue\": %lld, \"issue_title\": ", (long long)h->article_id,
		  (long long)h->issue_id);
	sb_json_str(o, h->issue_title);
	sb_adds(o, ", \"section\": ");
	sb_json_str(o, h->section_title);
	sb_adds(o, ", \"title\": ");
	sb_json_str(o, h->title);
	sb_adds(o, ", \"author\": ");
	if (h->author)
		sb_json_str(o, h->author);
	else
		sb_adds(o, "null");
	sb_printf(o, ", \"page\": ");
	if (h->page > 0)
		sb_printf(o, "%d", h->page);
	else
		sb_adds(o, "null");
	sb_printf(o, ", \"rank\": %.6g, \"snippet\": ", h->rank);
	sb_json_str(o, h->snippet);
	/* highlights as [start, end) in characters (code points) of snippet,
	 * which is what most JSON readers index strings by */
	sb_adds(o, ", \"highlights\": [");
	for (size_t k = 0; k < h->nspans; k++) {
		const uint8_t *s = (const uint8_t *)h->snippet;
		size_t a = u8_mbsnlen(s, h->spans[k].start);
		size_t b = a + u8_mbsnlen(s + h->spans[k].start, h->spans[k].len);

		sb_printf(o, "%s[%zu, %zu]", k ? ", " : "", a, b);
	}
	sb_adds(o, "]}");
}

static void print_json(const char *query, const struct search_hits *hits)
{
	struct sb o = { 0 };

	sb_adds(&o, "{\"query\": ");
	sb_json_str(&o, query);
	sb_printf(&o, ", \"total\": %zu, \"hits\": [", hits->total);
	for (size_t i = 0; i < hits->n; i++) {
		sb_adds(&o, i ? ",\n  " : "\n  ");
		json_hit(&o, &hits->v[i]);
	}
	sb_adds(&o, hits->n ? "\n]}\n" : "]}\n");
	fputs(o.s, stdout);
	sb_free(&o);
}

/* The QUERY arguments, joined by spaces (so quoting the query is not
 * needed for `qikan search b.qikan 工会 劳模`). */
static char *join_args(int argc, char **argv)
{
	struct sb q = { 0 };

	for (int i = 0; i < argc; i++) {
		if (i)
			sb_addc(&q, ' ');
		sb_adds(&q, argv[i]);
	}
	return sb_steal(&q);
}

int cmd_search(int argc, char **argv)
{
	enum { OPT_REBUILD = 256 };
	static const struct option longopts[] = {
		{ "limit", required_argument, NULL, 'n' }, { "json", no_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "rebuild", no_argument, NULL, OPT_REBUILD }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct qk_err e = { 0 };
	struct search_hits hits;
	struct search_query *pq = NULL;
	struct bundle *b;
	bool json = false, rebuild = false;
	int c, limit = DEFAULT_LIMIT, rc;
	char *query;

	optind = 1;
	while ((c = getopt_long(argc, argv, "n:jf:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if ((limit = cli_parse_int("search", "--limit", optarg, 0, 1 << 30)) < 0)
				return EXIT_USAGE;
			break;
		case 'j': json = true; break;
		case 'f':
			if (cli_parse_format("search", optarg, &json))
				return EXIT_USAGE;
			break;
		case OPT_REBUILD: rebuild = true; break;
		case 'h': search_help(); return EXIT_OK;
		default: return cli_option_error("search", argv, "n:jf:h");
		}
	}
	if (optind >= argc || (optind == argc - 1 && !rebuild))
		return cli_usage_error("search", "give a BUNDLE and a QUERY / 需要期刊库和检索式");
	if (!(b = cli_open_bundle(argv[optind], BUNDLE_READ)))
		return cli_open_failed;
	if (rebuild && bundle_search_rebuild(b, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		bundle_close(b);
		return cli_err_status(&e, EXIT_USAGE);
	}
	if (optind == argc - 1) {
		bundle_close(b);
		return EXIT_OK;
	}
	query = join_args(argc - optind - 1, argv + optind + 1);
	/* A query that does not parse is the user's (2); a search that fails
	 * after that is the bundle's, e.g. a damaged index (1). */
	if (!(pq = search_query_parse(query, &e)) || bundle_search(b, query, limit, &hits, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		free(query);
		bundle_close(b);
		rc = cli_err_status(&e, pq ? EXIT_PROBLEM : EXIT_USAGE);
		search_query_free(pq);
		return rc;
	}
	search_query_free(pq);
	if (json)
		print_json(query, &hits);
	else
		print_text(query, &hits);
	rc = hits.total ? EXIT_OK : EXIT_PROBLEM;
	search_hits_free(&hits);
	free(query);
	bundle_close(b);
	return rc;
}

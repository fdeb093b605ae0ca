/* SPDX-License-Identifier: MIT */
/* test_search.c — the search tokenizer, the query syntax, highlighting,
 * and the index in a real bundle built from hand-made docs (so it does
 * not depend on the importer): hits, exactness against a plain substring
 * scan, one-character and Latin queries, no matches across article or
 * paragraph boundaries, re-import, re-indexing after an edit, bundles
 * made without an index. */
#include "config.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "bundle_internal.h"
#include "doc.h"
#include "search.h"
#include "search_tokenizer.h"
#include "test.h"

/* ---- the tokenizer ---- */

struct toks {
	struct sb s; /* "tok@pos[start,end)" for each token; "*" marks a prefix */
	int pos;
};

static int record(void *ctx, int flags, const char *tok, size_t len, size_t start, size_t end)
{
	struct toks *t = ctx;

	t->pos++;
	if (t->s.len)
		sb_addc(&t->s, ' ');
	sb_add(&t->s, tok, len);
	if (flags & SEARCH_TOK_PREFIX)
		sb_addc(&t->s, '*');
	sb_printf(&t->s, "@%d[%zu,%zu)", t->pos, start, end);
	return 0;
}

static char *tokens(const char *text, enum search_tok_mode mode)
{
	struct toks t = { .pos = -1 };

	search_tokenize(text, strlen(text), mode, record, &t);
	return sb_steal(&t.s);
}

/* Just the token texts, space separated. */
static int record_plain(void *ctx, int flags, const char *tok, size_t len, size_t start, size_t end)
{
	struct sb *s = ctx;

	(void)flags;
	(void)start;
	(void)end;
	if (s->len)
		sb_addc(s, ' ');
	sb_add(s, tok, len);
	return 0;
}

static char *plain(const char *text, enum search_tok_mode mode)
{
	struct sb s = { 0 };

	search_tokenize(text, strlen(text), mode, record_plain, &s);
	return sb_steal(&s);
}

#define CHECK_TOKENS(text, mode, want)                 \
	do {                                           \
		char *got_ = tokens(text, mode);       \
		CHECK_STR(got_, want);                 \
		free(got_);                            \
	} while (0)
#define CHECK_PLAIN(text, mode, want)                  \
	do {                                           \
		char *got_ = plain(text, mode);        \
		CHECK_STR(got_, want);                 \
		free(got_);                            \
	} while (0)

static void test_tokenizer(void)
{
	/* each Han character a position: the bigram it starts, or for the
	 * last of a run its unigram */
	CHECK_TOKENS("工会", SEARCH_TOK_DOCUMENT, "工会@0[0,6) 会@1[3,6)");
	CHECK_TOKENS("工会", SEARCH_TOK_QUERY, "工会@0[0,6)");
	/* a single character is a prefix: the bigrams it starts, or itself */
	CHECK_TOKENS("会", SEARCH_TOK_QUERY, "会*@0[0,3)");
	CHECK_TOKENS("会", SEARCH_TOK_DOCUMENT, "会@0[0,3)");
	CHECK_PLAIN("县级工会加强年", SEARCH_TOK_QUERY, "县级 级工 工会 会加 加强 强年");
	CHECK_PLAIN("县级工会加强年", SEARCH_TOK_DOCUMENT, "县级 级工 工会 会加 加强 强年 年");
	/* runs stop at punctuation and white space */
	CHECK_PLAIN("工会，劳模\n青海", SEARCH_TOK_DOCUMENT, "工会 会 劳模 模 青海 海");
	CHECK_PLAIN("工会，劳模", SEARCH_TOK_QUERY, "工会 会 劳模");
	CHECK_TOKENS("工会 劳", SEARCH_TOK_QUERY, "工会@0[0,6) 会@1[3,6) 劳*@2[7,10)");
	/* a run followed by more tokens ends with its last character, so the
	 * positions line up with the document's */
	CHECK_TOKENS("2023年第2期", SEARCH_TOK_QUERY, "2023@0[0,4) 年第@1[4,10) 第@2[7,10) 2@3[10,11) 期*@4[11,14)");
	CHECK_TOKENS("2023年第2期", SEARCH_TOK_DOCUMENT, "2023@0[0,4) 年第@1[4,10) 第@2[7,10) 2@3[10,11) 期@4[11,14)");
	CHECK_TOKENS("年2", SEARCH_TOK_QUERY, "年@0[0,3) 2@1[3,4)");
	/* Latin: case-folded words; full-width folded to ASCII */
	CHECK_PLAIN("Hello, WORLD! e-Mail", SEARCH_TOK_DOCUMENT, "hello world e mail");
	CHECK_PLAIN("ＡＢＣ１２３ａｂ", SEARCH_TOK_DOCUMENT, "abc123ab");
	CHECK_PLAIN("Straße ÉCOLE", SEARCH_TOK_DOCUMENT, "strasse école");
	CHECK_PLAIN("APP工会", SEARCH_TOK_DOCUMENT, "app 工会 会");
	/* kana run like Han; compatibility ideographs and Kangxi radicals
	 * fold to the unified ideograph */
	CHECK_PLAIN("カタカナ", SEARCH_TOK_QUERY, "カタ タカ カナ");
	CHECK_PLAIN("\xe2\xbc\xaf会", SEARCH_TOK_QUERY, "工会"); /* U+2F2F KANGXI RADICAL WORK */
	CHECK_PLAIN("\xef\xa4\x80", SEARCH_TOK_QUERY, "\xe8\xb1\x88"); /* U+F900 -> U+8C48 */
	/* nothing searchable; invalid bytes separate */
	CHECK_PLAIN("，。！？ “”……", SEARCH_TOK_DOCUMENT, "");
	CHECK_PLAIN("ab\xff\xfe" "cd工\x80会", SEARCH_TOK_DOCUMENT, "ab cd 工 会");
	CHECK_PLAIN("\xe2\xbc\xaf会", SEARCH_TOK_DOCUMENT, "工会 会");
	CHECK_PLAIN("", SEARCH_TOK_DOCUMENT, "");
}

/* ---- queries ---- */

static void check_match(const char *query, const char *want)
{
	struct qk_err e = { 0 };
	struct search_query *q = search_query_parse(query, &e);

	CHECK(q != NULL);
	if (!q) {
		fprintf(stderr, "  query '%s': %s\n", query, e.msg);
		return;
	}
	CHECK_STR(search_query_match(q), want);
	search_query_free(q);
}

static void check_bad(const char *query, const char *want_in_msg)
{
	struct qk_err e = { 0 };
	struct search_query *q = search_query_parse(query, &e);

	CHECK(q == NULL);
	CHECK(strstr(e.msg, want_in_msg) != NULL);
	if (q || !strstr(e.msg, want_in_msg))
		fprintf(stderr, "  query '%s': message '%s', want '%s'\n", query, e.msg, want_in_msg);
	search_query_free(q);
}

static void test_query(void)
{
	check_match("工会", "\"工会\"");
	check_match("劳", "\"劳\" *");
	check_match("2023年", "\"2023\" + \"年\" *");
	check_match("户外劳动者", "\"户外\" + \"外劳\" + \"劳动\" + \"动者\"");
	check_match("工会 劳模", "(\"工会\" AND \"劳模\")");
	check_match("工会 AND 劳模 OR 青海", "((\"工会\" AND \"劳模\") OR \"青海\")");
	check_match("工会 OR 劳模 青海", "(\"工会\" OR (\"劳模\" AND \"青海\"))");
	check_match("工会 NOT 劳模", "(\"工会\" NOT \"劳模\")");
	check_match("(青海 OR 西宁) 工会", "((\"青海\" OR \"西宁\") AND \"工会\")");
	check_match("（青海 OR 西宁）　工会", "((\"青海\" OR \"西宁\") AND \"工会\")");
	check_match("\"全国 劳动模范\"", "\"全国\" + \"国\" + \"劳动\" + \"动模\" + \"模范\"");
	check_match("“二十大”", "\"二十\" + \"十大\"");
	check_match("Work*", "\"work\" *");
	check_match("工会*", "\"工会\"");
	check_match("工*", "\"工\" *");
	check_match("title:工会", "{title} : \"工会\"");
	check_match("作者：王 正文:(青海 OR 西宁)", "({author} : \"王\" * AND ({body} : \"青海\" OR {body} : \"西宁\"))");
	check_match("工会 ，", "\"工会\"");
	check_match("and or", "(\"and\" AND \"or\")");
	check_match("x:工会", "\"x\" + \"工会\"");

	check_bad("\"工会", "unclosed quote");
	check_bad("a\"b", "unclosed quote");
	check_bad("(工会", "missing ')'");
	check_bad("工会)", "unmatched ')'");
	check_bad("OR 工会", "needs a word on each side");
	check_bad("工会 AND", "ends where a word was expected");
	check_bad("NOT 工会", "needs a word on each side");
	check_bad("， NOT 工会", "NOT needs a word before it");
	check_bad("", "nothing to search for");
	check_bad("   ", "nothing to search for");
	check_bad("，。！", "nothing to search for");
	check_bad("工会 \xff", "not valid UTF-8");
	/* the column is in characters */
	check_bad("工会 OR OR", "column 7");
}

static char *marked(const char *query, enum search_field f, const char *text)
{
	struct qk_err e = { 0 };
	struct search_query *q = search_query_parse(query, &e);
	struct search_span *sp;
	struct sb s = { 0 };
	size_t n, at = 0;

	if (!q)
		return xstrdup(e.msg);
	n = search_query_spans(q, f, text, strlen(text), &sp);
	for (size_t i = 0; i < n; i++) {
		sb_add(&s, text + at, sp[i].start - at);
		sb_addc(&s, '[');
		sb_add(&s, text + sp[i].start, sp[i].len);
		sb_addc(&s, ']');
		at = sp[i].start + sp[i].len;
	}
	sb_adds(&s, text + at);
	free(sp);
	search_query_free(q);
	return sb_steal(&s);
}

#define CHECK_MARKED(query, field, text, want)                  \
	do {                                                    \
		char *got_ = marked(query, field, text);        \
		CHECK_STR(got_, want);                          \
		free(got_);                                     \
	} while (0)

static void test_spans(void)
{
	CHECK_MARKED("工会", SEARCH_BODY, "省总工会和县级工会", "省总[工会]和县级[工会]");
	CHECK_MARKED("会", SEARCH_BODY, "工会会议", "工[会][会]议");
	CHECK_MARKED("会", SEARCH_BODY, "会，会", "[会]，[会]");
	CHECK_MARKED("年", SEARCH_BODY, "2023年第2期", "2023[年]第2期");
	CHECK_MARKED("二十大", SEARCH_BODY, "二十大二十大", "[二十大][二十大]");
	CHECK_MARKED("工会", SEARCH_BODY, "工\n会", "工\n会");
	CHECK_MARKED("2023年第2期", SEARCH_BODY, "见2023年第2期。", "见[2023年第2期]。");
	CHECK_MARKED("work*", SEARCH_BODY, "Workers work; homework", "[Workers] [work]; homework");
	CHECK_MARKED("ＡＢＣ", SEARCH_BODY, "abc ABC ａｂｃ abcd", "[abc] [ABC] [ａｂｃ] abcd");
	CHECK_MARKED("工会 NOT 劳模", SEARCH_BODY, "工会劳模", "[工会]劳模");
	CHECK_MARKED("工会 OR 劳模", SEARCH_BODY, "工会劳模", "[工会][劳模]");
	CHECK_MARKED("title:工会", SEARCH_BODY, "工会", "工会");
	CHECK_MARKED("title:工会", SEARCH_TITLE, "工会", "[工会]");
	/* Chinese text on both sides of a space in a phrase must be apart in
	 * the text too; written together it is a different query */
	CHECK_MARKED("\"全国 劳动\"", SEARCH_BODY, "全国劳动、全国 劳动、全国。劳动", "全国劳动、[全国 劳动]、[全国。劳动]");
	CHECK_MARKED("\"全国劳动\"", SEARCH_BODY, "全国劳动、全国 劳动", "[全国劳动]、全国 劳动");
}

static void test_snippet(void)
{
	struct qk_err e = { 0 };
	struct search_query *q = search_query_parse("工会", &e);
	const char *text = "第一段没有。\n这是很长很长很长很长很长很长很长很长很长的一段文字，讲到了工会的事情，然后又讲了很多很多很多很多很多很多很多很多别的事情。\n第三段。";
	struct search_span *sp;
	size_t n;
	char *s = search_snippet(q, SEARCH_BODY, text, strlen(text), 20, &sp, &n);

	CHECK(s != NULL);
	CHECK(n == 1);
	if (s && n == 1) {
		CHECK(!strncmp(s + sp[0].start, "工会", sp[0].len) && sp[0].len == 6);
		CHECK(str_starts(s, "…"));
		CHECK(str_ends(s, "…"));
		CHECK(!strchr(s, '\n'));
	}
	free(s);
	free(sp);
	s = search_snippet(q, SEARCH_BODY, "没有", 6, 20, &sp, &n);
	CHECK(s == NULL && n == 0 && sp == NULL);
	search_query_free(q);
}

/* ---- the index in a bundle ---- */

static char dir[] = "/tmp/qikan-search-XXXXXX";

struct art {
	const char *title, *subtitle, *author;
	const char *paras[4];
};

static void make_doc(struct doc *d, int number, const struct art *arts, size_t n)
{
	doc_init(d);
	d->title = xasprintf("2023年第%d期", number);
	d->year = 2023;
	d->number = number;
	d->source_name = xstrdup("test.txt");
	snprintf(d->sha256, sizeof d->sha256, "%064d", number);
	d->pub.publisher = xstrdup("青海省总工会");
	doc_add_section(d, "市州动态", -1, 1);
	doc_add_section(d, "西宁市总工会", 0, 2);
	for (size_t i = 0; i < n; i++) {
		struct doc_article *a = doc_add_article(d);

		a->section = (int)(i % 2);
		a->title = xstrdup(arts[i].title);
		a->subtitle = arts[i].subtitle ? xstrdup(arts[i].subtitle) : NULL;
		a->author = arts[i].author ? xstrdup(arts[i].author) : NULL;
		a->in_toc = true;
		a->page = (int)i + 1;
		for (size_t k = 0; k < 4 && arts[i].paras[k]; k++)
			doc_article_add_para(a, arts[i].paras[k], (int)k);
	}
}

static const struct art issue1[] = {
	{ "省总工会召开会议", NULL, "王东明", { "会议强调，要把工会工作做好。", "劳模精神。", NULL } },
	{ "户外劳动者服务站点建设", "——全省推进", NULL,
	  { "全省户外劳动者服务站点建设扎实推进。", "Workers' Club 开放。", NULL } },
	{ "理论研究", NULL, "李青海", { "县级工会加强年专项工作。", "学习二十大精神", NULL } },
	/* "工" ends one paragraph, "会" starts the next: not 工会 */
	{ "边界", NULL, NULL, { "这是工", "会议纪要。", NULL } },
};
static const struct art issue2[] = {
	{ "劳模风采", NULL, "张劳模", { "青海的劳模们。", NULL } },
	{ "无关文章", NULL, NULL, { "今天天气很好。APP下载。", NULL } },
};

/* Article ids whose text contains needle, by a plain substring scan of
 * the stored rows (not by the search code). */
static char *scan_ids(struct bundle *b, const char *needle)
{
	struct bundle *bb = b;
	sqlite3_stmt *st;
	struct sb s = { 0 };

	sqlite3_prepare_v2(bb->db,
			   "SELECT a.id FROM article a WHERE instr(a.title, ?1) OR instr(coalesce(a.subtitle, ''), ?1) "
			   "OR instr(coalesce(a.kicker, ''), ?1) OR instr(coalesce(a.author, ''), ?1) "
			   "OR instr(coalesce(a.byline, ''), ?1) OR instr(coalesce(a.source, ''), ?1) "
			   "OR instr(coalesce(a.dateline, ''), ?1) OR EXISTS (SELECT 1 FROM paragraph p "
			   "WHERE p.article_id = a.id AND instr(p.text, ?1)) OR EXISTS (SELECT 1 FROM article_author n "
			   "WHERE n.article_id = a.id AND instr(n.name, ?1)) ORDER BY a.id",
			   -1, &st, NULL);
	sqlite3_bind_text(st, 1, needle, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		sb_printf(&s, "%lld ", (long long)sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return sb_steal(&s);
}

static long long scan_count(struct bundle *b, const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;

	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static char *search_ids(struct bundle *b, const char *query)
{
	struct search_hits h;
	struct qk_err e = { 0 };
	struct sb s = { 0 };
	int64_t *ids;

	if (bundle_search(b, query, 0, &h, &e)) {
		fprintf(stderr, "  search '%s': %s\n", query, e.msg);
		return xstrdup("error");
	}
	ids = xcalloc(h.n + 1, sizeof *ids);
	for (size_t i = 0; i < h.n; i++)
		ids[i] = h.v[i].article_id;
	qsort(ids, h.n, sizeof *ids, id_cmp);
	for (size_t i = 0; i < h.n; i++)
		sb_printf(&s, "%lld ", (long long)ids[i]);
	CHECK(h.total == h.n);
	free(ids);
	search_hits_free(&h);
	return sb_steal(&s);
}

/* The search finds exactly what a substring scan finds. */
static void check_exact(struct bundle *b, const char *needle)
{
	char *want = scan_ids(b, needle), *got = search_ids(b, needle);

	CHECK_STR(got, want);
	if (strcmp(got, want))
		fprintf(stderr, "  for '%s'\n", needle);
	free(want);
	free(got);
}

static void check_ids(struct bundle *b, const char *query, const char *want)
{
	char *got = search_ids(b, query);

	CHECK_STR(got, want);
	if (strcmp(got, want))
		fprintf(stderr, "  for '%s'\n", query);
	free(got);
}

static void import(struct bundle *b, int number, const struct art *arts, size_t n, bool replace)
{
	struct doc d;
	struct qk_err e = { 0 };
	int rc;

	make_doc(&d, number, arts, n);
	rc = bundle_import(b, &d, replace, NULL, &e);
	CHECK(rc == 0);
	if (rc)
		fprintf(stderr, "  import: %s\n", e.msg);
	doc_free(&d);
}

static const char *const needles[] = { "工会", "劳模", "二十大", "户外劳动者", "青海", "县级工会加强年",
				       "会", "劳", "工", "议", "Workers", "APP", "会议" };

static void test_index(void)
{
	char *path = xasprintf("%s/a.qikan", dir);
	struct qk_err e = { 0 };
	struct bundle *b = bundle_open(path, BUNDLE_CREATE, &e);
	struct search_hits h;

	CHECK(b != NULL);
	if (!b) {
		fprintf(stderr, "  open: %s\n", e.msg);
		free(path);
		return;
	}
	import(b, 1, issue1, ARRAY_LEN(issue1), false);
	import(b, 2, issue2, ARRAY_LEN(issue2), false);
	for (size_t i = 0; i < ARRAY_LEN(needles); i++)
		check_exact(b, needles[i]);
	/* no match across the paragraph boundary of 边界 (工 | 会议) */
	check_ids(b, "工会", "1 3 ");
	check_ids(b, "workers", "2 ");
	check_ids(b, "work*", "2 ");
	check_ids(b, "club", "2 ");
	check_ids(b, "app", "6 ");
	check_ids(b, "工会 劳模", "1 ");
	check_ids(b, "工会 OR 天气", "1 3 6 ");
	check_ids(b, "工会 NOT 劳模", "3 ");
	check_ids(b, "author:劳模", "5 ");
	check_ids(b, "title:工会", "1 ");

	/* results carry the article's place and a highlighted snippet */
	CHECK(bundle_search(b, "户外劳动者", 10, &h, &e) == 0);
	CHECK(h.n == 1);
	if (h.n == 1) {
		CHECK_STR(h.v[0].title, "户外劳动者服务站点建设");
		CHECK_STR(h.v[0].issue_title, "2023年第1期");
		CHECK_STR(h.v[0].section_title, "市州动态 > 西宁市总工会");
		CHECK(h.v[0].nspans == 1);
		if (h.v[0].nspans == 1)
			CHECK(!strncmp(h.v[0].snippet + h.v[0].spans[0].start, "户外劳动者", h.v[0].spans[0].len));
	}
	search_hits_free(&h);
	/* ranking: the title match first */
	CHECK(bundle_search(b, "劳模", 1, &h, &e) == 0);
	CHECK(h.n == 1 && h.total == 2);
	if (h.n == 1)
		CHECK_STR(h.v[0].title, "劳模风采");
	search_hits_free(&h);
	/* bad syntax is a message, not an SQL error */
	CHECK(bundle_search(b, "(工会", 10, &h, &e) == -1);
	CHECK(strstr(e.msg, "missing ')'") != NULL);
	CHECK(!strstr(e.msg, "fts5"));

	/* re-import with --replace: the old articles leave the index */
	import(b, 2, issue2, ARRAY_LEN(issue2), true);
	for (size_t i = 0; i < ARRAY_LEN(needles); i++)
		check_exact(b, needles[i]);

	/* an edit: out of the index before the rows change, back after */
	CHECK(bundle_article_before_change(b, 2, &e) == 0);
	CHECK(bundle_article_before_change(b, 1, &e) == 0);
	CHECK(bundle_exec(b, "UPDATE article SET title = '新标题天山' WHERE id = 2; "
			     "UPDATE paragraph SET text = '昆仑' WHERE article_id = 1 AND position = 1",
			  &e) == 0);
	CHECK(bundle_article_after_change(b, 2, &e) == 0);
	CHECK(bundle_article_after_change(b, 1, &e) == 0);
	check_ids(b, "天山", "2 ");
	check_ids(b, "昆仑", "1 ");
	check_exact(b, "劳模");
	check_exact(b, "户外");
	/* a deleted article is gone */
	CHECK(bundle_article_before_change(b, 3, &e) == 0);
	CHECK(bundle_exec(b, "DELETE FROM article WHERE id = 3", &e) == 0);
	CHECK(bundle_article_after_change(b, 3, &e) == 0);
	check_exact(b, "县级");
	bundle_close(b);
	free(path);
}

/* A bundle made before the index existed gets one on its first search
 * when writable, and a clear message when read-only. */
static void test_no_index(void)
{
	char *path = xasprintf("%s/old.qikan", dir);
	struct qk_err e = { 0 };
	struct bundle *b = bundle_open(path, BUNDLE_CREATE, &e);
	struct search_hits h;

	CHECK(b != NULL);
	if (!b) {
		free(path);
		return;
	}
	import(b, 1, issue1, ARRAY_LEN(issue1), false);
	CHECK(bundle_exec(b, "DROP TABLE article_search", &e) == 0);
	bundle_close(b);
	chmod(path, 0444);
	b = bundle_open(path, BUNDLE_READ, &e);
	CHECK(b != NULL);
	/* root may write anyway: then this part cannot be tested */
	if (b && bundle_readonly(b)) {
		CHECK(bundle_search(b, "工会", 10, &h, &e) == -1);
		CHECK(strstr(e.msg, "no search index") != NULL);
	}
	bundle_close(b);
	chmod(path, 0644);
	b = bundle_open(path, BUNDLE_READ, &e);
	CHECK(b != NULL);
	if (b) {
		check_exact(b, "工会");
		check_exact(b, "户外劳动者");
		/* an index of other rules (an older qikan's) is made anew */
		CHECK(bundle_exec(b, "DROP TABLE article_search; CREATE VIRTUAL TABLE article_search USING "
				     "fts5(title, subtitle, author, body, tokenize = 'qikan 1')",
				  &e) == 0);
		check_exact(b, "户外劳动者");
		check_exact(b, "劳");
		CHECK(scan_count(b, "SELECT count(*) FROM sqlite_schema WHERE name = 'article_search' "
				    "AND sql LIKE '%qikan 1%'") == 0);
		/* an import into it also works (the index is created then) */
		CHECK(bundle_exec(b, "DROP TABLE article_search", &e) == 0);
		import(b, 2, issue2, ARRAY_LEN(issue2), false);
		check_exact(b, "劳模");
		bundle_close(b);
	}
	free(path);
}

int main(void)
{
	char *cmd;

	test_tokenizer();
	test_query();
	test_spans();
	test_snippet();
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_index();
	test_no_index();
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	return test_done("test_search");
}

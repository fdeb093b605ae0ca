/* SPDX-License-Identifier: MIT */
/* test_stats.c — the statistics on hand-built issues whose figures are
 * known by construction: character classes, authors, the page rule,
 * section roll-up and filters, terms and the stop list, two issues merged
 * in a bundle, and the [stats] config.  The expected numbers are written
 * out here from the texts below, not taken from the program. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "bundle_stats.h"
#include "doc.h"
#include "stats.h"
#include "test.h"

static char dir[] = "/tmp/qikan-stats-XXXXXX";

static void test_classes(void)
{
	struct stats_chars c = { 0 };

	CHECK(stats_classify(0x4E2D) == SC_HAN);   /* 中 */
	CHECK(stats_classify(0x3007) == SC_HAN);   /* 〇 */
	CHECK(stats_classify(0x20BB7) == SC_HAN);  /* 𠮷, outside the BMP */
	CHECK(stats_classify('a') == SC_LATIN);
	CHECK(stats_classify(0xFF21) == SC_LATIN); /* Ａ */
	CHECK(stats_classify(0xE9) == SC_LATIN);   /* é */
	CHECK(stats_classify('7') == SC_DIGIT);
	CHECK(stats_classify(0xFF15) == SC_DIGIT); /* ５ */
	CHECK(stats_classify(0xFF0C) == SC_PUNCT); /* ， */
	CHECK(stats_classify(0x201C) == SC_PUNCT); /* “ */
	CHECK(stats_classify(0x3001) == SC_PUNCT); /* 、 */
	CHECK(stats_classify(0x25A1) == SC_OTHER); /* □ */
	CHECK(stats_classify(0x3B1) == SC_OTHER);  /* α */
	CHECK(stats_classify('+') == SC_OTHER);
	CHECK(stats_classify(' ') == SC_SPACE);
	CHECK(stats_classify(0x3000) == SC_SPACE); /* ideographic space */
	CHECK(stats_classify(0x200B) == SC_SPACE); /* zero width space */

	/* 6 Han, 3 Latin, 4 digits, 3 punctuation, 1 other, spaces ignored */
	stats_count_chars("工会 abc 2023年，“好”□", strlen("工会 abc 2023年，“好”□"), &c);
	CHECK(c.han == 4);
	CHECK(c.latin == 3);
	CHECK(c.digit == 4);
	CHECK(c.punct == 3);
	CHECK(c.other == 1);
	CHECK(stats_chars_total(&c) == 15);
	/* invalid bytes: one "other" each, never a crash */
	memset(&c, 0, sizeof c);
	stats_count_chars("\xff\xfe中", 5, &c);
	CHECK(c.other == 2 && c.han == 1);
}

static void check_names(const char *author, const char *byline, const char *source, const char *want)
{
	struct strv v = { 0 };
	struct sb got = { 0 };

	stats_article_authors(author, byline, source, &v);
	for (size_t i = 0; i < v.n; i++) {
		if (i)
			sb_addc(&got, '|');
		sb_adds(&got, v.v[i]);
	}
	CHECK_STR(got.s ? got.s : "", want);
	sb_free(&got);
	strv_free(&v);
}

static void test_authors(void)
{
	char *n = stats_normalize_name("王  东");

	CHECK_STR(n, "王东");
	free(n);
	n = stats_normalize_name("（ 记者 张三 ）");
	CHECK_STR(n, "张三");
	free(n);
	n = stats_normalize_name("文天祥"); /* a name that starts like a label */
	CHECK_STR(n, "文天祥");
	free(n);
	check_names("王东明", "□ 全国人大常委会副委员长、中华全国总工会主席 王东明", NULL, "王东明");
	check_names(NULL, "□ 青海日报社 姚斌", "来源：新华网", "姚斌");
	check_names("文／王  东、李四", NULL, NULL, "王东|李四");
	check_names(NULL, NULL, "来源：青海日报3月1日第2版", "青海日报");
	check_names(NULL, NULL, "研究室、基层工作部", "研究室|基层工作部");
	check_names(NULL, NULL, NULL, "");
	check_names("", "", "", "");
}

/* An issue built by hand:
 *   学习强会            a1 p.3, a2 p.8
 *   市州动态 (no articles of its own)
 *     西宁市总工会      a3 p.12, a4 (not in TOC, no page)
 *     海西州总工会      a5 p.14
 *   理论研究            a6 p.16
 * Pages: 学习强会 3..11 (next section starts at 12) = 9, 市州动态 12..15 = 4,
 * 西宁 12..13 = 2, 海西 14..15 = 2, 理论研究 16..16 (last, issue max) = 1;
 * the issue 3..16 = 14. */
static void add_article(struct doc *d, int sec, const char *title, const char *author, int page, bool in_toc,
			const char *p1, const char *p2)
{
	struct doc_article *a = doc_add_article(d);

	a->section = sec;
	a->title = xstrdup(title);
	if (author)
		a->author = xstrdup(author);
	a->page = page;
	a->in_toc = in_toc;
	if (p1)
		doc_article_add_para(a, p1, 1);
	if (p2)
		doc_article_add_para(a, p2, 2);
}

static void make_issue(struct doc *d, const char *title, int number, const char *sha)
{
	doc_init(d);
	d->title = xstrdup(title);
	d->year = 2023;
	d->number = number;
	d->source_name = xstrdup("t.txt");
	snprintf(d->sha256, sizeof d->sha256, "%s", sha);
	d->pub.publisher = xstrdup("青海省总工会");
	doc_add_section(d, "学习强会", -1, 1);  /* 0 */
	doc_add_section(d, "市州动态", -1, 2);  /* 1 */
	doc_add_section(d, "西宁市总工会", 1, 3); /* 2 */
	doc_add_section(d, "海西州总工会", 1, 4); /* 3 */
	doc_add_section(d, "理论研究", -1, 5);  /* 4 */
	/* 工会工会 = 4 Han; "Union union THE" = 13 Latin letters */
	add_article(d, 0, "一", "王东明", 3, true, "工会工会。", "Union union THE");
	/* 12 Han, 2 punct */
	add_article(d, 0, "二", "王 东 明", 8, true, "职工职工职工，职工职工职工。", NULL);
	/* 2 Han, 4 digits, 1 punct */
	add_article(d, 2, "三", NULL, 12, true, "工会2023。", NULL);
	add_article(d, 2, "四", NULL, 0, false, NULL, NULL); /* empty, not in the TOC */
	/* 5 Han, 1 punct */
	add_article(d, 3, "五", "李四", 14, true, "我们的工会。", NULL);
	/* 3 Han, 1 other (□) */
	add_article(d, 4, "六", "李四、王东明", 16, true, "□发展好", NULL);
}

static const struct stats_section *find_sec(const struct stats *s, const char *title)
{
	for (size_t i = 0; i < s->nsections; i++)
		if (!strcmp(s->sections[i].title, title))
			return &s->sections[i];
	return NULL;
}

static uint64_t term_count(const struct stats *s, const char *term)
{
	for (size_t i = 0; i < s->nterms; i++)
		if (!strcmp(s->terms[i].name, term))
			return s->terms[i].n;
	return 0;
}

static uint64_t author_count(const struct stats *s, const char *name)
{
	for (size_t i = 0; i < s->nauthors; i++)
		if (!strcmp(s->authors[i].name, name))
			return s->authors[i].n;
	return 0;
}

static void test_issue(struct bundle *b, int64_t issue)
{
	struct stats_opts o;
	struct stats s;
	struct qk_err e = { 0 };
	const struct stats_section *sec;

	stats_opts_init(&o);
	o.chars_per_minute = 10;
	stats_init(&s, STATS_ISSUE, &o);
	CHECK(bundle_stats_issue(b, issue, &s, &e) == 0);
	stats_finish(&s);

	CHECK(s.issues == 1);
	CHECK(s.articles == 6);
	CHECK(s.articles_in_toc == 5);
	CHECK(s.paragraphs == 6);
	CHECK(s.chars.han == 4 + 12 + 2 + 5 + 3);
	CHECK(s.chars.latin == 13);
	CHECK(s.chars.digit == 4);
	CHECK(s.chars.punct == 1 + 2 + 1 + 1);
	CHECK(s.chars.other == 1);
	/* 26 + 13 + 4 + 5 + 1 = 49 characters at 10 a minute */
	CHECK(s.reading_minutes == 5);
	CHECK(s.pages == 14 && s.first_page == 3 && s.last_page == 16);

	CHECK(s.nsections == 5);
	sec = find_sec(&s, "学习强会");
	CHECK(sec && sec->articles == 2 && sec->pages == 9 && sec->first_page == 3 && sec->last_page == 11);
	CHECK(sec && sec->chars.han == 16 && sec->paragraphs == 3);
	sec = find_sec(&s, "市州动态");
	CHECK(sec && sec->articles == 3 && sec->articles_in_toc == 2 && sec->pages == 4);
	CHECK(sec && sec->chars.han == 7);
	sec = find_sec(&s, "市州动态 > 西宁市总工会");
	CHECK(sec && sec->articles == 2 && sec->pages == 2 && sec->depth == 1);
	CHECK(sec && sec->name && !strcmp(sec->name, "西宁市总工会"));
	sec = find_sec(&s, "市州动态 > 海西州总工会");
	CHECK(sec && sec->articles == 1 && sec->pages == 2);
	sec = find_sec(&s, "理论研究");
	CHECK(sec && sec->articles == 1 && sec->pages == 1);

	/* 王东明 wrote 一, 二 (letter-spaced) and 六; 李四 五 and 六 */
	CHECK(author_count(&s, "王东明") == 3);
	CHECK(author_count(&s, "李四") == 2);
	CHECK(s.nauthors == 2);
	CHECK(s.articles_without_author == 2);

	CHECK(s.nlongest == 5 && s.nshortest == 5);
	CHECK(s.nlongest && !strcmp(s.longest[0].title, "一") && s.longest[0].chars == 18);
	CHECK(s.nshortest && !strcmp(s.shortest[0].title, "四") && s.shortest[0].chars == 0);
	CHECK(s.nnot_in_toc == 1 && !strcmp(s.not_in_toc[0].title, "四"));
	CHECK(s.nnot_in_toc == 1 && !strcmp(s.not_in_toc[0].section, "市州动态 > 西宁市总工会"));

	/* 职工 5+5 bigrams... "职工职工职工" has 职工 x3 and 工职 x2, twice */
	CHECK(term_count(&s, "职工") == 6);
	CHECK(term_count(&s, "工职") == 4);
	/* 工会: 2 in 一 ("工会工会" = 工会, 会工, 工会), 1 in 三, 1 in 五 */
	CHECK(term_count(&s, "工会") == 4);
	CHECK(term_count(&s, "union") == 2); /* lower-cased; "the" is a stop word */
	CHECK(term_count(&s, "the") == 0);
	CHECK(term_count(&s, "我们") == 0);  /* built-in stop word */
	CHECK(term_count(&s, "们的") == 0);  /* 的 stops every bigram holding it */
	CHECK(term_count(&s, "发展") == 1);  /* □ breaks the run: no "□发" */
	CHECK(s.nterms > 0 && !strcmp(s.terms[0].name, "职工"));
	stats_free(&s);

	/* The user's stop words take terms out. */
	stats_opts_add_stop_words(&o, "职工，Union 工");
	stats_init(&s, STATS_ISSUE, &o);
	CHECK(bundle_stats_issue(b, issue, &s, &e) == 0);
	stats_finish(&s);
	CHECK(term_count(&s, "职工") == 0);
	CHECK(term_count(&s, "union") == 0);
	CHECK(term_count(&s, "工会") == 0); /* the single character 工 */
	CHECK(term_count(&s, "发展") == 1);
	stats_free(&s);
	stats_opts_free(&o);
}

static void test_section_filter(struct bundle *b, int64_t issue)
{
	struct stats_opts o;
	struct stats s;
	struct qk_err e = { 0 };
	int64_t iid = issue, sid = 0;

	stats_opts_init(&o);
	/* by title: the parent takes its sub-sections along */
	CHECK(bundle_stats_find_section(b, "市州动态", &iid, &sid, &e) == 0 && sid == 0);
	stats_init(&s, STATS_SECTION, &o);
	stats_set_filter(&s, 0, "市州动态");
	CHECK(bundle_stats_issue(b, issue, &s, &e) == 0);
	stats_finish(&s);
	CHECK(s.articles == 3 && s.articles_in_toc == 2);
	CHECK(s.chars.han == 7 && s.chars.digit == 4);
	CHECK(s.pages == 4 && s.first_page == 12 && s.last_page == 15);
	CHECK(s.nsections == 3);
	CHECK(author_count(&s, "李四") == 1);
	stats_free(&s);

	/* by path */
	stats_init(&s, STATS_SECTION, &o);
	stats_set_filter(&s, 0, "市州动态 > 海西州总工会");
	CHECK(bundle_stats_issue(b, issue, &s, &e) == 0);
	stats_finish(&s);
	CHECK(stats_filter_matched(&s) || s.articles == 1);
	CHECK(s.articles == 1 && s.pages == 2 && s.chars.han == 5);
	stats_free(&s);

	/* unknown names are refused before any work */
	iid = issue;
	CHECK(bundle_stats_find_section(b, "没有这个", &iid, &sid, &e) == -1);
	CHECK(strstr(e.msg, "没有这个") != NULL);
	stats_opts_free(&o);
}

/* Two issues: sections merge by title, pages add up. */
static void test_bundle_scope(struct bundle *b)
{
	struct stats_opts o;
	struct stats s;
	struct qk_err e = { 0 };
	struct model_issue *iv = NULL;
	size_t n = 0;
	const struct stats_section *sec;

	stats_opts_init(&o);
	CHECK(bundle_issues(b, &iv, &n, &e) == 0 && n == 2);
	stats_init(&s, STATS_BUNDLE, &o);
	for (size_t i = 0; i < n; i++)
		CHECK(bundle_stats_issue(b, iv[i].id, &s, &e) == 0);
	stats_finish(&s);
	model_issues_free(iv, n);
	CHECK(s.issues == 2 && s.articles == 12 && s.pages == 28);
	CHECK(s.first_page == 0); /* a range only for one issue */
	CHECK(s.nsections == 5);
	sec = find_sec(&s, "学习强会");
	CHECK(sec && sec->articles == 4 && sec->pages == 18 && sec->id == 0);
	CHECK(author_count(&s, "王东明") == 6);
	CHECK(term_count(&s, "职工") == 12);
	CHECK(s.nnot_in_toc == 2);
	stats_free(&s);

	/* a section title across issues */
	stats_init(&s, STATS_SECTION, &o);
	stats_set_filter(&s, 0, "理论研究");
	CHECK(bundle_issues(b, &iv, &n, &e) == 0);
	for (size_t i = 0; i < n; i++)
		CHECK(bundle_stats_issue(b, iv[i].id, &s, &e) == 0);
	model_issues_free(iv, n);
	stats_finish(&s);
	CHECK(s.articles == 2 && s.pages == 2 && s.chars.han == 6);
	stats_free(&s);
	stats_opts_free(&o);
}

static void feed(struct stats *s, int64_t id, int64_t sec, int page, const char *text)
{
	struct stats_article_meta m = { .id = id, .section_id = sec, .title = "t", .page = page, .in_toc = true };

	stats_begin_article(s, &m);
	if (text)
		stats_add_paragraph(s, text, strlen(text));
}

/* The page rule without a bundle: a section whose last article starts on
 * the page where the next section begins keeps that page; a parent with
 * its own articles and a sub-section; an article without a page; articles
 * before the first section. */
static void test_pages(void)
{
	struct stats_opts o;
	struct stats s;
	const struct stats_section *sec;

	stats_opts_init(&o);
	stats_init(&s, STATS_ISSUE, &o);
	stats_begin_issue(&s, 1, "第1期");
	stats_add_section(&s, 1, 0, "甲");
	stats_add_section(&s, 2, 0, "乙");
	stats_add_section(&s, 3, 2, "乙一");
	stats_add_section(&s, 4, 0, "丙");
	feed(&s, 10, 0, 3, "卷首");   /* before any section: p.3-4 */
	feed(&s, 11, 1, 5, NULL);     /* 甲: p.5, and p.9 where 乙 begins */
	feed(&s, 12, 1, 9, NULL);
	feed(&s, 13, 2, 9, "乙文");    /* 乙: 9-13 with its sub-section */
	feed(&s, 14, 3, 10, NULL);    /* 乙一: 10-13 */
	feed(&s, 15, 4, 0, NULL);     /* 丙: no page, then p.14: 14-14 */
	feed(&s, 16, 4, 14, NULL);
	stats_end_issue(&s);
	stats_finish(&s);
	CHECK(s.pages == 12 && s.first_page == 3 && s.last_page == 14);
	sec = find_sec(&s, "甲");
	CHECK(sec && sec->first_page == 5 && sec->last_page == 9 && sec->pages == 5);
	sec = find_sec(&s, "乙");
	CHECK(sec && sec->first_page == 9 && sec->last_page == 13 && sec->pages == 5 && sec->articles == 2);
	sec = find_sec(&s, "乙 > 乙一");
	CHECK(sec && sec->first_page == 10 && sec->last_page == 13 && sec->pages == 4);
	sec = find_sec(&s, "丙");
	CHECK(sec && sec->pages == 1 && sec->articles == 2);
	CHECK(s.nsections == 5);
	sec = s.nsections == 5 ? &s.sections[4] : NULL; /* "no section" comes last */
	CHECK(sec && sec->id == 0 && sec->articles == 1 && sec->pages == 2 && sec->chars.han == 2);
	CHECK(s.articles == 7 && s.chars.han == 4);
	stats_free(&s);
	stats_opts_free(&o);
}

/* A bundle of very varied text: the bigram table is bounded, the rare
 * bigrams go, the frequent ones keep their exact counts. */
static void test_pruning(void)
{
	struct stats_opts o;
	struct stats s;
	struct sb b = { 0 };

	stats_opts_init(&o);
	o.max_bigrams = 16;
	stats_init(&s, STATS_ISSUE, &o);
	stats_begin_issue(&s, 1, "第1期");
	for (int i = 0; i < 50; i++)
		sb_adds(&b, "工会，");
	feed(&s, 1, 0, 1, b.s); /* 工会 x50 (工会工会... would make words of its pieces) */
	for (uint32_t i = 0; i < 400; i++) {
		char para[8];
		uint32_t c1 = 0x5000 + 2 * i, c2 = c1 + 1; /* one rare bigram a paragraph */

		para[0] = (char)(0xE0 | (c1 >> 12));
		para[1] = (char)(0x80 | ((c1 >> 6) & 0x3F));
		para[2] = (char)(0x80 | (c1 & 0x3F));
		para[3] = (char)(0xE0 | (c2 >> 12));
		para[4] = (char)(0x80 | ((c2 >> 6) & 0x3F));
		para[5] = (char)(0x80 | (c2 & 0x3F));
		para[6] = '\0';
		stats_add_paragraph(&s, para, 6);
	}
	stats_end_issue(&s);
	stats_finish(&s);
	CHECK(s.terms_pruned);
	CHECK(term_count(&s, "工会") == 50);
	CHECK(s.distinct_terms <= 16 + 2);
	CHECK(s.chars.han == 100 + 800); /* characters are never dropped */
	stats_free(&s);
	sb_free(&b);
	stats_opts_free(&o);
}

static int add_kept_term(void *ctx, const char *term, size_t len, uint64_t n)
{
	stats_add_term(ctx, term, len, n);
	return 0;
}

/* Words (issue #12 D15): counted where they occur, kept when they occur
 * about as often as their two pieces; the texts below fix every count.
 * words_issue: the paragraphs of one issue, counted from the text (fed)
 * and from raw counts as a bundle keeps them (kept). */
static void words_issue(const char *const *paras, size_t n, struct stats *fed, struct stats *kept)
{
	struct stats_terms *t = stats_terms_new();
	struct stats_opts o;

	stats_opts_init(&o);
	stats_init(fed, STATS_ISSUE, &o);
	stats_init(kept, STATS_BUNDLE, &o);
	stats_begin_issue(fed, 1, "第1期");
	feed(fed, 1, 0, 1, NULL);
	for (size_t i = 0; i < n; i++) {
		stats_add_paragraph(fed, paras[i], strlen(paras[i]));
		stats_terms_add(t, paras[i], strlen(paras[i]));
	}
	stats_end_issue(fed);
	stats_finish(fed);
	stats_terms_end_issue(t);
	stats_terms_each(t, add_kept_term, kept);
	stats_finish(kept);
	stats_terms_free(t);
	stats_opts_free(&o);
}

static void test_words(void)
{
	/* 习近平 x6: its bigrams occur only inside it (平说, 平讲 x3 each) */
	static const char *const name[] = { "习近平说", "习近平说", "习近平说", "习近平讲", "习近平讲",
					    "习近平讲" };
	/* 职工 x7 and 工作 x7, of which 职工作 x1 (职工作风): apart, not a word */
	static const char *const apart[] = { "职工甲", "职工乙", "职工丙", "职工丁", "职工戊", "职工己",
					     "甲工作", "乙工作", "丙工作", "丁工作", "戊工作", "己工作", "职工作风" };
	/* the same three characters together each time: a word by its counts */
	static const char *const together[] = { "职工作", "职工作", "职工作", "职工作", "职工作" };
	/* 4 of 5 together is enough (4/5 of the rarer piece), 3 of 5 is not */
	static const char *const four[] = { "中华台", "中华台", "中华台", "中华台", "中华好", "好华台" };
	struct stats fed, kept;

	words_issue(name, ARRAY_LEN(name), &fed, &kept);
	for (int k = 0; k < 2; k++) {
		const struct stats *s = k ? &kept : &fed;

		CHECK(term_count(s, "习近平") == 6);
		CHECK(term_count(s, "习近") == 0);
		CHECK(term_count(s, "近平") == 0);
		CHECK(term_count(s, "平说") == 3);
		CHECK(term_count(s, "习近平说") == 0); /* 3 < WORDS_MIN */
		for (size_t i = 0; i < s->nterms; i++)
			if (!strcmp(s->terms[i].name, "习近平"))
				CHECK(s->terms[i].word && !s->terms[i].latin);
	}
	stats_free(&fed);
	stats_free(&kept);

	words_issue(apart, ARRAY_LEN(apart), &fed, &kept);
	for (int k = 0; k < 2; k++) {
		const struct stats *s = k ? &kept : &fed;

		CHECK(term_count(s, "职工作") == 0);
		CHECK(term_count(s, "职工") == 7);
		CHECK(term_count(s, "工作") == 7);
	}
	stats_free(&fed);
	stats_free(&kept);

	words_issue(together, ARRAY_LEN(together), &fed, &kept);
	CHECK(term_count(&fed, "职工作") == 5);
	CHECK(term_count(&kept, "职工作") == 5);
	CHECK(term_count(&fed, "职工") == 0);
	stats_free(&fed);
	stats_free(&kept);

	/* 中华台 x4: 中华 x5, 华台 x5: 4 >= 4/5 * 5 */
	words_issue(four, ARRAY_LEN(four), &fed, &kept);
	CHECK(term_count(&fed, "中华台") == 0); /* 4 < WORDS_MIN (5) in the issue */
	stats_free(&fed);
	stats_free(&kept);
	{
		static const char *const five[] = { "中华台", "中华台", "中华台", "中华台", "中华台", "中华好",
						    "中华好", "好华台" };
		/* 中华台 x5, 中华 x7, 华台 x6: 5 >= 4/5 * 6 */
		static const char *const short_of[] = { "中华台", "中华台", "中华台", "中华台", "中华台",
							"中华好", "中华好", "好华台", "好华台" };
		/* 中华台 x5, 中华 x7, 华台 x7: 5 < 4/5 * 7 */

		words_issue(five, ARRAY_LEN(five), &fed, &kept);
		CHECK(term_count(&fed, "中华台") == 5);
		CHECK(term_count(&kept, "中华台") == 5);
		CHECK(term_count(&fed, "华台") == 0); /* 5 >= 4/5 * 6: goes with the word */
		CHECK(term_count(&fed, "中华") == 7); /* 5 < 4/5 * 7: listed beside it */
		stats_free(&fed);
		stats_free(&kept);
		words_issue(short_of, ARRAY_LEN(short_of), &fed, &kept);
		CHECK(term_count(&fed, "中华台") == 0);
		CHECK(term_count(&kept, "中华台") == 0);
		stats_free(&fed);
		stats_free(&kept);
	}
}

static void test_config(void)
{
	char *path = xasprintf("%s/config.ini", dir);
	FILE *f = fopen(path, "w");
	struct stats_opts o;
	struct strv w = { 0 };

	CHECK(f != NULL);
	if (!f)
		return;
	fputs("[qikan]\nreading_speed = 300\n\n[stats]\nstop_words = 职工、工会 hello\n"
	      "top_terms = 7\nchars_per_minute = lots\nbars = ascii\n",
	      f);
	fclose(f);
	stats_opts_init(&o);
	stats_opts_load(&o, path, &w);
	/* a bad chars_per_minute is reported with its line; reading_speed
	 * from [qikan] is the fallback */
	CHECK(w.n == 1 && w.n && strstr(w.v[0], "config.ini:7:") && strstr(w.v[0], "lots"));
	CHECK(o.chars_per_minute == 300);
	CHECK(o.top_terms == 7);
	CHECK(o.stop_words.n == 3);
	CHECK(o.stop_words.n == 3 && !strcmp(o.stop_words.v[1], "工会"));
	CHECK(o.ascii_bars);
	CHECK(stats_conf_known_key("stop_words") && stats_conf_known_key("bars"));
	CHECK(!stats_conf_known_key("stopwords"));
	stats_opts_free(&o);
	strv_free(&w);

	/* no file: defaults, no warnings */
	stats_opts_init(&o);
	stats_opts_load(&o, "/nonexistent/qikan/config.ini", &w);
	CHECK(w.n == 0 && o.chars_per_minute == STATS_CPM_DEFAULT && o.stop_words.n == 0);
	stats_opts_free(&o);
	unlink(path);
	free(path);
}

int main(void)
{
	struct qk_err e = { 0 };
	struct bundle *b;
	struct doc d;
	int64_t issue = 0, issue2 = 0;
	char *path;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_classes();
	test_authors();
	test_pages();
	test_pruning();
	test_words();
	test_config();

	path = xasprintf("%s/t.qikan", dir);
	b = bundle_open(path, BUNDLE_CREATE, &e);
	CHECK(b != NULL);
	if (b) {
		make_issue(&d, "2023年第2期", 2, "2222222222222222222222222222222222222222222222222222222222222222");
		CHECK(bundle_import(b, &d, false, &issue, &e) == 0);
		doc_free(&d);
		test_issue(b, issue);
		test_section_filter(b, issue);
		make_issue(&d, "2023年第3期", 3, "3333333333333333333333333333333333333333333333333333333333333333");
		CHECK(bundle_import(b, &d, false, &issue2, &e) == 0);
		doc_free(&d);
		test_bundle_scope(b);
		bundle_close(b);
	}
	unlink(path);
	free(path);
	path = xasprintf("%s/t.qikan-wal", dir);
	unlink(path);
	free(path);
	path = xasprintf("%s/t.qikan-shm", dir);
	unlink(path);
	free(path);
	rmdir(dir);
	return test_done("test_stats");
}

/* SPDX-License-Identifier: MIT */
/* test_import_rules.c — the importer's named rules, one small text each:
 * house styles from styles.ini, TOC styles, issue labels, bylines,
 * page-break joins, the self-check's verdict, several issues in one
 * source, Markdown.  Each test names the rule it checks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "import.h"
#include "import_priv.h"
#include "test.h"
#include "util.h"

static struct import_style *style;

static char *write_tmp(const char *text)
{
	char *path = xasprintf("%s/qikan-style-%ld.ini", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
			       (long)getpid());
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	return path;
}

/* rule style.site: a site file adds words and removes them ("-X");
 * an unknown key is an error naming the file and line. */
static void test_style_site(void)
{
	struct import_style *st = NULL;
	struct qk_err e = { 0 };
	char *path = write_tmp("[toc]\nheadings = 期刊目录, -目录\n");

	CHECK(import_style_load(&st, path, &e) == 0);
	import_style_free(st);
	unlink(path);
	free(path);
	path = write_tmp("[toc]\n\nheadngs = x\n");
	CHECK(import_style_load(&st, path, &e) == -1);
	CHECK(strstr(e.msg, "unknown key 'headngs'") != NULL);
	CHECK(strstr(e.msg, ":3:") != NULL);
	CHECK(st == NULL);
	unlink(path);
	free(path);
}

/* ---- entry.* ---- */
static void entry(const char *line, const char *title, const char *author, int page, const char *rule)
{
	struct imp_entry en;
	bool ok = imp_entry_parse(style, line, &en);

	CHECK(ok == (title != NULL));
	if (!ok || !title) {
		if (ok)
			fprintf(stderr, "'%s' read as an entry\n", line);
		if (ok)
			imp_entry_free(&en);
		return;
	}
	CHECK_STR(en.title, title);
	if (author)
		CHECK_STR(en.author, author);
	else
		CHECK(en.author == NULL);
	CHECK(en.page == page);
	CHECK_STR(en.rule, rule);
	imp_entry_free(&en);
}

static void test_entries(void)
{
	entry("春风行动温暖人心\t2", "春风行动温暖人心", NULL, 2, "entry.tab");
	entry("工会干部下基层 / 张三\t3", "工会干部下基层", "张三", 3, "entry.tab");
	entry("标题……李明 3", "标题", "李明", 3, "entry.leader");
	entry("镇村干部“包片”服务春耕生产·········2", "镇村干部“包片”服务春耕生产", NULL, 2, "entry.leader");
	entry("我县启动农村人居环境整治 ........ 4", "我县启动农村人居环境整治", NULL, 4, "entry.leader");
	entry("全县高标准农田建设任务提前完成　　3", "全县高标准农田建设任务提前完成", NULL, 3, "entry.space");
	entry("青年职工心理健康小贴士 2", "青年职工心理健康小贴士", NULL, 2, "entry.space");
	entry("县医院开通胸痛救治“绿色通道”（2）", "县医院开通胸痛救治“绿色通道”", NULL, 2, "entry.bracket");
	entry("■ 乡村振兴看今朝（作者：王东）", "乡村振兴看今朝", "王东", 0, "entry.marker");
	entry("● 村里来了新书记", "村里来了新书记", NULL, 0, "entry.bullet");
	/* not entries */
	entry("清河工运 2024", NULL, NULL, 0, NULL);
	entry("电话　0971-8239550", NULL, NULL, 0, NULL);
	entry("-3度的清晨", NULL, NULL, 0, NULL);
	entry("一篇普通的标题", NULL, NULL, 0, NULL);
}

/* ---- issue.labels ---- */
static void label(const char *line, int year, int number, const char *name)
{
	struct imp_label lab;
	bool ok = imp_label_match(style, line, &lab);

	CHECK(ok == (year >= 0));
	if (!ok)
		return;
	CHECK(lab.year == year && lab.number == number);
	if (name)
		CHECK_STR(lab.name, name);
	free(lab.name);
}

static void test_labels(void)
{
	label("2023年第2期", 2023, 2, NULL);
	label("2024年5月号", 2024, 5, NULL);
	label("第5期", 0, 5, NULL);
	label("2023年第4期（总第58期）", 2023, 4, NULL);
	label("《清河文讯》第81期", 0, 81, "清河文讯");
	label("第十二期", 0, 12, NULL);
	label("2024 年 第 3 期", 2024, 3, NULL);
	label("河口镇党政办公室编　　2024年4月18日", -1, 0, NULL);
	label("这是一段很长的正文，其中提到了2023年第2期的内容，但它不是期号，因为整行太长了，超过了四十个字的上限。", -1, 0, NULL);
}

/* ---- byline names ---- */
static void test_byline_names(void)
{
	char *n;

	n = imp_byline_names(style, "本刊记者 王芳 通讯员 赵强");
	CHECK_STR(n, "王芳、赵强");
	free(n);
	n = imp_byline_names(style, "文／李明");
	CHECK_STR(n, "李明");
	free(n);
	n = imp_byline_names(style, "全国人大常委会副委员长、中华全国总工会主席 王东明");
	CHECK_STR(n, "王东明");
	free(n);
	n = imp_byline_names(style, "县农技推广中心 刘建国");
	CHECK_STR(n, "刘建国");
	free(n);
	CHECK(imp_byline_names(style, "县农技推广中心") == NULL);
}

/* Parses text; exactly `want` issues are expected. */
static struct doc *parse(const char *text, size_t want)
{
	struct doc *docs = NULL;
	size_t n = 0;
	struct qk_err e = { 0 };

	if (import_parse_all(text, strlen(text), "t.txt", style, &docs, &n, &e) < 0) {
		fprintf(stderr, "import failed: %s\n", e.msg);
		CHECK(!"import");
		return NULL;
	}
	CHECK(n == want);
	if (n != want) {
		for (size_t i = 0; i < n; i++)
			doc_free(&docs[i]);
		free(docs);
		return NULL;
	}
	return docs;
}

static void free_docs(struct doc *docs, size_t n)
{
	for (size_t i = 0; docs && i < n; i++)
		doc_free(&docs[i]);
	free(docs);
}

static const char *para(const struct doc *d, size_t a, size_t p)
{
	return a < d->narticles && p < d->articles[a].npara ? d->articles[a].paras[p].text : "";
}

static const char clean_issue[] =
	"清河工运\n\n2024年5月号\n\n目　次\n\n工会动态\n"
	"送清凉慰问一线职工……李明 3\n"
	"职工书屋成为充电站……王红梅 5\n\n\n"
	"送清凉慰问一线职工\n\n文／李明\n\n"
	"　　7月中旬以来，我县持续高温，县总工会组织机关干部深入一线慰问。\n\n"
	"　　慰问组为职工送去绿豆和毛巾。\n\n\n"
	"职工书屋成为充电站\n\n文／王红梅\n\n"
	"　　走进县纺织厂三车间，一排整齐的书架靠墙而立。\n";

/* A clean issue: every field read, verdict CERTAIN. */
static void test_clean_certain(void)
{
	struct doc *d = parse(clean_issue, 1);

	if (!d)
		return;
	CHECK_STR(d->title, "2024年5月号");
	CHECK(d->year == 2024 && d->number == 5);
	CHECK_STR(d->pub.name, "清河工运");
	CHECK(d->narticles == 2 && d->nsections == 1);
	CHECK_STR(d->articles[0].author, "李明");
	CHECK_STR(d->articles[0].byline, "文／李明");
	CHECK(d->articles[1].page == 5);
	CHECK(d->articles[0].npara == 2);
	CHECK(d->articles[0].line_end == 18);
	for (size_t i = 0; i < d->nwarnings; i++)
		fprintf(stderr, "unexpected warning: %s\n", d->warnings[i].msg);
	CHECK(d->verdict == DOC_CERTAIN);
	free_docs(d, 1);
}

/* Negative: a TOC entry without its article, a heading glued into a
 * paragraph: REVIEW, with warnings naming them. */
static void test_damaged_review(void)
{
	static const char text[] =
		"2024年第1期\n\n目录\n\n"
		"送清凉慰问一线职工 3\n"
		"职工书屋成为充电站 5\n\n\n"
		"送清凉慰问一线职工\n\n"
		"　　7月中旬以来，我县持续高温，县总工会组织干部慰问。职工书屋成为充电站走进县纺织厂三车间，书架靠墙而立。\n";
	struct doc *d = parse(text, 1);
	bool unmatched = false, glued = false;

	if (!d)
		return;
	CHECK(d->verdict == DOC_REVIEW);
	for (size_t i = 0; i < d->nwarnings; i++) {
		unmatched |= d->warnings[i].kind == DOC_WARN_UNMATCHED;
		glued |= d->warnings[i].kind == DOC_WARN_LOW_CONFIDENCE && d->warnings[i].article == 0 &&
			 d->warnings[i].suggestion && strcmp(d->warnings[i].suggestion, "职工书屋成为充电站") == 0;
	}
	CHECK(unmatched && glued);
	free_docs(d, 1);
}

/* join.*: text without page breaks keeps its lines apart: list items,
 * headings and short lines are never glued. */
static void test_no_glue(void)
{
	static const char text[] =
		"第6期\n\n目录\n\n心理健康小贴士 2\n\n\n"
		"心理健康小贴士\n作者：许文静\n\n"
		"心理健康是职工幸福生活和安心工作的基础。近年来咨询的人越来越多。\n"
		"心理健康的人，通常有以下几个特点：\n"
		"- 思维灵活\n"
		"- 个性不固执\n"
		"一、学会给情绪找出口\n"
		"遇到烦心事，不要一个人闷着。可以找信得过的朋友聊一聊。\n"
		"清晨的汽笛\n"
		"唤醒沉睡的厂房\n";
	struct doc *d = parse(text, 1);

	if (!d)
		return;
	CHECK(d->narticles == 1 && d->articles[0].npara == 8);
	CHECK_STR(para(d, 0, 2), "- 思维灵活");
	CHECK_STR(para(d, 0, 6), "清晨的汽笛");
	CHECK(d->page_joins == 0);
	free_docs(d, 1);
}

/* join.page_break: a form feed or page-number line joins a sentence cut
 * by the page. */
static void test_page_break_join(void)
{
	static const char text[] =
		"第6期\n\n目录\n\n一篇文章 2\n\n\n一篇文章\n\n"
		"　　这是一个很长的段落，在页面的底部被分开了，后面的文字在下一页的顶部继续写\n\n— 3 —\n\n"
		"下去，直到句子结束。\n\n　　第二段。\n"
		"\f　　第三段从新的一页开始。\n";
	struct doc *d = parse(text, 1);

	if (!d)
		return;
	CHECK(d->narticles == 1 && d->articles[0].npara == 3);
	CHECK(strstr(para(d, 0, 0), "继续写下去") != NULL);
	CHECK(d->page_joins == 1);
	free_docs(d, 1);
}

/* toc.columns and toc.author_first */
static void test_columns_author_first(void)
{
	static const char cols[] =
		"2024年第1期\n\n                 目　录\n\n"
		"民生关注                              教育园地\n"
		"甲文章的标题               2    丙文章的标题               6\n"
		"乙文章的标题               4    丁文章的标题               8\n\n\n"
		"甲文章的标题\n\n　　甲的正文。\n\n\n乙文章的标题\n\n　　乙的正文。\n\n\n"
		"丙文章的标题\n\n　　丙的正文。\n\n\n丁文章的标题\n\n　　丁的正文。\n";
	static const char first[] =
		"2024年第2期\n\n目录\n\n散文\n方文涛　一棵老槐树的记忆　4\n吕强　退役军人服务站解民忧　12\n\n\n"
		"一棵老槐树的记忆\n方文涛\n\n　　村口那棵老槐树，据说已经有三百多岁了，小时候我们常在树下玩耍。\n\n\n"
		"退役军人服务站解民忧\n吕强\n\n　　在柳林镇退役军人服务站，墙上挂着一张联系卡，写满了姓名。\n";
	struct doc *d = parse(cols, 1);

	if (d) {
		CHECK(d->narticles == 4 && d->toc_matched == 4 && d->nsections == 2);
		CHECK(d->articles[2].page == 6 && d->articles[2].section == 1);
		CHECK_STR(d->sections[1].title, "教育园地");
		free_docs(d, 1);
	}
	d = parse(first, 1);
	if (d) {
		CHECK(d->narticles == 2 && d->toc_matched == 2);
		CHECK_STR(d->articles[0].author, "方文涛");
		CHECK_STR(d->articles[1].title, "退役军人服务站解民忧");
		CHECK_STR(d->articles[1].byline, "吕强");
		free_docs(d, 1);
	}
}

/* issue.split: two issues in one source, each with its own TOC; a
 * running header repeating the label splits nothing. */
static void test_two_issues(void)
{
	static const char text[] =
		"目录\n\n2024年第1期\n\n甲文章 / 李明\t3\n乙文章 / 王芳\t5\n\n\n"
		"甲文章\n\n□ 李明\n\n甲的正文，讲了很多的事情，这一段足够长了，可以算是正文。\n\n2024年第1期\n\n"
		"乙文章\n\n□ 王芳\n\n乙的正文，讲了很多的事情，这一段足够长了，可以算是正文。\n\n\n\n"
		"目录\n\n2024年第2期\n\n丙文章 / 赵强\t3\n\n\n"
		"丙文章\n\n□ 赵强\n\n丙的正文，讲了很多的事情，这一段足够长了，可以算是正文。\n";
	struct doc *d = parse(text, 2);

	if (!d)
		return;
	CHECK_STR(d[0].title, "2024年第1期");
	CHECK_STR(d[1].title, "2024年第2期");
	CHECK(d[0].part == 1 && d[1].part == 2);
	CHECK(d[0].narticles == 2 && d[1].narticles == 1);
	CHECK(d[0].toc_matched == 2 && d[1].toc_matched == 1);
	CHECK(strcmp(d[0].content_sha256, d[1].content_sha256) != 0);
	CHECK_STR(d[1].articles[0].author, "赵强");
	free_docs(d, 2);
}

int main(void)
{
	struct qk_err e = { 0 };

	if (import_style_load(&style, NULL, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	test_style_site();
	test_entries();
	test_labels();
	test_byline_names();
	test_clean_certain();
	test_damaged_review();
	test_no_glue();
	test_page_break_join();
	test_columns_author_first();
	test_two_issues();
	import_style_free(style);
	return test_done("test_import_rules");
}

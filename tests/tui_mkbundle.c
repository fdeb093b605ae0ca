/* SPDX-License-Identifier: MIT */
/* tui_mkbundle.c — writes a small bundle for the reader's tests through
 * the bundle API, independent of the importer: two issues, sections and a
 * sub-section, long Chinese paragraphs, and one article whose text is
 * full of terminal control sequences (ESC, CSI, OSC, BEL, C1, bidi
 * overrides) that must be shown harmlessly.
 * Usage: tui_mkbundle OUT.qikan */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "doc.h"

static const char *const sentences[] = {
	"各级工会要坚持以习近平新时代中国特色社会主义思想为指导，",
	"全面贯彻落实党的二十大精神，",
	"团结动员广大职工群众为全面建设社会主义现代化国家贡献力量。",
	"“县级工会加强年”专项工作稳步推进，",
	"户外劳动者服务站点建设取得明显成效，",
	"职工群众的获得感、幸福感、安全感不断增强。",
	"（2023年2月17日）",
	"This line mixes Latin text with 中文 and digits 2023 and a URL https://example.org/a/very/long/path/that/must/break。",
};

static char *paragraph(int seed, int len)
{
	struct sb b = { 0 };

	for (int i = 0; i < len; i++)
		sb_adds(&b, sentences[(seed + i * 3) % (int)ARRAY_LEN(sentences)]);
	return sb_steal(&b);
}

static void add_article(struct doc *d, int section, const char *title, const char *author, int page,
			int nparas, int seed)
{
	struct doc_article *a = doc_add_article(d);

	a->section = section;
	a->title = xstrdup(title);
	a->author = author ? xstrdup(author) : NULL;
	a->page = page;
	a->in_toc = page > 0;
	for (int i = 0; i < nparas; i++) {
		char *p = paragraph(seed + i, 3 + (seed + i) % 5);

		doc_article_add_para(a, p, 100 + i);
		free(p);
	}
}

static void issue_one(struct doc *d)
{
	struct doc_article *a;
	int s1, s2, s3;

	d->title = xstrdup("2023年第2期");
	d->year = 2023;
	d->number = 2;
	d->source_name = xstrdup("tui-test-1.txt");
	memset(d->sha256, 'a', 64);
	d->pub.name = xstrdup("青海工运");
	doc_add_section(d, "学习强会", -1, 1);
	s1 = (int)d->nsections - 1;
	doc_add_section(d, "市州动态", -1, 2);
	s2 = (int)d->nsections - 1;
	doc_add_section(d, "海西州总工会", s2, 3);
	s3 = (int)d->nsections - 1;

	add_article(d, s1, "在全总十七届七次执委会议上的讲话", "王东明", 8, 40, 1);
	a = &d->articles[d->narticles - 1];
	a->subtitle = xstrdup("在全总十七届七次执委会议上的工作报告");
	a->byline = xstrdup("□ 王东明");
	a->source = xstrdup("来源：新华网");
	a->dateline = xstrdup("2023年2月17日");
	add_article(d, s1, "中国共产党第二十届中央委员会第二次全体会议公报", NULL, 6, 12, 2);
	add_article(d, s2, "西宁市总工会突出“三字诀”积极打造暖心驿站", NULL, 43, 6, 3);
	add_article(d, s3, "海西州各级工会加快建设“暖心驿站”为户外劳动者提供贴心暖心服务", NULL, 43, 8, 4);

	/* Hostile text: what a damaged or malicious import could hold. */
	a = doc_add_article(d);
	a->section = s3;
	a->title = xstrdup("控制字符测试\x1b]2;PWNED-TITLE\x07标题");
	a->page = 44;
	a->in_toc = true;
	doc_article_add_para(a, "第一段\x1b[2J\x1b[H清屏之后\x1b[31m红色\x1b[0m正文\x07响铃。", 1);
	doc_article_add_para(a, "C1 控制：\xc2\x9b" "31m 和 \xc2\x9d" "0;PWNED-C1\xc2\x9c 结束。", 2);
	doc_article_add_para(a, "双向覆盖：\xe2\x80\xae" "ABC\xe2\x80\xac 以及零宽\xe2\x80\x8b" "字符。", 3);
	doc_article_add_para(a, "终端查询\x1b[6n\x1b[c\x1bP+q544e\x1b\\ 之后仍是正文。", 4);
}

static void issue_two(struct doc *d)
{
	int s1;

	d->title = xstrdup("2023年第3期");
	d->year = 2023;
	d->number = 3;
	d->source_name = xstrdup("tui-test-2.txt");
	memset(d->sha256, 'b', 64);
	d->pub.name = xstrdup("青海工运");
	doc_add_section(d, "新视点", -1, 1);
	s1 = (int)d->nsections - 1;
	add_article(d, s1, "全省工会扎实推进户外劳动者服务站点建设", NULL, 32, 5, 5);
	add_article(d, s1, "青海省总工会启动2023年疗休养工作", NULL, 33, 3, 6);
}

int main(int argc, char **argv)
{
	struct qk_err e = { 0 };
	struct bundle *b;
	void (*fill[])(struct doc *) = { issue_one, issue_two };

	if (argc != 2) {
		fprintf(stderr, "usage: tui_mkbundle OUT.qikan\n");
		return 2;
	}
	remove(argv[1]);
	b = bundle_open(argv[1], BUNDLE_CREATE, &e);
	if (!b) {
		fprintf(stderr, "tui_mkbundle: %s\n", e.msg);
		return 1;
	}
	for (size_t i = 0; i < ARRAY_LEN(fill); i++) {
		struct doc d;
		int64_t id;

		doc_init(&d);
		fill[i](&d);
		if (bundle_import(b, &d, false, &id, &e)) {
			fprintf(stderr, "tui_mkbundle: %s\n", e.msg);
			doc_free(&d);
			bundle_close(b);
			return 1;
		}
		doc_free(&d);
	}
	bundle_close(b);
	return 0;
}

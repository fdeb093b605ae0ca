/* SPDX-License-Identifier: MIT */
/* test_import.c — the importer on the sample issue and on bad input.
 *
 * The expectations come from the text itself: tests/golden/sample_toc.tsv
 * was written by hand from the TOC lines and the body lines of
 * data/sample.txt, and the "no text lost" check rebuilds the body from the
 * raw file independently of the importer. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uniconv.h>

#include "doc.h"
#include "import.h"
#include "sha256.h"
#include "test.h"
#include "util.h"

static const char *srcdir(void)
{
	const char *s = getenv("QIKAN_SRCDIR");

	return s ? s : ".";
}

static char *load(const char *rel, size_t *len)
{
	struct qk_err e = { 0 };
	char *path = xasprintf("%s/%s", srcdir(), rel);
	char *buf = read_file(path, len, &e);

	if (!buf) {
		fprintf(stderr, "%s\n", e.msg);
		exit(1);
	}
	free(path);
	return buf;
}

static int parse(const char *buf, size_t len, struct doc *d, struct qk_err *e)
{
	memset(e, 0, sizeof *e);
	return import_parse(buf, len, "sample.txt", d, e);
}

/* ---- SHA-256 against FIPS 180-4 examples ---- */
static void test_sha256(void)
{
	char hex[65];
	char *million = xmalloc(1000000);
	struct sha256 c;
	unsigned char out[32];

	sha256_hex("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	memset(million, 'a', 1000000);
	sha256_hex(million, 1000000, hex);
	CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	/* the same in uneven pieces */
	sha256_init(&c);
	for (size_t off = 0, step = 1; off < 1000000; off += step, step = step * 3 % 997 + 1)
		sha256_update(&c, million + off, off + step > 1000000 ? 1000000 - off : step);
	sha256_final(&c, out);
	CHECK(out[0] == 0xcd && out[31] == 0xd0);
	free(million);
}

/* ---- the golden table of contents ---- */
struct golden {
	char *f[8]; /* section subsection page author toc_line toc_title body_line body_title */
};

static size_t read_golden(struct golden *g, size_t max)
{
	size_t len, n = 0;
	char *buf = load("tests/golden/sample_toc.tsv", &len), *save = NULL;

	for (char *line = strtok_r(buf, "\n", &save); line && n < max; line = strtok_r(NULL, "\n", &save)) {
		char *p = line;

		if (*line == '#')
			continue;
		for (int i = 0; i < 8; i++) {
			char *tab = strchr(p, '\t');

			if (tab)
				*tab = '\0';
			g[n].f[i] = xstrdup(p);
			p = tab ? tab + 1 : p + strlen(p);
		}
		n++;
	}
	free(buf);
	return n;
}

static const char *opt(const char *s)
{
	return strcmp(s, "-") == 0 ? NULL : s;
}

static void test_golden_toc(const struct doc *d)
{
	struct golden g[64];
	size_t n = read_golden(g, 64), k = 0;

	CHECK(n == 35);
	CHECK(d->toc_entries == 35);
	CHECK(d->toc_matched == 35);
	CHECK(d->toc_unmatched == 0);
	for (size_t i = 0; i < d->narticles; i++) {
		const struct doc_article *a = &d->articles[i];
		const struct doc_section *s, *p;

		if (!a->in_toc)
			continue;
		if (k >= n) {
			CHECK(!"more TOC articles than golden rows");
			break;
		}
		CHECK_STR(a->title, g[k].f[7]);
		CHECK(a->page == atoi(g[k].f[2]));
		CHECK(a->line == atoi(g[k].f[6]));
		if (opt(g[k].f[3]))
			CHECK_STR(a->author, g[k].f[3]);
		else
			CHECK(a->author == NULL);
		CHECK(a->section >= 0 && (size_t)a->section < d->nsections);
		if (a->section < 0)
			continue;
		s = &d->sections[a->section];
		if (opt(g[k].f[1])) {
			CHECK_STR(s->title, g[k].f[1]);
			CHECK(s->parent >= 0);
			p = s->parent >= 0 ? &d->sections[s->parent] : s;
			CHECK_STR(p->title, g[k].f[0]);
		} else {
			CHECK_STR(s->title, g[k].f[0]);
			CHECK(s->parent == -1);
		}
		k++;
	}
	CHECK(k == n);
	for (size_t i = 0; i < n; i++)
		for (int j = 0; j < 8; j++)
			free(g[i].f[j]);
}

/* ---- every body line lands in exactly one article ---- */

/* Appends s without white space and without the marks the importer strips
 * from headers (the "——" of subtitles, the "□" of bylines, the brackets of
 * sources and date lines), so that both sides compare on the text alone. */
static void add_bare(struct sb *b, const char *s)
{
	static const char *drop[] = { " ", "\t", "\xE3\x80\x80", "—", "□", "（", "）", "(", ")" };

	while (s && *s) {
		size_t i;

		for (i = 0; i < ARRAY_LEN(drop); i++)
			if (str_starts(s, drop[i]))
				break;
		if (i < ARRAY_LEN(drop)) {
			s += strlen(drop[i]);
			continue;
		}
		sb_addc(b, *s++);
	}
}

static void doc_stream(const struct doc *d, struct sb *out)
{
	for (size_t i = 0; i < d->narticles; i++) {
		const struct doc_article *a = &d->articles[i];

		add_bare(out, a->kicker);
		add_bare(out, a->title);
		add_bare(out, a->subtitle);
		add_bare(out, a->byline);
		add_bare(out, a->dateline);
		for (size_t k = 0; k < a->npara; k++)
			add_bare(out, a->paras[k].text);
		add_bare(out, a->source);
	}
}

/* Body lines from first_line on, minus the lines equal to one of the
 * headings and the lines numbered in drop[], with the one known piece of
 * OCR debris cleaned. */
static int body_stream(const char *text, int first_line, const char **headings, size_t nheadings,
		       const int *drop, size_t ndrop, struct sb *out)
{
	char *copy = xstrdup(text), *save = NULL;
	int no = 0, skipped = 0;

	/* strtok_r would merge empty lines and lose the numbering */
	for (char *p = copy, *nl; p; p = nl) {
		nl = strchr(p, '\n');
		if (nl)
			*nl++ = '\0';
		no++;
		if (no < first_line)
			continue;
		str_trim(p);
		if (!*p)
			continue;
		for (size_t k = 0; k < ndrop; k++)
			if (drop[k] == no)
				*p = '\0';
		for (size_t h = 0; h < nheadings; h++)
			if (strcmp(p, headings[h]) == 0) {
				skipped++;
				*p = '\0';
			}
		{
			char *debris = strstr(p, "_{一线劳动者}");

			if (debris) {
				memmove(debris, debris + 2, strlen(debris + 2) + 1);
				debris = strstr(debris, "}");
				memmove(debris, debris + 1, strlen(debris + 1) + 1);
			}
		}
		add_bare(out, p);
	}
	(void)save;
	free(copy);
	return skipped;
}

static void compare_streams(const char *what, const struct sb *want, const struct sb *got)
{
	size_t i = 0;

	CHECK(want->len > 0);
	while (i < want->len && i < got->len && want->s[i] == got->s[i])
		i++;
	if (i == want->len && i == got->len) {
		CHECK(1);
		return;
	}
	while (i > 0 && ((unsigned char)want->s[i] & 0xC0) == 0x80)
		i--;
	fprintf(stderr, "%s: text differs at byte %zu of %zu/%zu\n  want: %.90s\n  got:  %.90s\n", what,
		i, want->len, got->len, want->s + i, i < got->len ? got->s + i : "");
	CHECK(!"body text == article text");
}

/* Source line no (1-based), trimmed, in a new string ("" past the end). */
static char *source_line(const char *text, int no)
{
	const char *p = text, *nl;

	for (int i = 1; i < no && p; i++)
		p = (nl = strchr(p, '\n')) ? nl + 1 : NULL;
	if (!p)
		return xstrdup("");
	nl = strchr(p, '\n');
	return str_trim(nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p));
}

static void test_no_text_lost(const struct doc *d, const char *text)
{
	const char *heads[] = { "西宁市总工会", "海西州总工会", "海南州总工会", "海北州总工会",
				"玉树州总工会", "黄南州总工会", "果洛州总工会" };
	struct sb want = { 0 }, got = { 0 };
	int prev = 0, dropped[8];
	size_t ndropped = 0;
	bool ordered = true;

	/* A line may only be missing when a warning names it as a running
	 * page header, and it must then be the title of an article (so its
	 * text is not lost). */
	for (size_t i = 0; i < d->nwarnings; i++) {
		const struct doc_warning *w = &d->warnings[i];
		char *line;
		bool is_title = false;

		if (!str_starts(w->msg, "running page header"))
			continue;
		CHECK(w->kind == DOC_WARN_STRUCTURE);
		CHECK(ndropped < ARRAY_LEN(dropped));
		if (ndropped == ARRAY_LEN(dropped))
			break;
		dropped[ndropped++] = w->line;
		line = source_line(text, w->line);
		CHECK(*line && strstr(w->msg, line) != NULL);
		for (size_t k = 0; k < d->narticles; k++)
			is_title |= strcmp(d->articles[k].title, line) == 0;
		CHECK(is_title);
		free(line);
	}
	/* the seven sub-section names repeated in the body are headings */
	CHECK(body_stream(text, 136, heads, ARRAY_LEN(heads), dropped, ndropped, &want) == 7);
	doc_stream(d, &got);
	compare_streams("sample", &want, &got);
	/* and in source order: titles and paragraphs by line number */
	for (size_t i = 0; i < d->narticles; i++) {
		const struct doc_article *a = &d->articles[i];

		ordered &= a->line > prev;
		prev = a->line;
		for (size_t k = 0; k < a->npara; k++) {
			ordered &= a->paras[k].line > prev;
			prev = a->paras[k].line;
		}
	}
	CHECK(ordered);
	sb_free(&want);
	sb_free(&got);
}

/* ---- page breaks ---- */
static const struct doc_article *article_at(const struct doc *d, int line)
{
	for (size_t i = 0; i < d->narticles; i++)
		if (d->articles[i].line == line)
			return &d->articles[i];
	return NULL;
}

static const struct doc_paragraph *para_at(const struct doc *d, int line)
{
	for (size_t i = 0; i < d->narticles; i++)
		for (size_t k = 0; k < d->articles[i].npara; k++)
			if (d->articles[i].paras[k].line == line)
				return &d->articles[i].paras[k];
	return NULL;
}

static int count_containing(const struct doc *d, const char *needle)
{
	int n = 0;

	for (size_t i = 0; i < d->narticles; i++)
		for (size_t k = 0; k < d->articles[i].npara; k++)
			for (const char *p = d->articles[i].paras[k].text; (p = strstr(p, needle)); p++)
				n++;
	return n;
}

/* Source lines (1-based) in [from, to] whose text starts with prefix. */
static int lines_starting(const char *text, int from, int to, const char *prefix, int *out, int max)
{
	int no = 1, n = 0;

	for (const char *p = text; *p && no <= to; no++) {
		const char *nl = strchr(p, '\n');

		if (no >= from && str_starts(p, prefix) && n < max)
			out[n++] = no;
		if (!nl)
			break;
		p = nl + 1;
	}
	return n;
}

static void test_page_breaks(const struct doc *d, const char *text)
{
	const struct doc_article *a = article_at(d, 136);
	int lines[64], n, starts = 0;
	const char *prefixes[] = { "习近平强调", "习近平指出" };

	CHECK(a != NULL);
	if (!a)
		return;
	/* lines 142 + 146 across three blank lines: one paragraph */
	CHECK(count_containing(d, "比较完整的工业体系和国民经济体系") == 1);
	CHECK(para_at(d, 146) == NULL);
	CHECK(para_at(d, 142) && strstr(para_at(d, 142)->text, "业体系和国民经济体系"));
	/* split by a single blank line mid-sentence */
	CHECK(count_containing(d, "发出了团结奋斗的伟大号召") == 1);
	CHECK(count_containing(d, "动态更新劳模档案。为随时了解") == 1);
	CHECK(count_containing(d, "四个站点被评为全国“最美工会") + count_containing(d, "4个站点被评为全国“最美工会") == 1);
	CHECK(count_containing(d, "政治性先进性群众性。") == 1);
	/* 17 non-blank lines, 4 of them (146 152 160 164) continue the line
	 * before across a break: 13 paragraphs */
	CHECK(a->npara == 13);
	/* each "习近平强调/指出" line starts its own paragraph */
	for (size_t p = 0; p < ARRAY_LEN(prefixes); p++) {
		n = lines_starting(text, 137, 173, prefixes[p], lines, 64);
		for (int i = 0; i < n; i++)
			if (para_at(d, lines[i]) && str_starts(para_at(d, lines[i])->text, prefixes[p]))
				starts++;
			else
				fprintf(stderr, "line %d is not a paragraph start\n", lines[i]);
		CHECK(n >= 3);
		CHECK(count_containing(d, prefixes[p]) >= n);
	}
	CHECK(starts == 7);
	/* numbered headings and "一是/二要" paragraphs are never continued */
	{
		const char *marks[] = { "一、", "二、", "三、", "（一）", "（二）", "一是", "二是", "三是", "一要", "二要" };
		int bad = 0, seen = 0;

		for (size_t m = 0; m < ARRAY_LEN(marks); m++) {
			n = lines_starting(text, 136, 1114, marks[m], lines, 64);
			for (int i = 0; i < n; i++) {
				seen++;
				if (!para_at(d, lines[i])) {
					bad++;
					fprintf(stderr, "line %d (%s…) was joined to the line before\n", lines[i], marks[m]);
				}
			}
		}
		CHECK(seen > 40);
		CHECK(bad == 0);
	}
	/* a heading without end punctuation stays apart from its paragraph */
	CHECK(para_at(d, 238) && strcmp(para_at(d, 238)->text,
					"二、强化思想政治引领，筑牢亿万职工团结奋斗的共同思想基础") == 0);
	CHECK(para_at(d, 1051) && strcmp(para_at(d, 1051)->text, "一、领会精神掌握要义，坚定信念明确方向") == 0);
	CHECK(d->page_joins >= 9);
}

/* ---- the rest of what the sample shows ---- */
/* The TOC says 干群, the body heading has the OCR slip 千群: both kept,
 * one review item naming the article, field and TOC wording. */
static void test_title_differs(const struct doc *d)
{
	const struct doc_article *a = article_at(d, 1001);
	int items = 0;

	CHECK(a != NULL);
	if (!a)
		return;
	CHECK_STR(a->title, "城西区总工会“两会”新期盼 千群话心声");
	CHECK_STR(a->toc_title, "城西区总工会“两会”新期盼 干群话心声");
	for (size_t i = 0; i < d->nwarnings; i++) {
		const struct doc_warning *w = &d->warnings[i];

		if (w->kind != DOC_WARN_TITLE_DIFFERS)
			continue;
		items++;
		CHECK(w->article >= 0 && &d->articles[w->article] == a);
		CHECK_STR(w->field, "title");
		CHECK_STR(w->suggestion, "城西区总工会“两会”新期盼 干群话心声");
		CHECK(w->line == 1001);
	}
	CHECK(items == 1);
	/* every other article's title agrees with its TOC entry */
	for (size_t i = 0; i < d->narticles; i++)
		CHECK(d->articles[i].toc_title == NULL || &d->articles[i] == a);
	CHECK(d->verdict == DOC_REVIEW);
	CHECK(d->part == 1);
}

static void test_sample_fields(const struct doc *d)
{
	const struct doc_article *a;
	size_t extra = 0, subs = 0, ocr = 0, kickers = 0, headers = 0;

	CHECK_STR(d->title, "2023年第2期");
	CHECK(d->year == 2023 && d->number == 2);
	CHECK_STR(d->encoding, "UTF-8");
	CHECK_STR(d->source_name, "sample.txt");
	CHECK_STR(d->pub.publisher, "青海省总工会");
	CHECK_STR(d->pub.permit, "青(6300077)");
	CHECK_STR(d->pub.department, "省总工会研究室");
	CHECK_STR(d->pub.address, "青海省西宁市城东区昆仑路194号");
	CHECK_STR(d->pub.email, "qhgy2020@163.com");
	CHECK_STR(d->pub.phone, "(0971)8239550 8236826");
	CHECK_STR(d->pub.postcode, "810007");
	CHECK_STR(d->pub.note, "内部资料 免费交流");
	CHECK(d->nmasthead == 6);
	if (d->nmasthead == 6) {
		CHECK_STR(d->masthead[0].role, "主任");
		CHECK_STR(d->masthead[0].names, "马吉孝");
		CHECK_STR(d->masthead[2].role, "委员");
		CHECK_STR(d->masthead[2].names, "汪琦 吴有祯 祁维正 吴建军 蒲勤");
		CHECK_STR(d->masthead[5].role, "责任编辑");
		CHECK_STR(d->masthead[5].names, "贺文龙 简成贵 刘庆明 侯美玲");
	}
	CHECK(d->nsections == 14);
	for (size_t i = 0; i < d->nsections; i++)
		if (d->sections[i].parent >= 0) {
			subs++;
			CHECK_STR(d->sections[d->sections[i].parent].title, "市州动态");
		}
	CHECK(subs == 7);

	a = article_at(d, 306);
	CHECK(a && a->subtitle && strcmp(a->subtitle, "在全总十七届七次执委会议上的工作报告") == 0);
	CHECK(a && a->byline && strcmp(a->byline, "谭天星") == 0);
	a = article_at(d, 214);
	CHECK(a && a->byline && strcmp(a->byline, "全国人大常委会副委员长、中华全国总工会主席 王东明") == 0);
	a = article_at(d, 174);
	CHECK(a && a->dateline &&
	      strcmp(a->dateline, "2023年2月28日中国共产党第二十届中央委员会第二次全体会议通过") == 0);
	a = article_at(d, 494);
	CHECK(a && a->dateline && str_starts(a->dateline, "二〇二三年二月十四日"));
	a = article_at(d, 552);
	CHECK(a && a->dateline && strcmp(a->dateline, "2023年2月17日") == 0);
	a = article_at(d, 136);
	CHECK(a && a->source && strcmp(a->source, "来源：新华网") == 0);
	CHECK(a && a->npara && !strstr(a->paras[a->npara - 1].text, "来源"));
	a = article_at(d, 1013);
	CHECK(a && a->source && strcmp(a->source, "西宁市总工会") == 0);
	a = article_at(d, 725);
	CHECK(a && a->subtitle && strcmp(a->subtitle, "记青海省首位“大国工匠年度人物”田得梅") == 0);
	CHECK(a && a->source && strcmp(a->source, "来源：青海日报3月1日第2版") == 0);
	a = article_at(d, 1041);
	CHECK(a && a->byline && strcmp(a->byline, "青海日报社 姚斌") == 0);

	/* The two lines above 方寸匠心 (722-723) are its kicker, not an
	 * article; the same title again after its body (line 739) is a running
	 * page header, dropped with a warning naming it.  No extras remain. */
	a = article_at(d, 725);
	CHECK(a && a->kicker &&
	      strcmp(a->kicker, "2022年“大国工匠年度人物”发布——青海一名职工入选“大国工匠年度人物”") == 0);
	CHECK(a && a->in_toc && strcmp(a->title, "方寸匠心 不差毫厘") == 0 && a->npara == 4);
	for (size_t i = 0; i < d->narticles; i++) {
		if (!d->articles[i].in_toc)
			extra++;
		if (d->articles[i].kicker)
			kickers++;
	}
	CHECK(extra == 0);
	CHECK(kickers == 1);
	CHECK(d->narticles == 35);
	for (size_t i = 0; i < d->nwarnings; i++) {
		const struct doc_warning *w = &d->warnings[i];

		if (str_starts(w->msg, "running page header")) {
			headers++;
			CHECK(w->kind == DOC_WARN_STRUCTURE && w->line == 739);
			CHECK(strstr(w->msg, "\"方寸匠心 不差毫厘\"") && strstr(w->msg, "dropped"));
		}
		/* the kicker's provisional "not in the TOC" warning is gone */
		CHECK(!strstr(w->msg, "not in the table of contents"));
	}
	CHECK(headers == 1);
	/* the article before the kicker keeps its last paragraph */
	a = article_at(d, 725);
	CHECK(a && a > d->articles && strstr(a[-1].paras[a[-1].npara - 1].text, "切实实现好、维护好") &&
	      !a[-1].kicker);
	for (size_t i = 0; i < d->nwarnings; i++)
		if (d->warnings[i].kind == DOC_WARN_OCR) {
			ocr++;
			CHECK(d->warnings[i].line == 268);
			CHECK(strstr(d->warnings[i].msg, "_{一线劳动者}") != NULL);
		}
	CHECK(ocr == 1);
	CHECK(count_containing(d, "_{") == 0);
	CHECK(para_at(d, 268) && strstr(para_at(d, 268)->text, "劳动者特别是一线劳动者劳动报酬。"));
}

/* ---- the same issue in other clothes ---- */

/* Everything a reader sees must be equal; the source hash and encoding
 * differ by design. */
static bool same_doc(const struct doc *a, const struct doc *b)
{
#define SAME(x, y) ((!(x) && !(y)) || ((x) && (y) && strcmp((x), (y)) == 0))
	if (!SAME(a->title, b->title) || a->narticles != b->narticles || a->nsections != b->nsections ||
	    a->nmasthead != b->nmasthead || a->toc_matched != b->toc_matched ||
	    a->page_joins != b->page_joins || !SAME(a->pub.phone, b->pub.phone) ||
	    !SAME(a->pub.note, b->pub.note))
		return false;
	for (size_t i = 0; i < a->nsections; i++)
		if (!SAME(a->sections[i].title, b->sections[i].title) ||
		    a->sections[i].parent != b->sections[i].parent)
			return false;
	for (size_t i = 0; i < a->narticles; i++) {
		const struct doc_article *x = &a->articles[i], *y = &b->articles[i];

		if (!SAME(x->title, y->title) || !SAME(x->subtitle, y->subtitle) || !SAME(x->kicker, y->kicker) ||
		    !SAME(x->author, y->author) || !SAME(x->byline, y->byline) ||
		    !SAME(x->source, y->source) || !SAME(x->dateline, y->dateline) ||
		    x->page != y->page || x->section != y->section || x->line != y->line ||
		    x->in_toc != y->in_toc || x->npara != y->npara)
			return false;
		for (size_t k = 0; k < x->npara; k++)
			if (!SAME(x->paras[k].text, y->paras[k].text) || x->paras[k].line != y->paras[k].line)
				return false;
	}
	return true;
#undef SAME
}

static char *crlf(const char *s, size_t len, size_t *outlen)
{
	struct sb b = { 0 };

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			sb_addc(&b, '\r');
		sb_addc(&b, s[i]);
	}
	*outlen = b.len;
	return sb_steal(&b);
}

static void test_encodings(const struct doc *ref, const char *text, size_t len)
{
	struct doc d;
	struct qk_err e;
	size_t n;
	char *buf;

	/* BOM */
	buf = xmalloc(len + 3);
	memcpy(buf, "\xEF\xBB\xBF", 3);
	memcpy(buf + 3, text, len);
	CHECK(parse(buf, len + 3, &d, &e) == 0);
	CHECK(same_doc(ref, &d));
	CHECK_STR(d.content_sha256, ref->content_sha256);
	doc_free(&d);
	free(buf);

	/* CRLF */
	buf = crlf(text, len, &n);
	CHECK(parse(buf, n, &d, &e) == 0);
	CHECK(same_doc(ref, &d));
	CHECK(strcmp(d.sha256, ref->sha256) != 0);
	CHECK_STR(d.content_sha256, ref->content_sha256);
	doc_free(&d);
	free(buf);

	/* GB18030 (a superset of GBK): what iconv -t GB18030 writes */
	buf = (char *)u8_conv_to_encoding("GB18030", iconveh_error, (const uint8_t *)text, len, NULL, NULL, &n);
	CHECK(buf != NULL);
	if (buf) {
		CHECK(parse(buf, n, &d, &e) == 0);
		CHECK_STR(d.encoding, "GB18030");
		CHECK(same_doc(ref, &d));
		CHECK_STR(d.content_sha256, ref->content_sha256);
		doc_free(&d);
		/* GB18030 with CRLF */
		{
			size_t m;
			char *both = crlf(buf, n, &m);

			CHECK(parse(both, m, &d, &e) == 0);
			CHECK(same_doc(ref, &d));
			CHECK_STR(d.content_sha256, ref->content_sha256);
			doc_free(&d);
			free(both);
		}
		free(buf);
	}
}

static void expect_error(const char *what, const char *buf, size_t len, const char *needle)
{
	struct doc d;
	struct qk_err e;
	int rc = parse(buf, len, &d, &e);

	CHECK(rc == -1);
	if (rc == 0) {
		fprintf(stderr, "%s: imported, want an error\n", what);
		doc_free(&d);
		return;
	}
	if (!strstr(e.msg, needle)) {
		fprintf(stderr, "%s: message '%s' lacks '%s'\n", what, e.msg, needle);
		CHECK(!"error message");
	}
	/* the doc is left empty */
	CHECK(d.narticles == 0 && d.title == NULL);
}

static void test_bad_input(const char *text, size_t len)
{
	char *buf = xmalloc(len + 1);
	char msg[64];

	expect_error("empty", "", 0, "empty");
	expect_error("blank", " \n\n\t\r\n\xE3\x80\x80\n", 10, "white space");

	memcpy(buf, text, len);
	buf[5000] = '\0';
	expect_error("NUL", buf, len, "byte offset 5000");
	expect_error("NUL", buf, len, "NUL");

	memcpy(buf, text, len);
	buf[7] = '\x1B';
	expect_error("ESC", buf, len, "byte offset 7");

	/* one bad byte in good UTF-8: damaged UTF-8, not GBK */
	memcpy(buf, text, len);
	buf[20001] = '\xFF';
	snprintf(msg, sizeof msg, "byte offset %d", 20001);
	expect_error("bad UTF-8 byte", buf, len, msg);
	expect_error("bad UTF-8 byte", buf, len, "invalid UTF-8");

	/* a truncated sequence at the very end */
	memcpy(buf, text, 300);
	buf[300] = '\xE4';
	expect_error("truncated", buf, 301, "byte offset 300");

	/* bytes valid in neither encoding */
	{
		const char junk[] = "abc\x81\x20\xFF\xFE\x80\x80 def\n";

		expect_error("junk", junk, sizeof junk - 1, "byte offset 3");
		expect_error("junk", junk, sizeof junk - 1, "GB18030");
	}
	/* UTF-16 */
	expect_error("UTF-16", "\xFF\xFE\x2E\x75", 4, "UTF-16");
	/* random binary without NUL */
	{
		unsigned int seed = 12345;

		for (size_t i = 0; i < 4096; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (char)(1 + (seed >> 16) % 255);
		}
		expect_error("random", buf, 4096, "byte offset");
	}
	free(buf);
}

/* ---- no TOC, huge lines ---- */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_no_toc(const char *text)
{
	/* the body alone, from line 136 */
	const char *body = text;
	struct doc d;
	struct qk_err e;
	struct sb want = { 0 }, got = { 0 };
	bool warned = false;

	for (int no = 1; no < 136; no++)
		body = strchr(body, '\n') + 1;
	CHECK(parse(body, strlen(body), &d, &e) == 0);
	CHECK(d.toc_entries == 0);
	CHECK(d.narticles > 10);
	for (size_t i = 0; i < d.nwarnings; i++)
		warned |= strstr(d.warnings[i].msg, "no table of contents") != NULL;
	CHECK(warned);
	CHECK(d.narticles > 0 && strcmp(d.articles[0].title, "习近平在学习贯彻党的二十大精神研讨班开班式上发表重要讲话强调 正确理解和大力推进中国式现代化") == 0);
	/* nothing lost, headings included (without a TOC they are text) */
	body_stream(body, 1, NULL, 0, NULL, 0, &want);
	doc_stream(&d, &got);
	compare_streams("no TOC", &want, &got);
	sb_free(&want);
	sb_free(&got);
	doc_free(&d);
}

static void test_huge(void)
{
	size_t n = 10u << 20;
	char *buf = xmalloc(n + 1);
	struct doc d;
	struct qk_err e;
	double t;

	/* one 10 MB line of Han text */
	for (size_t i = 0; i + 3 <= n; i += 3)
		memcpy(buf + i, "中", 3);
	n -= n % 3;
	t = now();
	CHECK(parse(buf, n, &d, &e) == 0);
	t = now() - t;
	fprintf(stderr, "10 MB line: %.2f s\n", t);
	CHECK(t < 30.0); /* quadratic work would take hours */
	CHECK(d.narticles == 1 && d.articles[0].npara == 1 && strlen(d.articles[0].paras[0].text) == n);
	doc_free(&d);

	/* the other shapes at 4 MB (quadratic work there is still hours;
	 * this keeps sanitizer builds quick): short lines split by single
	 * blanks, one long joined paragraph */
	n = 4u << 20;
	for (size_t i = 0; i + 8 <= n; i += 8)
		memcpy(buf + i, "\xE5\x9B\xBD\xE5\xAE\xB6\n\n", 8);
	t = now();
	CHECK(parse(buf, n - n % 8, &d, &e) == 0);
	t = now() - t;
	fprintf(stderr, "4 MB of short lines: %.2f s\n", t);
	CHECK(t < 30.0); /* quadratic work would take hours */
	doc_free(&d);

	/* TOC-looking lines, then as many body lines */
	{
		struct sb b = { 0 };

		for (int i = 0; b.len < n / 2; i++)
			sb_printf(&b, "标题%d\t%d\n", i, i % 900 + 1);
		for (int i = 0; b.len < n; i++)
			sb_printf(&b, "\n标题%d\n\n正文。\n", i);
		t = now();
		CHECK(parse(b.s, b.len, &d, &e) == 0);
		t = now() - t;
		CHECK(t < 30.0);
		CHECK(d.toc_matched > 10000);
		fprintf(stderr, "4 MB TOC-heavy input: %.2f s, %zu articles, %d matched\n", t, d.narticles,
			d.toc_matched);
		doc_free(&d);
		sb_free(&b);
	}

	/* OCR debris */
	for (size_t i = 0; i + 4 <= n; i += 4)
		memcpy(buf + i, "_{a}", 4);
	t = now();
	CHECK(parse(buf, n - n % 4, &d, &e) == 0);
	t = now() - t;
	fprintf(stderr, "4 MB of OCR debris: %.2f s\n", t);
	CHECK(t < 30.0); /* quadratic work would take hours */
	CHECK(d.nwarnings < 100);
	doc_free(&d);
	free(buf);
}

/* ---- what the sample does not show ---- */
static void test_synthetic(void)
{
	static const char text[] =
		"目录\n\n2024年第1期\n\n要闻\n\n"
		"春风行动温暖人心\t2\n"
		"工会干部下基层 / 张三\t3\n"
		"一个不存在的文章\t4\n\n"
		"基层\n\n"
		"职工书屋建设……5\n\n\n\n"
		"春风行动温暖人心\n\n"
		"春风行动温暖人心，全市各级工会积极行动，为职工办实事。\n\n"
		"工会干部\n下基层\n\n"
		"□ 本刊记者 张三\n\n"
		"正文第一段。\n\n"
		"职工书屋建设取得新进展\n\n"
		"□ 通讯员 李四\n\n"
		"正文，没有写完的\n\n\n\n句子。（办公室）\n";
	struct doc d;
	struct qk_err e;
	const struct doc_article *a;
	int unmatched_warn = 0;

	CHECK(parse(text, sizeof text - 1, &d, &e) == 0);
	CHECK_STR(d.title, "2024年第1期");
	CHECK(d.year == 2024 && d.number == 1);
	CHECK(d.toc_entries == 4 && d.toc_matched == 3 && d.toc_unmatched == 1);
	for (size_t i = 0; i < d.nwarnings; i++)
		if (d.warnings[i].kind == DOC_WARN_UNMATCHED) {
			unmatched_warn++;
			CHECK(d.warnings[i].line == 9);
			CHECK(strstr(d.warnings[i].msg, "一个不存在的文章") != NULL);
		}
	CHECK(unmatched_warn == 1);
	CHECK(d.narticles == 3);
	if (d.narticles != 3) {
		doc_free(&d);
		return;
	}
	/* a paragraph that begins with the title is still a paragraph */
	a = &d.articles[0];
	CHECK_STR(a->title, "春风行动温暖人心");
	CHECK(a->npara == 1 && a->page == 2);
	/* a title over two lines; the author from the TOC, the byline kept */
	a = &d.articles[1];
	CHECK_STR(a->title, "工会干部 下基层");
	CHECK_STR(a->author, "张三");
	CHECK_STR(a->byline, "本刊记者 张三");
	CHECK(a->npara == 1 && a->page == 3);
	/* a body title longer than its TOC entry (dot leaders in the TOC),
	 * in the second section; a paragraph across a page break; the source */
	a = &d.articles[2];
	CHECK_STR(a->title, "职工书屋建设取得新进展");
	CHECK(a->page == 5);
	CHECK(a->section >= 0 && strcmp(d.sections[a->section].title, "基层") == 0);
	CHECK(a->npara == 1 && a->npara && strcmp(a->paras[0].text, "正文，没有写完的句子。") == 0);
	CHECK_STR(a->source, "办公室");
	/* no author in the TOC: the last name of the byline */
	CHECK_STR(a->author, "李四");
	CHECK(d.page_joins == 1);
	doc_free(&d);
}

/* Kickers and running headers: taken only when certain, so that no text
 * that reads as a paragraph or an article ever leaves the body. */
static void test_kicker_header(void)
{
	static const char text[] =
		"目录\n\n2024年第1期\n\n要闻\n\n"
		"甲文章标题\t2\n乙文章标题\t3\n丙文章标题\t4\n丁文章标题\t5\n戊文章标题\t6\n\n"
		"甲文章标题\n\n甲文正文。（办公室）\n\n"
		/* a kicker over two lines, then the title */
		"Kicker 一行——\nABC 二行\n\n乙文章标题\n\n乙文正文。（办公室）\n\n"
		/* line 24, the title again before the next title: a running header */
		"乙文章标题\n\n"
		"丙文章标题\n\n丙文正文。（办公室）\n\n"
		/* the title again, but text follows: not dropped */
		"丙文章标题\n\n后面还有一段文字。（办公室）\n\n"
		/* a line too long for a kicker stays an extra article */
		"这一行写得很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长\n\n"
		"丁文章标题\n\n丁文正文。（办公室）\n\n"
		/* kicker-like lines split by a blank line: not a kicker */
		"上一行——\n\n下一行\n\n戊文章标题\n\n戊文正文。\n";
	struct doc d;
	struct qk_err e;
	const struct doc_article *a;
	int headers = 0;

	CHECK(parse(text, sizeof text - 1, &d, &e) == 0);
	CHECK(d.toc_entries == 5 && d.toc_matched == 5);
	for (size_t i = 0; i < d.nwarnings; i++)
		if (str_starts(d.warnings[i].msg, "running page header")) {
			headers++;
			CHECK(d.warnings[i].line == 24 && strstr(d.warnings[i].msg, "乙文章标题"));
		}
	CHECK(headers == 1);
	CHECK(d.narticles == 8);
	if (d.narticles != 8) {
		doc_free(&d);
		return;
	}
	CHECK(d.articles[0].kicker == NULL && d.articles[0].npara == 1);
	a = &d.articles[1];
	CHECK_STR(a->title, "乙文章标题");
	CHECK(a->in_toc && a->npara == 1 && a->line == 20);
	CHECK_STR(a->kicker, "Kicker 一行——ABC 二行");
	a = &d.articles[2];
	CHECK(a->in_toc && strcmp(a->title, "丙文章标题") == 0 && a->npara == 1 && !a->kicker);
	a = &d.articles[3];
	CHECK(!a->in_toc && strcmp(a->title, "丙文章标题") == 0 && a->npara == 1);
	a = &d.articles[4];
	CHECK(!a->in_toc && a->npara == 0 && str_starts(a->title, "这一行写得很长"));
	CHECK(d.articles[5].in_toc && d.articles[5].kicker == NULL);
	/* 上一行—— over 下一行 after a blank line: an extra, the title plain */
	a = &d.articles[6];
	CHECK(!a->in_toc && a->npara == 0 && strcmp(a->title, "上一行——下一行") == 0);
	a = &d.articles[7];
	CHECK(a->in_toc && strcmp(a->title, "戊文章标题") == 0 && a->kicker == NULL);
	doc_free(&d);
}

int main(void)
{
	size_t len;
	char *text = load("data/sample.txt", &len);
	struct doc d;
	struct qk_err e;
	double t;

	test_sha256();
	t = now();
	CHECK(parse(text, len, &d, &e) == 0);
	t = now() - t;
	fprintf(stderr, "sample imported in %.1f ms\n", t * 1000);
	CHECK(t < 0.5);
	CHECK_STR(d.sha256, "d0de5012b9536ea65ed0f25bd4dbd22c64211021ed0c8ca556e8ca66b110df4f");
	test_golden_toc(&d);
	test_no_text_lost(&d, text);
	test_page_breaks(&d, text);
	test_sample_fields(&d);
	test_title_differs(&d);
	test_encodings(&d, text, len);
	doc_free(&d);
	test_bad_input(text, len);
	test_no_toc(text);
	test_synthetic();
	test_kicker_header();
	test_huge();
	free(text);
	return test_done("test_import");
}

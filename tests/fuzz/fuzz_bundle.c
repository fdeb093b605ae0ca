/* SPDX-License-Identifier: MIT */
/* fuzz_bundle.c — see fuzz_bundle.h. */
#include "config.h"
#include "fuzz_bundle.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"

char *fuzz_tmpdir(void)
{
	const char *t = getenv("TMPDIR");
	char *dir = xasprintf("%s/qikan-fuzz-XXXXXX", t && t[0] ? t : "/tmp");

	if (!mkdtemp(dir)) {
		fprintf(stderr, "fuzz: mkdtemp %s: %s\n", dir, strerror(errno));
		exit(1);
	}
	return dir;
}

/* Issue 2 repeats issue 1's section names, so a section given by title
 * is ambiguous across issues (as in real bundles). */
static void make_doc(struct doc *d, char digit, const char *title)
{
	struct doc_article *a;

	doc_init(d);
	d->title = xstrdup(title);
	d->source_name = xstrdup("fuzz.txt");
	memset(d->sha256, digit, 64);
	d->sha256[64] = '\0';
	d->pub.publisher = xstrdup("青海省总工会");
	doc_add_section(d, "学习强会", -1, 20);
	doc_add_section(d, "市州动态", -1, 90);
	doc_add_section(d, "西宁市总工会", 1, 92);
	a = doc_add_article(d);
	a->section = 0;
	a->title = xstrdup("在全总十七届七次执委会议上的讲话");
	a->author = xstrdup("王东明");
	a->page = 8;
	a->in_toc = true;
	doc_article_add_para(a, "这次会议的主要任务是，学习贯彻党的二十大精神。", 218);
	doc_article_add_para(a, "Labour heroes 劳模 and workers' unions (工会) in 2023.", 219);
	a = doc_add_article(d);
	a->section = 2;
	a->title = xstrdup("西宁市总工会打造暖心驿站");
	a->subtitle = xstrdup("户外劳动者的“家”");
	a->page = 43;
	a->in_toc = true;
	doc_article_add_para(a, "暖心驿站为户外劳动者提供休息、饮水、充电。", 845);
	a = doc_add_article(d);
	a->section = 1;
	a->title = xstrdup("海西州总工会开展送温暖活动");
	a->page = 90;
	doc_article_add_para(a, "全国劳模，全国 劳模；ＡＢＣ１２３ work working worker。", 900);
}

struct bundle *fuzz_make_bundle(const char *path)
{
	static const char *const titles[] = { "2023年第2期", "2023年第3期" };
	struct qk_err e = { 0 };
	struct bundle *b = bundle_open(path, BUNDLE_CREATE, &e);

	if (!b) {
		fprintf(stderr, "fuzz: %s\n", e.msg);
		exit(1);
	}
	for (int i = 0; i < 2; i++) {
		struct doc d;
		int rc;

		make_doc(&d, (char)('1' + i), titles[i]);
		rc = bundle_import(b, &d, false, NULL, &e);
		doc_free(&d);
		if (rc) {
			fprintf(stderr, "fuzz: import: %s\n", e.msg);
			exit(1);
		}
	}
	return b;
}

void fuzz_read_file(const char *path, unsigned char **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16, n = 0, got;
	unsigned char *p;

	if (!f) {
		fprintf(stderr, "fuzz: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	p = xmalloc(cap);
	while ((got = fread(p + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			p = xrealloc(p, cap *= 2);
	}
	if (ferror(f)) {
		fprintf(stderr, "fuzz: %s: read error\n", path);
		exit(1);
	}
	fclose(f);
	*buf = p;
	*len = n;
}

void fuzz_write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "fuzz: %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

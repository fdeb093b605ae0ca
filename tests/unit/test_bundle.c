/* SPDX-License-Identifier: MIT */
/* test_bundle.c — the bundle on real files: create, import, read back,
 * duplicates, replace, rollback on failure, and refusing foreign or newer
 * files.  Uses a hand-built doc so it does not depend on the importer. */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "doc.h"
#include "test.h"

static char dir[] = "/tmp/qikan-bundle-XXXXXX";

static char *path_in_dir(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void make_doc(struct doc *d, const char *sha)
{
	struct doc_article *a;
	int sec, sub;

	doc_init(d);
	d->title = xstrdup("2023年第2期");
	d->year = 2023;
	d->number = 2;
	d->source_name = xstrdup("test.txt");
	snprintf(d->sha256, sizeof d->sha256, "%s", sha);
	d->pub.publisher = xstrdup("青海省总工会");
	doc_add_masthead(d, "主编", "王敬斋", 12);
	sec = (int)d->nsections;
	doc_add_section(d, "学习强会", -1, 20);
	doc_add_section(d, "市州动态", -1, 90);
	sub = (int)d->nsections;
	doc_add_section(d, "西宁市总工会", 1, 92);
	a = doc_add_article(d);
	a->section = sec;
	a->title = xstrdup("在全总十七届七次执委会议上的讲话");
	a->author = xstrdup("王东明");
	a->page = 8;
	a->in_toc = true;
	doc_article_add_para(a, "这次会议的主要任务是，全面贯彻落实党的二十大精神。", 218);
	doc_article_add_para(a, "第二段。", 220);
	a = doc_add_article(d);
	a->section = sub;
	a->title = xstrdup("西宁市总工会突出“三字诀”积极打造暖心驿站");
	a->page = 43;
	a->in_toc = true;
	doc_article_add_para(a, "暖心驿站。", 845);
	a = doc_add_article(d);
	a->section = sub;
	a->title = xstrdup("典型案例");
	a->in_toc = false;
	doc_article_add_para(a, "案例正文。", 850);
}

static void test_import_and_read(void)
{
	char *p = path_in_dir("a.qikan");
	struct qk_err e = { 0 };
	struct bundle *b = bundle_open(p, BUNDLE_CREATE, &e);
	struct model_toc t;
	struct model_article *a;
	struct doc d;
	int64_t issue = 0, id = 0;

	CHECK(b != NULL);
	if (!b)
		return;
	CHECK(!bundle_readonly(b));
	make_doc(&d, "1111111111111111111111111111111111111111111111111111111111111111");
	CHECK(bundle_import(b, &d, false, &issue, &e) == 0);
	CHECK(issue > 0);
	/* The same source again is refused, and the bundle keeps one copy. */
	CHECK(bundle_import(b, &d, false, NULL, &e) == -1);
	CHECK(strstr(e.msg, "already") != NULL);
	CHECK(bundle_import(b, &d, true, &issue, &e) == 0);
	doc_free(&d);

	CHECK(bundle_toc(b, 0, &t, &e) == 0);
	/* issue, 学习强会, article, 市州动态, 西宁市总工会, article, article */
	CHECK(t.n == 7);
	if (t.n == 7) {
		CHECK(t.rows[0].kind == ROW_ISSUE);
		CHECK_STR(t.rows[0].title, "2023年第2期");
		CHECK(t.rows[1].kind == ROW_SECTION && t.rows[1].depth == 1);
		CHECK(t.rows[2].kind == ROW_ARTICLE && t.rows[2].page == 8);
		CHECK_STR(t.rows[2].author, "王东明");
		CHECK_STR(t.rows[3].title, "市州动态");
		CHECK(t.rows[4].kind == ROW_SECTION && t.rows[4].depth == 2);
		CHECK_STR(t.rows[4].title, "西宁市总工会");
		CHECK(t.rows[5].depth == 3 && t.rows[5].in_toc);
		CHECK(t.rows[6].depth == 3 && !t.rows[6].in_toc);
	}
	model_toc_free(&t);

	CHECK(bundle_find_article(b, "三字诀", &id, &e) == 0);
	a = bundle_article(b, id, &e);
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->section_title, "市州动态 > 西宁市总工会");
		CHECK(a->npara == 1 && a->page == 43 && a->version == 1);
		model_article_free(a);
	}
	/* "会" is in two titles: ambiguous; an unknown id is an error. */
	CHECK(bundle_find_article(b, "会", &id, &e) == -1);
	CHECK(strstr(e.msg, "2 articles") != NULL);
	CHECK(bundle_find_article(b, "99999", &id, &e) == -1);
	{
		struct strv problems = { 0 };

		CHECK(bundle_check(b, &problems, &e) == 0);
		strv_free(&problems);
	}
	bundle_close(b);
	free(p);
}

/* An import failing half-way (a paragraph without text, after the first
 * article and its paragraphs went in) leaves nothing behind. */
static void test_rollback(void)
{
	char *p = path_in_dir("a.qikan");
	struct qk_err e = { 0 };
	struct bundle *b = bundle_open(p, BUNDLE_READ, &e);
	struct model_issue *issues = NULL;
	size_t n = 0;
	struct doc d;

	CHECK(b != NULL);
	if (!b)
		return;
	make_doc(&d, "2222222222222222222222222222222222222222222222222222222222222222");
	free(d.articles[1].paras[0].text);
	d.articles[1].paras[0].text = NULL; /* violates NOT NULL */
	CHECK(bundle_import(b, &d, false, NULL, &e) == -1);
	doc_free(&d);
	CHECK(bundle_issues(b, &issues, &n, &e) == 0);
	CHECK(n == 1);
	model_issues_free(issues, n);
	bundle_close(b);
	free(p);
}

/* A section with articles of its own, then a sub-section: its heading
 * appears once, and the sub-section nests under it. */
static void test_toc_nesting(void)
{
	char *p = path_in_dir("nest.qikan");
	struct qk_err e = { 0 };
	struct bundle *b = bundle_open(p, BUNDLE_CREATE, &e);
	struct model_toc t;
	struct doc_article *a;
	struct doc d;

	CHECK(b != NULL);
	if (!b)
		return;
	doc_init(&d);
	d.title = xstrdup("2024年第1期");
	snprintf(d.sha256, sizeof d.sha256, "%s", "3333333333333333333333333333333333333333333333333333333333333333");
	doc_add_section(&d, "市州动态", -1, 1);
	doc_add_section(&d, "西宁市总工会", 0, 2);
	a = doc_add_article(&d);
	a->section = 0;
	a->title = xstrdup("综述");
	a = doc_add_article(&d);
	a->section = 1;
	a->title = xstrdup("暖心驿站");
	CHECK(bundle_import(b, &d, false, NULL, &e) == 0);
	doc_free(&d);
	CHECK(bundle_toc(b, 0, &t, &e) == 0);
	/* issue, 市州动态, 综述, 西宁市总工会, 暖心驿站 */
	CHECK(t.n == 5);
	if (t.n == 5) {
		CHECK_STR(t.rows[1].title, "市州动态");
		CHECK(t.rows[2].kind == ROW_ARTICLE && t.rows[2].depth == 2);
		CHECK(t.rows[3].kind == ROW_SECTION && t.rows[3].depth == 2);
		CHECK(t.rows[4].kind == ROW_ARTICLE && t.rows[4].depth == 3);
	}
	model_toc_free(&t);
	bundle_close(b);
	free(p);
}

static void test_refusals(void)
{
	char *junk = path_in_dir("junk.qikan"), *other = path_in_dir("other.db"),
	     *newer = path_in_dir("newer.qikan"), *missing = path_in_dir("missing.qikan");
	struct qk_err e = { 0 };
	sqlite3 *db;
	FILE *f;

	f = fopen(junk, "wb");
	fputs("this is not a database at all, just some text that is long enough.......\n", f);
	fclose(f);
	CHECK(bundle_open(junk, BUNDLE_READ, &e) == NULL);
	CHECK(strstr(e.msg, "not a qikan bundle") != NULL);

	sqlite3_open(other, &db);
	sqlite3_exec(db, "CREATE TABLE t(x); PRAGMA application_id = 42;", NULL, NULL, NULL);
	sqlite3_close(db);
	CHECK(bundle_open(other, BUNDLE_READ, &e) == NULL);
	CHECK(strstr(e.msg, "not a qikan bundle") != NULL);

	{
		struct bundle *b = bundle_open(newer, BUNDLE_CREATE, &e);

		CHECK(b != NULL);
		bundle_close(b);
	}
	sqlite3_open(newer, &db);
	sqlite3_exec(db, "PRAGMA user_version = 99;", NULL, NULL, NULL);
	sqlite3_close(db);
	CHECK(bundle_open(newer, BUNDLE_READ, &e) == NULL);
	CHECK(strstr(e.msg, "newer") != NULL);

	CHECK(bundle_open(missing, BUNDLE_READ, &e) == NULL);
	CHECK(access(missing, F_OK) != 0); /* reading never creates a file */
	free(junk);
	free(other);
	free(newer);
	free(missing);
}

int main(void)
{
	int rc;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 99;
	}
	test_import_and_read();
	test_rollback();
	test_toc_nesting();
	test_refusals();
	rc = test_done("test_bundle");
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);

		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
		free(cmd);
	}
	return rc;
}

/* SPDX-License-Identifier: MIT */
/* test_edit.c — metadata edits on a bundle built from a hand-made issue:
 * saves and their log, no-op saves, invalid values, stale saves, undo,
 * and changesets between two copies (round trip, conflict, idempotence). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "bundle_changes.h"
#include "bundle_edit.h"
#include "doc.h"
#include "test.h"

static char dir[] = "/tmp/qikan-edit-XXXXXX";

/* Two issues: the second has its own 学习强会 section, so section names
 * are ambiguous across issues but not within one. */
static void make_doc(struct doc *d, const char *sha, const char *title)
{
	struct doc_article *a;

	doc_init(d);
	d->title = xstrdup(title);
	d->source_name = xstrdup("test.txt");
	snprintf(d->sha256, sizeof d->sha256, "%s", sha);
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
	doc_article_add_para(a, "这次会议的主要任务是。", 218);
	a = doc_add_article(d);
	a->section = 2;
	a->title = xstrdup("西宁市总工会打造暖心驿站");
	a->page = 43;
	a->in_toc = true;
	doc_article_add_para(a, "暖心驿站。", 845);
}

static void import_doc(struct bundle *b, const char *sha, const char *title)
{
	struct qk_err e = { 0 };
	struct doc d;

	make_doc(&d, sha, title);
	if (bundle_import(b, &d, false, NULL, &e))
		fprintf(stderr, "import: %s\n", e.msg);
	doc_free(&d);
}

#define SHA1 "1111111111111111111111111111111111111111111111111111111111111111"
#define SHA2 "2222222222222222222222222222222222222222222222222222222222222222"

/* reversed: issue 3 imported first, so every id differs from the other
 * order's (as in a copy where an issue was imported again). */
static struct bundle *make_bundle_order(const char *name, bool reversed)
{
	char *p = xasprintf("%s/%s", dir, name);
	struct qk_err e = { 0 };
	struct bundle *b = bundle_open(p, BUNDLE_CREATE, &e);

	free(p);
	if (!b) {
		fprintf(stderr, "%s\n", e.msg);
		exit(1);
	}
	if (reversed)
		import_doc(b, SHA2, "2023年第3期");
	import_doc(b, SHA1, "2023年第2期");
	if (!reversed)
		import_doc(b, SHA2, "2023年第3期");
	return b;
}

static struct bundle *make_bundle(const char *name)
{
	return make_bundle_order(name, false);
}

/* Both issues have the same articles, so titles are ambiguous: ids are
 * in import order, issue 1's articles are 1 and 2, issue 2's 3 and 4. */
enum { ART_TALK = 1, ART_XINING = 2 };

static int log_count(struct bundle *b, int64_t article)
{
	struct edit_log_row *rows = NULL;
	struct qk_err e = { 0 };
	size_t n = 0;

	if (bundle_edit_log(b, article, 0, &rows, &n, &e))
		return -1;
	edit_log_free(rows, n);
	return (int)n;
}

static int save1(struct bundle *b, int64_t id, int expect, enum edit_field f, const char *v, struct edit_result *r,
		 struct qk_err *e)
{
	struct edit_change c = { f, v };

	return bundle_edit_save(b, id, expect, &c, 1, "tester", r, e);
}

static char *get_field(struct bundle *b, int64_t id, enum edit_field f)
{
	struct qk_err e = { 0 };
	struct model_article *a = bundle_article(b, id, &e);
	char *v = NULL;

	if (!a)
		return NULL;
	switch (f) {
	case EDIT_TITLE: v = a->title; a->title = NULL; break;
	case EDIT_AUTHOR: v = a->author; a->author = NULL; break;
	case EDIT_SOURCE: v = a->source; a->source = NULL; break;
	case EDIT_SECTION: v = a->section_title; a->section_title = NULL; break;
	case EDIT_PAGE: v = xasprintf("%d", a->page); break;
	default: break;
	}
	model_article_free(a);
	return v;
}

static bool field_is(struct bundle *b, int64_t id, enum edit_field f, const char *want)
{
	char *v = get_field(b, id, f);
	bool ok = v && !strcmp(v, want);

	if (!ok)
		fprintf(stderr, "field %s of %lld: got '%s', want '%s'\n", edit_field_name(f), (long long)id,
			v ? v : "(null)", want);
	free(v);
	return ok;
}

static void test_save_and_log(struct bundle *b, int64_t id)
{
	struct edit_change ch[] = {
		{ EDIT_AUTHOR, "  王东明、李四 " }, /* trimmed */
		{ EDIT_PAGE, "9" },
		{ EDIT_SECTION, "市州动态 > 西宁市总工会" },
		{ EDIT_SUBTITLE, "" },            /* already empty: no change */
	};
	struct edit_result r;
	struct qk_err e = { 0 };
	struct model_article *a;
	struct edit_log_row *rows = NULL;
	size_t n = 0;

	CHECK(save1(b, id, 1, EDIT_TITLE, "在全总十七届七次执委会议上的讲话（节选）", &r, &e) == 0);
	CHECK(r.version == 2 && r.nchanged == 1 && r.batch > 0);
	edit_result_free(&r);
	CHECK(bundle_edit_save(b, id, 2, ch, ARRAY_LEN(ch), "tester", &r, &e) == 0);
	CHECK(r.version == 3 && r.nchanged == 3);
	edit_result_free(&r);
	a = bundle_article(b, id, &e);
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->title, "在全总十七届七次执委会议上的讲话（节选）");
		CHECK_STR(a->author, "王东明、李四");
		CHECK(a->page == 9);
		CHECK_STR(a->section_title, "市州动态 > 西宁市总工会");
		CHECK(a->version == 3);
		model_article_free(a);
	}
	CHECK(bundle_edit_log(b, id, 0, &rows, &n, &e) == 0);
	CHECK(n == 4);
	if (n == 4) {
		CHECK_STR(rows[0].field, "title");
		CHECK_STR(rows[0].old_value, "在全总十七届七次执委会议上的讲话");
		CHECK(rows[0].batch == rows[0].id && rows[0].version == 2);
		/* one save, one batch: the id of its first row */
		CHECK(rows[1].batch == rows[1].id && rows[2].batch == rows[1].id && rows[3].batch == rows[1].id);
		/* rows of a save come in field order: author, section, page */
		CHECK_STR(rows[2].field, "section");
		CHECK_STR(rows[2].old_shown, "学习强会");
		CHECK_STR(rows[2].new_shown, "市州动态 > 西宁市总工会");
		CHECK_STR(rows[2].new_value, "3"); /* the log stores the id */
		CHECK_STR(rows[3].field, "page");
		CHECK_STR(rows[3].old_value, "8");
		CHECK_STR(rows[0].who, "tester");
	}
	edit_log_free(rows, n);
	/* --last 1 keeps the newest batch only */
	CHECK(bundle_edit_log(b, id, 1, &rows, &n, &e) == 0);
	CHECK(n == 3);
	edit_log_free(rows, n);
	/* Saving the same values again changes nothing and logs nothing. */
	CHECK(save1(b, id, 0, EDIT_PAGE, "9", &r, &e) == EDIT_NOTHING);
	CHECK(r.version == 3);
	edit_result_free(&r);
	CHECK(log_count(b, id) == 4);
}

static void test_invalid(struct bundle *b, int64_t id)
{
	static const struct {
		enum edit_field f;
		const char *v, *why;
	} bad[] = {
		{ EDIT_TITLE, "", "empty" },
		{ EDIT_TITLE, "  \xe3\x80\x80 ", "empty" }, /* only spaces, one ideographic */
		{ EDIT_PAGE, "abc", "positive" },
		{ EDIT_PAGE, "0", "positive" },
		{ EDIT_PAGE, "-3", "positive" },
		{ EDIT_PAGE, "", "positive" },
		{ EDIT_PAGE, "44", "beyond" }, /* the last start page is 43 */
		{ EDIT_SECTION, "新视点", "no section" },
		{ EDIT_SECTION, "999", "no section" },
		{ EDIT_AUTHOR, "王\x1b[2J", "control" },
		{ EDIT_AUTHOR, "\xff\xfe", "UTF-8" },
	};
	struct qk_err e = { 0 };
	struct edit_result r;
	int before = log_count(b, id);

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		memset(&e, 0, sizeof e);
		CHECK(save1(b, id, 0, bad[i].f, bad[i].v, &r, &e) == EDIT_INVALID);
		CHECK(r.bad_field == bad[i].f);
		if (!strstr(e.msg, bad[i].why))
			fprintf(stderr, "value %zu: message '%s' lacks '%s'\n", i, e.msg, bad[i].why);
		CHECK(strstr(e.msg, bad[i].why) != NULL);
		edit_result_free(&r);
		CHECK(bundle_edit_check(b, id, bad[i].f, bad[i].v, &e) == EDIT_INVALID);
	}
	CHECK(bundle_edit_check(b, id, EDIT_PAGE, "43", &e) == 0);
	CHECK(bundle_edit_check(b, id, EDIT_TITLE, "新标题", &e) == 0);
	/* A valid field does not get saved along with an invalid one. */
	{
		struct edit_change ch[] = { { EDIT_AUTHOR, "张三" }, { EDIT_PAGE, "100" } };

		CHECK(bundle_edit_save(b, id, 0, ch, 2, "tester", &r, &e) == EDIT_INVALID);
		CHECK(r.bad_field == EDIT_PAGE);
		edit_result_free(&r);
	}
	CHECK(log_count(b, id) == before);
	/* The section of another issue, by id, is refused too: issue 2's
	 * sections are 4, 5, 6 (ids in import order). */
	CHECK(save1(b, id, 0, EDIT_SECTION, "4", &r, &e) == EDIT_INVALID);
	edit_result_free(&r);
	CHECK(save1(b, id, 0, EDIT_SECTION, "2", &r, &e) == 0); /* issue 1's 市州动态 */
	edit_result_free(&r);
	CHECK(field_is(b, id, EDIT_SECTION, "市州动态"));
}

/* Two editors load version v; the first saves; the second's save of the
 * stale form is refused and says what the first one saved. */
static void test_stale(struct bundle *b, int64_t id)
{
	struct model_article *a;
	struct edit_result r;
	struct qk_err e = { 0 };
	int v;

	a = bundle_article(b, id, &e);
	if (!a) {
		CHECK(a != NULL);
		return;
	}
	v = a->version;
	model_article_free(a);
	CHECK(save1(b, id, v, EDIT_AUTHOR, "甲的作者", &r, &e) == 0);
	edit_result_free(&r);
	CHECK(save1(b, id, v, EDIT_AUTHOR, "乙的作者", &r, &e) == EDIT_STALE);
	CHECK(r.version == v + 1);
	CHECK(r.nothers == 1);
	if (r.nothers == 1) {
		CHECK(r.others[0].field == EDIT_AUTHOR);
		CHECK_STR(r.others[0].value, "甲的作者");
		CHECK_STR(r.others[0].who, "tester");
	}
	CHECK(strstr(e.msg, "甲的作者") != NULL);
	edit_result_free(&r);
	a = bundle_article(b, id, &e);
	CHECK(a && !strcmp(a->author, "甲的作者") && a->version == v + 1);
	model_article_free(a);
	/* After a reload (the new version) the save goes through. */
	CHECK(save1(b, id, v + 1, EDIT_AUTHOR, "乙的作者", &r, &e) == 0);
	edit_result_free(&r);
}

static void test_undo(struct bundle *b, int64_t id)
{
	struct model_article *a;
	struct edit_result r;
	struct qk_err e = { 0 };
	int64_t b1, b2;
	struct edit_log_row *rows = NULL;
	size_t n = 0;

	CHECK(save1(b, id, 0, EDIT_BYLINE, "□ 记者 张三", &r, &e) == 0);
	b1 = r.batch;
	edit_result_free(&r);
	CHECK(save1(b, id, 0, EDIT_BYLINE, "□ 记者 李四", &r, &e) == 0);
	b2 = r.batch;
	edit_result_free(&r);
	/* undo takes back the newest edit, then the one before */
	CHECK(bundle_edit_undo(b, 0, 0, "tester", &r, &e) == 0);
	CHECK(r.article_id == id && r.nchanged == 1);
	edit_result_free(&r);
	a = bundle_article(b, id, &e);
	CHECK(a && a->byline && !strcmp(a->byline, "□ 记者 张三"));
	model_article_free(a);
	CHECK(bundle_edit_log(b, id, 1, &rows, &n, &e) == 0);
	CHECK(n == 1 && rows[0].undoes == b2);
	edit_log_free(rows, n);
	CHECK(bundle_edit_undo(b, 0, 0, "tester", &r, &e) == 0);
	edit_result_free(&r);
	a = bundle_article(b, id, &e);
	CHECK(a && a->byline == NULL);
	model_article_free(a);
	/* undoing an undone edit is refused */
	CHECK(bundle_edit_undo(b, b1, 0, "tester", &r, &e) == -1);
	CHECK(strstr(e.msg, "already undone") != NULL);
	edit_result_free(&r);
	/* An undo never destroys a later edit of the same field. */
	CHECK(save1(b, id, 0, EDIT_DATELINE, "2023年2月17日", &r, &e) == 0);
	b1 = r.batch;
	edit_result_free(&r);
	CHECK(save1(b, id, 0, EDIT_DATELINE, "2023年2月18日", &r, &e) == 0);
	edit_result_free(&r);
	CHECK(bundle_edit_undo(b, b1, 0, "tester", &r, &e) == EDIT_STALE);
	CHECK(r.nothers == 1 && r.others[0].value && !strcmp(r.others[0].value, "2023年2月18日"));
	edit_result_free(&r);
	a = bundle_article(b, id, &e);
	CHECK(a && a->dateline && !strcmp(a->dateline, "2023年2月18日"));
	model_article_free(a);
}

static void test_nothing_to_undo(void)
{
	struct bundle *b = make_bundle("empty.qikan");
	struct edit_result r;
	struct qk_err e = { 0 };

	CHECK(bundle_edit_undo(b, 0, 0, "tester", &r, &e) == EDIT_NOTHING);
	edit_result_free(&r);
	bundle_close(b);
}

static int copy_file(const char *from, const char *to)
{
	size_t n = 0;
	struct qk_err e = { 0 };
	char *buf = read_file(from, &n, &e);
	FILE *f;

	if (!buf)
		return -1;
	f = fopen(to, "wb");
	if (!f || fwrite(buf, 1, n, f) != n) {
		free(buf);
		if (f)
			fclose(f);
		return -1;
	}
	free(buf);
	return fclose(f);
}

static void test_changesets(void)
{
	struct bundle *a = make_bundle("office-a.qikan"), *b;
	char *pa = xasprintf("%s/office-a.qikan", dir), *pb = xasprintf("%s/office-b.qikan", dir);
	struct changes_export_info info;
	struct changes_report rep;
	struct edit_result r;
	struct qk_err e = { 0 };
	void *blob = NULL, *back = NULL;
	size_t size = 0, bsize = 0;
	int64_t x, y;
	char buf[32];

	/* Office B starts from a copy of A. */
	bundle_close(a);
	CHECK(copy_file(pa, pb) == 0);
	a = bundle_open(pa, BUNDLE_READ, &e);
	b = bundle_open(pb, BUNDLE_READ, &e);
	if (!a || !b) {
		CHECK(!"open copies");
		goto out;
	}
	x = ART_TALK;
	y = ART_XINING;

	/* One-field edit: a small changeset. */
	CHECK(save1(a, x, 0, EDIT_TITLE, "在全总十七届七次执委会议上的讲话（摘要）", &r, &e) == 0);
	edit_result_free(&r);
	CHECK(bundle_changes_export(a, "0", &blob, &size, &info, &e) == 0);
	CHECK(info.nrows == 1 && info.narticles == 1);
	CHECK(size > 0 && size < 500);
	printf("one-field changeset: %zu bytes\n", size);
	CHECK(bundle_changes_apply(b, blob, size, "office-b", &rep, &e) == 0);
	CHECK(rep.applied == 1 && rep.nconflicts == 0 && rep.nlog == 1);
	changes_report_free(&rep);
	CHECK(field_is(b, x, EDIT_TITLE, "在全总十七届七次执委会议上的讲话（摘要）"));
	CHECK(log_count(b, x) == 1);
	/* Again: nothing changes. */
	CHECK(bundle_changes_apply(b, blob, size, "office-b", &rep, &e) == 0);
	CHECK(rep.applied == 0 && rep.already == 1 && rep.nlog == 0);
	changes_report_free(&rep);
	CHECK(log_count(b, x) == 1);
	free(blob);

	/* Both offices edit: A the author (and page) of x and the title of y,
	 * B the author of x differently and the source of y. */
	CHECK(save1(a, x, 0, EDIT_AUTHOR, "王东明（A）", &r, &e) == 0);
	edit_result_free(&r);
	CHECK(save1(a, x, 0, EDIT_PAGE, "10", &r, &e) == 0);
	edit_result_free(&r);
	CHECK(save1(a, y, 0, EDIT_TITLE, "西宁：暖心驿站", &r, &e) == 0);
	edit_result_free(&r);
	CHECK(save1(a, y, 0, EDIT_SECTION, "学习强会", &r, &e) == 0);
	edit_result_free(&r);
	CHECK(save1(b, x, 0, EDIT_AUTHOR, "王东明（B）", &r, &e) == 0);
	edit_result_free(&r);
	CHECK(save1(b, y, 0, EDIT_SOURCE, "来源：西宁市总工会", &r, &e) == 0);
	edit_result_free(&r);

	CHECK(bundle_changes_export(a, "1", &blob, &size, &info, &e) == 0);
	CHECK(info.nrows == 4 && info.narticles == 2);
	CHECK(bundle_changes_export(b, "1", &back, &bsize, &info, &e) == 0);
	CHECK(info.nrows == 2);
	CHECK(bundle_changes_apply(b, blob, size, "office-b", &rep, &e) == 0);
	CHECK(rep.applied == 3 && rep.nconflicts == 1);
	if (rep.nconflicts == 1) {
		CHECK_STR(rep.conflicts[0].field, "author");
		CHECK_STR(rep.conflicts[0].local, "王东明（B）");
		CHECK_STR(rep.conflicts[0].remote, "王东明（A）");
		CHECK_STR(rep.conflicts[0].base, "王东明");
		CHECK(!rep.conflicts[0].recorded);
	}
	changes_report_free(&rep);
	CHECK(field_is(b, x, EDIT_AUTHOR, "王东明（B）")); /* local kept */
	CHECK(field_is(b, x, EDIT_PAGE, "10"));
	CHECK(field_is(b, y, EDIT_TITLE, "西宁：暖心驿站"));
	CHECK(field_is(b, y, EDIT_SECTION, "学习强会"));
	CHECK(field_is(b, y, EDIT_SOURCE, "来源：西宁市总工会"));
	/* Idempotent: the same file again changes nothing, the conflict is
	 * reported but not recorded twice. */
	{
		int logs = log_count(b, 0);
		struct changes_conflict *cv = NULL;
		size_t cn = 0;

		CHECK(bundle_changes_apply(b, blob, size, "office-b", &rep, &e) == 0);
		CHECK(rep.applied == 0 && rep.nlog == 0 && rep.nconflicts == 1);
		CHECK(rep.nconflicts == 1 && rep.conflicts[0].recorded);
		changes_report_free(&rep);
		CHECK(log_count(b, 0) == logs);
		CHECK(bundle_changes_conflicts(b, &cv, &cn, &e) == 0);
		CHECK(cn == 1);
		changes_conflicts_free(cv, cn);
	}
	/* The other way: A gets B's source, keeps its own author. */
	CHECK(bundle_changes_apply(a, back, bsize, "office-a", &rep, &e) == 0);
	CHECK(rep.applied == 1 && rep.nconflicts == 1);
	changes_report_free(&rep);
	CHECK(field_is(a, x, EDIT_AUTHOR, "王东明（A）"));
	CHECK(field_is(a, y, EDIT_SOURCE, "来源：西宁市总工会"));
	free(blob);
	free(back);

	/* B re-exports everything (including what it got from A): A finds
	 * all of it already there, except the author conflict. */
	CHECK(bundle_changes_export(b, NULL, &blob, &size, &info, &e) == 0);
	CHECK(bundle_changes_apply(a, blob, size, "office-a", &rep, &e) == 0);
	CHECK(rep.applied == 0 && rep.nconflicts == 1);
	changes_report_free(&rep);
	free(blob);

	/* A second edit of a field B already got: B fast-forwards. */
	CHECK(save1(a, y, 0, EDIT_TITLE, "西宁：暖心驿站（二）", &r, &e) == 0);
	edit_result_free(&r);
	CHECK(bundle_changes_export(a, NULL, &blob, &size, &info, &e) == 0);
	CHECK(bundle_changes_apply(b, blob, size, "office-b", &rep, &e) == 0);
	CHECK(rep.applied == 1);
	/* (everything was exported: the author conflict is still there) */
	CHECK(rep.nconflicts == 1 && rep.conflicts[0].recorded);
	changes_report_free(&rep);
	CHECK(field_is(b, y, EDIT_TITLE, "西宁：暖心驿站（二）"));
	free(blob);

	/* An undo travels as an undo: B's log links it to B's copy of the
	 * edit it takes back. */
	{
		struct edit_log_row *rows = NULL;
		size_t n = 0;
		int64_t last = 0;

		CHECK(bundle_changes_export(a, NULL, &blob, &size, &info, &e) == 0);
		last = info.last_id;
		free(blob);
		CHECK(bundle_edit_undo(a, 0, y, "office-a", &r, &e) == 0);
		edit_result_free(&r);
		snprintf(buf, sizeof buf, "%lld", (long long)last);
		CHECK(bundle_changes_export(a, buf, &blob, &size, &info, &e) == 0);
		CHECK(info.nrows == 1);
		CHECK(bundle_changes_apply(b, blob, size, "office-b", &rep, &e) == 0);
		CHECK(rep.applied == 1);
		changes_report_free(&rep);
		free(blob);
		CHECK(field_is(b, y, EDIT_TITLE, "西宁：暖心驿站"));
		CHECK(bundle_edit_log(b, y, 0, &rows, &n, &e) == 0);
		CHECK(n >= 2 && rows[n - 1].undoes != 0);
		if (n >= 2) {
			bool found = false;

			for (size_t i = 0; i < n; i++)
				found |= rows[i].batch == rows[n - 1].undoes &&
					 rows[i].new_value && !strcmp(rows[i].new_value, "西宁：暖心驿站（二）");
			CHECK(found);
		}
		edit_log_free(rows, n);
	}

	/* Garbage is refused, and leaves the bundle alone. */
	CHECK(bundle_changes_apply(b, "not a changeset at all", 22, "office-b", &rep, &e) == -1);
	changes_report_free(&rep);
	/* Nothing to export since the last edit: an empty changeset. */
	CHECK(bundle_changes_export(a, "100000", &blob, &size, &info, &e) == 0);
	CHECK(size == 0 && info.nrows == 0);
	free(blob);
	CHECK(bundle_changes_export(a, "yesterday-ish", &blob, &size, &info, &e) == -1);
	CHECK(bundle_changes_export(a, "2000-01-01", &blob, &size, &info, &e) == 0);
	CHECK(info.nrows > 0);
	free(blob);
	{
		struct strv problems = { 0 };

		CHECK(bundle_check(a, &problems, &e) == 0);
		CHECK(bundle_check(b, &problems, &e) == 0);
		for (size_t i = 0; i < problems.n; i++)
			fprintf(stderr, "check: %s\n", problems.v[i]);
		strv_free(&problems);
	}
out:
	bundle_close(a);
	bundle_close(b);
	free(pa);
	free(pb);
}

/* Copies whose ids differ (the issues imported in another order): an
 * edit lands on the same article, never on the one that has its id. */
static void test_changeset_other_ids(void)
{
	struct bundle *a = make_bundle("ids-a.qikan"), *c = make_bundle_order("ids-c.qikan", true);
	struct changes_export_info info;
	struct changes_report rep;
	struct edit_result r;
	struct qk_err e = { 0 };
	void *blob = NULL;
	size_t size = 0;

	/* In a, article 1 is issue 2023-2's; in c that one is article 3 and
	 * article 1 is issue 2023-3's (same title, same author). */
	CHECK(save1(a, ART_TALK, 0, EDIT_AUTHOR, "王东明（审定）", &r, &e) == 0);
	edit_result_free(&r);
	CHECK(bundle_changes_export(a, NULL, &blob, &size, &info, &e) == 0);
	CHECK(bundle_changes_apply(c, blob, size, "office-c", &rep, &e) == 0);
	CHECK(rep.applied == 1 && rep.missing == 0);
	changes_report_free(&rep);
	CHECK(field_is(c, 3, EDIT_AUTHOR, "王东明（审定）"));
	CHECK(field_is(c, 1, EDIT_AUTHOR, "王东明"));
	CHECK(log_count(c, 3) == 1 && log_count(c, 1) == 0);
	/* A bundle without that issue: the article is missing, and article
	 * 1 there (another issue's, same title and author) is left alone. */
	{
		char *pd = xasprintf("%s/ids-d.qikan", dir);
		struct bundle *d = bundle_open(pd, BUNDLE_CREATE, &e);

		free(pd);
		CHECK(d != NULL);
		if (d) {
			import_doc(d, SHA2, "2023年第3期");
			CHECK(bundle_changes_apply(d, blob, size, "office-d", &rep, &e) == 0);
			CHECK(rep.missing == 1 && rep.applied == 0);
			changes_report_free(&rep);
			CHECK(field_is(d, 1, EDIT_AUTHOR, "王东明"));
			CHECK(log_count(d, 0) == 0);
			bundle_close(d);
		}
	}
	free(blob);
	bundle_close(a);
	bundle_close(c);
}

/* Damaged changesets (flipped bytes, cut short, junk) are refused or
 * applied as far as they make sense, never crash or hang, and leave a
 * sound bundle. */
static void test_damaged_changesets(void)
{
	struct bundle *a = make_bundle("fuzz-a.qikan"), *b = make_bundle("fuzz-b.qikan");
	struct changes_export_info info;
	struct changes_report rep;
	struct edit_result r;
	struct qk_err e = { 0 };
	struct strv problems = { 0 };
	unsigned char *blob = NULL, *m;
	size_t size = 0;
	unsigned seed = 12345;
	int refused = 0, applied = 0;

	CHECK(save1(a, ART_TALK, 0, EDIT_TITLE, "标题一", &r, &e) == 0);
	edit_result_free(&r);
	CHECK(save1(a, ART_XINING, 0, EDIT_PAGE, "40", &r, &e) == 0);
	edit_result_free(&r);
	CHECK(bundle_changes_export(a, NULL, (void **)&blob, &size, &info, &e) == 0);
	CHECK(size > 0);
	m = xmalloc(size + 1);
	for (int i = 0; i < 3000 && size > 0; i++) {
		size_t n = size;

		memcpy(m, blob, size);
		seed = seed * 1103515245 + 12345;
		if (i % 3 == 0)
			n = (seed >> 8) % size; /* cut short */
		for (int k = 0; k <= i % 4; k++) {
			seed = seed * 1103515245 + 12345;
			m[(seed >> 8) % size] ^= (unsigned char)(1u << ((seed >> 4) % 8));
		}
		if (bundle_changes_apply(b, m, n, "fuzz", &rep, &e) == 0)
			applied++;
		else
			refused++;
		changes_report_free(&rep);
	}
	printf("damaged changesets: %d refused, %d applied\n", refused, applied);
	CHECK(refused > 0);
	CHECK(bundle_check(b, &problems, &e) == 0);
	for (size_t i = 0; i < problems.n; i++)
		fprintf(stderr, "check: %s\n", problems.v[i]);
	strv_free(&problems);
	free(m);
	free(blob);
	bundle_close(a);
	bundle_close(b);
}

static void cleanup(void)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
}

int main(void)
{
	struct bundle *b;
	int64_t id = 0;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	b = make_bundle("a.qikan");
	id = ART_TALK;
	CHECK(bundle_find_article(b, "3", &id, &(struct qk_err){ 0 }) == 0 && id == 3);
	id = ART_TALK;
	CHECK(edit_field_lookup("标题") == EDIT_TITLE && edit_field_lookup("start_page") == EDIT_PAGE);
	CHECK(edit_field_lookup("nonsense") == -1);
	test_save_and_log(b, id);
	test_invalid(b, id);
	test_stale(b, id);
	test_undo(b, id);
	bundle_close(b);
	test_nothing_to_undo();
	test_changesets();
	test_changeset_other_ids();
	test_damaged_changesets();
	cleanup();
	return test_done("test_edit");
}

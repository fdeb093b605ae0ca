/* SPDX-License-Identifier: MIT */
/* bundle_read.c — loading issues, tables of contents and articles into the
 * structs of model.h. */
#include "config.h"
#include "bundle_internal.h"
#include "out.h"

#include <stdlib.h>
#include <string.h>

int bundle_issues(struct bundle *b, struct model_issue **out, size_t *n, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT i.id, i.title, coalesce(nullif(p.name, ''), p.publisher, ''), "
					  "coalesce(i.year, 0), coalesce(i.number, 0), "
					  "(SELECT count(*) FROM article a WHERE a.issue_id = i.id) "
					  "FROM issue i JOIN publication p ON p.id = i.publication_id "
					  "ORDER BY i.year, i.number, i.id",
					  e);
	struct model_issue *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[len].id = sqlite3_column_int64(st, 0);
		v[len].title = bundle_col_str(st, 1);
		v[len].publication = bundle_col_str(st, 2);
		v[len].year = sqlite3_column_int(st, 3);
		v[len].number = sqlite3_column_int(st, 4);
		v[len].narticles = sqlite3_column_int(st, 5);
		len++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		model_issues_free(v, len);
		return bundle_fail(b, e, "cannot list issues");
	}
	*out = v;
	*n = len;
	return 0;
}

struct toc_builder {
	struct model_toc *t;
	size_t cap;
};

static struct model_toc_row *toc_push(struct toc_builder *tb, enum model_row_kind kind, int depth)
{
	struct model_toc_row *r;

	if (tb->t->n == tb->cap) {
		tb->cap = tb->cap ? tb->cap * 2 : 64;
		tb->t->rows = xrealloc(tb->t->rows, tb->cap * sizeof *tb->t->rows);
	}
	r = &tb->t->rows[tb->t->n++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->depth = depth;
	return r;
}

/* The rows come in reading order: one per article, with its section and
 * that section's parent.  Section headings are emitted when the section
 * path changes, so sub-sections nest under their parent. */
int bundle_toc(struct bundle *b, int64_t issue_id, struct model_toc *out, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT i.id, i.title, s.id, s.title, ps.id, ps.title, "
					  "a.id, a.title, a.author, coalesce(a.page, 0), a.in_toc, "
					  "EXISTS (SELECT 1 FROM import_warning w WHERE w.article_id = a.id AND "
					  BUNDLE_REVIEW_OPEN("w") ") "
					  "FROM issue i "
					  "LEFT JOIN article a ON a.issue_id = i.id "
					  "LEFT JOIN section s ON s.id = a.section_id "
					  "LEFT JOIN section ps ON ps.id = s.parent_id "
					  "WHERE ?1 = 0 OR i.id = ?1 "
					  "ORDER BY i.year, i.number, i.id, a.position",
					  e);
	struct toc_builder tb = { out, 0 };
	int64_t cur_issue = 0, cur_sec = -1, cur_parent = -1;
	int rc;

	out->rows = NULL;
	out->n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, issue_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t iid = sqlite3_column_int64(st, 0);
		int64_t sid = sqlite3_column_int64(st, 2);
		int64_t pid = sqlite3_column_int64(st, 4);
		struct model_toc_row *r;
		int depth;

		if (iid != cur_issue) {
			r = toc_push(&tb, ROW_ISSUE, 0);
			r->id = r->issue_id = iid;
			r->title = bundle_col_str(st, 1);
			cur_issue = iid;
			cur_sec = cur_parent = -1;
		}
		if (sqlite3_column_type(st, 6) == SQLITE_NULL)
			continue; /* an issue without articles */
		/* A parent heading is due unless it is already the current
		 * section (its own articles came first) or the current parent. */
		if (pid && pid != cur_parent && pid != cur_sec) {
			r = toc_push(&tb, ROW_SECTION, 1);
			r->id = r->section_id = pid;
			r->issue_id = iid;
			r->title = bundle_col_str(st, 5);
		}
		if (sid != cur_sec) {
			cur_parent = pid;
			cur_sec = sid;
			if (sid) {
				r = toc_push(&tb, ROW_SECTION, pid ? 2 : 1);
				r->id = r->section_id = sid;
				r->issue_id = iid;
				r->title = bundle_col_str(st, 3);
			}
		}
		depth = sid ? (pid ? 3 : 2) : 1;
		r = toc_push(&tb, ROW_ARTICLE, depth);
		r->id = sqlite3_column_int64(st, 6);
		r->issue_id = iid;
		r->section_id = sid;
		r->title = bundle_col_str(st, 7);
		r->author = bundle_col_str(st, 8);
		r->page = sqlite3_column_int(st, 9);
		r->in_toc = sqlite3_column_int(st, 10) != 0;
		r->review = sqlite3_column_int(st, 11) != 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		model_toc_free(out);
		return bundle_fail(b, e, "cannot read the table of contents");
	}
	return 0;
}

static int load_paragraphs(struct bundle *b, struct model_article *a, struct qk_err *e)
{
	return bundle_query_strs(b, "SELECT text FROM paragraph WHERE article_id = ? ORDER BY position", a->id,
				 &a->paras, &a->npara, e);
}

struct model_article *bundle_article(struct bundle *b, int64_t id, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT a.id, a.issue_id, coalesce(a.section_id, 0), i.title, "
					  "CASE WHEN ps.id IS NOT NULL THEN ps.title || ' > ' || s.title "
					  "ELSE coalesce(s.title, '') END, "
					  "a.title, a.subtitle, a.author, a.byline, a.source, a.dateline, "
					  "coalesce(a.page, 0), a.in_toc, a.version, a.kicker "
					  "FROM article a JOIN issue i ON i.id = a.issue_id "
					  "LEFT JOIN section s ON s.id = a.section_id "
					  "LEFT JOIN section ps ON ps.id = s.parent_id WHERE a.id = ?",
					  e);
	struct model_article *a;
	int rc;

	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			qk_err_set(e, "%s: no article %lld / 没有这篇文章", b->path, (long long)id);
		else
			bundle_fail(b, e, "cannot read the article");
		sqlite3_finalize(st);
		return NULL;
	}
	a = xcalloc(1, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	a->issue_id = sqlite3_column_int64(st, 1);
	a->section_id = sqlite3_column_int64(st, 2);
	a->issue_title = bundle_col_str(st, 3);
	a->section_title = bundle_col_str(st, 4);
	a->title = bundle_col_str(st, 5);
	a->subtitle = bundle_col_str(st, 6);
	a->author = bundle_col_str(st, 7);
	a->byline = bundle_col_str(st, 8);
	a->source = bundle_col_str(st, 9);
	a->dateline = bundle_col_str(st, 10);
	a->page = sqlite3_column_int(st, 11);
	a->in_toc = sqlite3_column_int(st, 12) != 0;
	a->version = sqlite3_column_int(st, 13);
	a->kicker = bundle_col_str(st, 14);
	sqlite3_finalize(st);
	if (load_paragraphs(b, a, e) || bundle_review_notes(b, a, e)) {
		model_article_free(a);
		return NULL;
	}
	return a;
}

int bundle_find_article(struct bundle *b, const char *spec, int64_t *id, struct qk_err *e)
{
	sqlite3_stmt *st;
	struct sb list = { 0 };
	int n = 0, rc;

	if (str_is_digits(spec)) {
		if (bundle_query_int(b, "SELECT id FROM article WHERE id = ?1", strtoll(spec, NULL, 10), id, e))
			return -1;
		if (*id)
			return 0;
		return qk_err_set(e, "%s: no article with id %s / 没有这篇文章", b->path, spec);
	}
	/* instr() rather than LIKE: titles are Chinese and may hold % or _. */
	st = bundle_prepare(b, "SELECT id, title FROM article WHERE instr(title, ?) > 0 ORDER BY issue_id, position", e);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == 0)
			*id = sqlite3_column_int64(st, 0);
		if (n < 5) {
			const char *t = (const char *)sqlite3_column_text(st, 1);

			/* One line per title, whatever the title holds. */
			sb_printf(&list, "\n  %lld  ", (long long)sqlite3_column_int64(st, 0));
			out_sanitize(&list, t ? t : "", t ? strlen(t) : 0, true);
		}
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		rc = bundle_fail(b, e, "cannot search titles");
	else if (n == 0)
		rc = qk_err_set(e, "%s: no article title contains '%s' / 找不到文章", b->path, spec);
	else if (n > 1)
		rc = qk_err_set(e, "%s: %d articles match '%s'; give an id / 匹配多篇文章:%s%s", b->path, n, spec,
				list.s, n > 5 ? "\n  ..." : "");
	else
		rc = 0;
	sb_free(&list);
	return rc;
}

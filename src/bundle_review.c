/* SPDX-License-Identifier: MIT */
/* bundle_review.c — the review queue: import warnings nobody has dealt
 * with yet (DESIGN.md §7).  An item is done once its field was edited
 * (BUNDLE_REVIEW_OPEN); nothing is ever deleted, so an undo brings the
 * item back. */
#include "config.h"
#include "bundle_internal.h"

#include <stdlib.h>
#include <string.h>

int bundle_review(struct bundle *b, int64_t issue_id, struct model_review **out, size_t *n, struct qk_err *e)
{
	/* The field's value now, by its edit name (section: its title). */
	sqlite3_stmt *st = bundle_prepare(
		b,
		"SELECT w.id, w.issue_id, coalesce(w.article_id, 0), i.title, a.title, w.kind, w.field, "
		"w.message, w.suggestion, coalesce(w.line, 0), "
		"CASE w.field WHEN 'title' THEN a.title WHEN 'subtitle' THEN a.subtitle "
		"WHEN 'author' THEN a.author WHEN 'byline' THEN a.byline WHEN 'source' THEN a.source "
		"WHEN 'dateline' THEN a.dateline WHEN 'page' THEN CAST(a.page AS TEXT) "
		"WHEN 'section' THEN (SELECT title FROM section WHERE id = a.section_id) END "
		"FROM import_warning w JOIN issue i ON i.id = w.issue_id "
		"LEFT JOIN article a ON a.id = w.article_id "
		"WHERE (?1 = 0 OR w.issue_id = ?1) AND " BUNDLE_REVIEW_OPEN("w") " "
		"ORDER BY i.year, i.number, i.id, a.position IS NOT NULL, a.position, w.line, w.id",
		e);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, issue_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct model_review *r;

		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		r = &(*out)[(*n)++];
		r->warning_id = sqlite3_column_int64(st, 0);
		r->issue_id = sqlite3_column_int64(st, 1);
		r->article_id = sqlite3_column_int64(st, 2);
		r->issue_title = bundle_col_str(st, 3);
		r->title = bundle_col_str(st, 4);
		r->kind = bundle_col_str(st, 5);
		r->field = bundle_col_str(st, 6);
		r->message = bundle_col_str(st, 7);
		r->suggestion = bundle_col_str(st, 8);
		r->line = sqlite3_column_int(st, 9);
		r->current = bundle_col_str(st, 10);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		model_reviews_free(*out, *n);
		*out = NULL;
		*n = 0;
		return bundle_fail(b, e, "cannot read the review queue");
	}
	return 0;
}

int bundle_review_notes(struct bundle *b, struct model_article *a, struct qk_err *e)
{
	return bundle_query_strs(b,
				 "SELECT w.message FROM import_warning w WHERE w.article_id = ? AND "
				 BUNDLE_REVIEW_OPEN("w") " ORDER BY w.line, w.id",
				 a->id, &a->notes, &a->nnotes, e);
}

/* SPDX-License-Identifier: MIT */
/* bundle_import.c — storing imported issues: one transaction a run of
 * imports (bundle_import_begin .. _end), whose derived data (figures,
 * terms, search index: bundle_derived.c) is written as it goes or once
 * at its end.  No SAVEPOINT per issue: each would make FTS5 write its
 * buffer out as a segment of its own. */
#include "config.h"
#include "bundle_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *warning_kind_name(enum doc_warning_kind k)
{
	switch (k) {
	case DOC_WARN_OCR: return "ocr";
	case DOC_WARN_UNMATCHED: return "unmatched";
	case DOC_WARN_ENCODING: return "encoding";
	case DOC_WARN_STRUCTURE: return "structure";
	case DOC_WARN_TITLE_DIFFERS: return "title";
	case DOC_WARN_BYLINE_GUESSED: return "byline";
	case DOC_WARN_LOW_CONFIDENCE: return "confidence";
	case DOC_WARN_NOTE: return "note";
	}
	return "other";
}

/* Binds text, or NULL for a NULL or empty string. */
static void bind_opt(sqlite3_stmt *st, int col, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, col);
}

static int step_done(struct bundle *b, sqlite3_stmt *st, struct qk_err *e, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, what);
}

/* An issue already in the bundle with the same text (by content, so a
 * re-encoded copy counts): refuse, or set it aside for replacement.  Its
 * content hash is cleared at once so the new row may take it; the old
 * rows go once their edits are carried over (bundle_reimport_carry). */
static int handle_duplicate(struct bundle *b, const struct doc *d, int replace, int64_t *old, struct qk_err *e)
{
	struct bundle_existing x;
	int rc = bundle_import_existing(b, d, replace != BUNDLE_REFUSE, &x, e);

	*old = 0;
	if (rc <= 0)
		return rc;
	if (replace == BUNDLE_REFUSE) {
		rc = qk_err_set(e,
				"%s: issue %d of this text is already in the bundle as issue %lld (%s, from %s, "
				"%s); use --replace to import it again or --skip-existing to skip it / 该期已导入",
				d->source_name ? d->source_name : "input", d->part > 0 ? d->part : 1,
				(long long)x.id, x.title, x.source_name, x.why);
	} else {
		char *sql = xasprintf("UPDATE issue SET content_sha256 = NULL WHERE id = %lld", (long long)x.id);

		*old = x.id;
		rc = bundle_exec(b, sql, e);
		free(sql);
	}
	bundle_existing_free(&x);
	return rc;
}

static int64_t publication_id(struct bundle *b, const struct doc_publication *p, struct qk_err *e)
{
	sqlite3_stmt *st;
	int64_t id = -1;

	st = bundle_prepare(b,
			    "INSERT INTO publication(name, publisher, permit, department, address, email, "
			    "phone, postcode, note) VALUES(?,?,?,?,?,?,?,?,?) "
			    "ON CONFLICT(name, publisher) DO UPDATE SET name = excluded.name RETURNING id",
			    e);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, p->name ? p->name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->publisher ? p->publisher : "", -1, SQLITE_STATIC);
	bind_opt(st, 3, p->permit);
	bind_opt(st, 4, p->department);
	bind_opt(st, 5, p->address);
	bind_opt(st, 6, p->email);
	bind_opt(st, 7, p->phone);
	bind_opt(st, 8, p->postcode);
	bind_opt(st, 9, p->note);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else
		bundle_fail(b, e, "cannot store the publication");
	sqlite3_finalize(st);
	return id;
}

static int64_t insert_issue(struct bundle *b, const struct doc *d, int64_t pub, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "INSERT INTO issue(publication_id, title, year, number, source_name, "
					  "source_sha256, encoding, source_part, content_sha256) "
					  "VALUES(?,?,?,?,?,?,?,?,?)",
					  e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, pub);
	sqlite3_bind_text(st, 2, d->title && *d->title ? d->title : "(untitled)", -1, SQLITE_STATIC);
	if (d->year)
		sqlite3_bind_int(st, 3, d->year);
	if (d->number)
		sqlite3_bind_int(st, 4, d->number);
	sqlite3_bind_text(st, 5, d->source_name ? d->source_name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, d->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, d->encoding ? d->encoding : "UTF-8", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, d->part > 0 ? d->part : 1);
	bind_opt(st, 9, d->content_sha256);
	if (step_done(b, st, e, "cannot store the issue")) {
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return sqlite3_last_insert_rowid(b->db);
}

static int insert_masthead(struct bundle *b, const struct doc *d, int64_t issue, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, "INSERT INTO masthead(issue_id, position, role, names) VALUES(?,?,?,?)", e);
	int rc = st ? 0 : -1;

	for (size_t i = 0; !rc && i < d->nmasthead; i++) {
		sqlite3_bind_int64(st, 1, issue);
		sqlite3_bind_int(st, 2, (int)i);
		sqlite3_bind_text(st, 3, d->masthead[i].role, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, d->masthead[i].names, -1, SQLITE_STATIC);
		rc = step_done(b, st, e, "cannot store the masthead");
	}
	sqlite3_finalize(st);
	return rc;
}

/* Stores sections; ids[i] gets the row id of d->sections[i]. */
static int insert_sections(struct bundle *b, const struct doc *d, int64_t issue, int64_t *ids, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, "INSERT INTO section(issue_id, parent_id, position, title) VALUES(?,?,?,?)", e);
	int rc = st ? 0 : -1;

	for (size_t i = 0; !rc && i < d->nsections; i++) {
		int parent = d->sections[i].parent;

		sqlite3_bind_int64(st, 1, issue);
		if (parent >= 0 && (size_t)parent < i)
			sqlite3_bind_int64(st, 2, ids[parent]);
		sqlite3_bind_int(st, 3, (int)i);
		sqlite3_bind_text(st, 4, d->sections[i].title, -1, SQLITE_STATIC);
		rc = step_done(b, st, e, "cannot store a section");
		ids[i] = sqlite3_last_insert_rowid(b->db);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Stores articles and their paragraphs; ids[i] gets the row id of
 * d->articles[i] (the warnings point at them). */
static int insert_articles(struct bundle *b, const struct doc *d, int64_t issue, const int64_t *sections,
			   int64_t *ids, struct qk_err *e)
{
	sqlite3_stmt *art = bundle_prepare(b,
					   "INSERT INTO article(issue_id, section_id, position, title, subtitle, "
					   "author, byline, source, dateline, page, in_toc, source_line, kicker, "
					   "toc_title, line_end) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
					   e);
	sqlite3_stmt *par = bundle_prepare(b, "INSERT INTO paragraph(article_id, position, text) VALUES(?,?,?)", e);
	int rc = art && par ? 0 : -1;

	for (size_t i = 0; !rc && i < d->narticles; i++) {
		const struct doc_article *a = &d->articles[i];
		int64_t id;

		sqlite3_bind_int64(art, 1, issue);
		if (a->section >= 0 && (size_t)a->section < d->nsections)
			sqlite3_bind_int64(art, 2, sections[a->section]);
		sqlite3_bind_int(art, 3, (int)i);
		sqlite3_bind_text(art, 4, a->title && *a->title ? a->title : "(无题)", -1, SQLITE_STATIC);
		bind_opt(art, 5, a->subtitle);
		bind_opt(art, 6, a->author);
		bind_opt(art, 7, a->byline);
		bind_opt(art, 8, a->source);
		bind_opt(art, 9, a->dateline);
		if (a->page > 0)
			sqlite3_bind_int(art, 10, a->page);
		sqlite3_bind_int(art, 11, a->in_toc);
		sqlite3_bind_int(art, 12, a->line);
		bind_opt(art, 13, a->kicker);
		bind_opt(art, 14, a->toc_title);
		if (a->line_end > 0)
			sqlite3_bind_int(art, 15, a->line_end);
		rc = step_done(b, art, e, "cannot store an article");
		id = ids[i] = sqlite3_last_insert_rowid(b->db);
		for (size_t k = 0; !rc && k < a->npara; k++) {
			sqlite3_bind_int64(par, 1, id);
			sqlite3_bind_int(par, 2, (int)k);
			sqlite3_bind_text(par, 3, a->paras[k].text, -1, SQLITE_STATIC);
			rc = step_done(b, par, e, "cannot store a paragraph");
		}
	}
	sqlite3_finalize(art);
	sqlite3_finalize(par);
	return rc;
}

/* Warnings about one article point at its row (the review queue reads
 * them per article); the others belong to the issue. */
static int insert_warnings(struct bundle *b, const struct doc *d, int64_t issue, const int64_t *articles,
			   struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "INSERT INTO import_warning(issue_id, line, kind, message, article_id, "
					  "field, suggestion) VALUES(?,?,?,?,?,?,?)",
					  e);
	int rc = st ? 0 : -1;

	for (size_t i = 0; !rc && i < d->nwarnings; i++) {
		const struct doc_warning *w = &d->warnings[i];

		sqlite3_bind_int64(st, 1, issue);
		if (w->line > 0)
			sqlite3_bind_int(st, 2, w->line);
		sqlite3_bind_text(st, 3, warning_kind_name(w->kind), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, w->msg, -1, SQLITE_STATIC);
		if (w->article >= 0 && (size_t)w->article < d->narticles)
			sqlite3_bind_int64(st, 5, articles[w->article]);
		bind_opt(st, 6, w->field);
		/* a suggestion may be an empty value on purpose (clear the field) */
		if (w->suggestion)
			sqlite3_bind_text(st, 7, w->suggestion, -1, SQLITE_STATIC);
		rc = step_done(b, st, e, "cannot store a warning");
	}
	sqlite3_finalize(st);
	return rc;
}

int bundle_import_begin(struct bundle *b, struct qk_err *e)
{
	if (b->in_run)
		return qk_err_set(e, "%s: an import is already under way", b->path);
	if (bundle_begin(b, e))
		return -1;
	bundle_derived_run_begin(b);
	b->in_run = true;
	return 0;
}

int bundle_import_end(struct bundle *b, struct qk_err *e)
{
	int rc = bundle_derived_run_end(b, e);

	b->in_run = false;
	bundle_derived_run_free(b);
	if (rc) {
		bundle_rollback(b);
		return -1;
	}
	return bundle_commit(b, e);
}

void bundle_import_abort(struct bundle *b)
{
	if (!b->in_run)
		return;
	b->in_run = false;
	bundle_derived_run_free(b);
	bundle_rollback(b);
}

int bundle_import(struct bundle *b, const struct doc *d, int replace, int64_t *issue_id, struct qk_err *e)
{
	int64_t *sections = xcalloc(d->nsections + 1, sizeof *sections);
	int64_t *articles = xcalloc(d->narticles + 1, sizeof *articles);
	int64_t pub, issue = -1, old = 0;
	bool own = !b->in_run; /* a run of its own, else the caller's run aborts on error */

	if (own && bundle_import_begin(b, e)) {
		free(sections);
		free(articles);
		return -1;
	}
	/* A replaced issue leaves the index and the term counts while its
	 * rows are intact; the new articles' figures and authors are taken
	 * after the old edits were carried over to them. */
	if (handle_duplicate(b, d, replace, &old, e) || (pub = publication_id(b, &d->pub, e)) < 0 ||
	    (issue = insert_issue(b, d, pub, e)) < 0 || insert_masthead(b, d, issue, e) ||
	    insert_sections(b, d, issue, sections, e) || insert_articles(b, d, issue, sections, articles, e) ||
	    insert_warnings(b, d, issue, articles, e) || (old && bundle_derived_forget_issue(b, old, e)) ||
	    (old && bundle_reimport_carry(b, d->source_name ? d->source_name : "input", old, issue,
					  replace == BUNDLE_REPLACE_DISCARD, e)) ||
	    bundle_derived_issue(b, d, issue, e)) {
		if (own)
			bundle_import_abort(b);
		free(sections);
		free(articles);
		return -1;
	}
	free(sections);
	free(articles);
	if (own && bundle_import_end(b, e))
		return -1;
	if (issue_id)
		*issue_id = issue;
	return 0;
}

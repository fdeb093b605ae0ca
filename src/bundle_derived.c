/* SPDX-License-Identifier: MIT */
/* bundle_derived.c — what a bundle keeps derived from its rows, in the
 * same transactions as the rows change (schema 3, bundle_schema.c):
 * each article's text figures (article_stats) and normalised authors
 * (article_author), the bundle's term counts (term_count: bigrams, Latin
 * words, and each issue's Han words, stats_words.h), and through
 * bundle_search.c the search index.  Whole-bundle statistics are then a
 * sum of kept figures instead of a pass over every paragraph.
 *
 * Who changes what: an import stores its articles' figures and authors
 * as it goes and adds their terms to the run's counter (written once at
 * the end of the run, like the search index); a replaced issue takes its
 * terms and index rows out before it is deleted (its other rows go by
 * cascade); an edit (set, undo, changes apply) changes only metadata, so
 * only the article's authors and index row follow it.  `qikan check`
 * counts everything again and compares (bundle_derived_check). */
#include "config.h"
#include "bundle_internal.h"
#include "stats.h"

#include <stdlib.h>
#include <string.h>

/* A run's term counter is written out when it holds this many terms, so
 * memory stays flat however much is imported (a thousand copies of the
 * sample hold 12,000; varied text adds a few thousand an issue). */
#define TERMS_FLUSH 200000

/* The figures of one article, made from its fields and paragraphs. */
struct derived {
	struct stats_chars chars;
	int paragraphs;
	struct strv names;
};

static void derived_begin(struct derived *d, const char *author, const char *byline, const char *source)
{
	memset(d, 0, sizeof *d);
	stats_article_authors(author, byline, source, &d->names);
}

static void derived_para(struct derived *d, struct stats_terms *t, const char *text, size_t len)
{
	stats_count_chars(text, len, &d->chars);
	d->paragraphs++;
	if (t)
		stats_terms_add(t, text, len);
}

static int step_reset(struct bundle *b, sqlite3_stmt *st, struct qk_err *e)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot store the statistics");
}

static int store_authors(struct bundle *b, int64_t id, const struct strv *names, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, "INSERT OR IGNORE INTO article_author(article_id, name) VALUES(?, ?)", e);
	int rc = st ? 0 : -1;

	for (size_t i = 0; !rc && i < names->n; i++) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, names->v[i], -1, SQLITE_STATIC);
		rc = step_reset(b, st, e);
	}
	sqlite3_finalize(st);
	return rc;
}

static int store_derived(struct bundle *b, int64_t id, const struct derived *d, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "INSERT INTO article_stats(article_id, paragraphs, han, latin, digit, punct, other) "
					  "VALUES(?,?,?,?,?,?,?)",
					  e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, d->paragraphs);
	sqlite3_bind_int64(st, 3, (int64_t)d->chars.han);
	sqlite3_bind_int64(st, 4, (int64_t)d->chars.latin);
	sqlite3_bind_int64(st, 5, (int64_t)d->chars.digit);
	sqlite3_bind_int64(st, 6, (int64_t)d->chars.punct);
	sqlite3_bind_int64(st, 7, (int64_t)d->chars.other);
	rc = step_reset(b, st, e);
	sqlite3_finalize(st);
	return rc ? -1 : store_authors(b, id, &d->names, e);
}

/* ---- term counts ---- */

struct term_writer {
	struct bundle *b;
	sqlite3_stmt *add, *sub, *del;
	int sign;
	struct qk_err *e;
};

static int write_term(void *ctx, const char *term, size_t len, uint64_t n)
{
	struct term_writer *w = ctx;

	if (w->sign > 0) {
		sqlite3_bind_text(w->add, 1, term, (int)len, SQLITE_STATIC);
		sqlite3_bind_int64(w->add, 2, (int64_t)n);
		return step_reset(w->b, w->add, w->e);
	}
	/* delete what goes to zero first: after the UPDATE, a count left
	 * equal to or below n would be taken for one going to zero */
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st = i ? w->sub : w->del;

		sqlite3_bind_text(st, 1, term, (int)len, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (int64_t)n);
		if (step_reset(w->b, st, w->e))
			return -1;
	}
	return 0;
}

/* Adds (sign > 0) or takes away the counts of t in term_count, and
 * empties t. */
static int terms_write(struct bundle *b, struct stats_terms *t, int sign, struct qk_err *e)
{
	struct term_writer w = { b, NULL, NULL, NULL, sign, e };
	int rc = -1;

	w.add = bundle_prepare(b,
			       "INSERT INTO term_count(term, n) VALUES(?1, ?2) "
			       "ON CONFLICT(term) DO UPDATE SET n = n + excluded.n",
			       e);
	w.sub = w.add ? bundle_prepare(b, "UPDATE term_count SET n = n - ?2 WHERE term = ?1 AND n > ?2", e) : NULL;
	w.del = w.sub ? bundle_prepare(b, "DELETE FROM term_count WHERE term = ?1 AND n <= ?2", e) : NULL;
	if (w.del)
		rc = stats_terms_each(t, write_term, &w);
	sqlite3_finalize(w.add);
	sqlite3_finalize(w.sub);
	sqlite3_finalize(w.del);
	stats_terms_clear(t);
	return rc;
}

/* ---- reading articles back from the rows ---- */

typedef int article_fn(struct bundle *b, int64_t id, const struct derived *d, void *ctx, struct qk_err *e);

/* Calls fn for every article `where` selects (?1 bound to arg), issue by
 * issue in id order, with its figures made from its rows; terms go to t
 * when not NULL, an issue at a time (its words are the issue's), and are
 * added to term_count between issues when they grow big, if flush is set.
 * One pass over the articles and one over their paragraphs. */
static int each_article(struct bundle *b, const char *where, int64_t arg, struct stats_terms *t, bool flush,
			article_fn *fn, void *ctx, struct qk_err *e)
{
	char *sql = xasprintf("SELECT id, author, byline, source, issue_id FROM article WHERE %s "
			      "ORDER BY issue_id, id",
			      where);
	int64_t issue = 0;
	sqlite3_stmt *art = bundle_prepare(b, sql, e);
	sqlite3_stmt *par = art ? bundle_prepare(b, "SELECT text FROM paragraph WHERE article_id = ? ORDER BY position", e)
				: NULL;
	int rc = -1, step;

	free(sql);
	if (!par)
		goto out;
	sqlite3_bind_int64(art, 1, arg);
	while ((step = sqlite3_step(art)) == SQLITE_ROW) {
		struct derived d;
		int64_t id = sqlite3_column_int64(art, 0);
		int pstep, r;

		if (t && issue && sqlite3_column_int64(art, 4) != issue) {
			stats_terms_end_issue(t);
			if (flush && stats_terms_size(t) > TERMS_FLUSH && terms_write(b, t, 1, e))
				goto out;
		}
		issue = sqlite3_column_int64(art, 4);
		derived_begin(&d, (const char *)sqlite3_column_text(art, 1), (const char *)sqlite3_column_text(art, 2),
			      (const char *)sqlite3_column_text(art, 3));
		sqlite3_bind_int64(par, 1, id);
		while ((pstep = sqlite3_step(par)) == SQLITE_ROW) {
			const char *text = (const char *)sqlite3_column_text(par, 0);

			derived_para(&d, t, text, (size_t)sqlite3_column_bytes(par, 0));
		}
		sqlite3_reset(par);
		r = pstep == SQLITE_DONE ? fn(b, id, &d, ctx, e) : bundle_fail(b, e, "cannot read paragraphs");
		strv_free(&d.names);
		if (r)
			goto out;
	}
	if (t)
		stats_terms_end_issue(t);
	rc = step == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read articles");
out:
	sqlite3_finalize(art);
	sqlite3_finalize(par);
	return rc;
}

static int no_fn(struct bundle *b, int64_t id, const struct derived *d, void *ctx, struct qk_err *e)
{
	(void)b, (void)id, (void)d, (void)ctx, (void)e;
	return 0;
}

static int store_fn(struct bundle *b, int64_t id, const struct derived *d, void *ctx, struct qk_err *e)
{
	(void)ctx;
	return store_derived(b, id, d, e);
}

int bundle_derived_build(struct bundle *b, struct qk_err *e)
{
	struct stats_terms *t = stats_terms_new();
	int rc;

	rc = bundle_exec(b, "DELETE FROM article_stats; DELETE FROM article_author; DELETE FROM term_count", e);
	if (!rc)
		rc = each_article(b, "?1 = ?1", 0, t, true, store_fn, NULL, e);
	if (!rc)
		rc = terms_write(b, t, 1, e);
	stats_terms_free(t);
	return rc ? -1 : bundle_search_build(b, e);
}

/* ---- import runs ---- */

int bundle_derived_run_begin(struct bundle *b)
{
	b->run_terms = stats_terms_new();
	b->run_first_article = 0;
	return 0;
}

void bundle_derived_run_free(struct bundle *b)
{
	stats_terms_free(b->run_terms);
	b->run_terms = NULL;
	b->run_first_article = 0;
}

int bundle_derived_issue(struct bundle *b, const struct doc *d, int64_t issue_id, struct qk_err *e)
{
	/* Fields from the rows (a replaced issue's edits may be on them now),
	 * paragraphs from d (the same text, already in memory). */
	sqlite3_stmt *ids = bundle_prepare(b,
					   "SELECT id, author, byline, source FROM article WHERE issue_id = ? "
					   "ORDER BY position",
					   e);
	int rc = ids ? 0 : -1;

	if (ids)
		sqlite3_bind_int64(ids, 1, issue_id);
	for (size_t i = 0; !rc && i < d->narticles; i++) {
		const struct doc_article *a = &d->articles[i];
		struct derived x;
		int64_t id;

		if (sqlite3_step(ids) != SQLITE_ROW) {
			rc = bundle_fail(b, e, "cannot read back the articles");
			break;
		}
		id = sqlite3_column_int64(ids, 0);
		if (!b->run_first_article || id < b->run_first_article)
			b->run_first_article = id;
		derived_begin(&x, (const char *)sqlite3_column_text(ids, 1), (const char *)sqlite3_column_text(ids, 2),
			      (const char *)sqlite3_column_text(ids, 3));
		for (size_t k = 0; k < a->npara; k++)
			derived_para(&x, b->run_terms, a->paras[k].text, strlen(a->paras[k].text));
		rc = store_derived(b, id, &x, e);
		strv_free(&x.names);
	}
	sqlite3_finalize(ids);
	stats_terms_end_issue(b->run_terms); /* the issue's words are its own */
	if (!rc)
		rc = bundle_stats_kept_update(b, issue_id, e);
	if (!rc && stats_terms_size(b->run_terms) > TERMS_FLUSH)
		rc = terms_write(b, b->run_terms, 1, e);
	return rc;
}

int bundle_derived_run_end(struct bundle *b, struct qk_err *e)
{
	if (terms_write(b, b->run_terms, 1, e))
		return -1;
	/* Every article the run added, indexed in one statement: FTS5 then
	 * writes its segments only when its buffer is full. */
	return b->run_first_article ? bundle_search_index_from(b, b->run_first_article, e) : 0;
}

int bundle_derived_forget_issue(struct bundle *b, int64_t issue_id, struct qk_err *e)
{
	struct stats_terms *t = stats_terms_new();
	int rc;

	/* Before the rows go: both read them to know what to take away.  The
	 * run's own counts go to term_count first: the issue may be one this
	 * run imported. */
	rc = b->run_terms ? terms_write(b, b->run_terms, 1, e) : 0;
	if (!rc)
		rc = bundle_search_forget_issue(b, issue_id, e);
	if (!rc)
		rc = each_article(b, "issue_id = ?1", issue_id, t, false, no_fn, NULL, e);
	if (!rc)
		rc = terms_write(b, t, -1, e);
	stats_terms_free(t);
	return rc;
}

/* ---- edits ---- */

int bundle_article_before_change(struct bundle *b, int64_t article_id, struct qk_err *e)
{
	return bundle_search_forget_article(b, article_id, e);
}

int bundle_article_after_change(struct bundle *b, int64_t article_id, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, "SELECT author, byline, source, issue_id FROM article WHERE id = ?", e);
	struct strv names = { 0 };
	int64_t issue_id = 0;
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, article_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		stats_article_authors((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
				      (const char *)sqlite3_column_text(st, 2), &names);
		issue_id = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return bundle_fail(b, e, "cannot read the article");
	rc = bundle_query_int(b, "DELETE FROM article_author WHERE article_id = ?1", article_id, &(int64_t){ 0 }, e);
	if (!rc)
		rc = store_authors(b, article_id, &names, e);
	strv_free(&names);
	/* its issue's kept figures: its section, page or authors may differ */
	if (!rc && issue_id)
		rc = bundle_stats_kept_update(b, issue_id, e);
	return rc ? -1 : bundle_search_reindex_article(b, article_id, e);
}

/* ---- checking ---- */

struct check_ctx {
	sqlite3_stmt *figures, *nnames, *name;
	int64_t bad_figures, bad_authors, first_figures, first_authors;
};

static int check_fn(struct bundle *b, int64_t id, const struct derived *d, void *ctx, struct qk_err *e)
{
	struct check_ctx *c = ctx;
	bool same = false;
	int64_t n = 0;
	int rc;

	sqlite3_bind_int64(c->figures, 1, id);
	rc = sqlite3_step(c->figures);
	if (rc == SQLITE_ROW)
		same = sqlite3_column_int(c->figures, 0) == d->paragraphs &&
		       (uint64_t)sqlite3_column_int64(c->figures, 1) == d->chars.han &&
		       (uint64_t)sqlite3_column_int64(c->figures, 2) == d->chars.latin &&
		       (uint64_t)sqlite3_column_int64(c->figures, 3) == d->chars.digit &&
		       (uint64_t)sqlite3_column_int64(c->figures, 4) == d->chars.punct &&
		       (uint64_t)sqlite3_column_int64(c->figures, 5) == d->chars.other;
	sqlite3_reset(c->figures);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return bundle_fail(b, e, "cannot read the statistics");
	if (!same && !c->bad_figures++)
		c->first_figures = id;

	sqlite3_bind_int64(c->nnames, 1, id);
	rc = sqlite3_step(c->nnames);
	n = sqlite3_column_int64(c->nnames, 0);
	sqlite3_reset(c->nnames);
	if (rc != SQLITE_ROW)
		return bundle_fail(b, e, "cannot read the statistics");
	same = n == (int64_t)d->names.n;
	for (size_t i = 0; same && i < d->names.n; i++) {
		sqlite3_bind_int64(c->name, 1, id);
		sqlite3_bind_text(c->name, 2, d->names.v[i], -1, SQLITE_STATIC);
		same = sqlite3_step(c->name) == SQLITE_ROW;
		sqlite3_reset(c->name);
	}
	if (!same && !c->bad_authors++)
		c->first_authors = id;
	return 0;
}

/* The term counts again, into a temporary table compared with the kept
 * one in SQL. */
static int check_terms(struct bundle *b, struct stats_terms *t, struct strv *problems, struct qk_err *e)
{
	struct term_writer w = { b, NULL, NULL, NULL, 1, e };
	int64_t missing = 0, extra = 0;
	int rc = -1;

	if (bundle_exec(b,
			"CREATE TEMP TABLE term_recount(term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID",
			e))
		return -1;
	w.add = bundle_prepare(b, "INSERT INTO temp.term_recount(term, n) VALUES(?1, ?2)", e);
	if (w.add && !stats_terms_each(t, write_term, &w) &&
	    !bundle_query_int(b,
			      "SELECT count(*) FROM (SELECT term, n FROM temp.term_recount WHERE ?1 = ?1 "
			      "EXCEPT SELECT term, n FROM main.term_count)",
			      0, &missing, e) &&
	    !bundle_query_int(b,
			      "SELECT count(*) FROM (SELECT term, n FROM main.term_count WHERE ?1 = ?1 "
			      "EXCEPT SELECT term, n FROM temp.term_recount)",
			      0, &extra, e))
		rc = 0;
	sqlite3_finalize(w.add);
	bundle_exec(b, "DROP TABLE temp.term_recount", NULL);
	if (rc)
		return -1;
	if (missing || extra)
		strv_push(problems, xasprintf("statistics: the kept term counts differ from the text "
					      "(%lld counted, not kept; %lld kept, not counted)",
					      (long long)missing, (long long)extra));
	return 0;
}

int bundle_derived_check(struct bundle *b, struct strv *problems, struct qk_err *e)
{
	struct check_ctx c = { 0 };
	struct stats_terms *t = stats_terms_new();
	int rc = -1;

	c.figures = bundle_prepare(b, "SELECT paragraphs, han, latin, digit, punct, other FROM article_stats "
				      "WHERE article_id = ?", e);
	c.nnames = c.figures ? bundle_prepare(b, "SELECT count(*) FROM article_author WHERE article_id = ?", e) : NULL;
	c.name = c.nnames ? bundle_prepare(b, "SELECT 1 FROM article_author WHERE article_id = ? AND name = ?", e)
			  : NULL;
	if (c.name && !each_article(b, "?1 = ?1", 0, t, false, check_fn, &c, e) &&
	    !check_terms(b, t, problems, e) && !bundle_stats_kept_check(b, problems, e))
		rc = 0;
	sqlite3_finalize(c.figures);
	sqlite3_finalize(c.nnames);
	sqlite3_finalize(c.name);
	stats_terms_free(t);
	if (c.bad_figures)
		strv_push(problems, xasprintf("statistics: the kept figures of %lld articles differ from their text "
					      "(first: article %lld)",
					      (long long)c.bad_figures, (long long)c.first_figures));
	if (c.bad_authors)
		strv_push(problems, xasprintf("statistics: the kept authors of %lld articles differ from their fields "
					      "(first: article %lld)",
					      (long long)c.bad_authors, (long long)c.first_authors));
	return rc;
}

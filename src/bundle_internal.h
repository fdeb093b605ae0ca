/* SPDX-License-Identifier: MIT */
/* bundle_internal.h — what the bundle*.c files share.  Only bundle*.c may
 * include this: it is the one place that knows SQLite. */
#ifndef QIKAN_BUNDLE_INTERNAL_H
#define QIKAN_BUNDLE_INTERNAL_H

#include <sqlite3.h>

#include "bundle.h"

struct stats_terms;

struct bundle {
	sqlite3 *db;
	char *path;
	bool readonly;
	int savepoints; /* nesting depth of bundle_begin() */
	bool created;   /* the file did not exist: bundle_open may give it a schema */
	bool foreign;   /* an intact SQLite file that is not a bundle we can read */
	/* an import run (bundle_import_begin .. _end) */
	bool in_run;
	struct stats_terms *run_terms; /* terms of the articles it added */
	int64_t run_first_article;     /* the least id it gave an article, 0 before */
	/* a new bundle built in a file without a name until it is published
	 * (bundle_create_new), -1 otherwise */
	int new_fd;
};

/* Prepares sql, reporting failure in e.  Returns NULL on error. */
sqlite3_stmt *bundle_prepare(struct bundle *b, const char *sql, struct qk_err *e);
/* Runs SQL with no result rows; returns 0 or -1 with e set. */
int bundle_exec(struct bundle *b, const char *sql, struct qk_err *e);
/* Reports the db's current error in e, prefixed by what was being done. */
int bundle_fail(struct bundle *b, struct qk_err *e, const char *what);

/* Runs sql with ?1 bound to arg; *out gets the first column of its one
 * row, 0 when there is no row (or it is NULL).  Returns 0 or -1 with e. */
int bundle_query_int(struct bundle *b, const char *sql, int64_t arg, int64_t *out, struct qk_err *e);
/* Runs sql with ?1 bound to arg and appends the first column of every
 * row to *v (a growing array of *n strings the caller frees). */
int bundle_query_strs(struct bundle *b, const char *sql, int64_t arg, char ***v, size_t *n, struct qk_err *e);
/* Column text as a new string (NULL stays NULL). */
char *bundle_col_str(sqlite3_stmt *st, int col);

/* Full-text search hooks (bundle_search.c): register the tokenizer on a new
 * connection, create the index in a new bundle.  The index reads articles
 * from the view article_text: an article is forgotten while its rows are
 * still as indexed, and (re)indexed once they are as they will stay. */
int bundle_search_register(sqlite3 *db, struct qk_err *e);
int bundle_search_create(struct bundle *b, struct qk_err *e);
int bundle_search_forget_article(struct bundle *b, int64_t article_id, struct qk_err *e);
int bundle_search_forget_issue(struct bundle *b, int64_t issue_id, struct qk_err *e);
/* Indexes the article if it is not in the index. */
int bundle_search_reindex_article(struct bundle *b, int64_t article_id, struct qk_err *e);
/* Indexes every article with an id >= first_id that is not in the index
 * (what an import run added), in one statement. */
int bundle_search_index_from(struct bundle *b, int64_t first_id, struct qk_err *e);
/* Drops and builds the whole index from article_text, in the caller's
 * transaction. */
int bundle_search_build(struct bundle *b, struct qk_err *e);
/* Derived data (bundle_derived.c): see there.  A metadata edit calls
 * bundle_article_before_change before it changes the article's rows and
 * bundle_article_after_change after, in the same transaction. */
int bundle_article_before_change(struct bundle *b, int64_t article_id, struct qk_err *e);
int bundle_article_after_change(struct bundle *b, int64_t article_id, struct qk_err *e);
/* Import runs: figures and authors of an issue just inserted from d (its
 * articles in d's order), terms counted for the end of the run. */
int bundle_derived_run_begin(struct bundle *b);
int bundle_derived_issue(struct bundle *b, const struct doc *d, int64_t issue_id, struct qk_err *e);
int bundle_derived_run_end(struct bundle *b, struct qk_err *e);
void bundle_derived_run_free(struct bundle *b);
/* Before an issue is deleted: its terms and index rows taken away. */
int bundle_derived_forget_issue(struct bundle *b, int64_t issue_id, struct qk_err *e);
/* Everything derived made anew from the rows (upgrades), or checked. */
int bundle_derived_build(struct bundle *b, struct qk_err *e);
int bundle_derived_check(struct bundle *b, struct strv *problems, struct qk_err *e);
/* The statistics kept per issue (bundle_stats_kept.c): made again for one
 * issue (after any change to its articles), for every issue (a migration),
 * and compared with what its articles give now (check). */
int bundle_stats_kept_update(struct bundle *b, int64_t issue_id, struct qk_err *e);
int bundle_stats_kept_build(struct bundle *b, struct qk_err *e);
int bundle_stats_kept_check(struct bundle *b, struct strv *problems, struct qk_err *e);

/* Appends what is wrong with the search index to problems (bundle_check). */
int bundle_search_check(struct bundle *b, struct strv *problems, struct qk_err *e);
/* True for the index's tables (article_search and its FTS5 shadow
 * tables), which a session/changeset must not track. */
bool bundle_search_is_index_table(const char *name);

/* SQL condition: import warning `w` is still waiting for review.  Notes
 * (kind 'note', information only) never are; the others are done once
 * their field was edited: the latest edit_log row of that article and
 * field exists and is not an undo.  Warnings that name no field stay
 * (OCR debris cleaned, ...). */
#define BUNDLE_REVIEW_OPEN(w)                                                                      \
	"(" w ".kind <> 'note' AND "                                                               \
	"(" w ".field IS NULL OR NOT EXISTS (SELECT 1 FROM edit_log rl WHERE rl.id = "             \
	"(SELECT max(rl2.id) FROM edit_log rl2 WHERE rl2.article_id = " w ".article_id AND "       \
	"rl2.field = " w ".field) AND rl.undoes IS NULL)))"

/* Fills a->notes with the article's open review items (bundle_review.c). */
int bundle_review_notes(struct bundle *b, struct model_article *a, struct qk_err *e);

/* --replace: moves the edits of old issue `old`'s articles to the matching
 * articles of the new issue, then deletes the old issue (bundle_reimport.c).
 * Refuses naming the articles whose edits would be lost unless discard. */
int bundle_reimport_carry(struct bundle *b, const char *path, int64_t old, int64_t issue, bool discard,
			  struct qk_err *e);

#endif

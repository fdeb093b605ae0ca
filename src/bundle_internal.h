/* SPDX-License-Identifier: MIT */
/* bundle_internal.h — what the bundle*.c files share.  Only bundle*.c may
 * include this: it is the one place that knows SQLite. */
#ifndef QIKAN_BUNDLE_INTERNAL_H
#define QIKAN_BUNDLE_INTERNAL_H

#include <sqlite3.h>

#include "bundle.h"

struct bundle {
	sqlite3 *db;
	char *path;
	bool readonly;
	int savepoints; /* nesting depth of bundle_begin() */
	bool created;   /* the file did not exist: bundle_open may give it a schema */
	bool foreign;   /* an intact SQLite file that is not a bundle we can read */
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
/* Column text as a new string (NULL stays NULL). */
char *bundle_col_str(sqlite3_stmt *st, int col);

/* Full-text search hooks (bundle_search.c): register the tokenizer on a new
 * connection, create the index in a new bundle, index an issue's articles. */
int bundle_search_register(sqlite3 *db, struct qk_err *e);
int bundle_search_create(struct bundle *b, struct qk_err *e);
int bundle_search_index_issue(struct bundle *b, int64_t issue_id, struct qk_err *e);
/* Re-indexes one article from its current rows (title, subtitle, author,
 * paragraphs), or drops it from the index when it is gone.  Call inside
 * the transaction of a metadata edit or after applying a changeset: the
 * index is not updated by triggers and is not in changesets. */
int bundle_search_reindex_article(struct bundle *b, int64_t article_id, struct qk_err *e);
/* Appends what is wrong with the search index to problems (bundle_check). */
int bundle_search_check(struct bundle *b, struct strv *problems, struct qk_err *e);
/* True for the index's tables (article_search and its FTS5 shadow
 * tables), which a session/changeset must not track. */
bool bundle_search_is_index_table(const char *name);

#endif

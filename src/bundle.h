/* SPDX-License-Identifier: MIT */
/* bundle.h — the qikan bundle: one SQLite file holding many issues.
 * bundle*.c are the only files that run SQL.  Every write is one
 * transaction: on any error the file is left exactly as it was. */
#ifndef QIKAN_BUNDLE_H
#define QIKAN_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "model.h"
#include "util.h"

#define BUNDLE_APP_ID 0x71696B61 /* "qika" */
#define BUNDLE_SCHEMA_VERSION 4

struct bundle;

enum bundle_mode {
	BUNDLE_READ,   /* read-write when the file is writable, else read-only */
	BUNDLE_CREATE, /* as BUNDLE_READ, creating an empty bundle when missing */
};

/* Opens a bundle.  A file that is not a qikan bundle, or one written by a
 * newer qikan, is refused with a message in e. */
struct bundle *bundle_open(const char *path, enum bundle_mode mode, struct qk_err *e);
void bundle_close(struct bundle *b);
/* A new bundle that takes the name path only when bundle_publish()
 * succeeds (after its last commit); closed before that, it leaves
 * nothing behind.  Its journal is in memory: only for a file nobody else
 * can see, filled by one import run.  Where the system cannot make an
 * unnamed file, it is bundle_open(path, BUNDLE_CREATE). */
struct bundle *bundle_create_new(const char *path, struct qk_err *e);
/* Syncs the new bundle and gives it its name (never replacing a file
 * made there since); closes the SQLite connection: bundle_close() next. */
int bundle_publish(struct bundle *b, struct qk_err *e);
/* True for a bundle of bundle_create_new() not yet published. */
bool bundle_unnamed(const struct bundle *b);
bool bundle_readonly(const struct bundle *b);
const char *bundle_path(const struct bundle *b);
/* The version of the SQLite library in use (for `qikan --version`). */
const char *bundle_sqlite_version(void);

/* One write transaction (a SAVEPOINT inside an outer one, so they nest).
 * Every write path is bundle_begin ... bundle_commit, or bundle_rollback on
 * any error.  The outermost level takes the write lock at once (BEGIN
 * IMMEDIATE), so a busy bundle fails before any work is done. */
int bundle_begin(struct bundle *b, struct qk_err *e);
int bundle_commit(struct bundle *b, struct qk_err *e);
void bundle_rollback(struct bundle *b);
/* Refuses writes to a read-only bundle with a clear message. */
int bundle_require_writable(struct bundle *b, struct qk_err *e);

/* An import run: one transaction for any number of bundle_import()
 * calls, the search index and term counts written once at its end (FTS5
 * writes a segment only when its buffer fills, not per issue).
 * bundle_import_end commits; on any error, bundle_import_abort. */
int bundle_import_begin(struct bundle *b, struct qk_err *e);
int bundle_import_end(struct bundle *b, struct qk_err *e);
void bundle_import_abort(struct bundle *b);

/* Stores one imported issue, in the current import run or (outside one)
 * in a run of its own.  An issue with the same text already there
 * (bundle_import_existing) is refused (BUNDLE_REFUSE), or replaced: its
 * articles' metadata edits and edit log move to the new articles of the
 * same imported title (same position first); when an edited article has
 * no match the import is refused naming it (BUNDLE_REPLACE) or its edits
 * go with the old issue (BUNDLE_REPLACE_DISCARD).  *issue_id gets the new
 * issue's id. */
enum { BUNDLE_REFUSE = 0, BUNDLE_REPLACE = 1, BUNDLE_REPLACE_DISCARD = 2 };
int bundle_import(struct bundle *b, const struct doc *d, int replace, int64_t *issue_id,
		  struct qk_err *e);

/* An issue already in the bundle that d duplicates: the same decoded text
 * (content_sha256), or for issues stored before content hashes the same
 * source bytes and part.  `loose` (what --replace replaces) also takes
 * the same source file name and part, then the same publication and
 * issue label, when exactly one issue has it.  Returns 1 and fills *out
 * (free with bundle_existing_free()), 0 when there is none, -1 with e. */
struct bundle_existing {
	int64_t id;
	char *title, *source_name;
	int part;
	const char *why; /* "same text", "same source bytes", ... */
};
int bundle_import_existing(struct bundle *b, const struct doc *d, bool loose, struct bundle_existing *out,
			   struct qk_err *e);
void bundle_existing_free(struct bundle_existing *x);

/* Reading.  Results are owned by the caller (free with model_*_free). */
int bundle_issues(struct bundle *b, struct model_issue **out, size_t *n, struct qk_err *e);
/* The table of contents of one issue (issue_id > 0) or of all issues (0). */
int bundle_toc(struct bundle *b, int64_t issue_id, struct model_toc *out, struct qk_err *e);
struct model_article *bundle_article(struct bundle *b, int64_t id, struct qk_err *e);

/* Finds an article from what a user typed: a numeric id, or a piece of its
 * title (must match exactly one article).  Returns 0 and sets *id. */
int bundle_find_article(struct bundle *b, const char *spec, int64_t *id, struct qk_err *e);

/* The review queue: import warnings of one issue (issue_id > 0) or of all
 * issues (0) still waiting for review, in reading order (bundle_review.c).
 * Free with model_reviews_free(). */
int bundle_review(struct bundle *b, int64_t issue_id, struct model_review **out, size_t *n, struct qk_err *e);

/* Schema and integrity checks; each problem is appended to problems.
 * Returns 0 when the bundle is sound. */
int bundle_check(struct bundle *b, struct strv *problems, struct qk_err *e);

#endif

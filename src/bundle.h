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
#define BUNDLE_SCHEMA_VERSION 2

struct bundle;

enum bundle_mode {
	BUNDLE_READ,   /* read-write when the file is writable, else read-only */
	BUNDLE_CREATE, /* as BUNDLE_READ, creating an empty bundle when missing */
};

/* Opens a bundle.  A file that is not a qikan bundle, or one written by a
 * newer qikan, is refused with a message in e. */
struct bundle *bundle_open(const char *path, enum bundle_mode mode, struct qk_err *e);
void bundle_close(struct bundle *b);
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

/* Stores one imported issue.  Fails when an issue with the same source
 * SHA-256 is already there, unless replace is set (then the old one goes).
 * *issue_id gets the new issue's id. */
int bundle_import(struct bundle *b, const struct doc *d, bool replace, int64_t *issue_id,
		  struct qk_err *e);

/* Reading.  Results are owned by the caller (free with model_*_free). */
int bundle_issues(struct bundle *b, struct model_issue **out, size_t *n, struct qk_err *e);
/* The table of contents of one issue (issue_id > 0) or of all issues (0). */
int bundle_toc(struct bundle *b, int64_t issue_id, struct model_toc *out, struct qk_err *e);
struct model_article *bundle_article(struct bundle *b, int64_t id, struct qk_err *e);

/* Finds an article from what a user typed: a numeric id, or a piece of its
 * title (must match exactly one article).  Returns 0 and sets *id. */
int bundle_find_article(struct bundle *b, const char *spec, int64_t *id, struct qk_err *e);

/* Schema and integrity checks; each problem is appended to problems.
 * Returns 0 when the bundle is sound. */
int bundle_check(struct bundle *b, struct strv *problems, struct qk_err *e);

#endif

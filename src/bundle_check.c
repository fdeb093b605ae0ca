/* SPDX-License-Identifier: MIT */
/* bundle_check.c — `qikan check`: SQLite's own checks plus the rules the
 * schema cannot express. */
#include "config.h"
#include "bundle_internal.h"

#include <stdlib.h>
#include <string.h>

/* Each row of `sql` is one problem, described by its first column. */
static int collect(struct bundle *b, const char *sql, const char *ok_text, struct strv *problems,
		   struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, sql, e);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		if (ok_text && t && !strcmp(t, ok_text))
			continue;
		strv_push(problems, xstrdup(t ? t : "(null)"));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "check failed");
}

static const char *const rules[] = {
	"SELECT 'foreign key: ' || \"table\" || ' row ' || rowid || ' points at a missing ' || parent "
	"FROM pragma_foreign_key_check",
	"SELECT 'article ' || a.id || ' is in section ' || s.id || ' of another issue' "
	"FROM article a JOIN section s ON s.id = a.section_id WHERE s.issue_id <> a.issue_id",
	"SELECT 'section ' || s.id || ' has a parent in another issue' "
	"FROM section s JOIN section p ON p.id = s.parent_id WHERE p.issue_id <> s.issue_id",
	"SELECT 'issue ' || issue_id || ' has two articles at position ' || position "
	"FROM article GROUP BY issue_id, position HAVING count(*) > 1",
	"SELECT 'article ' || id || ' has an empty title' FROM article WHERE trim(title) = ''",
	"SELECT 'article ' || id || ' has version ' || version FROM article WHERE version < 1",
	"SELECT 'edit log row ' || l.id || ' names a field that does not exist: ' || l.field "
	"FROM edit_log l WHERE l.field NOT IN "
	"('title','subtitle','author','byline','source','dateline','section','page')",
};

int bundle_check(struct bundle *b, struct strv *problems, struct qk_err *e)
{
	int app = 0, version = 0;
	sqlite3_stmt *st;

	if (collect(b, "PRAGMA integrity_check", "ok", problems, e))
		return -1;
	st = bundle_prepare(b, "SELECT application_id, user_version FROM pragma_application_id, pragma_user_version", e);
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		app = sqlite3_column_int(st, 0);
		version = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (app != BUNDLE_APP_ID)
		strv_push(problems, xasprintf("application id is %#x, not a qikan bundle", (unsigned)app));
	if (version != BUNDLE_SCHEMA_VERSION)
		strv_push(problems, xasprintf("schema version %d, expected %d", version, BUNDLE_SCHEMA_VERSION));
	for (size_t i = 0; i < ARRAY_LEN(rules); i++)
		if (collect(b, rules[i], NULL, problems, e))
			return -1;
	if (bundle_search_check(b, problems, e) || bundle_derived_check(b, problems, e))
		return -1;
	return problems->n ? 1 : 0;
}

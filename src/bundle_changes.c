/* SPDX-License-Identifier: MIT */
/* bundle_changes.c — changeset files for exchanging edits between copies
 * of a bundle (DESIGN.md §7): export, and what apply shares with it.
 * What the file holds and how apply decides is described in
 * bundle_changes.h; apply is in bundle_changes_apply.c. */
#include "config.h"
/* The session extension's API is only declared with these set. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "bundle_internal.h"
#include "bundle_changes.h"
#include "bundle_changes_int.h"
#include "bundle_edit.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *changes_field_column(int f)
{
	return f == EDIT_SECTION ? "section_id" : edit_field_name(f);
}

bool changes_same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

char *changes_value_str(sqlite3_value *v)
{
	const unsigned char *t;

	if (!v || sqlite3_value_type(v) == SQLITE_NULL)
		return NULL;
	t = sqlite3_value_text(v);
	return xstrdup(t ? (const char *)t : "");
}

static int db_fail(sqlite3 *db, struct qk_err *e, const char *what)
{
	return qk_err_set(e, "%s: %s", what, sqlite3_errmsg(db));
}

static int db_exec(sqlite3 *db, const char *sql, struct qk_err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	qk_err_set(e, "changes: %s", msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return -1;
}

/* The column names of a bundle table in order; the primary key must be
 * the single column "id" (the session extension needs one). */
int changes_table_columns(struct bundle *b, const char *table, struct strv *cols, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", e);
	bool pk_ok = false;
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		int pk = sqlite3_column_int(st, 1);

		if (pk == 1 && !strcmp(name, "id"))
			pk_ok = true;
		else if (pk)
			pk_ok = false;
		strv_push(cols, xstrdup(name));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return bundle_fail(b, e, "cannot read the schema");
	if (!pk_ok)
		return qk_err_set(e, "%s: table %s has no id primary key", b->path, table);
	return 0;
}

int changes_column_index(const struct strv *cols, const char *name)
{
	for (size_t i = 0; i < cols->n; i++)
		if (!strcmp(cols->v[i], name))
			return (int)i;
	return -1;
}

/* "CREATE TABLE main.t(id INTEGER PRIMARY KEY, "a", "b" ...)". */
static char *mirror_sql(const char *schema, const char *table, const struct strv *cols)
{
	struct sb s = { 0 };

	sb_printf(&s, "CREATE TABLE %s.%s(", schema, table);
	for (size_t i = 0; i < cols->n; i++) {
		char *q = sqlite3_mprintf("\"%w\"%s", cols->v[i], strcmp(cols->v[i], "id") ? "" : " INTEGER PRIMARY KEY");

		sb_printf(&s, "%s%s", i ? ", " : "", q);
		sqlite3_free(q);
	}
	sb_adds(&s, ")");
	return sb_steal(&s);
}

static char *column_list(const struct strv *cols)
{
	struct sb s = { 0 };

	for (size_t i = 0; i < cols->n; i++) {
		char *q = sqlite3_mprintf("\"%w\"", cols->v[i]);

		sb_printf(&s, "%s%s", i ? ", " : "", q);
		sqlite3_free(q);
	}
	return sb_steal(&s);
}

/* An edit_log id, or a time normalized to the log's format. */
static int parse_since(struct bundle *b, const char *since, int64_t *id, char **time, struct qk_err *e)
{
	const char *p = since;
	sqlite3_stmt *st;

	*id = 0;
	*time = NULL;
	if (!since || !*since)
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (!*p && p - since < 18) {
		*id = strtoll(since, NULL, 10);
		return 0;
	}
	st = bundle_prepare(b, "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', ?)", e);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, since, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		*time = bundle_col_str(st, 0);
	sqlite3_finalize(st);
	if (!*time)
		return qk_err_set(e, "--since wants an edit number or a time like 2026-11-25T10:30, not '%s'", since);
	return 0;
}

/* Copies the exported log rows into the scratch db's stage table. */
static int stage_rows(struct bundle *b, sqlite3 *t, const struct strv *logcols, int64_t since_id,
		      const char *since_time, struct changes_export_info *info, struct qk_err *e)
{
	char *cols = column_list(logcols);
	char *sql = xasprintf("SELECT %s FROM edit_log WHERE batch IN (SELECT batch FROM edit_log "
			      "WHERE (?1 IS NULL AND id > ?2) OR at >= ?1) ORDER BY id", cols);
	char *ins;
	sqlite3_stmt *sel = bundle_prepare(b, sql, e), *put = NULL;
	struct sb q = { 0 };
	int rc = -1, step;

	free(sql);
	sb_printf(&q, "INSERT INTO stage(%s) VALUES(", cols);
	for (size_t i = 0; i < logcols->n; i++)
		sb_adds(&q, i ? ", ?" : "?");
	sb_adds(&q, ")");
	ins = sb_steal(&q);
	free(cols);
	if (!sel)
		goto out;
	if (sqlite3_prepare_v2(t, ins, -1, &put, NULL) != SQLITE_OK) {
		db_fail(t, e, "changes: scratch database");
		goto out;
	}
	if (since_time)
		sqlite3_bind_text(sel, 1, since_time, -1, SQLITE_STATIC);
	sqlite3_bind_int64(sel, 2, since_id);
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		for (int i = 0; i < (int)logcols->n; i++)
			sqlite3_bind_value(put, i + 1, sqlite3_column_value(sel, i));
		if (sqlite3_step(put) != SQLITE_DONE) {
			db_fail(t, e, "changes: scratch database");
			goto out;
		}
		sqlite3_reset(put);
		info->nrows++;
		if (sqlite3_column_int64(sel, changes_column_index(logcols, "id")) > info->last_id)
			info->last_id = sqlite3_column_int64(sel, changes_column_index(logcols, "id"));
	}
	if (step != SQLITE_DONE) {
		bundle_fail(b, e, "cannot read the edit log");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(put);
	free(ins);
	return rc;
}

/* In the scratch db, the articles get the values they had before the
 * first exported edit of each field. */
static int stage_bases(sqlite3 *t, struct qk_err *e)
{
	if (db_exec(t, "INSERT INTO main.article(id) SELECT DISTINCT article_id FROM stage "
		       "WHERE article_id IS NOT NULL", e))
		return -1;
	for (int f = 0; f < EDIT_NFIELDS; f++) {
		bool num = f == EDIT_PAGE || f == EDIT_SECTION;
		char *sql = sqlite3_mprintf(
			"UPDATE main.article SET \"%w\" = (SELECT %s FROM stage s WHERE s.article_id = article.id "
			"AND s.field = %Q ORDER BY s.id LIMIT 1)",
			changes_field_column(f), num ? "CAST(s.old_value AS INTEGER)" : "s.old_value", edit_field_name(f));
		int rc = db_exec(t, sql, e);

		sqlite3_free(sql);
		if (rc)
			return -1;
	}
	return 0;
}

/* Under the session: each touched field gets its value now, and the log
 * rows are inserted. */
static int stage_changes(struct bundle *b, sqlite3 *t, struct changes_export_info *info, struct qk_err *e)
{
	sqlite3_stmt *touched = NULL, *cur = NULL;
	int rc = -1, step;

	if (sqlite3_prepare_v2(t, "SELECT DISTINCT article_id, field FROM stage WHERE article_id IS NOT NULL "
				  "ORDER BY article_id", -1, &touched, NULL) != SQLITE_OK) {
		db_fail(t, e, "changes: scratch database");
		goto out;
	}
	cur = bundle_prepare(b, "SELECT title, subtitle, author, byline, section_id, page, source, dateline "
				"FROM article WHERE id = ?", e);
	if (!cur)
		goto out;
	while ((step = sqlite3_step(touched)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(touched, 0);
		int f = edit_field_lookup((const char *)sqlite3_column_text(touched, 1));
		sqlite3_stmt *up;
		char *sql;

		if (f < 0)
			continue;
		sqlite3_bind_int64(cur, 1, id);
		if (sqlite3_step(cur) != SQLITE_ROW) {
			sqlite3_reset(cur);
			continue; /* logged for an article deleted since */
		}
		sql = sqlite3_mprintf("UPDATE main.article SET \"%w\" = ? WHERE id = ?", changes_field_column(f));
		if (sqlite3_prepare_v2(t, sql, -1, &up, NULL) != SQLITE_OK) {
			sqlite3_free(sql);
			db_fail(t, e, "changes: scratch database");
			goto out;
		}
		sqlite3_free(sql);
		sqlite3_bind_value(up, 1, sqlite3_column_value(cur, f));
		sqlite3_bind_int64(up, 2, id);
		step = sqlite3_step(up);
		sqlite3_finalize(up);
		sqlite3_reset(cur);
		if (step != SQLITE_DONE) {
			db_fail(t, e, "changes: scratch database");
			goto out;
		}
	}
	if (step != SQLITE_DONE) {
		db_fail(t, e, "changes: scratch database");
		goto out;
	}
	rc = db_exec(t, "INSERT INTO main.edit_log SELECT * FROM stage ORDER BY id", e);
out:
	sqlite3_finalize(touched);
	sqlite3_finalize(cur);
	if (rc == 0) {
		sqlite3_stmt *n;

		if (sqlite3_prepare_v2(t, "SELECT count(DISTINCT article_id) FROM stage", -1, &n, NULL) == SQLITE_OK &&
		    sqlite3_step(n) == SQLITE_ROW)
			info->narticles = sqlite3_column_int(n, 0);
		sqlite3_finalize(n);
	}
	return rc;
}

/* Under the session: for each exported article, the key that finds it
 * in another copy even when ids differ (an issue imported again gets new
 * ids): its issue's source hash (a prefix is plenty) and its position. */
static int stage_keys(struct bundle *b, sqlite3 *t, struct qk_err *e)
{
	sqlite3_stmt *ids = NULL, *key = NULL, *put = NULL;
	int rc = -1, step;

	if (db_exec(t, "CREATE TABLE main." CHANGES_KEY_TABLE "(id INTEGER PRIMARY KEY, issue_sha TEXT, "
		       "position INTEGER)", e))
		return -1;
	if (sqlite3_prepare_v2(t, "SELECT DISTINCT article_id FROM stage WHERE article_id IS NOT NULL", -1, &ids,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(t, "INSERT INTO main." CHANGES_KEY_TABLE " VALUES(?, ?, ?)", -1, &put, NULL) !=
		    SQLITE_OK) {
		db_fail(t, e, "changes: scratch database");
		goto out;
	}
	/* An issue is its source's hash and, since one source can hold
	 * several issues, its part ("<sha16>#2"; part 1 is written as before,
	 * so older copies read the keys they know). */
	key = bundle_prepare(b, "SELECT substr(i.source_sha256, 1, 16) || CASE WHEN i.source_part > 1 "
				"THEN '#' || i.source_part ELSE '' END, a.position FROM article a "
				"JOIN issue i ON i.id = a.issue_id WHERE a.id = ?", e);
	if (!key)
		goto out;
	while ((step = sqlite3_step(ids)) == SQLITE_ROW) {
		sqlite3_bind_int64(key, 1, sqlite3_column_int64(ids, 0));
		if (sqlite3_step(key) == SQLITE_ROW) {
			sqlite3_bind_int64(put, 1, sqlite3_column_int64(ids, 0));
			sqlite3_bind_value(put, 2, sqlite3_column_value(key, 0));
			sqlite3_bind_value(put, 3, sqlite3_column_value(key, 1));
			if (sqlite3_step(put) != SQLITE_DONE) {
				db_fail(t, e, "changes: scratch database");
				goto out;
			}
			sqlite3_reset(put);
		}
		sqlite3_reset(key);
	}
	if (step != SQLITE_DONE)
		db_fail(t, e, "changes: scratch database");
	else
		rc = 0;
out:
	sqlite3_finalize(ids);
	sqlite3_finalize(key);
	sqlite3_finalize(put);
	return rc;
}

int bundle_changes_export(struct bundle *b, const char *since, void **blob, size_t *size,
			  struct changes_export_info *info, struct qk_err *e)
{
	struct strv artcols = { 0 }, logcols = { 0 };
	sqlite3_session *s = NULL;
	sqlite3 *t = NULL;
	char *since_time = NULL, *sql;
	int64_t since_id = 0;
	void *p = NULL;
	int rc = -1, n = 0;

	*blob = NULL;
	*size = 0;
	memset(info, 0, sizeof *info);
	if (parse_since(b, since, &since_id, &since_time, e) || changes_table_columns(b, "article", &artcols, e) ||
	    changes_table_columns(b, "edit_log", &logcols, e))
		goto out;
	if (sqlite3_open_v2(":memory:", &t, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		qk_err_set(e, "changes: cannot open a scratch database");
		goto out;
	}
	/* Scratch tables shaped like the bundle's, so the changeset names
	 * the bundle's own tables and columns. */
	sql = mirror_sql("main", "article", &artcols);
	rc = db_exec(t, sql, e);
	free(sql);
	if (!rc) {
		sql = mirror_sql("main", "edit_log", &logcols);
		rc = db_exec(t, sql, e);
		free(sql);
	}
	if (!rc) {
		sql = mirror_sql("temp", "stage", &logcols);
		rc = db_exec(t, sql, e);
		free(sql);
	}
	if (rc || (rc = stage_rows(b, t, &logcols, since_id, since_time, info, e)) ||
	    (rc = stage_bases(t, e)))
		goto out;
	rc = -1;
	if (sqlite3session_create(t, "main", &s) != SQLITE_OK || sqlite3session_attach(s, "article") != SQLITE_OK ||
	    sqlite3session_attach(s, "edit_log") != SQLITE_OK ||
	    sqlite3session_attach(s, CHANGES_KEY_TABLE) != SQLITE_OK) {
		db_fail(t, e, "changes: cannot start a session");
		goto out;
	}
	if (stage_changes(b, t, info, e) || stage_keys(b, t, e))
		goto out;
	if (sqlite3session_changeset(s, &n, &p) != SQLITE_OK) {
		db_fail(t, e, "changes: cannot build the changeset");
		goto out;
	}
	*blob = xmalloc(n > 0 ? (size_t)n : 1);
	if (n > 0)
		memcpy(*blob, p, (size_t)n);
	*size = (size_t)n;
	rc = 0;
out:
	sqlite3_free(p);
	if (s)
		sqlite3session_delete(s);
	sqlite3_close(t);
	strv_free(&artcols);
	strv_free(&logcols);
	free(since_time);
	return rc;
}

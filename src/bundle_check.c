/* SPDX-License-Identifier: MIT */
/* bundle_check.c — `qikan check`: SQLite's own checks plus the rules the
 * schema cannot express. */
#include "config.h"
#include "bundle_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistr.h>

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

/* ---- what SQLite does not check ----
 * PRAGMA integrity_check reads every b-tree, index and freelist page
 * (quick_check is the same without comparing the indexes with their
 * tables, so it finds nothing integrity_check misses).  SQLite keeps no
 * checksums, so a changed byte inside a record, or in a header field it
 * does not validate, passes it.  The two checks below find what can be
 * found without one: header fields that have one right value in every
 * bundle, and record values that no qikan writer can have stored. */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The database header (the file's first 100 bytes, sqlite.org/fileformat.html
 * §1.3), read from the file itself: fields SQLite ignores or trusts. */
static void check_file_header(struct bundle *b, struct strv *problems)
{
	static const unsigned char zero[20];
	unsigned char h[100];
	struct stat st, wal;
	char *walname = xasprintf("%s-wal", b->path);
	unsigned page;
	bool wal_empty = stat(walname, &wal) != 0 || wal.st_size == 0;

	free(walname);
	if (read_file_head(b->path, h, sizeof h) != (long)sizeof h || stat(b->path, &st) != 0) {
		strv_push(problems, xstrdup("file header: cannot be read"));
		return;
	}
	page = (unsigned)h[16] << 8 | h[17];
	page = page == 1 ? 65536 : page;
	/* 72..91 are "reserved for expansion, must be zero"; qikan reserves
	 * no bytes at the end of a page (20) and sets no default cache size
	 * (48..51); incremental vacuum (64..67) is a flag. */
	if (memcmp(h + 72, zero, sizeof zero) || h[20] != 0 || be32(h + 48) != 0 || be32(h + 64) > 1)
		strv_push(problems, xstrdup("file header: bytes that are always zero or one are not"));
	/* SQLite writes the change counter (24) and "valid for" (92)
	 * together; when they differ it ignores the page count (28). */
	if (be32(h + 24) != be32(h + 92))
		strv_push(problems, xasprintf("file header: change counter %u, but the page count is valid for %u",
					      (unsigned)be32(h + 24), (unsigned)be32(h + 92)));
	/* With no pending log the file holds exactly the pages it counts. */
	else if (wal_empty && (uint64_t)be32(h + 28) * page != (uint64_t)st.st_size)
		strv_push(problems, xasprintf("file header: %u pages of %u bytes, but the file has %lld bytes",
					      (unsigned)be32(h + 28), page, (long long)st.st_size));
}

/* 1 when an SQL value read as text (UTF-8, converted by SQLite from the
 * bundle's UTF-16) is not valid UTF-8 (a lone surrogate) or holds a
 * control character that neither the importer (import_encoding.c lets
 * only TAB, LF, VT, FF, CR through), nor `set`, nor `changes apply`
 * (str_is_visible_text) lets in. */
static void bad_text_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const uint8_t *s = sqlite3_value_text(argv[0]);
	size_t n = (size_t)sqlite3_value_bytes(argv[0]);
	int bad = 0;

	(void)argc;
	if (s && u8_check(s, n))
		bad = 1;
	while (s && !bad && n > 0) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, s, n);

		if ((uc < 0x20 && (uc < 0x09 || uc > 0x0d)) || (uc >= 0x7f && uc <= 0x9f))
			bad = 1;
		s += k;
		n -= (size_t)k;
	}
	sqlite3_result_int(cx, bad);
}

/* Every column declared INTEGER holds integers, every TEXT column holds
 * text a writer could have stored (a changed record header turns text
 * into a blob, a changed character can become a control); NULL is left
 * to the NOT NULL constraints integrity_check verifies.  The search
 * index's tables are FTS5's: its integrity-check reads those. */
static int check_stored_values(struct bundle *b, struct strv *problems, struct qk_err *e)
{
	sqlite3_stmt *cols;
	int rc;

	if (sqlite3_create_function_v2(b->db, "qikan_bad_text", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
				       NULL, bad_text_fn, NULL, NULL, NULL) != SQLITE_OK)
		return bundle_fail(b, e, "check failed");
	cols = bundle_prepare(b,
			      "SELECT m.name, c.name, upper(c.type) FROM sqlite_schema m, pragma_table_info(m.name) c "
			      "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
			      "AND m.name NOT LIKE 'article\\_search%' ESCAPE '\\' "
			      "AND upper(c.type) IN ('INTEGER', 'TEXT') ORDER BY m.name, c.cid",
			      e);
	if (!cols)
		return -1;
	while ((rc = sqlite3_step(cols)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(cols, 0), *c = (const char *)sqlite3_column_text(cols, 1);
		bool text = !strcmp((const char *)sqlite3_column_text(cols, 2), "TEXT");
		/* A conflict keeps the other side's values whatever they are,
		 * those `set` would refuse included (bundle_changes_apply.c):
		 * only their type is known. */
		bool kept = !strcmp(t, "edit_conflict") && strstr(c, "_value");
		char *sql = sqlite3_mprintf(text ? "SELECT count(*) FROM \"%w\" WHERE typeof(\"%w\") NOT IN ('text', 'null') "
						   "OR (qikan_bad_text(\"%w\") AND ?1 = 0)"
						 : "SELECT count(*) FROM \"%w\" WHERE typeof(\"%w\") NOT IN ('integer', 'null') "
						   "AND ?1 = ?1",
					    t, c, c);
		int64_t n = 0;

		rc = sql ? bundle_query_int(b, sql, kept, &n, e) : qk_err_set(e, "out of memory / 内存不足");
		sqlite3_free(sql);
		if (rc) {
			sqlite3_finalize(cols);
			return -1;
		}
		if (n)
			strv_push(problems, xasprintf("%s.%s: %lld rows hold %s", t, c, (long long)n,
						      text ? "a value that is not valid text" : "a value that is not an integer"));
	}
	sqlite3_finalize(cols);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "check failed");
}

int bundle_check(struct bundle *b, struct strv *problems, struct qk_err *e)
{
	int app = 0, version = 0;
	sqlite3_stmt *st;

	if (collect(b, "PRAGMA integrity_check", "ok", problems, e))
		return -1;
	check_file_header(b, problems);
	if (check_stored_values(b, problems, e))
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

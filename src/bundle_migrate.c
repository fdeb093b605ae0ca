/* SPDX-License-Identifier: MIT */
/* bundle_migrate.c — bringing a bundle made by an older qikan up to the
 * current schema, once, when it is opened for writing.
 *
 * All steps from the file's version to BUNDLE_SCHEMA_VERSION run in one
 * transaction, together with the new user_version: a migration killed
 * half way leaves the old bundle exactly as it was (SQLite's journal), and
 * the next open simply starts again. */
#include "config.h"
#include "bundle_internal.h"
#include "bundle_schema.h"

#include <stdlib.h>

/* Schema 1 -> 2: the importer's new fields (CONTRACTS.md).  The issue
 * table loses the UNIQUE on source_sha256 (one source file may hold
 * several issues), which ALTER TABLE cannot drop: the table is rebuilt
 * under a new name, its rows copied, the old one dropped and the new one
 * renamed, with foreign keys off (bundle_migrate) so that dropping the
 * old table does not cascade into every article. */
static const char migrate_1_to_2[] =
	BUNDLE_ISSUE_TABLE("issue_v2")
	"INSERT INTO issue_v2(id, publication_id, title, year, number, source_name, source_sha256,\n"
	"  encoding, imported_at)\n"
	"  SELECT id, publication_id, title, year, number, source_name, source_sha256, encoding,\n"
	"  imported_at FROM issue;\n"
	"DROP TABLE issue;\n"
	"ALTER TABLE issue_v2 RENAME TO issue;\n"
	"CREATE INDEX issue_source ON issue(source_sha256);\n"
	"CREATE UNIQUE INDEX issue_content ON issue(content_sha256) WHERE content_sha256 IS NOT NULL;\n"
	"ALTER TABLE article ADD COLUMN toc_title TEXT;\n"
	"ALTER TABLE article ADD COLUMN line_end INTEGER;\n"
	"ALTER TABLE import_warning ADD COLUMN article_id INTEGER REFERENCES article(id) ON DELETE CASCADE;\n"
	"ALTER TABLE import_warning ADD COLUMN field TEXT;\n"
	"ALTER TABLE import_warning ADD COLUMN suggestion TEXT;\n"
	"CREATE INDEX import_warning_article ON import_warning(article_id);\n";

/* Schema 2 -> 3: one copy of the text and kept statistics (issue #13).
 * The old index kept its own copy of every article; the new one reads
 * the view article_text.  The figures, authors and term counts are made
 * from the rows, and the index from them (bundle_derived_build). */
static const char migrate_2_to_3[] = "DROP TABLE IF EXISTS article_search;\n";

/* Schema 3 -> 4: figures kept per issue and per author (issue #13), so
 * whole-bundle statistics are a sum over issues.  The authors' counts are
 * made from article_author; from now on its triggers keep them. */
static const char migrate_3_to_4[] =
	"INSERT INTO author_count(name, n) SELECT name, count(*) FROM article_author GROUP BY name;\n";

static int derive_3(struct bundle *b, struct qk_err *e)
{
	return bundle_exec(b, bundle_schema_derived_sql, e) || bundle_derived_build(b, e) ? -1 : 0;
}

static int create_4(struct bundle *b, struct qk_err *e)
{
	return bundle_exec(b, bundle_schema_derived4_sql, e);
}

/* steps[v] brings schema v to v + 1: `before` (new tables), the SQL, then
 * `derive` (data made anew from the rows), each when set. */
static const struct {
	int (*before)(struct bundle *b, struct qk_err *e);
	const char *sql;
	int (*derive)(struct bundle *b, struct qk_err *e);
} steps[] = {
	[1] = { NULL, migrate_1_to_2, NULL },
	[2] = { NULL, migrate_2_to_3, derive_3 },
	[3] = { create_4, migrate_3_to_4, bundle_stats_kept_build },
};

/* Every step is listed, so a bundle of any older version can be opened. */
_Static_assert(ARRAY_LEN(steps) == BUNDLE_SCHEMA_VERSION, "a migration step for every schema version");

/* The steps in the transaction; the caller rolls back on error. */
static int run_steps(struct bundle *b, int version, struct qk_err *e)
{
	int64_t bad = 0;
	char *sql;
	int rc;

	for (int v = version; v < BUNDLE_SCHEMA_VERSION; v++) {
		char *msg;

		if (!(steps[v].before && steps[v].before(b, e)) && !bundle_exec(b, steps[v].sql, e) &&
		    !(steps[v].derive && steps[v].derive(b, e)))
			continue;
		msg = xstrdup(e ? e->msg : "");
		qk_err_set(e, "%s (upgrading the bundle from schema %d to %d) / 期刊库升级失败", msg, v, v + 1);
		free(msg);
		return -1;
	}
	/* Foreign keys were off: make sure the copy kept every link. */
	if (bundle_query_int(b, "SELECT count(*) FROM pragma_foreign_key_check WHERE ?1 = ?1", 0, &bad, e))
		return -1;
	if (bad)
		return qk_err_set(e, "%s: upgrading the bundle: %lld rows point at missing rows (run qikan check "
				     "with the older qikan) / 期刊库升级失败",
				  b->path, (long long)bad);
	sql = xasprintf("PRAGMA user_version = %d", BUNDLE_SCHEMA_VERSION);
	rc = bundle_exec(b, sql, e);
	free(sql);
	return rc;
}

int bundle_migrate(struct bundle *b, int version, struct qk_err *e)
{
	int64_t now = 0;
	int rc = -1;

	if (b->readonly)
		return qk_err_set(e,
				  "%s: made by an older qikan (schema %d) and read-only here; open it once with "
				  "write permission to upgrade it to schema %d / 期刊库需要升级，但只读",
				  b->path, version, BUNDLE_SCHEMA_VERSION);
	/* Outside any transaction: foreign_keys cannot change inside one. */
	if (bundle_exec(b, "PRAGMA foreign_keys = OFF", e))
		return -1;
	if (bundle_begin(b, e))
		goto out;
	/* Another qikan may have upgraded it while we waited for the lock. */
	if (bundle_query_int(b, "SELECT user_version FROM pragma_user_version WHERE ?1 = ?1", 0, &now, e) ||
	    (now < BUNDLE_SCHEMA_VERSION && run_steps(b, (int)now, e))) {
		bundle_rollback(b);
		goto out;
	}
	rc = bundle_commit(b, e);
out:
	if (bundle_exec(b, "PRAGMA foreign_keys = ON", rc ? NULL : e))
		rc = -1;
	return rc;
}

/* SPDX-License-Identifier: MIT */
/* migrate_mkv1.c — writes a bundle as qikan 1.0 (schema 1) made them,
 * holding the rows of a current bundle, for tests/migrate.sh.  The
 * schema-1 SQL below is a frozen copy of src/bundle_schema.c at schema 1
 * (do not update it with the schema: it is what old bundles look like),
 * and the search index is built the way schema 1 built it (its own copy
 * of title, kicker + subtitle, author and the paragraphs joined by
 * newlines).
 * Usage: migrate_mkv1 CURRENT.qikan OUT.qikan */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_internal.h"

static const char v1_schema[] =
	"CREATE TABLE publication(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL DEFAULT '',\n"
	"  publisher TEXT NOT NULL DEFAULT '',\n"
	"  permit TEXT, department TEXT, address TEXT, email TEXT,\n"
	"  phone TEXT, postcode TEXT, note TEXT,\n"
	"  UNIQUE(name, publisher)\n"
	");\n"
	"CREATE TABLE issue(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  publication_id INTEGER NOT NULL REFERENCES publication(id),\n"
	"  title TEXT NOT NULL,\n"
	"  year INTEGER, number INTEGER,\n"
	"  source_name TEXT NOT NULL,\n"
	"  source_sha256 TEXT NOT NULL UNIQUE CHECK(length(source_sha256) = 64),\n"
	"  encoding TEXT NOT NULL DEFAULT 'UTF-8',\n"
	"  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))\n"
	");\n"
	"CREATE TABLE masthead(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  issue_id INTEGER NOT NULL REFERENCES issue(id) ON DELETE CASCADE,\n"
	"  position INTEGER NOT NULL,\n"
	"  role TEXT NOT NULL,\n"
	"  names TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX masthead_issue ON masthead(issue_id, position);\n"
	"CREATE TABLE section(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  issue_id INTEGER NOT NULL REFERENCES issue(id) ON DELETE CASCADE,\n"
	"  parent_id INTEGER REFERENCES section(id) ON DELETE CASCADE,\n"
	"  position INTEGER NOT NULL,\n"
	"  title TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX section_issue ON section(issue_id, position);\n"
	"CREATE TABLE article(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  issue_id INTEGER NOT NULL REFERENCES issue(id) ON DELETE CASCADE,\n"
	"  section_id INTEGER REFERENCES section(id) ON DELETE SET NULL,\n"
	"  position INTEGER NOT NULL,\n"
	"  kicker TEXT,\n"
	"  title TEXT NOT NULL,\n"
	"  subtitle TEXT, author TEXT, byline TEXT, source TEXT, dateline TEXT,\n"
	"  page INTEGER CHECK(page IS NULL OR page > 0),\n"
	"  in_toc INTEGER NOT NULL DEFAULT 1 CHECK(in_toc IN (0, 1)),\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  source_line INTEGER\n"
	");\n"
	"CREATE INDEX article_issue ON article(issue_id, position);\n"
	"CREATE INDEX article_section ON article(section_id);\n"
	"CREATE TABLE paragraph(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,\n"
	"  position INTEGER NOT NULL,\n"
	"  text TEXT NOT NULL,\n"
	"  UNIQUE(article_id, position)\n"
	");\n"
	"CREATE TABLE import_warning(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  issue_id INTEGER NOT NULL REFERENCES issue(id) ON DELETE CASCADE,\n"
	"  line INTEGER, kind TEXT NOT NULL, message TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX import_warning_issue ON import_warning(issue_id);\n"
	"CREATE TABLE edit_log(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  batch INTEGER NOT NULL,\n"
	"  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),\n"
	"  who TEXT NOT NULL,\n"
	"  article_id INTEGER REFERENCES article(id) ON DELETE CASCADE,\n"
	"  field TEXT NOT NULL,\n"
	"  old_value TEXT, new_value TEXT,\n"
	"  version INTEGER NOT NULL,\n"
	"  undoes INTEGER\n"
	");\n"
	"CREATE INDEX edit_log_article ON edit_log(article_id, id);\n"
	"CREATE TABLE edit_conflict(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),\n"
	"  who TEXT NOT NULL,\n"
	"  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,\n"
	"  field TEXT NOT NULL,\n"
	"  base_value TEXT, local_value TEXT, remote_value TEXT,\n"
	"  remote_who TEXT, remote_at TEXT\n"
	");\n";

/* Rows copied from the current bundle: schema 1's columns of each table.
 * (Read through a second connection: a current bundle is UTF-16, which
 * ATTACH cannot mix with schema 1's UTF-8.) */
static const char *const v1_tables[][2] = {
	{ "publication", "id, name, publisher, permit, department, address, email, phone, postcode, note" },
	{ "issue", "id, publication_id, title, year, number, source_name, source_sha256, encoding, imported_at" },
	{ "masthead", "id, issue_id, position, role, names" },
	{ "section", "id, issue_id, parent_id, position, title" },
	{ "article", "id, issue_id, section_id, position, kicker, title, subtitle, author, byline, source, dateline, "
		     "page, in_toc, version, source_line" },
	{ "paragraph", "id, article_id, position, text" },
	{ "import_warning", "id, issue_id, line, kind, message" },
	{ "edit_log", "id, batch, at, who, article_id, field, old_value, new_value, version, undoes" },
	{ "edit_conflict", "id, at, who, article_id, field, base_value, local_value, remote_value, remote_who, "
			   "remote_at" },
};

/* The index as schema 1 built it: its own copy of the text. */
static const char v1_index[] =
	"CREATE VIRTUAL TABLE article_search USING fts5(title, subtitle, author, body,"
	" tokenize = 'qikan 2');"
	"INSERT INTO article_search(article_search, rank) VALUES('hashsize', 16777216);"
	"INSERT INTO article_search(rowid, title, subtitle, author, body)"
	" SELECT a.id, a.title, nullif(trim(coalesce(a.kicker, '') || ' ' || coalesce(a.subtitle, '')), ''),"
	" a.author, coalesce((SELECT group_concat(text, char(10)) FROM"
	" (SELECT text FROM paragraph p WHERE p.article_id = a.id ORDER BY p.position)), '')"
	" FROM article a;"
	"PRAGMA application_id = 1902734177;" /* 0x71696B61, "qika" */
	"PRAGMA user_version = 1;";

static int copy_table(sqlite3 *from, sqlite3 *to, const char *table, const char *cols)
{
	char *sel = sqlite3_mprintf("SELECT %s FROM %s", cols, table);
	char *ins, marks[64] = "?";
	sqlite3_stmt *r = NULL, *w = NULL;
	int n = 1, rc = -1, step;

	for (const char *p = cols; *p; p++)
		if (*p == ',' && strlen(marks) + 3 < sizeof marks) {
			n++;
			strcat(marks, ", ?");
		}
	ins = sqlite3_mprintf("INSERT INTO %s(%s) VALUES(%s)", table, cols, marks);
	if (sqlite3_prepare_v2(from, sel, -1, &r, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(to, ins, -1, &w, NULL) != SQLITE_OK)
		goto out;
	while ((step = sqlite3_step(r)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			sqlite3_bind_value(w, i + 1, sqlite3_column_value(r, i));
		if (sqlite3_step(w) != SQLITE_DONE)
			goto out;
		sqlite3_reset(w);
	}
	rc = step == SQLITE_DONE ? 0 : -1;
out:
	if (rc)
		fprintf(stderr, "%s: %s / %s\n", table, sqlite3_errmsg(from), sqlite3_errmsg(to));
	sqlite3_finalize(r);
	sqlite3_finalize(w);
	sqlite3_free(sel);
	sqlite3_free(ins);
	return rc;
}

int main(int argc, char **argv)
{
	struct qk_err e = { 0 };
	sqlite3 *db = NULL, *cur = NULL;
	char *msg = NULL;
	int rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: %s CURRENT.qikan OUT.qikan\n", argv[0]);
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &cur, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open(argv[2], &db) != SQLITE_OK || bundle_search_register(db, &e)) {
		fprintf(stderr, "%s: %s %s\n", argv[2], sqlite3_errmsg(db), e.msg);
		goto out;
	}
	if (sqlite3_exec(db, "PRAGMA journal_mode = WAL; BEGIN", NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(db, v1_schema, NULL, NULL, &msg) != SQLITE_OK)
		goto fail;
	for (size_t i = 0; i < sizeof v1_tables / sizeof v1_tables[0]; i++)
		if (copy_table(cur, db, v1_tables[i][0], v1_tables[i][1]))
			goto out;
	if (sqlite3_exec(db, v1_index, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK)
		goto fail;
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "%s: %s\n", argv[2], msg ? msg : sqlite3_errmsg(db));
out:
	sqlite3_free(msg);
	sqlite3_close(cur);
	sqlite3_close(db);
	return rc;
}

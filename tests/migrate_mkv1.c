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

/* Rows copied from the current bundle: schema 1's columns of each table. */
static const char v1_copy[] =
	"INSERT INTO publication SELECT id, name, publisher, permit, department, address, email, phone,"
	" postcode, note FROM cur.publication;"
	"INSERT INTO issue SELECT id, publication_id, title, year, number, source_name, source_sha256,"
	" encoding, imported_at FROM cur.issue;"
	"INSERT INTO masthead SELECT id, issue_id, position, role, names FROM cur.masthead;"
	"INSERT INTO section SELECT id, issue_id, parent_id, position, title FROM cur.section;"
	"INSERT INTO article SELECT id, issue_id, section_id, position, kicker, title, subtitle, author,"
	" byline, source, dateline, page, in_toc, version, source_line FROM cur.article;"
	"INSERT INTO paragraph SELECT id, article_id, position, text FROM cur.paragraph;"
	"INSERT INTO import_warning SELECT id, issue_id, line, kind, message FROM cur.import_warning;"
	"INSERT INTO edit_log SELECT id, batch, at, who, article_id, field, old_value, new_value, version,"
	" undoes FROM cur.edit_log;"
	"INSERT INTO edit_conflict SELECT id, at, who, article_id, field, base_value, local_value,"
	" remote_value, remote_who, remote_at FROM cur.edit_conflict;"
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

int main(int argc, char **argv)
{
	struct qk_err e = { 0 };
	sqlite3 *db = NULL;
	char *msg = NULL, *attach;

	if (argc != 3) {
		fprintf(stderr, "usage: %s CURRENT.qikan OUT.qikan\n", argv[0]);
		return 2;
	}
	if (sqlite3_open(argv[2], &db) != SQLITE_OK || bundle_search_register(db, &e)) {
		fprintf(stderr, "%s: %s %s\n", argv[2], sqlite3_errmsg(db), e.msg);
		sqlite3_close(db);
		return 1;
	}
	attach = sqlite3_mprintf("ATTACH %Q AS cur; BEGIN;", argv[1]);
	if (sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(db, attach, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(db, v1_schema, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(db, v1_copy, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", argv[2], msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		sqlite3_free(attach);
		sqlite3_close(db);
		return 1;
	}
	sqlite3_free(attach);
	sqlite3_close(db);
	return 0;
}

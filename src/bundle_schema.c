/* SPDX-License-Identifier: MIT */
/* bundle_schema.c — the bundle's schema, version BUNDLE_SCHEMA_VERSION.
 * Every table has an INTEGER PRIMARY KEY so the session extension can
 * track it (changesets, DESIGN.md §7).  Body text is one row a paragraph
 * so that a changed paragraph makes a small changeset. */
#include "config.h"
#include "bundle_schema.h"

const char bundle_schema_sql[] =
	/* A periodical; issues of the same one share a row. */
	"CREATE TABLE publication(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL DEFAULT '',\n"
	"  publisher TEXT NOT NULL DEFAULT '',\n"
	"  permit TEXT, department TEXT, address TEXT, email TEXT,\n"
	"  phone TEXT, postcode TEXT, note TEXT,\n"
	"  UNIQUE(name, publisher)\n"
	");\n"
	/* One imported issue.  A source file may hold several issues
	 * (source_part counts them from 1); content_sha256, the hash of the
	 * issue's decoded text, detects re-imports (NULL for issues from a
	 * schema-1 bundle, which hashed only the source file). */
	BUNDLE_ISSUE_TABLE("issue")
	"CREATE INDEX issue_source ON issue(source_sha256);\n"
	"CREATE UNIQUE INDEX issue_content ON issue(content_sha256) WHERE content_sha256 IS NOT NULL;\n"
	/* The editorial board: role (主编) and names. */
	"CREATE TABLE masthead(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  issue_id INTEGER NOT NULL REFERENCES issue(id) ON DELETE CASCADE,\n"
	"  position INTEGER NOT NULL,\n"
	"  role TEXT NOT NULL,\n"
	"  names TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX masthead_issue ON masthead(issue_id, position);\n"
	/* Sections; sub-sections (市州动态 > 西宁市总工会) point at their parent. */
	"CREATE TABLE section(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  issue_id INTEGER NOT NULL REFERENCES issue(id) ON DELETE CASCADE,\n"
	"  parent_id INTEGER REFERENCES section(id) ON DELETE CASCADE,\n"
	"  position INTEGER NOT NULL,\n"
	"  title TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX section_issue ON section(issue_id, position);\n"
	/* Articles in reading order; version counts metadata edits. */
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
	"  source_line INTEGER,\n"
	"  toc_title TEXT,\n"  /* the TOC's wording when it differs from title */
	"  line_end INTEGER\n" /* last source line of the article */
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
	/* What the importer reported, kept for `qikan check` and editors. */
	"CREATE TABLE import_warning(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  issue_id INTEGER NOT NULL REFERENCES issue(id) ON DELETE CASCADE,\n"
	"  line INTEGER, kind TEXT NOT NULL, message TEXT NOT NULL,\n"
	/* NULL for a warning about the whole issue */
	"  article_id INTEGER REFERENCES article(id) ON DELETE CASCADE,\n"
	"  field TEXT,\n"     /* the article field concerned, or NULL */
	"  suggestion TEXT\n" /* a proposed value for `qikan set`, or NULL */
	");\n"
	"CREATE INDEX import_warning_issue ON import_warning(issue_id);\n"
	"CREATE INDEX import_warning_article ON import_warning(article_id);\n"
	/* Every metadata edit, one row a field, old and new value.  The rows
	 * of one save share `batch` (the id of its first row); an undo is a
	 * batch whose rows point at the batch they undo. */
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
	/* Fields a changeset from elsewhere edited differently from us: the
	 * local value stays, the other side's is kept here (never lost). */
	"CREATE TABLE edit_conflict(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),\n"
	"  who TEXT NOT NULL,\n"
	"  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,\n"
	"  field TEXT NOT NULL,\n"
	"  base_value TEXT, local_value TEXT, remote_value TEXT,\n"
	"  remote_who TEXT, remote_at TEXT\n"
	");\n";

/* What is derived from the rows above and kept in step with them by
 * bundle*.c in the same transactions (schema 3): the search index's view
 * of an article and the figures the statistics sum.  None of it is in
 * changesets: each copy of a bundle derives its own. */
const char bundle_schema_derived_sql[] =
	/* The figures of an article's body text (stats.h): paragraphs and
	 * characters by class, counted at import. */
	"CREATE TABLE article_stats(\n"
	"  article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,\n"
	"  paragraphs INTEGER NOT NULL,\n"
	"  han INTEGER NOT NULL, latin INTEGER NOT NULL, digit INTEGER NOT NULL,\n"
	"  punct INTEGER NOT NULL, other INTEGER NOT NULL\n"
	");\n"
	/* The article's authors as the statistics count them (normalised from
	 * author, byline and source by stats_article_authors), updated by
	 * every edit of those fields; search finds them as author: too. */
	"CREATE TABLE article_author(\n"
	"  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL,\n"
	"  PRIMARY KEY(article_id, name)\n"
	") WITHOUT ROWID;\n"
	/* How often each term (Han bigram, Latin word) occurs in the bodies of
	 * the whole bundle, before any stop list. */
	"CREATE TABLE term_count(\n"
	"  term TEXT PRIMARY KEY,\n"
	"  n INTEGER NOT NULL CHECK(n > 0)\n"
	") WITHOUT ROWID;\n"
	/* An article as the search index sees it: title; kicker and subtitle;
	 * author, byline and the normalised names they do not already spell;
	 * the paragraphs joined by newlines; source and dateline.  The index
	 * (bundle_search.c) holds no copy of this text: it is read here. */
	"CREATE VIEW article_text(id, title, subtitle, author, body, extra) AS\n"
	"SELECT a.id, a.title,\n"
	"  nullif(trim(coalesce(a.kicker, '') || ' ' || coalesce(a.subtitle, '')), ''),\n"
	"  nullif(trim(coalesce(a.author, '') || ' ' || coalesce(a.byline, '') || ' ' ||\n"
	"    coalesce((SELECT group_concat(n.name, ' ') FROM article_author n WHERE n.article_id = a.id\n"
	"      AND instr(coalesce(a.author, '') || ' ' || coalesce(a.byline, ''), n.name) = 0), '')), ''),\n"
	"  (SELECT group_concat(p.text, char(10)) FROM\n"
	"    (SELECT text FROM paragraph WHERE article_id = a.id ORDER BY position) p),\n"
	"  nullif(trim(coalesce(a.source, '') || ' ' || coalesce(a.dateline, '')), '')\n"
	"FROM article a;\n";

/* Schema 4: figures kept per issue, so that the whole bundle's statistics
 * are a sum over issues rather than over articles (issue #13).  Each
 * issue's figures are what the statistics of that issue alone give
 * (stats.h), made from the articles' kept figures at import and again by
 * every edit of one of its articles (bundle_stats_kept.c). */
const char bundle_schema_derived4_sql[] =
	/* The issue's totals (first_page and last_page 0 when no article has
	 * a page) and, as UTF-8 text (bundle_stats_kept.c): its longest and
	 * shortest articles, "chars:article_id" separated by spaces, and its
	 * sections, a line each, in the order the statistics list them.  One
	 * row an issue, so the whole bundle reads one row an issue. */
	"CREATE TABLE issue_stats(\n"
	"  issue_id INTEGER PRIMARY KEY REFERENCES issue(id) ON DELETE CASCADE,\n"
	"  articles INTEGER NOT NULL, in_toc INTEGER NOT NULL, paragraphs INTEGER NOT NULL,\n"
	"  han INTEGER NOT NULL, latin INTEGER NOT NULL, digit INTEGER NOT NULL,\n"
	"  punct INTEGER NOT NULL, other INTEGER NOT NULL,\n"
	"  first_page INTEGER NOT NULL, last_page INTEGER NOT NULL,\n"
	"  without_author INTEGER NOT NULL,\n"
	"  longest BLOB NOT NULL, shortest BLOB NOT NULL, sections BLOB NOT NULL\n"
	");\n"
	/* How many articles each author is credited with in the whole bundle:
	 * the rows of article_author by name, kept by these triggers on every
	 * path that adds or removes one (import, edits, a replaced issue's
	 * cascade). */
	"CREATE TABLE author_count(\n"
	"  name TEXT PRIMARY KEY,\n"
	"  n INTEGER NOT NULL CHECK(n > 0)\n"
	") WITHOUT ROWID;\n"
	"CREATE TRIGGER author_count_add AFTER INSERT ON article_author BEGIN\n"
	"  INSERT INTO author_count(name, n) VALUES(new.name, 1)\n"
	"    ON CONFLICT(name) DO UPDATE SET n = n + 1;\n"
	"END;\n"
	"CREATE TRIGGER author_count_sub AFTER DELETE ON article_author BEGIN\n"
	"  DELETE FROM author_count WHERE name = old.name AND n = 1;\n"
	"  UPDATE author_count SET n = n - 1 WHERE name = old.name;\n"
	"END;\n";

/* SPDX-License-Identifier: MIT */
/* bundle_schema.h — the bundle's schema as SQL text (bundle_schema.c) and
 * the steps that bring an older bundle up to it (bundle_migrate.c). */
#ifndef QIKAN_BUNDLE_SCHEMA_H
#define QIKAN_BUNDLE_SCHEMA_H

/* The issue table under a given name: the schema creates it as "issue",
 * the migration from schema 1 as a new table it then renames (dropping a
 * UNIQUE constraint needs the table rebuilt). */
#define BUNDLE_ISSUE_TABLE(name)                                                      \
	"CREATE TABLE " name "(\n"                                                    \
	"  id INTEGER PRIMARY KEY,\n"                                                 \
	"  publication_id INTEGER NOT NULL REFERENCES publication(id),\n"             \
	"  title TEXT NOT NULL,\n"                                                    \
	"  year INTEGER, number INTEGER,\n"                                           \
	"  source_name TEXT NOT NULL,\n"                                              \
	"  source_sha256 TEXT NOT NULL CHECK(length(source_sha256) = 64),\n"          \
	"  encoding TEXT NOT NULL DEFAULT 'UTF-8',\n"                                 \
	"  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),\n" \
	"  source_part INTEGER NOT NULL DEFAULT 1 CHECK(source_part > 0),\n"          \
	"  content_sha256 TEXT CHECK(content_sha256 IS NULL OR length(content_sha256) = 64)\n" \
	");\n"

extern const char bundle_schema_sql[];
extern const char bundle_schema_derived_sql[];
/* Added by schema 4: the figures kept per issue and author. */
extern const char bundle_schema_derived4_sql[];

struct bundle;
struct qk_err;
/* Brings a bundle of schema `version` (older than BUNDLE_SCHEMA_VERSION)
 * up to date in one transaction; on any error the file is as it was. */
int bundle_migrate(struct bundle *b, int version, struct qk_err *e);

#endif

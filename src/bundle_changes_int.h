/* SPDX-License-Identifier: MIT */
/* bundle_changes_int.h — what bundle_changes.c (export) and
 * bundle_changes_apply.c share.  Only those two include it. */
#ifndef QIKAN_BUNDLE_CHANGES_INT_H
#define QIKAN_BUNDLE_CHANGES_INT_H

#include "bundle_internal.h"

/* A table of the changeset that no bundle has: INSERTs of (article id,
 * issue source hash prefix, position) that identify the articles. */
#define CHANGES_KEY_TABLE "qikan_key"

/* The article column behind an edit field (section: section_id). */
const char *changes_field_column(int f);
/* String equality where NULL equals only NULL. */
bool changes_same(const char *a, const char *b);
/* A value as text (NULL for SQL NULL or no value); caller frees. */
char *changes_value_str(sqlite3_value *v);
/* The column names of a bundle table in order; fails unless the primary
 * key is the single column "id" (the session extension needs one). */
int changes_table_columns(struct bundle *b, const char *table, struct strv *cols, struct qk_err *e);
/* The index of a column name, -1 when absent. */
int changes_column_index(const struct strv *cols, const char *name);

#endif

/* SPDX-License-Identifier: MIT */
/* bundle_changes.h — exchanging edits between copies of a bundle as small
 * changeset files (SQLite session extension), for offices on slow links.
 *
 * The file is a genuine SQLite changeset holding
 *   - one UPDATE of `article` per edited article: its primary key and, for
 *     each edited column, the value before the first exported edit and the
 *     value now (so the net effect of the exported edits), and
 *   - one INSERT into `edit_log` per exported log row (who, when, field,
 *     old and new value), the history behind that net effect, and
 *   - one INSERT into `qikan_key` (a table only the changeset has)
 *     per article: its issue's source hash prefix and its position, so
 *     that apply edits the same article even where ids differ (an issue
 *     imported again) and never a different one that has the same id.
 * It is recorded by a session on a scratch in-memory copy of those rows
 * (the bundle itself is never touched by export).
 *
 * Apply does not hand the file to sqlite3changeset_apply(): a whole-row
 * OMIT/REPLACE cannot keep one field and take another, and edit_log ids
 * differ between copies.  It reads the changeset with the iterator and
 * decides field by field, in one transaction:
 *   - the local value already equals the remote one: nothing to do;
 *   - the local value is the one the remote edits started from (or the
 *     local field was last set by an earlier apply of the same remote
 *     history and not edited since): the remote value is written, the
 *     remote log rows are added to the local log (keeping their who and
 *     when), the article's version grows by one;
 *   - otherwise both sides edited the field differently: a conflict.  The
 *     local value stays; the remote one is kept in the table edit_conflict
 *     (created by apply when missing) and reported, so neither is lost.
 * Applying the same file twice changes nothing the second time: values
 * already there are skipped, and a conflict already recorded is not
 * recorded again.  An undo stays an undo: its rows point at the local
 * batch of the edit it takes back when that edit came here too. */
#ifndef QIKAN_BUNDLE_CHANGES_H
#define QIKAN_BUNDLE_CHANGES_H

#include <stddef.h>
#include <stdint.h>

/* The largest changeset apply reads (a year of edits is a few hundred KB). */
#define CHANGES_MAX_BYTES (64u << 20)

#include "bundle.h"
#include "util.h"

struct changes_export_info {
	int nrows;       /* edit_log rows exported */
	int narticles;   /* articles whose values are in it */
	int64_t last_id; /* the newest exported edit_log id (for the next --since) */
};

/* Builds the changeset of the edits since `since`: an edit_log id
 * ("17": edits after 17) or a time ("2026-11-25", "2026-11-25T10:30",
 * "2026-11-25 10:30:00", UTC like the log: edits at or after it).  An
 * edit (batch) is exported whole.  NULL or "0" means every edit.  *blob
 * (free()) may be empty (size 0) when there is nothing to export. */
int bundle_changes_export(struct bundle *b, const char *since, void **blob, size_t *size,
			  struct changes_export_info *info, struct qk_err *e);

struct changes_conflict {
	int64_t article_id;
	char *article_title;
	char *field;
	char *base, *local, *remote;   /* as stored (section: ids) */
	char *remote_who, *remote_at;
	char *note;       /* why, when not simply "edited on both sides" */
	bool recorded;    /* already in edit_conflict before this apply */
};

struct changes_report {
	int applied;      /* fields changed */
	int already;      /* fields that already had the remote value */
	int nlog;         /* edit_log rows added */
	int narticles;    /* articles changed */
	int missing;      /* articles of the file that this bundle lacks */
	int ignored;      /* changes to other tables, ignored */
	struct changes_conflict *conflicts;
	size_t nconflicts;
};
void changes_report_free(struct changes_report *r);

/* Applies a changeset made by bundle_changes_export() to b (see above).
 * who is recorded with conflicts.  Returns 0 (conflicts are not errors:
 * see r->nconflicts) or -1 with e set, leaving the bundle unchanged. */
int bundle_changes_apply(struct bundle *b, const void *blob, size_t size, const char *who,
			 struct changes_report *r, struct qk_err *e);

/* The conflicts recorded so far, oldest first (none when the table does
 * not exist yet). */
int bundle_changes_conflicts(struct bundle *b, struct changes_conflict **out, size_t *n,
			     struct qk_err *e);
void changes_conflicts_free(struct changes_conflict *v, size_t n);

#endif

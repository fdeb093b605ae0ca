/* SPDX-License-Identifier: MIT */
/* bundle_reimport.c — an issue that is already in the bundle: finding it
 * (by content, so re-encoded copies are caught) and, for --replace,
 * carrying the metadata edits and edit log of its articles over to the
 * new import.  Runs inside bundle_import's transaction: a refusal rolls
 * everything back. */
#include "config.h"
#include "bundle_internal.h"

#include <stdlib.h>
#include <string.h>

void bundle_existing_free(struct bundle_existing *x)
{
	free(x->title);
	free(x->source_name);
	memset(x, 0, sizeof *x);
}

/* Tries one way of finding the issue; 1 found, 0 not, -1 error. */
static int find_by(struct bundle *b, const char *where, const struct doc *d, const char *why,
		   struct bundle_existing *out, struct qk_err *e)
{
	char *sql = xasprintf("SELECT i.id, i.title, i.source_name, i.source_part FROM issue i "
			      "JOIN publication p ON p.id = i.publication_id WHERE %s ORDER BY i.id LIMIT 2",
			      where);
	sqlite3_stmt *st = bundle_prepare(b, sql, e);
	int rc, found = 0;

	free(sql);
	if (!st)
		return -1;
	/* every query names the same parameters; unused ones are ignored */
	sqlite3_bind_text(st, 1, d->content_sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, d->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, d->part > 0 ? d->part : 1);
	sqlite3_bind_text(st, 4, d->source_name ? d->source_name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, d->title ? d->title : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, d->pub.name ? d->pub.name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, d->pub.publisher ? d->pub.publisher : "", -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (found++)
			break; /* two candidates: not this way (ambiguous) */
		out->id = sqlite3_column_int64(st, 0);
		out->title = bundle_col_str(st, 1);
		out->source_name = bundle_col_str(st, 2);
		out->part = sqlite3_column_int(st, 3);
		out->why = why;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		bundle_existing_free(out);
		return bundle_fail(b, e, "cannot look for the issue");
	}
	if (found != 1) {
		bundle_existing_free(out);
		return 0;
	}
	return 1;
}

int bundle_import_existing(struct bundle *b, const struct doc *d, bool loose, struct bundle_existing *out,
			   struct qk_err *e)
{
	/* The content hash first; issues stored before there was one (NULL)
	 * are found by their source bytes and position in the source. */
	static const struct {
		bool loose;
		const char *why, *where;
	} ways[] = {
		{ false, "same text", "i.content_sha256 = ?1" },
		{ false, "same source bytes",
		  "i.content_sha256 IS NULL AND i.source_sha256 = ?2 AND i.source_part = ?3" },
		/* --replace also takes the issue of a corrected source: the same
		 * file name and part, or the same publication and issue label */
		{ true, "same source file",
		  "?4 NOT IN ('', '-', 'stdin') AND i.source_name = ?4 AND i.source_part = ?3" },
		{ true, "same issue label",
		  "?5 NOT IN ('', '(untitled)') AND i.title = ?5 AND p.name = ?6 AND p.publisher = ?7" },
	};

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < ARRAY_LEN(ways); i++) {
		int rc;

		if (ways[i].loose && !loose)
			continue;
		if (!ways[i].loose && i == 0 && !d->content_sha256[0])
			continue;
		rc = find_by(b, ways[i].where, d, ways[i].why, out, e);
		if (rc)
			return rc;
	}
	return 0;
}

/* An article of the old issue that has edits, and where they go. */
struct kept {
	int64_t old_id, new_id;
	int position;
	char *imported; /* its title as imported (before any title edit) */
	char *now;      /* its title now */
};

struct fresh {
	int64_t id;
	char *title, *toc_title;
	bool taken;
};

/* Titles compare without white space (ASCII and full-width), the way a
 * re-flowed or re-encoded copy of the same text may differ. */
static bool same_title(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	for (;;) {
		while (*a == ' ' || *a == '\t' || !strncmp(a, "\u3000", 3))
			a += *a == ' ' || *a == '\t' ? 1 : 3;
		while (*b == ' ' || *b == '\t' || !strncmp(b, "\u3000", 3))
			b += *b == ' ' || *b == '\t' ? 1 : 3;
		if (*a != *b)
			return false;
		if (!*a)
			return true;
		a++;
		b++;
	}
}

static int load_kept(struct bundle *b, int64_t old, struct kept **out, size_t *n, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT a.id, a.position, coalesce((SELECT l.old_value FROM edit_log l "
					  "WHERE l.article_id = a.id AND l.field = 'title' ORDER BY l.id LIMIT 1), "
					  "a.title), a.title FROM article a WHERE a.issue_id = ? AND EXISTS "
					  "(SELECT 1 FROM edit_log l WHERE l.article_id = a.id) ORDER BY a.position",
					  e);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, old);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct kept *k;

		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		k = &(*out)[(*n)++];
		k->old_id = sqlite3_column_int64(st, 0);
		k->new_id = 0;
		k->position = sqlite3_column_int(st, 1);
		k->imported = bundle_col_str(st, 2);
		k->now = bundle_col_str(st, 3);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read the edited articles");
}

static int load_fresh(struct bundle *b, int64_t issue, struct fresh **out, size_t *n, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT id, title, toc_title FROM article WHERE issue_id = ? ORDER BY position",
					  e);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, issue);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 32;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		(*out)[*n] = (struct fresh){ sqlite3_column_int64(st, 0), bundle_col_str(st, 1),
					     bundle_col_str(st, 2), false };
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read the new articles");
}

static bool fresh_matches(const struct fresh *f, const char *title)
{
	return !f->taken && (same_title(f->title, title) || same_title(f->toc_title, title));
}

/* Pairs each edited article with the new article of the same imported
 * title, at the same position when there is one, else the first free. */
static void match(struct kept *k, size_t nk, struct fresh *f, size_t nf)
{
	for (size_t i = 0; i < nk; i++) {
		size_t p = (size_t)k[i].position;

		if (k[i].position >= 0 && p < nf && fresh_matches(&f[p], k[i].imported)) {
			f[p].taken = true;
			k[i].new_id = f[p].id;
		}
	}
	for (size_t i = 0; i < nk; i++) {
		for (size_t j = 0; !k[i].new_id && j < nf; j++) {
			if (fresh_matches(&f[j], k[i].imported)) {
				f[j].taken = true;
				k[i].new_id = f[j].id;
			}
		}
	}
}

/* The section of the new issue with the same title under a parent of the
 * same title as old section `s` (SQL expression over a section id). */
#define MAP_SECTION(s, issue)                                                                        \
	"(SELECT ns.id FROM section os JOIN section ns ON ns.title = os.title AND ns.issue_id = " issue \
	" LEFT JOIN section op ON op.id = os.parent_id LEFT JOIN section np ON np.id = ns.parent_id "  \
	"WHERE os.id = " s " AND coalesce(op.title, '') = coalesce(np.title, '') "                   \
	"ORDER BY ns.position LIMIT 1)"

/* Moves the edits of old article ?1 to new article ?2: the edited fields'
 * current values, the version, the log and any kept conflicts. */
static const char carry_sql[] =
	"UPDATE article AS n SET "
	"title = iif(k.title, o.title, n.title), subtitle = iif(k.subtitle, o.subtitle, n.subtitle), "
	"author = iif(k.author, o.author, n.author), byline = iif(k.byline, o.byline, n.byline), "
	"source = iif(k.source, o.source, n.source), dateline = iif(k.dateline, o.dateline, n.dateline), "
	"page = iif(k.page, o.page, n.page), "
	"section_id = iif(k.section, " MAP_SECTION("o.section_id", "n.issue_id") ", n.section_id), "
	"version = max(n.version, o.version) "
	"FROM article AS o, (SELECT max(field = 'title') AS title, max(field = 'subtitle') AS subtitle, "
	"max(field = 'author') AS author, max(field = 'byline') AS byline, max(field = 'source') AS source, "
	"max(field = 'dateline') AS dateline, max(field = 'page') AS page, "
	"max(field = 'section') AS section FROM edit_log WHERE article_id = ?1) AS k "
	"WHERE o.id = ?1 AND n.id = ?2;"
	/* the log's section values are section ids: point them at the new ones */
	"UPDATE edit_log SET "
	"old_value = coalesce(" MAP_SECTION("CAST(edit_log.old_value AS INTEGER)", "?3") ", old_value), "
	"new_value = coalesce(" MAP_SECTION("CAST(edit_log.new_value AS INTEGER)", "?3") ", new_value) "
	"WHERE article_id = ?1 AND field = 'section';"
	"UPDATE edit_log SET article_id = ?2 WHERE article_id = ?1;"
	"UPDATE edit_conflict SET article_id = ?2 WHERE article_id = ?1;";

/* Runs carry_sql, one statement after the other, for one pair. */
static int carry_one(struct bundle *b, int64_t old, int64_t new, int64_t issue, struct qk_err *e)
{
	const char *sql = carry_sql;

	while (*sql) {
		sqlite3_stmt *st = NULL;
		const char *tail = NULL;
		int rc;

		if (sqlite3_prepare_v2(b->db, sql, -1, &st, &tail) != SQLITE_OK)
			return bundle_fail(b, e, "cannot prepare the carry-over of edits");
		sql = tail;
		if (!st)
			continue;
		sqlite3_bind_int64(st, 1, old);
		sqlite3_bind_int64(st, 2, new);
		sqlite3_bind_int64(st, 3, issue);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return bundle_fail(b, e, "cannot carry edits over");
	}
	return 0;
}

/* True when an edited section could not be found in the new issue. */
static int section_lost(struct bundle *b, int64_t old, int64_t new, bool *lost, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT o.section_id IS NOT NULL AND n.section_id IS NULL AND EXISTS "
					  "(SELECT 1 FROM edit_log WHERE article_id = n.id AND field = 'section') "
					  "FROM article o, article n WHERE o.id = ?1 AND n.id = ?2",
					  e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, old);
	sqlite3_bind_int64(st, 2, new);
	rc = sqlite3_step(st);
	*lost = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : bundle_fail(b, e, "cannot check the sections");
}

/* "12 “title”, 15 “title”" for the refusal message (at most 10 named). */
static char *name_lost(const struct kept *k, size_t nk, const bool *lost)
{
	struct sb s = { 0 };
	size_t shown = 0, total = 0;

	for (size_t i = 0; i < nk; i++) {
		if (!lost[i])
			continue;
		if (total++ >= 10)
			continue;
		sb_printf(&s, "%s%lld “%s”", shown++ ? ", " : "", (long long)k[i].old_id, k[i].now ? k[i].now : "");
	}
	if (total > shown)
		sb_printf(&s, " and %zu more", total - shown);
	return sb_steal(&s);
}

int bundle_reimport_carry(struct bundle *b, const char *path, int64_t old, int64_t issue, bool discard,
			  struct qk_err *e)
{
	struct kept *k = NULL;
	struct fresh *f = NULL;
	size_t nk = 0, nf = 0, nlost = 0;
	bool *lost = NULL;
	int rc = load_kept(b, old, &k, &nk, e) || load_fresh(b, issue, &f, &nf, e) ? -1 : 0;
	char *sql;

	if (!rc) {
		match(k, nk, f, nf);
		lost = xcalloc(nk + 1, sizeof *lost);
	}
	for (size_t i = 0; !rc && i < nk; i++) {
		lost[i] = !k[i].new_id;
		if (k[i].new_id) {
			rc = carry_one(b, k[i].old_id, k[i].new_id, issue, e) ||
			     section_lost(b, k[i].old_id, k[i].new_id, &lost[i], e) ? -1 : 0;
		}
		nlost += lost[i];
	}
	if (!rc && nlost && !discard) {
		char *names = name_lost(k, nk, lost);

		rc = qk_err_set(e,
				"%s: --replace would lose the edits of %zu article%s that the new text no longer "
				"has: %s; use --discard-edits to replace anyway / 替换会丢失这些文章的修改",
				path, nlost, nlost == 1 ? "" : "s", names);
		free(names);
	}
	if (!rc) {
		/* the old issue goes, with the edits nobody kept (--discard-edits) */
		sql = xasprintf("DELETE FROM issue WHERE id = %lld", (long long)old);
		rc = bundle_exec(b, sql, e);
		free(sql);
	}
	for (size_t i = 0; i < nk; i++) {
		free(k[i].imported);
		free(k[i].now);
	}
	for (size_t i = 0; i < nf; i++) {
		free(f[i].title);
		free(f[i].toc_title);
	}
	free(k);
	free(f);
	free(lost);
	return rc;
}

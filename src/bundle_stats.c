/* SPDX-License-Identifier: MIT */
/* bundle_stats.c — reading what the statistics need: one issue at a time,
 * its sections, then its articles joined with their paragraphs in
 * reading order, fed straight into the accumulator of stats.c. */
#include "config.h"
#include "bundle_internal.h"
#include "bundle_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int feed_sections(struct bundle *b, int64_t issue_id, struct stats *s, struct qk_err *e)
{
	/* In TOC order, which puts a parent before its sub-sections. */
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT id, coalesce(parent_id, 0), title FROM section "
					  "WHERE issue_id = ? ORDER BY position, id",
					  e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, issue_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		stats_add_section(s, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
				  (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read sections");
}

static int feed_articles(struct bundle *b, int64_t issue_id, struct stats *s, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT a.id, coalesce(a.section_id, 0), a.title, a.author, a.byline, "
					  "a.source, coalesce(a.page, 0), a.in_toc, p.text "
					  "FROM article a LEFT JOIN paragraph p ON p.article_id = a.id "
					  "WHERE a.issue_id = ? ORDER BY a.position, a.id, p.position",
					  e);
	int64_t cur = 0;
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, issue_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);

		if (id != cur) {
			struct stats_article_meta m = {
				.id = id,
				.section_id = sqlite3_column_int64(st, 1),
				.title = (const char *)sqlite3_column_text(st, 2),
				.author = (const char *)sqlite3_column_text(st, 3),
				.byline = (const char *)sqlite3_column_text(st, 4),
				.source = (const char *)sqlite3_column_text(st, 5),
				.page = sqlite3_column_int(st, 6),
				.in_toc = sqlite3_column_int(st, 7) != 0,
			};

			stats_begin_article(s, &m);
			cur = id;
		}
		if (sqlite3_column_type(st, 8) != SQLITE_NULL) {
			const char *t = (const char *)sqlite3_column_text(st, 8);

			stats_add_paragraph(s, t, (size_t)sqlite3_column_bytes(st, 8));
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read articles");
}

/* A pass over a whole bundle reads each page once, so a big page cache
 * (bundle.c keeps 32 MB for imports) would only grow the memory used:
 * while an issue is read the cache is held to 2 MB, then put back. */
static int cache_size(struct bundle *b, int *old, int pages, struct qk_err *e)
{
	sqlite3_stmt *st;
	char sql[64];

	if (old) {
		st = bundle_prepare(b, "PRAGMA cache_size", e);
		if (!st)
			return -1;
		*old = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -2000;
		sqlite3_finalize(st);
	}
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", pages);
	return bundle_exec(b, sql, e);
}

static int read_issue(struct bundle *b, int64_t issue_id, struct stats *s, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, "SELECT title FROM issue WHERE id = ?", e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, issue_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			return qk_err_set(e, "%s: no issue %lld / 没有这一期", b->path, (long long)issue_id);
		return bundle_fail(b, e, "cannot read the issue");
	}
	stats_begin_issue(s, issue_id, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (feed_sections(b, issue_id, s, e) || feed_articles(b, issue_id, s, e))
		return -1;
	stats_end_issue(s);
	return 0;
}

int bundle_stats_issue(struct bundle *b, int64_t issue_id, struct stats *s, struct qk_err *e)
{
	int old = 0, rc;

	if (cache_size(b, &old, -2048, e))
		return -1;
	rc = read_issue(b, issue_id, s, e);
	if (cache_size(b, NULL, old, rc ? NULL : e))
		rc = -1;
	return rc;
}

/* ---- an issue from its articles' kept figures ---- */

/* Feeds one issue's articles with their kept figures and authors (no
 * paragraph is read).  The names come as one string split at U+001F. */
static int feed_kept_articles(struct bundle *b, sqlite3_stmt *st, int64_t issue_id, struct stats *s, struct qk_err *e)
{
	int rc;

	sqlite3_bind_int64(st, 1, issue_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct strv names = { 0 };
		const char *all = (const char *)sqlite3_column_text(st, 14);
		struct stats_article_meta m = {
			.id = sqlite3_column_int64(st, 0),
			.section_id = sqlite3_column_int64(st, 1),
			.title = (const char *)sqlite3_column_text(st, 2),
			.page = sqlite3_column_int(st, 3),
			.in_toc = sqlite3_column_int(st, 4) != 0,
			.names = &names,
		};
		struct stats_chars c = {
			.han = (uint64_t)sqlite3_column_int64(st, 9),
			.latin = (uint64_t)sqlite3_column_int64(st, 10),
			.digit = (uint64_t)sqlite3_column_int64(st, 11),
			.punct = (uint64_t)sqlite3_column_int64(st, 12),
			.other = (uint64_t)sqlite3_column_int64(st, 13),
		};

		if (sqlite3_column_type(st, 8) == SQLITE_NULL) {
			sqlite3_reset(st);
			return qk_err_set(e, "%s: the statistics of article %lld are missing (qikan check tells "
					     "more) / 统计数据缺失",
					  b->path, (long long)m.id);
		}
		for (const char *p = all; p && *p;) {
			size_t n = strcspn(p, "\x1f");

			strv_push(&names, xstrndup(p, n));
			p += n + (p[n] != '\0');
		}
		stats_begin_article(s, &m);
		stats_add_figures(s, sqlite3_column_int(st, 8), &c);
		strv_free(&names);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read articles");
}

int bundle_stats_issue_kept(struct bundle *b, int64_t issue_id, struct stats *s, struct qk_err *e)
{
	sqlite3_stmt *iss = bundle_prepare(b, "SELECT title FROM issue WHERE id = ?", e);
	sqlite3_stmt *art = iss ? bundle_prepare(b,
						 "SELECT a.id, coalesce(a.section_id, 0), a.title, coalesce(a.page, 0), "
						 "a.in_toc, NULL, NULL, NULL, st.paragraphs, st.han, st.latin, st.digit, "
						 "st.punct, st.other, "
						 "(SELECT group_concat(n.name, char(31)) FROM article_author n "
						 "WHERE n.article_id = a.id) "
						 "FROM article a LEFT JOIN article_stats st ON st.article_id = a.id "
						 "WHERE a.issue_id = ? ORDER BY a.position, a.id",
						 e)
				: NULL;
	int rc = art ? 0 : -1, step = SQLITE_DONE;

	if (!rc) {
		sqlite3_bind_int64(iss, 1, issue_id);
		step = sqlite3_step(iss);
		if (step == SQLITE_ROW)
			stats_begin_issue(s, issue_id, (const char *)sqlite3_column_text(iss, 0));
		else
			rc = step == SQLITE_DONE ? qk_err_set(e, "%s: no issue %lld / 没有这一期", b->path,
							      (long long)issue_id)
						 : bundle_fail(b, e, "cannot read the issue");
	}
	if (!rc)
		rc = feed_sections(b, issue_id, s, e);
	if (!rc)
		rc = feed_kept_articles(b, art, issue_id, s, e);
	if (!rc)
		stats_end_issue(s);
	sqlite3_finalize(iss);
	sqlite3_finalize(art);
	return rc;
}

int bundle_stats_find_issue(struct bundle *b, const char *spec, int64_t *id, struct qk_err *e)
{
	sqlite3_stmt *st;
	int n = 0, exact = 0, rc;
	int64_t first = 0, first_exact = 0;

	if (str_is_digits(spec)) {
		if (bundle_query_int(b, "SELECT id FROM issue WHERE id = ?1", strtoll(spec, NULL, 10), id, e))
			return -1;
		if (*id)
			return 0;
		return qk_err_set(e, "%s: no issue with id %s / 没有这一期", b->path, spec);
	}
	st = bundle_prepare(b, "SELECT id, title = ?1 FROM issue WHERE instr(title, ?1) > 0 ORDER BY id", e);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!n++)
			first = sqlite3_column_int64(st, 0);
		if (sqlite3_column_int(st, 1) && !exact++)
			first_exact = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return bundle_fail(b, e, "cannot find the issue");
	if (exact == 1 || (exact == 0 && n == 1)) {
		*id = exact ? first_exact : first;
		return 0;
	}
	if (n == 0)
		return qk_err_set(e, "%s: no issue title contains '%s' / 找不到这一期", b->path, spec);
	return qk_err_set(e, "%s: %d issues match '%s'; give an id / 匹配多期", b->path, exact ? exact : n,
			  spec);
}

int bundle_stats_find_section(struct bundle *b, const char *spec, int64_t *issue_id,
			      int64_t *section_id, struct qk_err *e)
{
	sqlite3_stmt *st;
	int rc, n = 0;

	*section_id = 0;
	if (str_is_digits(spec)) {
		st = bundle_prepare(b, "SELECT id, issue_id FROM section WHERE id = ?", e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, strtoll(spec, NULL, 10));
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			int64_t iss = sqlite3_column_int64(st, 1);

			if (*issue_id > 0 && iss != *issue_id) {
				sqlite3_finalize(st);
				return qk_err_set(e, "%s: section %s is not in issue %lld / 栏目不在这一期",
						  b->path, spec, (long long)*issue_id);
			}
			*section_id = sqlite3_column_int64(st, 0);
			*issue_id = iss;
		}
		sqlite3_finalize(st);
		if (rc == SQLITE_ROW)
			return 0;
		if (rc != SQLITE_DONE)
			return bundle_fail(b, e, "cannot find the section");
		return qk_err_set(e, "%s: no section with id %s / 没有这个栏目", b->path, spec);
	}
	st = bundle_prepare(b,
			    "SELECT count(*) FROM section s LEFT JOIN section p ON p.id = s.parent_id "
			    "WHERE (?2 = 0 OR s.issue_id = ?2) "
			    "AND (s.title = ?1 OR p.title || ' > ' || s.title = ?1)",
			    e);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, *issue_id > 0 ? *issue_id : 0);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return bundle_fail(b, e, "cannot find the section");
	if (!n)
		return qk_err_set(e, "%s: no section is called '%s'%s / 没有这个栏目", b->path, spec,
				  *issue_id > 0 ? " in this issue" : "");
	return 0;
}

/* For the whole bundle, summing over every article would cost tens of
 * milliseconds a call on a thousand issues; SQLite counts instead: the
 * data version moves when another connection commits, total_changes when
 * this one writes. */
static int whole_signature(struct bundle *b, uint64_t *sig, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, "PRAGMA data_version", e);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*sig = (uint64_t)sqlite3_column_int64(st, 0) << 32 ^ (uint64_t)sqlite3_total_changes(b->db);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : bundle_fail(b, e, "cannot read the bundle");
}

int bundle_stats_signature(struct bundle *b, int64_t issue_id, uint64_t *sig, struct qk_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (issue_id == 0)
		return whole_signature(b, sig, e);
	st = bundle_prepare(b,
			    "SELECT count(*), coalesce(sum(id * 31 + version), 0), "
			    "coalesce(sum(coalesce(section_id, 0) * 7 + coalesce(page, 0)), 0) "
			    "FROM article WHERE issue_id = ?1",
			    e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, issue_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*sig = (uint64_t)sqlite3_column_int64(st, 0) * 1000003u ^
		       (uint64_t)sqlite3_column_int64(st, 1) * 31u ^ (uint64_t)sqlite3_column_int64(st, 2);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : bundle_fail(b, e, "cannot read the bundle");
}

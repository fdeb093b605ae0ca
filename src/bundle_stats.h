/* SPDX-License-Identifier: MIT */
/* bundle_stats.h — what the statistics (stats.h) read from a bundle.
 * The SQL lives in bundle_stats.c; callers never see it. */
#ifndef QIKAN_BUNDLE_STATS_H
#define QIKAN_BUNDLE_STATS_H

#include <stdint.h>

#include "bundle.h"
#include "stats.h"

/* Feeds one issue to s: stats_begin_issue, its sections, its articles in
 * reading order with their paragraphs, stats_end_issue.  Paragraphs are
 * read one row at a time, so memory does not grow with the issue. */
int bundle_stats_issue(struct bundle *b, int64_t issue_id, struct stats *s, struct qk_err *e);

/* Feeds the whole bundle to s (scope STATS_BUNDLE, no filter) from the
 * figures the bundle keeps per issue (bundle_stats_kept.c): the same
 * figures, lists and ties as bundle_stats_issue for every issue in turn,
 * but about a row an issue is read, no article but those listed.  Call
 * stats_finish after. */
int bundle_stats_all(struct bundle *b, struct stats *s, struct qk_err *e);

/* Feeds one issue as bundle_stats_issue does, but from its articles' kept
 * figures and authors (no paragraph is read, no term counted): what the
 * kept per-issue figures are made from. */
int bundle_stats_issue_kept(struct bundle *b, int64_t issue_id, struct stats *s, struct qk_err *e);

/* Finds an issue from what a user typed: its id, or its title (exactly,
 * or a piece of it that only one issue's title contains). */
int bundle_stats_find_issue(struct bundle *b, const char *spec, int64_t *id, struct qk_err *e);

/* Finds a section from what a user typed.  A number is a section id:
 * *section_id gets it and *issue_id its issue.  Anything else is a title
 * ("理论研究") or a title path ("市州动态 > 西宁市总工会"): it must name at
 * least one section (of issue *issue_id when that is > 0); *section_id is
 * left 0 and the caller filters by the title. */
int bundle_stats_find_section(struct bundle *b, const char *spec, int64_t *issue_id,
			      int64_t *section_id, struct qk_err *e);

/* A number that changes whenever an article of the issue is added,
 * removed or edited (from its articles' ids, versions, sections and
 * pages), so cached figures can be checked cheaply.  For issue_id 0, one
 * that changes whenever anything in the bundle changes, by this
 * connection or another (O(1), from SQLite's change counters). */
int bundle_stats_signature(struct bundle *b, int64_t issue_id, uint64_t *sig, struct qk_err *e);

#endif

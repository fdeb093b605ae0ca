/* SPDX-License-Identifier: MIT */
/* bundle_keys.c — the stable keys of bundle_keys.h, read in two queries
 * (a bundle of a thousand issues has some sixty thousand articles: one
 * pass each, no query per issue). */
#include "config.h"
#include "bundle_keys.h"
#include "bundle_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The same order as bundle_issues() and bundle_toc(). */
#define ISSUE_ORDER "ORDER BY i.year, i.number, i.id"

static int load_issues(struct bundle *b, struct bundle_keys *k, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT i.id, i.content_sha256, i.source_sha256, i.source_part "
					  "FROM issue i " ISSUE_ORDER,
					  e);
	size_t cap = 0;
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 1);
		const char *s = (const char *)sqlite3_column_text(st, 2);
		struct bundle_issue_key *ik;

		if (k->nissues == cap) {
			cap = cap ? cap * 2 : 16;
			k->issues = xrealloc(k->issues, cap * sizeof(*k->issues));
		}
		ik = &k->issues[k->nissues++];
		ik->id = sqlite3_column_int64(st, 0);
		/* The schema checks both hashes are 64 characters; only hex
		 * digits are taken, so a damaged row cannot put a tab or a
		 * newline in the reader's state file. */
		if (c && strlen(c) == 64 && strspn(c, "0123456789abcdef") == 64)
			snprintf(ik->key, sizeof(ik->key), "%s", c);
		else if (s && strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64)
			snprintf(ik->key, sizeof(ik->key), "src-%s-%d", s, sqlite3_column_int(st, 3));
		else
			snprintf(ik->key, sizeof(ik->key), "row-%lld", (long long)ik->id);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot list issues");
}

static int load_articles(struct bundle *b, struct bundle_keys *k, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT a.id, a.issue_id, a.position FROM article a "
					  "JOIN issue i ON i.id = a.issue_id " ISSUE_ORDER ", a.position, a.id",
					  e);
	size_t cap = 0, cur = 0;
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t issue = sqlite3_column_int64(st, 1);

		/* Both lists are in the same issue order. */
		while (cur < k->nissues && k->issues[cur].id != issue)
			cur++;
		if (cur == k->nissues) {
			sqlite3_finalize(st);
			return qk_err_set(e, "the issues changed while they were read; open the bundle again");
		}
		if (k->narticles == cap) {
			cap = cap ? cap * 2 : 64;
			k->articles = xrealloc(k->articles, cap * sizeof(*k->articles));
		}
		k->articles[k->narticles++] = (struct bundle_article_key){
			sqlite3_column_int64(st, 0), cur, sqlite3_column_int(st, 2)
		};
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot list articles");
}

static int cmp_byid(const void *a, const void *b)
{
	int64_t x = ((const struct bundle_key_id *)a)->id, y = ((const struct bundle_key_id *)b)->id;

	return x < y ? -1 : x > y;
}

int bundle_keys_load(struct bundle *b, struct bundle_keys *k, struct qk_err *e)
{
	memset(k, 0, sizeof(*k));
	if (load_issues(b, k, e) || load_articles(b, k, e)) {
		bundle_keys_free(k);
		return -1;
	}
	k->byid = xcalloc(k->narticles ? k->narticles : 1, sizeof(*k->byid));
	for (size_t i = 0; i < k->narticles; i++)
		k->byid[i] = (struct bundle_key_id){ k->articles[i].id, i };
	qsort(k->byid, k->narticles, sizeof(*k->byid), cmp_byid);
	return 0;
}

void bundle_keys_free(struct bundle_keys *k)
{
	free(k->issues);
	free(k->articles);
	free(k->byid);
	memset(k, 0, sizeof(*k));
}

long bundle_keys_article(const struct bundle_keys *k, int64_t id)
{
	size_t lo = 0, hi = k->narticles;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t m = k->byid[mid].id;

		if (m == id)
			return (long)k->byid[mid].i;
		if (m < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

long bundle_keys_find(const struct bundle_keys *k, const char *issue, int position)
{
	size_t lo = 0, hi = k->narticles, is;

	for (is = 0; is < k->nissues && strcmp(k->issues[is].key, issue); is++)
		;
	if (is == k->nissues)
		return -1;
	/* articles are in (issue, position) order */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct bundle_article_key *a = &k->articles[mid];

		if (a->issue == is && a->position == position)
			return (long)mid;
		if (a->issue < is || (a->issue == is && a->position < position))
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

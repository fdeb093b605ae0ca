/* SPDX-License-Identifier: MIT */
/* fuzz_query.c — libFuzzer harness for the search-query parser
 * (src/search_query.c).  Built by `configure --enable-fuzzer CC=clang`;
 * run as
 *   tests/fuzz/fuzz_query -max_total_time=1800 CORPUS tests/fuzz/corpus_query
 * The input is the query, optionally followed by a NUL byte and a text to
 * highlight matches in (up to the next NUL).  What must hold, besides no crash, leak or UB:
 *   - a refused query says why;
 *   - an accepted query's FTS5 expression is one SQLite accepts: the
 *     search runs on a real bundle without error (a user never sees an
 *     FTS5 syntax error for a query the parser let through);
 *   - match spans are sorted, do not overlap and lie inside the text;
 *     snippet spans lie inside the snippet. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_bundle.h"
#include "search.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct bundle *bundle;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *dir = fuzz_tmpdir();
	char *path = xasprintf("%s/q.qikan", dir);

	(void)argc;
	(void)argv;
	bundle = fuzz_make_bundle(path);
	free(path);
	free(dir);
	return 0;
}

static void check_spans(const struct search_span *s, size_t n, size_t len)
{
	size_t end = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i].start < end || s[i].len == 0 || s[i].start + s[i].len > len) {
			fprintf(stderr, "bad span %zu: %zu+%zu (previous end %zu, text %zu bytes)\n", i,
				s[i].start, s[i].len, end, len);
			abort();
		}
		end = s[i].start + s[i].len;
	}
}

static void check_text(const struct search_query *q, const char *text, size_t len)
{
	for (int f = SEARCH_TITLE; f <= SEARCH_ANY; f++) {
		struct search_span *spans = NULL, *sspans = NULL;
		size_t n = search_query_spans(q, (enum search_field)f, text, len, &spans), ns = 0;
		char *snip;

		check_spans(spans, n, len);
		free(spans);
		snip = search_snippet(q, (enum search_field)f, text, len, 40, &sspans, &ns);
		if (snip)
			check_spans(sspans, ns, strlen(snip));
		else if (sspans || ns)
			abort();
		free(snip);
		free(sspans);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *query = xmalloc(size + 1);
	size_t qlen = strnlen((const char *)data, size);
	struct qk_err e = { 0 };
	struct search_query *q;

	memcpy(query, data, qlen);
	query[qlen] = '\0';
	q = search_query_parse(query, &e);
	if (!q) {
		if (!e.msg[0])
			abort(); /* a refusal must say why */
	} else {
		struct search_hits hits = { 0 };
		const char *text = qlen < size ? (const char *)data + qlen + 1 : query;
		/* Text from a bundle never holds a NUL (SQLite hands it over
		 * as a C string), so the text ends at the next one. */
		size_t tlen = qlen < size ? strnlen(text, size - qlen - 1) : qlen;

		if (!search_query_match(q))
			abort();
		check_text(q, text, tlen);
		if (bundle_search(bundle, query, 5, &hits, &e) != 0) {
			fprintf(stderr, "accepted query failed in FTS5: %s\n", e.msg);
			abort();
		}
		for (size_t i = 0; i < hits.n; i++)
			check_spans(hits.v[i].spans, hits.v[i].nspans, strlen(hits.v[i].snippet));
		search_hits_free(&hits);
		search_query_free(q);
	}
	free(query);
	return 0;
}

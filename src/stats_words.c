/* SPDX-License-Identifier: MIT */
/* stats_words.c — the words of one issue's Han text (stats_words.h).
 *
 * Level by level: the bigrams seen WORDS_MIN times, then at every place
 * where two of the last level's words overlap (AB at i, BC at i + 1) the
 * longer run is counted, and kept when words_together() says so.  A word
 * is kept or not for what it is, wherever it stands, so every occurrence
 * of a candidate run is a candidate place and its count is exact. */
#include "config.h"
#include "stats_words.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#define EMITTED (1ULL << 63) /* in a level's counts: reported already */

static uint64_t pair_key(uint32_t a, uint32_t b)
{
	return ((uint64_t)a << 21) | b;
}

void words_issue_add(struct words_issue *w, uint32_t uc)
{
	uint32_t prev = w->n ? w->seq[w->n - 1] : 0;

	if (!uc && !prev)
		return; /* one break is enough */
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 4096;
		w->seq = xrealloc(w->seq, w->cap * sizeof *w->seq);
	}
	w->seq[w->n++] = uc;
	if (uc && prev)
		++*umap_get(&w->bigrams, pair_key(prev, uc), true);
}

/* The UTF-8 of seq[i..i+len) into buf (room for WORDS_MAX characters). */
static size_t utf8_of(const uint32_t *seq, size_t len, char *buf)
{
	size_t o = 0;

	for (size_t k = 0; k < len; k++) {
		int n = u8_uctomb((uint8_t *)buf + o, seq[k], 6);

		if (n > 0)
			o += (size_t)n;
	}
	return o;
}

void words_issue_end(struct words_issue *w, void (*fn)(void *ctx, const char *word, size_t len, uint64_t n),
		     void *ctx)
{
	/* prev[i], cur[i]: the count of the word of the last (this) level
	 * starting at i, 0 where none starts */
	uint32_t *prev, *cur;
	size_t n = w->n;
	int found = 0;

	if (n < 3)
		goto done;
	prev = xcalloc(n, sizeof *prev);
	cur = xcalloc(n, sizeof *cur);
	for (size_t i = 0; i + 1 < n; i++) {
		uint64_t *c;

		if (!w->seq[i] || !w->seq[i + 1])
			continue;
		c = umap_get(&w->bigrams, pair_key(w->seq[i], w->seq[i + 1]), false);
		if (c && *c >= WORDS_MIN) {
			prev[i] = (uint32_t)(*c > UINT32_MAX ? UINT32_MAX : *c);
			found = 1;
		}
	}
	for (size_t len = 3; found && len <= WORDS_MAX; len++) {
		struct smap level = { 0 };
		char buf[WORDS_MAX * 6];
		uint32_t *t;

		for (size_t i = 0; i + len <= n; i++)
			if (prev[i] && prev[i + 1])
				(*smap_get(&level, buf, utf8_of(w->seq + i, len, buf), true))++;
		memset(cur, 0, n * sizeof *cur);
		found = 0;
		for (size_t i = 0; i + len <= n; i++) {
			size_t k;
			uint64_t *c;

			if (!prev[i] || !prev[i + 1])
				continue;
			k = utf8_of(w->seq + i, len, buf);
			c = smap_get(&level, buf, k, false);
			if ((*c & ~EMITTED) < WORDS_MIN || !words_together(*c & ~EMITTED, prev[i], prev[i + 1]))
				continue;
			cur[i] = (uint32_t)(*c & ~EMITTED);
			found = 1;
			if (!(*c & EMITTED)) {
				fn(ctx, buf, k, *c);
				*c |= EMITTED;
			}
		}
		smap_free(&level);
		t = prev;
		prev = cur;
		cur = t;
	}
	free(prev);
	free(cur);
done:
	w->n = 0;
	umap_free(&w->bigrams);
}

void words_issue_free(struct words_issue *w)
{
	free(w->seq);
	umap_free(&w->bigrams);
	memset(w, 0, sizeof *w);
}

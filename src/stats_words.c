/* SPDX-License-Identifier: MIT */
/* stats_words.c — the words of one issue's Han text (stats_words.h).
 *
 * Level by level: the bigrams seen WORDS_MIN times, then at every place
 * where two of the last level's words overlap (AB at i, BC at i + 1) the
 * longer run is counted, and kept when words_together() says so.  Each
 * issue reuses the bigram table of the one before (cleared, not freed).  A word
 * is kept or not for what it is, wherever it stands, so every occurrence
 * of a candidate run is a candidate place and its count is exact. */
#include "config.h"
#include "stats_words.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#define SWAP_RUNS(a, b)           \
	do {                      \
		struct runs t_ = (a); \
		(a) = (b);            \
		(b) = t_;             \
	} while (0)

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

size_t words_utf8(const uint32_t *uc, size_t n, char *buf)
{
	size_t o = 0;

	for (size_t k = 0; k < n && k < WORDS_MAX; k++) {
		int l = u8_uctomb((uint8_t *)buf + o, uc[k], (int)(WORDS_BUF - 1 - o));

		if (l > 0)
			o += (size_t)l;
	}
	buf[o] = '\0';
	return o;
}

/* The levels are counted in 64-bit keys, exactly: a run of one more
 * character is the id its first part got at the level below (ids are
 * dense, from 1) and its last character; a level's map holds the count
 * of a run, and once it is kept its id above bit 32 (KEEP_ID). */
#define KEEP_ID(id) ((uint64_t)(id) << 32)
#define COUNT_OF(v) ((v) & 0xFFFFFFFFu)

static void runs_grow(struct runs *r)
{
	r->cap = r->cap ? r->cap * 2 : 1024;
	r->v = xrealloc(r->v, r->cap * sizeof *r->v);
}

static inline void runs_push(struct runs *r, size_t at, uint32_t id, uint32_t n)
{
	if (r->n == r->cap)
		runs_grow(r);
	r->v[r->n++] = (struct kept_run){ at, id, n };
}

/* Sets id[] and cnt[] from the runs of a level (the previous level's
 * entries, in `old`, are cleared first: the arrays are all zero outside
 * the current level's places). */
static void place(struct words_issue *w, const struct runs *old, const struct runs *now)
{
	for (size_t k = 0; k < old->n; k++)
		w->id[old->v[k].at] = w->cnt[old->v[k].at] = 0;
	for (size_t k = 0; k < now->n; k++) {
		w->id[now->v[k].at] = now->v[k].id;
		w->cnt[now->v[k].at] = now->v[k].n;
	}
}

void words_issue_end(struct words_issue *w, void (*fn)(void *ctx, const char *word, size_t len, uint64_t n),
		     void *ctx)
{
	struct runs cur = w->runs[0], next = w->runs[1], none = { 0 };
	struct umap level = { 0 };
	uint32_t ids = 0;
	size_t n = w->n;

	if (n < 3)
		goto done;
	if (w->idcap < n) {
		free(w->id);
		free(w->cnt);
		w->idcap = n;
		w->id = xcalloc(n, sizeof *w->id);
		w->cnt = xcalloc(n, sizeof *w->cnt);
	}
	/* level 2: the bigrams seen often enough, each given an id, in a
	 * table small enough to stay in the cache while seq is read */
	for (size_t k = 0; k < w->bigrams.cap; k++) {
		const struct uent *u = &w->bigrams.v[k];

		if (u->key && u->val >= WORDS_MIN)
			*umap_get(&level, u->key, true) = KEEP_ID(++ids) | (u->val > UINT32_MAX ? UINT32_MAX : u->val);
	}
	for (size_t i = 0; ids && i + 1 < n; i++) {
		uint64_t *v;

		if (!w->seq[i] || !w->seq[i + 1])
			continue;
		v = umap_get(&level, pair_key(w->seq[i], w->seq[i + 1]), false);
		if (v)
			runs_push(&cur, i, (uint32_t)(*v >> 32), (uint32_t)COUNT_OF(*v));
	}
	umap_free(&level);
	place(w, &none, &cur);
	for (size_t len = 3; cur.n && len <= WORDS_MAX; len++) {
		/* count the runs where two kept runs overlap */
		memset(&level, 0, sizeof level);
		for (size_t k = 0; k < cur.n; k++) {
			size_t i = cur.v[k].at;

			if (i + len <= n && w->id[i + 1])
				++*umap_get(&level, (uint64_t)w->id[i] << 21 | w->seq[i + len - 1], true);
		}
		/* keep those that occur about as often as their pieces */
		next.n = 0;
		for (size_t k = 0; k < cur.n; k++) {
			size_t i = cur.v[k].at;
			uint64_t *v, c;

			if (i + len > n || !w->id[i + 1])
				continue;
			v = umap_get(&level, (uint64_t)w->id[i] << 21 | w->seq[i + len - 1], false);
			c = COUNT_OF(*v);
			if (c < WORDS_MIN || !words_together(c, w->cnt[i], w->cnt[i + 1]))
				continue;
			if (!(*v >> 32)) {
				char buf[WORDS_BUF];

				*v |= KEEP_ID(++ids);
				fn(ctx, buf, words_utf8(w->seq + i, len, buf), c);
			}
			runs_push(&next, i, (uint32_t)(*v >> 32), (uint32_t)c);
		}
		umap_free(&level);
		place(w, &cur, &next);
		SWAP_RUNS(cur, next);
	}
	place(w, &cur, &none); /* all zero again */
	cur.n = next.n = 0;
	w->runs[0] = cur; /* their room kept for the next issue */
	w->runs[1] = next;
done:
	/* emptied, its room kept for the next issue */
	w->n = 0;
	if (w->bigrams.cap)
		memset(w->bigrams.v, 0, w->bigrams.cap * sizeof *w->bigrams.v);
	w->bigrams.n = 0;
}

void words_issue_free(struct words_issue *w)
{
	free(w->seq);
	free(w->id);
	free(w->cnt);
	free(w->runs[0].v);
	free(w->runs[1].v);
	umap_free(&w->bigrams);
	memset(w, 0, sizeof *w);
}

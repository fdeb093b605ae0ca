/* SPDX-License-Identifier: MIT */
/* stats_map.h — hash maps for counting, private to the statistics
 * (stats*.c): string keys (authors, Latin words, section paths) and 64-bit
 * keys (Han bigrams as two code points).  Linear probing, grown at 3/4
 * full; the maps own their keys. */
#ifndef QIKAN_STATS_MAP_H
#define QIKAN_STATS_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct sent {
	char *key; /* NULL: empty slot */
	uint64_t hash, val;
};

struct smap {
	struct sent *v;
	size_t n, cap; /* cap is 0 or a power of two */
};

struct uent {
	uint64_t key, val; /* key 0: empty slot */
};

struct umap {
	struct uent *v;
	size_t n, cap;
};

/* The value slot of key (len bytes), created as 0 when create is set, else
 * NULL when absent.  Slots move when the map grows: use one at once. */
uint64_t *smap_get(struct smap *m, const char *key, size_t len, bool create);
void smap_free(struct smap *m);
void umap_free(struct umap *m);
/* Drops the entries whose value is at most max (keeping those holding
 * keep), rebuilding the table. */
void umap_prune(struct umap *m, uint64_t max, uint64_t keep);
/* Doubles the table (used by umap_get). */
void umap_grow(struct umap *m);
/* Grows the table at once to hold n entries without growing again. */
void umap_reserve(struct umap *m, size_t n);

/* The same for a non-zero 64-bit key: inline, as it runs once for every
 * Han character of a bundle. */
static inline size_t umap_slot(uint64_t key, size_t cap)
{
	key ^= key >> 29;
	key *= 0xbf58476d1ce4e5b9ULL;
	key ^= key >> 32;
	return (size_t)key & (cap - 1);
}

static inline uint64_t *umap_get(struct umap *m, uint64_t key, bool create)
{
	size_t j;

	if (!m->cap) {
		if (!create)
			return NULL;
		umap_grow(m);
	}
	for (j = umap_slot(key, m->cap); m->v[j].key; j = (j + 1) & (m->cap - 1))
		if (m->v[j].key == key)
			return &m->v[j].val;
	if (!create)
		return NULL;
	if ((m->n + 1) * 4 > m->cap * 3) {
		umap_grow(m);
		return umap_get(m, key, true);
	}
	m->v[j].key = key;
	m->v[j].val = 0;
	m->n++;
	return &m->v[j].val;
}

#endif

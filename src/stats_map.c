/* SPDX-License-Identifier: MIT */
/* stats_map.c — the open-addressing hash maps the statistics count in
 * (stats_map.h). */
#include "config.h"
#include "stats_map.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void smap_grow(struct smap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct sent *v = xcalloc(cap, sizeof *v);

	for (size_t i = 0; i < m->cap; i++) {
		size_t j;

		if (!m->v[i].key)
			continue;
		for (j = m->v[i].hash & (cap - 1); v[j].key; j = (j + 1) & (cap - 1))
			;
		v[j] = m->v[i];
	}
	free(m->v);
	m->v = v;
	m->cap = cap;
}

uint64_t *smap_get(struct smap *m, const char *key, size_t len, bool create)
{
	uint64_t h = hash_bytes(key, len);
	size_t j;

	if (!m->cap) {
		if (!create)
			return NULL;
		smap_grow(m);
	}
	for (j = h & (m->cap - 1); m->v[j].key; j = (j + 1) & (m->cap - 1))
		if (m->v[j].hash == h && !strncmp(m->v[j].key, key, len) && !m->v[j].key[len])
			return &m->v[j].val;
	if (!create)
		return NULL;
	if ((m->n + 1) * 4 > m->cap * 3) {
		smap_grow(m);
		return smap_get(m, key, len, true);
	}
	m->v[j].key = xstrndup(key, len);
	m->v[j].hash = h;
	m->v[j].val = 0;
	m->n++;
	return &m->v[j].val;
}

void smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->v[i].key);
	free(m->v);
	memset(m, 0, sizeof *m);
}


void umap_grow(struct umap *m)
{
	umap_reserve(m, m->n + 1);
}

void umap_reserve(struct umap *m, size_t n)
{
	size_t cap = m->cap ? m->cap * 2 : 1024;
	struct uent *v;

	while (n * 4 > cap * 3)
		cap *= 2;
	if (cap <= m->cap)
		return;
	v = xcalloc(cap, sizeof *v);

	for (size_t i = 0; i < m->cap; i++) {
		size_t j;

		if (!m->v[i].key)
			continue;
		for (j = umap_slot(m->v[i].key, cap); v[j].key; j = (j + 1) & (cap - 1))
			;
		v[j] = m->v[i];
	}
	free(m->v);
	m->v = v;
	m->cap = cap;
}

void umap_free(struct umap *m)
{
	free(m->v);
	memset(m, 0, sizeof *m);
}

void umap_prune(struct umap *m, uint64_t max, uint64_t keep)
{
	struct uent *old = m->v;
	size_t cap = m->cap;

	m->v = xcalloc(cap, sizeof *m->v);
	m->n = 0;
	for (size_t i = 0; i < cap; i++) {
		size_t j;

		if (!old[i].key || (old[i].val <= max && old[i].val != keep))
			continue;
		for (j = umap_slot(old[i].key, cap); m->v[j].key; j = (j + 1) & (cap - 1))
			;
		m->v[j] = old[i];
		m->n++;
	}
	free(old);
}

/* SPDX-License-Identifier: MIT */
/* stats_words.h — the words of one issue's Han text, private to the
 * statistics (stats*.c).  Frequent terms are counted as Han bigrams, which
 * cuts a name such as 习近平 into 习近 and 近平.  A longer word is found
 * where its pieces occur together about as often as apart: a trigram ABC
 * is a word of the issue when it occurs at least WORDS_MIN times and at
 * least 4/5 as often as the rarer of AB and BC (so 职工 + 工作 does not
 * make 职工作, which occurs rarely); a longer run likewise from its two
 * overlapping words one shorter, up to WORDS_MAX characters.  Counts are
 * the run's real occurrences in the text, never derived from bigrams. */
#ifndef QIKAN_STATS_WORDS_H
#define QIKAN_STATS_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "stats_map.h"

#define WORDS_MIN 5 /* occurrences in the issue (fewer keeps many pieces of repeated phrases) */
#define WORDS_MAX 8 /* characters */
#define WORDS_BUF (WORDS_MAX * 4 + 1) /* bytes: a word's UTF-8 and its NUL */

/* A word is kept when n >= 4/5 of the rarer of its two pieces. */
static inline int words_together(uint64_t n, uint64_t a, uint64_t b)
{
	return a && b && n * 5 >= (a < b ? a : b) * 4;
}

/* A kept run of the level being made: where, its id and count. */
struct kept_run {
	size_t at;
	uint32_t id, n;
};

struct runs {
	struct kept_run *v;
	size_t n, cap;
};

struct words_issue {
	uint32_t *seq; /* the Han characters read, 0 between runs */
	size_t n, cap;
	struct umap bigrams; /* raw counts of the bigrams of seq */
	/* words_issue_end's work: per place in seq, the id and count of the
	 * run kept there at the level being made; zero between calls */
	uint32_t *id, *cnt;
	size_t idcap;
	struct runs runs[2]; /* and the runs of two levels */
};

/* Adds a Han character, or ends a run (uc 0): anything else read. */
void words_issue_add(struct words_issue *w, uint32_t uc);
/* Calls fn for every word of three or more characters found in what was
 * added (UTF-8, not NUL-terminated, with its count), then empties w. */
void words_issue_end(struct words_issue *w, void (*fn)(void *ctx, const char *word, size_t len, uint64_t n),
		     void *ctx);
void words_issue_free(struct words_issue *w);
/* The UTF-8 of uc[0..n), at most WORDS_MAX characters, NUL-terminated in
 * buf (WORDS_BUF bytes); its length.  Both the counting here and the
 * reading of kept words in stats.c spell words through this one. */
size_t words_utf8(const uint32_t *uc, size_t n, char *buf);

#endif

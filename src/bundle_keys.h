/* SPDX-License-Identifier: MIT */
/* bundle_keys.h — names for issues and articles that stay the same in
 * every copy of a bundle (and in another bundle holding the same issue),
 * for what a reader keeps outside it: read marks, seen issues, bookmarks.
 * Row ids and the bundle's path do not: a copy, a re-import elsewhere or
 * a moved file changes them. */
#ifndef QIKAN_BUNDLE_KEYS_H
#define QIKAN_BUNDLE_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "bundle.h"

/* An issue's key: its content_sha256 (64 hex digits), or for an issue
 * migrated from schema 1, which has none, "src-" + the source file's
 * SHA-256 + "-" + its part.  At most BUNDLE_KEY_MAX - 1 characters,
 * [0-9a-z-] only. */
#define BUNDLE_KEY_MAX 96

struct bundle_issue_key {
	int64_t id;
	char key[BUNDLE_KEY_MAX];
};

/* An article is its issue's key and its position in the issue. */
struct bundle_article_key {
	int64_t id;
	size_t issue; /* index into bundle_keys.issues */
	int position;
};

struct bundle_keys {
	struct bundle_issue_key *issues; /* in the TOC's order */
	size_t nissues;
	struct bundle_article_key *articles; /* in reading order */
	size_t narticles;
	struct bundle_key_id {
		int64_t id;
		size_t i; /* index into articles */
	} *byid; /* sorted by id */
};

/* Loads the keys of every issue and article.  0, or -1 with e set. */
int bundle_keys_load(struct bundle *b, struct bundle_keys *k, struct qk_err *e);
void bundle_keys_free(struct bundle_keys *k);
/* The index in k->articles of an article id, or of an issue key's
 * article at position; -1 when there is none. */
long bundle_keys_article(const struct bundle_keys *k, int64_t id);
long bundle_keys_find(const struct bundle_keys *k, const char *issue, int position);

#endif

/* SPDX-License-Identifier: MIT */
/* bookmarks.h — a reader's bookmarks (收藏, issue #12) as the articles of
 * one bundle, and the list written by `qikan bookmarks` and by `w` in the
 * reader's bookmarks view.  Bookmarks live in the marks file (marks.h),
 * keyed by issue and position; those of issues this bundle does not hold
 * are counted, not shown.  No curses, no SQL. */
#ifndef QIKAN_BOOKMARKS_H
#define QIKAN_BOOKMARKS_H

#include <stddef.h>
#include <stdint.h>

#include "bundle.h"
#include "bundle_keys.h"
#include "marks.h"

struct bookmark_item {
	int64_t article;
	char *issue, *section, *title, *author; /* section and author may be "" */
	int page;                                /* 0 when unknown */
	int64_t when;                            /* when it was bookmarked */
};

struct bookmark_list {
	struct bookmark_item *v; /* newest first */
	size_t n;
	size_t elsewhere; /* bookmarks of issues not in this bundle */
};

int bookmarks_load(struct bundle *b, const struct bundle_keys *k, struct marks *m, struct bookmark_list *out,
		   struct qk_err *e);
void bookmarks_free(struct bookmark_list *l);

enum bookmarks_format {
	BOOKMARKS_TEXT, /* a Markdown list: "- title — issue · section · 第N页" */
	BOOKMARKS_TSV,  /* id, issue, section, title, author, page, bookmarked (UTC) */
	BOOKMARKS_JSON,
};
/* The list in format f; untrusted fields made safe (controls visible). */
void bookmarks_format(const struct bookmark_list *l, enum bookmarks_format f, struct sb *out);

#endif

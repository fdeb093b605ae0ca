/* SPDX-License-Identifier: MIT */
/* search.h — full-text search of a bundle (DESIGN.md §6), for the CLI and
 * the TUI.  The index lives in the bundle (bundle_search.c, the only SQL);
 * queries are parsed and matches found in text by search_query.c, with
 * the tokenizer of search_tokenizer.h, so what is highlighted is exactly
 * what the index found.
 *
 * Query syntax (what a user types):
 *   工会 劳模          both (AND is implied between terms)
 *   工会 AND 劳模      the same; OR and NOT too: 工会 NOT 劳模, (青海 OR 西宁) 工会
 *   "labour hero"      a phrase: the words next to each other (“…” works too)
 *   户外劳动者         Chinese text is always found as written (a phrase);
 *                      one character finds every occurrence.  In a quoted
 *                      phrase a space between Chinese words must be a
 *                      break in the text too: "全国 劳模" finds 全国 劳模
 *                      and 全国，劳模, not 全国劳模 (that is "全国劳模")
 *   work*              prefix of a Latin word
 *   title:工会         only in one field: title, subtitle, author, body
 *                      (or 标题, 副标题, 作者, 正文)
 * Latin letters are case-folded and full-width ＡＢＣ１２３ match abc123.
 * Operators are upper-case; NOT needs something before it (a NOT b). */
#ifndef QIKAN_SEARCH_H
#define QIKAN_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "bundle.h"
#include "util.h"

/* A byte range in some text. */
struct search_span {
	size_t start, len;
};

/* The fields of an article that are indexed. */
enum search_field {
	SEARCH_TITLE,
	SEARCH_SUBTITLE,
	SEARCH_AUTHOR,
	SEARCH_BODY,
	SEARCH_ANY, /* text of no particular field: every term applies */
};

/* A parsed query; free with search_query_free(). */
struct search_query;

/* Parses what the user typed.  Bad syntax (an unclosed quote, a stray
 * parenthesis, an operator with nothing on one side, nothing searchable)
 * returns NULL with a message in e that says what and where. */
struct search_query *search_query_parse(const char *text, struct qk_err *e);
void search_query_free(struct search_query *q);

/* The FTS5 MATCH expression for the query (owned by q). */
const char *search_query_match(const struct search_query *q);

/* Where the query's terms occur in text[0..len) (a field of an article,
 * or a paragraph of the body: SEARCH_BODY).  Terms after NOT are not
 * matches.  Returns the number of spans, sorted and not overlapping, in
 * *out (caller frees; NULL when there are none). */
size_t search_query_spans(const struct search_query *q, enum search_field field, const char *text,
			  size_t len, struct search_span **out);

/* A one-line piece of text around the first match, at most about
 * max_chars characters, with "…" where it was cut; *spans get the
 * matches inside it.  Returns NULL (and no spans) when text has no
 * match.  Caller frees the string and *spans. */
char *search_snippet(const struct search_query *q, enum search_field field, const char *text,
		     size_t len, size_t max_chars, struct search_span **spans, size_t *nspans);

/* One article found. */
struct search_hit {
	int64_t article_id, issue_id;
	char *issue_title;   /* 2023年第2期 */
	char *section_title; /* "市州动态 > 海西州总工会"; "" when none */
	char *title;
	char *author;        /* NULL when none */
	int page;            /* 0 when unknown */
	char *snippet;       /* one line around the first match (see search_snippet) */
	struct search_span *spans; /* the matches inside snippet */
	size_t nspans;
	double rank;         /* bm25 as FTS5 reports it: lower is better */
};

struct search_hits {
	struct search_hit *v;
	size_t n;
	size_t total; /* articles that match in all (n <= total) */
};

/* Searches the bundle: the best `limit` articles (0: all of them), best
 * first.  A bundle made before it had an index gets one built now when
 * it is writable; a read-only one without an index is an error that says
 * so.  Returns 0, or -1 with e set.  Free out with search_hits_free(). */
int bundle_search(struct bundle *b, const char *query, int limit, struct search_hits *out,
		  struct qk_err *e);
void search_hits_free(struct search_hits *h);

/* Rebuilds the whole index (one transaction). */
int bundle_search_rebuild(struct bundle *b, struct qk_err *e);

#endif

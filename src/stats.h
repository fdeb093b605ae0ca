/* SPDX-License-Identifier: MIT */
/* stats.h — figures about a bundle, an issue or a section (DESIGN.md §5):
 * articles, paragraphs, characters by class, reading time, pages covered,
 * articles per author, longest and shortest articles, articles missing
 * from the printed table of contents, and the most frequent terms.
 *
 * Pure computation: no SQL, no curses.  bundle_stats.c reads a bundle and
 * feeds it here issue by issue, article by article, paragraph by
 * paragraph, so a whole bundle is one streaming pass whose memory grows
 * only with the number of distinct terms, authors and sections.
 *
 * Rules (documented for users in doc/stats-json.txt):
 * - Characters are counted in the body paragraphs, one per Unicode code
 *   point, by class: Han (script Han), Latin (letters of script Latin,
 *   full-width ones included), digits (general category Nd), punctuation
 *   (category P*), other (any other character that is not white space or a
 *   control: symbols such as □ ①, kana, Greek...).  White space is not
 *   counted.  "chars" below always means the sum of the five classes.
 * - Reading time is chars / chars_per_minute, rounded up.
 * - Pages: an issue covers its first to its last known start page.  A
 *   section covers from the start page of its first article to the page
 *   before the first article of the next section in reading order (a
 *   following section that is not one of its sub-sections), but at least
 *   to its own last start page; the last section runs to the issue's last
 *   known start page.  A bundle or a section title across issues sums the
 *   pages of each issue.
 * - A section's figures include its sub-sections'.  Across issues (bundle
 *   scope) sections are merged by their title path ("市州动态 > 西宁市总工会").
 * - Authors: the names in the article's author field and the name at the
 *   end of its byline ("□ 青海日报社 姚斌" -> 姚斌); when neither gives a
 *   name, the source ("来源：新华网" -> 新华网).  Names are NFKC-normalised,
 *   labels such as 文/ 记者 通讯员 are dropped and letter spacing inside a
 *   Han name ("王  东") is removed.  An article counts once per author.
 * - Terms: overlapping bigrams inside runs of Han characters, and Latin
 *   words (runs of Latin letters, lower-cased, at least two letters).  A
 *   term on the stop list is not counted; a one-character Han stop word
 *   removes every bigram containing it.
 * - Words: runs of three to WORDS_MAX Han characters found in each issue
 *   as stats_words.h says (习近平), counted where found, are listed when
 *   they still occur about as often as the rarer of their two pieces in
 *   all that was counted; a bigram or shorter word is then not listed when
 *   a listed word holding it occurs at least 4/5 as often (习近, 近平).  A
 *   word holding a stop character or stop bigram is not counted. */
#ifndef QIKAN_STATS_H
#define QIKAN_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define STATS_CPM_DEFAULT 400 /* Chinese characters read a minute */
#define STATS_TOP_TERMS 20
#define STATS_TOP_ARTICLES 5
/* Bounds the bigram table (16 bytes an entry, at most 3/4 full) near
 * 32 MB however varied a bundle's text: when it holds this many bigrams,
 * the rarest are dropped (lossy counting), which leaves the frequent terms
 * exact for all practical purposes and makes distinct_terms a lower bound
 * (terms_pruned tells). */
#define STATS_MAX_BIGRAMS (1u << 20)
/* The section of articles that have none, in lists and section tables. */
#define STATS_NO_SECTION "(无栏目 no section)"

enum stats_class { SC_SPACE, SC_HAN, SC_LATIN, SC_DIGIT, SC_PUNCT, SC_OTHER };

struct stats_chars {
	uint64_t han, latin, digit, punct, other;
};

/* The class of one code point (see the rules above). */
enum stats_class stats_classify(uint32_t uc);
/* Adds the characters of len bytes of UTF-8 to c; invalid bytes count as
 * "other", one per byte. */
void stats_count_chars(const char *s, size_t len, struct stats_chars *c);
uint64_t stats_chars_total(const struct stats_chars *c);

struct stats_opts {
	int chars_per_minute;   /* > 0 */
	int top_terms;          /* how many terms to keep */
	int top_articles;       /* how many longest / shortest articles */
	size_t max_bigrams;     /* distinct Han bigrams kept before rare ones are dropped */
	struct strv stop_words; /* added to the built-in list, owned */
	bool no_default_stop;   /* only the words above */
	bool ascii_bars;        /* bar charts in ASCII rather than block characters */
};

void stats_opts_init(struct stats_opts *o);
void stats_opts_free(struct stats_opts *o);
/* Splits a list of stop words (separated by white space, commas, 、 or ；)
 * and adds them to o. */
void stats_opts_add_stop_words(struct stats_opts *o, const char *list);
/* Reads [stats] stop_words and chars_per_minute from config.ini at path,
 * or $XDG_CONFIG_HOME/qikan/config.ini (~/.config/...) when path is NULL.
 * A missing file is not an error; a bad value is reported in warnings as
 * "FILE:LINE: ..." and the default kept. */
void stats_opts_load(struct stats_opts *o, const char *path, struct strv *warnings);
/* True for the keys of [stats] read above (for conf.c's check of keys). */
bool stats_conf_known_key(const char *key);

/* One section's figures (including its sub-sections'). */
struct stats_section {
	int64_t id;      /* section id at issue scope; 0 for "no section" or when merged across issues */
	char *title;     /* "市州动态 > 西宁市总工会" for a sub-section */
	char *name;      /* the last part of title */
	int depth;       /* 0 for a top-level section, 1 for a sub-section, ... */
	int articles, articles_in_toc, paragraphs;
	struct stats_chars chars;
	int first_page, last_page; /* single issue only; 0 when unknown */
	int pages;
};

struct stats_article {
	int64_t id;
	char *title;
	char *issue_title;
	char *section; /* title path, "" when none */
	int page;      /* 0 when unknown */
	uint64_t chars, han;
	int paragraphs;
};

struct stats_count {
	char *name;
	uint64_t n;
	bool latin; /* terms: a Latin word rather than a Han bigram */
	bool word;  /* terms: a Han word of three or more characters */
};

enum stats_scope { STATS_BUNDLE, STATS_ISSUE, STATS_SECTION };

struct stats_acc; /* the accumulator's private state */

struct stats {
	enum stats_scope scope;
	char *issue_title; /* of the first issue fed, NULL before */
	int issues, articles, articles_in_toc, paragraphs;
	struct stats_chars chars;
	int chars_per_minute;
	uint64_t reading_minutes;
	int first_page, last_page; /* single issue only */
	int pages;

	struct stats_section *sections; /* in reading order */
	size_t nsections;
	struct stats_count *authors;    /* most articles first, then by name */
	size_t nauthors;
	int articles_without_author;
	struct stats_article *longest, *shortest; /* most / fewest chars first */
	size_t nlongest, nshortest;
	struct stats_article *not_in_toc; /* in reading order */
	size_t nnot_in_toc;
	struct stats_count *terms;        /* most frequent first */
	size_t nterms;
	uint64_t distinct_terms;
	bool terms_pruned; /* rare bigrams were dropped to bound memory */

	struct stats_acc *acc; /* NULL once finished */
};

/* What the bundle says about one article. */
struct stats_article_meta {
	int64_t id, section_id; /* section_id 0 when none */
	const char *title, *author, *byline, *source; /* may be NULL */
	int page;                                     /* 0 when unknown */
	bool in_toc;
	/* The normalised authors when the bundle keeps them (the same
	 * stats_article_authors() made them); NULL: made from the fields. */
	const struct strv *names;
};

/* Accumulating.  The order of calls is: stats_init; for every issue:
 * stats_begin_issue, stats_add_section for each of its sections (parents
 * before children), then for each article in reading order
 * stats_begin_article and stats_add_paragraph for each paragraph, then
 * stats_end_issue; finally stats_finish.  Free with stats_free (at any
 * point).  o is copied (the stop words too). */
void stats_init(struct stats *s, enum stats_scope scope, const struct stats_opts *o);
/* Limits the figures to the sections with this id (when id > 0) or whose
 * title or title path equals title (when not NULL), and their
 * sub-sections.  Call before the first issue. */
void stats_set_filter(struct stats *s, int64_t section_id, const char *title);
void stats_begin_issue(struct stats *s, int64_t id, const char *title);
void stats_add_section(struct stats *s, int64_t id, int64_t parent_id, const char *title);
void stats_begin_article(struct stats *s, const struct stats_article_meta *m);
void stats_add_paragraph(struct stats *s, const char *text, size_t len);
/* Figures kept by the bundle instead of the article's paragraphs (call
 * after stats_begin_article, for articles whose text is not fed). */
void stats_add_figures(struct stats *s, int paragraphs, const struct stats_chars *c);
/* A stored count of a term (a Han bigram or a lower-cased Latin word) of
 * bodies that were not fed: the stop list applies as to fed text.  For the
 * whole bundle, whose terms the bundle keeps. */
void stats_add_term(struct stats *s, const char *term, size_t len, uint64_t n);
/* About n terms will be added with stats_add_term: room is made at once. */
void stats_expect_terms(struct stats *s, size_t n);
void stats_end_issue(struct stats *s);
void stats_finish(struct stats *s);
void stats_free(struct stats *s);

/* Figures a bundle keeps per issue (bundle_stats_kept.c), for the whole
 * bundle (scope STATS_BUNDLE, no filter) without feeding its articles:
 * each issue's totals and sections as stats_finish left them for that
 * issue alone, added here as stats_end_issue would have added them.  Call
 * these instead of stats_begin_issue ... stats_end_issue, issue after
 * issue in bundle order, each issue's sections in its own order. */
struct stats_issue_kept {
	int articles, articles_in_toc, paragraphs;
	struct stats_chars chars;
	int first_page, last_page; /* 0 when no article has a page */
	int articles_without_author;
};
void stats_add_kept_issue(struct stats *s, const char *title, const struct stats_issue_kept *k);
/* One section of the issue last added (its figures, pages and title path). */
void stats_add_kept_section(struct stats *s, const struct stats_section *sec);
/* An author credited with n articles (the names are kept bundle-wide). */
void stats_add_author(struct stats *s, const char *name, uint64_t n);
enum stats_list { STATS_LONGEST, STATS_SHORTEST, STATS_NOT_IN_TOC };
/* An article for one of the lists: longest and shortest keep the
 * stats_top_articles() with the most (fewest) chars, ties to the article
 * offered first; not-in-TOC keeps all, in the order offered. */
void stats_add_kept_article(struct stats *s, enum stats_list l, const struct stats_article *art);
/* How many longest and shortest articles s keeps. */
int stats_top_articles(const struct stats *s);

/* True when the filter of stats_set_filter matched some section. */
bool stats_filter_matched(const struct stats *s);

/* The normalised author names of an article (see the rules above),
 * appended to out.  Exposed for tests. */
void stats_article_authors(const char *author, const char *byline, const char *source,
			   struct strv *out);
/* A name normalised: NFKC, labels dropped, letter spacing removed.
 * Returns a new string, "" when nothing is left. */
char *stats_normalize_name(const char *s);

/* Raw term counts (Han bigrams, Latin words of two letters or more,
 * lower-cased; no stop list) of body text, as the bundle keeps them for
 * stats_add_term.  Memory grows with the distinct terms only. */
struct stats_terms;
struct stats_terms *stats_terms_new(void);
void stats_terms_add(struct stats_terms *t, const char *text, size_t len);
/* Ends an issue: its bigrams join the counts, and its words of three or
 * more Han characters (stats_words.h) are counted as terms too.  Call
 * after each issue's text, before stats_terms_each. */
void stats_terms_end_issue(struct stats_terms *t);
size_t stats_terms_size(const struct stats_terms *t); /* distinct terms held */
/* Calls fn for every term held (term is not NUL-terminated); stops and
 * returns -1 when fn does. */
int stats_terms_each(const struct stats_terms *t, int (*fn)(void *ctx, const char *term, size_t len, uint64_t n),
		     void *ctx);
void stats_terms_clear(struct stats_terms *t);
void stats_terms_free(struct stats_terms *t);

/* "1,234,567" into buf. */
const char *stats_group(uint64_t n, char *buf, size_t size);

#endif

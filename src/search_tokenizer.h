/* SPDX-License-Identifier: MIT */
/* search_tokenizer.h — the search tokens of a text.  One set of rules for
 * the full-text index (bundle_search.c registers them as the FTS5
 * tokenizer "qikan") and for finding matches to highlight
 * (search_query.c), so what is highlighted is what was found.
 *
 * Rules (DESIGN.md §6):
 * - Han, kana and bopomofo characters ("CJK" below) are taken as runs.
 *   In a document every CJK character has one position and one token:
 *   the bigram it starts, or for the last character of a run its unigram.
 *   A query run of n >= 2 characters is the phrase of its n-1 bigrams,
 *   which occur at consecutive positions exactly where the text contains
 *   the run.  A single character is a prefix: it finds the bigrams it
 *   starts and the unigram of a run's end, so every occurrence.  Runs
 *   never continue across anything else (space, punctuation, a line
 *   break), so no bigram spans two paragraphs.
 * - Letters, digits and marks form words, case-folded and NFKC-normalised
 *   (full-width ＡＢＣ１２３ become abc123).
 * - Everything else separates tokens and is not indexed.
 * No SQL and no curses here. */
#ifndef QIKAN_SEARCH_TOKENIZER_H
#define QIKAN_SEARCH_TOKENIZER_H

#include <stddef.h>

enum search_tok_mode {
	/* A bigram per CJK character, a unigram for the last of a run. */
	SEARCH_TOK_DOCUMENT,
	/* The bigrams of each CJK run.  A run followed by more tokens ends
	 * with the unigram of its last character (in the text that character
	 * ends a run too), so the positions of what follows line up with the
	 * document's.  A single character at the end is a prefix.  The
	 * tokens of one query term form a phrase. */
	SEARCH_TOK_QUERY,
};

/* Flags passed to the token callback. */
#define SEARCH_TOK_CJK 0x1    /* a CJK unigram or bigram, not a word */
#define SEARCH_TOK_PREFIX 0x2 /* query mode: match tokens starting with this */

/* Receives each token: its folded text tok[0..len) (not NUL-terminated,
 * valid only during the call) and the byte range [start, end) of the
 * input it came from.  A non-zero return stops tokenizing and is
 * returned by search_tokenize(). */
typedef int (*search_token_fn)(void *ctx, int flags, const char *tok, size_t len, size_t start,
			       size_t end);

/* Tokenizes text[0..len) (UTF-8; invalid bytes separate tokens). */
int search_tokenize(const char *text, size_t len, enum search_tok_mode mode, search_token_fn fn,
		    void *ctx);

#endif

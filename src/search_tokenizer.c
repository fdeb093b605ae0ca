/* SPDX-License-Identifier: MIT */
/* search_tokenizer.c — CJK unigrams and bigrams, folded words (see the
 * header for the rules).  Built on libunistring's character properties,
 * case folding and normalisation; the common cases (ASCII, CJK Unified
 * Ideographs, full-width ASCII) take a fast path that gives the same
 * answer without a table lookup. */
#include "config.h"
#include "search_tokenizer.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "util.h"

enum char_class { CL_SEP, CL_CJK, CL_WORD };

/* One input character after folding: its class and, for CJK and word
 * characters, its folded UTF-8 bytes p[0..len): the input itself when
 * folding changes nothing (the common case, no copy), else buf.  A
 * non-ASCII word character keeps its own bytes and is folded with its
 * whole word (needs_fold). */
struct folded {
	enum char_class cls;
	bool needs_fold;
	const uint8_t *p;
	int len;
	uint8_t buf[8];
};

struct tok_state {
	enum search_tok_mode mode;
	search_token_fn fn;
	void *ctx;
	/* the CJK run being read */
	const uint8_t *text;
	int run;             /* characters so far */
	const uint8_t *prev; /* its last character, folded: in text or prevbuf */
	uint8_t prevbuf[8];
	int prevlen;
	size_t prev_start, prev_end;
	/* query mode: the last character of a finished run, emitted as a
	 * unigram if another token follows; at the end of the query a run of
	 * one character is emitted as a prefix, a longer one is dropped */
	uint8_t pend[8];
	int pendlen;
	bool pend_single;
	size_t pend_start, pend_end;
	/* the word being read */
	struct sb word;
	bool word_fold;
	size_t word_start, word_end;
};

static bool is_cjk_script(ucs4_t c)
{
	const uc_script_t *s = uc_script(c);

	if (!s)
		return false;
	return !strcmp(s->name, "Han") || !strcmp(s->name, "Hiragana") ||
	       !strcmp(s->name, "Katakana") || !strcmp(s->name, "Bopomofo");
}

/* CJK Unified Ideographs and their extensions: already in normal form. */
static bool is_unified_ideograph(ucs4_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x20000 && c <= 0x2EBEF) || (c >= 0x30000 && c <= 0x323AF);
}

static void fold_ascii(ucs4_t c, struct folded *f)
{
	f->cls = CL_SEP;
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
		f->cls = CL_WORD;
		f->buf[0] = (uint8_t)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		f->p = f->buf;
		f->len = 1;
	}
}

/* A compatibility ideograph or a Kangxi radical as the unified ideograph
 * it stands for (NFKC), when that is a single character. */
static void fold_cjk(ucs4_t c, const uint8_t *src, int srclen, struct folded *f)
{
	size_t n = sizeof f->buf;
	uint8_t *r = u8_normalize(UNINORM_NFKC, src, (size_t)srclen, f->buf, &n);
	ucs4_t first;

	f->cls = CL_CJK;
	if (r && r != f->buf) {
		/* longer than any single character: keep the original */
		free(r);
		r = NULL;
	}
	if (!r || u8_mbtouc(&first, f->buf, n) != (int)n) {
		f->p = src;
		f->len = srclen;
		return;
	}
	f->p = f->buf;
	f->len = (int)n;
	(void)c;
}

static void fold_char(ucs4_t c, const uint8_t *src, int srclen, struct folded *f)
{
	f->needs_fold = false;
	f->len = 0;
	if (c < 0x80) {
		fold_ascii(c, f);
		return;
	}
	if (c >= 0xFF01 && c <= 0xFF5E) { /* full-width ASCII */
		fold_ascii(c - 0xFEE0, f);
		return;
	}
	if (is_unified_ideograph(c)) {
		f->cls = CL_CJK;
		f->p = src;
		f->len = srclen;
		return;
	}
	if (c == 0xFFFD || (c >= 0x2000 && c <= 0x206F) || c == 0x3000) {
		f->cls = CL_SEP; /* invalid bytes, general punctuation, ideographic space */
		return;
	}
	if (c == 0x30FC || /* katakana-hiragana prolonged sound mark */
	    (is_cjk_script(c) &&
	     (uc_is_general_category(c, UC_CATEGORY_L) || uc_is_general_category(c, UC_CATEGORY_N) ||
	      (c >= 0x2E80 && c <= 0x2FDF) /* radicals */))) {
		fold_cjk(c, src, srclen, f);
		return;
	}
	if (uc_is_general_category(c, UC_CATEGORY_L) || uc_is_general_category(c, UC_CATEGORY_N) ||
	    uc_is_general_category(c, UC_CATEGORY_M)) {
		f->cls = CL_WORD;
		f->needs_fold = true;
		f->p = src;
		f->len = srclen;
		return;
	}
	f->cls = CL_SEP;
}

/* Something follows the pending character: it ends a run in the text
 * too, so its unigram is there. */
static int flush_pending(struct tok_state *st)
{
	int len = st->pendlen;

	st->pendlen = 0;
	if (!len)
		return 0;
	return st->fn(st->ctx, SEARCH_TOK_CJK, (const char *)st->pend, (size_t)len, st->pend_start, st->pend_end);
}

static int emit(struct tok_state *st, int flags, const void *tok, size_t len, size_t start, size_t end)
{
	int rc = flush_pending(st);

	return rc ? rc : st->fn(st->ctx, flags, tok, len, start, end);
}

static int end_word(struct tok_state *st)
{
	uint8_t *folded = NULL;
	size_t n = 0;
	int rc;

	if (!st->word.len)
		return 0;
	if (st->word_fold)
		folded = u8_casefold((const uint8_t *)st->word.s, st->word.len, NULL, UNINORM_NFKC, NULL, &n);
	if (folded)
		rc = emit(st, 0, folded, n, st->word_start, st->word_end);
	else
		rc = emit(st, 0, st->word.s, st->word.len, st->word_start, st->word_end);
	free(folded);
	sb_clear(&st->word);
	st->word_fold = false;
	return rc;
}

static int end_run(struct tok_state *st)
{
	int n = st->run, rc;

	st->run = 0;
	if (n == 0)
		return 0;
	/* the last character of a run: its unigram in a document */
	if (st->mode == SEARCH_TOK_DOCUMENT)
		return emit(st, SEARCH_TOK_CJK, st->prev, (size_t)st->prevlen, st->prev_start, st->prev_end);
	rc = flush_pending(st);
	if (rc)
		return rc;
	memcpy(st->pend, st->prev, (size_t)st->prevlen);
	st->pendlen = st->prevlen;
	st->pend_single = n == 1;
	st->pend_start = st->prev_start;
	st->pend_end = st->prev_end;
	return 0;
}

/* Every character of a run but the last gets the bigram it starts. */
static int add_cjk(struct tok_state *st, const struct folded *f, size_t start, size_t end)
{
	int rc = 0;

	if (st->run > 0) {
		if (st->prev == st->text + st->prev_start && f->p == st->text + start) {
			/* neither was folded: the bigram is the input itself */
			rc = emit(st, SEARCH_TOK_CJK, st->prev, end - st->prev_start, st->prev_start, end);
		} else {
			uint8_t bi[16];

			memcpy(bi, st->prev, (size_t)st->prevlen);
			memcpy(bi + st->prevlen, f->p, (size_t)f->len);
			rc = emit(st, SEARCH_TOK_CJK, bi, (size_t)(st->prevlen + f->len), st->prev_start, end);
		}
	}
	if (f->p == f->buf) {
		memcpy(st->prevbuf, f->buf, (size_t)f->len);
		st->prev = st->prevbuf;
	} else {
		st->prev = f->p;
	}
	st->prevlen = f->len;
	st->prev_start = start;
	st->prev_end = end;
	st->run++;
	return rc;
}

static void add_word_char(struct tok_state *st, const struct folded *f, size_t start, size_t end)
{
	if (!st->word.len)
		st->word_start = start;
	sb_add(&st->word, (const char *)f->p, (size_t)f->len);
	st->word_fold |= f->needs_fold;
	st->word_end = end;
}

int search_tokenize(const char *text, size_t len, enum search_tok_mode mode, search_token_fn fn, void *ctx)
{
	const uint8_t *s = (const uint8_t *)text;
	struct tok_state st = { .mode = mode, .fn = fn, .ctx = ctx, .text = s };
	size_t i = 0;
	int rc = 0;

	while (!rc && i < len) {
		struct folded f;
		ucs4_t c;
		int n;

		if (s[i] < 0x80) {
			c = s[i];
			n = 1;
		} else if ((s[i] & 0xF0) == 0xE0 && i + 2 < len && (s[i + 1] & 0xC0) == 0x80 &&
			   (s[i + 2] & 0xC0) == 0x80 && (c = (ucs4_t)(s[i] & 0x0F) << 12 |
							 (ucs4_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F)) >= 0x800 &&
			   (c < 0xD800 || c > 0xDFFF)) {
			n = 3; /* the usual case for Chinese: decoded here, not by a call */
		} else {
			n = u8_mbtouc(&c, s + i, len - i);
		}
		fold_char(c, s + i, n, &f);
		if (f.cls != CL_WORD)
			rc = end_word(&st);
		if (!rc && f.cls != CL_CJK)
			rc = end_run(&st);
		if (!rc && f.cls == CL_CJK)
			rc = add_cjk(&st, &f, i, i + (size_t)n);
		else if (!rc && f.cls == CL_WORD)
			add_word_char(&st, &f, i, i + (size_t)n);
		i += (size_t)n;
	}
	if (!rc)
		rc = end_word(&st);
	if (!rc)
		rc = end_run(&st);
	/* Nothing follows the last run of a query.  A longer run ends in a
	 * bigram, which says all; a single character may start a bigram in
	 * the text, or end a run there (its unigram): a prefix finds both. */
	if (!rc && st.pendlen && st.pend_single)
		rc = st.fn(st.ctx, SEARCH_TOK_CJK | SEARCH_TOK_PREFIX, (const char *)st.pend, (size_t)st.pendlen,
			   st.pend_start, st.pend_end);
	sb_free(&st.word);
	return rc;
}

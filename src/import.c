/* SPDX-License-Identifier: MIT */
/* import.c — plain-text issue -> struct doc.  The steps live in
 * import_encoding.c (bytes -> UTF-8), import_text.c (lines, predicates),
 * import_toc.c (front matter, TOC) and import_body.c (articles). */
#include "config.h"
#include "import.h"
#include "import_priv.h"
#include "sha256.h"

#include <stdio.h>
#include <stdlib.h>

static void report(struct imp *im)
{
	struct doc *d = im->d;

	d->toc_entries = (int)im->ntoc;
	d->toc_unmatched = 0;
	for (size_t j = 0; j < im->ntoc; j++) {
		if (im->toc[j].article >= 0)
			continue;
		d->toc_unmatched++;
		doc_warn(d, DOC_WARN_UNMATCHED, im->toc[j].line,
			 "table of contents entry \"%s\" (page %d) has no article in the body",
			 im->toc[j].title, im->toc[j].page);
	}
}

/* The content hash: the non-blank lines of the issue, trimmed, joined by
 * one line feed.  Encoding, BOM, line ends and trailing blanks of the
 * copy do not change it. */
static void content_hash(struct imp *im, size_t from, size_t to, char hex[65])
{
	struct sha256 c;
	unsigned char out[32];

	sha256_init(&c);
	for (size_t i = from; i < to; i++) {
		if (i > from)
			sha256_update(&c, "\n", 1);
		sha256_update(&c, im->lines[i].s, im->lines[i].len);
	}
	sha256_final(&c, out);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", out[i]);
}

static void imp_free(struct imp *im)
{
	for (size_t j = 0; j < im->ntoc; j++) {
		free(im->toc[j].title);
		free(im->toc[j].author);
		imp_key_free(&im->toc[j].key);
	}
	free(im->toc);
	for (size_t i = 0; i < im->nvlines; i++)
		free(im->vtext[i]);
	free(im->vtext);
	free(im->vlines);
	free(im->hashes);
	free(im->lines);
	free(im->text);
}

static int parse_one(const char *buf, size_t len, const char *name, const struct import_style *st,
		     struct doc *d, struct qk_err *e)
{
	struct imp im = { .d = d, .st = st };
	size_t textlen;

	doc_init(d);
	d->part = 1;
	d->verdict = DOC_REVIEW;
	if (imp_decode(buf, len, &im.text, &textlen, d, e) < 0)
		goto fail;
	sha256_hex(buf, len, d->sha256);
	d->source_name = xstrdup(name ? name : "");
	imp_split_lines(&im, textlen);
	if (im.nlines == 0) {
		qk_err_set(e, "no text: the file holds only white space");
		goto fail;
	}
	content_hash(&im, 0, im.nlines, d->content_sha256);
	imp_clean_ocr(&im);
	if (imp_parse_toc(&im) == 0)
		doc_warn(d, DOC_WARN_STRUCTURE, 0,
			 "no table of contents found: articles were split by guesswork");
	imp_parse_body(&im);
	report(&im);
	if (d->narticles == 0) {
		qk_err_set(e, "no articles found");
		goto fail;
	}
	imp_free(&im);
	return 0;
fail:
	imp_free(&im);
	doc_free(d);
	return -1;
}

/* The default style, loaded once for callers that pass none. */
static struct import_style *default_style;

static const struct import_style *style_or_default(const struct import_style *st, struct qk_err *e)
{
	if (st)
		return st;
	if (!default_style && import_style_load(&default_style, NULL, e) < 0)
		return NULL;
	return default_style;
}

int import_parse_all(const char *buf, size_t len, const char *name, const struct import_style *st,
		     struct doc **docs, size_t *ndocs, struct qk_err *e)
{
	struct doc *d;

	*docs = NULL;
	*ndocs = 0;
	e->msg[0] = '\0';
	e->line = 0;
	if (!(st = style_or_default(st, e)))
		return -1;
	d = xcalloc(1, sizeof *d);
	if (parse_one(buf, len, name, st, d, e) < 0) {
		free(d);
		return -1;
	}
	*docs = d;
	*ndocs = 1;
	return 0;
}

int import_parse(const char *buf, size_t len, const char *name, struct doc *d, struct qk_err *e)
{
	struct doc *docs;
	size_t n;

	doc_init(d);
	if (import_parse_all(buf, len, name, NULL, &docs, &n, e) < 0)
		return -1;
	*d = docs[0];
	for (size_t i = 1; i < n; i++)
		doc_free(&docs[i]);
	free(docs);
	return 0;
}

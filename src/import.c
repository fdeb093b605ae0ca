/* SPDX-License-Identifier: MIT */
/* import.c — plain-text issue -> struct doc.  The steps live in
 * import_encoding.c (bytes -> UTF-8), import_text.c (lines, predicates),
 * import_toc.c (front matter, TOC) and import_body.c (articles). */
#include "config.h"
#include "import.h"
#include "import_priv.h"
#include "sha256.h"

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

static void imp_free(struct imp *im)
{
	for (size_t j = 0; j < im->ntoc; j++) {
		free(im->toc[j].title);
		free(im->toc[j].author);
		imp_key_free(&im->toc[j].key);
	}
	free(im->toc);
	free(im->lines);
	free(im->text);
}

int import_parse(const char *buf, size_t len, const char *name, struct doc *d, struct qk_err *e)
{
	struct imp im = { .d = d };
	size_t textlen;

	doc_init(d);
	e->msg[0] = '\0';
	e->line = 0;
	if (imp_decode(buf, len, &im.text, &textlen, d, e) < 0)
		goto fail;
	sha256_hex(buf, len, d->sha256);
	d->source_name = xstrdup(name ? name : "");
	imp_split_lines(&im, textlen);
	if (im.nlines == 0) {
		qk_err_set(e, "no text: the file holds only white space");
		goto fail;
	}
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

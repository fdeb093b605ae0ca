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
#include <string.h>

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
	memset(im, 0, sizeof *im);
}

/* ---- issue.split: several issues in one source ---- */

/* Lines a new issue may start with before its label: its TOC heading,
 * or the periodical's name as the source's first line gives it. */
static size_t back_up(const struct imp *m, size_t from, size_t i)
{
	for (int k = 0; k < 2 && i > from + 1; k++) {
		const char *prev = m->lines[i - 1].s;

		if (imp_toc_heading_at(m, i - 1) || strcmp(prev, m->lines[0].s) == 0)
			i--;
		else
			break;
	}
	return i;
}

/* Where the issue that starts at line `from` ends: at a later TOC
 * heading or issue label that comes after body text and starts a new
 * front (a label of another issue, or a TOC with paged entries), so a
 * running header repeating this issue's label splits nothing. */
static bool new_front_follows(struct imp *m, size_t i)
{
	for (size_t k = i + 1; k < m->nlines && k < i + 40; k++)
		if (imp_is_paged_entry(m, m->lines[k].s))
			return true;
	return false;
}

static size_t issue_end(struct imp *m, size_t from)
{
	struct imp_label cur = { 0, 0, NULL }, lab;
	bool have = false, text = false;

	for (size_t i = from; i < m->nlines; i++) {
		const char *s = m->lines[i].s;
		bool cand;

		size_t chars = imp_chars(s);

		/* body text: a long line, or a sentence */
		if (chars > 40 || (chars >= 15 && (str_ends(s, "。") || str_ends(s, "！") || str_ends(s, "？")))) {
			text = text || !imp_is_paged_entry(m, s);
			continue;
		}
		cand = text && imp_toc_heading_at(m, i) > 0;
		if (imp_label_match(m->st, s, &lab)) {
			free(lab.name);
			if (!have) {
				cur = lab;
				have = true;
			} else if (text && (lab.year != cur.year || lab.number != cur.number)) {
				cand = true;
			}
		}
		if (cand && new_front_follows(m, i))
			return back_up(m, from, i);
	}
	return m->nlines;
}

/* One issue: lines [from, to) of the source m. */
static int parse_part(struct imp *m, size_t from, size_t to, bool md, struct doc *d, struct qk_err *e)
{
	struct imp im = { .d = d, .st = m->st, .lines = m->lines + from, .nlines = to - from };

	content_hash(&im, 0, im.nlines, d->content_sha256);
	imp_clean_ocr(&im);
	imp_back_matter(&im, md);
	if (md) {
		imp_parse_markdown(&im);
	} else {
		if (imp_parse_toc(&im) == 0)
			doc_warn(d, DOC_WARN_STRUCTURE, 0,
				 "no table of contents found: articles were split by guesswork");
		imp_parse_body(&im);
	}
	imp_self_check(&im);
	imp_free(&im);
	if (d->narticles == 0)
		return qk_err_set(e, "no articles found");
	return 0;
}

static int parse_source(const char *buf, size_t len, const char *name, const struct import_style *st,
			struct doc **docs, size_t *ndocs, struct qk_err *e)
{
	struct imp m = { .st = st };
	struct doc first;
	size_t textlen, from = 0, n = 0, cap = 0;
	struct doc *out = NULL;
	char *text = NULL;
	int rc = -1;
	bool md;

	doc_init(&first);
	if (imp_decode(buf, len, &text, &textlen, &first, e) < 0)
		goto done;
	m.text = text;
	m.d = &first;
	imp_split_lines(&m, textlen);
	if (m.nlines == 0) {
		qk_err_set(e, "no text: the file holds only white space");
		goto done;
	}
	md = imp_is_markdown(&m, name);
	while (from < m.nlines) {
		size_t to = md ? imp_markdown_issue_end(&m, from) : issue_end(&m, from);
		struct doc *d;

		if (n == cap) {
			cap = cap ? 2 * cap : 2;
			out = xrealloc(out, cap * sizeof *out);
		}
		d = &out[n++];
		if (n == 1) {
			*d = first;
			doc_init(&first);
		} else {
			doc_init(d);
			d->encoding = xstrdup(out[0].encoding);
		}
		d->part = (int)n;
		d->verdict = DOC_REVIEW;
		sha256_hex(buf, len, d->sha256);
		d->source_name = xstrdup(name ? name : "");
		if (parse_part(&m, from, to, md, d, e) < 0)
			goto done;
		from = to;
	}
	*docs = out;
	*ndocs = n;
	out = NULL;
	n = 0;
	rc = 0;
done:
	for (size_t i = 0; i < n; i++)
		doc_free(&out[i]);
	free(out);
	doc_free(&first);
	free(m.lines);
	free(text);
	return rc;
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
	*docs = NULL;
	*ndocs = 0;
	e->msg[0] = '\0';
	e->line = 0;
	if (!(st = style_or_default(st, e)))
		return -1;
	return parse_source(buf, len, name, st, docs, ndocs, e);
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

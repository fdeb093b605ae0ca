/* SPDX-License-Identifier: MIT */
/* import_check.c — the importer judges its own result (never silently
 * wrong).  Each check is named; a check that doubts the structure adds a
 * warning (per article, with the field concerned and a suggested value
 * where there is one) and the verdict becomes REVIEW.  CERTAIN is
 * left only when every check passed and no earlier pass warned of
 * anything but notes and an encoding conversion.
 *
 *   check.title_differs  TOC and body word a title differently: both kept
 *                        (title = body, toc_title = TOC), field "title",
 *                        suggestion the TOC wording
 *   check.unmatched      TOC entries without a body article
 *   check.glued          an unmatched TOC title found inside a paragraph:
 *                        a heading glued into the text
 *   check.page_order     pages of matched articles go backwards
 *   check.length         an article far longer than its page span allows
 *   check.empty          an article without text
 *   check.label          no issue label found
 *   check.coverage       most of the body outside the TOC's articles
 *   check.byline_inside  a byline line inside an article's text: an
 *                        article (its title the line before?) glued in */
#include "config.h"
#include "import_priv.h"

#include <stdlib.h>
#include <string.h>

/* Characters one printed page holds at most (a dense A4 page of Han text
 * is about 1,500; twice that leaves room for small print). */
#define PAGE_CHARS 3000

static bool review_kind(enum doc_warning_kind k)
{
	return k != DOC_WARN_NOTE && k != DOC_WARN_ENCODING;
}

static bool keys_equal_str(const char *a, const char *b)
{
	struct imp_key x, y;
	bool same;

	imp_title_key(&x, a, SIZE_MAX);
	imp_title_key(&y, b, SIZE_MAX);
	same = imp_key_eq(&x, &y);
	imp_key_free(&x);
	imp_key_free(&y);
	return same;
}

static void check_title_differs(struct imp *im)
{
	struct doc *d = im->d;

	for (size_t j = 0; j < im->ntoc; j++) {
		const struct imp_toc_entry *t = &im->toc[j];
		struct doc_article *a;
		char *with_sub;
		bool same;

		if (t->article < 0)
			continue;
		a = &d->articles[t->article];
		same = keys_equal_str(a->title, t->title);
		if (!same && a->subtitle) {
			/* the TOC folds the subtitle into its title */
			with_sub = xasprintf("%s%s", a->title, a->subtitle);
			same = keys_equal_str(with_sub, t->title);
			free(with_sub);
		}
		if (same)
			continue;
		free(a->toc_title);
		a->toc_title = xstrdup(t->title);
		doc_warn_article(d, DOC_WARN_TITLE_DIFFERS, a->line, t->article, "title", t->title,
				 "title \"%s\" reads \"%s\" in the table of contents (line %d)", a->title,
				 t->title, t->line);
	}
}

/* Does some paragraph hold the key k?  Returns the article, or -1. */
static int find_in_text(const struct doc *d, const struct imp_key *k, int *line)
{
	for (size_t i = 0; i < d->narticles; i++)
		for (size_t p = 0; p < d->articles[i].npara; p++) {
			struct imp_key pk;
			bool found = false;

			imp_key_make(&pk, d->articles[i].paras[p].text, SIZE_MAX);
			for (size_t o = 0; o + k->n <= pk.n && !found; o++)
				found = memcmp(pk.c + o, k->c, k->n * sizeof *k->c) == 0;
			imp_key_free(&pk);
			if (found) {
				*line = d->articles[i].paras[p].line;
				return (int)i;
			}
		}
	return -1;
}

/* Looking for glued headings costs a pass over the text per entry: done
 * for this many unmatched entries at most (more means the TOC and body
 * do not belong together anyway, which the warnings say). */
#define GLUED_MAX 40

static void check_unmatched(struct imp *im)
{
	struct doc *d = im->d;
	int searched = 0;

	for (size_t j = 0; j < im->ntoc; j++) {
		const struct imp_toc_entry *t = &im->toc[j];
		int line = 0, a;

		if (t->article >= 0)
			continue;
		doc_warn(d, DOC_WARN_UNMATCHED, t->line,
			 "table of contents entry \"%s\" (page %d) has no article in the body", t->title,
			 t->page);
		if (t->key.n >= 4 && searched++ < GLUED_MAX && (a = find_in_text(d, &t->key, &line)) >= 0)
			doc_warn_article(d, DOC_WARN_LOW_CONFIDENCE, line, a, "title", t->title,
					 "the title \"%s\" of the table of contents is inside a paragraph here: a heading glued into the text?",
					 t->title);
	}
}

static size_t article_chars(const struct doc_article *a)
{
	size_t n = 0;

	for (size_t p = 0; p < a->npara; p++)
		n += imp_chars(a->paras[p].text);
	return n;
}

static void check_pages(struct imp *im)
{
	struct doc *d = im->d;
	int prev = -1, prev_page = 0;

	for (size_t i = 0; i < d->narticles; i++) {
		const struct doc_article *a = &d->articles[i];
		int next_page = 0;

		if (!a->in_toc || a->page <= 0)
			continue;
		if (prev >= 0 && a->page < prev_page)
			doc_warn_article(d, DOC_WARN_LOW_CONFIDENCE, a->line, (int)i, "page", NULL,
					 "page %d comes after page %d of the article before: TOC and body disagree on the order",
					 a->page, prev_page);
		for (size_t k = i + 1; k < d->narticles && !next_page; k++)
			if (d->articles[k].in_toc && d->articles[k].page > 0)
				next_page = d->articles[k].page >= a->page ? d->articles[k].page : -1;
		if (next_page > 0) {
			size_t span = (size_t)(next_page - a->page) + 1, n = article_chars(a);

			if (n > span * PAGE_CHARS)
				doc_warn_article(d, DOC_WARN_LOW_CONFIDENCE, a->line, (int)i, NULL, NULL,
						 "article of %zu characters on %zu page(s) (%d to %d): headings glued into it?",
						 n, span, a->page, next_page);
		}
		prev = (int)i;
		prev_page = a->page;
	}
}

static void check_articles(struct imp *im)
{
	struct doc *d = im->d;
	size_t chars_toc = 0, chars_all = 0;

	for (size_t i = 0; i < d->narticles; i++) {
		const struct doc_article *a = &d->articles[i];
		size_t n = article_chars(a);

		chars_all += n;
		if (a->in_toc)
			chars_toc += n;
		if (a->npara == 0)
			doc_warn_article(d, DOC_WARN_LOW_CONFIDENCE, a->line, (int)i, NULL, NULL,
					 "article \"%s\" has no text", a->title);
	}
	if (im->ntoc && chars_all && 2 * chars_toc < chars_all)
		doc_warn(d, DOC_WARN_LOW_CONFIDENCE, 0,
			 "only %zu of %zu characters of text are in articles of the table of contents",
			 chars_toc, chars_all);
	if (!d->title)
		doc_warn(d, DOC_WARN_LOW_CONFIDENCE, 0,
			 "no issue label (such as 2024年第5期) found: set it with qikan set");
}

static void check_byline_inside(struct imp *im)
{
	struct doc *d = im->d;

	for (size_t i = 0; i < d->narticles; i++) {
		const struct doc_article *a = &d->articles[i];

		for (size_t p = 1; p < a->npara; p++) {
			char *by = imp_byline_marked(im->st, a->paras[p].text);
			const char *prev = a->paras[p - 1].text;

			if (!by)
				continue;
			free(by);
			doc_warn_article(d, DOC_WARN_LOW_CONFIDENCE, a->paras[p].line, (int)i, "title",
					 imp_chars(prev) <= 40 ? prev : NULL,
					 "a byline inside the text of \"%s\": another article glued in here?", a->title);
		}
	}
}

void imp_self_check(struct imp *im)
{
	struct doc *d = im->d;
	bool review = false, text = false;

	d->toc_entries = (int)im->ntoc;
	d->toc_unmatched = 0;
	for (size_t j = 0; j < im->ntoc; j++)
		d->toc_unmatched += im->toc[j].article < 0;
	check_title_differs(im);
	check_unmatched(im);
	check_pages(im);
	check_articles(im);
	check_byline_inside(im);
	for (size_t i = 0; i < d->nwarnings; i++)
		review = review || review_kind(d->warnings[i].kind);
	for (size_t i = 0; i < d->narticles; i++)
		text = text || d->articles[i].npara > 0;
	if (!text) {
		d->verdict = DOC_REFUSED;
		doc_warn(d, DOC_WARN_LOW_CONFIDENCE, 0,
			 "refused: no article holds any text; nothing of this issue would be readable");
	} else {
		d->verdict = review ? DOC_REVIEW : DOC_CERTAIN;
	}
}

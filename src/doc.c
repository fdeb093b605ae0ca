/* SPDX-License-Identifier: MIT */
/* doc.c — the in-memory issue: appenders and freeing. */
#include "config.h"
#include "doc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define GROW(arr, n, cap)                                                       \
	do {                                                                    \
		if ((n) == (cap)) {                                             \
			(cap) = (cap) ? (cap) * 2 : 8;                          \
			(arr) = xrealloc((arr), (cap) * sizeof *(arr));         \
		}                                                               \
	} while (0)

void doc_init(struct doc *d)
{
	memset(d, 0, sizeof *d);
}

static void publication_free(struct doc_publication *p)
{
	free(p->name);
	free(p->publisher);
	free(p->permit);
	free(p->department);
	free(p->address);
	free(p->email);
	free(p->phone);
	free(p->postcode);
	free(p->note);
}

static void article_free(struct doc_article *a)
{
	free(a->kicker);
	free(a->title);
	free(a->subtitle);
	free(a->author);
	free(a->byline);
	free(a->source);
	free(a->dateline);
	free(a->toc_title);
	for (size_t i = 0; i < a->npara; i++)
		free(a->paras[i].text);
	free(a->paras);
}

void doc_free(struct doc *d)
{
	free(d->title);
	free(d->source_name);
	free(d->encoding);
	publication_free(&d->pub);
	for (size_t i = 0; i < d->nmasthead; i++) {
		free(d->masthead[i].role);
		free(d->masthead[i].names);
	}
	free(d->masthead);
	for (size_t i = 0; i < d->nsections; i++)
		free(d->sections[i].title);
	free(d->sections);
	for (size_t i = 0; i < d->narticles; i++)
		article_free(&d->articles[i]);
	free(d->articles);
	for (size_t i = 0; i < d->nwarnings; i++) {
		free(d->warnings[i].msg);
		free(d->warnings[i].field);
		free(d->warnings[i].suggestion);
	}
	free(d->warnings);
	memset(d, 0, sizeof *d);
}

struct doc_section *doc_add_section(struct doc *d, const char *title, int parent, int line)
{
	struct doc_section *s;

	GROW(d->sections, d->nsections, d->capsections);
	s = &d->sections[d->nsections++];
	s->title = xstrdup(title);
	s->parent = parent;
	s->line = line;
	return s;
}

struct doc_article *doc_add_article(struct doc *d)
{
	struct doc_article *a;

	GROW(d->articles, d->narticles, d->caparticles);
	a = &d->articles[d->narticles++];
	memset(a, 0, sizeof *a);
	a->section = -1;
	return a;
}

struct doc_masthead *doc_add_masthead(struct doc *d, const char *role, const char *names, int line)
{
	struct doc_masthead *m;

	GROW(d->masthead, d->nmasthead, d->capmasthead);
	m = &d->masthead[d->nmasthead++];
	m->role = xstrdup(role);
	m->names = xstrdup(names);
	m->line = line;
	return m;
}

void doc_article_add_para(struct doc_article *a, const char *text, int line)
{
	GROW(a->paras, a->npara, a->cappara);
	a->paras[a->npara].text = xstrdup(text);
	a->paras[a->npara].line = line;
	a->npara++;
}

static void warn_push(struct doc *d, enum doc_warning_kind kind, int line, int article,
		      const char *field, const char *suggestion, char *msg)
{
	struct doc_warning *w;

	GROW(d->warnings, d->nwarnings, d->capwarnings);
	w = &d->warnings[d->nwarnings++];
	w->kind = kind;
	w->line = line;
	w->article = article;
	w->field = field ? xstrdup(field) : NULL;
	w->suggestion = suggestion ? xstrdup(suggestion) : NULL;
	w->msg = msg;
}

void doc_warn(struct doc *d, enum doc_warning_kind kind, int line, const char *fmt, ...)
{
	struct sb b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	warn_push(d, kind, line, -1, NULL, NULL, sb_steal(&b));
}

void doc_warn_article(struct doc *d, enum doc_warning_kind kind, int line, int article,
		      const char *field, const char *suggestion, const char *fmt, ...)
{
	struct sb b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	warn_push(d, kind, line, article, field, suggestion, sb_steal(&b));
}

/* SPDX-License-Identifier: MIT */
/* model.c — freeing the structs of model.h. */
#include "config.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

void model_toc_free(struct model_toc *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->rows[i].title);
		free(t->rows[i].author);
	}
	free(t->rows);
	t->rows = NULL;
	t->n = 0;
}

void model_article_free(struct model_article *a)
{
	if (!a)
		return;
	free(a->issue_title);
	free(a->section_title);
	free(a->kicker);
	free(a->title);
	free(a->subtitle);
	free(a->author);
	free(a->byline);
	free(a->source);
	free(a->dateline);
	for (size_t i = 0; i < a->npara; i++)
		free(a->paras[i]);
	free(a->paras);
	for (size_t i = 0; i < a->nnotes; i++)
		free(a->notes[i]);
	free(a->notes);
	free(a);
}

void model_issues_free(struct model_issue *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].title);
		free(v[i].publication);
	}
	free(v);
}

void model_reviews_free(struct model_review *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].issue_title);
		free(v[i].title);
		free(v[i].kind);
		free(v[i].field);
		free(v[i].message);
		free(v[i].suggestion);
		free(v[i].current);
	}
	free(v);
}

/* SPDX-License-Identifier: MIT */
/* model.h — what the views and the CLI read from a bundle, as plain structs
 * the caller owns.  Loaded through bundle.h; no SQL and no curses here. */
#ifndef QIKAN_MODEL_H
#define QIKAN_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct model_issue {
	int64_t id;
	char *title;       /* 2023年第2期 */
	char *publication; /* publication name or publisher, may be "" */
	int year, number;
	int narticles;
};

enum model_row_kind { ROW_ISSUE, ROW_SECTION, ROW_ARTICLE };

/* One row of a table of contents: issues > sections > sub-sections > articles,
 * in reading order.  depth is 0 for issues, 1 for sections, 2 for
 * sub-sections or articles of a section, and so on. */
struct model_toc_row {
	enum model_row_kind kind;
	int depth;
	int64_t id;         /* issue, section or article id, by kind */
	int64_t issue_id;
	int64_t section_id; /* 0 when none */
	char *title;
	char *author;       /* articles only, may be NULL */
	int page;           /* articles only, 0 when unknown */
	bool in_toc;        /* articles only */
	bool review;        /* articles only: import warnings wait for review */
};

struct model_toc {
	struct model_toc_row *rows;
	size_t n;
};

struct model_article {
	int64_t id, issue_id, section_id;
	char *issue_title;
	char *section_title; /* "市州动态 > 海西州总工会" for a sub-section; may be "" */
	char *kicker; /* 引题 above the title; NULL when absent */
	char *title, *subtitle, *author, *byline, *source, *dateline; /* NULL when absent */
	int page;
	bool in_toc;
	int version;
	char **paras;
	size_t npara;
	char **notes; /* import warnings still waiting for review (raw text) */
	size_t nnotes;
};

/* One item of the review queue (`qikan review`, DESIGN.md §7): an import
 * warning about an article (or its whole issue, article_id 0) that was
 * not dealt with yet. */
struct model_review {
	int64_t warning_id, issue_id, article_id;
	char *issue_title;
	char *title;      /* the article's title now; NULL for the issue */
	char *kind;       /* ocr, unmatched, title, byline, structure, ... */
	char *field;      /* the article field concerned, or NULL */
	char *message;
	char *suggestion; /* a proposed value for that field, or NULL */
	char *current;    /* the field's value now, or NULL */
	int line;         /* source line, 0 when none */
};

void model_toc_free(struct model_toc *t);
void model_article_free(struct model_article *a);
void model_issues_free(struct model_issue *v, size_t n);
void model_reviews_free(struct model_review *v, size_t n);

#endif

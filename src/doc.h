/* SPDX-License-Identifier: MIT */
/* doc.h — one imported issue held in memory.  The importer fills it in
 * (import.c), the bundle stores it (bundle_import.c), tests inspect it.
 * Everything is owned by the doc; free with doc_free(). */
#ifndef QIKAN_DOC_H
#define QIKAN_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct doc_publication {
	char *name;       /* e.g. 青海工运; may be NULL when the text never names it */
	char *publisher;  /* 主办 */
	char *permit;     /* 准印证号 */
	char *department; /* 编辑部门 */
	char *address;    /* 地址 */
	char *email;      /* 邮箱 */
	char *phone;      /* 电话(传真) */
	char *postcode;   /* 邮编 */
	char *note;       /* e.g. 内部资料 免费交流 */
};

struct doc_masthead {
	char *role;  /* 主编 */
	char *names; /* names separated by single spaces */
	int line;
};

struct doc_section {
	char *title;
	int parent; /* index of the parent section, -1 for a top-level one */
	int line;
};

struct doc_paragraph {
	char *text;
	int line; /* source line where the paragraph starts */
};

struct doc_article {
	int section;     /* index into doc.sections, -1 when none */
	char *kicker;    /* 引题: the line(s) printed above the title, joined; NULL if none */
	char *title;
	char *subtitle;  /* the "——" line, without the dashes; NULL if none */
	char *author;    /* from the TOC " / name" or the byline's last name */
	char *byline;    /* the "□" line without the box; NULL if none */
	char *source;    /* e.g. 来源：新华网 or 城北区总工会; NULL if none */
	char *dateline;  /* e.g. 2023年2月17日; NULL if none */
	int page;        /* start page from the TOC, 0 when unknown */
	bool in_toc;
	int line;        /* source line of the title */
	int line_end;    /* last source line of the article */
	char *toc_title; /* the TOC's wording when it differs from title, else NULL */
	struct doc_paragraph *paras;
	size_t npara, cappara;
};

enum doc_warning_kind {
	DOC_WARN_OCR,        /* OCR debris cleaned */
	DOC_WARN_UNMATCHED,  /* TOC entry without a body article */
	DOC_WARN_ENCODING,   /* replaced bytes, converted encoding */
	DOC_WARN_STRUCTURE,  /* anything else the reader should know */
	DOC_WARN_TITLE_DIFFERS,  /* TOC and body word the title differently */
	DOC_WARN_BYLINE_GUESSED, /* a byline taken from a bare name line */
	DOC_WARN_LOW_CONFIDENCE, /* the self-check doubts the structure */
	DOC_WARN_NOTE,           /* for information only: needs no review */
};

struct doc_warning {
	enum doc_warning_kind kind;
	int line;
	int article;      /* index into doc.articles, -1 for the issue */
	char *field;      /* article field concerned (title, author, ...), or NULL */
	char *suggestion; /* proposed value for `qikan set`, or NULL */
	char *msg;
};

/* The importer's judgement of its own result: CERTAIN only when the
 * structure is certain, REVIEW when it was kept but needs a look,
 * REFUSED when nothing should be written. */
enum doc_verdict { DOC_CERTAIN, DOC_REVIEW, DOC_REFUSED };

struct doc {
	char *title;        /* e.g. 2023年第2期 */
	int part;           /* 1-based position of this issue in its source */
	char content_sha256[65]; /* of the decoded, normalised text of this issue */
	enum doc_verdict verdict;
	int year, number;   /* 0 when unknown */
	char *source_name;  /* file name given to the importer */
	char sha256[65];    /* of the raw source bytes, lower-case hex */
	char *encoding;     /* "UTF-8" or "GB18030" */
	struct doc_publication pub;

	struct doc_masthead *masthead;
	size_t nmasthead, capmasthead;
	struct doc_section *sections;
	size_t nsections, capsections;
	struct doc_article *articles;
	size_t narticles, caparticles;
	struct doc_warning *warnings;
	size_t nwarnings, capwarnings;

	/* what the importer found, for its report */
	int toc_entries, toc_matched, toc_unmatched;
	int page_joins;  /* paragraph pieces joined across page breaks */
};

void doc_init(struct doc *d);
void doc_free(struct doc *d);

/* Appenders return the new element, zeroed (section/parent -1). */
struct doc_section *doc_add_section(struct doc *d, const char *title, int parent, int line);
struct doc_article *doc_add_article(struct doc *d);
struct doc_masthead *doc_add_masthead(struct doc *d, const char *role, const char *names, int line);
void doc_article_add_para(struct doc_article *a, const char *text, int line);
void doc_warn(struct doc *d, enum doc_warning_kind kind, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A warning about one article (index, or -1 for the issue) and one of its
 * fields, with a suggested value; field and suggestion may be NULL. */
void doc_warn_article(struct doc *d, enum doc_warning_kind kind, int line, int article,
		      const char *field, const char *suggestion, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

#endif

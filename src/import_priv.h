/* SPDX-License-Identifier: MIT */
/* import_priv.h — shared by the importer's files (import*.c) only.
 *
 * The importer works on one decoded UTF-8 copy of the input, split into
 * non-blank lines in place (each NUL-terminated and trimmed).  Everything
 * else points into that copy or is owned by the struct doc being filled. */
#ifndef QIKAN_IMPORT_PRIV_H
#define QIKAN_IMPORT_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "util.h"

struct imp_line {
	char *s;     /* trimmed text, NUL-terminated, never empty */
	size_t len;  /* bytes */
	int no;      /* 1-based source line number */
	int gap;     /* blank source lines just before this one */
	int indent;  /* leading white space, in columns (U+3000 counts 2) */
	bool brk;    /* a page break (form feed, page-number line) just before */
};

/* One table-of-contents line as import_entry.c reads it. */
struct imp_entry {
	char *title;       /* owned */
	char *author;      /* owned, NULL when none */
	int page;          /* 0 when the line gives none */
	bool bullet;       /* it started with a bullet */
	const char *rule;  /* the rule that read it: "entry.leader", ... */
};

/* An issue label as import_label.c reads it. */
struct imp_label {
	int year, number;
	char *name;        /* owned: the periodical's name in 《》, or NULL */
};

/* A normalised matching key: letters, digits and Han only, full-width
 * ASCII folded, lower case.  Owned by whoever holds it. */
struct imp_key {
	uint32_t *c;
	size_t n;
};

struct imp_toc_entry {
	char *title;    /* as printed in the TOC, author removed */
	char *author;   /* NULL when the TOC names none */
	int page;
	int section;    /* index into doc.sections, -1 before any section */
	int line;
	struct imp_key key;
	int article;    /* index of the matched article, -1 while unmatched */
};

/* A list of words from styles.ini. */
struct imp_list {
	char **v;
	size_t n, cap;
};

struct import_style {
	struct imp_list toc_headings, bullets, author_markers;
	struct imp_list labels;
	struct imp_list byline_markers, byline_roles;
	struct imp_list section_brackets, section_numbered;
	struct imp_list source_markers;
	struct imp_list front_skip;
	struct imp_list back_markers;
};

/* import_style.c: comparisons that ignore white space. */
size_t imp_loose_prefix(const char *s, const char *p);
bool imp_list_equal(const struct imp_list *l, const char *s);
/* Bytes of s taken by the longest word of l that starts it (0: none);
 * *which gets the word when not NULL. */
size_t imp_list_prefix(const struct imp_list *l, const char *s, const char **which);

struct line_hash;

struct imp {
	struct doc *d;
	const struct import_style *st;
	char *text;              /* decoded UTF-8, owned */
	struct imp_line *lines;  /* non-blank lines, in order */
	size_t nlines, caplines;
	struct imp_toc_entry *toc;
	size_t ntoc, captoc;
	size_t body;             /* index into lines of the first body line */
	size_t body_end;         /* the colophon's first line (imp_back_matter()) */
	struct line_hash *hashes; /* title keys of the short lines, sorted */
	size_t nhashes;
	struct imp_line *vlines; /* the TOC lines in reading order (columns) */
	char **vtext;            /* their text, owned */
	size_t nvlines;
	size_t max_title;        /* longest TOC key, in characters */
};

/* import_encoding.c: checks the raw bytes and returns a NUL-terminated UTF-8
 * copy (BOM removed) in *out; sets d->encoding.  -1 and e on bad input. */
int imp_decode(const char *buf, size_t len, char **out, size_t *outlen, struct doc *d,
	       struct qk_err *e);

/* import_text.c: line splitting and the small text predicates. */
void imp_split_lines(struct imp *im, size_t len);
size_t imp_space_len(const char *s);
size_t imp_space_run(const char *s);
void imp_clean_ocr(struct imp *im);
void imp_key_make(struct imp_key *k, const char *s, size_t maxchars);
void imp_key_free(struct imp_key *k);
bool imp_key_eq(const struct imp_key *a, const struct imp_key *b);
bool imp_key_prefix(const struct imp_key *whole, const struct imp_key *part);
size_t imp_key_dist(const struct imp_key *a, const struct imp_key *b, size_t limit);
size_t imp_chars(const char *s);
size_t imp_chars_n(const char *s, size_t n);
size_t imp_prefix_bytes(const char *s, size_t nchars);
char *imp_collapse_space(const char *s);
/* s without ASCII or ideographic spaces, in a caller-owned copy. */
char *imp_squeeze(const char *s);
bool imp_is_dash_line(const char *s);
bool imp_ends_sentence(const char *s, size_t len);
bool imp_starts_no_break(const char *s);
bool imp_is_numbered_heading(const char *s);
size_t imp_ordinal_len(const char *s);
bool imp_starts_paragraph(const char *s);
bool imp_is_dateline(const char *s);
bool imp_is_source_only(const char *s);
size_t imp_trailing_source(const char *s, size_t len);
bool imp_is_title_like(const char *s);
char *imp_strip_wrap(const char *s);
const char *imp_last_token(const char *s);

/* import_entry.c: a TOC line; false when it has no entry syntax. */
bool imp_entry_parse(const struct import_style *st, const char *line, struct imp_entry *en);
void imp_entry_free(struct imp_entry *en);

/* import_label.c: an issue label in a short line. */
bool imp_label_match(const struct import_style *st, const char *line, struct imp_label *out);

/* import_toc.c: front matter, masthead, publication sidebar, TOC.
 * Sets im->body.  Returns the number of TOC entries found. */
size_t imp_parse_toc(struct imp *im);
bool imp_is_paged_entry(const struct imp *im, const char *s);
/* Adds a copy of en as a TOC entry. */
void imp_add_toc_entry(struct imp *im, struct imp_entry *en, int section, int line);

/* import_md.c: Markdown input. */
bool imp_is_markdown(const struct imp *m, const char *name);
void imp_parse_markdown(struct imp *im);
size_t imp_markdown_issue_end(const struct imp *m, size_t from);
/* Lines taken by a TOC heading at line i ("目录", or "目"/"录"), 0: none. */
size_t imp_toc_heading_at(const struct imp *im, size_t i);
/* The key of a title without its ordinal ("1. ", "一、"). */
void imp_title_key(struct imp_key *k, const char *s, size_t maxchars);
/* The first line after `after` whose title key is k, or SIZE_MAX. */
size_t imp_reappears(const struct imp *im, const struct imp_key *k, size_t after);
/* A section title as shown: "【健康之窗】" -> "健康之窗"; owned. */
char *imp_section_name(const struct import_style *st, const char *s);

/* import_check.c: scores the result, adds warnings, sets the verdict. */
void imp_self_check(struct imp *im);

/* import_text.c: where the colophon at the end starts; its lines are
 * kept as notes.  Sets im->body_end. */
void imp_back_matter(struct imp *im, bool md);

/* import_body.c: articles and paragraphs from im->body on. */
char *imp_byline_names(const struct import_style *st, const char *text);
char *imp_byline_marked(const struct import_style *st, const char *s);
/* A trailing "（来源：…）" of the last paragraph becomes a->source. */
void imp_take_source(struct doc_article *a);
void imp_parse_body(struct imp *im);

#endif

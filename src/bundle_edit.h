/* SPDX-License-Identifier: MIT */
/* bundle_edit.h — editing an article's metadata: one save is one
 * transaction that changes the article, bumps its version and writes one
 * edit_log row per changed field.  Undo is a save of its own.
 *
 * Fields (names as stored in edit_log.field):
 *   title     text, must not be empty
 *   subtitle, author, byline, source, dateline
 *             text; an empty value clears the field (NULL)
 *   section   a section of the article's own issue, given as its id, its
 *             title, or "parent > title"; empty means no section.  The log
 *             stores the section *id* as decimal text (titles may repeat
 *             across issues; the id restores exactly), so old_value and
 *             new_value of a section row are ids; bundle_edit_log() adds
 *             the titles for display.
 *   page      the start page, a whole number from 1 to the issue's last
 *             known page: the highest start page of any article of the
 *             issue (the bundle knows no page count; a start page past the
 *             last article's start is what we can refuse).  When no article
 *             of the issue has a page, 1..9999.
 * Text values are trimmed; control characters are refused.
 *
 * Versions: article.version starts at 1 and grows by one with every save
 * and every undo; edit_log.version is the version the save produced.  A
 * save that names the version it was based on (expect_version > 0) is
 * refused with EDIT_STALE when the article has moved on, reporting what
 * the others changed — never a silent overwrite. */
#ifndef QIKAN_BUNDLE_EDIT_H
#define QIKAN_BUNDLE_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "bundle.h"
#include "util.h"

enum edit_field {
	EDIT_TITLE, EDIT_SUBTITLE, EDIT_AUTHOR, EDIT_BYLINE,
	EDIT_SECTION, EDIT_PAGE, EDIT_SOURCE, EDIT_DATELINE,
	EDIT_NFIELDS
};

/* The stored name ("title") and a label for people ("title / 标题"). */
const char *edit_field_name(enum edit_field f);
const char *edit_field_label(enum edit_field f);
/* Accepts the stored names, a few aliases (start_page) and the Chinese
 * labels (标题, 作者, 栏目, 页码 ...).  Returns -1 when unknown. */
int edit_field_lookup(const char *name);

/* Who is editing: $QIKAN_USER, else the login name, else "uid N".
 * Caller frees. */
char *edit_who(void);
/* A name for the log: 1 to EDIT_WHO_MAX bytes of visible characters
 * (str_is_visible_text).  A $QIKAN_USER that is not one is replaced by the uid. */
#define EDIT_WHO_MAX 128
bool edit_valid_who(const char *who);
/* An edit time as the log writes it: YYYY-MM-DDTHH:MM:SSZ. */
bool edit_valid_time(const char *at);

/* Return values besides 0 and -1. */
enum { EDIT_STALE = 1, EDIT_INVALID = 2, EDIT_NOTHING = 3 };

struct edit_change {
	enum edit_field field;
	const char *value; /* as the user typed it; NULL or "" clears */
};

/* A change someone else saved after the version a form was based on. */
struct edit_other {
	enum edit_field field;
	char *value;   /* the value now in the bundle (section: its title) */
	char *who, *at;
	int version;
};

struct edit_result {
	int64_t article_id;
	int64_t batch;    /* the edit_log batch written; 0 when none */
	int version;      /* the article's version now */
	int nchanged;     /* fields that changed */
	enum edit_field bad_field; /* EDIT_INVALID: the field refused */
	struct edit_other *others; /* EDIT_STALE: what changed meanwhile */
	size_t nothers;
};
void edit_result_free(struct edit_result *r);

/* Checks one value for an article without saving: 0, or EDIT_INVALID
 * with the reason in e (bilingual, no file name: fit for a form). */
int bundle_edit_check(struct bundle *b, int64_t article_id, enum edit_field f, const char *value,
		      struct qk_err *e);

/* Saves changes to one article in one transaction.  Fields whose value
 * does not change are skipped; when nothing changes, returns EDIT_NOTHING
 * and writes nothing.  expect_version 0 means "whatever is there".
 * Returns 0, EDIT_STALE (r->others filled), EDIT_INVALID (r->bad_field),
 * EDIT_NOTHING, or -1 on failure (read-only bundle, I/O); e says why.
 * r is filled in every case; free it with edit_result_free(). */
int bundle_edit_save(struct bundle *b, int64_t article_id, int expect_version,
		     const struct edit_change *changes, size_t n, const char *who,
		     struct edit_result *r, struct qk_err *e);

/* Undoes a batch (0: the newest batch that is neither an undo nor undone,
 * optionally only among those of article_id when it is > 0).  Refused
 * (EDIT_STALE) when a field was changed again since, so that undo never
 * destroys a later edit.  Returns 0, EDIT_NOTHING, EDIT_STALE or -1. */
int bundle_edit_undo(struct bundle *b, int64_t batch, int64_t article_id, const char *who,
		     struct edit_result *r, struct qk_err *e);

/* One row of the edit history. */
struct edit_log_row {
	int64_t id, batch, article_id, undoes; /* undoes: 0 when not an undo */
	char *at, *who, *field;
	char *old_value, *new_value;  /* as stored (section: ids) */
	char *old_shown, *new_shown;  /* for people (section: titles) */
	char *article_title;          /* the article's current title */
	int version;
};

/* The history, oldest first; article_id 0 for all articles.  limit > 0
 * keeps only the newest `limit` batches. */
int bundle_edit_log(struct bundle *b, int64_t article_id, int limit, struct edit_log_row **rows,
		    size_t *n, struct qk_err *e);
void edit_log_free(struct edit_log_row *rows, size_t n);

/* For bundle*.c: an article's editable fields as stored (v[EDIT_SECTION]
 * is the section id, v[EDIT_PAGE] the page, as text; NULL when empty).
 * Returns 1 when the article exists, 0 when not, -1 on error; free the
 * fields with bundle_edit_fields_free() in every case. */
struct edit_fields {
	int64_t issue_id;
	int version;
	char *v[EDIT_NFIELDS];
};
int bundle_edit_read_fields(struct bundle *b, int64_t id, struct edit_fields *f, struct qk_err *e);
void bundle_edit_fields_free(struct edit_fields *f);

#endif

/* SPDX-License-Identifier: MIT */
/* bundle_edit.c — metadata edits, their log, undo, and the optimistic
 * concurrency that keeps two editors from overwriting each other
 * (DESIGN.md §7).  The rules are in bundle_edit.h. */
#include "config.h"
#include "bundle_internal.h"
#include "bundle_edit.h"

#include <stdarg.h>
#include <stdio.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

#define EDIT_MAX_BYTES 4000 /* longer than any real title or byline */
#define PAGE_MAX_UNKNOWN 9999

static const struct {
	const char *name, *column, *label, *zh;
	const char *alias;
} fields[EDIT_NFIELDS] = {
	[EDIT_TITLE] = { "title", "title", "title / 标题", "标题", NULL },
	[EDIT_SUBTITLE] = { "subtitle", "subtitle", "subtitle / 副标题", "副标题", NULL },
	[EDIT_AUTHOR] = { "author", "author", "author / 作者", "作者", NULL },
	[EDIT_BYLINE] = { "byline", "byline", "byline / 署名", "署名", NULL },
	[EDIT_SECTION] = { "section", "section_id", "section / 栏目", "栏目", "section_id" },
	[EDIT_PAGE] = { "page", "page", "start page / 页码", "页码", "start_page" },
	[EDIT_SOURCE] = { "source", "source", "source / 来源", "来源", NULL },
	[EDIT_DATELINE] = { "dateline", "dateline", "date line / 日期", "日期", "date" },
};

const char *edit_field_name(enum edit_field f)
{
	return f < EDIT_NFIELDS ? fields[f].name : "?";
}

const char *edit_field_label(enum edit_field f)
{
	return f < EDIT_NFIELDS ? fields[f].label : "?";
}

int edit_field_lookup(const char *name)
{
	for (int i = 0; i < EDIT_NFIELDS; i++)
		if (!strcmp(name, fields[i].name) || !strcmp(name, fields[i].zh) ||
		    (fields[i].alias && !strcmp(name, fields[i].alias)))
			return i;
	return -1;
}

char *edit_who(void)
{
	const char *u = getenv("QIKAN_USER");
	struct passwd *pw;
	char *who;

	if (u && *u)
		who = xstrdup(u);
	else if ((pw = getpwuid(geteuid())) && pw->pw_name && *pw->pw_name)
		who = xstrdup(pw->pw_name);
	else
		who = xasprintf("uid %ld", (long)geteuid());
	/* The name ends up in the log and on other people's screens. */
	if (!edit_valid_who(who)) {
		free(who);
		who = xasprintf("uid %ld", (long)geteuid());
	}
	return who;
}

bool edit_valid_who(const char *who)
{
	size_t n = who ? strlen(who) : 0;

	return n > 0 && n <= EDIT_WHO_MAX && str_is_visible_text(who);
}

bool edit_valid_time(const char *at)
{
	static const char form[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	if (!at || strlen(at) != sizeof form - 1)
		return false;
	for (i = 0; form[i]; i++)
		if (form[i] == 'd' ? (at[i] < '0' || at[i] > '9') : at[i] != form[i])
			return false;
	return true;
}

void edit_result_free(struct edit_result *r)
{
	for (size_t i = 0; i < r->nothers; i++) {
		free(r->others[i].value);
		free(r->others[i].who);
		free(r->others[i].at);
	}
	free(r->others);
	r->others = NULL;
	r->nothers = 0;
}

static bool same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

/* An article's editable fields as text (section: the id), in enum order. */
void bundle_edit_fields_free(struct edit_fields *c)
{
	for (int i = 0; i < EDIT_NFIELDS; i++)
		free(c->v[i]);
}

int bundle_edit_read_fields(struct bundle *b, int64_t id, struct edit_fields *c, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT issue_id, version, title, subtitle, author, byline, "
					  "section_id, page, source, dateline FROM article WHERE id = ?",
					  e);
	int rc;

	memset(c, 0, sizeof *c);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->issue_id = sqlite3_column_int64(st, 0);
		c->version = sqlite3_column_int(st, 1);
		for (int i = 0; i < EDIT_NFIELDS; i++)
			c->v[i] = bundle_col_str(st, 2 + i);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read the article");
}

/* As bundle_edit_read_fields, but a missing article is an error. */
static int load_current(struct bundle *b, int64_t id, struct edit_fields *c, struct qk_err *e)
{
	int rc = bundle_edit_read_fields(b, id, c, e);

	if (rc == 0)
		return qk_err_set(e, "%s: no article %lld / 没有这篇文章", b->path, (long long)id);
	return rc < 0 ? -1 : 0;
}

/* Sets e for a value the user must correct; returns EDIT_INVALID. */
static int invalid(struct qk_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int invalid(struct qk_err *e, const char *fmt, ...)
{
	va_list ap;

	if (e) {
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
		e->line = 0;
	}
	return EDIT_INVALID;
}

static int check_text(const char *s, enum edit_field f, struct qk_err *e)
{
	size_t n = strlen(s);

	if (n > EDIT_MAX_BYTES)
		return invalid(e, "%s is too long (%zu bytes, at most %d) / 内容过长", fields[f].label, n,
			       EDIT_MAX_BYTES);
	if (u8_check((const uint8_t *)s, n))
		return invalid(e, "%s is not valid UTF-8 / 编码无效", fields[f].label);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		/* C0 controls, DEL, and C1 controls (U+0080..U+009F). */
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return invalid(e, "%s contains a control character / 含有控制字符", fields[f].label);
		/* Bidi embeddings, overrides and isolates (U+202A..202E,
		 * U+2066..2069) reorder what follows on screen; U+2028/9 start
		 * a line: a one-line field has no use for them. */
		if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xa8 && p[2] <= 0xae) ||
				     (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)))
			return invalid(e, "%s contains a bidirectional or line-separator control / "
					  "含有控制字符", fields[f].label);
	}
	return 0;
}

/* The issue's page range, see bundle_edit.h. */
static int page_limit(struct bundle *b, int64_t issue_id, int64_t *max, struct qk_err *e)
{
	if (bundle_query_int(b, "SELECT max(page) FROM article WHERE issue_id = ?", issue_id, max, e))
		return -1;
	if (*max <= 0)
		*max = PAGE_MAX_UNKNOWN;
	return 0;
}

static int check_page(struct bundle *b, int64_t issue_id, const char *s, char **out, struct qk_err *e)
{
	int64_t max;
	long long v;

	v = str_is_digits(s) && strlen(s) < 10 ? strtoll(s, NULL, 10) : 0;
	if (v <= 0)
		return invalid(e, "page must be a positive whole number, not '%s' / 页码须为正整数", s);
	if (page_limit(b, issue_id, &max, e))
		return -1;
	if (v > max)
		return invalid(e, "page %lld is beyond this issue (pages 1-%lld) / 页码超出本期范围 (1-%lld)", v,
			       (long long)max, (long long)max);
	*out = xasprintf("%lld", v);
	return 0;
}

/* A section of the issue named by id, title or "parent > title". */
static int check_section(struct bundle *b, int64_t issue_id, const char *s, char **out, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT s.id FROM section s LEFT JOIN section p ON p.id = s.parent_id "
					  "WHERE s.issue_id = ?1 AND (CAST(s.id AS TEXT) = ?2 OR s.title = ?2 "
					  "OR p.title || ' > ' || s.title = ?2) ORDER BY s.id = ?2 DESC, s.position",
					  e);
	int64_t id = 0;
	int n = 0, rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, issue_id);
	sqlite3_bind_text(st, 2, s, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == 0)
			id = sqlite3_column_int64(st, 0);
		n++;
		if (str_is_digits(s))
			break; /* an id is exact */
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return bundle_fail(b, e, "cannot read sections");
	if (n == 0)
		return invalid(e, "no section '%s' in this issue / 本期没有这个栏目", s);
	if (n > 1)
		return invalid(e, "%d sections of this issue are called '%s'; give its id / 栏目名重复", n, s);
	*out = xasprintf("%lld", (long long)id);
	return 0;
}

/* Turns what a user typed into the value stored (NULL: clear the field).
 * Returns 0, EDIT_INVALID or -1. */
static int normalize(struct bundle *b, int64_t issue_id, enum edit_field f, const char *in, char **out,
		     struct qk_err *e)
{
	char *s = xstrdup(in ? in : "");
	int rc = 0;

	*out = NULL;
	str_trim(s);
	if (check_text(s, f, e)) {
		rc = EDIT_INVALID;
	} else if (f == EDIT_PAGE) {
		rc = check_page(b, issue_id, s, out, e);
	} else if (f == EDIT_SECTION) {
		if (*s)
			rc = check_section(b, issue_id, s, out, e);
	} else if (!str_is_blank(s)) {
		*out = s;
		s = NULL;
	} else if (f == EDIT_TITLE) {
		rc = invalid(e, "the title must not be empty / 标题不能为空");
	}
	free(s);
	return rc;
}

int bundle_edit_check(struct bundle *b, int64_t article_id, enum edit_field f, const char *value,
		      struct qk_err *e)
{
	struct edit_fields c;
	char *out = NULL;
	int rc;

	if (f >= EDIT_NFIELDS)
		return qk_err_set(e, "unknown field");
	if (load_current(b, article_id, &c, e))
		return -1;
	rc = normalize(b, c.issue_id, f, value, &out, e);
	free(out);
	bundle_edit_fields_free(&c);
	return rc;
}

/* The changes others saved since `since`: per field, its value now and
 * who last changed it. */
static int collect_others(struct bundle *b, int64_t article_id, int since, const struct edit_fields *c,
			  struct edit_result *r, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT field, who, at, version FROM edit_log WHERE article_id = ? "
					  "AND version > ? ORDER BY id DESC",
					  e);
	bool seen[EDIT_NFIELDS] = { false };
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, article_id);
	sqlite3_bind_int(st, 2, since);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int f = edit_field_lookup((const char *)sqlite3_column_text(st, 0));
		struct edit_other *o;

		if (f < 0 || seen[f])
			continue;
		seen[f] = true;
		r->others = xrealloc(r->others, (r->nothers + 1) * sizeof *r->others);
		o = &r->others[r->nothers++];
		o->field = f;
		o->value = c->v[f] ? xstrdup(c->v[f]) : NULL;
		o->who = bundle_col_str(st, 1);
		o->at = bundle_col_str(st, 2);
		o->version = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return bundle_fail(b, e, "cannot read the edit log");
	/* Show a section by its title, not its id. */
	for (size_t i = 0; i < r->nothers; i++) {
		struct edit_other *o = &r->others[i];
		sqlite3_stmt *q;

		if (o->field != EDIT_SECTION || !o->value)
			continue;
		q = bundle_prepare(b, "SELECT title FROM section WHERE id = ?", e);
		if (!q)
			return -1;
		sqlite3_bind_text(q, 1, o->value, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW) {
			char *t = bundle_col_str(q, 0);

			sqlite3_finalize(q);
			free(o->value);
			o->value = t;
		} else {
			sqlite3_finalize(q);
		}
	}
	return 0;
}

static int stale_message(struct bundle *b, int64_t id, int expect, const struct edit_fields *c,
			 const struct edit_result *r, struct qk_err *e)
{
	struct sb m = { 0 };

	sb_printf(&m, "%s: article %lld was changed meanwhile (now version %d, yours %d); not saved / "
		      "文章已被他人修改，未保存",
		  b->path, (long long)id, c->version, expect);
	for (size_t i = 0; i < r->nothers; i++)
		sb_printf(&m, "\n  %s = '%s' (by %s at %s)", fields[r->others[i].field].name,
			  r->others[i].value ? r->others[i].value : "", r->others[i].who, r->others[i].at);
	qk_err_set(e, "%s", m.s);
	sb_free(&m);
	return EDIT_STALE;
}

/* Binds a stored value to its column's type. */
static void bind_value(sqlite3_stmt *st, int col, enum edit_field f, const char *v)
{
	if (!v)
		sqlite3_bind_null(st, col);
	else if (f == EDIT_PAGE || f == EDIT_SECTION)
		sqlite3_bind_int64(st, col, strtoll(v, NULL, 10));
	else
		sqlite3_bind_text(st, col, v, -1, SQLITE_TRANSIENT);
}

/* Writes new values (index by field, want[f] set for the changed ones),
 * bumps the version and logs one row a field.  Inside a transaction. */
static int write_batch(struct bundle *b, int64_t id, const struct edit_fields *c, char *const *nv,
		       const bool *want, const char *who, int64_t undoes, struct edit_result *r,
		       struct qk_err *e)
{
	struct sb sql = { 0 };
	sqlite3_stmt *st;
	int col = 1, rc;

	sb_adds(&sql, "UPDATE article SET ");
	for (int f = 0; f < EDIT_NFIELDS; f++)
		if (want[f])
			sb_printf(&sql, "%s = ?%d, ", fields[f].column, col++);
	sb_printf(&sql, "version = version + 1 WHERE id = ?%d", col);
	st = bundle_prepare(b, sql.s, e);
	sb_free(&sql);
	if (!st)
		return -1;
	/* The index forgets the article while its rows are still as indexed. */
	if (bundle_article_before_change(b, id, e)) {
		sqlite3_finalize(st);
		return -1;
	}
	col = 1;
	for (int f = 0; f < EDIT_NFIELDS; f++)
		if (want[f])
			bind_value(st, col++, f, nv[f]);
	sqlite3_bind_int64(st, col, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return bundle_fail(b, e, "cannot save the article");

	st = bundle_prepare(b,
			    "INSERT INTO edit_log(batch, who, article_id, field, old_value, new_value, version, undoes) "
			    "VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
			    e);
	if (!st)
		return -1;
	r->batch = 0;
	r->version = c->version + 1;
	r->nchanged = 0;
	for (int f = 0; f < EDIT_NFIELDS; f++) {
		if (!want[f])
			continue;
		sqlite3_bind_int64(st, 1, r->batch);
		sqlite3_bind_text(st, 2, who, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, id);
		sqlite3_bind_text(st, 4, fields[f].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, c->v[f], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, nv[f], -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 7, r->version);
		if (undoes)
			sqlite3_bind_int64(st, 8, undoes);
		else
			sqlite3_bind_null(st, 8);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			sqlite3_finalize(st);
			return bundle_fail(b, e, "cannot write the edit log");
		}
		if (!r->batch)
			r->batch = sqlite3_last_insert_rowid(b->db);
		r->nchanged++;
	}
	sqlite3_finalize(st);
	/* The batch is the id of its first row, known only now. */
	st = bundle_prepare(b, "UPDATE edit_log SET batch = ?1 WHERE id = ?1", e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, r->batch);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return bundle_fail(b, e, "cannot write the edit log");
	/* Search and statistics see the new title or author at once: they
	 * change in the same transaction. */
	return bundle_article_after_change(b, id, e);
}

int bundle_edit_save(struct bundle *b, int64_t article_id, int expect_version,
		     const struct edit_change *changes, size_t n, const char *who,
		     struct edit_result *r, struct qk_err *e)
{
	struct edit_fields c = { 0 };
	char *nv[EDIT_NFIELDS] = { NULL };
	bool want[EDIT_NFIELDS] = { false };
	int rc = -1, nwant = 0;

	memset(r, 0, sizeof *r);
	r->article_id = article_id;
	if (bundle_begin(b, e))
		return -1;
	if (load_current(b, article_id, &c, e))
		goto out;
	r->version = c.version;
	if (expect_version > 0 && c.version != expect_version) {
		if (collect_others(b, article_id, expect_version, &c, r, e) == 0)
			rc = stale_message(b, article_id, expect_version, &c, r, e);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		enum edit_field f = changes[i].field;
		char *v = NULL;

		if (f >= EDIT_NFIELDS) {
			rc = qk_err_set(e, "unknown field");
			goto out;
		}
		rc = normalize(b, c.issue_id, f, changes[i].value, &v, e);
		if (rc) {
			r->bad_field = f;
			goto out;
		}
		free(nv[f]);
		nv[f] = v;
		want[f] = true;
	}
	for (int f = 0; f < EDIT_NFIELDS; f++) {
		want[f] = want[f] && !same(nv[f], c.v[f]);
		nwant += want[f];
	}
	if (nwant == 0) {
		rc = EDIT_NOTHING;
		goto out;
	}
	rc = write_batch(b, article_id, &c, nv, want, who, 0, r, e);
out:
	if (rc == 0)
		rc = bundle_commit(b, e);
	else
		bundle_rollback(b);
	for (int f = 0; f < EDIT_NFIELDS; f++)
		free(nv[f]);
	bundle_edit_fields_free(&c);
	return rc;
}

/* The batch an undo with no batch given takes back. */
static int last_batch(struct bundle *b, int64_t article_id, int64_t *batch, struct qk_err *e)
{
	return bundle_query_int(b,
			 "SELECT l.batch FROM edit_log l WHERE l.undoes IS NULL "
			 "AND (?1 = 0 OR l.article_id = ?1) "
			 "AND NOT EXISTS (SELECT 1 FROM edit_log u WHERE u.undoes = l.batch) "
			 "ORDER BY l.id DESC LIMIT 1",
			 article_id, batch, e);
}

struct undo_row {
	enum edit_field f;
	char *old_value, *new_value;
};

static int load_batch(struct bundle *b, int64_t batch, int64_t *article_id, struct undo_row *rows,
		      bool *have, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT article_id, field, old_value, new_value FROM edit_log "
					  "WHERE batch = ? ORDER BY id",
					  e);
	int rc, n = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, batch);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int f = edit_field_lookup((const char *)sqlite3_column_text(st, 1));

		if (n++ == 0)
			*article_id = sqlite3_column_int64(st, 0);
		if (f < 0 || have[f] || sqlite3_column_int64(st, 0) != *article_id) {
			sqlite3_finalize(st);
			return qk_err_set(e, "%s: edit %lld is not a simple edit of one article; cannot undo it",
					  b->path, (long long)batch);
		}
		have[f] = true;
		rows[f].f = f;
		rows[f].old_value = bundle_col_str(st, 2);
		rows[f].new_value = bundle_col_str(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return bundle_fail(b, e, "cannot read the edit log");
	if (n == 0)
		return qk_err_set(e, "%s: no edit %lld in the log / 没有这次修改", b->path, (long long)batch);
	return 0;
}

/* An undo that would destroy a later edit of field f: says who made it
 * and what the field holds now (a section by its title). */
static int undo_refused(struct bundle *b, int64_t batch, int64_t aid, int f, const struct edit_fields *c,
			struct edit_result *r, struct qk_err *e)
{
	struct edit_result tmp = { 0 };
	const char *now = c->v[f] ? c->v[f] : "";

	if (collect_others(b, aid, 0, c, &tmp, e))
		return -1;
	for (size_t i = 0; i < tmp.nothers; i++) {
		if (tmp.others[i].field != (enum edit_field)f)
			continue;
		r->others = xrealloc(r->others, sizeof *r->others);
		r->others[0] = tmp.others[i];
		r->nothers = 1;
		tmp.others[i].value = tmp.others[i].who = tmp.others[i].at = NULL;
	}
	edit_result_free(&tmp);
	if (r->nothers && r->others[0].value)
		now = r->others[0].value;
	qk_err_set(e,
		   "%s: cannot undo edit %lld: %s of article %lld was changed again since (now '%s'); "
		   "undo that first / 该字段之后又被修改",
		   b->path, (long long)batch, fields[f].name, (long long)aid, now);
	return EDIT_STALE;
}

int bundle_edit_undo(struct bundle *b, int64_t batch, int64_t article_id, const char *who,
		     struct edit_result *r, struct qk_err *e)
{
	struct undo_row rows[EDIT_NFIELDS] = { { 0 } };
	bool have[EDIT_NFIELDS] = { false };
	char *nv[EDIT_NFIELDS] = { NULL };
	struct edit_fields c = { 0 };
	int64_t undone = 0, aid = 0;
	int rc = -1;

	memset(r, 0, sizeof *r);
	if (bundle_begin(b, e))
		return -1;
	if (!batch) {
		if (last_batch(b, article_id, &batch, e))
			goto out;
		if (!batch) {
			qk_err_set(e, "%s: nothing to undo / 没有可撤销的修改", b->path);
			rc = EDIT_NOTHING;
			goto out;
		}
	}
	if (bundle_query_int(b, "SELECT batch FROM edit_log WHERE undoes = ? LIMIT 1", batch, &undone, e))
		goto out;
	if (undone) {
		rc = qk_err_set(e, "%s: edit %lld was already undone (by edit %lld) / 已撤销", b->path,
				(long long)batch, (long long)undone);
		goto out;
	}
	if (load_batch(b, batch, &aid, rows, have, e) || load_current(b, aid, &c, e))
		goto out;
	r->article_id = aid;
	r->version = c.version;
	/* Only take back what is still there: a field edited again since
	 * belongs to that later edit. */
	for (int f = 0; f < EDIT_NFIELDS; f++) {
		if (have[f] && !same(c.v[f], rows[f].new_value)) {
			rc = undo_refused(b, batch, aid, f, &c, r, e);
			goto out;
		}
		nv[f] = have[f] ? rows[f].old_value : NULL;
	}
	rc = write_batch(b, aid, &c, nv, have, who, batch, r, e);
out:
	if (rc == 0)
		rc = bundle_commit(b, e);
	else
		bundle_rollback(b);
	for (int f = 0; f < EDIT_NFIELDS; f++) {
		free(rows[f].old_value);
		free(rows[f].new_value);
	}
	bundle_edit_fields_free(&c);
	return rc;
}

void edit_log_free(struct edit_log_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].at);
		free(rows[i].who);
		free(rows[i].field);
		free(rows[i].old_value);
		free(rows[i].new_value);
		free(rows[i].old_shown);
		free(rows[i].new_shown);
		free(rows[i].article_title);
	}
	free(rows);
}

#define SECTION_TITLE(v)                                                                        \
	"(SELECT CASE WHEN p.id IS NOT NULL THEN p.title || ' > ' || s.title ELSE s.title END "   \
	"FROM section s LEFT JOIN section p ON p.id = s.parent_id WHERE s.id = CAST(" v " AS INTEGER))"

int bundle_edit_log(struct bundle *b, int64_t article_id, int limit, struct edit_log_row **out,
		    size_t *n, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
		"SELECT l.id, l.batch, l.at, l.who, coalesce(l.article_id, 0), l.field, "
		"l.old_value, l.new_value, l.version, coalesce(l.undoes, 0), a.title, "
		"CASE WHEN l.field = 'section' THEN " SECTION_TITLE("l.old_value") " ELSE l.old_value END, "
		"CASE WHEN l.field = 'section' THEN " SECTION_TITLE("l.new_value") " ELSE l.new_value END "
		"FROM edit_log l LEFT JOIN article a ON a.id = l.article_id "
		"WHERE (?1 = 0 OR l.article_id = ?1) AND (?2 <= 0 OR l.batch >= "
		"(SELECT min(batch) FROM (SELECT DISTINCT batch FROM edit_log "
		"WHERE ?1 = 0 OR article_id = ?1 ORDER BY batch DESC LIMIT ?2))) "
		"ORDER BY l.id",
		e);
	struct edit_log_row *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, article_id);
	sqlite3_bind_int(st, 2, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct edit_log_row *r;

		if (len == cap) {
			cap = cap ? cap * 2 : 32;
			v = xrealloc(v, cap * sizeof *v);
		}
		r = &v[len++];
		r->id = sqlite3_column_int64(st, 0);
		r->batch = sqlite3_column_int64(st, 1);
		r->at = bundle_col_str(st, 2);
		r->who = bundle_col_str(st, 3);
		r->article_id = sqlite3_column_int64(st, 4);
		r->field = bundle_col_str(st, 5);
		r->old_value = bundle_col_str(st, 6);
		r->new_value = bundle_col_str(st, 7);
		r->version = sqlite3_column_int(st, 8);
		r->undoes = sqlite3_column_int64(st, 9);
		r->article_title = bundle_col_str(st, 10);
		r->old_shown = bundle_col_str(st, 11);
		r->new_shown = bundle_col_str(st, 12);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		edit_log_free(v, len);
		return bundle_fail(b, e, "cannot read the edit log");
	}
	*out = v;
	*n = len;
	return 0;
}

/* SPDX-License-Identifier: MIT */
/* bundle_changes_apply.c — applying a changeset file field by field,
 * keeping both values of a conflict (see bundle_changes.h). */
#include "config.h"
/* The session extension's API is only declared with these set. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "bundle_internal.h"
#include "bundle_changes.h"
#include "bundle_changes_int.h"
#include "bundle_edit.h"

#include <stdlib.h>
#include <string.h>

struct rart {
	int64_t id;
	bool has[EDIT_NFIELDS];
	char *old[EDIT_NFIELDS], *new[EDIT_NFIELDS];
};

struct rlog {
	int64_t id, batch, article_id, undoes;
	int field;
	char *at, *who, *old, *new;
};

/* How the exporting copy identifies an article (see bundle_changes.h). */
struct rkey {
	int64_t id, position;
	char *sha;
};

struct remote {
	struct rart *arts;
	size_t narts;
	struct rlog *logs;
	size_t nlogs;
	struct rkey *keys;
	size_t nkeys;
};

static void remote_free(struct remote *r)
{
	for (size_t i = 0; i < r->narts; i++)
		for (int f = 0; f < EDIT_NFIELDS; f++) {
			free(r->arts[i].old[f]);
			free(r->arts[i].new[f]);
		}
	for (size_t i = 0; i < r->nlogs; i++) {
		free(r->logs[i].at);
		free(r->logs[i].who);
		free(r->logs[i].old);
		free(r->logs[i].new);
	}
	for (size_t i = 0; i < r->nkeys; i++)
		free(r->keys[i].sha);
	free(r->arts);
	free(r->logs);
	free(r->keys);
}

static int64_t value_int(sqlite3_value *v)
{
	return v ? sqlite3_value_int64(v) : 0;
}

static void read_article_update(sqlite3_changeset_iter *it, const struct strv *cols, struct remote *r)
{
	struct rart *a;
	sqlite3_value *v = NULL;

	r->arts = xrealloc(r->arts, (r->narts + 1) * sizeof *r->arts);
	a = &r->arts[r->narts++];
	memset(a, 0, sizeof *a);
	if (sqlite3changeset_old(it, changes_column_index(cols, "id"), &v) == SQLITE_OK)
		a->id = value_int(v);
	for (int f = 0; f < EDIT_NFIELDS; f++) {
		int c = changes_column_index(cols, changes_field_column(f));
		sqlite3_value *nv = NULL, *ov = NULL;

		/* An UPDATE carries new values only for the columns it changed. */
		if (c < 0 || sqlite3changeset_new(it, c, &nv) != SQLITE_OK || !nv)
			continue;
		if (sqlite3changeset_old(it, c, &ov) != SQLITE_OK)
			ov = NULL;
		a->has[f] = true;
		a->old[f] = changes_value_str(ov);
		a->new[f] = changes_value_str(nv);
	}
}

static void read_log_insert(sqlite3_changeset_iter *it, const struct strv *cols, struct remote *r)
{
	static const char *const names[] = { "id", "batch", "article_id", "undoes", "field",
					     "at", "who", "old_value", "new_value" };
	sqlite3_value *v[ARRAY_LEN(names)] = { NULL };
	struct rlog *l;
	char *field;

	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		int c = changes_column_index(cols, names[i]);

		if (c < 0 || sqlite3changeset_new(it, c, &v[i]) != SQLITE_OK)
			v[i] = NULL;
	}
	field = changes_value_str(v[4]);
	if (!field || edit_field_lookup(field) < 0 || !v[2] || sqlite3_value_type(v[2]) != SQLITE_INTEGER) {
		free(field);
		return; /* not an edit we know how to apply */
	}
	r->logs = xrealloc(r->logs, (r->nlogs + 1) * sizeof *r->logs);
	l = &r->logs[r->nlogs++];
	l->id = value_int(v[0]);
	l->batch = value_int(v[1]);
	l->article_id = value_int(v[2]);
	l->undoes = value_int(v[3]);
	l->field = edit_field_lookup(field);
	free(field);
	l->at = changes_value_str(v[5]);
	l->who = changes_value_str(v[6]);
	l->old = changes_value_str(v[7]);
	l->new = changes_value_str(v[8]);
	if (!l->at)
		l->at = xstrdup("?");
	if (!l->who)
		l->who = xstrdup("?");
}

static void read_key_insert(sqlite3_changeset_iter *it, struct remote *r)
{
	sqlite3_value *v[3] = { NULL };
	struct rkey *k;

	for (int c = 0; c < 3; c++)
		if (sqlite3changeset_new(it, c, &v[c]) != SQLITE_OK)
			v[c] = NULL;
	if (!v[0] || !v[1] || !v[2] || sqlite3_value_type(v[1]) != SQLITE_TEXT)
		return;
	r->keys = xrealloc(r->keys, (r->nkeys + 1) * sizeof *r->keys);
	k = &r->keys[r->nkeys++];
	k->id = value_int(v[0]);
	k->position = value_int(v[2]);
	k->sha = changes_value_str(v[1]);
}

static int cmp_log(const void *pa, const void *pb)
{
	const struct rlog *a = pa, *b = pb;

	return (a->id > b->id) - (a->id < b->id);
}

/* SQLite's variable-length integer: 7 bits a byte, high bit set on all
 * but the last; the ninth byte carries 8 bits.  Returns the bytes used,
 * 0 when the buffer ends first. */
static size_t get_varint(const unsigned char *p, size_t n, uint64_t *v)
{
	*v = 0;
	for (size_t i = 0; i < n && i < 9; i++) {
		if (i == 8) {
			*v = (*v << 8) | p[i];
			return 9;
		}
		*v = (*v << 7) | (p[i] & 0x7f);
		if (!(p[i] & 0x80))
			return i + 1;
	}
	return 0;
}

/* Walks one record of ncol values; returns its size, 0 when malformed. */
static size_t record_size(const unsigned char *p, size_t n, uint64_t ncol, bool undefined_ok)
{
	size_t off = 0;

	for (uint64_t c = 0; c < ncol; c++) {
		uint64_t len;
		size_t k;

		if (off >= n)
			return 0;
		switch (p[off++]) {
		case 0: /* undefined: a column an UPDATE did not change */
			if (!undefined_ok)
				return 0;
			break;
		case SQLITE_INTEGER:
		case SQLITE_FLOAT:
			if (n - off < 8)
				return 0;
			off += 8;
			break;
		case SQLITE_TEXT:
		case SQLITE_BLOB:
			k = get_varint(p + off, n - off, &len);
			if (!k || len > n - off - k)
				return 0;
			off += k + (size_t)len;
			break;
		case SQLITE_NULL:
			break;
		default:
			return 0;
		}
	}
	return off;
}

/* Checks the structure of a changeset (the format documented with the
 * session extension) before SQLite's iterator sees it: SQLite 3.40's
 * iterator can loop forever on some malformed input, and the file comes
 * from elsewhere.  Patchsets ('P') are not what export writes: refused. */
static bool changeset_wellformed(const unsigned char *p, size_t n)
{
	size_t off = 0;
	uint64_t ncol = 0;

	while (off < n) {
		if (p[off] == 'T') {
			size_t k = get_varint(p + off + 1, n - off - 1, &ncol);
			const unsigned char *nul;

			if (!k || ncol == 0 || ncol > 2000 || ncol > n)
				return false;
			off += 1 + k;
			if (n - off < ncol)
				return false;
			for (uint64_t c = 0; c < ncol; c++)
				if (p[off + c] > 1)
					return false;
			off += (size_t)ncol;
			nul = memchr(p + off, '\0', n - off);
			if (!nul || nul == p + off)
				return false;
			off = (size_t)(nul - p) + 1;
			continue;
		}
		if (ncol == 0 || n - off < 2 || p[off + 1] > 1)
			return false; /* a change before any table, or a bad flag */
		switch (p[off]) {
		case SQLITE_INSERT:
		case SQLITE_DELETE: {
			size_t r = record_size(p + off + 2, n - off - 2, ncol, false);

			if (!r)
				return false;
			off += 2 + r;
			break;
		}
		case SQLITE_UPDATE: {
			size_t r1 = record_size(p + off + 2, n - off - 2, ncol, true), r2;

			if (!r1)
				return false;
			r2 = record_size(p + off + 2 + r1, n - off - 2 - r1, ncol, true);
			if (!r2)
				return false;
			off += 2 + r1 + r2;
			break;
		}
		default:
			return false;
		}
	}
	return true;
}

/* The time and name of a remote edit end up in our log and on screens:
 * they obey the rules our own edits do (a UTC time as SQLite writes it,
 * a name of visible characters), or the file is refused. */
static int check_log_rows(const struct remote *r, struct qk_err *e)
{
	for (size_t i = 0; i < r->nlogs; i++) {
		const struct rlog *l = &r->logs[i];

		if (!edit_valid_time(l->at))
			return qk_err_set(e, "edit log row %lld: '%s' is not a time (YYYY-MM-DDTHH:MM:SSZ) / "
					     "时间无效", (long long)l->id, l->at);
		if (!edit_valid_who(l->who))
			return qk_err_set(e, "edit log row %lld: the name '%s' is empty, too long or holds "
					     "control characters / 修改人无效", (long long)l->id, l->who);
	}
	return 0;
}

/* Reads the whole changeset; anything but article UPDATEs and edit_log
 * INSERTs is counted and ignored. */
static int read_changeset(struct bundle *b, const void *blob, size_t size, struct remote *r,
			  struct changes_report *rep, struct qk_err *e)
{
	struct strv artcols = { 0 }, logcols = { 0 };
	sqlite3_changeset_iter *it = NULL;
	int rc, step;

	if (size > CHANGES_MAX_BYTES)
		return qk_err_set(e, "changeset too large (%zu bytes)", size);
	if (!changeset_wellformed(blob, size))
		return qk_err_set(e, "damaged or not a changeset file / 不是修改集文件或已损坏");
	if (changes_table_columns(b, "article", &artcols, e) || changes_table_columns(b, "edit_log", &logcols, e)) {
		rc = -1;
		goto out;
	}
	if (sqlite3changeset_start(&it, (int)size, (void *)blob) != SQLITE_OK) {
		rc = qk_err_set(e, "not a changeset file / 不是修改集文件");
		goto out;
	}
	while ((step = sqlite3changeset_next(it)) == SQLITE_ROW) {
		const char *tab = NULL;
		int ncol = 0, op = 0, indirect = 0;

		if (sqlite3changeset_op(it, &tab, &ncol, &op, &indirect) != SQLITE_OK)
			break;
		if (!strcmp(tab, "article") && op == SQLITE_UPDATE && (size_t)ncol == artcols.n)
			read_article_update(it, &artcols, r);
		else if (!strcmp(tab, "edit_log") && op == SQLITE_INSERT && (size_t)ncol == logcols.n)
			read_log_insert(it, &logcols, r);
		else if (!strcmp(tab, CHANGES_KEY_TABLE) && op == SQLITE_INSERT && ncol == 3)
			read_key_insert(it, r);
		else
			rep->ignored++; /* another table, or made by another schema */
	}
	rc = 0;
	if (step != SQLITE_DONE)
		rc = qk_err_set(e, "damaged or not a changeset file (%s) / 修改集文件损坏", sqlite3_errstr(step));
	else
		rc = check_log_rows(r, e);
	if (r->nlogs)
		qsort(r->logs, r->nlogs, sizeof *r->logs, cmp_log);
out:
	sqlite3changeset_finalize(it);
	strv_free(&artcols);
	strv_free(&logcols);
	return rc;
}

/* The article as it is here; title kept apart since v[EDIT_TITLE] may be
 * rewritten by the plan. */
struct local {
	struct edit_fields cur;
	char *title;
};

static void local_free(struct local *l)
{
	bundle_edit_fields_free(&l->cur);
	free(l->title);
}

/* Returns 1 when the article exists, 0 when not, -1 on error. */
static int load_local(struct bundle *b, int64_t id, struct local *l, struct qk_err *e)
{
	int rc = bundle_edit_read_fields(b, id, &l->cur, e);

	l->title = rc == 1 && l->cur.v[EDIT_TITLE] ? xstrdup(l->cur.v[EDIT_TITLE]) : NULL;
	return rc;
}

/* The local edit_log id of a row with the same content as a remote one
 * (0: none): how we know a remote edit was applied here before. */
static int present_id(struct bundle *b, const struct rlog *l, int64_t *id, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT id FROM edit_log WHERE article_id = ? AND field = ? AND at IS ? "
					  "AND who IS ? AND old_value IS ? AND new_value IS ? ORDER BY id DESC LIMIT 1",
					  e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, l->article_id);
	sqlite3_bind_text(st, 2, edit_field_name(l->field), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, l->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, l->who, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, l->old, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, l->new, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read the edit log");
}

static int last_local_id(struct bundle *b, int64_t article, int f, int64_t *id, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, "SELECT max(id) FROM edit_log WHERE article_id = ? AND field = ?", e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, article);
	sqlite3_bind_text(st, 2, edit_field_name(f), -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : bundle_fail(b, e, "cannot read the edit log");
}

static int record_conflict(struct bundle *b, int64_t article, const struct local *l, int f, const char *base,
			   const char *remote, const struct rlog *last, const char *who, const char *note,
			   struct changes_report *rep, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT 1 FROM edit_conflict WHERE article_id = ? AND field = ? "
					  "AND base_value IS ? AND local_value IS ? AND remote_value IS ?",
					  e);
	struct changes_conflict *c;
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, article);
	sqlite3_bind_text(st, 2, edit_field_name(f), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, base, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, l->cur.v[f], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, remote, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return bundle_fail(b, e, "cannot read conflicts");
	rep->conflicts = xrealloc(rep->conflicts, (rep->nconflicts + 1) * sizeof *rep->conflicts);
	c = &rep->conflicts[rep->nconflicts++];
	memset(c, 0, sizeof *c);
	c->article_id = article;
	c->article_title = l->title ? xstrdup(l->title) : NULL;
	c->field = xstrdup(edit_field_name(f));
	c->base = base ? xstrdup(base) : NULL;
	c->local = l->cur.v[f] ? xstrdup(l->cur.v[f]) : NULL;
	c->remote = remote ? xstrdup(remote) : NULL;
	c->remote_who = last ? xstrdup(last->who) : NULL;
	c->remote_at = last ? xstrdup(last->at) : NULL;
	c->note = note ? xstrdup(note) : NULL;
	c->recorded = rc == SQLITE_ROW;
	if (c->recorded)
		return 0;
	st = bundle_prepare(b,
			    "INSERT INTO edit_conflict(who, article_id, field, base_value, local_value, "
			    "remote_value, remote_who, remote_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
			    e);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, who, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, article);
	sqlite3_bind_text(st, 3, c->field, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->base, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->local, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, c->remote, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, c->remote_who, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, c->remote_at, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot record a conflict");
}

/* What apply does with one article: the fields to write and the remote
 * log rows (indexes into remote.logs) to copy into the local log. */
struct plan {
	bool write[EDIT_NFIELDS];
	const char *value[EDIT_NFIELDS];
	size_t *rows;
	size_t nrows;
	/* a field set without remote log rows gets a row of its own */
	bool synth[EDIT_NFIELDS];
};

/* Decides one field of one article (see bundle_changes.h). */
static int plan_field(struct bundle *b, const struct remote *r, const struct rart *ra, int64_t article,
		      const struct local *l, int f, const char *who, struct plan *p, struct changes_report *rep,
		      struct qk_err *e)
{
	size_t idx[64], nidx = 0, start = 0;
	const char *base, *newv;
	struct qk_err why = { 0 };
	int64_t pid, k_local = 0, last = 0;
	int k = -1, rc;

	for (size_t i = 0; i < r->nlogs; i++)
		if (r->logs[i].article_id == article && r->logs[i].field == f) {
			if (nidx == ARRAY_LEN(idx))
				memmove(idx, idx + 1, (--nidx) * sizeof *idx); /* keep the newest */
			idx[nidx++] = i;
		}
	if (ra && ra->has[f]) {
		base = ra->old[f];
		newv = ra->new[f];
	} else if (nidx) {
		base = r->logs[idx[0]].old;
		newv = r->logs[idx[nidx - 1]].new;
	} else {
		return 0;
	}
	if (changes_same(l->cur.v[f], newv)) {
		rep->already++;
		return 0;
	}
	for (size_t i = 0; i < nidx; i++) {
		if (present_id(b, &r->logs[idx[i]], &pid, e))
			return -1;
		if (pid) {
			k = (int)i;
			k_local = pid;
		}
	}
	if (last_local_id(b, article, f, &last, e))
		return -1;
	if (k >= 0 && last == k_local && changes_same(l->cur.v[f], r->logs[idx[k]].new))
		start = (size_t)k + 1; /* an earlier apply got this far */
	else if (!(k < 0 && changes_same(l->cur.v[f], base)))
		return record_conflict(b, article, l, f, base, newv, nidx ? &r->logs[idx[nidx - 1]] : NULL, who,
				       NULL, rep, e);
	/* A remote value obeys the rules a value typed here does. */
	rc = bundle_edit_check(b, article, f, newv, &why);
	if (rc == EDIT_INVALID)
		return record_conflict(b, article, l, f, base, newv, nidx ? &r->logs[idx[nidx - 1]] : NULL, who,
				       why.msg, rep, e);
	if (rc) {
		*e = why;
		return -1;
	}
	p->write[f] = true;
	p->value[f] = newv;
	p->synth[f] = start >= nidx;
	for (size_t i = start; i < nidx; i++) {
		p->rows = xrealloc(p->rows, (p->nrows + 1) * sizeof *p->rows);
		p->rows[p->nrows++] = idx[i];
	}
	rep->applied++;
	return 0;
}

static int cmp_size(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	return (a > b) - (a < b);
}

struct batch_map {
	int64_t remote, local;
};

static int64_t map_find(const struct batch_map *m, size_t n, int64_t remote)
{
	for (size_t i = 0; i < n; i++)
		if (m[i].remote == remote)
			return m[i].local;
	return 0;
}

/* One row for the local log; remote_batch names the batch it joins
 * (rows of one remote batch stay together). */
struct logrow {
	const char *at, *who, *old, *new;
	int field;
	int64_t remote_batch, remote_undoes;
};

/* The local batch a remote undo row takes back, when that batch came
 * here by an earlier apply: the newest row that is this one reversed and
 * not undone yet.  0 when there is none (the undo then reads as a plain
 * edit here). */
static int64_t local_undone(struct bundle *b, int64_t article, const struct logrow *row)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT l.batch FROM edit_log l WHERE l.article_id = ? AND l.field = ? "
					  "AND l.old_value IS ? AND l.new_value IS ? AND l.undoes IS NULL "
					  "AND NOT EXISTS (SELECT 1 FROM edit_log u WHERE u.undoes = l.batch) "
					  "ORDER BY l.id DESC LIMIT 1",
					  NULL);
	int64_t batch = 0;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, article);
	sqlite3_bind_text(st, 2, edit_field_name(row->field), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, row->new, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, row->old, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		batch = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return batch;
}

static int insert_log(struct bundle *b, int64_t article, int version, const struct logrow *row,
		      struct batch_map **map, size_t *nmap, struct changes_report *rep, struct qk_err *e)
{
	int64_t batch = map_find(*map, *nmap, row->remote_batch);
	int64_t undoes = row->remote_undoes ? map_find(*map, *nmap, row->remote_undoes) : 0;
	sqlite3_stmt *st;

	if (row->remote_undoes && !undoes && (undoes = local_undone(b, article, row))) {
		/* later rows of the same undo point at the same batch */
		*map = xrealloc(*map, (*nmap + 1) * sizeof **map);
		(*map)[*nmap].remote = row->remote_undoes;
		(*map)[(*nmap)++].local = undoes;
	}
	st = bundle_prepare(b,
					  "INSERT INTO edit_log(batch, at, who, article_id, field, old_value, "
					  "new_value, version, undoes) VALUES(?1, coalesce(?2, "
					  "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
					  e);
	int64_t id;
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, batch);
	sqlite3_bind_text(st, 2, row->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, row->who, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, article);
	sqlite3_bind_text(st, 5, edit_field_name(row->field), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, row->old, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, row->new, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, version);
	if (undoes)
		sqlite3_bind_int64(st, 9, undoes);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return bundle_fail(b, e, "cannot write the edit log");
	rep->nlog++;
	if (batch)
		return 0;
	/* The first row of a batch names it. */
	id = sqlite3_last_insert_rowid(b->db);
	st = bundle_prepare(b, "UPDATE edit_log SET batch = ?1 WHERE id = ?1", e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return bundle_fail(b, e, "cannot write the edit log");
	*map = xrealloc(*map, (*nmap + 1) * sizeof **map);
	(*map)[*nmap].remote = row->remote_batch;
	(*map)[(*nmap)++].local = id;
	return 0;
}

/* Writes one article's planned fields and log rows. */
static int write_plan(struct bundle *b, const struct remote *r, int64_t article, const struct local *l,
		      struct plan *p, const char *who, struct batch_map **map, size_t *nmap,
		      struct changes_report *rep, struct qk_err *e)
{
	struct sb sql = { 0 };
	sqlite3_stmt *st;
	int col = 1, rc, version = l->cur.version + 1;

	sb_adds(&sql, "UPDATE article SET ");
	for (int f = 0; f < EDIT_NFIELDS; f++)
		if (p->write[f])
			sb_printf(&sql, "%s = ?%d, ", changes_field_column(f), col++);
	sb_printf(&sql, "version = version + 1 WHERE id = ?%d", col);
	st = bundle_prepare(b, sql.s, e);
	sb_free(&sql);
	if (!st)
		return -1;
	col = 1;
	for (int f = 0; f < EDIT_NFIELDS; f++) {
		if (!p->write[f])
			continue;
		if (!p->value[f])
			sqlite3_bind_null(st, col++);
		else if (f == EDIT_PAGE || f == EDIT_SECTION)
			sqlite3_bind_int64(st, col++, strtoll(p->value[f], NULL, 10));
		else
			sqlite3_bind_text(st, col++, p->value[f], -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, col, article);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return bundle_fail(b, e, "cannot update the article");

	/* The remote rows in their order, then a row for each field that
	 * came without history (one batch for those). */
	if (p->nrows)
		qsort(p->rows, p->nrows, sizeof *p->rows, cmp_size);
	for (size_t i = 0; i < p->nrows; i++) {
		const struct rlog *lg = &r->logs[p->rows[i]];
		struct logrow row = { lg->at, lg->who, lg->old, lg->new, lg->field, lg->batch, lg->undoes };

		if (insert_log(b, article, version, &row, map, nmap, rep, e))
			return -1;
	}
	for (int f = 0; f < EDIT_NFIELDS; f++) {
		struct logrow row = { NULL, who, l->cur.v[f], p->value[f], f, -article, 0 };

		if (p->synth[f] && insert_log(b, article, version, &row, map, nmap, rep, e))
			return -1;
	}
	return 0;
}

/* The local id of the article the other copy calls `id`: found by its
 * key when the file has one (ids may differ between copies), else the
 * same id.  An article not here gets -id, which no article has. */
static int local_article(struct bundle *b, const struct remote *r, int64_t id, int64_t *out, struct qk_err *e)
{
	sqlite3_stmt *st;
	int rc;

	*out = id;
	for (size_t i = 0; i < r->nkeys; i++) {
		if (r->keys[i].id != id)
			continue;
		st = bundle_prepare(b,
				    "SELECT a.id FROM article a JOIN issue i ON i.id = a.issue_id "
				    "WHERE substr(i.source_sha256, 1, length(?1)) = ?1 AND a.position = ?2 "
				    "ORDER BY a.id = ?3 DESC LIMIT 1",
				    e);
		if (!st)
			return -1;
		sqlite3_bind_text(st, 1, r->keys[i].sha, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, r->keys[i].position);
		sqlite3_bind_int64(st, 3, id);
		rc = sqlite3_step(st);
		*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -id;
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return bundle_fail(b, e, "cannot find articles");
		return 0;
	}
	return 0;
}

/* Renames the file's article ids to this bundle's. */
static int map_articles(struct bundle *b, struct remote *r, struct qk_err *e)
{
	int64_t id;

	for (size_t i = 0; i < r->narts; i++) {
		if (local_article(b, r, r->arts[i].id, &id, e))
			return -1;
		r->arts[i].id = id;
	}
	for (size_t i = 0; i < r->nlogs; i++) {
		if (local_article(b, r, r->logs[i].article_id, &id, e))
			return -1;
		r->logs[i].article_id = id;
	}
	return 0;
}

/* Articles named by the file, in order of first appearance. */
static void article_ids(const struct remote *r, int64_t **ids, size_t *n)
{
	*ids = xmalloc((r->narts + r->nlogs + 1) * sizeof **ids);
	*n = 0;
	for (size_t i = 0; i < r->narts + r->nlogs; i++) {
		int64_t id = i < r->narts ? r->arts[i].id : r->logs[i - r->narts].article_id;
		size_t j;

		for (j = 0; j < *n && (*ids)[j] != id; j++)
			;
		if (j == *n)
			(*ids)[(*n)++] = id;
	}
}

static const struct rart *find_rart(const struct remote *r, int64_t id)
{
	for (size_t i = 0; i < r->narts; i++)
		if (r->arts[i].id == id)
			return &r->arts[i];
	return NULL;
}

static int apply_article(struct bundle *b, const struct remote *r, int64_t id, const char *who,
			 struct batch_map **map, size_t *nmap, struct changes_report *rep, struct qk_err *e)
{
	const struct rart *ra = find_rart(r, id);
	struct plan p = { 0 };
	struct local l;
	bool any = false;
	int rc = load_local(b, id, &l, e);

	if (rc <= 0) {
		if (rc == 0)
			rep->missing++;
		local_free(&l);
		return rc;
	}
	for (int f = 0; f < EDIT_NFIELDS && rc >= 0; f++)
		rc = plan_field(b, r, ra, id, &l, f, who, &p, rep, e) ? -1 : rc;
	for (int f = 0; f < EDIT_NFIELDS; f++)
		any = any || p.write[f];
	if (rc >= 0 && any) {
		rc = bundle_article_before_change(b, id, e);
		if (!rc)
			rc = write_plan(b, r, id, &l, &p, who, map, nmap, rep, e);
		if (!rc)
			rc = bundle_article_after_change(b, id, e);
		rep->narticles++;
	}
	free(p.rows);
	local_free(&l);
	return rc < 0 ? -1 : 0;
}

int bundle_changes_apply(struct bundle *b, const void *blob, size_t size, const char *who,
			 struct changes_report *rep, struct qk_err *e)
{
	struct remote r = { 0 };
	struct batch_map *map = NULL;
	size_t nmap = 0, nids = 0;
	int64_t *ids = NULL;
	int rc = -1;

	memset(rep, 0, sizeof *rep);
	if (read_changeset(b, blob, size, &r, rep, e))
		goto out;
	if (bundle_begin(b, e))
		goto out;
	if (map_articles(b, &r, e)) {
		bundle_rollback(b);
		goto out;
	}
	article_ids(&r, &ids, &nids);
	rc = 0;
	for (size_t i = 0; i < nids && !rc; i++)
		rc = apply_article(b, &r, ids[i], who, &map, &nmap, rep, e);
	if (rc)
		bundle_rollback(b);
	else
		rc = bundle_commit(b, e);
out:
	if (rc) {
		/* Nothing was written: the report must not say otherwise. */
		changes_report_free(rep);
		memset(rep, 0, sizeof *rep);
	}
	free(ids);
	free(map);
	remote_free(&r);
	return rc;
}

void changes_conflicts_free(struct changes_conflict *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].article_title);
		free(v[i].field);
		free(v[i].base);
		free(v[i].local);
		free(v[i].remote);
		free(v[i].remote_who);
		free(v[i].remote_at);
		free(v[i].note);
	}
	free(v);
}

void changes_report_free(struct changes_report *r)
{
	changes_conflicts_free(r->conflicts, r->nconflicts);
	r->conflicts = NULL;
	r->nconflicts = 0;
}

int bundle_changes_conflicts(struct bundle *b, struct changes_conflict **out, size_t *n, struct qk_err *e)
{
	struct changes_conflict *v = NULL;
	sqlite3_stmt *st;
	int64_t exists = 0;
	size_t len = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = bundle_prepare(b, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'edit_conflict'", e);
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		exists = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!exists)
		return 0;
	st = bundle_prepare(b,
			    "SELECT c.article_id, a.title, c.field, c.base_value, c.local_value, c.remote_value, "
			    "c.remote_who, c.remote_at FROM edit_conflict c LEFT JOIN article a ON a.id = c.article_id "
			    "ORDER BY c.id",
			    e);
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct changes_conflict *c;

		v = xrealloc(v, (len + 1) * sizeof *v);
		c = &v[len++];
		memset(c, 0, sizeof *c);
		c->article_id = sqlite3_column_int64(st, 0);
		c->article_title = bundle_col_str(st, 1);
		c->field = bundle_col_str(st, 2);
		c->base = bundle_col_str(st, 3);
		c->local = bundle_col_str(st, 4);
		c->remote = bundle_col_str(st, 5);
		c->remote_who = bundle_col_str(st, 6);
		c->remote_at = bundle_col_str(st, 7);
		c->recorded = true;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		changes_conflicts_free(v, len);
		return bundle_fail(b, e, "cannot read conflicts");
	}
	*out = v;
	*n = len;
	return 0;
}

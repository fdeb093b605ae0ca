/* SPDX-License-Identifier: MIT */
/* bundle_search.c — the full-text index of a bundle (DESIGN.md §6).
 *
 * article_search is an FTS5 table, rowid = article.id, over title,
 * subtitle (with the kicker, 引题, before it), author (with the byline and
 * the normalised names the statistics count), body (the paragraphs joined
 * by newlines) and extra (source and dateline), tokenized by
 * search_tokenizer.c registered as "qikan".  It holds no copy of the
 * text: its content is the view article_text (bundle_schema.c) over the
 * article, paragraph and article_author rows, read again for snippets
 * and when an article leaves the index.  (Contentless would do too, but
 * SQLite 3.40 cannot delete from a contentless table.)
 *
 * Keeping it in step is explicit, not by triggers: with trusted_schema
 * off (bundle.c) FTS5 tables may not be written from a trigger.  An edit
 * takes the article out of the index before its rows change and puts it
 * back after (bundle_derived.c); an import run indexes all it added in
 * one statement at its end, and takes a replaced issue out before it is
 * deleted.  `qikan check` runs FTS5's integrity check, which compares the
 * index with article_text.
 *
 * Measured on 1,000 issues (tests/bench/search.sh): the built-in bm25()
 * was most of the time of a common word's search, hence qikan_rank(). */
#include "config.h"
#include "bundle_internal.h"
#include "search.h"
#include "search_tokenizer.h"

#include <stdlib.h>
#include <string.h>

#define TOKENIZER_NAME "qikan"
#define TOKENIZER_VERSION "3"
#define SNIPPET_CHARS 60

/* The rank of a hit: see qikan_rank() below. */
#define RANK_EXPR "qikan_rank(article_search)"

/* ---- the FTS5 tokenizer ---- */

struct qk_tokenizer {
	int unused;
};

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)ctx;
	(void)argv;
	/* The argument names the version of the rules the index was built
	 * with.  Any is accepted here, so that an index of another version
	 * can still be dropped; index_state() keeps such an index from being
	 * searched or updated. */
	if (argc > 1)
		return SQLITE_ERROR;
	*out = (Fts5Tokenizer *)xcalloc(1, sizeof(struct qk_tokenizer));
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
	free(t);
}

struct fts_ctx {
	void *ctx;
	int (*token)(void *, int, const char *, int, int, int);
};

static int fts_token(void *ctx, int flags, const char *tok, size_t len, size_t start, size_t end)
{
	struct fts_ctx *c = ctx;

	(void)flags;
	return c->token(c->ctx, 0, tok, (int)len, (int)start, (int)end);
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
			int (*token)(void *, int, const char *, int, int, int))
{
	struct fts_ctx c = { ctx, token };

	(void)t;
	/* MATCH expressions are built by search_query.c, which quotes every
	 * token on its own, already folded: take it verbatim. */
	if (flags & FTS5_TOKENIZE_QUERY)
		return len > 0 ? token(ctx, 0, text, len, 0, len) : SQLITE_OK;
	if (len <= 0 || !text)
		return SQLITE_OK;
	return search_tokenize(text, (size_t)len, SEARCH_TOK_DOCUMENT, fts_token, &c);
}

/* ---- ranking ----
 * FTS5's bm25() costs about 1.3 µs a row here (it builds every row's
 * array of all phrase instances and reads the row's column sizes), which
 * for a common word in a thousand issues (33,000 articles) is most of the
 * search.  qikan_rank() is bm25 without the length normalisation: the
 * saturated count of each phrase in each column, weighted by column and
 * by the phrase's rarity (its IDF, counted once per query).  It walks
 * only the phrases' own position lists.  Lower is better, like bm25. */

#define RANK_K1 1.2

/* Title, subtitle, author, body: a word in the title says more about an
 * article than the same word deep in its text. */
static const double rank_weights[] = { 10.0, 5.0, 5.0, 1.0, 1.0 };

struct rank_data {
	int nphrase;
	double idf[];
};

/* log2(x) for x >= 1, piecewise linear between powers of two: close
 * enough to weigh phrases by rarity, and no libm for one call. */
static double approx_log2(double x)
{
	double n = 0;

	while (x >= 2) {
		x /= 2;
		n++;
	}
	return x >= 1 ? n + (x - 1) : 0;
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *user)
{
	(void)api;
	(void)fts;
	(*(sqlite3_int64 *)user)++;
	return SQLITE_OK;
}

/* The phrases' IDF, once per query.  With one phrase it cannot change
 * the order, so it is not counted. */
static struct rank_data *rank_data(const Fts5ExtensionApi *api, Fts5Context *fts, int *rc)
{
	struct rank_data *d = api->xGetAuxdata(fts, 0);
	sqlite3_int64 rows = 0;
	int n;

	if (d)
		return d;
	n = api->xPhraseCount(fts);
	d = sqlite3_malloc64(sizeof(*d) + (size_t)n * sizeof(double));
	if (!d) {
		*rc = SQLITE_NOMEM;
		return NULL;
	}
	d->nphrase = n;
	for (int i = 0; i < n; i++)
		d->idf[i] = 1.0;
	if (n > 1 && (*rc = api->xRowCount(fts, &rows)) == SQLITE_OK) {
		for (int i = 0; i < n && *rc == SQLITE_OK; i++) {
			sqlite3_int64 hits = 0;

			*rc = api->xQueryPhrase(fts, i, &hits, count_row);
			d->idf[i] = approx_log2(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
			if (d->idf[i] < 1e-3)
				d->idf[i] = 1e-3; /* in most articles: still counts a little */
		}
	}
	if (*rc == SQLITE_OK)
		*rc = api->xSetAuxdata(fts, d, sqlite3_free);
	else
		sqlite3_free(d);
	return *rc == SQLITE_OK ? d : NULL;
}

static void qikan_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
		       sqlite3_value **val)
{
	int rc = SQLITE_OK;
	struct rank_data *d = rank_data(api, fts, &rc);
	double score = 0;

	(void)nval;
	(void)val;
	if (!d) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	for (int i = 0; i < d->nphrase; i++) {
		int tf[ARRAY_LEN(rank_weights)] = { 0 };
		Fts5PhraseIter it;
		int col, off;

		rc = api->xPhraseFirst(fts, i, &it, &col, &off);
		for (; rc == SQLITE_OK && col >= 0; api->xPhraseNext(fts, &it, &col, &off))
			if ((size_t)col < ARRAY_LEN(tf))
				tf[col]++;
		for (size_t c = 0; c < ARRAY_LEN(tf); c++)
			if (tf[c])
				score += d->idf[i] * rank_weights[c] * tf[c] * (RANK_K1 + 1) / (tf[c] + RANK_K1);
	}
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(ctx, rc);
	else
		sqlite3_result_double(ctx, -score);
}

int bundle_search_register(sqlite3 *db, struct qk_err *e)
{
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (!api)
		return qk_err_set(e, "this SQLite has no FTS5 (full-text search): %s", sqlite3_errmsg(db));
	if (api->xCreateTokenizer(api, TOKENIZER_NAME, NULL, &tok, NULL) != SQLITE_OK ||
	    api->xCreateFunction(api, "qikan_rank", NULL, qikan_rank, NULL) != SQLITE_OK)
		return qk_err_set(e, "cannot register the search tokenizer: %s", sqlite3_errmsg(db));
	return 0;
}

/* ---- keeping the index ---- */

bool bundle_search_is_index_table(const char *name)
{
	return name && (!strcmp(name, "article_search") || str_starts(name, "article_search_"));
}

/* FTS5 keeps up to hashsize bytes of new index data in memory before it
 * writes a segment: an import run indexes everything it added in one
 * statement at its end, so a bigger buffer means fewer segments to merge
 * (16 MB: the memory budget of an import, tests/bench/import.sh).  Leaves
 * of 4,000 bytes waste less of SQLite's 16 KB pages than the default. */
int bundle_search_create(struct bundle *b, struct qk_err *e)
{
	return bundle_exec(b,
			   "CREATE VIRTUAL TABLE article_search USING fts5("
			   "title, subtitle, author, body, extra, "
			   "content = 'article_text', content_rowid = 'id', "
			   "tokenize = '" TOKENIZER_NAME " " TOKENIZER_VERSION "');"
			   "INSERT INTO article_search(article_search, rank) VALUES('hashsize', 8388608);"
			   "INSERT INTO article_search(article_search, rank) VALUES('pgsz', 4000)",
			   e);
}

enum index_state { INDEX_MISSING, INDEX_CURRENT, INDEX_OTHER_VERSION };

static int index_state(struct bundle *b, enum index_state *state, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'article_search'", e);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	*state = INDEX_MISSING;
	if (rc == SQLITE_ROW) {
		const char *sql = (const char *)sqlite3_column_text(st, 0);

		*state = sql && strstr(sql, "'" TOKENIZER_NAME " " TOKENIZER_VERSION "'") ? INDEX_CURRENT
											  : INDEX_OTHER_VERSION;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read the schema");
}

/* Runs sql (about the index) with ?1 bound to arg, when the index is
 * current; an index of other rules is rebuilt in full by its next search
 * (ensure_index), so there is nothing to keep in step. */
static int index_exec(struct bundle *b, const char *sql, int64_t arg, struct qk_err *e)
{
	enum index_state state;
	sqlite3_stmt *st;
	int rc;

	if (index_state(b, &state, e))
		return -1;
	if (state != INDEX_CURRENT)
		return 0;
	if (!(st = bundle_prepare(b, sql, e)))
		return -1;
	sqlite3_bind_int64(st, 1, arg);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot update the search index");
}

/* The index reads an article from article_text, so an article leaves the
 * index while its rows still say what was indexed (FTS5 removes the
 * tokens it reads there), and enters it once they say what is new.  Only
 * rows the index holds are removed: removing any other would take out
 * tokens that were never put in. */
#define INDEXED(id) "EXISTS (SELECT 1 FROM article_search_docsize d WHERE d.id = " id ")"

int bundle_search_forget_article(struct bundle *b, int64_t article_id, struct qk_err *e)
{
	return index_exec(b, "DELETE FROM article_search WHERE rowid = ?1 AND " INDEXED("?1"), article_id, e);
}

int bundle_search_forget_issue(struct bundle *b, int64_t issue_id, struct qk_err *e)
{
	return index_exec(b,
			  "DELETE FROM article_search WHERE rowid IN (SELECT a.id FROM article a "
			  "WHERE a.issue_id = ?1 AND " INDEXED("a.id") ")",
			  issue_id, e);
}

/* Indexes the articles of article_text that `cond` selects (?1 bound to
 * arg) and the index does not hold. */
static int index_new(struct bundle *b, const char *cond, int64_t arg, struct qk_err *e)
{
	char *sql = xasprintf("INSERT INTO article_search(rowid, title, subtitle, author, body, extra) "
			      "SELECT t.id, t.title, t.subtitle, t.author, t.body, t.extra FROM article_text t "
			      "WHERE %s AND NOT " INDEXED("t.id") " ORDER BY t.id",
			      cond);
	int rc = index_exec(b, sql, arg, e);

	free(sql);
	return rc;
}

int bundle_search_index_from(struct bundle *b, int64_t first_id, struct qk_err *e)
{
	return index_new(b, "t.id >= ?1", first_id, e);
}

int bundle_search_reindex_article(struct bundle *b, int64_t article_id, struct qk_err *e)
{
	return index_new(b, "t.id = ?1", article_id, e);
}

/* Makes the index anew from article_text, inside the caller's
 * transaction: for a bundle upgraded from an older schema, an index of
 * other rules, or `qikan search --rebuild`. */
int bundle_search_build(struct bundle *b, struct qk_err *e)
{
	enum index_state state;

	if (index_state(b, &state, e))
		return -1;
	if (state != INDEX_MISSING && bundle_exec(b, "DROP TABLE article_search", e))
		return -1;
	if (bundle_search_create(b, e))
		return -1;
	return bundle_exec(b, "INSERT INTO article_search(article_search) VALUES('rebuild')", e);
}

int bundle_search_rebuild(struct bundle *b, struct qk_err *e)
{
	if (bundle_begin(b, e))
		return -1;
	if (bundle_search_build(b, e)) {
		bundle_rollback(b);
		return -1;
	}
	return bundle_commit(b, e);
}

/* A bundle with an index of other rules (or none): build it when we may
 * write, else say what is wrong. */
static int ensure_index(struct bundle *b, struct qk_err *e)
{
	enum index_state state;

	if (index_state(b, &state, e))
		return -1;
	if (state == INDEX_CURRENT)
		return 0;
	if (bundle_readonly(b))
		return qk_err_set(e,
				  "%s: this bundle has %s and is read-only; open it once with write "
				  "permission (e.g. 'qikan search --rebuild' as its owner) to build it / "
				  "期刊库没有可用的全文索引且只读",
				  b->path,
				  state == INDEX_MISSING ? "no search index"
							 : "a search index made by another version of qikan");
	return bundle_search_rebuild(b, e);
}

/* ---- searching ---- */

static void hit_free(struct search_hit *x)
{
	free(x->issue_title);
	free(x->section_title);
	free(x->title);
	free(x->author);
	free(x->snippet);
	free(x->spans);
	memset(x, 0, sizeof *x);
}

void search_hits_free(struct search_hits *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++)
		hit_free(&h->v[i]);
	free(h->v);
	memset(h, 0, sizeof *h);
}

/* The snippet comes from the body when it matches there, else from the
 * field that matched; failing both, the start of the body.  fields[] are
 * the texts of enum search_field but the body (SEARCH_BODY, read by
 * body_snippet() instead), SEARCH_ANY holding the source and dateline
 * (the index's "extra" column); lead is the start of the body. */
static void make_snippet(struct search_hit *h, const struct search_query *q, const char *const fields[5],
			 char *lead)
{
	static const enum search_field order[] = { SEARCH_TITLE, SEARCH_SUBTITLE, SEARCH_AUTHOR, SEARCH_ANY };

	for (size_t i = 0; i < ARRAY_LEN(order); i++) {
		const char *t = fields[order[i]];
		bool joined = order[i] == SEARCH_AUTHOR || order[i] == SEARCH_ANY;

		if (!t)
			continue;
		if (!joined) {
			h->snippet = search_snippet(q, order[i], t, strlen(t), SNIPPET_CHARS, &h->spans,
						    &h->nspans);
			if (h->snippet)
				goto found;
			continue;
		}
		/* Author, byline and source (or source and dateline) are one
		 * index column joined by spaces: the snippet is the one piece
		 * that matched, so it is text the article really shows. */
		for (const char *p = t; *p;) {
			size_t len = strcspn(p, " ");

			if (len) {
				h->snippet = search_snippet(q, order[i], p, len, SNIPPET_CHARS, &h->spans,
							    &h->nspans);
				if (h->snippet)
					goto found;
			}
			p += len;
			p += strspn(p, " ");
		}
	}
	h->snippet = lead ? lead : xstrdup("");
	return;
found:
	free(lead);
}

/* The start of the body for a snippet without a match: its first line,
 * at most 3 * SNIPPET_CHARS bytes, not cut inside a character. */
static char *body_lead(const char *text)
{
	size_t n = strcspn(text, "\n");

	if (n > 3 * SNIPPET_CHARS) {
		n = 3 * SNIPPET_CHARS;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--; /* not in the middle of a character */
	}
	return xstrndup(text, n);
}

/* The body's snippet, read a paragraph at a time (para: the article's
 * paragraphs in order, ?1 its id).  The index's body column is the
 * paragraphs joined by newlines and search_snippet() takes the first
 * line with a match, so stopping at the first paragraph that matches
 * finds the same line without joining the rest, and in a UTF-16 bundle
 * (bundle.c) without converting it to UTF-8: reading the joined body
 * from article_text converted every article's text three times, most of
 * a search that shows many hits.  Sets h->snippet when the body matches;
 * else *lead gets the start of the body. */
static int body_snippet(struct bundle *b, sqlite3_stmt *para, const struct search_query *q, int64_t id,
			struct search_hit *h, char **lead, struct qk_err *e)
{
	int rc;

	*lead = NULL;
	sqlite3_bind_int64(para, 1, id);
	while ((rc = sqlite3_step(para)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(para, 0);

		if (!t)
			t = "";
		if (!*lead)
			*lead = body_lead(t);
		h->snippet = search_snippet(q, SEARCH_BODY, t, strlen(t), SNIPPET_CHARS, &h->spans, &h->nspans);
		if (h->snippet)
			break;
	}
	sqlite3_reset(para);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		free(*lead);
		*lead = NULL;
		return bundle_fail(b, e, "cannot read a found article");
	}
	if (h->snippet) {
		free(*lead);
		*lead = NULL;
	}
	return 0;
}

struct ranked {
	int64_t id;
	double rank;
};

static int ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Moves v[i] down the max-heap v[0..n) (the worst hit at the root). */
static void sift_down(struct ranked *v, size_t n, size_t i)
{
	for (;;) {
		size_t worst = i, l = 2 * i + 1, r = l + 1;
		struct ranked t;

		if (l < n && ranked_cmp(&v[l], &v[worst]) > 0)
			worst = l;
		if (r < n && ranked_cmp(&v[r], &v[worst]) > 0)
			worst = r;
		if (worst == i)
			return;
		t = v[i];
		v[i] = v[worst];
		v[worst] = t;
		i = worst;
	}
}

/* Puts the best k of v[0..n) first, in order.  A common word matches
 * tens of thousands of articles of which a search shows 20: keeping the
 * best k in a heap costs about one comparison a hit, where sorting them
 * all was a sixth of such a search on 1,000 issues.  ranked_cmp is a
 * total order, so the k are those a full sort puts first. */
static void best_first(struct ranked *v, size_t n, size_t k)
{
	if (k == 0 || k > n)
		k = n;
	if (k < n) {
		for (size_t i = k / 2; i-- > 0;)
			sift_down(v, k, i);
		for (size_t i = k; i < n; i++)
			if (ranked_cmp(&v[i], &v[0]) < 0) {
				v[0] = v[i];
				sift_down(v, k, 0);
			}
	}
	if (k > 1)
		qsort(v, k, sizeof *v, ranked_cmp);
}

/* Every matching article with its rank, in one pass of the index (no
 * article text is read here: that is what makes it fast); *n counts
 * them all, and the best `limit` (all when 0) come first, in order. */
static int rank_all(struct bundle *b, const struct search_query *q, size_t limit, struct ranked **out, size_t *n,
		    struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "SELECT rowid, " RANK_EXPR " FROM article_search "
					  "WHERE article_search MATCH ?1",
					  e);
	struct ranked *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, search_query_match(q), -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 256;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[len].id = sqlite3_column_int64(st, 0);
		v[len].rank = sqlite3_column_double(st, 1);
		len++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(v);
		/* Our expressions are well formed, so this is a damaged index:
		 * say so rather than show the hits read before the damage. */
		qk_err_set(e,
			   "%s: the search index is damaged (%s); 'qikan check' tells more, "
			   "'qikan search --rebuild' makes it anew / 全文索引已损坏",
			   b->path, sqlite3_errmsg(b->db));
		if (e)
			e->damaged = true;
		return -1;
	}
	best_first(v, len, limit);
	*out = v;
	*n = len;
	return 0;
}

/* The statements that read a hit: its place (base tables only), its
 * paragraphs, and, prepared on first need, the other fields the index
 * holds from article_text.  A statement through the view costs about a
 * million instructions to prepare, as much as the rest of a short
 * search's setup, and most hits match in their body. */
struct hit_reader {
	sqlite3_stmt *place, *para, *fields;
};

static void hit_reader_free(struct hit_reader *rd)
{
	sqlite3_finalize(rd->place);
	sqlite3_finalize(rd->para);
	sqlite3_finalize(rd->fields);
}

/* The snippet of a hit whose body does not match: from its title or the
 * other fields article_text gives the index (lead: see make_snippet). */
static int fields_snippet(struct bundle *b, struct hit_reader *rd, const struct search_query *q, int64_t id,
			  const char *title, struct search_hit *h, char *lead, struct qk_err *e)
{
	const char *fields[5] = { NULL };
	int rc;

	if (!rd->fields &&
	    !(rd->fields = bundle_prepare(b, "SELECT subtitle, author, extra FROM article_text WHERE id = ?1", e))) {
		free(lead);
		return -1;
	}
	sqlite3_bind_int64(rd->fields, 1, id);
	rc = sqlite3_step(rd->fields);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_reset(rd->fields);
		free(lead);
		return bundle_fail(b, e, "cannot read a found article");
	}
	fields[SEARCH_TITLE] = title;
	if (rc == SQLITE_ROW) {
		fields[SEARCH_SUBTITLE] = (const char *)sqlite3_column_text(rd->fields, 0);
		fields[SEARCH_AUTHOR] = (const char *)sqlite3_column_text(rd->fields, 1);
		fields[SEARCH_ANY] = (const char *)sqlite3_column_text(rd->fields, 2);
	}
	make_snippet(h, q, fields, lead);
	sqlite3_reset(rd->fields);
	return 0;
}

/* Fills a hit with the article's place and a snippet.  The index is
 * kept in step with the articles in every transaction, so a hit whose
 * article is gone means a damaged index: an error, not a hit left out. */
static int load_hit(struct bundle *b, struct hit_reader *rd, const struct search_query *q, const struct ranked *r,
		    struct search_hit *h, struct qk_err *e)
{
	sqlite3_stmt *st = rd->place;
	char *lead;
	int rc;

	sqlite3_bind_int64(st, 1, r->id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return bundle_fail(b, e, "cannot read a found article");
		qk_err_set(e,
			   "%s: the search index is damaged (it lists article %lld, which is not in the "
			   "bundle); 'qikan search --rebuild' makes it anew / 全文索引已损坏",
			   b->path, (long long)r->id);
		if (e)
			e->damaged = true;
		return -1;
	}
	memset(h, 0, sizeof *h);
	h->article_id = r->id;
	h->rank = r->rank;
	h->issue_id = sqlite3_column_int64(st, 0);
	h->issue_title = bundle_col_str(st, 1);
	h->title = bundle_col_str(st, 2);
	h->author = bundle_col_str(st, 3);
	h->page = sqlite3_column_int(st, 4);
	h->section_title = bundle_col_str(st, 5);
	sqlite3_reset(st);
	if (body_snippet(b, rd->para, q, r->id, h, &lead, e) ||
	    (!h->snippet && fields_snippet(b, rd, q, r->id, h->title, h, lead, e))) {
		hit_free(h);
		return -1;
	}
	return 0;
}

/* A bundle's 16 KB pages (bundle.c) read through SQLite's page cache
 * are each copied into a 16 KB buffer of fresh memory: a two-character
 * search on 100 issues took half again the page faults of the 4 KB
 * pages of schema 2 (484 against 312), most of its extra time.  Mapped,
 * a page is read where the kernel holds it and only the parts read are
 * touched (302 faults).  Writes still go through write(); where mapping
 * fails SQLite reads as before, so the result is not checked. */
#define SEARCH_MMAP_BYTES "1073741824"

int bundle_search(struct bundle *b, const char *query, int limit, struct search_hits *out, struct qk_err *e)
{
	struct search_query *q;
	struct ranked *r = NULL;
	struct hit_reader rd = { NULL, NULL, NULL };
	size_t nr = 0, want;
	int rc = -1;

	memset(out, 0, sizeof *out);
	bundle_exec(b, "PRAGMA mmap_size = " SEARCH_MMAP_BYTES, NULL);
	q = search_query_parse(query, e);
	if (!q || ensure_index(b, e) || rank_all(b, q, limit > 0 ? (size_t)limit : 0, &r, &nr, e))
		goto out;
	if (!(rd.place = bundle_prepare(b,
					"SELECT a.issue_id, i.title, a.title, a.author, coalesce(a.page, 0), "
					"coalesce(ps.title || ' > ', '') || coalesce(sec.title, '') "
					"FROM article a JOIN issue i ON i.id = a.issue_id "
					"LEFT JOIN section sec ON sec.id = a.section_id "
					"LEFT JOIN section ps ON ps.id = sec.parent_id "
					"WHERE a.id = ?1",
					e)) ||
	    !(rd.para = bundle_prepare(b, "SELECT text FROM paragraph WHERE article_id = ?1 ORDER BY position", e)))
		goto out;
	want = limit > 0 && (size_t)limit < nr ? (size_t)limit : nr;
	out->v = xcalloc(want + 1, sizeof *out->v);
	out->total = nr;
	for (size_t i = 0; i < nr && out->n < want; i++, out->n++)
		if (load_hit(b, &rd, q, &r[i], &out->v[out->n], e))
			goto out;
	rc = 0;
out:
	if (rc)
		search_hits_free(out);
	hit_reader_free(&rd);
	free(r);
	search_query_free(q);
	return rc;
}

/* For `qikan check`: the index exists, was built by these rules, covers
 * exactly the articles, and passes FTS5's own integrity check, which also
 * tokenizes every article_text row and compares it with the index (it
 * runs as an INSERT, so only on a writable bundle). */
int bundle_search_check(struct bundle *b, struct strv *problems, struct qk_err *e)
{
	enum index_state state;
	int64_t missing = 0, stale = 0;

	if (index_state(b, &state, e))
		return -1;
	if (state == INDEX_MISSING) {
		strv_push(problems, xstrdup("search index missing (qikan search --rebuild BUNDLE makes it)"));
		return 0;
	}
	if (state == INDEX_OTHER_VERSION) {
		strv_push(problems, xstrdup("search index built by other rules (qikan search --rebuild BUNDLE)"));
		return 0;
	}
	if (bundle_query_int(b,
			     "SELECT count(*) FROM article a WHERE ?1 = ?1 AND NOT EXISTS "
			     "(SELECT 1 FROM article_search_docsize d WHERE d.id = a.id)",
			     0, &missing, e) ||
	    bundle_query_int(b,
			     "SELECT count(*) FROM article_search_docsize d WHERE ?1 = ?1 AND NOT EXISTS "
			     "(SELECT 1 FROM article a WHERE a.id = d.id)",
			     0, &stale, e))
		return -1;
	if (missing)
		strv_push(problems, xasprintf("search index: %lld articles not indexed", (long long)missing));
	if (stale)
		strv_push(problems, xasprintf("search index: %lld rows for articles that are gone", (long long)stale));
	if (!b->readonly &&
	    sqlite3_exec(b->db, "INSERT INTO article_search(article_search, rank) VALUES('integrity-check', 1)",
			 NULL, NULL, NULL) != SQLITE_OK)
		strv_push(problems, xasprintf("search index: %s", sqlite3_errmsg(b->db)));
	return 0;
}

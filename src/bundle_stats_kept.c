/* SPDX-License-Identifier: MIT */
/* bundle_stats_kept.c — the statistics a bundle keeps per issue (schema 4,
 * bundle_schema.c), and the whole bundle's statistics summed from them.
 *
 * An issue's kept figures are what the statistics of that issue alone
 * give (stats.h, from its articles' kept figures): totals, sections with
 * their pages, its longest and shortest articles.  They are made again,
 * in the same transaction, whenever one of its articles is imported or
 * edited (bundle_derived.c); a replaced issue's go with it by cascade.
 * Authors are counted bundle-wide in author_count by triggers.  The whole
 * bundle then reads about a row an issue and a row a section an issue,
 * never an article: what the statistics of every issue fed in turn would
 * give, in milliseconds.  `qikan check` makes each issue's figures again
 * and compares. */
#include "config.h"
#include "bundle_internal.h"
#include "bundle_stats.h"

#include <stdlib.h>
#include <string.h>

/* The figures of one issue, as kept (in the column order of issue_stats). */
enum { K_ARTICLES, K_IN_TOC, K_PARAGRAPHS, K_HAN, K_LATIN, K_DIGIT, K_PUNCT, K_OTHER, K_FIRST_PAGE,
       K_LAST_PAGE, K_WITHOUT_AUTHOR, K_N };

struct kept {
	int64_t v[K_N];
	char *longest, *shortest; /* "chars:id chars:id ..." */
	char *sections;           /* section lines (section_line) */
};

static void kept_free(struct kept *k)
{
	free(k->longest);
	free(k->shortest);
	free(k->sections);
	memset(k, 0, sizeof *k);
}

/* A kept count as read from the bundle, which may be damaged or hostile:
 * out of range it is clamped, so that sums of ints cannot overflow (check
 * reports the figures as wrong). */
#define KEPT_COUNT_MAX 100000

static int kept_count(int64_t v)
{
	return v < 0 ? 0 : v > KEPT_COUNT_MAX ? KEPT_COUNT_MAX : (int)v;
}

/* ---- sections, as lines ---- */

/* A section is a line of tab-separated fields: id, depth, articles, in
 * TOC, paragraphs, the five character classes, pages, first and last
 * page, then its title path and name with backslash, tab and newline
 * escaped (\\ \t \n). */
#define SECTION_NUMS 13

static void add_escaped(struct sb *o, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\' || *s == '\t' || *s == '\n') {
			sb_addc(o, '\\');
			sb_addc(o, *s == '\t' ? 't' : *s == '\n' ? 'n' : '\\');
		} else {
			sb_addc(o, *s);
		}
	}
}

static void section_line(struct sb *o, const struct stats_section *sec)
{
	sb_printf(o, "%lld\t%d\t%d\t%d\t%d\t%llu\t%llu\t%llu\t%llu\t%llu\t%d\t%d\t%d\t", (long long)sec->id,
		  sec->depth, sec->articles, sec->articles_in_toc, sec->paragraphs,
		  (unsigned long long)sec->chars.han, (unsigned long long)sec->chars.latin,
		  (unsigned long long)sec->chars.digit, (unsigned long long)sec->chars.punct,
		  (unsigned long long)sec->chars.other, sec->pages, sec->first_page, sec->last_page);
	add_escaped(o, sec->title);
	sb_addc(o, '\t');
	add_escaped(o, sec->name);
	sb_addc(o, '\n');
}

/* Undoes add_escaped in place on s[0..len) and NUL-terminates it. */
static char *unescape(char *s, size_t len)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len) {
			i++;
			s[o++] = s[i] == 't' ? '\t' : s[i] == 'n' ? '\n' : s[i];
		} else {
			s[o++] = s[i];
		}
	}
	s[o] = '\0';
	return s;
}

/* Reads the line at *p (a NUL-terminated copy the section points into)
 * and moves *p past it.  False at the end or on a malformed line (a
 * damaged bundle: check says so). */
static bool section_parse(char **p, struct stats_section *sec)
{
	long long n[SECTION_NUMS];
	char *s = *p, *end = strchr(s, '\n'), *tab;

	if (!end)
		return false;
	*end = '\0';
	*p = end + 1;
	for (int i = 0; i < SECTION_NUMS; i++) {
		char *e;

		n[i] = strtoll(s, &e, 10);
		if (e == s || *e != '\t')
			return false;
		s = e + 1;
	}
	tab = strchr(s, '\t');
	if (!tab || n[1] < 0 || n[1] > 32) /* deeper than any import makes */
		return false;
	memset(sec, 0, sizeof *sec);
	sec->id = n[0];
	sec->depth = (int)n[1];
	sec->articles = kept_count(n[2]);
	sec->articles_in_toc = kept_count(n[3]);
	sec->paragraphs = kept_count(n[4]);
	sec->chars.han = (uint64_t)n[5];
	sec->chars.latin = (uint64_t)n[6];
	sec->chars.digit = (uint64_t)n[7];
	sec->chars.punct = (uint64_t)n[8];
	sec->chars.other = (uint64_t)n[9];
	sec->pages = kept_count(n[10]);
	sec->first_page = kept_count(n[11]);
	sec->last_page = kept_count(n[12]);
	sec->title = unescape(s, (size_t)(tab - s));
	sec->name = unescape(tab + 1, strlen(tab + 1));
	return true;
}

/* A BLOB column as a NUL-terminated string ("" for NULL). */
static char *col_blob(sqlite3_stmt *st, int col)
{
	const void *p = sqlite3_column_blob(st, col);
	int n = sqlite3_column_bytes(st, col);

	return p && n > 0 ? xstrndup(p, (size_t)n) : xstrdup("");
}

static void bind_blob(sqlite3_stmt *st, int col, const char *s)
{
	sqlite3_bind_blob(st, col, s, (int)strlen(s), SQLITE_STATIC);
}

/* ---- storing and reading one issue ---- */

static char *list_text(const struct stats_article *v, size_t n)
{
	struct sb o = { 0 };

	for (size_t i = 0; i < n; i++)
		sb_printf(&o, "%s%llu:%lld", i ? " " : "", (unsigned long long)v[i].chars, (long long)v[i].id);
	return sb_steal(&o);
}

static void kept_from_stats(const struct stats *s, struct kept *k)
{
	memset(k, 0, sizeof *k);
	k->v[K_ARTICLES] = s->articles;
	k->v[K_IN_TOC] = s->articles_in_toc;
	k->v[K_PARAGRAPHS] = s->paragraphs;
	k->v[K_HAN] = (int64_t)s->chars.han;
	k->v[K_LATIN] = (int64_t)s->chars.latin;
	k->v[K_DIGIT] = (int64_t)s->chars.digit;
	k->v[K_PUNCT] = (int64_t)s->chars.punct;
	k->v[K_OTHER] = (int64_t)s->chars.other;
	k->v[K_FIRST_PAGE] = s->first_page;
	k->v[K_LAST_PAGE] = s->last_page;
	k->v[K_WITHOUT_AUTHOR] = s->articles_without_author;
	k->longest = list_text(s->longest, s->nlongest);
	k->shortest = list_text(s->shortest, s->nshortest);
	{
		struct sb o = { 0 };

		for (size_t i = 0; i < s->nsections; i++)
			section_line(&o, &s->sections[i]);
		k->sections = sb_steal(&o);
	}
}

/* An issue's figures made from its articles' kept figures. */
static int kept_compute(struct bundle *b, int64_t issue_id, struct kept *k, struct qk_err *e)
{
	struct stats_opts o;
	struct stats s;
	int rc;

	stats_opts_init(&o);
	o.top_terms = 0; /* terms are kept bundle-wide (term_count) */
	o.no_default_stop = true;
	stats_init(&s, STATS_ISSUE, &o);
	rc = bundle_stats_issue_kept(b, issue_id, &s, e);
	if (!rc) {
		stats_finish(&s);
		kept_from_stats(&s, k);
	}
	stats_free(&s);
	stats_opts_free(&o);
	return rc;
}

#define KEPT_COLS                                                                              \
	"articles, in_toc, paragraphs, han, latin, digit, punct, other, first_page, last_page, " \
	"without_author, longest, shortest, sections"

static int kept_store(struct bundle *b, int64_t issue_id, const struct kept *k, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b,
					  "INSERT OR REPLACE INTO issue_stats(issue_id, " KEPT_COLS
					  ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
					  e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, issue_id);
	for (int i = 0; i < K_N; i++)
		sqlite3_bind_int64(st, 2 + i, k->v[i]);
	bind_blob(st, 2 + K_N, k->longest);
	bind_blob(st, 3 + K_N, k->shortest);
	bind_blob(st, 4 + K_N, k->sections);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot store the statistics");
	sqlite3_finalize(st);
	return rc;
}

/* Fills k from a row whose columns from c on are KEPT_COLS. */
static void kept_from_row(sqlite3_stmt *st, int c, struct kept *k)
{
	for (int i = 0; i < K_N; i++)
		k->v[i] = sqlite3_column_int64(st, c + i);
	k->longest = col_blob(st, c + K_N);
	k->shortest = col_blob(st, c + K_N + 1);
	k->sections = col_blob(st, c + K_N + 2);
}

/* The kept figures of an issue; *found is false when it has none. */
static int kept_load(struct bundle *b, int64_t issue_id, struct kept *k, bool *found, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, "SELECT " KEPT_COLS " FROM issue_stats WHERE issue_id = ?", e);
	int rc;

	memset(k, 0, sizeof *k);
	*found = false;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, issue_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = true;
		kept_from_row(st, 0, k);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read the statistics");
}

static bool kept_equal(const struct kept *x, const struct kept *y)
{
	return !memcmp(x->v, y->v, sizeof x->v) && !strcmp(x->longest, y->longest) &&
	       !strcmp(x->shortest, y->shortest) && !strcmp(x->sections, y->sections);
}

int bundle_stats_kept_update(struct bundle *b, int64_t issue_id, struct qk_err *e)
{
	struct kept k;
	int rc = kept_compute(b, issue_id, &k, e);

	if (!rc) {
		rc = kept_store(b, issue_id, &k, e);
		kept_free(&k);
	}
	return rc;
}

int bundle_stats_kept_build(struct bundle *b, struct qk_err *e)
{
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *st;
	int rc = bundle_exec(b, "DELETE FROM issue_stats", e), step;

	st = rc ? NULL : bundle_prepare(b, "SELECT id FROM issue ORDER BY id", e);
	if (!st)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = xrealloc(ids, cap * sizeof *ids);
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	rc = step == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read the issues");
	for (size_t i = 0; !rc && i < n; i++)
		rc = bundle_stats_kept_update(b, ids[i], e);
	free(ids);
	return rc;
}

/* ---- checking ---- */

int bundle_stats_kept_check(struct bundle *b, struct strv *problems, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, "SELECT id FROM issue ORDER BY id", e);
	int64_t bad = 0, first = 0, missing = 0, extra = 0;
	int rc = 0, step;

	if (!st)
		return -1;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct kept now, kept;
		bool found;

		if (kept_compute(b, id, &now, e)) {
			rc = -1;
			break;
		}
		rc = kept_load(b, id, &kept, &found, e);
		if (!rc && (!found || !kept_equal(&now, &kept)) && !bad++)
			first = id;
		kept_free(&now);
		kept_free(&kept);
	}
	if (!rc && step != SQLITE_DONE)
		rc = bundle_fail(b, e, "cannot read the issues");
	sqlite3_finalize(st);
	if (!rc)
		rc = bundle_query_int(b,
				      "SELECT count(*) FROM (SELECT name, count(*) FROM article_author WHERE ?1 = ?1 "
				      "GROUP BY name EXCEPT SELECT name, n FROM author_count)",
				      0, &missing, e) ||
		     bundle_query_int(b,
				      "SELECT count(*) FROM (SELECT name, n FROM author_count WHERE ?1 = ?1 EXCEPT "
				      "SELECT name, count(*) FROM article_author GROUP BY name)",
				      0, &extra, e)
			     ? -1
			     : 0;
	if (rc)
		return -1;
	if (bad)
		strv_push(problems, xasprintf("statistics: the kept figures of %lld issues differ from their "
					      "articles' (first: issue %lld)",
					      (long long)bad, (long long)first));
	if (missing || extra)
		strv_push(problems, xasprintf("statistics: the kept author counts differ from the articles' "
					      "authors (%lld names counted, not kept; %lld kept, not counted)",
					      (long long)missing, (long long)extra));
	return 0;
}

/* ---- the whole bundle ---- */

/* A candidate for the longest or shortest articles: from an issue's kept
 * list, in bundle order (seq). */
struct cand {
	uint64_t chars;
	int64_t id;
	size_t seq;
};

struct cands {
	struct cand *v;
	size_t n, cap;
};

static void cands_parse(struct cands *c, const char *text)
{
	const char *p = text ? text : "";

	while (*p) {
		char *end;
		unsigned long long chars = strtoull(p, &end, 10);
		long long id;

		if (end == p || *end != ':')
			break; /* damaged: check says so */
		p = end + 1;
		id = strtoll(p, &end, 10);
		if (end == p)
			break;
		p = end + strspn(end, " ");
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 64;
			c->v = xrealloc(c->v, c->cap * sizeof *c->v);
		}
		c->v[c->n] = (struct cand){ chars, id, c->n };
		c->n++;
	}
}

static int cmp_most(const void *x, const void *y)
{
	const struct cand *p = x, *q = y;

	if (p->chars != q->chars)
		return p->chars > q->chars ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

static int cmp_fewest(const void *x, const void *y)
{
	const struct cand *p = x, *q = y;

	if (p->chars != q->chars)
		return p->chars < q->chars ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* What the lists show of an article, read by id. */
struct article_reader {
	sqlite3_stmt *art, *sec;
};

static char *section_path(struct bundle *b, sqlite3_stmt *sec, int64_t id, struct qk_err *e)
{
	char *path = NULL;

	if (!id)
		return xstrdup(STATS_NO_SECTION);
	/* A parent chain longer than this is a damaged bundle: stop. */
	for (int depth = 0; id && depth < 32; depth++) {
		int rc;

		sqlite3_bind_int64(sec, 1, id);
		rc = sqlite3_step(sec);
		if (rc == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(sec, 1);
			char *p = path ? xasprintf("%s > %s", t ? t : "", path) : xstrdup(t ? t : "");

			free(path);
			path = p;
			id = sqlite3_column_int64(sec, 0);
		}
		sqlite3_reset(sec);
		if (rc != SQLITE_ROW) {
			if (rc != SQLITE_DONE) {
				free(path);
				bundle_fail(b, e, "cannot read the sections");
				return NULL;
			}
			break;
		}
	}
	return path ? path : xstrdup("");
}

static int article_read(struct bundle *b, struct article_reader *r, int64_t id, struct stats_article *a,
			struct qk_err *e)
{
	int rc;

	memset(a, 0, sizeof *a);
	sqlite3_bind_int64(r->art, 1, id);
	rc = sqlite3_step(r->art);
	if (rc == SQLITE_ROW && sqlite3_column_type(r->art, 3) != SQLITE_NULL) {
		a->id = id;
		a->title = bundle_col_str(r->art, 0);
		a->page = sqlite3_column_int(r->art, 1);
		a->issue_title = bundle_col_str(r->art, 2);
		a->paragraphs = sqlite3_column_int(r->art, 3);
		a->han = (uint64_t)sqlite3_column_int64(r->art, 4);
		a->chars = (uint64_t)sqlite3_column_int64(r->art, 5);
		a->section = section_path(b, r->sec, sqlite3_column_int64(r->art, 6), e);
	}
	sqlite3_reset(r->art);
	if (rc == SQLITE_ROW && a->section)
		return 0;
	free(a->title);
	free(a->issue_title);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return qk_err_set(e, "%s: the kept statistics name article %lld, which has no figures (qikan check "
				     "tells more) / 统计数据缺失",
				  b->path, (long long)id);
	return bundle_fail(b, e, "cannot read articles");
}

static void article_done(struct stats_article *a)
{
	free(a->title);
	free(a->issue_title);
	free(a->section);
}

/* The k first of the candidates in the order of cmp, read and added. */
static int add_top(struct bundle *b, struct article_reader *r, struct stats *s, struct cands *c, bool most,
		   struct qk_err *e)
{
	size_t k = (size_t)stats_top_articles(s);

	qsort(c->v, c->n, sizeof *c->v, most ? cmp_most : cmp_fewest);
	for (size_t i = 0; i < c->n && i < k; i++) {
		struct stats_article a;

		if (article_read(b, r, c->v[i].id, &a, e))
			return -1;
		stats_add_kept_article(s, most ? STATS_LONGEST : STATS_SHORTEST, &a);
		article_done(&a);
	}
	return 0;
}

static int add_not_in_toc(struct bundle *b, struct article_reader *r, struct stats *s, const int64_t *issues,
			  size_t n, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, "SELECT id FROM article WHERE issue_id = ? AND in_toc = 0 "
					     "ORDER BY position, id",
					  e);
	int rc = st ? 0 : -1, step = SQLITE_DONE;

	for (size_t i = 0; !rc && i < n; i++) {
		sqlite3_bind_int64(st, 1, issues[i]);
		while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
			struct stats_article a;

			rc = article_read(b, r, sqlite3_column_int64(st, 0), &a, e);
			if (!rc) {
				stats_add_kept_article(s, STATS_NOT_IN_TOC, &a);
				article_done(&a);
			}
		}
		sqlite3_reset(st);
		if (!rc && step != SQLITE_DONE)
			rc = bundle_fail(b, e, "cannot read articles");
	}
	sqlite3_finalize(st);
	return rc;
}

static int add_authors(struct bundle *b, struct stats *s, struct qk_err *e)
{
	sqlite3_stmt *st = bundle_prepare(b, "SELECT name, n FROM author_count", e);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		if (name)
			stats_add_author(s, name, (uint64_t)sqlite3_column_int64(st, 1));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read the authors");
}

static int add_terms(struct bundle *b, struct stats *s, struct qk_err *e)
{
	sqlite3_stmt *st;
	int64_t n = 0;
	int rc;

	/* Growing the table step by step would cost more than counting. */
	if (bundle_query_int(b, "SELECT count(*) FROM term_count WHERE ?1 = ?1", 0, &n, e))
		return -1;
	stats_expect_terms(s, (size_t)n);
	st = bundle_prepare(b, "SELECT term, n FROM term_count", e);
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		stats_add_term(s, t, (size_t)sqlite3_column_bytes(st, 0), (uint64_t)sqlite3_column_int64(st, 1));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : bundle_fail(b, e, "cannot read the term counts");
}

/* Every issue's totals and sections in bundle order (that of
 * bundle_issues()), collecting the list candidates and the issues with
 * articles outside the TOC. */
static int add_issues(struct bundle *b, struct stats *s, struct cands *most, struct cands *fewest,
		      int64_t **outside, size_t *noutside, struct qk_err *e)
{
	/* The issues sorted alone, their figures looked up by id: a join
	 * would sort the figures' text too. */
	sqlite3_stmt *st = bundle_prepare(b, "SELECT id, title FROM issue ORDER BY year, number, id", e);
	sqlite3_stmt *fig = st ? bundle_prepare(b, "SELECT " KEPT_COLS " FROM issue_stats WHERE issue_id = ?", e)
			       : NULL;
	size_t cap = 0;
	int rc = fig ? 0 : -1, step = SQLITE_DONE;

	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct stats_section sec;
		struct kept k;
		char *p;

		sqlite3_bind_int64(fig, 1, id);
		if ((rc = sqlite3_step(fig)) != SQLITE_ROW) {
			rc = rc == SQLITE_DONE ? qk_err_set(e, "%s: the statistics of issue %lld are missing (qikan "
							       "check tells more) / 统计数据缺失",
							    b->path, (long long)id)
					       : bundle_fail(b, e, "cannot read the statistics");
			break;
		}
		rc = 0;
		kept_from_row(fig, 0, &k);
		sqlite3_reset(fig);
		stats_add_kept_issue(s, (const char *)sqlite3_column_text(st, 1),
				     &(struct stats_issue_kept){
					     .articles = kept_count(k.v[K_ARTICLES]),
					     .articles_in_toc = kept_count(k.v[K_IN_TOC]),
					     .paragraphs = kept_count(k.v[K_PARAGRAPHS]),
					     .chars = { (uint64_t)k.v[K_HAN], (uint64_t)k.v[K_LATIN], (uint64_t)k.v[K_DIGIT],
							(uint64_t)k.v[K_PUNCT], (uint64_t)k.v[K_OTHER] },
					     .first_page = kept_count(k.v[K_FIRST_PAGE]),
					     .last_page = kept_count(k.v[K_LAST_PAGE]),
					     .articles_without_author = kept_count(k.v[K_WITHOUT_AUTHOR]),
				     });
		for (p = k.sections; section_parse(&p, &sec);)
			stats_add_kept_section(s, &sec);
		cands_parse(most, k.longest);
		cands_parse(fewest, k.shortest);
		if (k.v[K_ARTICLES] > k.v[K_IN_TOC]) {
			if (*noutside == cap) {
				cap = cap ? cap * 2 : 16;
				*outside = xrealloc(*outside, cap * sizeof **outside);
			}
			(*outside)[(*noutside)++] = id;
		}
		kept_free(&k);
	}
	if (!rc && step != SQLITE_DONE)
		rc = bundle_fail(b, e, "cannot read the issues");
	sqlite3_finalize(st);
	sqlite3_finalize(fig);
	return rc;
}

int bundle_stats_all(struct bundle *b, struct stats *s, struct qk_err *e)
{
	struct cands most = { 0 }, fewest = { 0 };
	struct article_reader r = { 0 };
	int64_t *outside = NULL;
	size_t noutside = 0;
	int rc = add_issues(b, s, &most, &fewest, &outside, &noutside, e);

	if (!rc) {
		r.art = bundle_prepare(b,
				       "SELECT a.title, coalesce(a.page, 0), i.title, st.paragraphs, st.han, "
				       "st.han + st.latin + st.digit + st.punct + st.other, coalesce(a.section_id, 0) "
				       "FROM article a JOIN issue i ON i.id = a.issue_id "
				       "LEFT JOIN article_stats st ON st.article_id = a.id WHERE a.id = ?",
				       e);
		r.sec = r.art ? bundle_prepare(b, "SELECT coalesce(parent_id, 0), title FROM section WHERE id = ?", e)
			      : NULL;
		rc = r.sec ? 0 : -1;
	}
	if (!rc)
		rc = add_top(b, &r, s, &most, true, e) || add_top(b, &r, s, &fewest, false, e) ||
			     add_not_in_toc(b, &r, s, outside, noutside, e) || add_authors(b, s, e) ||
			     add_terms(b, s, e)
			     ? -1
			     : 0;
	sqlite3_finalize(r.art);
	sqlite3_finalize(r.sec);
	free(most.v);
	free(fewest.v);
	free(outside);
	return rc;
}

/* SPDX-License-Identifier: MIT */
/* search_bench.c — figures for the full-text index on a bundle (run by
 * tests/bench/search.sh, not by `make check`):
 *   - building the index over every article, its size as a share of the
 *     bundle;
 *   - query latency (median CPU time of several runs: on a shared machine
 *     wall time says more about the neighbours) of bundle_search(), the best
 *     20 and all hits;
 *   - the same for FTS5's built-in trigram tokenizer over the same text
 *     (MATCH for queries of three or more characters, LIKE for shorter
 *     ones, which MATCH cannot do), and a plain instr() scan of the rows
 *     as the baseline that needs no index;
 *   - that every method finds the same number of articles.
 * Usage: search_bench [--queries-only] BUNDLE [QUERY...]
 * BUNDLE is modified: the index is rebuilt, and a trigram table is made
 * in BUNDLE.trigram (and removed).  --queries-only times the queries of
 * the qikan index alone. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "bundle_internal.h"
#include "search.h"

#define RUNS 7

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of this process: on a shared machine wall time says more
 * about the neighbours than about the code. */
static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, dbl_cmp);
	return v[n / 2];
}

static long long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

static long long query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "search_bench: %s: %s\n", sql, sqlite3_errmsg(db));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Runs sql (one text parameter) RUNS times after a warm-up; returns the
 * median milliseconds and the row count of the first column's value. */
static double time_sql(sqlite3 *db, const char *sql, const char *arg, long long *count)
{
	double t[RUNS];
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "search_bench: %s: %s\n", sql, sqlite3_errmsg(db));
		*count = -1;
		return -1;
	}
	for (int r = -1; r < RUNS; r++) {
		double t0 = cpu_ms();

		sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
		*count = 0;
		while (sqlite3_step(st) == SQLITE_ROW)
			*count = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (r >= 0)
			t[r] = cpu_ms() - t0;
	}
	sqlite3_finalize(st);
	return median(t, RUNS);
}

static double time_search(struct bundle *b, const char *q, int limit, size_t *total)
{
	double t[RUNS];

	for (int r = -1; r < RUNS; r++) {
		struct search_hits h;
		struct qk_err e = { 0 };
		double t0 = cpu_ms();

		if (bundle_search(b, q, limit, &h, &e)) {
			fprintf(stderr, "search_bench: %s\n", e.msg);
			return -1;
		}
		if (r >= 0)
			t[r] = cpu_ms() - t0;
		*total = h.total;
		search_hits_free(&h);
	}
	return median(t, RUNS);
}

static size_t u8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int main(int argc, char **argv)
{
	static const char *const default_queries[] = { "工会", "劳模", "青海", "二十大", "户外劳动者",
						       "县级工会加强年", "劳", "cptpp" };
	const char *const *queries = default_queries;
	int nq = (int)ARRAY_LEN(default_queries);
	struct qk_err e = { 0 };
	struct bundle *b;
	char *tri, *sql;
	long long bundle_bytes, index_bytes, tri_bytes, articles;
	double t0, c0, build_ms, build_cpu, tri_ms, tri_cpu;

	bool only_queries = argc > 1 && !strcmp(argv[1], "--queries-only");

	if (only_queries) {
		argv++;
		argc--;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		fprintf(stderr, "usage: search_bench [--queries-only] BUNDLE [QUERY...]\n");
		return 2;
	}
	if (argc > 2) {
		queries = (const char *const *)argv + 2;
		nq = argc - 2;
	}
	if (!(b = bundle_open(argv[1], BUNDLE_READ, &e))) {
		fprintf(stderr, "search_bench: %s\n", e.msg);
		return 1;
	}
	articles = query_int(b->db, "SELECT count(*) FROM article");
	if (only_queries) {
		printf("%-16s %9s %9s %9s\n", "query (ms)", "qikan@20", "qikan@all", "articles");
		for (int i = 0; i < nq; i++) {
			size_t total = 0, total_all = 0;
			double q20 = time_search(b, queries[i], 20, &total);
			double qall = time_search(b, queries[i], 0, &total_all);

			printf("%-16s %9.2f %9.2f %9zu\n", queries[i], q20, qall, total_all);
		}
		bundle_close(b);
		return 0;
	}
	t0 = now_ms();
	c0 = cpu_ms();
	if (bundle_search_rebuild(b, &e)) {
		fprintf(stderr, "search_bench: %s\n", e.msg);
		return 1;
	}
	build_ms = now_ms() - t0;
	build_cpu = cpu_ms() - c0;
	bundle_exec(b, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
	/* pages in use: a rebuilt index leaves the old one's pages free */
	bundle_bytes = query_int(b->db, "SELECT (SELECT page_count FROM pragma_page_count) - "
					"(SELECT freelist_count FROM pragma_freelist_count)") *
		       query_int(b->db, "SELECT page_size FROM pragma_page_size");
	index_bytes = query_int(b->db, "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'article_search%'");

	tri = xasprintf("%s.trigram", argv[1]);
	/* an empty file: the bundle's connection may open but not create */
	fclose(fopen(tri, "w"));
	sql = sqlite3_mprintf("ATTACH %Q AS tri", tri);
	if (bundle_exec(b, sql, &e)) {
		fprintf(stderr, "search_bench: %s\n", e.msg);
		return 1;
	}
	sqlite3_free(sql);
	t0 = now_ms();
	c0 = cpu_ms();
	if (bundle_exec(b,
			"BEGIN; CREATE VIRTUAL TABLE tri.t USING fts5(title, subtitle, author, body, extra, "
			"tokenize = 'trigram'); "
			"INSERT INTO tri.t(rowid, title, subtitle, author, body, extra) "
			"SELECT id, title, subtitle, author, body, extra FROM article_text; COMMIT",
			&e)) {
		fprintf(stderr, "search_bench: trigram: %s\n", e.msg);
		return 1;
	}
	tri_ms = now_ms() - t0;
	tri_cpu = cpu_ms() - c0;
	tri_bytes = file_size(tri);

	printf("articles                      %lld\n", articles);
	printf("bundle                        %.1f MB in use (with the qikan index)\n", bundle_bytes / 1048576.0);
	printf("qikan index (bigrams)         build %.1f s (%.1f s CPU), %.1f MB = %.0f%% of the bundle\n",
	       build_ms / 1e3, build_cpu / 1e3, index_bytes / 1048576.0, 100.0 * index_bytes / bundle_bytes);
	printf("trigram index (FTS5 builtin)  build %.1f s (%.1f s CPU), %.1f MB = %.0f%% of a bundle holding it "
	       "instead\n",
	       tri_ms / 1e3, tri_cpu / 1e3, tri_bytes / 1048576.0,
	       100.0 * tri_bytes / (bundle_bytes - index_bytes + tri_bytes));
	printf("\nmedian CPU ms of %d runs   qikan: ranked best 20 with snippets, and all matches counted\n"
	       "                       trigram: the same (MATCH, or LIKE below 3 characters); scan: instr()\n",
	       RUNS);
	printf("%-16s %8s | %9s %9s | %9s %9s | %9s\n", "query", "articles", "qikan@20", "q.count", "tri@20",
	       "tri.count", "scan");
	for (int i = 0; i < nq; i++) {
		size_t total = 0;
		double q20 = time_search(b, queries[i], 20, &total);
		long long qcount = 0, tcount = 0, t20n = 0, scount = 0;
		double qc, t20, tc, sc;
		char *like = xasprintf("%%%s%%", queries[i]);
		struct search_query *q = search_query_parse(queries[i], &e);
		bool tri_match = u8_chars(queries[i]) >= 3;
		const char *tri_where = tri_match ? "t MATCH '\"' || ?1 || '\"'"
						  : "(title LIKE ?1 OR subtitle LIKE ?1 OR author LIKE ?1 OR body LIKE ?1 "
						    "OR extra LIKE ?1)";
		char *sql20 = xasprintf("SELECT count(*) OVER () FROM tri.t WHERE %s ORDER BY %s LIMIT 20", tri_where,
					tri_match ? "bm25(t, 10.0, 5.0, 5.0, 1.0, 1.0)" : "rowid");
		char *sqlc = xasprintf("SELECT count(*) FROM tri.t WHERE %s", tri_where);
		const char *arg = tri_match ? queries[i] : like;

		qc = q ? time_sql(b->db, "SELECT count(*) FROM article_search WHERE article_search MATCH ?1",
				  search_query_match(q), &qcount)
		       : -1;
		t20 = time_sql(b->db, sql20, arg, &t20n);
		tc = time_sql(b->db, sqlc, arg, &tcount);
		sc = time_sql(b->db,
			      "SELECT count(*) FROM article_text a WHERE instr(lower(a.title), lower(?1)) "
			      "OR instr(lower(coalesce(a.subtitle, '')), lower(?1)) "
			      "OR instr(lower(coalesce(a.author, '')), lower(?1)) "
			      "OR instr(lower(coalesce(a.extra, '')), lower(?1)) OR EXISTS (SELECT 1 FROM paragraph p "
			      "WHERE p.article_id = a.id AND instr(lower(p.text), lower(?1)))",
			      queries[i], &scount);
		printf("%-16s %8zu | %9.2f %9.2f | %9.2f %9.2f | %9.1f%s\n", queries[i], total, q20, qc, t20, tc, sc,
		       (long long)total == qcount && qcount == tcount && tcount == scount ? "" : "  (counts differ)");
		if ((long long)total != qcount || qcount != tcount || tcount != scount)
			printf("    counts: qikan %zu/%lld, trigram %lld, scan %lld\n", total, qcount, tcount, scount);
		search_query_free(q);
		free(sql20);
		free(sqlc);
		free(like);
	}
	bundle_exec(b, "DETACH tri", NULL);
	unlink(tri);
	free(tri);
	bundle_close(b);
	return 0;
}

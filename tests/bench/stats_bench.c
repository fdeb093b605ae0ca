/* SPDX-License-Identifier: MIT */
/* stats_bench.c — the time the reader's statistics pane takes to count a
 * whole bundle (run by tests/bench/stats.sh, not by `make check`): the
 * library calls the pane makes (view_stats.c, job_step) on a bundle open
 * as the reader has it, without drawing.  Prints the first count in the
 * process (cold SQLite cache, as when the pane first opens) and the
 * median of the next ones (after an edit), wall and CPU time.
 * Usage: stats_bench BUNDLE */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bundle.h"
#include "bundle_stats.h"
#include "stats.h"

#define RUNS 9

static double clock_ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* One count as the pane makes it (job_start, job_step); *issues gets the
 * issues counted. */
static int count_once(struct bundle *b, const struct stats_opts *o, int *issues, struct qk_err *e)
{
	struct stats s;
	int rc;

	stats_init(&s, STATS_BUNDLE, o);
	rc = bundle_stats_all(b, &s, e);
	if (!rc) {
		stats_finish(&s);
		*issues = s.issues;
	}
	stats_free(&s);
	return rc;
}

int main(int argc, char **argv)
{
	double wall[RUNS], cpu[RUNS];
	struct stats_opts o;
	struct qk_err e = { 0 };
	struct bundle *b;
	int issues = 0, rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: stats_bench BUNDLE\n");
		return 2;
	}
	b = bundle_open(argv[1], BUNDLE_READ, &e);
	if (!b) {
		fprintf(stderr, "stats_bench: %s\n", e.msg);
		return 1;
	}
	stats_opts_init(&o);
	for (int i = 0; !rc && i < RUNS; i++) {
		double w = clock_ms(CLOCK_MONOTONIC), c = clock_ms(CLOCK_PROCESS_CPUTIME_ID);

		rc = count_once(b, &o, &issues, &e);
		wall[i] = clock_ms(CLOCK_MONOTONIC) - w;
		cpu[i] = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c;
	}
	if (rc) {
		fprintf(stderr, "stats_bench: %s\n", e.msg);
	} else {
		printf("%d issues counted: first %.1f ms (%.1f ms CPU)", issues, wall[0], cpu[0]);
		qsort(wall + 1, RUNS - 1, sizeof *wall, dbl_cmp);
		qsort(cpu + 1, RUNS - 1, sizeof *cpu, dbl_cmp);
		printf(", then median %.1f ms (%.1f ms CPU) of %d\n", wall[RUNS / 2], cpu[RUNS / 2], RUNS - 1);
	}
	stats_opts_free(&o);
	bundle_close(b);
	return rc ? 1 : 0;
}

/* SPDX-License-Identifier: MIT */
/* fuzz_changes.c — libFuzzer harness for `qikan changes apply`
 * (src/bundle_changes_apply.c).  Built by `configure --enable-fuzzer
 * CC=clang`; run as
 *   tests/fuzz/fuzz_changes -max_total_time=1800 CORPUS tests/fuzz/corpus_changes
 * Each input is a changeset applied to a fresh copy of a small bundle
 * that has local edits of its own (so conflicts are reachable).  What
 * must hold, besides no crash, leak or UB:
 *   - a refused changeset says why;
 *   - an applied one leaves a bundle that passes `qikan check`, and the
 *     conflicts it recorded can be listed.
 * QIKAN_FUZZ_SEEDS=DIR writes the seed changesets (real exports of edits,
 * an undo, a section move) to DIR and exits: that is how
 * tests/fuzz/corpus_changes was made. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle_changes.h"
#include "bundle_edit.h"
#include "fuzz_bundle.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned char *base, *local;   /* bundle files: as imported, with local edits */
static size_t base_len, local_len;
static char *work, *work_wal, *work_shm;

static void save(struct bundle *b, int64_t id, enum edit_field f, const char *v)
{
	struct edit_change c = { f, v };
	struct edit_result r;
	struct qk_err e = { 0 };

	if (bundle_edit_save(b, id, 0, &c, 1, "fuzz", &r, &e) != 0) {
		fprintf(stderr, "fuzz: edit %s: %s\n", edit_field_name(f), e.msg);
		exit(1);
	}
	edit_result_free(&r);
}

static struct bundle *open_copy(const unsigned char *bytes, size_t len)
{
	struct qk_err e = { 0 };
	struct bundle *b;

	unlink(work_wal);
	unlink(work_shm);
	fuzz_write_file(work, bytes, len);
	b = bundle_open(work, BUNDLE_READ, &e);
	if (!b) {
		fprintf(stderr, "fuzz: %s\n", e.msg);
		exit(1);
	}
	return b;
}

static void write_seed(struct bundle *b, const char *dir, const char *since, const char *name)
{
	struct changes_export_info info;
	struct qk_err e = { 0 };
	void *blob = NULL;
	size_t size = 0;
	char *path = xasprintf("%s/%s", dir, name);

	if (bundle_changes_export(b, since, &blob, &size, &info, &e) != 0) {
		fprintf(stderr, "fuzz: export: %s\n", e.msg);
		exit(1);
	}
	fuzz_write_file(path, blob, size);
	free(blob);
	free(path);
}

/* Edits on "another office's" copy, exported at three points. */
static void write_seeds(const char *dir)
{
	struct bundle *b = open_copy(base, base_len);
	struct edit_result r;
	struct qk_err e = { 0 };

	save(b, 1, EDIT_TITLE, "在全总十七届七次执委会议上的讲话（摘要）");
	write_seed(b, dir, NULL, "title.changeset");
	save(b, 1, EDIT_AUTHOR, "王东明（A）");
	save(b, 1, EDIT_PAGE, "10");
	save(b, 2, EDIT_SECTION, "市州动态");
	save(b, 3, EDIT_SUBTITLE, "副标题");
	save(b, 3, EDIT_SOURCE, "工人日报");
	save(b, 4, EDIT_DATELINE, "西宁 2023年2月");
	save(b, 5, EDIT_BYLINE, "本刊记者");
	write_seed(b, dir, NULL, "fields.changeset");
	if (bundle_edit_undo(b, 0, 0, "fuzz", &r, &e) < 0) {
		fprintf(stderr, "fuzz: undo: %s\n", e.msg);
		exit(1);
	}
	edit_result_free(&r);
	write_seed(b, dir, "2", "undo-since2.changeset");
	write_seed(b, dir, NULL, "all.changeset");
	bundle_close(b);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *dir = fuzz_tmpdir();
	char *path = xasprintf("%s/base.qikan", dir);
	const char *seeds = getenv("QIKAN_FUZZ_SEEDS");
	struct bundle *b;

	(void)argc;
	(void)argv;
	bundle_close(fuzz_make_bundle(path));
	fuzz_read_file(path, &base, &base_len);
	work = xasprintf("%s/work.qikan", dir);
	work_wal = xasprintf("%s-wal", work);
	work_shm = xasprintf("%s-shm", work);
	if (seeds) {
		write_seeds(seeds);
		exit(0);
	}
	/* This office edited too: the title of article 1 (a conflict with
	 * the seeds' title) and the page of article 4. */
	b = open_copy(base, base_len);
	save(b, 1, EDIT_TITLE, "在全总执委会议上的讲话");
	save(b, 4, EDIT_PAGE, "44");
	bundle_close(b);
	fuzz_read_file(work, &local, &local_len);
	free(path);
	free(dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bundle *b = open_copy(local, local_len);
	struct changes_report rep;
	struct qk_err e = { 0 };

	memset(&rep, 0, sizeof rep);
	if (bundle_changes_apply(b, data, size, "fuzz", &rep, &e) != 0) {
		if (!e.msg[0])
			abort(); /* a refusal must say why */
	} else {
		struct strv problems = { 0 };
		struct changes_conflict *c = NULL;
		size_t n = 0;

		if (bundle_check(b, &problems, &e) != 0 || problems.n > 0) {
			for (size_t i = 0; i < problems.n; i++)
				fprintf(stderr, "check after apply: %s\n", problems.v[i]);
			abort(); /* apply must leave a healthy bundle */
		}
		strv_free(&problems);
		if (bundle_changes_conflicts(b, &c, &n, &e) != 0)
			abort();
		changes_conflicts_free(c, n);
	}
	changes_report_free(&rep);
	bundle_close(b);
	return 0;
}

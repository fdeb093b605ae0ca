/* SPDX-License-Identifier: MIT */
/* test_marks.c — the reader's marks file (marks.h, issue #12): marks and
 * bookmarks survive a save and a load; two readers saving one after the
 * other keep both their changes (each save applies its own changes to the
 * file as it is then), an unread mark included; the caps hold (issues
 * visited longest ago go first, a full bookmark list refuses more); bad
 * keys and positions are refused. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "marks.h"
#include "test.h"

#define K1 "aaaa0000000000000000000000000000000000000000000000000000000000aa"
#define K2 "src-bbbb000000000000000000000000000000000000000000000000000000bb-2"

static int count_lines(const char *path, char kind)
{
	FILE *f = fopen(path, "r");
	char line[256];
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n += line[0] == kind && line[1] == '\t';
	fclose(f);
	return n;
}

int main(void)
{
	char dir[] = "/tmp/qikan-marks.XXXXXX";
	char *path;
	struct marks *a, *b, *c;
	const struct marks_bookmark *bv;
	struct qk_err e = { 0 };
	bool all = true;

	if (!mkdtemp(dir))
		return 1;
	path = xasprintf("%s/sub/marks", dir);

	/* Round trip. */
	a = marks_open(path);
	CHECK(!marks_seen(a, K1));
	marks_see(a, K1, 100);
	marks_set_read(a, K1, 0, true);
	marks_set_read(a, K1, 1, true);
	marks_set_read(a, K1, 2, true);
	marks_set_read(a, K1, 7, true);
	marks_set_read(a, K1, MARKS_MAX_POS, true);
	CHECK(marks_set_bookmark(a, K2, 3, true, 50));
	CHECK(marks_set_bookmark(a, K1, 4, true, 60));
	CHECK(marks_save(a, &e) == 0);
	marks_free(a);
	b = marks_open(path);
	CHECK(marks_seen(b, K1));
	CHECK(!marks_seen(b, K2)); /* a bookmark is not a visit */
	CHECK(marks_read(b, K1, 0) && marks_read(b, K1, 2) && marks_read(b, K1, 7));
	CHECK(marks_read(b, K1, MARKS_MAX_POS));
	CHECK(!marks_read(b, K1, 3) && !marks_read(b, K2, 0));
	CHECK(marks_bookmarks(b, &bv) == 2);
	CHECK_STR(bv[0].issue, K1); /* newest first */
	CHECK(bv[0].position == 4 && bv[1].position == 3 && bv[1].when == 50);

	/* Two readers at once: b (opened above) and c save in turn. */
	c = marks_open(path);
	marks_set_read(b, K1, 5, true);
	marks_set_read(b, K1, 0, false); /* marked unread by hand */
	CHECK(marks_set_bookmark(b, K2, 3, false, 0));
	marks_set_read(c, K1, 6, true);
	CHECK(marks_set_bookmark(c, K2, 9, true, 70));
	CHECK(marks_save(b, &e) == 0);
	CHECK(marks_save(c, &e) == 0);
	marks_free(b);
	marks_free(c);
	a = marks_open(path);
	CHECK(marks_read(a, K1, 5) && marks_read(a, K1, 6)); /* both kept */
	CHECK(!marks_read(a, K1, 0));                        /* c did not undo b */
	CHECK(!marks_bookmarked(a, K2, 3) && marks_bookmarked(a, K2, 9) && marks_bookmarked(a, K1, 4));

	/* Refused: bad keys and positions change nothing. */
	marks_set_read(a, "UPPER", 1, true);
	marks_set_read(a, "tab\there", 1, true);
	marks_set_read(a, K1, -1, true);
	marks_set_read(a, K1, MARKS_MAX_POS + 1, true);
	CHECK(!marks_read(a, "UPPER", 1) && !marks_read(a, K1, MARKS_MAX_POS + 1));
	CHECK(!marks_key_ok("") && !marks_key_ok("a b") && marks_key_ok(K2));

	/* Caps: more issues than fit, the oldest visits go first. */
	for (int i = 0; i < MARKS_MAX_ISSUES + 500; i++) {
		char k[32];

		snprintf(k, sizeof(k), "k%d", i);
		marks_see(a, k, 1000 + i);
	}
	CHECK(marks_save(a, &e) == 0);
	CHECK(count_lines(path, 'I') == MARKS_MAX_ISSUES);
	marks_free(a);
	a = marks_open(path);
	CHECK(!marks_seen(a, "k0") && !marks_seen(a, "k499"));
	CHECK(marks_seen(a, "k500") && marks_seen(a, "k20499"));
	/* K1 was seen at 100, before all of them: it went too */
	CHECK(!marks_seen(a, K1));
	/* two are there (K1 4, K2 9): fill up to the cap */
	CHECK(marks_bookmarks(a, &bv) == 2);
	for (int i = 100; i < 100 + MARKS_MAX_BOOKMARKS - 2; i++)
		all &= marks_set_bookmark(a, K2, i, true, i);
	CHECK(all);
	CHECK(marks_bookmarks(a, &bv) == MARKS_MAX_BOOKMARKS);
	CHECK(!marks_set_bookmark(a, K1, 1, true, 1)); /* full */
	CHECK(marks_save(a, &e) == 0);
	marks_free(a);
	CHECK(count_lines(path, 'B') == MARKS_MAX_BOOKMARKS);

	/* No place to save: said, not a crash. */
	a = marks_open("/proc/qikan-no-such-dir/marks");
	marks_see(a, K1, 1);
	CHECK(marks_save(a, &e) == -1 && e.msg[0]);
	marks_free(a);

	unlink(path);
	free(path);
	path = xasprintf("%s/sub", dir);
	rmdir(path);
	free(path);
	rmdir(dir);
	return test_done("test_marks");
}

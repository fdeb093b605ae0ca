/* SPDX-License-Identifier: MIT */
/* test_import_rules.c — the importer's named rules, one small text each:
 * house styles from styles.ini, TOC styles, issue labels, bylines,
 * page-break joins, the self-check's verdict, several issues in one
 * source, Markdown.  Each test names the rule it checks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "import.h"
#include "test.h"
#include "util.h"

static struct import_style *style;

static char *write_tmp(const char *text)
{
	char *path = xasprintf("%s/qikan-style-%ld.ini", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
			       (long)getpid());
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	return path;
}

/* rule style.site: a site file adds words and removes them ("-X");
 * an unknown key is an error naming the file and line. */
static void test_style_site(void)
{
	struct import_style *st = NULL;
	struct qk_err e = { { 0 }, 0 };
	char *path = write_tmp("[toc]\nheadings = 期刊目录, -目录\n");

	CHECK(import_style_load(&st, path, &e) == 0);
	import_style_free(st);
	unlink(path);
	free(path);
	path = write_tmp("[toc]\n\nheadngs = x\n");
	CHECK(import_style_load(&st, path, &e) == -1);
	CHECK(strstr(e.msg, "unknown key 'headngs'") != NULL);
	CHECK(strstr(e.msg, ":3:") != NULL);
	CHECK(st == NULL);
	unlink(path);
	free(path);
}

int main(void)
{
	struct qk_err e = { { 0 }, 0 };

	if (import_style_load(&style, NULL, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	test_style_site();
	import_style_free(style);
	return test_done("test_import_rules");
}

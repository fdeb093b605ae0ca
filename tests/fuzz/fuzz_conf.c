/* SPDX-License-Identifier: MIT */
/* fuzz_conf.c — libFuzzer harness for the config and theme reader
 * (src/conf.c, with the [stats] keys of src/stats_conf.c).  Built by
 * `configure --enable-fuzzer CC=clang`; run as
 *   tests/fuzz/fuzz_conf -max_total_time=1800 CORPUS tests/fuzz/corpus_conf
 * Each input is written to a file and read as config.ini, as a theme and
 * as the [stats] settings.  What must hold, besides no crash, leak or UB:
 *   - every load leaves usable settings (a bad value keeps the default);
 *   - every warning names the file, and no warning is empty;
 *   - a theme's colours stay in -1..255. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "fuzz_bundle.h"
#include "stats.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *cfg_path, *theme_path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *dir = fuzz_tmpdir();

	(void)argc;
	(void)argv;
	cfg_path = xasprintf("%s/config.ini", dir);
	theme_path = xasprintf("%s/theme.ini", dir);
	/* Theme names are looked up under $XDG_CONFIG_HOME: keep that in
	 * the private directory, away from the user's own files. */
	setenv("XDG_CONFIG_HOME", dir, 1);
	free(dir);
	return 0;
}

static void check_warnings(const struct strv *w, const char *path)
{
	for (size_t i = 0; i < w->n; i++)
		if (strncmp(w->v[i], path, strlen(path)) != 0 || strlen(w->v[i]) <= strlen(path) + 2)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	struct theme t;
	struct stats_opts so;
	struct strv w = { 0 }, wname = { 0 };

	fuzz_write_file(cfg_path, data, size);
	fuzz_write_file(theme_path, data, size);

	config_load(&c, cfg_path);
	if (c.reading_speed <= 0 || !c.path)
		abort();
	check_warnings(&c.warnings, cfg_path);
	for (size_t i = 0; i < c.keys.n; i++)
		if (!c.keys.v[i])
			abort();
	config_key_line(cfg_path, "keys", "quit");
	config_key_line(cfg_path, "reader", "theme");
	/* A theme named in the file is looked up as the reader would (by
	 * name only: a path could name /dev/zero or the user's files). */
	theme_default(&t);
	if (c.theme && !strchr(c.theme, '/') && !strstr(c.theme, ".ini"))
		theme_load(&t, c.theme, &wname);
	theme_free(&t);
	for (size_t i = 0; i < wname.n; i++)
		if (!wname.v[i][0])
			abort();
	strv_free(&wname);
	config_free(&c);

	theme_default(&t);
	theme_load(&t, theme_path, &w);
	for (int r = 0; r < ROLE_COUNT; r++)
		if (t.role[r].fg < -1 || t.role[r].fg > 255 || t.role[r].bg < -1 || t.role[r].bg > 255)
			abort();
	theme_free(&t);

	stats_opts_init(&so);
	stats_opts_load(&so, cfg_path, &w);
	stats_opts_free(&so);
	for (size_t i = 0; i < w.n; i++)
		if (strncmp(w.v[i], cfg_path, strlen(cfg_path)) != 0 &&
		    strncmp(w.v[i], theme_path, strlen(theme_path)) != 0) {
			fprintf(stderr, "warning without its file: %s\n", w.v[i]);
			abort();
		}
	strv_free(&w);
	return 0;
}

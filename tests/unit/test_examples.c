/* SPDX-License-Identifier: MIT */
/* test_examples.c — examples/config.ini (installed under the doc
 * directory) is a config the reader and `qikan stats` accept without a
 * single warning, and its values are the documented defaults, so copying
 * it changes nothing until the user edits it. */
#include "config.h"

#include <stdlib.h>

#include "conf.h"
#include "stats.h"
#include "test.h"

int main(void)
{
	const char *src = getenv("QIKAN_SRCDIR");
	char *path = xasprintf("%s/examples/config.ini", src ? src : ".");
	struct config c;
	struct stats_opts so, def;
	struct strv w = { 0 };

	config_load(&c, path);
	CHECK_STR(c.path, path);
	for (size_t i = 0; i < c.warnings.n; i++)
		fprintf(stderr, "warning: %s\n", c.warnings.v[i]);
	CHECK(c.warnings.n == 0);
	CHECK_STR(c.theme, "default");
	CHECK(!c.ambiguous_wide);
	CHECK(c.reading_speed == 400);
	CHECK(c.lang == UI_LANG_AUTO);
	CHECK(c.bundle == NULL);
	CHECK(c.keys.n == 0);
	config_free(&c);

	stats_opts_init(&def);
	stats_opts_init(&so);
	stats_opts_load(&so, path, &w);
	for (size_t i = 0; i < w.n; i++)
		fprintf(stderr, "warning: %s\n", w.v[i]);
	CHECK(w.n == 0);
	CHECK(so.chars_per_minute == def.chars_per_minute);
	CHECK(so.top_terms == def.top_terms);
	CHECK(so.stop_words.n == 0);
	stats_opts_free(&so);
	stats_opts_free(&def);
	strv_free(&w);
	free(path);
	return test_done("test_examples");
}

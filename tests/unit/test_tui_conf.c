/* SPDX-License-Identifier: MIT */
/* test_tui_conf.c — the reader's config.ini, themes and reading-state
 * file: shipped themes load cleanly and match the built-in ones, bad
 * values become warnings naming file, line and key with defaults kept,
 * syntax errors never crash, and positions survive a save and a
 * concurrent writer. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "state.h"
#include "test.h"

static char tmpdir[256];

static char *write_tmp(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
	return path;
}

/* True when some warning contains all of the pieces. */
static bool has_warning(const struct strv *w, const char *a, const char *b, const char *c)
{
	for (size_t i = 0; i < w->n; i++)
		if (strstr(w->v[i], a) && (!b || strstr(w->v[i], b)) && (!c || strstr(w->v[i], c)))
			return true;
	return false;
}

static void dump(const struct strv *w)
{
	for (size_t i = 0; i < w->n; i++)
		fprintf(stderr, "  warning: %s\n", w->v[i]);
}

static void test_shipped_themes(void)
{
	const char *src = getenv("QIKAN_SRCDIR");
	static const char *const names[] = { "default", "dark", "light", "mono" };
	struct theme builtin;

	if (!src)
		src = ".";
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		struct strv w = { 0 };
		struct theme t;
		char *path = xasprintf("%s/themes/%s.ini", src, names[i]);

		CHECK(theme_load(&t, path, &w) == 0);
		CHECK(w.n == 0);
		dump(&w);
		if (!strcmp(names[i], "default")) {
			theme_default(&builtin);
			CHECK(!memcmp(t.role, builtin.role, sizeof(t.role)));
		}
		if (!strcmp(names[i], "mono")) {
			theme_mono(&builtin);
			CHECK(!memcmp(t.role, builtin.role, sizeof(t.role)));
			for (int r = 0; r < ROLE_COUNT; r++)
				CHECK(t.role[r].fg == -1 && t.role[r].bg == -1);
		}
		theme_free(&t);
		strv_free(&w);
		free(path);
	}
}

static void test_bad_theme(void)
{
	char *path = write_tmp("bad.ini", "[theme]\n"
					  "name = bad\n"
					  "\n"
					  "[title]\n"
					  "fg = purple\n"
					  "bg = 300\n"
					  "attr = bold blink\n"
					  "[cursor]\n"
					  "fg = bright-red\n"
					  "colour = 3\n"
					  "[nonsense]\n"
					  "fg = red\n");
	struct strv w = { 0 };
	struct theme t, def;

	theme_default(&def);
	CHECK(theme_load(&t, path, &w) == 0);
	CHECK(has_warning(&w, "bad.ini:5:", "title:fg", "purple"));
	CHECK(has_warning(&w, "bad.ini:6:", "title:bg", "300"));
	CHECK(has_warning(&w, "bad.ini:7:", "title:attr", "blink"));
	CHECK(has_warning(&w, "bad.ini:10:", "'colour'", "unknown"));
	CHECK(has_warning(&w, "bad.ini", "[nonsense]", NULL));
	/* Bad values keep the default; good ones next to them apply. */
	CHECK(t.role[ROLE_TITLE].fg == def.role[ROLE_TITLE].fg);
	CHECK(t.role[ROLE_TITLE].attrs == def.role[ROLE_TITLE].attrs);
	CHECK(t.role[ROLE_CURSOR].fg == 9);
	theme_free(&t);
	strv_free(&w);

	CHECK(theme_load(&t, "no-such-theme-name", &w) == -1);
	CHECK(has_warning(&w, "no-such-theme-name", "no such theme", NULL));
	CHECK(!memcmp(t.role, def.role, sizeof(t.role)));
	strv_free(&w);
	free(path);
}

static void test_config_values(void)
{
	char *path = write_tmp("config.ini", "; comment\n"
					     "[qikan]\n"
					     "ambiguous = sideways\n"
					     "reading_speed = 10\n"
					     "language = en\n"
					     "theme = dark\n"
					     "colour = red\n"
					     "bundle = ~/issues/all.qikan\n"
					     "[other]\n"
					     "ambiguous = wide\n");
	struct config c;
	char *want;

	setenv("HOME", "/home/reader", 1);
	config_load(&c, path);
	dump(&c.warnings);
	CHECK(has_warning(&c.warnings, "config.ini:3:", "'ambiguous'", "sideways"));
	CHECK(has_warning(&c.warnings, "config.ini:4:", "'reading_speed'", "10"));
	CHECK(has_warning(&c.warnings, "config.ini:7:", "'colour'", "unknown"));
	CHECK(has_warning(&c.warnings, "config.ini", "[other]", NULL));
	CHECK(!c.ambiguous_wide);
	CHECK(c.reading_speed == 400);
	CHECK(c.lang == UI_LANG_EN);
	CHECK_STR(c.theme, "dark");
	want = xasprintf("%s", "/home/reader/issues/all.qikan");
	CHECK_STR(c.bundle, want);
	free(want);
	config_free(&c);
	free(path);

	path = write_tmp("good.ini", "[qikan]\nambiguous = wide\nreading_speed = 350\nlanguage = zh\n");
	config_load(&c, path);
	CHECK(c.warnings.n == 0);
	CHECK(c.ambiguous_wide && c.reading_speed == 350 && c.lang == UI_LANG_ZH);
	CHECK(!c.ambiguous_auto); /* said explicitly: the probe does not decide */
	config_free(&c);
	free(path);
}

/* The terminal settings (issue #11): ambiguous = auto by default, layout,
 * mouse and probe, with bad values reported and defaults kept. */
static void test_config_terminal(void)
{
	char *path = write_tmp("term.ini", "[qikan]\nlayout = stacked\nmouse = no\nprobe = off\n");
	struct config c;

	config_load(&c, path);
	dump(&c.warnings);
	CHECK(c.warnings.n == 0);
	CHECK(c.ambiguous_auto && !c.ambiguous_wide);
	CHECK(c.layout == LAYOUT_STACKED && !c.mouse && !c.probe);
	config_free(&c);
	free(path);

	path = write_tmp("term2.ini", "[qikan]\nambiguous = auto\nlayout = diagonal\nmouse = maybe\n");
	config_load(&c, path);
	dump(&c.warnings);
	CHECK(c.ambiguous_auto);
	CHECK(has_warning(&c.warnings, "term2.ini:3:", "'layout'", "diagonal"));
	CHECK(has_warning(&c.warnings, "term2.ini:4:", "'mouse'", "maybe"));
	CHECK(c.layout == LAYOUT_AUTO && c.mouse && c.probe);
	config_free(&c);
	free(path);
}

static void test_config_syntax(void)
{
	char *path = write_tmp("broken.ini", "[qikan]\ntheme = dark\n[unclosed\nthis line is not ini\n");
	struct config c;

	config_load(&c, path);
	dump(&c.warnings);
	CHECK(c.warnings.n >= 1);
	CHECK(has_warning(&c.warnings, "broken.ini:", NULL, NULL));
	CHECK_STR(c.theme, "default"); /* the whole file is ignored */
	config_free(&c);
	free(path);

	/* No config file at all: defaults, no warnings. */
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	config_load(&c, NULL);
	CHECK(c.path == NULL && c.warnings.n == 0 && c.reading_speed == 400);
	config_free(&c);
}

static void test_key_line(void)
{
	char *path = write_tmp("lines.ini", "[a]\nk = 1\n\n[B]\n  k=2\n[c]\n; k = 3\nk = 4\n");

	CHECK(config_key_line(path, "a", "k") == 2);
	CHECK(config_key_line(path, "b", "k") == 5);
	CHECK(config_key_line(path, "c", "k") == 8);
	CHECK(config_key_line(path, "d", "k") == 0);
	free(path);
}

static void test_state(void)
{
	char *path = xasprintf("%s/state/qikan/positions", tmpdir);
	struct state_pos p = { 3, 120 }, got;
	struct state *a, *b;
	struct qk_err e = { 0 };
	FILE *f;
	int lines = 0;
	char buf[512];

	a = state_open(path);
	CHECK(!state_get_pos(a, "/b/one.qikan", 7, &got));
	state_set_pos(a, "/b/one.qikan", 7, &p);
	state_set_last(a, "/b/one.qikan", 7);
	state_set_pos(a, "relative.qikan", 8, &p); /* not an absolute path: ignored */
	CHECK(state_save(a, &e) == 0);
	state_free(a);

	a = state_open(path);
	CHECK(state_get_pos(a, "/b/one.qikan", 7, &got) && got.block == 3 && got.off == 120);
	CHECK(state_get_last(a, "/b/one.qikan") == 7);
	CHECK(state_get_last(a, "/b/two.qikan") == 0);
	CHECK(!state_get_pos(a, "relative.qikan", 8, &got));

	/* Two readers at once: each save keeps the other's positions. */
	b = state_open(path);
	state_set_pos(a, "/b/one.qikan", 9, &(struct state_pos){ 1, 5 });
	state_set_pos(b, "/b/two.qikan", 1, &(struct state_pos){ 2, 6 });
	CHECK(state_save(a, &e) == 0);
	CHECK(state_save(b, &e) == 0);
	state_free(a);
	state_free(b);
	a = state_open(path);
	CHECK(state_get_pos(a, "/b/one.qikan", 9, &got) && got.block == 1);
	CHECK(state_get_pos(a, "/b/two.qikan", 1, &got) && got.off == 6);
	CHECK(state_get_pos(a, "/b/one.qikan", 7, &got) && got.off == 120);
	state_free(a);

	/* Damaged lines are skipped, not fatal. */
	f = fopen(path, "a");
	fputs("garbage\nP\tx\t1\t2\t/b/x\nP\t5\t1\n\x01\x02\n", f);
	fclose(f);
	a = state_open(path);
	CHECK(state_get_pos(a, "/b/one.qikan", 7, &got));
	/* The file stays bounded. */
	for (int i = 1; i <= 6000; i++)
		state_set_pos(a, "/b/many.qikan", i, &(struct state_pos){ 1, (size_t)i });
	CHECK(state_save(a, &e) == 0);
	state_free(a);
	f = fopen(path, "r");
	while (f && fgets(buf, sizeof(buf), f))
		lines++;
	if (f)
		fclose(f);
	CHECK(lines > 0 && lines <= 5000);
	a = state_open(path);
	CHECK(state_get_pos(a, "/b/many.qikan", 6000, &got) && got.off == 6000);
	state_free(a);
	free(path);
}

int main(void)
{
	char cmd[300];

	snprintf(tmpdir, sizeof(tmpdir), "%s/qikan-conf.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_shipped_themes();
	test_bad_theme();
	test_config_values();
	test_config_terminal();
	test_config_syntax();
	test_key_line();
	test_state();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd))
		fprintf(stderr, "could not remove %s\n", tmpdir);
	return test_done("test_tui_conf");
}

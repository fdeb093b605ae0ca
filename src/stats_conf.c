/* SPDX-License-Identifier: MIT */
/* stats_conf.c — the [stats] section of config.ini:
 *
 *   [stats]
 *   stop_words = 工会, 职工 the   ; added to the built-in stop list
 *   default_stop_words = yes      ; "no": use only the words above
 *   chars_per_minute = 400        ; reading speed, 50 to 5000
 *   top_terms = 20                ; terms listed, 0 to 1000
 *   bars = blocks                 ; or "ascii": bar charts drawn with '#'
 *
 * When chars_per_minute is absent, [qikan] reading_speed (the reader's
 * setting, conf.c) is used. */
#include "config.h"
#include "stats.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <iniparser.h>

#include "conf_file.h"

/* Parse errors are reported by the reader's own config load (conf.c);
 * here they would only be said twice. */
static int quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* The 1-based line of key in [section], 0 when not found. */
static int key_line(const char *path, const char *section, const char *key)
{
	return conf_file_line(path, section, key);
}

static bool get_int(dictionary *d, const char *path, const char *sec, const char *key, int min,
		    int max, int *out, struct strv *w)
{
	char full[64];
	const char *v;
	char *end;
	long n;

	snprintf(full, sizeof full, "%s:%s", sec, key);
	v = iniparser_getstring(d, full, NULL);
	if (!v)
		return false;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < min || n > max) {
		strv_push(w, xasprintf("%s:%d: key '%s': bad value '%s' (want a whole number from %d to "
				       "%d); using %d",
				       path, key_line(path, sec, key), key, v, min, max, *out));
		return false;
	}
	*out = (int)n;
	return true;
}

static char *default_path(void)
{
	const char *v = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (v && v[0] == '/')
		return xasprintf("%s/qikan/config.ini", v);
	if (home && *home)
		return xasprintf("%s/.config/qikan/config.ini", home);
	return NULL;
}

void stats_opts_load(struct stats_opts *o, const char *path, struct strv *warnings)
{
	char *owned = path ? NULL : default_path();
	struct qk_err e = { 0 };
	char *text;
	dictionary *d;
	struct stat st;
	const char *v;

	if (!path)
		path = owned;
	if (!path || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		goto out;
	if (!(text = conf_file_read(path, NULL, NULL, warnings, &e))) {
		strv_push(warnings, xasprintf("%s (file ignored)", e.msg));
		goto out;
	}
	iniparser_set_error_callback(quiet);
	d = conf_file_parse(text);
	iniparser_set_error_callback(NULL);
	free(text);
	if (!d) {
		strv_push(warnings, xasprintf("%s: cannot read this file", path));
		goto out;
	}
	if (!get_int(d, path, "stats", "chars_per_minute", 50, 5000, &o->chars_per_minute, warnings))
		get_int(d, path, "qikan", "reading_speed", 50, 5000, &o->chars_per_minute, warnings);
	get_int(d, path, "stats", "top_terms", 0, 1000, &o->top_terms, warnings);
	v = iniparser_getstring(d, "stats:default_stop_words", NULL);
	if (v) {
		if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcmp(v, "0"))
			o->no_default_stop = true;
		else if (strcasecmp(v, "yes") && strcasecmp(v, "true") && strcmp(v, "1"))
			strv_push(warnings, xasprintf("%s:%d: key 'default_stop_words': bad value '%s' (want "
						      "yes or no); using yes",
						      path, key_line(path, "stats", "default_stop_words"), v));
	}
	v = iniparser_getstring(d, "stats:bars", NULL);
	if (v) {
		if (!strcasecmp(v, "ascii"))
			o->ascii_bars = true;
		else if (strcasecmp(v, "blocks"))
			strv_push(warnings, xasprintf("%s:%d: key 'bars': bad value '%s' (want blocks or "
						      "ascii); using blocks",
						      path, key_line(path, "stats", "bars"), v));
	}
	v = iniparser_getstring(d, "stats:stop_words", NULL);
	if (v)
		stats_opts_add_stop_words(o, v);
	iniparser_freedict(d);
out:
	free(owned);
}

bool stats_conf_known_key(const char *key)
{
	static const char *const keys[] = { "stop_words", "default_stop_words", "chars_per_minute",
					    "top_terms", "bars" };

	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (!strcmp(keys[i], key))
			return true;
	return false;
}

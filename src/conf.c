/* SPDX-License-Identifier: MIT */
/* conf.c — config.ini and themes through iniparser.  Every value is
 * checked; a bad one becomes a warning "FILE:LINE: key 'k': ..." and the
 * default stays, so a typo never keeps the reader from starting. */
#include "config.h" /* autoconf's */
#include "conf.h"
#include "conf_file.h"
#include "stats.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <iniparser.h>

#ifndef QK_DATADIR
#define QK_DATADIR "/usr/local/share/qikan"
#endif

const char *const theme_role_names[ROLE_COUNT] = {
	[ROLE_NORMAL] = "normal",
	[ROLE_TITLE] = "title",
	[ROLE_SUBTITLE] = "subtitle",
	[ROLE_META] = "meta",
	[ROLE_TOC_ISSUE] = "toc_issue",
	[ROLE_TOC_SECTION] = "toc_section",
	[ROLE_TOC_ARTICLE] = "toc_article",
	[ROLE_TOC_EXTRA] = "toc_extra",
	[ROLE_TOC_PAGE] = "toc_page",
	[ROLE_CURSOR] = "cursor",
	[ROLE_CURSOR_DIM] = "cursor_dim",
	[ROLE_CURRENT] = "current",
	[ROLE_MATCH] = "match",
	[ROLE_MATCH_CUR] = "match_current",
	[ROLE_STATUS] = "status",
	[ROLE_MESSAGE] = "message",
	[ROLE_BORDER] = "border",
	[ROLE_HELP_KEY] = "help_key",
};

/* iniparser reports syntax errors through a callback without a user
 * pointer, so the messages of the load in progress are collected here. */
static struct sb ini_errors;

static int ini_error_cb(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&ini_errors, fmt, ap);
	va_end(ap);
	return 0;
}

static void warn(struct strv *w, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void warn(struct strv *w, const char *path, int line, const char *fmt, ...)
{
	struct sb b = { 0 };
	va_list ap;

	if (line > 0)
		sb_printf(&b, "%s:%d: ", path, line);
	else
		sb_printf(&b, "%s: ", path);
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	strv_push(w, sb_steal(&b));
}

/* Turns iniparser's "syntax error in FILE (N):\n-> TEXT" messages into
 * our warning format, one per error. */
static void report_ini_errors(struct strv *w, const char *path)
{
	char *p = ini_errors.s;

	while (p && *p) {
		char *nl = strstr(p, "iniparser:");
		char *next = nl ? strstr(nl + 1, "iniparser:") : NULL;
		char *paren, *arrow;
		int line = 0;

		if (!nl)
			break;
		if (next)
			next[-1] = '\0';
		paren = strstr(nl, " (");
		if (paren)
			line = atoi(paren + 2);
		arrow = strstr(nl, "-> ");
		if (arrow) {
			arrow[strcspn(arrow, "\n")] = '\0';
			warn(w, path, line, "syntax error: %s (file ignored)", arrow + 3);
		} else {
			nl[strcspn(nl, "\n")] = '\0';
			warn(w, path, line, "%s (file ignored)", nl + 11);
		}
		p = next;
	}
	sb_free(&ini_errors);
}

struct known {
	const char *path;
	struct strv *w;
	const char *const *sections;
	bool (*key)(const char *sec, const char *key);
};

/* Unknown keys of known sections are warned about here, in file order,
 * and kept from iniparser (which is slow with many keys); a section we do
 * not know keeps its header, so check_known() names it once. */
static bool keep_known(void *ctx, const char *sec, const char *key, int line)
{
	struct known *k = ctx;
	bool known_sec = false;

	for (const char *const *s = k->sections; *s; s++)
		known_sec |= !strcmp(*s, sec);
	if (!known_sec)
		return false;
	if (k->key(sec, key))
		return true;
	warn(k->w, k->path, line, "key '%s': unknown key ignored", key);
	return false;
}

static dictionary *ini_load(const char *path, struct strv *w, const char *const *sections,
			    bool (*known_key)(const char *sec, const char *key))
{
	struct known k = { path, w, sections, known_key };
	struct qk_err e = { 0 };
	dictionary *d;
	char *text = conf_file_read(path, sections ? keep_known : NULL, &k, w, &e);

	if (!text) {
		warn(w, path, 0, "%s (file ignored)", e.msg);
		return NULL;
	}
	sb_clear(&ini_errors);
	iniparser_set_error_callback(ini_error_cb);
	d = conf_file_parse(text);
	iniparser_set_error_callback(NULL);
	free(text);
	if (!d) {
		if (ini_errors.len)
			report_ini_errors(w, path);
		else
			warn(w, path, 0, "cannot read this file");
	}
	sb_free(&ini_errors);
	return d;
}

int config_key_line(const char *path, const char *section, const char *key)
{
	return conf_file_line(path, section, key);
}

static char *xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var), *home;

	if (v && v[0] == '/')
		return xstrdup(v);
	home = getenv("HOME");
	if (!home || !*home)
		return NULL;
	return xasprintf("%s/%s", home, fallback);
}

static bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Checks every key of the dictionary against the known ones, so a typo
 * ("ambigous") is reported rather than silently ignored. */
static void check_known(dictionary *d, const char *path, const char *const *known_sections,
			bool (*known_key)(const char *sec, const char *key), struct strv *w)
{
	int nsec = iniparser_getnsec(d);

	for (int i = 0; i < nsec; i++) {
		const char *sec = iniparser_getsecname(d, i);
		int nkeys = iniparser_getsecnkeys(d, sec);
		const char **keys;
		bool ok = false;

		for (const char *const *k = known_sections; *k; k++)
			ok |= !strcmp(*k, sec);
		if (!ok) {
			warn(w, path, 0, "unknown section [%s] ignored", sec);
			continue;
		}
		if (nkeys <= 0)
			continue;
		keys = xcalloc((size_t)nkeys, sizeof(*keys));
		if (iniparser_getseckeys(d, sec, keys)) {
			for (int j = 0; j < nkeys; j++) {
				const char *k = strchr(keys[j], ':');

				k = k ? k + 1 : keys[j];
				if (!known_key(sec, k))
					warn(w, path, config_key_line(path, sec, k),
					     "key '%s': unknown key ignored", k);
			}
		}
		free(keys);
	}
}

static bool config_known_key(const char *sec, const char *key)
{
	static const char *const keys[] = { "bundle", "theme", "ambiguous", "reading_speed",
					    "language", "layout", "mouse", "probe",
					    "write_encoding", "write_crlf", "write_bom" };

	if (!strcmp(sec, "keys"))
		return true; /* actions are checked by tui.c */
	if (!strcmp(sec, "stats"))
		return stats_conf_known_key(key); /* read by stats_conf.c */
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (!strcmp(keys[i], key))
			return true;
	return false;
}

static const char *get(dictionary *d, const char *key)
{
	char full[128];

	snprintf(full, sizeof(full), "qikan:%s", key);
	return iniparser_getstring(d, full, NULL);
}

static void bad_value(struct config *c, const char *key, const char *val, const char *want,
		      const char *def)
{
	warn(&c->warnings, c->path, config_key_line(c->path, "qikan", key),
	     "key '%s': bad value '%s' (want %s); using %s", key, val, want, def);
}

/* true/false (yes/no, on/off, 1/0) for key; *out keeps its default
 * otherwise. */
static void config_bool(struct config *c, dictionary *d, const char *key, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" }, *const no[] = { "false", "no", "off", "0" };
	const char *v = get(d, key);

	if (!v)
		return;
	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		if (!strcasecmp(v, yes[i])) {
			*out = true;
			return;
		}
		if (!strcasecmp(v, no[i])) {
			*out = false;
			return;
		}
	}
	bad_value(c, key, v, "true or false", *out ? "true" : "false");
}

static const char *const config_sections[] = { "qikan", "stats", "keys", NULL };

static void config_read(struct config *c, dictionary *d)
{
	const char *v;
	int nkeys;

	check_known(d, c->path, config_sections, config_known_key, &c->warnings);
	nkeys = iniparser_getsecnkeys(d, "keys");
	if (nkeys > 0) {
		const char **keys = xcalloc((size_t)nkeys, sizeof(*keys));

		if (iniparser_getseckeys(d, "keys", keys))
			for (int i = 0; i < nkeys; i++) {
				const char *name = keys[i] + strlen("keys:");
				const char *val = iniparser_getstring(d, keys[i], "");

				/* A section named [keys:x] is listed among the keys of
				 * [keys] with no value; check_known names it. */
				if (!val)
					continue;
				/* "quit =" would leave an action without a key,
				 * silently: say so and keep the default. */
				if (str_is_blank(val)) {
					warn(&c->warnings, c->path, config_key_line(c->path, "keys", name),
					     "key '%s': no key given; the default key stays", name);
					continue;
				}
				strv_push(&c->keys, xasprintf("%s=%s", name, val));
			}
		free(keys);
	}

	v = get(d, "bundle");
	if (v && *v) {
		const char *home = getenv("HOME");

		if (v[0] == '~' && v[1] == '/' && home)
			c->bundle = xasprintf("%s%s", home, v + 1);
		else
			c->bundle = xstrdup(v);
	}
	v = get(d, "theme");
	if (v) {
		if (*v) {
			free(c->theme);
			c->theme = xstrdup(v);
		} else {
			bad_value(c, "theme", v, "a theme name or file", "default");
		}
	}
	v = get(d, "ambiguous");
	if (v) {
		c->ambiguous_auto = false;
		if (!strcasecmp(v, "wide"))
			c->ambiguous_wide = true;
		else if (!strcasecmp(v, "narrow"))
			c->ambiguous_wide = false;
		else if (!strcasecmp(v, "auto"))
			c->ambiguous_auto = true;
		else {
			c->ambiguous_auto = true;
			bad_value(c, "ambiguous", v, "auto, narrow or wide", "auto");
		}
	}
	v = get(d, "layout");
	if (v) {
		if (!strcasecmp(v, "auto"))
			c->layout = LAYOUT_AUTO;
		else if (!strcasecmp(v, "side") || !strcasecmp(v, "side-by-side"))
			c->layout = LAYOUT_SIDE;
		else if (!strcasecmp(v, "stacked"))
			c->layout = LAYOUT_STACKED;
		else
			bad_value(c, "layout", v, "auto, side or stacked", "auto");
	}
	config_bool(c, d, "mouse", &c->mouse);
	config_bool(c, d, "probe", &c->probe);
	v = get(d, "reading_speed");
	if (v) {
		char *end;
		long n;

		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || end == v || *end || n < 50 || n > 5000)
			bad_value(c, "reading_speed", v, "characters a minute, 50 to 5000", "400");
		else
			c->reading_speed = (int)n;
	}
	v = get(d, "write_encoding");
	if (v) {
		if (!strcasecmp(v, "gb18030") || !strcasecmp(v, "gbk"))
			c->write_encoding = "gb18030";
		else if (!strcasecmp(v, "utf-8") || !strcasecmp(v, "utf8"))
			c->write_encoding = "utf-8";
		else
			bad_value(c, "write_encoding", v, "utf-8 or gb18030", "utf-8");
	}
	config_bool(c, d, "write_crlf", &c->write_crlf);
	config_bool(c, d, "write_bom", &c->write_bom);
	if (c->write_bom && !strcmp(c->write_encoding, "gb18030")) {
		warn(&c->warnings, c->path, config_key_line(c->path, "qikan", "write_bom"),
		     "key 'write_bom': a byte-order mark is for UTF-8 only; not written");
		c->write_bom = false;
	}
	v = get(d, "language");
	if (v) {
		if (!strcasecmp(v, "auto"))
			c->lang = UI_LANG_AUTO;
		else if (!strncasecmp(v, "zh", 2) || !strcmp(v, "中文"))
			c->lang = UI_LANG_ZH;
		else if (!strncasecmp(v, "en", 2))
			c->lang = UI_LANG_EN;
		else
			bad_value(c, "language", v, "auto, zh or en", "auto");
	}
}

void config_load(struct config *c, const char *path)
{
	dictionary *d;

	memset(c, 0, sizeof(*c));
	c->theme = xstrdup("default");
	c->reading_speed = 400;
	c->lang = UI_LANG_AUTO;
	c->write_encoding = "utf-8";
	c->ambiguous_auto = true;
	c->mouse = true;
	c->probe = true;

	if (path) {
		c->path = xstrdup(path);
	} else {
		char *dir = xdg_dir("XDG_CONFIG_HOME", ".config");

		if (!dir)
			return;
		c->path = xasprintf("%s/qikan/config.ini", dir);
		free(dir);
		if (!file_exists(c->path)) {
			free(c->path);
			c->path = NULL;
			return;
		}
	}
	d = ini_load(c->path, &c->warnings, config_sections, config_known_key);
	if (!d)
		return;
	config_read(c, d);
	iniparser_freedict(d);
}

void config_warn(struct config *c, const char *section, const char *key, const char *fmt, ...)
{
	struct sb b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	warn(&c->warnings, c->path ? c->path : "config", c->path ? config_key_line(c->path, section, key) : 0,
	     "key '%s': %s", key, b.s ? b.s : "");
	sb_free(&b);
}

void config_free(struct config *c)
{
	free(c->path);
	free(c->bundle);
	free(c->theme);
	strv_free(&c->keys);
	strv_free(&c->warnings);
	memset(c, 0, sizeof(*c));
	conf_file_forget();
}

/* --- themes --- */

#define S(f, b, a) { .fg = (f), .bg = (b), .attrs = (a) }
enum { C_DEF = -1, C_BLACK, C_RED, C_GREEN, C_YELLOW, C_BLUE, C_MAGENTA, C_CYAN, C_WHITE };

/* Keep in step with themes/default.ini (a unit test compares them). */
static const struct theme_style default_styles[ROLE_COUNT] = {
	[ROLE_NORMAL] = S(C_DEF, C_DEF, 0),
	[ROLE_TITLE] = S(C_YELLOW, C_DEF, THEME_BOLD),
	[ROLE_SUBTITLE] = S(C_YELLOW, C_DEF, 0),
	[ROLE_META] = S(C_CYAN, C_DEF, 0),
	[ROLE_TOC_ISSUE] = S(C_GREEN, C_DEF, THEME_BOLD),
	[ROLE_TOC_SECTION] = S(C_CYAN, C_DEF, THEME_BOLD),
	[ROLE_TOC_ARTICLE] = S(C_DEF, C_DEF, 0),
	[ROLE_TOC_EXTRA] = S(C_DEF, C_DEF, THEME_DIM),
	[ROLE_TOC_PAGE] = S(C_CYAN, C_DEF, 0),
	[ROLE_CURSOR] = S(C_BLACK, C_CYAN, 0),
	[ROLE_CURSOR_DIM] = S(C_DEF, C_DEF, THEME_REVERSE),
	[ROLE_CURRENT] = S(C_YELLOW, C_DEF, THEME_BOLD),
	[ROLE_MATCH] = S(C_BLACK, C_YELLOW, 0),
	[ROLE_MATCH_CUR] = S(C_BLACK, C_RED, THEME_BOLD),
	[ROLE_STATUS] = S(C_WHITE, C_BLUE, 0),
	[ROLE_MESSAGE] = S(C_YELLOW, C_BLUE, THEME_BOLD),
	[ROLE_BORDER] = S(C_BLUE, C_DEF, 0),
	[ROLE_HELP_KEY] = S(C_GREEN, C_DEF, THEME_BOLD),
};

/* Attributes alone must still tell the cursor, matches and the status
 * line apart on a terminal without colour.  Keep in step with mono.ini. */
static const struct theme_style mono_styles[ROLE_COUNT] = {
	[ROLE_NORMAL] = S(C_DEF, C_DEF, 0),
	[ROLE_TITLE] = S(C_DEF, C_DEF, THEME_BOLD),
	[ROLE_SUBTITLE] = S(C_DEF, C_DEF, 0),
	[ROLE_META] = S(C_DEF, C_DEF, 0),
	[ROLE_TOC_ISSUE] = S(C_DEF, C_DEF, THEME_BOLD),
	[ROLE_TOC_SECTION] = S(C_DEF, C_DEF, THEME_BOLD),
	[ROLE_TOC_ARTICLE] = S(C_DEF, C_DEF, 0),
	[ROLE_TOC_EXTRA] = S(C_DEF, C_DEF, THEME_DIM),
	[ROLE_TOC_PAGE] = S(C_DEF, C_DEF, 0),
	[ROLE_CURSOR] = S(C_DEF, C_DEF, THEME_REVERSE),
	[ROLE_CURSOR_DIM] = S(C_DEF, C_DEF, THEME_UNDERLINE),
	[ROLE_CURRENT] = S(C_DEF, C_DEF, THEME_BOLD),
	[ROLE_MATCH] = S(C_DEF, C_DEF, THEME_REVERSE),
	[ROLE_MATCH_CUR] = S(C_DEF, C_DEF, THEME_REVERSE | THEME_BOLD | THEME_UNDERLINE),
	[ROLE_STATUS] = S(C_DEF, C_DEF, THEME_REVERSE),
	[ROLE_MESSAGE] = S(C_DEF, C_DEF, THEME_REVERSE | THEME_BOLD),
	[ROLE_BORDER] = S(C_DEF, C_DEF, 0),
	[ROLE_HELP_KEY] = S(C_DEF, C_DEF, THEME_BOLD),
};
#undef S

void theme_default(struct theme *t)
{
	t->path = NULL;
	memcpy(t->role, default_styles, sizeof(t->role));
}

void theme_mono(struct theme *t)
{
	t->path = NULL;
	memcpy(t->role, mono_styles, sizeof(t->role));
}

void theme_free(struct theme *t)
{
	free(t->path);
	t->path = NULL;
}

static const char *const color_names[] = { "black", "red", "green", "yellow",
					   "blue", "magenta", "cyan", "white" };

/* "default", a colour name, "bright-NAME" or a number 0..255. */
static bool parse_color(const char *v, short *out)
{
	char *end;
	long n;

	if (!strcasecmp(v, "default") || !strcasecmp(v, "none")) {
		*out = -1;
		return true;
	}
	for (size_t i = 0; i < ARRAY_LEN(color_names); i++) {
		if (!strcasecmp(v, color_names[i])) {
			*out = (short)i;
			return true;
		}
		if (!strncasecmp(v, "bright-", 7) && !strcasecmp(v + 7, color_names[i])) {
			*out = (short)(i + 8);
			return true;
		}
	}
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < 0 || n > 255)
		return false;
	*out = (short)n;
	return true;
}

/* Attribute words separated by spaces, commas or '|'.  *bad gets the
 * first unknown word. */
static bool parse_attrs(const char *v, unsigned *out, char *bad, size_t badlen)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {
		{ "bold", THEME_BOLD },	    { "underline", THEME_UNDERLINE },
		{ "reverse", THEME_REVERSE }, { "dim", THEME_DIM },
		{ "italic", THEME_ITALIC },   { "standout", THEME_STANDOUT },
		{ "none", 0 },		    { "normal", 0 },
	};
	unsigned attrs = 0;
	const char *p = v;

	while (*p) {
		size_t n = strcspn(p, " \t,|");
		bool ok = false;

		for (size_t i = 0; n && i < ARRAY_LEN(names); i++) {
			if (strlen(names[i].name) == n && !strncasecmp(p, names[i].name, n)) {
				attrs |= names[i].bit;
				ok = true;
			}
		}
		if (n && !ok) {
			snprintf(bad, badlen, "%.*s", (int)n, p);
			return false;
		}
		p += n;
		p += strspn(p, " \t,|");
	}
	*out = attrs;
	return true;
}

static bool theme_known_key(const char *sec, const char *key)
{
	if (!strcmp(sec, "theme"))
		return !strcmp(key, "name") || !strcmp(key, "description");
	return !strcmp(key, "fg") || !strcmp(key, "bg") || !strcmp(key, "attr");
}

static void theme_sections(const char **sections)
{
	sections[0] = "theme";
	for (int r = 0; r < ROLE_COUNT; r++)
		sections[r + 1] = theme_role_names[r];
	sections[ROLE_COUNT + 1] = NULL;
}

static void theme_read(struct theme *t, dictionary *d, const char *path, struct strv *w)
{
	const char *sections[ROLE_COUNT + 2];
	char key[96], bad[64];

	theme_sections(sections);
	check_known(d, path, sections, theme_known_key, w);

	for (int r = 0; r < ROLE_COUNT; r++) {
		const char *sec = theme_role_names[r];
		struct theme_style *st = &t->role[r];
		const char *v;
		short col;
		unsigned attrs;

		snprintf(key, sizeof(key), "%s:fg", sec);
		v = iniparser_getstring(d, key, NULL);
		if (v && parse_color(v, &col))
			st->fg = col;
		else if (v)
			warn(w, path, config_key_line(path, sec, "fg"),
			     "key '%s': bad colour '%s' (want default, a colour name or 0-255); using the default",
			     key, v);
		snprintf(key, sizeof(key), "%s:bg", sec);
		v = iniparser_getstring(d, key, NULL);
		if (v && parse_color(v, &col))
			st->bg = col;
		else if (v)
			warn(w, path, config_key_line(path, sec, "bg"),
			     "key '%s': bad colour '%s' (want default, a colour name or 0-255); using the default",
			     key, v);
		snprintf(key, sizeof(key), "%s:attr", sec);
		v = iniparser_getstring(d, key, NULL);
		if (v && parse_attrs(v, &attrs, bad, sizeof(bad)))
			st->attrs = attrs;
		else if (v)
			warn(w, path, config_key_line(path, sec, "attr"),
			     "key '%s': unknown attribute '%s' (want bold, underline, reverse, dim, italic, standout or none); using the default",
			     key, bad);
	}
}

static char *theme_find(const char *name)
{
	char *dir, *p;

	if (strchr(name, '/') || str_ends(name, ".ini"))
		return file_exists(name) ? xstrdup(name) : NULL;
	dir = xdg_dir("XDG_CONFIG_HOME", ".config");
	if (dir) {
		p = xasprintf("%s/qikan/themes/%s.ini", dir, name);
		free(dir);
		if (file_exists(p))
			return p;
		free(p);
	}
	p = xasprintf("%s/themes/%s.ini", QK_DATADIR, name);
	if (file_exists(p))
		return p;
	free(p);
	return NULL;
}

int theme_load(struct theme *t, const char *name, struct strv *warnings)
{
	const char *sections[ROLE_COUNT + 2];
	char *path;
	dictionary *d;

	theme_default(t);
	if (!name || !*name)
		return 0;
	path = theme_find(name);
	if (!path) {
		/* The default theme is built in, so an uninstalled qikan
		 * still looks right; other names must exist. */
		if (!strcmp(name, "default"))
			return 0;
		strv_push(warnings, xasprintf("theme '%s': no such theme (looked in "
					      "$XDG_CONFIG_HOME/qikan/themes and %s/themes); using the default",
					      name, QK_DATADIR));
		return -1;
	}
	theme_sections(sections);
	d = ini_load(path, warnings, sections, theme_known_key);
	if (!d) {
		free(path);
		return -1;
	}
	theme_read(t, d, path, warnings);
	iniparser_freedict(d);
	t->path = path;
	return 0;
}

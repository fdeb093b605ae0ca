/* SPDX-License-Identifier: MIT */
/* conf.h — the reader's settings ($XDG_CONFIG_HOME/qikan/config.ini) and
 * colour themes (themes/NAME.ini), read with iniparser.  No curses here:
 * colours and attributes are plain numbers that ui.c turns into curses
 * attributes.  A bad value never fails a load: it is reported as a warning
 * naming the file, line and key, and a default is used instead.
 * (Named conf.h because config.h is autoconf's.) */
#ifndef QIKAN_CONF_H
#define QIKAN_CONF_H

#include <stdbool.h>

#include "util.h"

enum ui_lang { UI_LANG_AUTO, UI_LANG_ZH, UI_LANG_EN };

struct config {
	char *path;           /* the file that was read; NULL when there was none */
	char *bundle;         /* default bundle; NULL means the installed sample */
	char *theme;          /* theme name or path to a .ini file */
	bool ambiguous_wide;  /* “ ” … — drawn two columns wide */
	bool ambiguous_auto;  /* ambiguous = auto (the default): the start-up probe decides */
	enum ui_layout { LAYOUT_AUTO, LAYOUT_SIDE, LAYOUT_STACKED } layout;
	bool mouse;           /* wheel and clicks, when the terminal reports them */
	bool probe;           /* ask the terminal at start-up (term_probe.c) */
	int reading_speed;    /* Chinese characters a minute, for the stats pane */
	enum ui_lang lang;
	/* The reader's w: what its prompt offers (write_encoding = utf-8 or
	 * gb18030, write_crlf, write_bom), as `qikan export` options. */
	const char *write_encoding; /* "utf-8" or "gb18030" (static strings) */
	bool write_crlf, write_bom;
	/* [keys]: "action=key list" as written (e.g. "down=n, C-n");
	 * tui.c knows the actions and key names and checks them. */
	struct strv keys;
	struct strv warnings; /* "FILE:LINE: key 'k': ..." lines, in file order */
};

/* Roles a theme gives a style to.  Keep theme_role_names in config.c in
 * the same order. */
enum theme_role {
	ROLE_NORMAL,
	ROLE_TITLE,       /* article title */
	ROLE_SUBTITLE,
	ROLE_META,        /* byline, author, source, date */
	ROLE_TOC_ISSUE,
	ROLE_TOC_SECTION,
	ROLE_TOC_ARTICLE,
	ROLE_TOC_EXTRA,   /* articles found in the body but not in the printed TOC */
	ROLE_TOC_PAGE,
	ROLE_CURSOR,      /* the selected row of the focused pane */
	ROLE_CURSOR_DIM,  /* the selected row of a pane without focus */
	ROLE_CURRENT,     /* the article that is open, in the TOC */
	ROLE_MATCH,       /* search matches */
	ROLE_MATCH_CUR,   /* the match n/N went to */
	ROLE_STATUS,
	ROLE_MESSAGE,     /* warnings and notes on the status line */
	ROLE_BORDER,
	ROLE_HELP_KEY,
	ROLE_COUNT
};

enum {
	THEME_BOLD = 1 << 0,
	THEME_UNDERLINE = 1 << 1,
	THEME_REVERSE = 1 << 2,
	THEME_DIM = 1 << 3,
	THEME_ITALIC = 1 << 4,
	THEME_STANDOUT = 1 << 5,
};

struct theme_style {
	short fg, bg;   /* -1 for the terminal's default, else 0..255 */
	unsigned attrs; /* THEME_* bits */
};

struct theme {
	char *path; /* the file read, NULL for the built-in default */
	struct theme_style role[ROLE_COUNT];
};

extern const char *const theme_role_names[ROLE_COUNT];

/* Reads config.ini from path, or from $XDG_CONFIG_HOME/qikan/config.ini
 * (~/.config/...) when path is NULL.  A missing file is not an error.
 * Always leaves c usable; free with config_free(). */
void config_load(struct config *c, const char *path);
void config_free(struct config *c);

/* The built-in default theme (the same as themes/default.ini) and the
 * attributes-only one used when colours are unavailable or NO_COLOR is set. */
void theme_default(struct theme *t);
void theme_mono(struct theme *t);

/* Loads a theme over the built-in default: name is a path (contains '/'
 * or ends in ".ini") or a name looked up in $XDG_CONFIG_HOME/qikan/themes
 * and then in the installed themes directory.  Warnings are appended.
 * Returns 0, or -1 when no such theme was found (t keeps the default). */
int theme_load(struct theme *t, const char *name, struct strv *warnings);
void theme_free(struct theme *t);

/* Appends a warning "FILE:LINE: key 'key': ..." about key in [section]
 * of the config file c was read from (for checks made outside conf.c). */
void config_warn(struct config *c, const char *section, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The 1-based line of key in [section] of an ini file, 0 when not found.
 * iniparser does not keep line numbers, so warnings look the key up here. */
int config_key_line(const char *path, const char *section, const char *key);

#endif

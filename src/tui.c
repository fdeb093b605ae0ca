/* SPDX-License-Identifier: MIT */
/* tui.c — the reader: start-up, pane layout, the one input loop, the
 * status line.  Bandwidth matters (county offices on slow SSH links): the
 * screen is never cleared after start-up; each key paints only into the
 * windows it changes, and one doupdate() sends curses' difference. */
#include "config.h"
#include "tui.h"

#include <ctype.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <wctype.h>

#include <uniconv.h>

#include "cli.h"
#include "i18n.h"

#ifndef QK_DATADIR
#define QK_DATADIR "/usr/local/share/qikan"
#endif

#define TOC_MIN_W 26
#define TOC_MAX_W 44
#define WIDE_COLS 80 /* side by side from here; one pane at a time below */
#define MIN_COLS 20
#define MIN_LINES 5
#define STRIP_MIN_H 3 /* rows of the TOC strip in the stacked layout */
#define STRIP_MAX_H 8

static const struct view_ops *const view_table[V_COUNT] = {
	[V_TOC] = &view_toc_ops,
	[V_ARTICLE] = &view_article_ops,
	[V_STATS] = &view_stats_ops,
	[V_HELP] = &view_help_ops,
	[V_SEARCH] = &view_search_ops,
	[V_NEWS] = &view_news_ops,
	[V_BOOKMARKS] = &view_bookmarks_ops,
};

/* Keys of features other modules will provide.  run NULL: not yet. */
struct tui_feature {
	enum action a;
	enum msg_id what;
	void (*run)(struct tui *t);
};

static const struct tui_feature features[] = {
	{ ACT_EDIT, MSG_FEAT_EDIT, view_edit_open }, /* view_edit.c: metadata form */
	{ ACT_UNDO, MSG_FEAT_UNDO, view_edit_undo }, /* view_edit.c: undo the last edit */
	{ ACT_FTS, MSG_FEAT_FTS, view_search_run }, /* view_search.c: full-text search */
	{ ACT_BACK, MSG_FEAT_BACK, tui_nav_back },  /* tui_nav.c: history */
	{ ACT_FORWARD, MSG_FEAT_FORWARD, tui_nav_forward },
	{ ACT_PAGE, MSG_FEAT_PAGE, tui_goto_page },
	{ ACT_WRITE, MSG_FEAT_WRITE, tui_write_article },
	{ ACT_NEXT_UNREAD, MSG_FEAT_NEXT_UNREAD, tui_next_unread }, /* tui_marks.c */
	{ ACT_TOGGLE_READ, MSG_FEAT_TOGGLE_READ, tui_toggle_read },
	{ ACT_BOOKMARK, MSG_FEAT_BOOKMARK, tui_toggle_bookmark },
	{ ACT_BOOKMARKS, MSG_FEAT_BOOKMARKS, view_bookmarks_show },
	{ ACT_NEWS, MSG_FEAT_NEWS, tui_show_news },
};

static const struct {
	int key;
	bool fn; /* a curses KEY_ code rather than a character */
	enum action a;
} keymap[] = {
	{ 'j', false, ACT_DOWN },	       { KEY_DOWN, true, ACT_DOWN },
	{ 'k', false, ACT_UP },	       { KEY_UP, true, ACT_UP },
	{ ' ', false, ACT_PGDN },	       { KEY_NPAGE, true, ACT_PGDN },
	{ 'b', false, ACT_PGUP },	       { KEY_PPAGE, true, ACT_PGUP },
	{ 2, false, ACT_PGUP },	       /* Ctrl-B */
	{ 'g', false, ACT_TOP },	       { KEY_HOME, true, ACT_TOP },
	{ 'G', false, ACT_BOTTOM },      { KEY_END, true, ACT_BOTTOM },
	{ '\r', false, ACT_ENTER },      { '\n', false, ACT_ENTER },
	{ KEY_ENTER, true, ACT_ENTER },  { 'l', false, ACT_RIGHT },
	{ KEY_RIGHT, true, ACT_RIGHT },  { 'h', false, ACT_LEFT },
	{ KEY_LEFT, true, ACT_LEFT },    { '\t', false, ACT_TAB },
	{ KEY_BTAB, true, ACT_TAB },     { '/', false, ACT_SEARCH },
	/* N is the next unread article (as in newsboat and mutt), so the
	 * previous match is P: one meaning a key, whatever pane is shown. */
	{ 'n', false, ACT_NEXT },	       { 'P', false, ACT_PREV },
	{ 'N', false, ACT_NEXT_UNREAD },   { 'r', false, ACT_TOGGLE_READ },
	{ 'm', false, ACT_BOOKMARK },      { 'B', false, ACT_BOOKMARKS },
	{ 'd', false, ACT_REMOVE },        { 'I', false, ACT_NEWS },
	{ '?', false, ACT_HELP },	       { KEY_F(1), true, ACT_HELP },
	{ 'q', false, ACT_QUIT },	       { 'Q', false, ACT_QUIT },
	{ 27, false, ACT_ESC },	       { 12, false, ACT_REDRAW }, /* Ctrl-L */
	{ 's', false, ACT_STATS },       { 'e', false, ACT_EDIT },
	{ 'z', false, ACT_ZOOM },
	{ 'u', false, ACT_UNDO },	       { ':', false, ACT_FTS },
	{ 6, false, ACT_FTS },	       /* Ctrl-F */
	{ '[', false, ACT_BACK },	       { KEY_BACKSPACE, true, ACT_BACK },
	{ 127, false, ACT_BACK },	       { ']', false, ACT_FORWARD },
	{ 'p', false, ACT_PAGE },	       { 'w', false, ACT_WRITE },
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static bool user_bound(const struct tui *t, enum action a)
{
	for (size_t i = 0; i < t->nkeys; i++)
		if (t->keys[i].a == a)
			return true;
	return false;
}

static enum action key_action(const struct tui *t, int r, wint_t ch)
{
	bool fn = r == KEY_CODE_YES;

	for (size_t i = 0; i < t->nkeys; i++)
		if (t->keys[i].fn == fn && (wint_t)t->keys[i].key == ch)
			return t->keys[i].a;
	for (size_t i = 0; i < ARRAY_LEN(keymap); i++)
		if (keymap[i].fn == fn && (wint_t)keymap[i].key == ch && !user_bound(t, keymap[i].a))
			return keymap[i].a;
	return ACT_NONE;
}

/* --- [keys] in config.ini: "action = key, key ..." --- */

static const char *const action_names[] = {
	[ACT_DOWN] = "down",	     [ACT_UP] = "up",	       [ACT_PGDN] = "page_down",
	[ACT_PGUP] = "page_up",	     [ACT_TOP] = "top",	       [ACT_BOTTOM] = "bottom",
	[ACT_ENTER] = "enter",	     [ACT_LEFT] = "left",      [ACT_RIGHT] = "right",
	[ACT_TAB] = "switch_pane",   [ACT_SEARCH] = "search",  [ACT_NEXT] = "next",
	[ACT_PREV] = "previous",     [ACT_HELP] = "help",      [ACT_QUIT] = "quit",
	[ACT_REDRAW] = "redraw",     [ACT_STATS] = "stats",    [ACT_EDIT] = "edit",
	[ACT_UNDO] = "undo",	     [ACT_FTS] = "full_text_search", [ACT_ZOOM] = "zoom",
	[ACT_BACK] = "back",	     [ACT_FORWARD] = "forward", [ACT_PAGE] = "goto_page",
	[ACT_WRITE] = "write_article",
	[ACT_NEXT_UNREAD] = "next_unread", [ACT_TOGGLE_READ] = "toggle_read",
	[ACT_BOOKMARK] = "bookmark",    [ACT_BOOKMARKS] = "bookmarks", [ACT_REMOVE] = "remove",
	[ACT_NEWS] = "new_issues",
};

static const struct {
	const char *name;
	int key;
	bool fn;
} key_names[] = {
	{ "Space", ' ', false },     { "Tab", '\t', false },      { "Enter", '\r', false },
	{ "Esc", 27, false },	     { "BTab", KEY_BTAB, true },  { "Down", KEY_DOWN, true },
	{ "Up", KEY_UP, true },	     { "Left", KEY_LEFT, true },  { "Right", KEY_RIGHT, true },
	{ "PgDn", KEY_NPAGE, true }, { "PgUp", KEY_PPAGE, true }, { "PageDown", KEY_NPAGE, true },
	{ "PageUp", KEY_PPAGE, true }, { "Home", KEY_HOME, true }, { "End", KEY_END, true },
	{ "Backspace", KEY_BACKSPACE, true },
};

/* One key name: a single character, C-x for Ctrl-x, F1..F12 or a name
 * from key_names.  False when it is none of these. */
static bool key_parse(const char *s, struct tui_keybind *kb)
{
	uint32_t uc;
	size_t n = strlen(s);

	for (size_t i = 0; i < ARRAY_LEN(key_names); i++) {
		if (!strcasecmp(s, key_names[i].name)) {
			kb->key = key_names[i].key;
			kb->fn = key_names[i].fn;
			return true;
		}
	}
	if ((s[0] == 'C' || s[0] == 'c') && s[1] == '-' && s[2] && !s[3] && isalpha((unsigned char)s[2])) {
		kb->key = tolower((unsigned char)s[2]) - 'a' + 1;
		kb->fn = false;
		return true;
	}
	if ((s[0] == 'F' || s[0] == 'f') && s[1] >= '1' && s[1] <= '9' && atoi(s + 1) <= 12 &&
	    strspn(s + 1, "0123456789") == n - 1) {
		kb->key = KEY_F(atoi(s + 1));
		kb->fn = true;
		return true;
	}
	/* config.ini is UTF-8, whatever the locale; keys arrive as the
	 * locale's wchar_t, which is the code point with glibc. */
	if ((size_t)layout_decode(s, n, &uc) == n && uc != 0xFFFD && uc >= 0x20 && (uc < 0x7f || uc >= 0xa0)) {
		kb->key = (int)uc;
		kb->fn = false;
		return true;
	}
	return false;
}

static void tui_bind_keys(struct tui *t)
{
	for (size_t i = 0; i < t->cfg.keys.n; i++) {
		char *spec = xstrdup(t->cfg.keys.v[i]), *val = strchr(spec, '='), *save = NULL, *tok;
		enum action a = ACT_NONE;

		*val++ = '\0';
		for (size_t k = 0; k < ARRAY_LEN(action_names); k++)
			if (action_names[k] && !strcmp(action_names[k], spec))
				a = (enum action)k;
		if (a == ACT_NONE) {
			config_warn(&t->cfg, "keys", spec, "unknown action ignored (see 'man qikan' or the help screen)");
			free(spec);
			continue;
		}
		for (tok = strtok_r(val, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
			struct tui_keybind kb = { .a = a };

			if (!key_parse(tok, &kb)) {
				config_warn(&t->cfg, "keys", spec,
					    "unknown key name '%s' ignored (a character, C-x, F1-F12, Space, Tab, Enter, Esc, Up, Down, Left, Right, PgUp, PgDn, Home, End)",
					    tok);
				continue;
			}
			t->keys = xrealloc(t->keys, (t->nkeys + 1) * sizeof(*t->keys));
			t->keys[t->nkeys++] = kb;
		}
		free(spec);
	}
}

/* Names a reader knows from the keyboard, not curses' KEY_ names. */
static const struct {
	int key;
	const char *name;
} key_words[] = {
	{ KEY_DC, "Delete" },	  { KEY_IC, "Insert" },	    { KEY_BACKSPACE, "Backspace" },
	{ KEY_HOME, "Home" },	  { KEY_END, "End" },	    { KEY_NPAGE, "PgDn" },
	{ KEY_PPAGE, "PgUp" },	  { KEY_UP, "Up" },	    { KEY_DOWN, "Down" },
	{ KEY_LEFT, "Left" },	  { KEY_RIGHT, "Right" },   { KEY_BTAB, "Shift-Tab" },
	{ KEY_ENTER, "Enter" },	  { KEY_SLEFT, "Shift-Left" }, { KEY_SRIGHT, "Shift-Right" },
};

static void key_describe(int r, wint_t ch, char *buf, size_t n)
{
	if (r == KEY_CODE_YES) {
		const char *name = keyname((int)ch);

		for (size_t i = 0; i < ARRAY_LEN(key_words); i++)
			if ((wint_t)key_words[i].key == ch) {
				snprintf(buf, n, "%s", key_words[i].name);
				return;
			}
		if (ch >= (wint_t)KEY_F(1) && ch <= (wint_t)KEY_F(63))
			snprintf(buf, n, "F%d", (int)(ch - KEY_F0));
		else if (name && !strncmp(name, "KEY_", 4))
			snprintf(buf, n, TR("功能键 %d", "function key %d"), (int)ch);
		else
			snprintf(buf, n, "%s", name ? name : "?");
	} else if (ch == 127) {
		snprintf(buf, n, "Backspace");
	} else if (ch < 32) {
		snprintf(buf, n, "Ctrl-%c", (int)(ch ^ 0x40));
	} else if (iswprint(ch)) {
		char tmp[UI_UTF8_MAX + 1];
		size_t len = ui_wchar_to_utf8(ch, tmp);

		tmp[len] = '\0';
		snprintf(buf, n, "'%s'", tmp);
	} else {
		snprintf(buf, n, "U+%04X", (unsigned)ch);
	}
}

/* --- for the views --- */

void tui_message(struct tui *t, bool warning, const char *fmt, ...)
{
	va_list ap;

	struct sb m = { 0 };
	char *ordered;

	va_start(ap, fmt);
	sb_vprintf(&m, fmt, ap);
	va_end(ap);
	ordered = i18n_pair(m.s ? m.s : "");
	sb_clear(&t->msg);
	sb_adds(&t->msg, ordered);
	free(ordered);
	sb_free(&m);
	t->msg_is_warning = warning;
}

static bool view_shown(struct tui *t, enum view_id id)
{
	return t->views[id].win != NULL;
}

void tui_redraw(struct tui *t, enum view_id id)
{
	struct view *v = &t->views[id];

	if (!v->win)
		return;
	werase(v->win);
	v->ops->draw(v);
}

static void tui_draw_sep(struct tui *t)
{
	/* U+2502 and U+2500 are East Asian Ambiguous: a terminal that draws
	 * those wide gets plain ASCII instead. */
	bool ascii = t->lo.ambiguous_wide;

	if (!t->sep)
		return;
	if (getmaxx(t->sep) > 1) { /* the rule under the TOC strip (stacked) */
		const char *rule = ascii ? "-" : "─";

		for (int x = 0; x < getmaxx(t->sep); x++)
			ui_put(t->sep, 0, x, rule, strlen(rule), 1, ui_attr(ROLE_BORDER));
		return;
	}
	for (int y = 0; y < getmaxy(t->sep); y++)
		ui_put(t->sep, y, 0, ascii ? "|" : "│", ascii ? 1 : strlen("│"), 1, ui_attr(ROLE_BORDER));
}

static void tui_free_windows(struct tui *t)
{
	for (int i = 0; i < V_COUNT; i++) {
		if (t->views[i].win)
			delwin(t->views[i].win);
		t->views[i].win = NULL;
	}
	if (t->sep)
		delwin(t->sep);
	if (t->status)
		delwin(t->status);
	t->sep = t->status = NULL;
}

static void view_place(struct tui *t, enum view_id id, int h, int w, int y, int x)
{
	struct view *v = &t->views[id];

	v->win = newwin(h, w, y, x);
	if (!v->win)
		die("cannot create a curses window");
	leaveok(v->win, TRUE);
	wbkgdset(v->win, ' ' | ui_attr(ROLE_NORMAL));
	/* Line insert/delete lets a one-line scroll cost a few bytes, but
	 * only when the window spans the terminal's width. */
	idlok(v->win, w == COLS);
	v->h = h;
	v->w = w;
	if (v->ops->relayout)
		v->ops->relayout(v);
}

static void tui_draw_too_small(void)
{
	const char *m = msg(MSG_TOO_SMALL);
	struct layout_opts lo = { 0 };
	struct layout_lines ll = { 0 };
	int y;

	werase(stdscr);
	if (COLS > 0)
		layout_wrap(m, COLS, 0, &lo, &ll);
	/* All of it, minimum size included, as far as the lines go. */
	y = (LINES - (int)ll.n) / 2;
	for (size_t i = 0; i < ll.n; i++)
		if (y + (int)i >= 0 && y + (int)i < LINES)
			ui_put(stdscr, y + (int)i, 0, m + ll.v[i].off, ll.v[i].len, COLS, A_BOLD);
	layout_lines_free(&ll);
	wnoutrefresh(stdscr);
}

/* (Re)creates every window for the current terminal size and paints
 * them.  Called at start, on resize and when panes change places. */
static void tui_layout(struct tui *t)
{
	int H = LINES, W = COLS, ch;

	tui_free_windows(t);
	t->too_small = W < MIN_COLS || H < MIN_LINES;
	if (t->too_small) {
		tui_draw_too_small();
		return;
	}
	ch = H - 1;
	t->status = newwin(1, W, H - 1, 0);
	if (!t->status)
		die("cannot create a curses window");
	keypad(t->status, TRUE);
	leaveok(t->status, TRUE);
	t->wide = W >= WIDE_COLS && !t->zoom;
	if (t->help) {
		view_place(t, V_HELP, ch, W, 0, 0);
	} else if (t->wide && t->stacked && ch >= 3 * STRIP_MIN_H) {
		/* A strip of the TOC above the article, both full width, so
		 * the terminal's own scroll region moves the article a line
		 * at a time on any terminal. */
		int th = ch / 4 < STRIP_MIN_H ? STRIP_MIN_H : ch / 4 > STRIP_MAX_H ? STRIP_MAX_H : ch / 4;

		view_place(t, V_TOC, th, W, 0, 0);
		t->sep = newwin(1, W, th, 0);
		if (!t->sep)
			die("cannot create a curses window");
		leaveok(t->sep, TRUE);
		view_place(t, t->right, ch - th - 1, W, th + 1, 0);
	} else if (t->wide) {
		int tw = W * 3 / 8;

		tw = tw < TOC_MIN_W ? TOC_MIN_W : tw > TOC_MAX_W ? TOC_MAX_W : tw;
		view_place(t, V_TOC, ch, tw, 0, 0);
		t->sep = newwin(ch, 1, 0, tw);
		if (!t->sep)
			die("cannot create a curses window");
		leaveok(t->sep, TRUE);
		view_place(t, t->right, ch, W - tw - 1, 0, tw + 1);
	} else {
		view_place(t, t->focus, ch, W, 0, 0);
	}
	for (int i = 0; i < V_COUNT; i++)
		if (t->views[i].win)
			tui_redraw(t, (enum view_id)i);
	tui_draw_sep(t);
}

void tui_relayout(struct tui *t)
{
	tui_layout(t);
}

static void tui_draw_status(struct tui *t)
{
	struct view *v = &t->views[t->help ? V_HELP : t->focus];
	struct sb left = { 0 }, right = { 0 };
	attr_t st = ui_attr(ROLE_STATUS);
	int W, rw, lw;

	if (!t->status)
		return;
	W = getmaxx(t->status);
	if (v->ops->status)
		v->ops->status(v, &left, &right);
	rw = right.len ? layout_width(right.s, &t->lo) : 0;
	if (rw > W / 2)
		rw = W / 2;
	lw = W - rw - (rw ? 1 : 0);
	if (t->msg.len) {
		char *safe = layout_sanitize(t->msg.s, t->msg.len);

		ui_put_fit(t->status, 0, 0, safe, lw, true,
			   t->msg_is_warning ? ui_attr(ROLE_MESSAGE) : st, &t->lo);
		free(safe);
	} else {
		ui_put_fit(t->status, 0, 0, left.s ? left.s : "", lw, true, st, &t->lo);
	}
	if (rw) {
		ui_fill(t->status, 0, lw, 1, st);
		ui_put_fit(t->status, 0, lw + 1, right.s, rw, true, st, &t->lo);
	}
	sb_free(&left);
	sb_free(&right);
}

/* Sends what changed: each window is copied to curses' idea of the screen
 * (untouched lines cost nothing) and one doupdate() goes out. */
static void tui_refresh(struct tui *t)
{
	if (t->too_small) {
		doupdate();
		return;
	}
	for (int i = 0; i < V_COUNT; i++)
		if (t->views[i].win)
			wnoutrefresh(t->views[i].win);
	if (t->sep)
		wnoutrefresh(t->sep);
	tui_draw_status(t);
	wnoutrefresh(t->status);
	doupdate();
}

bool tui_scroll_hw(struct view *v, int n)
{
	struct tui *t = v->tui;

	/* A full-width window scrolls with curses' own scroll region. */
	return t->margins && v->win && v->w < COLS && ui_scroll_margins(v->win, n);
}

void tui_focus(struct tui *t, enum view_id id)
{
	bool relayout;

	if (id != V_TOC && id != V_HELP)
		t->right = id;
	relayout = t->wide ? !view_shown(t, t->right) : !view_shown(t, id);
	t->focus = id;
	if (relayout)
		tui_layout(t);
	else if (t->wide)
		tui_redraw(t, V_TOC); /* its cursor style tells where the focus is */
}

void tui_open_article(struct tui *t, int64_t id, bool focus)
{
	struct qk_err e = { 0 };

	view_article_load(&t->views[V_ARTICLE], id);
	t->article_id = id;
	tui_nav_article(t, id);
	tui_marks_opened(t, id);
	view_toc_follow(&t->views[V_TOC], view_article_issue(&t->views[V_ARTICLE]), id);
	state_set_last(t->state, t->bundle_path, id);
	/* Saved at every switch so a dropped SSH link loses little; a
	 * failure is told once, not at every article. */
	if (state_save(t->state, &e) && !t->state_warned) {
		tui_message(t, true, TR("无法保存阅读位置：%s", "cannot save reading positions: %s"), e.msg);
		t->state_warned = true;
	}
	if (focus) {
		tui_focus(t, V_ARTICLE);
	} else if (t->right != V_ARTICLE) {
		t->right = V_ARTICLE;
		if (t->wide)
			tui_layout(t);
	}
	tui_redraw(t, V_ARTICLE);
	tui_redraw(t, V_TOC);
}

/* Byte offsets of the character boundaries around pos in s. */
static size_t utf8_fwd(const char *s, size_t len, size_t pos)
{
	if (pos < len)
		pos++;
	while (pos < len && ((unsigned char)s[pos] & 0xC0) == 0x80)
		pos++;
	return pos;
}

static size_t utf8_back(const char *s, size_t pos)
{
	if (pos > 0)
		pos--;
	while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80)
		pos--;
	return pos;
}

static void sb_set(struct sb *b, const char *s)
{
	sb_clear(b);
	sb_adds(b, s);
}

/* The prompt and the text, the cursor kept in view. */
static void prompt_draw(struct tui *t, const char *prompt, const struct sb *out, size_t cur)
{
	int pw, room, x;
	size_t start = 0;
	char *safe;

	werase(t->status);
	pw = ui_put_fit(t->status, 0, 0, prompt, getmaxx(t->status), false, ui_attr(ROLE_STATUS), &t->lo);
	room = getmaxx(t->status) - pw - 1;
	x = pw;
	if (out->len && room > 0) {
		/* Scroll so the text before the cursor fits. */
		while (start < cur && layout_width_n(out->s + start, cur - start, &t->lo) > room)
			start = utf8_fwd(out->s, out->len, start);
		safe = layout_sanitize(out->s + start, out->len - start);
		ui_put(t->status, 0, pw, safe, strlen(safe), room, ui_attr(ROLE_NORMAL));
		free(safe);
		safe = layout_sanitize(out->s + start, cur - start);
		x += layout_width(safe, &t->lo) - layout_curses_shortfall(safe, strlen(safe), &t->lo);
		free(safe);
	}
	wattrset(t->status, ui_attr(ROLE_NORMAL));
	leaveok(t->status, FALSE);
	wmove(t->status, 0, x);
	for (int i = 0; i < V_COUNT; i++)
		if (t->views[i].win)
			wnoutrefresh(t->views[i].win);
	wnoutrefresh(t->status);
	doupdate();
}

/* Up/Down walk the history; the line being typed is kept as the newest. */
static void prompt_history(struct sb *out, size_t *cur, const struct strv *hist, size_t *h, struct sb *draft,
			   int dir)
{
	if (!hist || (dir < 0 && *h == 0) || (dir > 0 && *h >= hist->n))
		return;
	if (*h == hist->n)
		sb_set(draft, out->s ? out->s : "");
	*h = dir < 0 ? *h - 1 : *h + 1;
	sb_set(out, *h == hist->n ? (draft->s ? draft->s : "") : hist->v[*h]);
	*cur = out->len;
}

static void hist_remember(struct strv *hist, const char *s)
{
	if (!hist || !*s || (hist->n && !strcmp(hist->v[hist->n - 1], s)))
		return;
	if (hist->n >= 100) {
		free(hist->v[0]);
		memmove(hist->v, hist->v + 1, (hist->n - 1) * sizeof(*hist->v));
		hist->n--;
	}
	strv_push(hist, xstrdup(s));
}

static void sb_cut(struct sb *b, size_t from, size_t to)
{
	memmove(b->s + from, b->s + to, b->len - to + 1);
	b->len -= to - from;
}

bool tui_prompt_hist(struct tui *t, const char *prompt, struct sb *out, struct strv *hist)
{
	struct sb draft = { 0 };
	size_t cur = 0, h = hist ? hist->n : 0;
	bool ok = false;

	sb_adds(out, ""); /* out->s is never NULL below; what it holds is the start */
	cur = out->len;
	curs_set(1);
	for (;;) {
		wint_t ch;
		int r;

		if (t->too_small || !t->status)
			doupdate();
		else
			prompt_draw(t, prompt, out, cur);
		r = wget_wch(t->status ? t->status : stdscr, &ch);
		if (r == ERR) {
			if (got_signal)
				break;
			continue;
		}
		if (r == KEY_CODE_YES) {
			switch (ch) {
			case KEY_RESIZE: tui_layout(t); break;
			case KEY_ENTER: ok = true; goto done;
			case KEY_BACKSPACE:
				if (cur) {
					size_t p = utf8_back(out->s, cur);

					sb_cut(out, p, cur);
					cur = p;
				}
				break;
			case KEY_DC:
				if (cur < out->len)
					sb_cut(out, cur, utf8_fwd(out->s, out->len, cur));
				break;
			case KEY_LEFT: cur = utf8_back(out->s, cur); break;
			case KEY_RIGHT: cur = utf8_fwd(out->s, out->len, cur); break;
			case KEY_HOME: cur = 0; break;
			case KEY_END: cur = out->len; break;
			case KEY_UP: prompt_history(out, &cur, hist, &h, &draft, -1); break;
			case KEY_DOWN: prompt_history(out, &cur, hist, &h, &draft, 1); break;
			default: break;
			}
			continue;
		}
		switch (ch) {
		case '\r': case '\n': ok = true; goto done;
		case 27: case 7: goto done; /* Esc, Ctrl-G */
		case 127: case 8: /* Backspace */
			if (cur) {
				size_t p = utf8_back(out->s, cur);

				sb_cut(out, p, cur);
				cur = p;
			}
			continue;
		case 4: /* Ctrl-D */
			if (cur < out->len)
				sb_cut(out, cur, utf8_fwd(out->s, out->len, cur));
			continue;
		case 1: cur = 0; continue;        /* Ctrl-A */
		case 5: cur = out->len; continue; /* Ctrl-E */
		case 2: cur = utf8_back(out->s, cur); continue;           /* Ctrl-B */
		case 6: cur = utf8_fwd(out->s, out->len, cur); continue; /* Ctrl-F */
		case 21: sb_cut(out, 0, cur); cur = 0; continue;          /* Ctrl-U */
		case 11: sb_cut(out, cur, out->len); continue;            /* Ctrl-K */
		case 16: prompt_history(out, &cur, hist, &h, &draft, -1); continue; /* Ctrl-P */
		case 14: prompt_history(out, &cur, hist, &h, &draft, 1); continue;  /* Ctrl-N */
		default: break;
		}
		if (iswprint(ch) && out->len < 512) {
			char tmp[UI_UTF8_MAX];
			size_t n = ui_wchar_to_utf8(ch, tmp);
			struct sb tail = { 0 };

			sb_adds(&tail, out->s + cur);
			out->len = cur;
			out->s[cur] = '\0';
			sb_add(out, tmp, n);
			sb_adds(out, tail.s ? tail.s : "");
			sb_free(&tail);
			cur += n;
		}
	}
done:
	curs_set(0);
	if (t->status) {
		leaveok(t->status, TRUE);
		werase(t->status);
	}
	sb_free(&draft);
	if (ok)
		hist_remember(hist, out->s);
	return ok && out->len > 0;
}

bool tui_prompt(struct tui *t, const char *prompt, struct sb *out)
{
	return tui_prompt_hist(t, prompt, out, NULL);
}

bool tui_confirm(struct tui *t, const char *question)
{
	bool yes = false;

	curs_set(1);
	for (;;) {
		wint_t ch;
		int r;

		if (t->status) {
			int x;

			werase(t->status);
			x = ui_put_fit(t->status, 0, 0, question, getmaxx(t->status), false, ui_attr(ROLE_MESSAGE),
				       &t->lo);
			leaveok(t->status, FALSE);
			wmove(t->status, 0, x < getmaxx(t->status) ? x : getmaxx(t->status) - 1);
			wnoutrefresh(t->status);
		}
		doupdate();
		r = wget_wch(t->status ? t->status : stdscr, &ch);
		if (r == ERR) {
			if (got_signal)
				break;
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			tui_layout(t);
			continue;
		}
		if (r == KEY_CODE_YES)
			continue;
		/* One key answers: y (or 是) yes; n, Esc, q, Ctrl-G no.
		 * Anything else is not an answer and is ignored. */
		if (ch == 'y' || ch == 'Y' || ch == 0x662F) {
			yes = true;
			break;
		}
		if (ch == 'n' || ch == 'N' || ch == 27 || ch == 7 || ch == 'q' || ch == 0x5426)
			break;
	}
	curs_set(0);
	if (t->status) {
		leaveok(t->status, TRUE);
		werase(t->status);
	}
	return yes;
}

/* --- the input loop --- */

static void tui_toggle_help(struct tui *t)
{
	struct view *h = &t->views[V_HELP];

	t->help = !t->help;
	if (t->help && h->ops->key)
		h->ops->key(h, ACT_TOP); /* help always opens at its top */
	tui_layout(t);
}

/* Actions that mean the same in every pane.  True when handled. */
static bool tui_global_key(struct tui *t, enum action a)
{
	switch (a) {
	case ACT_QUIT:
		if (t->help)
			tui_toggle_help(t);
		else if (t->focus == V_NEWS) /* q at start-up must not quit */
			t->views[V_NEWS].ops->key(&t->views[V_NEWS], ACT_ESC);
		else
			t->quit = true;
		return true;
	case ACT_HELP:
		tui_toggle_help(t);
		return true;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return true;
	case ACT_ESC:
		if (!t->help)
			return false;
		tui_toggle_help(t);
		return true;
	default:
		break;
	}
	if (t->help)
		return false;
	switch (a) {
	case ACT_TAB:
		tui_focus(t, t->focus == V_TOC ? t->right : V_TOC);
		return true;
	case ACT_ZOOM:
		/* The focused pane alone, full width: more text a page, and a
		 * one-line scroll the terminal can do itself. */
		t->zoom = !t->zoom;
		tui_layout(t);
		return true;
	case ACT_STATS:
		if (t->right == V_STATS) {
			t->right = V_ARTICLE;
			if (t->focus == V_STATS)
				t->focus = t->article_id ? V_ARTICLE : V_TOC;
		} else {
			t->right = t->focus = V_STATS;
		}
		tui_layout(t);
		return true;
	case ACT_SEARCH:
		if (t->focus == V_TOC)
			return false; /* the contents have their own find */
		if (!t->article_id) {
			tui_message(t, false, "%s", msg(MSG_NO_ARTICLE));
			return true;
		}
		if (t->focus != V_ARTICLE)
			tui_focus(t, V_ARTICLE);
		return false; /* the article pane asks for the words */
	default:
		break;
	}
	for (size_t i = 0; i < ARRAY_LEN(features); i++) {
		if (features[i].a != a)
			continue;
		if (features[i].run)
			features[i].run(t);
		else
			tui_message(t, false, TR("%s：尚未提供", "%s: not available yet"), msg(features[i].what));
		return true;
	}
	return false;
}

static void tui_key(struct tui *t, int r, wint_t ch)
{
	enum action a = key_action(t, r, ch);
	struct view *v;

	sb_clear(&t->msg);
	if (t->too_small) {
		if (a == ACT_QUIT)
			t->quit = true;
		return;
	}
	if (tui_global_key(t, a))
		return;
	v = &t->views[t->help ? V_HELP : t->focus];
	if (a != ACT_NONE && v->ops->key && v->ops->key(v, a)) {
		if (t->focus == V_TOC)
			tui_redraw(t, V_STATS); /* it follows the TOC cursor */
		return;
	}
	if (a == ACT_ESC)
		return;
	{
		char name[32];

		key_describe(r, ch, name, sizeof(name));
		tui_message(t, false, TR("未定义的键 %s（按 ? 查看帮助）", "key %s does nothing here (? for help)"), name);
	}
}

/* Background work of the panes on screen; true while some is left. */
static bool tui_idle(struct tui *t, bool work)
{
	bool more = false;

	for (int i = 0; i < V_COUNT; i++) {
		struct view *v = &t->views[i];

		if (v->win && v->ops->idle)
			more |= v->ops->idle(v, work);
	}
	return more;
}

static void tui_apply_probe(struct tui *t);

/* The mouse: the wheel scrolls the pane under the pointer (three lines a
 * notch), a click in the TOC selects a row, elsewhere focuses the pane. */
static void tui_mouse(struct tui *t)
{
	MEVENT ev;
	struct view *v = NULL;
	enum view_id id = V_TOC;

	if (getmouse(&ev) != OK || t->too_small)
		return;
	for (int i = 0; i < V_COUNT && !v; i++) {
		if (t->views[i].win && wenclose(t->views[i].win, ev.y, ev.x)) {
			v = &t->views[i];
			id = (enum view_id)i;
		}
	}
	if (!v || !v->ops->key)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		for (int i = 0; i < 3; i++)
			v->ops->key(v, ev.bstate & BUTTON4_PRESSED ? ACT_UP : ACT_DOWN);
	} else if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) {
		if (id != t->focus && id != V_HELP)
			tui_focus(t, id);
		if (id == V_TOC)
			view_toc_click(v, ev.y - getbegy(v->win));
	} else {
		return;
	}
	if (id == V_TOC)
		tui_redraw(t, V_STATS); /* it follows the TOC cursor */
}

/* After the probe gave up, its answers may still come, as input: an
 * escape sequence that is a cursor-position report, a DECRQM answer or
 * the device attributes.  Those are taken out of the input (and, once the
 * last one is in, used: such a link is slow).  Anything else is put back.
 * True when the Esc just read began such an answer. */
static bool tui_late_answer(struct tui *t, WINDOW *in)
{
	wint_t got[40];
	int rs[40], ng = 0;
	char buf[40];
	size_t n = 1;
	bool reply = false;

	buf[0] = '\033';
	wtimeout(in, 50);
	while (ng < (int)ARRAY_LEN(got)) {
		wint_t c;
		int r = wget_wch(in, &c);

		if (r == ERR)
			break;
		got[ng] = c;
		rs[ng++] = r;
		if (r != OK || c < 0x20 || c > 0x7e || (n == 1 && c != '['))
			break;
		buf[n++] = (char)c;
		if (n > 2 && c >= 0x40) {
			reply = c == 'R' || (c == 'y' && buf[n - 2] == '$') || (c == 'c' && buf[2] == '?');
			break;
		}
	}
	wtimeout(in, -1);
	if (!reply) {
		/* curses returns pushed-back input last in, first out. */
		while (ng-- > 0)
			rs[ng] == KEY_CODE_YES ? ungetch((int)got[ng]) : unget_wch((wchar_t)got[ng]);
		unget_wch(27);
		return false;
	}
	sb_add(&t->late, buf, n);
	{
		struct term_probe p = t->probe;
		int col = 0;

		if (term_probe_parse(t->late.s, t->late.len, &col, &p)) {
			/* All in, but after the start-up wait: a slow link. */
			p.answered = true;
			p.late = false;
			p.came_late = true;
			p.rtt_ms = TERM_PROBE_BUDGET_MS;
			t->probe = p;
			t->probe_late = false;
			tui_apply_probe(t);
			tui_layout(t);
		}
	}
	return true;
}

static void tui_loop(struct tui *t)
{
	bool pushed_back = false;

	int errors = 0;

	while (!t->quit && !got_signal) {
		WINDOW *in = t->status ? t->status : stdscr;
		bool busy;
		wint_t ch;
		int r;

		tui_marks_check(t);
		tui_refresh(t);
		/* While a pane has work, only peek at the keyboard. */
		busy = !t->too_small && tui_idle(t, false);
		if (busy)
			wtimeout(in, 0);
		r = wget_wch(in, &ch);
		if (busy)
			wtimeout(in, -1);
		if (got_signal)
			break;
		if (r == ERR && busy) {
			tui_idle(t, true);
			continue;
		}
		if (r == ERR) {
			/* Input gone (e.g. the terminal closed): stop rather
			 * than spin. */
			if (++errors > 100)
				break;
			continue;
		}
		errors = 0;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			sb_clear(&t->msg);
			tui_layout(t);
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			sb_clear(&t->msg);
			tui_mouse(t);
			continue;
		}
		if (r == OK && ch == 27 && t->probe_late && !pushed_back) {
			if (tui_late_answer(t, in))
				continue;
			pushed_back = true; /* the Esc comes again: take it as a key */
			continue;
		}
		pushed_back = false;
		tui_key(t, r, ch);
	}
}

/* --- start and stop --- */

static const char *tui_bundle_arg(struct tui *t, int argc, char **argv)
{
	if (argc >= 2)
		return argv[1];
	if (t->cfg.bundle)
		return t->cfg.bundle;
	return QK_DATADIR "/sample.qikan";
}

static bool term_is_linux_console(void)
{
	const char *term = getenv("TERM");

	return term && !strncmp(term, "linux", 5);
}

/* The first article of the first issue, for a first visit. */
static int64_t tui_first_article(struct tui *t, int64_t *issue_id)
{
	struct model_issue *issues = NULL;
	struct model_toc toc = { 0 };
	struct qk_err e = { 0 };
	size_t n = 0;
	int64_t id = 0;

	if (bundle_issues(t->b, &issues, &n, &e) || n == 0) {
		model_issues_free(issues, n);
		return 0;
	}
	*issue_id = issues[0].id;
	if (!bundle_toc(t->b, issues[0].id, &toc, &e)) {
		for (size_t i = 0; i < toc.n && !id; i++)
			if (toc.rows[i].kind == ROW_ARTICLE)
				id = toc.rows[i].id;
	}
	model_toc_free(&toc);
	model_issues_free(issues, n);
	return id;
}

static void tui_start(struct tui *t)
{
	int64_t id = state_get_last(t->state, t->bundle_path), issue_id = 0;
	struct qk_err e = { 0 };
	bool returning = false;

	for (int i = 0; i < V_COUNT; i++) {
		t->views[i].ops = view_table[i];
		t->views[i].tui = t;
		if (t->views[i].ops->open)
			t->views[i].ops->open(&t->views[i]);
	}
	t->right = V_ARTICLE;
	t->focus = V_TOC;
	if (id > 0) {
		struct model_article *a = bundle_article(t->b, id, &e);

		returning = a != NULL;
		if (a)
			issue_id = a->issue_id;
		model_article_free(a);
	}
	if (!returning)
		id = tui_first_article(t, &issue_id);
	if (id > 0) {
		view_article_load(&t->views[V_ARTICLE], id);
		t->article_id = id;
		view_toc_reveal(&t->views[V_TOC], issue_id, id);
		/* Back where the reader left off; a first visit starts in
		 * the contents. */
		if (returning)
			t->focus = V_ARTICLE;
	}
	if (t->cfg.warnings.n) {
		/* The status line is short: the file's name without its
		 * directory is enough there (stderr has the full path). */
		const char *w = t->cfg.warnings.v[0], *colon = strstr(w, ": "), *slash = NULL;

		for (const char *p = w; colon && p < colon; p++)
			if (*p == '/')
				slash = p;
		if (t->cfg.warnings.n == 1)
			tui_message(t, true, TR("配置有 1 个问题：%s", "1 config problem: %s"), slash ? slash + 1 : w);
		else
			tui_message(t, true, TR("配置有 %d 个问题（按 ? 全部查看）：%s", "%d config problems (? lists them all): %s"),
				    (int)t->cfg.warnings.n, slash ? slash + 1 : w);
	} else if (term_is_linux_console()) {
		tui_message(t, true, "%s", msg(MSG_LINUX_CONSOLE));
	}
	tui_marks_start(t);
	tui_layout(t);
}

static void tui_stop(struct tui *t)
{
	/* The next start opens the article that was on screen. */
	if (t->article_id)
		state_set_last(t->state, t->bundle_path, t->article_id);
	for (int i = 0; i < V_COUNT; i++)
		if (t->views[i].ops && t->views[i].ops->close)
			t->views[i].ops->close(&t->views[i]);
	tui_free_windows(t);
}

static void fatal_hook(void)
{
	ui_end();
}

/* True when the environment asks for a UTF-8 locale (LC_ALL, LC_CTYPE or
 * LANG, the first one set, names UTF-8). */
static bool env_wants_utf8(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };

	for (size_t i = 0; i < ARRAY_LEN(vars); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return strcasestr(v, "utf-8") || strcasestr(v, "utf8");
	}
	return false;
}

/* The locale variable that decides the character set (LC_ALL, LC_CTYPE
 * or LANG, the first one set), or NULL. */
static const char *env_ctype(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };

	for (size_t i = 0; i < ARRAY_LEN(vars); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return v;
	}
	return NULL;
}

/* True when the locale's character set can encode Chinese (UTF-8,
 * GB18030, GBK, GB2312, Big5 ...): 中 has a two-column encoding. */
static bool locale_holds_chinese(void)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	wchar_t wc;

	/* 中 as the locale's wide character, found through its UTF-8. */
	memset(&st, 0, sizeof(st));
	if (!strcmp(nl_langinfo(CODESET), "UTF-8"))
		return true;
#ifdef __STDC_ISO_10646__
	wc = 0x4E2D;
#else
	return false;
#endif
	return wcrtomb(mb, wc, &st) != (size_t)-1 && wcwidth(wc) == 2;
}

/* Only ASCII here: the locale may be one that cannot show anything else. */
static int tui_check_locale(bool *legacy)
{
	const char *cs = nl_langinfo(CODESET), *want = env_ctype();
	const char *now = setlocale(LC_CTYPE, NULL);

	/* LANG=zh_CN.UTF-8 on a machine where that locale was never
	 * generated leaves us in "C": the user did ask for UTF-8, so use
	 * C.UTF-8 for characters (the UI language still follows LANG). */
	if ((!cs || strcmp(cs, "UTF-8")) && env_wants_utf8() && setlocale(LC_CTYPE, "C.UTF-8"))
		cs = nl_langinfo(CODESET);
	if (cs && !strcmp(cs, "UTF-8")) {
		*legacy = false;
		return 0;
	}
	if (locale_holds_chinese()) {
		*legacy = true;
		return 0;
	}
	if (want && now && !strcmp(now, "C") && strcmp(want, "C") && strcmp(want, "POSIX")) {
		char *safe = layout_sanitize(want, strlen(want));

		fprintf(stderr,
			"qikan: the locale '%s' is not installed on this system ('locale -a' lists those that are).\n"
			"qikan: install it (e.g. localedef -i zh_CN -f GB18030 zh_CN.GB18030) or use LANG=zh_CN.UTF-8.\n",
			safe);
		free(safe);
		return -1;
	}
	fprintf(stderr,
		"qikan: the locale's character set (%s) cannot show Chinese.\n"
		"qikan: use a Chinese locale: LANG=zh_CN.UTF-8, or LANG=zh_CN.GB18030 (or zh_CN.GBK)\n"
		"qikan: when the terminal is set to GBK/GB18030 (as Xshell, SecureCRT or PuTTY may be).\n",
		cs && *cs ? cs : "?");
	return -1;
}

static int tui_check_terminal(bool *legacy)
{
	if (tui_check_locale(legacy))
		return -1;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "qikan: the reader needs a terminal; 'qikan toc' and 'qikan show' print text\n");
		return -1;
	}
	return 0;
}

static void tui_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the blocked read returns so we can save and exit. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* --- the terminal: what it can do --- */

/* The round trip from which the stacked layout is chosen (0: never). */
static int slow_link_ms(void)
{
	const char *v = getenv("QIKAN_SLOW_LINK_MS");
	char *end;
	long n;

	if (!v || !*v)
		return TERM_PROBE_SLOW_MS;
	n = strtol(v, &end, 10);
	return *end || n < 0 || n > 100000 ? TERM_PROBE_SLOW_MS : (int)n;
}

/* Asks the terminal (unless config.ini says probe = false). */
static void tui_probe(struct tui *t)
{
	char amb[MB_LEN_MAX + 1];
	mbstate_t st;
	size_t n;

	if (!t->cfg.probe)
		return;
	/* “ in the locale's charset (the terminal's). */
	memset(&st, 0, sizeof(st));
	n = wcrtomb(amb, (wchar_t)0x201C, &st);
	amb[n == (size_t)-1 ? 0 : n] = '\0';
	term_probe_run(STDIN_FILENO, STDOUT_FILENO, TERM_PROBE_BUDGET_MS, amb, &t->probe);
	t->probe_late = t->probe.late;
}

/* Turns what the probe found (and config.ini) into the reader's settings. */
static void tui_apply_probe(struct tui *t)
{
	int slow = slow_link_ms();

	if (t->cfg.ambiguous_auto)
		t->amb_wide = t->probe.amb_width ? t->probe.amb_width == 2 : t->legacy;
	else
		t->amb_wide = t->cfg.ambiguous_wide;
	/* In a legacy locale curses counts “ as two columns whatever the
	 * terminal does; ui_put() draws a look-alike where they differ. */
	t->lo.ambiguous_wide = t->amb_wide || t->legacy;
	t->lo.char_width = t->legacy ? ui_locale_width : NULL;
	ui_set_charset(t->legacy, t->amb_wide);
	t->margins = t->probe.margins > 0;
	t->slow_link = t->cfg.layout == LAYOUT_AUTO && slow > 0 && t->probe.answered &&
		       (t->probe.came_late || t->probe.rtt_ms >= slow);
	t->stacked = t->cfg.layout == LAYOUT_STACKED || t->slow_link;
	if (t->slow_link)
		tui_message(t, false,
			    TR("慢速连接（往返 %s%d 毫秒）：上下布局（config.ini 中 layout = side 可关闭）",
			       "slow link (round trip %s%d ms): stacked layout (layout = side in config.ini turns this off)"),
			    t->probe.came_late ? ">" : "", t->probe.rtt_ms);
}

void tui_terminal_summary(struct tui *t, struct sb *out)
{
	const char *cs = nl_langinfo(CODESET);
	char rt[32];

	if (t->probe.rtt_ms >= 0)
		snprintf(rt, sizeof(rt), "%s%d ms", t->probe.came_late ? ">" : "", t->probe.rtt_ms);
	else
		snprintf(rt, sizeof(rt), "%s", TR("未知", "unknown"));
	sb_printf(out, TR("终端：歧义字符 %d 列（%s），左右边距%s，往返 %s，%s，%s",
			  "terminal: ambiguous %d col (%s), margins %s, RTT %s, %s, %s"),
		  t->amb_wide ? 2 : 1,
		  !t->cfg.ambiguous_auto ? TR("配置", "config") : t->probe.amb_width ? TR("探测", "probed") : TR("默认", "default"),
		  t->probe.margins > 0 ? TR("有", "yes") : t->probe.margins == 0 ? TR("无", "no") : TR("未知", "unknown"),
		  rt, t->stacked ? TR("上下布局", "stacked") : TR("并排布局", "side by side"),
		  cs ? cs : "?");
}

/* Writes UTF-8 text in the locale's charset (what the terminal shows). */
static void print_local(FILE *f, const char *s)
{
	size_t n = 0;
	char *conv;

	if (!strcmp(nl_langinfo(CODESET), "UTF-8")) {
		fputs(s, f);
		return;
	}
	conv = u8_conv_to_encoding(locale_charset(), iconveh_question_mark, (const uint8_t *)s, strlen(s), NULL, NULL, &n);
	if (conv) {
		fwrite(conv, 1, n, f);
		free(conv);
	}
}

/* qikan --terminal-report: what the probe finds and what the reader would
 * make of it. */
static int tui_terminal_report(void)
{
	struct tui t;
	struct sb out = { 0 };
	struct qk_err e = { 0 };
	const char *term = getenv("TERM"), *lc = setlocale(LC_CTYPE, NULL);
	char *safe;
	int rc = EXIT_OK;

	memset(&t, 0, sizeof(t));
	if (tui_check_locale(&t.legacy))
		return EXIT_USAGE;
	config_load(&t.cfg, NULL);
	i18n_init(t.cfg.lang);
	safe = layout_sanitize(term ? term : "(unset)", strlen(term ? term : "(unset)"));
	sb_printf(&out, "TERM: %s\n", safe);
	free(safe);
	safe = layout_sanitize(lc ? lc : "?", strlen(lc ? lc : "?"));
	sb_printf(&out, TR("区域设置：%s（字符集 %s%s）\n", "locale: %s (character set %s%s)\n"), safe,
		  nl_langinfo(CODESET), t.legacy ? TR("，与内部的 UTF-8 互相转换", ", converted from UTF-8 at the edges") : "");
	free(safe);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		sb_printf(&out, "%s\n", TR("不是终端：未询问", "not a terminal: nothing was asked"));
	} else if (ui_check_terminal(&e)) {
		sb_printf(&out, "%s\n", e.msg);
		rc = EXIT_USAGE;
	} else {
		tui_probe(&t);
		/* A late answer must not end up typed into the shell. */
		term_probe_drain(STDIN_FILENO, 1000, &t.probe);
		term_probe_describe(&t.probe, &out);
		tui_apply_probe(&t);
		sb_clear(&t.msg);
		tui_terminal_summary(&t, &out);
		sb_addc(&out, '\n');
		if (term_is_linux_console())
			sb_printf(&out, "%s\n", msg(MSG_LINUX_CONSOLE));
	}
	print_local(stdout, out.s ? out.s : "");
	sb_free(&out);
	sb_free(&t.msg);
	config_free(&t.cfg);
	return rc;
}

static int tui_run(struct tui *t, const char *path)
{
	struct qk_err e = { 0 };
	char *abs;

	t->b = bundle_open(path, BUNDLE_READ, &e);
	if (!t->b) {
		/* (cli_error: sanitised, though stderr has no filter here) */
		cli_error(NULL, 0, "%s", e.msg);
		return e.damaged ? EXIT_PROBLEM : EXIT_USAGE; /* as the commands */
	}
	abs = realpath(path, NULL);
	t->bundle_path = abs ? abs : xstrdup(path);
	theme_load(&t->theme, t->cfg.theme, &t->cfg.warnings);
	tui_bind_keys(t);
	for (size_t i = 0; i < t->cfg.warnings.n; i++)
		cli_error(NULL, 0, "%s", t->cfg.warnings.v[i]);
	t->state = state_open(NULL);

	tui_probe(t);
	tui_apply_probe(t);
	if (ui_init(&t->theme, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		return EXIT_USAGE;
	}
	/* Not on the Linux console: there curses would load gpm, which the
	 * console's users run for copy and paste, and it never frees it. */
	ui_mouse(t->cfg.mouse && !term_is_linux_console());
	util_set_fatal_hook(fatal_hook);
	tui_signals();
	tui_start(t);
	tui_loop(t);
	tui_stop(t);
	ui_end();
	util_set_fatal_hook(NULL);
	tui_marks_save(t, true);
	if (state_save(t->state, &e))
		cli_error(NULL, 0, TR("无法保存阅读位置：%s", "cannot save reading positions: %s"), e.msg);
	return EXIT_OK;
}

const char *tui_curses_version(void)
{
	return curses_version();
}

int cmd_tui(int argc, char **argv)
{
	struct tui t;
	int rc;

	if (argc == 2 && !strcmp(argv[1], "--terminal-report"))
		return tui_terminal_report();
	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "Usage: qikan [BUNDLE]\nTry 'qikan --help'.\n");
		return EXIT_USAGE;
	}
	memset(&t, 0, sizeof(t));
	if (tui_check_terminal(&t.legacy))
		return EXIT_USAGE;
	{
		struct qk_err e = { 0 };

		if (ui_check_terminal(&e)) {
			cli_error(NULL, 0, "%s", e.msg);
			return EXIT_USAGE;
		}
	}
	config_load(&t.cfg, NULL);
	i18n_init(t.cfg.lang);
	rc = tui_run(&t, tui_bundle_arg(&t, argc, argv));
	if (t.b)
		bundle_close(t.b);
	state_free(t.state);
	theme_free(&t.theme);
	config_free(&t.cfg);
	free(t.bundle_path);
	free(t.keys);
	sb_free(&t.msg);
	strv_free(&t.hist_fts);
	tui_nav_free(&t);
	strv_free(&t.hist_find);
	sb_free(&t.late);
	return rc;
}

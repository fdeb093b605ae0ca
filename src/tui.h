/* SPDX-License-Identifier: MIT */
/* tui.h — the curses reader: the panes (views) and the state they share.
 * The entry point cmd_tui() is declared in cli.h.
 *
 * Each pane is a struct view driven by a struct view_ops (like tig's):
 * draw() paints the whole window, key() handles an action and may paint
 * just what changed, relayout() drops width-dependent caches after a
 * resize.  tui.c owns the windows, the one input loop and the status line;
 * views never call doupdate() or touch another view's window.
 *
 * Adding a view (e.g. the metadata form or full-text search results):
 * add a V_ value and its ops to the table in tui.c, and bind its key in
 * tui.c's feature table.  Keys of features not yet written show a note
 * on the status line. */
#ifndef QIKAN_TUI_H
#define QIKAN_TUI_H

#include <stdint.h>

#include "bundle.h"
#include "conf.h"
#include "layout.h"
#include "out.h"
#include "state.h"
#include "term_probe.h"
#include "ui.h"

/* What a key means, after the key map; views see actions, not keys. */
enum action {
	ACT_NONE,
	ACT_DOWN, ACT_UP, ACT_PGDN, ACT_PGUP, ACT_TOP, ACT_BOTTOM,
	ACT_ENTER, ACT_LEFT, ACT_RIGHT, ACT_TAB,
	ACT_SEARCH, ACT_NEXT, ACT_PREV,
	ACT_HELP, ACT_QUIT, ACT_ESC, ACT_REDRAW,
	ACT_STATS, ACT_EDIT, ACT_UNDO, ACT_FTS, ACT_ZOOM,
	ACT_BACK, ACT_FORWARD, ACT_PAGE, ACT_WRITE, /* tui_nav.c */
	ACT_NEXT_UNREAD, ACT_TOGGLE_READ, ACT_BOOKMARK, ACT_BOOKMARKS, ACT_NEWS, /* tui_marks.c */
	ACT_REMOVE, /* view_bookmarks.c */
};

struct tui;
struct view;

struct view_ops {
	const char *name;
	void (*open)(struct view *v);                /* once, before the first draw */
	void (*draw)(struct view *v);                /* paint all of v->win */
	bool (*key)(struct view *v, enum action a);  /* false: not handled */
	void (*relayout)(struct view *v);            /* the size changed */
	/* Status line text: left (what is shown) and right (where). */
	void (*status)(struct view *v, struct sb *left, struct sb *right);
	void (*close)(struct view *v);               /* free priv, save state */
	/* Background work (e.g. statistics of a big bundle), run by the input
	 * loop while no key is waiting: with work false only says whether any
	 * is left; with work true does one short step.  True while some is
	 * left.  May be NULL. */
	bool (*idle)(struct view *v, bool work);
};

struct view {
	const struct view_ops *ops;
	struct tui *tui;
	WINDOW *win; /* NULL while the view is not on screen */
	int h, w;
	void *priv;
};

enum view_id { V_TOC, V_ARTICLE, V_STATS, V_HELP, V_SEARCH, V_NEWS, V_BOOKMARKS, V_COUNT };

struct tui {
	struct bundle *b;
	char *bundle_path; /* absolute, the key for reading positions */
	struct config cfg;
	struct theme theme;
	struct layout_opts lo;
	struct state *state;

	struct view views[V_COUNT];
	enum view_id right;  /* what the right-hand pane shows */
	enum view_id focus;  /* V_TOC or t->right */
	bool help;           /* the help screen covers the panes */
	bool wide;           /* TOC and right pane side by side */
	bool zoom;           /* one pane at a time even on a wide terminal */
	bool too_small;
	WINDOW *sep, *status;

	int64_t article_id;  /* the article open in V_ARTICLE, 0 when none */
	struct sb msg;       /* a note for the status line until the next key */
	bool msg_is_warning;
	bool state_warned;   /* a failed save of reading positions was told */
	bool quit;
	/* Queries typed this session, newest last (issue #12 D12). */
	struct strv hist_fts, hist_find;
	struct tui_nav *nav; /* tui_nav.c */
	struct tui_marks *marks; /* tui_marks.c: read, new, bookmarked */
	/* Bindings from config.ini's [keys]; they replace the default keys
	 * of the actions they name. */
	struct tui_keybind {
		int key;
		bool fn;
		enum action a;
	} *keys;
	size_t nkeys;

	/* The terminal (term_probe.c) and what was made of it. */
	struct term_probe probe;
	bool probe_late;     /* answers to the probe may still arrive as input */
	struct sb late;      /* those that came so far */
	bool legacy;         /* the locale's charset is not UTF-8 (GB18030, GBK) */
	bool amb_wide;       /* the terminal draws “ ” … — two columns wide */
	bool stacked;        /* a TOC strip above a full-width article */
	bool slow_link;      /* stacked was chosen for a slow link */
	bool margins;        /* scroll beside the TOC with left/right margins */
};

extern const struct view_ops view_toc_ops, view_article_ops, view_stats_ops, view_help_ops, view_search_ops;
extern const struct view_ops view_news_ops, view_bookmarks_ops;

/* For the views. */
void tui_message(struct tui *t, bool warning, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Opens an article in the article pane (saving the old one's position)
 * and, when focus is set, moves the focus there. */
void tui_open_article(struct tui *t, int64_t id, bool focus);
void tui_focus(struct tui *t, enum view_id v);
/* tui_nav.c: back/forward through opened articles and searches ([ and
 * ]), a printed page (p), the open article written to a file (w). */
struct tui_nav;
void tui_nav_article(struct tui *t, int64_t id);
void tui_nav_search(struct tui *t, const char *query);
void tui_nav_back(struct tui *t);
void tui_nav_forward(struct tui *t);
void tui_nav_free(struct tui *t);
void tui_goto_page(struct tui *t);
void tui_write_article(struct tui *t);
/* tui_nav.c: a file to write from the reader (w): asked for on the
 * status line with a suggested name, followed by the options of `qikan
 * export` (--encoding gb18030|utf-8, --crlf, --bom; config.ini's
 * write_encoding, write_crlf and write_bom put them there), checked as
 * the command line's -o is, and an existing file replaced only when the
 * reader says so. */
struct tui_out {
	char *line;     /* the name as typed, for messages */
	char *path;     /* ~ expanded */
	struct out_opts oo;
	bool markdown;  /* the name ends in .md */
};
bool tui_ask_output(struct tui *t, const char *suggest, struct tui_out *o);
/* Encodes text with o's options, writes it, says where (what: the kind
 * of text, for the message). */
bool tui_write_output(struct tui *t, const struct tui_out *o, const struct sb *text, const char *what);
void tui_out_free(struct tui_out *o);
/* view_search.c: the results of query again (kept when they are the ones
 * on show, else searched anew). */
void view_search_show(struct tui *t, const char *query);
/* Reads a line of text on the status line; false when cancelled.
 * Left/Right, Home/End, Backspace/Delete edit anywhere in the line. */
bool tui_prompt(struct tui *t, const char *prompt, struct sb *out);
/* The same with a history: Up/Down (Ctrl-P/N) recall earlier lines, and
 * the line entered is added to it. */
bool tui_prompt_hist(struct tui *t, const char *prompt, struct sb *out, struct strv *hist);
/* Asks a yes/no question on the status line; one key answers (y or 是
 * yes; n, 否, Esc or q no), nothing piles up waiting for Enter. */
bool tui_confirm(struct tui *t, const char *question);
/* Lays every pane out again for the terminal's size (for modal screens
 * such as the edit form that read KEY_RESIZE themselves). */
void tui_relayout(struct tui *t);
/* Before a view scrolls its window by n lines (wscrl): on a terminal with
 * left/right margins, moves the window's part of the screen with them, so
 * a pane beside another scrolls as cheaply as a full-width one. */
bool tui_scroll_hw(struct view *v, int n);
/* Redraws a view completely at the next refresh. */
void tui_redraw(struct tui *t, enum view_id v);

/* view_edit.c: the metadata form on the open article (`e`), and undo
 * (`u`) of this session's edits, else of the open article's last one. */
void view_edit_open(struct tui *t);
void view_edit_undo(struct tui *t);
/* view_article.c */
void view_article_load(struct view *v, int64_t id);
void view_article_search(struct view *v, const char *query);
/* What a full-text query found (view_search.c): the matches highlighted,
 * the first one shown; n/N go on from there.  label names the query. */
struct search_query;
void view_article_show_query(struct view *v, const struct search_query *q, const char *label);
/* view_search.c: `:` or Ctrl-F, full-text search across the bundle. */
void view_search_run(struct tui *t);
/* view_toc.c: selects the article's row, unfolding what hides it. */
void view_toc_reveal(struct view *v, int64_t issue_id, int64_t article_id);
/* view_toc.c: the cursor goes to the article that was opened elsewhere
 * (search results, history, page jumps), so the TOC and the article pane
 * never disagree.  Nothing moves when it is already there. */
void view_toc_follow(struct view *v, int64_t issue_id, int64_t article_id);
/* view_article.c: the issue of the open article, 0 when none. */
int64_t view_article_issue(struct view *v);
/* view_toc.c: a click on row y of the pane selects that row; a click on
 * the selected row opens it (as Enter). */
void view_toc_click(struct view *v, int y);
/* tui.c: what the start-up probe found and what the reader made of it, on
 * one line (for the help screen). */
void tui_terminal_summary(struct tui *t, struct sb *out);
/* view_toc.c: the issue of the row under the cursor and its section (the
 * section of a section row, or of an article row; 0 on an issue row).
 * Both 0 when the TOC is empty.  The stats pane follows this. */
void view_toc_selection(struct view *v, int64_t *issue_id, int64_t *section_id);

/* tui_marks.c: what this reader has read, seen and bookmarked (marks.h),
 * by the stable keys of the bundle's issues and articles.  An article
 * counts as read once its last line was on screen while the article pane
 * had the focus (or when marked with r); an issue is new when no bundle
 * holding it was opened before. */
struct tui_marks;
struct bundle_keys;
/* At start-up: loads the marks, finds the new issues, records this visit;
 * shows the new-issues view when there are new issues on a later visit,
 * a summary on the status line on the first. */
void tui_marks_start(struct tui *t);
/* Saves (failures told once) and, with done, frees. */
void tui_marks_save(struct tui *t, bool done);
bool tui_marks_unread(struct tui *t, int64_t article_id);
bool tui_marks_bookmarked(struct tui *t, int64_t article_id);
/* Unread articles of an issue (for its row in the TOC). */
int tui_marks_unread_in_issue(struct tui *t, int64_t issue_id);
/* The issues that are new since the last visit, in TOC order. */
size_t tui_marks_new_issues(struct tui *t, const int64_t **ids);
const struct bundle_keys *tui_marks_keys(struct tui *t);
struct marks *tui_marks_store(struct tui *t);
/* An article was opened: its reading starts (from tui_open_article). */
void tui_marks_opened(struct tui *t, int64_t article_id);
/* Before each refresh: the open article is read once its end is shown. */
void tui_marks_check(struct tui *t);
void tui_next_unread(struct tui *t);   /* N */
void tui_toggle_read(struct tui *t);   /* r */
void tui_toggle_bookmark(struct tui *t); /* m */
void tui_show_news(struct tui *t);     /* I: the new-issues list again */
/* view_news.c: the new issues since the last visit (at start-up, and
 * with I). */
void view_news_show(struct tui *t);
/* view_bookmarks.c: the bookmarks (B); w there writes them to a file,
 * m or d removes the selected one. */
void view_bookmarks_show(struct tui *t);
void view_bookmarks_write(struct tui *t);
/* view_toc.c: the article under the cursor (0 on an issue or section
 * row), and the articles of the cursor's issue or section row (all 0
 * when on an article); the TOC redraws its rows after a mark changed. */
int64_t view_toc_cursor_article(struct view *v, int64_t *issue_id, int64_t *section_id);
/* view_article.c: true when the article's last line is on screen. */
bool view_article_at_end(struct view *v);

#endif

/* SPDX-License-Identifier: MIT */
/* view_search.c — full-text search across the bundle (DESIGN.md §6): `:`
 * or Ctrl-F asks for a query on the status line; the results take the
 * right-hand pane, best first, three lines each: the title, where it is
 * (issue · section · page · author) and a snippet with the matches
 * highlighted.  Enter opens the article at its first match; there n/P go
 * from match to match.  Esc or h goes back to the article.
 *
 * The hits come from bundle_search() a batch at a time: a common word in
 * a thousand issues matches tens of thousands of articles, and only the
 * ones scrolled to need snippets. */
#include "config.h"
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "search.h"

#define BATCH 100     /* hits loaded at a time */
#define ROWS_PER_HIT 3

struct srch {
	char *query;            /* as typed */
	struct search_query *q; /* parsed: finds the matches in the article */
	struct search_hits hits;
	size_t cur, top;        /* selected hit, first hit on screen */
};

static struct srch *priv(struct view *v)
{
	return v->priv;
}

static size_t hits_per_page(struct view *v)
{
	size_t n = v->h > 0 ? (size_t)v->h / ROWS_PER_HIT : 0;

	return n ? n : 1;
}

static void srch_reset(struct srch *s)
{
	free(s->query);
	search_query_free(s->q);
	search_hits_free(&s->hits);
	memset(s, 0, sizeof(*s));
}

/* Runs the search for `limit` hits; false (with a message) on failure. */
static bool srch_load(struct view *v, size_t limit)
{
	struct srch *s = priv(v);
	struct search_hits h;
	struct qk_err e = { 0 };

	if (bundle_search(v->tui->b, s->query, (int)limit, &h, &e)) {
		tui_message(v->tui, true, "%s", e.msg);
		return false;
	}
	search_hits_free(&s->hits);
	s->hits = h;
	return true;
}

/* More hits when the cursor reaches the last loaded one. */
static void srch_load_more(struct view *v)
{
	struct srch *s = priv(v);

	if (s->cur + 1 < s->hits.n || s->hits.n >= s->hits.total)
		return;
	srch_load(v, s->hits.n + BATCH);
}

/* Draws bytes [s, e) of the snippet in at most *room columns; false
 * when they did not all fit. */
static bool snippet_piece(struct view *v, int y, int *x, int *room, const char *s, size_t n, attr_t a)
{
	char *plain = layout_sanitize(s, n);
	size_t len = strlen(plain), fit;
	int used = 0;

	fit = layout_prefix(plain, len, *room, &v->tui->lo, &used);
	ui_put(v->win, y, *x, plain, fit, used, a);
	free(plain);
	*x += used;
	*room -= used;
	return fit == len;
}

/* One line of text: the snippet's matches in the match colour.  A
 * snippet wider than the pane is cut once, with "…", and nothing after
 * the cut is drawn: what shows is a contiguous piece of the article. */
static void draw_snippet(struct view *v, int y, const struct search_hit *h)
{
	const struct layout_opts *lo = &v->tui->lo;
	size_t len = strlen(h->snippet), at = 0;
	char *all = layout_sanitize(h->snippet, len);
	int x = 2, room = v->w - 2, ew = layout_width("…", lo);
	bool cut = layout_width(all, lo) > room;

	free(all);
	if (cut)
		room -= ew; /* a column for the "…" of the cut */
	if (room <= 0)
		return;
	for (size_t i = 0; i <= h->nspans; i++) {
		size_t end = i < h->nspans ? h->spans[i].start : len;

		if (!snippet_piece(v, y, &x, &room, h->snippet + at, end - at, ui_attr(ROLE_NORMAL)))
			break;
		if (i == h->nspans)
			return;
		if (!snippet_piece(v, y, &x, &room, h->snippet + end, h->spans[i].len, ui_attr(ROLE_MATCH)))
			break;
		at = end + h->spans[i].len;
	}
	ui_put(v->win, y, x, "…", strlen("…"), ew, ui_attr(ROLE_NORMAL));
}

static void draw_hit(struct view *v, int y, size_t i)
{
	struct srch *s = priv(v);
	const struct search_hit *h = &s->hits.v[i];
	struct tui *t = v->tui;
	struct sb line = { 0 };
	attr_t a = ui_attr(ROLE_TOC_ARTICLE);

	if (i == s->cur)
		a = ui_attr(t->focus == V_SEARCH ? ROLE_CURSOR : ROLE_CURSOR_DIM);
	sb_printf(&line, "%zu. %s", i + 1, h->title);
	ui_fill(v->win, y, 0, v->w, a);
	ui_put_untrusted(v->win, y, 0, line.s, v->w, true, a, &t->lo);
	if (y + 1 < v->h) {
		sb_clear(&line);
		sb_adds(&line, h->issue_title);
		if (*h->section_title)
			sb_printf(&line, " · %s", h->section_title);
		if (h->page > 0)
			sb_printf(&line, TR(" · 第%d页", " · p. %d"), h->page);
		if (h->author && *h->author)
			sb_printf(&line, " · %s", h->author);
		ui_put_untrusted(v->win, y + 1, 2, line.s, v->w - 2, false, ui_attr(ROLE_META), &t->lo);
	}
	if (y + 2 < v->h)
		draw_snippet(v, y + 2, h);
	sb_free(&line);
}

static void srch_draw(struct view *v)
{
	struct srch *s = priv(v);
	int y = 0;

	if (!s->query) {
		ui_put_fit(v->win, 0, 0, TR("按 : 或 Ctrl-F 全文搜索", "press : or Ctrl-F to search all issues"), v->w,
			   false, ui_attr(ROLE_META), &v->tui->lo);
		return;
	}
	if (s->hits.n == 0) {
		char *q = layout_sanitize(s->query, strlen(s->query));
		struct sb m = { 0 };

		sb_printf(&m, TR("没有找到：%s", "nothing found: %s"), q);
		ui_put_fit(v->win, 0, 0, m.s, v->w, false, ui_attr(ROLE_META), &v->tui->lo);
		sb_free(&m);
		free(q);
		return;
	}
	for (size_t i = s->top; i < s->hits.n && y < v->h; i++, y += ROWS_PER_HIT)
		draw_hit(v, y, i);
}

/* Keeps the selected hit on screen. */
static void srch_scroll(struct view *v)
{
	struct srch *s = priv(v);
	size_t page = hits_per_page(v);

	if (s->cur < s->top)
		s->top = s->cur;
	else if (s->cur >= s->top + page)
		s->top = s->cur - page + 1;
}

/* A new size: the selected hit stays on screen (at 20x5 a page holds
 * one hit). */
static void srch_relayout(struct view *v)
{
	srch_scroll(v);
}

static void srch_move(struct view *v, long delta)
{
	struct srch *s = priv(v);
	long n;

	if (!s->hits.n)
		return;
	n = (long)s->cur + delta;
	n = n < 0 ? 0 : n >= (long)s->hits.n ? (long)s->hits.n - 1 : n;
	s->cur = (size_t)n;
	srch_load_more(v);
	srch_scroll(v);
	werase(v->win);
	srch_draw(v);
}

static void srch_open_hit(struct view *v)
{
	struct srch *s = priv(v);
	struct tui *t = v->tui;

	if (!s->hits.n)
		return;
	tui_open_article(t, s->hits.v[s->cur].article_id, true);
	view_article_show_query(&t->views[V_ARTICLE], s->q, s->query);
}

/* Back to what the right-hand pane showed before. */
static void srch_leave(struct view *v)
{
	struct tui *t = v->tui;

	t->right = V_ARTICLE;
	t->focus = t->article_id ? V_ARTICLE : V_TOC;
	tui_focus(t, t->focus);
}

static bool srch_key(struct view *v, enum action a)
{
	switch (a) {
	case ACT_DOWN: srch_move(v, 1); return true;
	case ACT_UP: srch_move(v, -1); return true;
	case ACT_PGDN: srch_move(v, (long)hits_per_page(v)); return true;
	case ACT_PGUP: srch_move(v, -(long)hits_per_page(v)); return true;
	case ACT_TOP: srch_move(v, -(long)priv(v)->hits.n); return true;
	case ACT_BOTTOM: srch_move(v, (long)priv(v)->hits.n); return true;
	case ACT_ENTER:
	case ACT_RIGHT: srch_open_hit(v); return true;
	case ACT_ESC:
	case ACT_LEFT: srch_leave(v); return true;
	default: return false;
	}
}

static void srch_status(struct view *v, struct sb *left, struct sb *right)
{
	struct srch *s = priv(v);
	char *q;

	if (!s->query) {
		sb_adds(left, msg(MSG_FEAT_FTS));
		return;
	}
	q = layout_sanitize(s->query, strlen(s->query));
	if (i18n_zh())
		sb_printf(left, "全文搜索：%s  共 %zu 篇", q, s->hits.total);
	else
		sb_printf(left, "search: %s  %zu article%s", q, s->hits.total, s->hits.total == 1 ? "" : "s");
	free(q);
	if (s->hits.n)
		sb_printf(right, "%zu/%zu", s->cur + 1, s->hits.total);
}

static void srch_open(struct view *v)
{
	v->priv = xcalloc(1, sizeof(struct srch));
}

static void srch_close(struct view *v)
{
	srch_reset(priv(v));
	free(v->priv);
	v->priv = NULL;
}

const struct view_ops view_search_ops = {
	.name = "search",
	.open = srch_open,
	.draw = srch_draw,
	.key = srch_key,
	.relayout = srch_relayout,
	.status = srch_status,
	.close = srch_close,
};

/* Runs query (already parsed as q) into the results pane. */
static void srch_start(struct tui *t, char *query, struct search_query *q)
{
	struct view *v = &t->views[V_SEARCH];
	struct srch *s = priv(v);

	srch_reset(s);
	s->query = query;
	s->q = q;
	srch_load(v, BATCH);
	tui_focus(t, V_SEARCH);
	tui_redraw(t, V_SEARCH);
	tui_nav_search(t, s->query);
	if (s->hits.total == 0)
		tui_message(t, false, TR("没有找到：%s", "nothing found: %s"), s->query);
}

void view_search_run(struct tui *t)
{
	struct search_query *q;
	struct qk_err e = { 0 };
	struct sb in = { 0 };

	if (!tui_prompt_hist(t, TR("全文搜索：", "Search all issues: "), &in, &t->hist_fts)) {
		sb_free(&in);
		return;
	}
	/* A bad query keeps the old results and says what is wrong. */
	q = search_query_parse(in.s, &e);
	if (!q) {
		tui_message(t, true, "%s", e.msg);
		sb_free(&in);
		return;
	}
	srch_start(t, sb_steal(&in), q);
}

void view_search_show(struct tui *t, const char *query)
{
	struct srch *s = priv(&t->views[V_SEARCH]);
	struct search_query *q;
	struct qk_err e = { 0 };

	if (s->query && !strcmp(s->query, query)) {
		/* the same list, the cursor where it was */
		tui_focus(t, V_SEARCH);
		tui_redraw(t, V_SEARCH);
		return;
	}
	q = search_query_parse(query, &e);
	if (!q) {
		tui_message(t, true, "%s", e.msg);
		return;
	}
	srch_start(t, xstrdup(query), q);
}

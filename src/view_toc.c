/* SPDX-License-Identifier: MIT */
/* view_toc.c — the table of contents pane: issues > sections >
 * sub-sections > articles, page numbers right-aligned.  Issues are loaded
 * when first unfolded, so a bundle of a thousand issues opens as fast as
 * one.  Moving the cursor repaints two rows, not the pane. */
#include "config.h"
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

#define TOC_AUTHOR_MIN_W 60 /* from this pane width an author column */
#define TOC_AUTHOR_MAX_W 16

struct toc_issue {
	struct model_toc toc; /* rows of kind ROW_ISSUE are skipped */
	bool loaded, open;
	bool *folded;         /* per row, for sections */
};

struct toc_item {
	int issue;
	int row; /* -1 for the issue's own line */
};

struct toc {
	struct model_issue *issues;
	size_t nissues;
	struct toc_issue *ti;
	struct toc_item *vis; /* the rows on show, folded ones left out */
	size_t nvis, capvis;
	size_t cur, top;
	int pagew;   /* columns for page numbers */
	bool center; /* put the cursor a third of the way down at next layout */
	char *find;  /* the TOC's own `/`: titles, authors, pages */
};

static struct toc *priv(struct view *v)
{
	return v->priv;
}

/* A section heading that comes back (a section with articles of its own
 * followed by sub-sections) is shown once: its rows already follow it. */
static void toc_drop_repeats(struct model_toc *toc)
{
	size_t out = 0;

	for (size_t r = 0; r < toc->n; r++) {
		struct model_toc_row *row = &toc->rows[r];
		bool seen = false;

		for (size_t p = 0; p < out && row->kind == ROW_SECTION; p++)
			seen |= toc->rows[p].kind == ROW_SECTION && toc->rows[p].id == row->id;
		if (seen) {
			free(row->title);
			free(row->author);
			continue;
		}
		toc->rows[out++] = *row;
	}
	toc->n = out;
}

static void toc_load_issue(struct view *v, size_t i)
{
	struct toc *c = priv(v);
	struct toc_issue *ti = &c->ti[i];
	struct qk_err e = { 0 };

	if (ti->loaded)
		return;
	ti->loaded = true;
	if (bundle_toc(v->tui->b, c->issues[i].id, &ti->toc, &e)) {
		tui_message(v->tui, true, "%s", e.msg);
		return;
	}
	toc_drop_repeats(&ti->toc);
	ti->folded = xcalloc(ti->toc.n ? ti->toc.n : 1, sizeof(bool));
	for (size_t r = 0; r < ti->toc.n; r++) {
		const struct model_toc_row *row = &ti->toc.rows[r];
		char buf[16];
		int w;

		if (row->kind != ROW_ARTICLE || row->page <= 0)
			continue;
		w = snprintf(buf, sizeof(buf), "%d", row->page);
		if (w > c->pagew)
			c->pagew = w;
	}
}

static void vis_push(struct toc *c, int issue, int row)
{
	if (c->nvis == c->capvis) {
		c->capvis = c->capvis ? c->capvis * 2 : 64;
		c->vis = xrealloc(c->vis, c->capvis * sizeof(*c->vis));
	}
	c->vis[c->nvis++] = (struct toc_item){ issue, row };
}

/* Rebuilds the list of rows on show, keeping the cursor on the same row
 * when it is still there. */
static void toc_rebuild(struct toc *c)
{
	struct toc_item keep = c->nvis ? c->vis[c->cur] : (struct toc_item){ 0, -1 };

	c->nvis = 0;
	for (size_t i = 0; i < c->nissues; i++) {
		struct toc_issue *ti = &c->ti[i];
		int hide_below = -1; /* depth of a folded section being skipped */

		vis_push(c, (int)i, -1);
		if (!ti->open)
			continue;
		for (size_t r = 0; r < ti->toc.n; r++) {
			const struct model_toc_row *row = &ti->toc.rows[r];

			if (row->kind == ROW_ISSUE)
				continue;
			if (hide_below >= 0 && row->depth > hide_below)
				continue;
			hide_below = -1;
			vis_push(c, (int)i, (int)r);
			if (row->kind == ROW_SECTION && ti->folded[r])
				hide_below = row->depth;
		}
	}
	c->cur = 0;
	for (size_t k = 0; k < c->nvis; k++) {
		if (c->vis[k].issue == keep.issue && c->vis[k].row == keep.row) {
			c->cur = k;
			break;
		}
		if (c->vis[k].issue == keep.issue)
			c->cur = k; /* else the nearest row above in the issue */
		if (c->vis[k].issue == keep.issue && c->vis[k].row > keep.row)
			break;
	}
}

static const struct model_toc_row *item_row(struct toc *c, const struct toc_item *it)
{
	return it->row < 0 ? NULL : &c->ti[it->issue].toc.rows[it->row];
}

static void toc_open(struct view *v)
{
	struct toc *c = xcalloc(1, sizeof(*c));
	struct qk_err e = { 0 };

	v->priv = c;
	if (bundle_issues(v->tui->b, &c->issues, &c->nissues, &e)) {
		tui_message(v->tui, true, "%s", e.msg);
		c->issues = NULL;
		c->nissues = 0;
	}
	c->ti = xcalloc(c->nissues ? c->nissues : 1, sizeof(*c->ti));
	if (c->nissues == 1) {
		toc_load_issue(v, 0);
		c->ti[0].open = true;
	}
	toc_rebuild(c);
}

static void toc_close(struct view *v)
{
	struct toc *c = priv(v);

	if (!c)
		return;
	for (size_t i = 0; i < c->nissues; i++) {
		model_toc_free(&c->ti[i].toc);
		free(c->ti[i].folded);
	}
	free(c->ti);
	free(c->vis);
	free(c->find);
	model_issues_free(c->issues, c->nissues);
	free(c);
	v->priv = NULL;
}

/* One row: indent, a fold marker for issues and sections, the title cut
 * to fit, and for articles the page number right-aligned in its own
 * column, so the numbers line up whatever the titles hold. */
static void toc_draw_row(struct view *v, size_t k)
{
	struct toc *c = priv(v);
	struct tui *t = v->tui;
	const struct toc_item *it = &c->vis[k];
	const struct model_toc_row *row = item_row(c, it);
	struct toc_issue *ti = &c->ti[it->issue];
	int y = (int)(k - c->top), x = 0, pagew = 0, room, step = v->w >= 30 ? 2 : 1;
	bool cursor = k == c->cur;
	enum theme_role role;
	const char *title, *marker = NULL;
	char page[16] = "";
	attr_t a, pa;

	if (k < c->top || y >= v->h)
		return;
	if (!row) {
		int unread = tui_marks_unread_in_issue(t, c->issues[it->issue].id);

		role = ROLE_TOC_ISSUE;
		title = c->issues[it->issue].title;
		marker = ti->open ? "- " : "+ ";
		/* How many of its articles are unread, where articles have
		 * their pages: "*12". */
		if (unread > 0)
			pagew = snprintf(page, sizeof(page), "*%d", unread);
	} else {
		x = (row->depth - 1) * step;
		if (x > v->w / 3)
			x = v->w / 3;
		title = row->title;
		if (row->kind == ROW_SECTION) {
			role = ROLE_TOC_SECTION;
			marker = ti->folded[it->row] ? "+ " : "- ";
		} else {
			role = row->id == t->article_id ? ROLE_CURRENT
			       : row->in_toc		 ? ROLE_TOC_ARTICLE
							 : ROLE_TOC_EXTRA;
			pagew = c->pagew;
			if (row->page > 0)
				snprintf(page, sizeof(page), "%*d", pagew, row->page);
		}
	}
	if (cursor)
		a = ui_attr(t->focus == V_TOC ? ROLE_CURSOR : ROLE_CURSOR_DIM);
	else
		a = ui_attr(role);
	pa = cursor ? a : ui_attr(ROLE_TOC_PAGE);

	ui_fill(v->win, y, 0, x, a);
	if (marker)
		x += ui_put(v->win, y, x, marker, 2, v->w - x, a);
	/* Marks before the title, in the indent when there is room, so titles
	 * stay aligned: "*" not read yet (also bold, for a glance), "+"
	 * bookmarked (m), "!" the importer was unsure of something here
	 * (qikan review), next to the title as it always was.  Plain ASCII:
	 * they show on any terminal, colour or not. */
	if (row && row->kind == ROW_ARTICLE && v->w > 4) {
		char mk[3];
		int nm = 0, at;

		if (tui_marks_unread(t, row->id)) {
			mk[nm++] = '*';
			if (!cursor)
				a |= A_BOLD;
		}
		if (tui_marks_bookmarked(t, row->id))
			mk[nm++] = '+';
		if (row->review)
			mk[nm++] = '!';
		if (nm) {
			at = x >= nm ? x - nm : 0;
			ui_put(v->win, y, at, mk, (size_t)nm, nm, a);
			x = at + nm > x ? at + nm : x;
		}
	}
	room = v->w - x - (pagew ? pagew + 1 : 0);
	if (room < 1) { /* a very narrow pane: the page number goes */
		room = v->w - x;
		pagew = 0;
	}
	/* A wide pane (zoomed, or a big terminal) has room for the author:
	 * a clerk checking an edit sees it without opening the article. */
	if (row && row->kind == ROW_ARTICLE && v->w >= TOC_AUTHOR_MIN_W) {
		int aw = v->w / 5 < TOC_AUTHOR_MAX_W ? v->w / 5 : TOC_AUTHOR_MAX_W;

		x += ui_put_untrusted(v->win, y, x, title, room - aw - 1, true, a, &t->lo);
		ui_fill(v->win, y, x++, 1, a);
		x += ui_put_untrusted(v->win, y, x, row->author ? row->author : "", aw, true,
				      cursor ? a : ui_attr(ROLE_META), &t->lo);
	} else {
		x += ui_put_untrusted(v->win, y, x, title, room, true, a, &t->lo);
	}
	if (pagew) {
		ui_fill(v->win, y, x++, 1, a);
		if (page[0])
			ui_put(v->win, y, x, page, strlen(page), pagew, pa);
		else
			ui_fill(v->win, y, x, pagew, a);
		x += pagew;
	}
	if (x < v->w)
		ui_fill(v->win, y, x, v->w - x, a);
}

static void toc_draw(struct view *v)
{
	struct toc *c = priv(v);

	if (!c->nissues) {
		ui_put_fit(v->win, 0, 0, msg(MSG_EMPTY_BUNDLE), v->w, false, ui_attr(ROLE_MESSAGE),
			   &v->tui->lo);
		return;
	}
	for (size_t k = c->top; k < c->nvis && (int)(k - c->top) < v->h; k++)
		toc_draw_row(v, k);
}

/* Keeps the cursor on screen.  Returns true when the pane scrolled. */
static bool toc_scroll_to_cursor(struct view *v)
{
	struct toc *c = priv(v);
	size_t h = v->h > 0 ? (size_t)v->h : 1;
	size_t old = c->top;

	if (c->cur < c->top)
		c->top = c->cur;
	else if (c->cur >= c->top + h)
		c->top = c->cur - h + 1;
	if (c->nvis > h && c->top > c->nvis - h)
		c->top = c->nvis - h;
	return c->top != old;
}

static void toc_move(struct view *v, long delta)
{
	struct toc *c = priv(v);
	size_t old = c->cur;
	long n = (long)c->cur + delta;

	if (!c->nvis)
		return;
	if (n < 0)
		n = 0;
	if (n >= (long)c->nvis)
		n = (long)c->nvis - 1;
	c->cur = (size_t)n;
	if (!v->win)
		return;
	if (toc_scroll_to_cursor(v)) {
		werase(v->win);
		toc_draw(v);
	} else if (old != c->cur) {
		toc_draw_row(v, old);
		toc_draw_row(v, c->cur);
	}
}

static void toc_activate(struct view *v, bool toggle);

void view_toc_click(struct view *v, int y)
{
	struct toc *c = priv(v);
	size_t k = c->top + (size_t)y;

	if (y < 0 || y >= v->h || k >= c->nvis)
		return;
	if (k == c->cur)
		toc_activate(v, true);
	else
		toc_move(v, (long)k - (long)c->cur);
}

static void toc_changed(struct view *v)
{
	toc_rebuild(priv(v));
	toc_scroll_to_cursor(v);
	if (v->win) {
		werase(v->win);
		toc_draw(v);
	}
}

static size_t toc_parent(struct toc *c, size_t k)
{
	const struct model_toc_row *row = item_row(c, &c->vis[k]);

	if (!row)
		return k;
	while (k-- > 0) {
		const struct model_toc_row *p = item_row(c, &c->vis[k]);

		if (!p || (p->kind == ROW_SECTION && p->depth < row->depth))
			return k;
	}
	return 0;
}

/* Enter / l: open an article, or unfold (Enter also folds). */
static void toc_activate(struct view *v, bool toggle)
{
	struct toc *c = priv(v);
	struct toc_item it = c->vis[c->cur];
	const struct model_toc_row *row = item_row(c, &it);
	struct toc_issue *ti = &c->ti[it.issue];

	if (!row) {
		toc_load_issue(v, (size_t)it.issue);
		ti->open = toggle ? !ti->open : true;
		toc_changed(v);
	} else if (row->kind == ROW_SECTION) {
		ti->folded[it.row] = toggle ? !ti->folded[it.row] : false;
		toc_changed(v);
	} else {
		tui_open_article(v->tui, row->id, true);
	}
}

/* h: fold the section or issue the cursor is in. */
static void toc_fold_up(struct view *v)
{
	struct toc *c = priv(v);
	struct toc_item it = c->vis[c->cur];
	const struct model_toc_row *row = item_row(c, &it);

	if (row && row->kind == ROW_SECTION && !c->ti[it.issue].folded[it.row]) {
		c->ti[it.issue].folded[it.row] = true;
	} else if (!row) {
		c->ti[it.issue].open = false;
	} else {
		size_t p = toc_parent(c, c->cur);
		const struct model_toc_row *pr = item_row(c, &c->vis[p]);

		c->cur = p;
		if (pr)
			c->ti[c->vis[p].issue].folded[c->vis[p].row] = true;
		else
			c->ti[c->vis[p].issue].open = false;
	}
	toc_changed(v);
}

/* Does an article row answer the TOC's find?  Its title or author
 * holds the words, or they are its page number. */
static bool row_found(const struct model_toc_row *r, const char *q)
{
	char *end;
	long page;

	if (r->kind != ROW_ARTICLE)
		return false;
	if ((r->title && strstr(r->title, q)) || (r->author && strstr(r->author, q)))
		return true;
	page = strtol(q, &end, 10);
	return end != q && !*end && page > 0 && page == r->page;
}

/* The next (or previous) article row that answers c->find, from the
 * cursor on, across all issues (loading them as needed), wrapping. */
static void toc_find(struct view *v, bool forward)
{
	struct toc *c = priv(v);
	const struct toc_item *it;
	size_t ni = c->nissues, start_i;
	long start_r;

	if (!c->find) {
		tui_message(v->tui, false, "%s", msg(MSG_NO_SEARCH));
		return;
	}
	if (!c->nvis || !ni)
		return;
	it = &c->vis[c->cur];
	start_i = (size_t)it->issue;
	start_r = it->row;
	/* Walk the rows of every issue in order, in a ring. */
	for (size_t step = 0; step <= ni; step++) {
		size_t i = forward ? (start_i + step) % ni : (start_i + ni - step % ni) % ni;
		struct model_toc *toc;
		long n, r;

		toc_load_issue(v, i);
		toc = &c->ti[i].toc;
		n = (long)toc->n;
		if (forward)
			r = step == 0 ? start_r + 1 : 0;
		else
			r = step == 0 ? start_r - 1 : n - 1;
		for (; r >= 0 && r < n; r += forward ? 1 : -1) {
			if (step == ni && (forward ? r > start_r : r < start_r))
				break; /* back where it started */
			if (row_found(&toc->rows[r], c->find)) {
				view_toc_reveal(v, c->issues[i].id, toc->rows[r].id);
				toc_scroll_to_cursor(v);
				if (v->win) {
					werase(v->win);
					toc_draw(v);
				}
				return;
			}
		}
	}
	tui_message(v->tui, false, TR("目录中未找到：%s", "not in the contents: %s"), c->find);
}

static void toc_find_ask(struct view *v)
{
	struct toc *c = priv(v);
	struct sb q = { 0 };

	if (tui_prompt_hist(v->tui, TR("在目录中查找（标题、作者、页码）：", "find in contents (title, author, page): "), &q,
			    &v->tui->hist_find)) {
		free(c->find);
		c->find = sb_steal(&q);
		toc_find(v, true);
	}
	sb_free(&q);
}

static bool toc_key(struct view *v, enum action a)
{
	struct toc *c = priv(v);
	long page = v->h > 1 ? v->h - 1 : 1;

	if (!c->nvis)
		return false;
	switch (a) {
	case ACT_DOWN:
		toc_move(v, 1);
		return true;
	case ACT_UP:
		toc_move(v, -1);
		return true;
	case ACT_PGDN:
		toc_move(v, page);
		return true;
	case ACT_PGUP:
		toc_move(v, -page);
		return true;
	case ACT_TOP:
		toc_move(v, -(long)c->nvis);
		return true;
	case ACT_BOTTOM:
		toc_move(v, (long)c->nvis);
		return true;
	case ACT_ENTER:
		toc_activate(v, true);
		return true;
	case ACT_RIGHT:
		toc_activate(v, false);
		return true;
	case ACT_LEFT:
		toc_fold_up(v);
		return true;
	case ACT_SEARCH:
		toc_find_ask(v);
		return true;
	case ACT_NEXT:
	case ACT_PREV:
		toc_find(v, a == ACT_NEXT);
		return true;
	default:
		return false;
	}
}

static void toc_relayout(struct view *v)
{
	struct toc *c = priv(v);

	if (c->center && v->h > 0) {
		/* Show the open article a third of the way down. */
		c->top = c->cur > (size_t)v->h / 3 ? c->cur - (size_t)v->h / 3 : 0;
		c->center = false;
	}
	toc_scroll_to_cursor(v);
}

/* The title of the row under the cursor (the issue's on an issue row),
 * and "Contents 5/61". */
static void toc_status(struct view *v, struct sb *left, struct sb *right)
{
	struct toc *c = priv(v);
	const struct toc_item *it;
	const struct model_toc_row *row;
	const char *title;
	char *s;

	sb_printf(right, "%s %zu/%zu", msg(MSG_TOC), c->nvis ? c->cur + 1 : 0, c->nvis);
	if (!c->nvis)
		return;
	it = &c->vis[c->cur];
	row = item_row(c, it);
	title = row ? row->title : c->issues[it->issue].title;
	s = layout_sanitize(title, strlen(title));
	sb_adds(left, s);
	free(s);
}

void view_toc_selection(struct view *v, int64_t *issue_id, int64_t *section_id)
{
	struct toc *c = priv(v);
	const struct toc_item *it;
	const struct model_toc_row *row;

	*issue_id = *section_id = 0;
	if (!c || !c->nvis)
		return;
	it = &c->vis[c->cur];
	row = item_row(c, it);
	*issue_id = c->issues[it->issue].id;
	if (row)
		*section_id = row->section_id;
}

int64_t view_toc_cursor_article(struct view *v, int64_t *issue_id, int64_t *section_id)
{
	struct toc *c = priv(v);
	const struct model_toc_row *row;

	*issue_id = *section_id = 0;
	if (!c || !c->nvis)
		return 0;
	row = item_row(c, &c->vis[c->cur]);
	*issue_id = c->issues[c->vis[c->cur].issue].id;
	if (row && row->kind == ROW_ARTICLE)
		return row->id;
	if (row)
		*section_id = row->id;
	return 0;
}

void view_toc_reveal(struct view *v, int64_t issue_id, int64_t article_id)
{
	struct toc *c = priv(v);

	for (size_t i = 0; i < c->nissues; i++) {
		struct toc_issue *ti = &c->ti[i];

		if (c->issues[i].id != issue_id)
			continue;
		toc_load_issue(v, i);
		for (size_t r = 0; r < ti->toc.n; r++) {
			int depth;

			if (ti->toc.rows[r].kind != ROW_ARTICLE || ti->toc.rows[r].id != article_id)
				continue;
			ti->open = true;
			/* Unfold every section above the row. */
			depth = ti->toc.rows[r].depth;
			for (size_t p = r; p-- > 0;) {
				const struct model_toc_row *pr = &ti->toc.rows[p];

				if (pr->kind == ROW_SECTION && pr->depth < depth) {
					ti->folded[p] = false;
					depth = pr->depth;
				}
			}
			toc_rebuild(c);
			for (size_t k = 0; k < c->nvis; k++)
				if (c->vis[k].issue == (int)i && c->vis[k].row == (int)r)
					c->cur = k;
			c->center = true;
			if (v->h > 0)
				toc_relayout(v);
			return;
		}
	}
}

void view_toc_follow(struct view *v, int64_t issue_id, int64_t article_id)
{
	struct toc *c = priv(v);
	const struct model_toc_row *row;

	if (!c || !article_id)
		return;
	row = c->nvis ? item_row(c, &c->vis[c->cur]) : NULL;
	if (row && row->kind == ROW_ARTICLE && row->id == article_id)
		return; /* already there: the pane does not jump */
	view_toc_reveal(v, issue_id, article_id);
	toc_scroll_to_cursor(v);
}

const struct view_ops view_toc_ops = {
	.name = "toc",
	.open = toc_open,
	.draw = toc_draw,
	.key = toc_key,
	.relayout = toc_relayout,
	.status = toc_status,
	.close = toc_close,
};

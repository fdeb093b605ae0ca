/* SPDX-License-Identifier: MIT */
/* view_bookmarks.c — the bookmarks (收藏, issue #12) in the right-hand
 * pane (B): newest first, two rows each (the title; issue, section and
 * page).  Enter opens one, m or d removes it, w writes the list to a
 * file (the text `qikan bookmarks` prints), Esc goes back. */
#include "config.h"
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#include "bookmarks.h"
#include "i18n.h"
#include "view_list.h"

struct bms {
	struct bookmark_list l;
	struct list_pos pos;
};

static struct bms *priv(struct view *v)
{
	return v->priv;
}

static void bms_load(struct tui *t)
{
	struct bms *s = priv(&t->views[V_BOOKMARKS]);
	struct qk_err e = { 0 };

	bookmarks_free(&s->l);
	if (bookmarks_load(t->b, tui_marks_keys(t), tui_marks_store(t), &s->l, &e))
		tui_message(t, true, "%s", e.msg);
	s->pos.n = s->l.n;
	list_scroll(&s->pos, t->views[V_BOOKMARKS].h);
}

static void bms_draw(struct view *v)
{
	struct bms *s = priv(v);
	struct tui *t = v->tui;
	struct sb line = { 0 };
	int y = 0;

	if (!s->l.n) {
		ui_put_fit(v->win, 0, 0, TR("没有收藏：在文章或目录中按 m 收藏", "no bookmarks: m bookmarks an article"),
			   v->w, false, ui_attr(ROLE_META), &t->lo);
		return;
	}
	for (size_t i = s->pos.top; i < s->l.n && y < v->h; i++, y += 2) {
		const struct bookmark_item *it = &s->l.v[i];
		attr_t a = i == s->pos.cur ? ui_attr(t->focus == V_BOOKMARKS ? ROLE_CURSOR : ROLE_CURSOR_DIM)
					   : ui_attr(ROLE_TOC_ARTICLE);

		ui_put_untrusted(v->win, y, 0, it->title, v->w, true, a, &t->lo);
		if (y + 1 >= v->h)
			break;
		sb_clear(&line);
		sb_adds(&line, it->issue);
		if (*it->section)
			sb_printf(&line, " · %s", it->section);
		if (it->page > 0)
			sb_printf(&line, TR(" · 第%d页", " · p. %d"), it->page);
		ui_put_untrusted(v->win, y + 1, 2, line.s, v->w - 2, false, ui_attr(ROLE_META), &t->lo);
	}
	sb_free(&line);
}

static void bms_leave(struct view *v)
{
	struct tui *t = v->tui;

	t->right = V_ARTICLE;
	tui_focus(t, t->article_id ? V_ARTICLE : V_TOC);
}

static void bms_remove(struct view *v)
{
	struct bms *s = priv(v);
	struct tui *t = v->tui;
	const struct bundle_keys *k = tui_marks_keys(t);
	long i;

	if (!s->l.n)
		return;
	i = bundle_keys_article(k, s->l.v[s->pos.cur].article);
	if (i >= 0)
		marks_set_bookmark(tui_marks_store(t), k->issues[k->articles[i].issue].key, k->articles[i].position,
				   false, 0);
	tui_marks_save(t, false);
	bms_load(t); /* the count on the status line says it */
	werase(v->win);
	bms_draw(v);
	tui_redraw(t, V_TOC);
}

static bool bms_key(struct view *v, enum action a)
{
	struct bms *s = priv(v);

	if (list_key(&s->pos, a, v->h)) {
		werase(v->win);
		bms_draw(v);
		return true;
	}
	switch (a) {
	case ACT_ENTER:
	case ACT_RIGHT:
		if (s->l.n)
			tui_open_article(v->tui, s->l.v[s->pos.cur].article, true);
		return true;
	case ACT_REMOVE: bms_remove(v); return true;
	case ACT_ESC:
	case ACT_LEFT: bms_leave(v); return true;
	default: return false;
	}
}

static void bms_relayout(struct view *v)
{
	list_scroll(&priv(v)->pos, v->h);
}

static void bms_status(struct view *v, struct sb *left, struct sb *right)
{
	struct bms *s = priv(v);

	if (i18n_zh())
		sb_printf(left, "收藏 %zu 篇：Enter 打开，d 删除，w 写入文件", s->l.n);
	else
		sb_printf(left, "%zu bookmark%s: Enter opens, d removes, w writes a file", s->l.n,
			  s->l.n == 1 ? "" : "s");
	if (s->l.elsewhere)
		sb_printf(left, TR("（另有 %zu 篇在别的期刊库）", " (%zu more in other bundles)"), s->l.elsewhere);
	if (s->l.n)
		sb_printf(right, "%zu/%zu", s->pos.cur + 1, s->l.n);
}

static void bms_init(struct view *v)
{
	v->priv = xcalloc(1, sizeof(struct bms));
	priv(v)->pos.rows = 2;
}

static void bms_close(struct view *v)
{
	bookmarks_free(&priv(v)->l);
	free(v->priv);
	v->priv = NULL;
}

const struct view_ops view_bookmarks_ops = {
	.name = "bookmarks",
	.open = bms_init,
	.draw = bms_draw,
	.key = bms_key,
	.relayout = bms_relayout,
	.status = bms_status,
	.close = bms_close,
};

void view_bookmarks_show(struct tui *t)
{
	bms_load(t);
	tui_focus(t, V_BOOKMARKS);
	tui_redraw(t, V_BOOKMARKS);
}

void view_bookmarks_write(struct tui *t)
{
	struct bms *s = priv(&t->views[V_BOOKMARKS]);
	struct tui_out o;
	struct sb text = { 0 };

	if (!s->l.n) {
		tui_message(t, false, "%s", TR("没有收藏可写", "no bookmarks to write"));
		return;
	}
	if (!tui_ask_output(t, "~/qikan-bookmarks.md", &o))
		return;
	bookmarks_format(&s->l, BOOKMARKS_TEXT, &text);
	tui_write_output(t, &o, &text, TR("收藏列表", "bookmark list"));
	sb_free(&text);
	tui_out_free(&o);
}

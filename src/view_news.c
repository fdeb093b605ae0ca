/* SPDX-License-Identifier: MIT */
/* view_news.c — the issues new since the last visit (issue #12), shown
 * in the right-hand pane at start-up when there are any.  Enter opens
 * the selected issue's first article; Esc, q or h puts it away (one key:
 * it must never stand between a reader and the text). */
#include "config.h"
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#include "bundle_keys.h"
#include "i18n.h"
#include "view_list.h"

struct news {
	struct model_issue *v;
	size_t n;
	struct list_pos pos;
};

static struct news *priv(struct view *v)
{
	return v->priv;
}

static void news_clear(struct news *s)
{
	model_issues_free(s->v, s->n);
	s->v = NULL;
	s->n = 0;
	memset(&s->pos, 0, sizeof(s->pos));
}

static void news_draw(struct view *v)
{
	struct news *s = priv(v);
	struct tui *t = v->tui;
	struct sb line = { 0 };
	int y = 1;

	if (i18n_zh())
		sb_printf(&line, "上次打开以来新增 %zu 期", s->n);
	else
		sb_printf(&line, "%zu new issue%s since your last visit", s->n, s->n == 1 ? "" : "s");
	ui_put_fit(v->win, 0, 0, line.s, v->w, true, ui_attr(ROLE_TITLE), &t->lo);
	for (size_t i = s->pos.top; i < s->n && y < v->h; i++, y++) {
		attr_t a = i == s->pos.cur ? ui_attr(t->focus == V_NEWS ? ROLE_CURSOR : ROLE_CURSOR_DIM)
					   : ui_attr(ROLE_TOC_ISSUE);

		sb_clear(&line);
		sb_adds(&line, s->v[i].title);
		if (*s->v[i].publication)
			sb_printf(&line, " · %s", s->v[i].publication);
		if (i18n_zh())
			sb_printf(&line, " · %d 篇", s->v[i].narticles);
		else
			sb_printf(&line, " · %d article%s", s->v[i].narticles, s->v[i].narticles == 1 ? "" : "s");
		ui_put_untrusted(v->win, y, 0, line.s, v->w, true, a, &t->lo);
	}
	sb_free(&line);
}

/* Back to the article (or the contents) it covered. */
static void news_leave(struct view *v)
{
	struct tui *t = v->tui;

	t->right = V_ARTICLE;
	tui_focus(t, t->article_id ? V_ARTICLE : V_TOC);
}

static void news_open(struct view *v)
{
	struct news *s = priv(v);
	const struct bundle_keys *k = tui_marks_keys(v->tui);

	if (!s->n)
		return;
	for (size_t i = 0; i < k->narticles; i++) {
		if (k->issues[k->articles[i].issue].id == s->v[s->pos.cur].id) {
			tui_open_article(v->tui, k->articles[i].id, true);
			return;
		}
	}
	tui_message(v->tui, false, "%s", TR("这一期没有文章", "this issue has no articles"));
}

static bool news_key(struct view *v, enum action a)
{
	struct news *s = priv(v);

	if (list_key(&s->pos, a, v->h)) {
		werase(v->win);
		news_draw(v);
		return true;
	}
	switch (a) {
	case ACT_ENTER:
	case ACT_RIGHT: news_open(v); return true;
	case ACT_ESC:
	case ACT_LEFT: news_leave(v); return true;
	default: return false;
	}
}

static void news_relayout(struct view *v)
{
	list_scroll(&priv(v)->pos, v->h);
}

static void news_status(struct view *v, struct sb *left, struct sb *right)
{
	struct news *s = priv(v);

	sb_adds(left, TR("新期刊：Enter 打开，Esc 或 q 关闭", "new issues: Enter opens, Esc or q closes"));
	if (s->n)
		sb_printf(right, "%zu/%zu", s->pos.cur + 1, s->n);
}

static void news_init(struct view *v)
{
	v->priv = xcalloc(1, sizeof(struct news));
	priv(v)->pos.rows = 1;
	priv(v)->pos.head = 1;
}

static void news_close(struct view *v)
{
	news_clear(priv(v));
	free(v->priv);
	v->priv = NULL;
}

const struct view_ops view_news_ops = {
	.name = "news",
	.open = news_init,
	.draw = news_draw,
	.key = news_key,
	.relayout = news_relayout,
	.status = news_status,
	.close = news_close,
};

void view_news_show(struct tui *t)
{
	struct view *v = &t->views[V_NEWS];
	struct news *s = priv(v);
	struct model_issue *all = NULL;
	const int64_t *ids;
	size_t n = 0, nn = tui_marks_new_issues(t, &ids);
	struct qk_err e = { 0 };

	news_clear(s);
	if (bundle_issues(t->b, &all, &n, &e)) {
		tui_message(t, true, "%s", e.msg);
		return;
	}
	/* The new ones, in the TOC's order; the others freed here. */
	s->v = xcalloc(nn ? nn : 1, sizeof(*s->v));
	for (size_t i = 0; i < n; i++) {
		bool is_new = false;

		for (size_t j = 0; j < nn && !is_new; j++)
			is_new = ids[j] == all[i].id;
		if (is_new && s->n < nn) {
			s->v[s->n++] = all[i];
			continue;
		}
		free(all[i].title);
		free(all[i].publication);
	}
	free(all);
	s->pos.n = s->n;
	if (t->status) {
		/* The reader is on screen (I, or a start-up after the first
		 * layout): the list takes the right pane, or on a narrow
		 * terminal the whole screen, even where the article was. */
		tui_focus(t, V_NEWS);
		tui_redraw(t, V_NEWS);
	} else {
		/* before the first layout, which places it */
		t->right = V_NEWS;
		t->focus = V_NEWS;
	}
}

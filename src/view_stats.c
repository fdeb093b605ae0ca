/* view_stats.c — the statistics pane.  For now a table of per-issue
 * counts (sections, articles, of which not in the printed TOC); the
 * statistics issue replaces the body of this file and keeps its ops. */
#include "config.h"
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

struct stats_row {
	char *title; /* sanitized */
	int sections, articles, extra;
};

struct stats {
	struct stats_row *rows;
	size_t n;
	bool loaded;
	size_t top;
};

static struct stats *priv(struct view *v)
{
	return v->priv;
}

/* Counted on first show: a bundle of many issues costs nothing until the
 * pane is asked for. */
static void stats_load(struct view *v)
{
	struct stats *s = priv(v);
	struct model_issue *issues = NULL;
	struct qk_err e = { 0 };
	size_t n = 0;

	s->loaded = true;
	if (bundle_issues(v->tui->b, &issues, &n, &e)) {
		tui_message(v->tui, true, "%s", e.msg);
		return;
	}
	s->rows = xcalloc(n + 1, sizeof(*s->rows));
	for (size_t i = 0; i < n; i++) {
		struct stats_row *r = &s->rows[s->n++];
		struct model_toc toc = { 0 };

		r->title = layout_sanitize(issues[i].title, strlen(issues[i].title));
		if (bundle_toc(v->tui->b, issues[i].id, &toc, &e)) {
			r->articles = issues[i].narticles;
			continue;
		}
		for (size_t k = 0; k < toc.n; k++) {
			if (toc.rows[k].kind == ROW_SECTION)
				r->sections++;
			else if (toc.rows[k].kind == ROW_ARTICLE) {
				r->articles++;
				r->extra += !toc.rows[k].in_toc;
			}
		}
		model_toc_free(&toc);
	}
	model_issues_free(issues, n);
}

static void stats_line(struct view *v, int y, const char *title, int a, int b, int c, attr_t at)
{
	char nums[64];
	int nw, tw;

	nw = snprintf(nums, sizeof(nums), "%6d %6d %6d", a, b, c);
	tw = v->w - nw - 1;
	if (tw < 4) {
		ui_put_fit(v->win, y, 0, title, v->w, true, at, &v->tui->lo);
		return;
	}
	ui_put_fit(v->win, y, 0, title, tw, true, at, &v->tui->lo);
	ui_put(v->win, y, tw + 1, nums, (size_t)nw, nw, at);
}

static void stats_draw(struct view *v)
{
	struct stats *s = priv(v);
	struct tui *t = v->tui;
	attr_t head = ui_attr(ROLE_TITLE);
	int sum[3] = { 0, 0, 0 }, y = 0;
	const char *cols = i18n_zh() ? "  栏目   文章  目录外" : "sections articles extra";

	if (!s->loaded)
		stats_load(v);
	ui_put_fit(v->win, y++, 0, msg(MSG_STATS_TITLE), v->w, false, head, &t->lo);
	if (y < v->h) {
		int cw = layout_width(cols, &t->lo);

		ui_put_fit(v->win, y, 0, msg(MSG_STATS_HEAD), v->w - cw - 1, false, ui_attr(ROLE_META),
			   &t->lo);
		if (cw < v->w)
			ui_put_fit(v->win, y, v->w - cw, cols, cw, false, ui_attr(ROLE_META), &t->lo);
		y++;
	}
	for (size_t i = 0; i < s->n; i++) {
		sum[0] += s->rows[i].sections;
		sum[1] += s->rows[i].articles;
		sum[2] += s->rows[i].extra;
	}
	for (size_t i = s->top; i < s->n && y < v->h - 2; i++, y++)
		stats_line(v, y, s->rows[i].title, s->rows[i].sections, s->rows[i].articles,
			   s->rows[i].extra, ui_attr(ROLE_NORMAL));
	if (y < v->h)
		stats_line(v, y++, msg(MSG_STATS_TOTAL), sum[0], sum[1], sum[2], ui_attr(ROLE_TOC_ISSUE));
	if (y < v->h)
		ui_put_fit(v->win, y, 0, msg(MSG_STATS_LATER), v->w, false, ui_attr(ROLE_TOC_EXTRA),
			   &t->lo);
}

static bool stats_key(struct view *v, enum action a)
{
	struct stats *s = priv(v);

	switch (a) {
	case ACT_DOWN:
		if (s->top + 1 < s->n)
			s->top++;
		break;
	case ACT_UP:
		if (s->top)
			s->top--;
		break;
	case ACT_TOP:
		s->top = 0;
		break;
	case ACT_LEFT:
		tui_focus(v->tui, V_TOC);
		return true;
	default:
		return false;
	}
	werase(v->win);
	stats_draw(v);
	return true;
}

static void stats_status(struct view *v, struct sb *left, struct sb *right)
{
	sb_adds(left, msg(MSG_STATS_TITLE));
	sb_printf(right, "%zu", priv(v)->n);
}

static void stats_open(struct view *v)
{
	v->priv = xcalloc(1, sizeof(struct stats));
}

static void stats_close(struct view *v)
{
	struct stats *s = priv(v);

	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->rows[i].title);
	free(s->rows);
	free(s);
	v->priv = NULL;
}

const struct view_ops view_stats_ops = {
	.name = "stats",
	.open = stats_open,
	.draw = stats_draw,
	.key = stats_key,
	.status = stats_status,
	.close = stats_close,
};

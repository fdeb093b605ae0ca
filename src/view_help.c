/* SPDX-License-Identifier: MIT */
/* view_help.c — the help screen: every key and what it does. */
#include "config.h"
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"


struct help {
	size_t top;
};

/* One row on screen: a piece of `text` (wrapped to its column), with
 * the keys on a first piece. */
struct hrow {
	const char *text, *keys;
	size_t off, len;
	enum theme_role role;
};

/* The key column is as wide as the longest keys, up to half the screen. */
static int key_col(struct view *v)
{
	int kc = 0;

	for (size_t i = 0; i < help_nlines; i++)
		if (help_lines[i].keys && layout_width(help_lines[i].keys, &v->tui->lo) + 4 > kc)
			kc = layout_width(help_lines[i].keys, &v->tui->lo) + 4;
	return kc > v->w / 2 ? v->w / 2 : kc;
}

struct hrows {
	struct hrow *v;
	size_t n;
	struct strv own; /* sanitized config problems */
};

static void rows_add(struct view *v, struct hrows *r, const char *text, const char *keys, int x,
		     enum theme_role role)
{
	struct layout_lines ll = { 0 };
	int width = v->w - x;

	layout_wrap(text, width > 1 ? width : 1, 0, &v->tui->lo, &ll);
	for (size_t k = 0; k < (ll.n ? ll.n : 1); k++) {
		r->v = xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
		r->v[r->n++] = (struct hrow){ text, k == 0 ? keys : NULL, ll.n ? ll.v[k].off : 0,
					      ll.n ? ll.v[k].len : 0, role };
	}
	layout_lines_free(&ll);
}

/* The rows for this width: problems in config.ini first (all of them:
 * the status line has room for one), then each explanation wrapped in
 * its column, so nothing is cut off.  (The footer is the status line's.) */
static void help_rows(struct view *v, struct hrows *r)
{
	const struct strv *warn = &v->tui->cfg.warnings;
	int kc = key_col(v);
	struct sb term = { 0 };
	size_t first;

	memset(r, 0, sizeof(*r));
	rows_add(v, r, msg(MSG_HELP_TITLE), NULL, 0, ROLE_TITLE);
	/* What the start-up probe found about this terminal. */
	tui_terminal_summary(v->tui, &term);
	strv_push(&r->own, term.s ? term.s : xstrdup(""));
	rows_add(v, r, r->own.v[0], NULL, 0, ROLE_META);
	if (warn->n) {
		rows_add(v, r, TR("配置问题", "Problems in the configuration"), NULL, 0, ROLE_MESSAGE);
		first = r->own.n;
		for (size_t i = 0; i < warn->n; i++)
			strv_push(&r->own, layout_sanitize(warn->v[i], strlen(warn->v[i])));
		for (size_t i = first; i < r->own.n; i++)
			rows_add(v, r, r->own.v[i], "!", kc, ROLE_NORMAL);
	}
	for (size_t i = 0; i < help_nlines; i++) {
		const char *text = i18n_zh() ? help_lines[i].zh : help_lines[i].en;

		if (help_lines[i].keys)
			rows_add(v, r, text, help_lines[i].keys, kc, ROLE_NORMAL);
		else
			rows_add(v, r, text, NULL, 0, ROLE_TOC_SECTION);
	}
}

static void hrows_free(struct hrows *r)
{
	free(r->v);
	strv_free(&r->own);
}

static void help_draw(struct view *v)
{
	struct help *hp = v->priv;
	struct tui *t = v->tui;
	int kc = key_col(v), y = 0;
	struct hrows r;

	help_rows(v, &r);
	if (hp->top + (size_t)v->h > r.n) /* a taller or wider screen since */
		hp->top = r.n > (size_t)v->h ? r.n - (size_t)v->h : 0;
	for (size_t i = hp->top; i < r.n && y < v->h; i++, y++) {
		const struct hrow *h = &r.v[i];
		int x = 0;

		if (h->keys)
			ui_put_fit(v->win, y, 2, h->keys, kc - 2, true, ui_attr(ROLE_HELP_KEY), &t->lo);
		if (h->role == ROLE_NORMAL)
			x = kc;
		ui_put(v->win, y, x, h->text + h->off, h->len, v->w - x, ui_attr(h->role));
	}
	hrows_free(&r);
}

static size_t help_total(struct view *v)
{
	struct hrows r;
	size_t n;

	help_rows(v, &r);
	n = r.n;
	hrows_free(&r);
	return n;
}

static bool help_key(struct view *v, enum action a)
{
	struct help *hp = v->priv;
	size_t total = help_total(v), max = total > (size_t)v->h ? total - (size_t)v->h : 0;

	switch (a) {
	case ACT_DOWN:
		hp->top += hp->top < max;
		break;
	case ACT_UP:
		hp->top -= hp->top > 0;
		break;
	case ACT_PGDN:
		hp->top = hp->top + (size_t)v->h < max ? hp->top + (size_t)v->h : max;
		break;
	case ACT_PGUP:
		hp->top = hp->top > (size_t)v->h ? hp->top - (size_t)v->h : 0;
		break;
	case ACT_TOP:
		hp->top = 0;
		break;
	case ACT_BOTTOM:
		hp->top = max;
		break;
	default:
		return false;
	}
	if (v->win) {
		werase(v->win);
		help_draw(v);
	}
	return true;
}

static void help_status(struct view *v, struct sb *left, struct sb *right)
{
	(void)v;
	(void)right;
	sb_adds(left, msg(MSG_HELP_FOOTER));
}

static void help_open(struct view *v)
{
	v->priv = xcalloc(1, sizeof(struct help));
}

static void help_close(struct view *v)
{
	free(v->priv);
	v->priv = NULL;
}

const struct view_ops view_help_ops = {
	.name = "help",
	.open = help_open,
	.draw = help_draw,
	.key = help_key,
	.status = help_status,
	.close = help_close,
};

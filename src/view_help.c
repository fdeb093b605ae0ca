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

/* One row on screen: the title (line -1), or a piece of help line `line`
 * (its keys shown on the first piece only). */
struct hrow {
	int line;
	size_t off, len;
	bool first;
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

static const char *help_text(size_t i)
{
	return i18n_zh() ? help_lines[i].zh : help_lines[i].en;
}

/* The rows for this width: each explanation wrapped in its column, so
 * nothing is cut off.  (The footer is the status line's.)  Caller frees. */
static struct hrow *help_rows(struct view *v, size_t *n)
{
	int kc = key_col(v);
	struct layout_lines ll = { 0 };
	struct hrow *rows = xcalloc(1, sizeof(*rows));
	size_t nr = 1;

	rows[0] = (struct hrow){ -1, 0, 0, true };
	for (size_t i = 0; i < help_nlines; i++) {
		int width = help_lines[i].keys ? v->w - kc : v->w;

		ll.n = 0;
		layout_wrap(help_text(i), width > 1 ? width : 1, 0, &v->tui->lo, &ll);
		for (size_t k = 0; k < (ll.n ? ll.n : 1); k++) {
			rows = xrealloc(rows, (nr + 1) * sizeof(*rows));
			rows[nr++] = (struct hrow){ (int)i, ll.n ? ll.v[k].off : 0, ll.n ? ll.v[k].len : 0, k == 0 };
		}
	}
	layout_lines_free(&ll);
	*n = nr;
	return rows;
}

static void help_draw(struct view *v)
{
	struct help *hp = v->priv;
	struct tui *t = v->tui;
	int kc = key_col(v), y = 0;
	size_t n;
	struct hrow *rows = help_rows(v, &n);

	if (hp->top + (size_t)v->h > n) /* a taller or wider screen since */
		hp->top = n > (size_t)v->h ? n - (size_t)v->h : 0;
	for (size_t i = hp->top; i < n && y < v->h; i++, y++) {
		const struct hrow *r = &rows[i];
		const struct help_line *h;

		if (r->line < 0) {
			ui_put_fit(v->win, y, 0, msg(MSG_HELP_TITLE), v->w, false, ui_attr(ROLE_TITLE), &t->lo);
			continue;
		}
		h = &help_lines[r->line];
		if (!h->keys) {
			ui_put(v->win, y, 0, help_text((size_t)r->line) + r->off, r->len, v->w,
			       ui_attr(ROLE_TOC_SECTION));
			continue;
		}
		if (r->first)
			ui_put_fit(v->win, y, 2, h->keys, kc - 2, true, ui_attr(ROLE_HELP_KEY), &t->lo);
		ui_put(v->win, y, kc, help_text((size_t)r->line) + r->off, r->len, v->w - kc, ui_attr(ROLE_NORMAL));
	}
	free(rows);
}

static size_t help_total(struct view *v)
{
	size_t n;

	free(help_rows(v, &n));
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

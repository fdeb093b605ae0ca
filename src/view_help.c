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

static size_t help_total(void)
{
	return help_nlines + 3; /* title, what the terminal does, footer */
}

static void help_draw(struct view *v)
{
	struct help *hp = v->priv;
	struct tui *t = v->tui;
	int kc = 0;
	size_t line = 0;

	/* The key column is as wide as the longest keys, up to half the
	 * screen. */
	for (size_t i = 0; i < help_nlines; i++)
		if (help_lines[i].keys && layout_width(help_lines[i].keys, &t->lo) + 4 > kc)
			kc = layout_width(help_lines[i].keys, &t->lo) + 4;
	if (kc > v->w / 2)
		kc = v->w / 2;
	int y = 0;

	for (size_t i = 0; i < help_total() && y < v->h; i++, line++) {
		if (line < hp->top)
			continue;
		if (i == 0) {
			ui_put_fit(v->win, y, 0, msg(MSG_HELP_TITLE), v->w, false, ui_attr(ROLE_TITLE), &t->lo);
		} else if (i == 1) {
			struct sb term = { 0 };

			tui_terminal_summary(t, &term);
			ui_put_fit(v->win, y, 0, term.s ? term.s : "", v->w, false, ui_attr(ROLE_META), &t->lo);
			sb_free(&term);
		} else if (i == help_total() - 1) {
			ui_put_fit(v->win, y, 0, msg(MSG_HELP_FOOTER), v->w, false, ui_attr(ROLE_META), &t->lo);
		} else {
			const struct help_line *h = &help_lines[i - 2];
			const char *what = i18n_zh() ? h->zh : h->en;

			if (!h->keys) {
				ui_put_fit(v->win, y, 0, what, v->w, false, ui_attr(ROLE_TOC_SECTION), &t->lo);
			} else {
				ui_put_fit(v->win, y, 2, h->keys, kc - 2, true, ui_attr(ROLE_HELP_KEY), &t->lo);
				ui_put_fit(v->win, y, kc, what, v->w - kc, false, ui_attr(ROLE_NORMAL), &t->lo);
			}
		}
		y++;
	}
}

static bool help_key(struct view *v, enum action a)
{
	struct help *hp = v->priv;
	size_t max = help_total() > (size_t)v->h ? help_total() - (size_t)v->h : 0;

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

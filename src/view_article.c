/* SPDX-License-Identifier: MIT */
/* view_article.c — the article pane: kicker, title, subtitle, byline or author,
 * source, date, then the paragraphs, each first line indented by two
 * full-width spaces' worth (4 columns).  The text is sanitized once when
 * the article is loaded and wrapped by layout.c for the pane's width; the
 * wrapping is redone only when the width changes.  Scrolling a line moves
 * the window with wscrl() and paints the one new line. */
#include "config.h"
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "search.h"

#define PARA_INDENT 4 /* columns: two U+3000 */

struct block {
	char *text; /* sanitized */
	enum theme_role role;
	int first_indent;
};

struct aline {
	int block;
	size_t off, len;
	int indent;
};

struct match {
	int block;
	size_t off, len;
};

struct art {
	struct model_article *a;
	int64_t id;
	struct block *blocks;
	size_t nblocks;
	int first_para; /* block of paragraph 0 */

	struct aline *lines;
	size_t nlines, caplines;
	int laid_w; /* the width lines were made for; 0: not laid out */
	size_t top;
	/* (block, off) of the character the reader last put at the top.  It
	 * outlives re-wraps: a new width shows the line holding it, and going
	 * back shows the very line it started, however often that happens.
	 * Only a scroll sets a new one. */
	struct state_pos anchor;
	bool has_anchor;

	char *query;
	struct match *m;
	size_t nm, capm, curm;
	bool has_cur;
};

static struct art *priv(struct view *v)
{
	return v->priv;
}

/* Only paragraphs (indented) obey their own line breaks: the heading's
 * fields show them, so a title cannot draw a fake byline under itself. */
static void add_block(struct art *r, const char *text, enum theme_role role, int indent)
{
	struct block *b;

	r->blocks = xrealloc(r->blocks, (r->nblocks + 1) * sizeof(*r->blocks));
	b = &r->blocks[r->nblocks++];
	b->text = indent ? layout_sanitize(text, strlen(text)) : layout_sanitize_line(text, strlen(text));
	b->role = role;
	b->first_indent = indent;
}

static void art_clear_search(struct art *r)
{
	free(r->m);
	r->m = NULL;
	r->nm = r->capm = r->curm = 0;
	r->has_cur = false;
}

static void art_unload(struct art *r)
{
	for (size_t i = 0; i < r->nblocks; i++)
		free(r->blocks[i].text);
	free(r->blocks);
	free(r->lines);
	model_article_free(r->a);
	art_clear_search(r);
	free(r->query);
	memset(r, 0, sizeof(*r));
}

/* The position of the top line, in terms that survive a re-wrap. */
static struct state_pos art_anchor(struct art *r)
{
	if (r->has_anchor)
		return r->anchor;
	if (r->nlines && r->top < r->nlines)
		return (struct state_pos){ r->lines[r->top].block, r->lines[r->top].off };
	return (struct state_pos){ 0, 0 };
}

/* The reader moved: the new top line is the place to keep. */
static void art_moved(struct art *r)
{
	r->has_anchor = false;
}

static void art_save_pos(struct view *v)
{
	struct art *r = priv(v);
	struct state_pos p, saved, old;

	if (!r->a)
		return;
	p = art_anchor(r);
	/* In the state file block 0 is the heading and n is paragraph n-1,
	 * so a position survives a change to the heading's lines. */
	if (p.block < r->first_para)
		saved = (struct state_pos){ 0, 0 };
	else
		saved = (struct state_pos){ p.block - r->first_para + 1, p.off };
	/* An article looked at but never scrolled needs no entry (unless it
	 * had one: then "back at the top" is news). */
	if (saved.block == 0 && !state_get_pos(v->tui->state, v->tui->bundle_path, r->id, &old))
		return;
	state_set_pos(v->tui->state, v->tui->bundle_path, r->id, &saved);
}

/* The catalogue fields a clerk edits (author, page), as stored: the
 * byline above is the printed text and need not name the author. */
static void art_add_fields(struct art *r, const struct model_article *a)
{
	struct sb s = { 0 };

	if (a->author && *a->author)
		sb_printf(&s, TR("作者：%s", "Author: %s"), a->author);
	if (a->page > 0)
		sb_printf(&s, TR("%s第 %d 页", "%sp. %d"), s.len ? " · " : "", a->page);
	if (s.len)
		add_block(r, s.s, ROLE_META, 0);
	sb_free(&s);
}

void view_article_load(struct view *v, int64_t id)
{
	struct art *r = priv(v);
	struct tui *t = v->tui;
	struct qk_err e = { 0 };
	struct model_article *a;
	struct state_pos p;

	art_save_pos(v);
	art_unload(r);
	a = bundle_article(t->b, id, &e);
	if (!a) {
		tui_message(t, true, "%s", e.msg);
		return;
	}
	r->a = a;
	r->id = id;
	/* the kicker (引题) is printed above the title, as in the paper */
	if (a->kicker && *a->kicker)
		add_block(r, a->kicker, ROLE_SUBTITLE, 0);
	add_block(r, a->title ? a->title : "", ROLE_TITLE, 0);
	if (a->subtitle && *a->subtitle) {
		char *s = str_starts(a->subtitle, "——") ? xstrdup(a->subtitle)
							   : xasprintf("——%s", a->subtitle);

		add_block(r, s, ROLE_SUBTITLE, 0);
		free(s);
	}
	if (a->byline && *a->byline)
		add_block(r, a->byline, ROLE_META, 0);
	else if (a->author && *a->author)
		add_block(r, a->author, ROLE_META, 0);
	if (a->source && *a->source)
		add_block(r, a->source, ROLE_META, 0);
	if (a->dateline && *a->dateline)
		add_block(r, a->dateline, ROLE_META, 0);
	art_add_fields(r, a);
	for (size_t i = 0; i < a->nnotes; i++) { /* the review queue's notes */
		char *s = xasprintf("! 待复核 review: %s", a->notes[i]);

		add_block(r, s, ROLE_MESSAGE, 0);
		free(s);
	}
	add_block(r, "", ROLE_NORMAL, 0);
	r->first_para = (int)r->nblocks;
	for (size_t i = 0; i < a->npara; i++)
		add_block(r, a->paras[i] ? a->paras[i] : "", ROLE_NORMAL, PARA_INDENT);

	if (state_get_pos(t->state, t->bundle_path, id, &p) && p.block > 0 &&
	    (size_t)(p.block - 1) < a->npara) {
		r->anchor = (struct state_pos){ r->first_para + p.block - 1, p.off };
		r->has_anchor = true;
	}
}

static void push_line(struct art *r, int block, size_t off, size_t len, int indent)
{
	if (r->nlines == r->caplines) {
		r->caplines = r->caplines ? r->caplines * 2 : 128;
		r->lines = xrealloc(r->lines, r->caplines * sizeof(*r->lines));
	}
	r->lines[r->nlines++] = (struct aline){ block, off, len, indent };
}

/* The line holding byte off of block, or the nearest before it. */
static size_t art_find_line(struct art *r, int block, size_t off)
{
	size_t lo = 0, hi = r->nlines;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct aline *l = &r->lines[mid];

		if (l->block < block || (l->block == block && l->off <= off))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : 0;
}

static size_t art_max_top(struct view *v)
{
	struct art *r = priv(v);
	size_t h = v->h > 0 ? (size_t)v->h : 1;

	return r->nlines > h ? r->nlines - h : 0;
}

static void art_layout(struct view *v)
{
	struct art *r = priv(v);
	struct layout_lines ll = { 0 };
	struct state_pos keep;

	if (!r->a || (r->laid_w == v->w && r->nlines) || v->w <= 0)
		return;
	keep = art_anchor(r);
	r->nlines = 0;
	for (size_t b = 0; b < r->nblocks; b++) {
		const struct block *bl = &r->blocks[b];

		if (!bl->text[0]) {
			push_line(r, (int)b, 0, 0, 0);
			continue;
		}
		ll.n = 0;
		layout_wrap(bl->text, v->w, bl->first_indent, &v->tui->lo, &ll);
		for (size_t i = 0; i < ll.n; i++)
			push_line(r, (int)b, ll.v[i].off, ll.v[i].len, ll.v[i].indent);
		if (!ll.n)
			push_line(r, (int)b, 0, 0, 0);
	}
	layout_lines_free(&ll);
	r->laid_w = v->w;
	r->top = art_find_line(r, keep.block, keep.off);
	if (r->top > art_max_top(v))
		r->top = art_max_top(v);
	r->anchor = keep;
	r->has_anchor = true;
}

static void art_relayout(struct view *v)
{
	priv(v)->laid_w = 0;
	art_layout(v);
}

static void art_draw_line(struct view *v, size_t i, int y)
{
	struct art *r = priv(v);
	const struct aline *l = &r->lines[i];
	const struct block *bl = &r->blocks[l->block];
	attr_t base = ui_attr(bl->role);
	size_t pos = l->off, end = l->off + l->len;
	int x = 0;

	wmove(v->win, y, 0);
	wattrset(v->win, ui_attr(ROLE_NORMAL));
	wclrtoeol(v->win);
	if (l->indent > 0) {
		ui_fill(v->win, y, 0, l->indent, ui_attr(ROLE_NORMAL));
		x = l->indent;
	}
	/* Text between matches in the block's role, matches highlighted. */
	for (size_t k = 0; k < r->nm && pos < end; k++) {
		const struct match *m = &r->m[k];
		size_t ms, me;

		if (m->block != l->block || m->off + m->len <= pos || m->off >= end)
			continue;
		ms = m->off > pos ? m->off : pos;
		me = m->off + m->len < end ? m->off + m->len : end;
		if (ms > pos)
			x += ui_put(v->win, y, x, bl->text + pos, ms - pos, v->w - x, base);
		x += ui_put(v->win, y, x, bl->text + ms, me - ms, v->w - x,
			    ui_attr(r->has_cur && k == r->curm ? ROLE_MATCH_CUR : ROLE_MATCH));
		pos = me;
	}
	if (pos < end)
		ui_put(v->win, y, x, bl->text + pos, end - pos, v->w - x, base);
}

static void art_draw(struct view *v)
{
	struct art *r = priv(v);

	if (!r->a) {
		ui_put_fit(v->win, 0, 0, msg(MSG_NO_ARTICLE), v->w, false, ui_attr(ROLE_MESSAGE),
			   &v->tui->lo);
		return;
	}
	art_layout(v);
	for (int y = 0; y < v->h && r->top + (size_t)y < r->nlines; y++)
		art_draw_line(v, r->top + (size_t)y, y);
}

static void art_scroll_to(struct view *v, size_t newtop)
{
	struct art *r = priv(v);
	long d;

	if (newtop > art_max_top(v))
		newtop = art_max_top(v);
	d = (long)newtop - (long)r->top;
	if (!d)
		return;
	art_moved(r);
	r->top = newtop;
	if (!v->win)
		return;
	if (labs(d) < v->h) {
		/* Move what is already there; paint only the lines that
		 * came into view. */
		bool hw = tui_scroll_hw(v, (int)d);

		scrollok(v->win, TRUE);
		wscrl(v->win, (int)d);
		scrollok(v->win, FALSE);
		if (d > 0) {
			for (int y = v->h - (int)d; y < v->h; y++)
				if (r->top + (size_t)y < r->nlines)
					art_draw_line(v, r->top + (size_t)y, y);
		} else {
			for (int y = 0; y < (int)-d; y++)
				art_draw_line(v, r->top + (size_t)y, y);
		}
		/* A full-width pane scrolls with curses' own scroll region;
		 * beside the TOC without margins every row is new. */
		if (!hw && v->w < COLS)
			ui_paint_rows(v->win, v->tui->margins);
	} else {
		/* A new page: every row is new. */
		werase(v->win);
		art_draw(v);
		ui_paint_rows(v->win, v->tui->margins);
	}
}

static void art_scroll(struct view *v, long delta)
{
	struct art *r = priv(v);
	long n = (long)r->top + delta;

	art_scroll_to(v, n < 0 ? 0 : (size_t)n);
}

/* Byte search, ASCII letters without case; UTF-8 makes a Chinese
 * substring match only at character boundaries. */
static bool match_at(const char *s, const char *q, size_t qlen)
{
	for (size_t i = 0; i < qlen; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)q[i];

		if (!a)
			return false;
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a + 32);
		if (b >= 'A' && b <= 'Z')
			b = (unsigned char)(b + 32);
		if (a != b)
			return false;
	}
	return true;
}

static void art_find_all(struct art *r)
{
	size_t qlen = strlen(r->query);

	art_clear_search(r);
	if (!qlen)
		return;
	for (size_t b = 0; b < r->nblocks; b++) {
		const char *s = r->blocks[b].text;

		for (size_t i = 0; s[i];) {
			if (((unsigned char)s[i] & 0xC0) != 0x80 && match_at(s + i, r->query, qlen)) {
				if (r->nm == r->capm) {
					r->capm = r->capm ? r->capm * 2 : 16;
					r->m = xrealloc(r->m, r->capm * sizeof(*r->m));
				}
				r->m[r->nm++] = (struct match){ (int)b, i, qlen };
				i += qlen;
			} else {
				i++;
			}
		}
	}
}

static size_t match_line(struct art *r, size_t k)
{
	return art_find_line(r, r->m[k].block, r->m[k].off);
}

/* Makes match k the current one and brings it into view. */
static void art_show_match(struct view *v, size_t k)
{
	struct art *r = priv(v);
	size_t line = match_line(r, k);
	size_t h = v->h > 0 ? (size_t)v->h : 1;

	r->curm = k;
	r->has_cur = true;
	if (line < r->top || line >= r->top + h) {
		art_moved(r);
		r->top = line > h / 3 ? line - h / 3 : 0;
	}
	if (r->top > art_max_top(v))
		r->top = art_max_top(v);
	/* The highlights change too, so the pane is painted again; curses
	 * still sends only the cells that differ. */
	if (v->win) {
		werase(v->win);
		art_draw(v);
	}
	tui_message(v->tui, false, TR("匹配 %d/%d", "match %d/%d"), (int)k + 1, (int)r->nm);
}

static void art_next(struct view *v, bool forward)
{
	struct art *r = priv(v);
	size_t k;
	bool wrapped = false;

	if (!r->query) {
		tui_message(v->tui, false, "%s", msg(MSG_NO_SEARCH));
		return;
	}
	if (!r->nm) {
		tui_message(v->tui, false, TR("未找到：%s", "not found: %s"), r->query);
		return;
	}
	if (!r->has_cur) {
		/* From the top of the screen. */
		for (k = 0; k < r->nm && match_line(r, k) < r->top; k++)
			;
		if (!forward)
			k = k ? k - 1 : r->nm - 1;
		if (k == r->nm)
			k = 0;
	} else if (forward) {
		k = r->curm + 1;
		if (k == r->nm) {
			k = 0;
			wrapped = true;
		}
	} else {
		k = r->curm ? r->curm - 1 : r->nm - 1;
		wrapped = r->curm == 0;
	}
	art_show_match(v, k);
	if (wrapped) {
		sb_adds(&v->tui->msg, "  ");
		sb_adds(&v->tui->msg, msg(forward ? MSG_WRAPPED_TOP : MSG_WRAPPED_BOTTOM));
	}
}

void view_article_search(struct view *v, const char *query)
{
	struct art *r = priv(v);

	if (!r->a)
		return;
	free(r->query);
	r->query = layout_sanitize(query, strlen(query));
	art_layout(v);
	art_find_all(r);
	if (!r->nm) {
		tui_message(v->tui, false, TR("未找到：%s", "not found: %s"), r->query);
		if (v->win) {
			werase(v->win);
			art_draw(v);
		}
		return;
	}
	art_next(v, true);
}

void view_article_show_query(struct view *v, const struct search_query *q, const char *label)
{
	struct art *r = priv(v);

	if (!r->a)
		return;
	free(r->query);
	r->query = layout_sanitize(label, strlen(label));
	art_layout(v);
	art_clear_search(r);
	for (size_t b = 0; b < r->nblocks; b++) {
		struct search_span *sp;
		size_t n = search_query_spans(q, SEARCH_ANY, r->blocks[b].text, strlen(r->blocks[b].text), &sp);

		for (size_t k = 0; k < n; k++) {
			if (r->nm == r->capm) {
				r->capm = r->capm ? r->capm * 2 : 16;
				r->m = xrealloc(r->m, r->capm * sizeof(*r->m));
			}
			r->m[r->nm++] = (struct match){ (int)b, sp[k].start, sp[k].len };
		}
		free(sp);
	}
	if (r->nm)
		art_next(v, true);
	else if (v->win) {
		werase(v->win);
		art_draw(v);
	}
}

static bool art_key(struct view *v, enum action a)
{
	struct art *r = priv(v);
	long page = v->h > 0 ? v->h : 1;
	struct sb q = { 0 };

	switch (a) {
	case ACT_DOWN:
	case ACT_ENTER: /* as in less */
		art_scroll(v, 1);
		return true;
	case ACT_UP:
		art_scroll(v, -1);
		return true;
	case ACT_PGDN:
		art_scroll(v, page);
		return true;
	case ACT_PGUP:
		art_scroll(v, -page);
		return true;
	case ACT_TOP:
		art_scroll_to(v, 0);
		return true;
	case ACT_BOTTOM:
		art_scroll_to(v, art_max_top(v));
		return true;
	case ACT_LEFT:
		tui_focus(v->tui, V_TOC);
		return true;
	case ACT_SEARCH:
		if (tui_prompt_hist(v->tui, msg(MSG_SEARCH_PROMPT), &q, &v->tui->hist_find))
			view_article_search(v, q.s);
		sb_free(&q);
		return true;
	case ACT_NEXT:
	case ACT_PREV:
		art_next(v, a == ACT_NEXT);
		return true;
	case ACT_ESC:
		if (r->nm) {
			art_clear_search(r);
			if (v->win) {
				werase(v->win);
				art_draw(v);
			}
		}
		return true;
	default:
		return false;
	}
}

bool view_article_at_end(struct view *v)
{
	struct art *r = priv(v);

	/* Laid out for the pane on screen, its last line within it. */
	return r && r->a && v->win && r->laid_w == v->w && r->nlines && r->top + (size_t)v->h >= r->nlines;
}

int64_t view_article_issue(struct view *v)
{
	struct art *r = priv(v);

	return r && r->a ? r->a->issue_id : 0;
}

static void art_status(struct view *v, struct sb *left, struct sb *right)
{
	struct art *r = priv(v);
	size_t h = v->h > 0 ? (size_t)v->h : 1;
	const char *parts[3];

	if (!r->a)
		return;
	parts[0] = r->a->issue_title;
	parts[1] = r->a->section_title;
	parts[2] = r->a->title;
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		char *s;

		if (!parts[i] || !*parts[i])
			continue;
		s = layout_sanitize(parts[i], strlen(parts[i]));
		if (left->len)
			sb_adds(left, " > ");
		sb_adds(left, s);
		free(s);
	}
	if (r->nm && r->has_cur)
		sb_printf(right, "%zu/%zu ", r->curm + 1, r->nm);
	if (!r->nlines || r->nlines <= h)
		sb_adds(right, "100%");
	else
		sb_printf(right, "%zu%%", (r->top + h >= r->nlines ? r->nlines : r->top + h) * 100 / r->nlines);
}

static void art_open(struct view *v)
{
	v->priv = xcalloc(1, sizeof(struct art));
}

static void art_close(struct view *v)
{
	struct art *r = priv(v);

	if (!r)
		return;
	art_save_pos(v);
	art_unload(r);
	free(r);
	v->priv = NULL;
}

const struct view_ops view_article_ops = {
	.name = "article",
	.open = art_open,
	.draw = art_draw,
	.key = art_key,
	.relayout = art_relayout,
	.status = art_status,
	.close = art_close,
};

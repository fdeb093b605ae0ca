/* SPDX-License-Identifier: MIT */
/* view_stats.c — the statistics pane (`s`, DESIGN.md §5): the figures of
 * stats.h for what the TOC cursor is on (its issue, or its section), or
 * for the whole bundle (Enter toggles), with horizontal bar charts of
 * characters per section, articles per author and frequent terms.
 *
 * An issue or a section is counted at once (tens of milliseconds).  The
 * whole bundle is summed from the figures it keeps per issue (about a
 * row an issue) at the input loop's next idle moment, after the pane has
 * said it is counting.  The
 * figures are checked against bundle_stats_signature() on every draw, so
 * a metadata edit (here or by someone else) is picked up. */
#include "config.h"
#include "tui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle_stats.h"
#include "i18n.h"
#include "stats.h"


enum row_kind { R_HEAD, R_TEXT, R_BAR, R_BLANK };

struct row {
	enum row_kind kind;
	enum theme_role role;
	int group;   /* bars of one chart share their column widths */
	char *label; /* sanitized */
	char *value; /* bars: the figure after the bar */
	uint64_t n;
};

struct chart {
	int labelw, valuew; /* widest label and value */
	uint64_t max;
};

struct result {
	bool have;
	int64_t issue_id, section_id; /* 0, 0 for the whole bundle */
	uint64_t sig;
	struct stats s;
	char *title; /* sanitized scope, e.g. "2023年第2期 > 学习强会" */
};

struct sview {
	struct stats_opts opts;
	bool whole;           /* the whole bundle, not the TOC selection */
	struct result cur;    /* an issue or a section */
	struct result all;    /* the whole bundle */
	/* the whole-bundle count, begun and made at the next idle moment */
	bool running;
	struct stats job;
	uint64_t job_sig;     /* the bundle's signature when the count began */
	/* what is drawn */
	const struct result *shown;
	struct row *rows;
	size_t nrows, caprows;
	struct chart *charts;
	int ncharts;
	size_t top;
};

static struct sview *priv(struct view *v)
{
	return v->priv;
}

/* ---- rows ---- */

static void rows_free(struct sview *sv)
{
	for (size_t i = 0; i < sv->nrows; i++) {
		free(sv->rows[i].label);
		free(sv->rows[i].value);
	}
	free(sv->rows);
	free(sv->charts);
	sv->rows = NULL;
	sv->charts = NULL;
	sv->nrows = sv->caprows = 0;
	sv->ncharts = 0;
}

static struct row *row_add(struct sview *sv, enum row_kind kind, enum theme_role role, const char *label)
{
	struct row *r;

	if (sv->nrows == sv->caprows) {
		sv->caprows = sv->caprows ? sv->caprows * 2 : 64;
		sv->rows = xrealloc(sv->rows, sv->caprows * sizeof *sv->rows);
	}
	r = &sv->rows[sv->nrows++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->role = role;
	r->group = -1;
	r->label = layout_sanitize(label ? label : "", strlen(label ? label : ""));
	return r;
}

static void text_add(struct sview *sv, enum theme_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void text_add(struct sview *sv, enum theme_role role, const char *fmt, ...)
{
	struct sb b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	row_add(sv, R_TEXT, role, b.s ? b.s : "");
	sb_free(&b);
}

static int chart_new(struct sview *sv)
{
	sv->charts = xrealloc(sv->charts, (size_t)(sv->ncharts + 1) * sizeof *sv->charts);
	memset(&sv->charts[sv->ncharts], 0, sizeof *sv->charts);
	return sv->ncharts++;
}

static void bar_add(struct sview *sv, int chart, const char *label, int indent, uint64_t n,
		    const struct layout_opts *lo)
{
	struct chart *c = &sv->charts[chart];
	struct sb b = { 0 };
	char num[32];
	struct row *r;
	int w;

	for (int i = 0; i < indent; i++)
		sb_adds(&b, "  ");
	sb_adds(&b, label ? label : "");
	r = row_add(sv, R_BAR, ROLE_NORMAL, b.s);
	sb_free(&b);
	r->group = chart;
	r->n = n;
	r->value = xstrdup(stats_group(n, num, sizeof num));
	w = layout_width(r->label, lo);
	if (w > c->labelw)
		c->labelw = w;
	w = (int)strlen(r->value);
	if (w > c->valuew)
		c->valuew = w;
	if (n > c->max)
		c->max = n;
}

static void articles_add(struct sview *sv, const struct stats_article *a, size_t n, bool chars,
			 enum theme_role role)
{
	char num[32];

	if (!n)
		text_add(sv, ROLE_META, "  %s", TR("（无）", "(none)"));
	for (size_t i = 0; i < n; i++) {
		if (chars)
			text_add(sv, role, "%8s  %s", stats_group(a[i].chars, num, sizeof num), a[i].title);
		else if (a[i].page > 0)
			text_add(sv, role, "  %s (%s, p.%d)", a[i].title, *a[i].section ? a[i].section : "-",
				 a[i].page);
		else
			text_add(sv, role, "  %s (%s)", a[i].title, *a[i].section ? a[i].section : "-");
	}
}

/* Lays the figures out as rows; widths are applied at draw time, so a
 * resize needs no rebuild. */
static void rows_build(struct sview *sv, const struct result *res, const struct layout_opts *lo)
{
	const struct stats *s = &res->s;
	char a[32], b[32], c[32], d[32], e[32];
	int chart, base;

	rows_free(sv);
	sv->shown = res;
	row_add(sv, R_HEAD, ROLE_TITLE, res->title);
	if (s->scope == STATS_BUNDLE)
		text_add(sv, ROLE_NORMAL, TR("期数 %s", "Issues %s"), stats_group((uint64_t)s->issues, a, sizeof a));
	text_add(sv, ROLE_NORMAL, TR("文章 %s（目录外 %s）  段落 %s", "Articles %s (%s not in TOC), paragraphs %s"),
		 stats_group((uint64_t)s->articles, a, sizeof a),
		 stats_group((uint64_t)(s->articles - s->articles_in_toc), b, sizeof b),
		 stats_group((uint64_t)s->paragraphs, c, sizeof c));
	text_add(sv, ROLE_NORMAL, TR("字数 %s：汉字 %s", "Characters %s: Han %s"),
		 stats_group(stats_chars_total(&s->chars), a, sizeof a), stats_group(s->chars.han, b, sizeof b));
	text_add(sv, ROLE_NORMAL, TR("  拉丁字母 %s 数字 %s 标点 %s 其他 %s", "  Latin %s, digits %s, punct. %s, other %s"),
		 stats_group(s->chars.latin, a, sizeof a), stats_group(s->chars.digit, b, sizeof b),
		 stats_group(s->chars.punct, c, sizeof c), stats_group(s->chars.other, d, sizeof d));
	text_add(sv, ROLE_NORMAL, TR("阅读约 %s 分钟（每分钟 %d 字）", "Reading about %s min (%d chars a minute)"),
		 stats_group(s->reading_minutes, e, sizeof e), s->chars_per_minute);
	if (s->first_page > 0)
		text_add(sv, ROLE_NORMAL, TR("页数 %d（第 %d–%d 页）", "Pages %d (%d-%d)"), s->pages, s->first_page,
			 s->last_page);
	else
		text_add(sv, ROLE_NORMAL, TR("页数 %d", "Pages %d"), s->pages);

	row_add(sv, R_BLANK, ROLE_NORMAL, "");
	row_add(sv, R_HEAD, ROLE_TOC_SECTION, TR("各栏目字数", "Characters per section"));
	chart = chart_new(sv);
	base = s->nsections ? s->sections[0].depth : 0; /* a sub-section alone is not indented */
	for (size_t i = 1; i < s->nsections; i++)
		if (s->sections[i].depth < base)
			base = s->sections[i].depth;
	for (size_t i = 0; i < s->nsections; i++)
		bar_add(sv, chart, s->sections[i].name, s->sections[i].depth - base,
			stats_chars_total(&s->sections[i].chars), lo);
	if (!s->nsections)
		text_add(sv, ROLE_META, "  %s", TR("（无）", "(none)"));

	row_add(sv, R_BLANK, ROLE_NORMAL, "");
	text_add(sv, ROLE_TOC_SECTION, TR("作者文章数（%zu 位；无作者 %d 篇）", "Articles per author (%zu; %d without)"),
		 s->nauthors, s->articles_without_author);
	chart = chart_new(sv);
	for (size_t i = 0; i < s->nauthors; i++)
		bar_add(sv, chart, s->authors[i].name, 0, s->authors[i].n, lo);

	row_add(sv, R_BLANK, ROLE_NORMAL, "");
	row_add(sv, R_HEAD, ROLE_TOC_SECTION, TR("高频词", "Frequent terms"));
	chart = chart_new(sv);
	for (size_t i = 0; i < s->nterms; i++)
		bar_add(sv, chart, s->terms[i].name, 0, s->terms[i].n, lo);

	row_add(sv, R_BLANK, ROLE_NORMAL, "");
	row_add(sv, R_HEAD, ROLE_TOC_SECTION, TR("最长文章（字数）", "Longest articles (characters)"));
	articles_add(sv, s->longest, s->nlongest, true, ROLE_NORMAL);
	row_add(sv, R_HEAD, ROLE_TOC_SECTION, TR("最短文章（字数）", "Shortest articles (characters)"));
	articles_add(sv, s->shortest, s->nshortest, true, ROLE_NORMAL);
	text_add(sv, ROLE_TOC_SECTION, TR("目录外文章（%zu 篇）", "Not in the TOC (%zu)"), s->nnot_in_toc);
	articles_add(sv, s->not_in_toc, s->nnot_in_toc, false, ROLE_TOC_EXTRA);
}

/* ---- computing ---- */

static void result_free(struct result *r)
{
	if (r->have)
		stats_free(&r->s);
	free(r->title);
	memset(r, 0, sizeof *r);
}

static void job_stop(struct sview *sv)
{
	if (!sv->running)
		return;
	stats_free(&sv->job);
	sv->running = false;
}

static char *scope_title(int64_t issue_id, int64_t section_id, const struct stats *s)
{
	struct sb b = { 0 };
	char *r;

	sb_adds(&b, TR("统计：", "Statistics: "));
	if (!issue_id)
		sb_adds(&b, TR("全部期刊", "whole bundle"));
	else if (s->issue_title)
		sb_adds(&b, s->issue_title);
	if (section_id && s->nsections)
		sb_printf(&b, " > %s", s->sections[0].title);
	r = layout_sanitize(b.s, b.len);
	sb_free(&b);
	return r;
}

/* Counts an issue or a section at once. */
static void compute_now(struct view *v, int64_t issue_id, int64_t section_id, uint64_t sig)
{
	struct sview *sv = priv(v);
	struct result *r = &sv->cur;
	struct qk_err e = { 0 };

	result_free(r);
	stats_init(&r->s, section_id ? STATS_SECTION : STATS_ISSUE, &sv->opts);
	if (section_id)
		stats_set_filter(&r->s, section_id, NULL);
	if (bundle_stats_issue(v->tui->b, issue_id, &r->s, &e))
		tui_message(v->tui, true, "%s", e.msg);
	stats_finish(&r->s);
	r->have = true;
	r->issue_id = issue_id;
	r->section_id = section_id;
	r->sig = sig;
	r->title = scope_title(issue_id, section_id, &r->s);
}

static void job_start(struct view *v)
{
	struct sview *sv = priv(v);
	struct qk_err e = { 0 };

	job_stop(sv);
	/* An edit made while counting changes the signature after this, so
	 * the figures are counted again at the next draw. */
	if (bundle_stats_signature(v->tui->b, 0, &sv->job_sig, &e))
		tui_message(v->tui, true, "%s", e.msg);
	stats_init(&sv->job, STATS_BUNDLE, &sv->opts);
	sv->running = true;
}

/* The whole-bundle count; true while more is left (never, now). */
static bool job_step(struct view *v)
{
	struct sview *sv = priv(v);
	struct qk_err e = { 0 };

	/* The bundle keeps figures per issue: the whole bundle is a sum over
	 * its issues (milliseconds for a thousand), done in one step. */
	if (bundle_stats_all(v->tui->b, &sv->job, &e)) {
		tui_message(v->tui, true, "%s", e.msg);
		job_stop(sv);
		return false;
	}
	stats_finish(&sv->job);
	result_free(&sv->all);
	sv->all.s = sv->job;
	memset(&sv->job, 0, sizeof sv->job);
	sv->all.have = true;
	sv->all.sig = sv->job_sig;
	sv->all.title = scope_title(0, 0, &sv->all.s);
	sv->shown = NULL;
	sv->running = false;
	return false;
}

/* Makes the figures match the scope wanted now: the TOC cursor's issue
 * or section, or the whole bundle. */
static void sync_scope(struct view *v)
{
	struct sview *sv = priv(v);
	struct tui *t = v->tui;
	int64_t issue_id = 0, section_id = 0;
	struct qk_err e = { 0 };
	const struct result *want;
	uint64_t sig = 0;

	if (!sv->whole)
		view_toc_selection(&t->views[V_TOC], &issue_id, &section_id);
	if (issue_id) {
		job_stop(sv);
		if (bundle_stats_signature(t->b, issue_id, &sig, &e))
			tui_message(t, true, "%s", e.msg);
		if (!sv->cur.have || sv->cur.issue_id != issue_id || sv->cur.section_id != section_id ||
		    sv->cur.sig != sig) {
			bool same = sv->cur.have && sv->cur.issue_id == issue_id && sv->cur.section_id == section_id;

			compute_now(v, issue_id, section_id, sig);
			if (!same)
				sv->top = 0;
			sv->shown = NULL;
		}
		want = &sv->cur;
	} else {
		if (sv->running)
			return;
		if (bundle_stats_signature(t->b, 0, &sig, &e))
			tui_message(t, true, "%s", e.msg);
		if (!sv->all.have || sv->all.sig != sig) {
			job_start(v);
			return;
		}
		want = &sv->all;
	}
	if (sv->shown != want || !sv->rows)
		rows_build(sv, want, &t->lo);
}

/* ---- drawing ---- */

static bool ascii_bars(struct view *v)
{
	/* The block elements are East Asian Ambiguous: a terminal that draws
	 * them two columns wide gets '#' instead. */
	return priv(v)->opts.ascii_bars || v->tui->lo.ambiguous_wide;
}

/* A bar of n/max of `width` columns, in eighths of a cell. */
static void bar_text(struct sb *out, uint64_t n, uint64_t max, int width, bool ascii)
{
	static const char *const part[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	uint64_t eighths;

	if (!max || width <= 0)
		return;
	eighths = n * (uint64_t)width * 8 / max;
	if (n && !eighths)
		eighths = 1; /* something, for anything at all */
	for (uint64_t i = 0; i < eighths / 8; i++)
		sb_adds(out, ascii ? "#" : "█");
	if (eighths % 8)
		sb_adds(out, ascii ? (eighths % 8 >= 4 || eighths < 8 ? "#" : "") : part[eighths % 8]);
}

static void draw_bar(struct view *v, int y, const struct row *r)
{
	const struct chart *c = &priv(v)->charts[r->group];
	const struct layout_opts *lo = &v->tui->lo;
	int lw = c->labelw, vw = c->valuew, bw;
	struct sb bar = { 0 };

	if (lw > v->w * 2 / 5)
		lw = v->w * 2 / 5;
	bw = v->w - lw - vw - 2;
	if (bw < 4) {
		/* too narrow for a bar: label and figure */
		int x = ui_put_fit(v->win, y, 0, r->label, v->w - vw - 1, true, ui_attr(ROLE_NORMAL), lo);

		ui_put(v->win, y, x + 1, r->value, strlen(r->value), vw, ui_attr(ROLE_META));
		return;
	}
	ui_put_fit(v->win, y, 0, r->label, lw, true, ui_attr(ROLE_NORMAL), lo);
	bar_text(&bar, r->n, c->max, bw, ascii_bars(v));
	if (bar.len)
		ui_put(v->win, y, lw + 1, bar.s, bar.len, bw, ui_attr(ROLE_TOC_ISSUE));
	ui_put(v->win, y, v->w - (int)strlen(r->value), r->value, strlen(r->value), vw, ui_attr(ROLE_META));
	sb_free(&bar);
}

static void draw_progress(struct view *v)
{
	const struct layout_opts *lo = &v->tui->lo;

	ui_put_fit(v->win, 0, 0, TR("统计：全部期刊", "Statistics: whole bundle"), v->w, false, ui_attr(ROLE_TITLE),
		   lo);
	if (v->h < 2)
		return;
	ui_put_fit(v->win, 1, 0, TR("统计中…", "Counting..."), v->w, false, ui_attr(ROLE_NORMAL), lo);
}

static size_t max_top(struct view *v)
{
	struct sview *sv = priv(v);

	return sv->nrows > (size_t)v->h ? sv->nrows - (size_t)v->h : 0;
}

static void stats_draw(struct view *v)
{
	struct sview *sv = priv(v);

	sync_scope(v);
	if (sv->running) {
		draw_progress(v);
		return;
	}
	if (sv->top > max_top(v))
		sv->top = max_top(v);
	for (int y = 0; y < v->h && sv->top + (size_t)y < sv->nrows; y++) {
		const struct row *r = &sv->rows[sv->top + (size_t)y];

		if (r->kind == R_BAR)
			draw_bar(v, y, r);
		else if (r->kind != R_BLANK)
			ui_put_fit(v->win, y, 0, r->label, v->w, false, ui_attr(r->role), &v->tui->lo);
	}
}

static bool stats_key(struct view *v, enum action a)
{
	struct sview *sv = priv(v);
	size_t page = v->h > 1 ? (size_t)v->h - 1 : 1;

	switch (a) {
	case ACT_DOWN:
		if (sv->top < max_top(v))
			sv->top++;
		break;
	case ACT_UP:
		if (sv->top)
			sv->top--;
		break;
	case ACT_PGDN:
		sv->top = sv->top + page < max_top(v) ? sv->top + page : max_top(v);
		break;
	case ACT_PGUP:
		sv->top = sv->top > page ? sv->top - page : 0;
		break;
	case ACT_TOP:
		sv->top = 0;
		break;
	case ACT_BOTTOM:
		sv->top = max_top(v);
		break;
	case ACT_ENTER:
		/* between the TOC cursor's issue or section and the whole bundle */
		sv->whole = !sv->whole;
		sv->top = 0;
		sv->shown = NULL;
		break;
	case ACT_LEFT:
		tui_focus(v->tui, V_TOC);
		return true;
	default:
		return false;
	}
	tui_redraw(v->tui, V_STATS);
	return true;
}

static bool stats_idle(struct view *v, bool work)
{
	struct sview *sv = priv(v);

	if (!sv || !sv->running)
		return false;
	if (!work)
		return true;
	job_step(v);
	tui_redraw(v->tui, V_STATS);
	return sv->running;
}

static void stats_relayout(struct view *v)
{
	struct sview *sv = priv(v);

	if (sv->top > max_top(v))
		sv->top = max_top(v);
}

static void stats_status(struct view *v, struct sb *left, struct sb *right)
{
	struct sview *sv = priv(v);

	sb_adds(left, sv->whole ? TR("统计（全部期刊；回车：跟随目录）", "Statistics (whole bundle; Enter: follow the TOC)")
				: TR("统计（跟随目录；回车：全部期刊）", "Statistics (follows the TOC; Enter: whole bundle)"));
	if (!sv->running && sv->nrows)
		sb_printf(right, "%zu/%zu", sv->top + 1, sv->nrows);
}

static void stats_open(struct view *v)
{
	struct sview *sv = xcalloc(1, sizeof *sv);
	struct strv warnings = { 0 };

	v->priv = sv;
	stats_opts_init(&sv->opts);
	/* [stats] of the same config.ini; conf.c has reported its problems. */
	stats_opts_load(&sv->opts, v->tui->cfg.path, &warnings);
	if (!v->tui->cfg.path)
		sv->opts.chars_per_minute = v->tui->cfg.reading_speed > 0 ? v->tui->cfg.reading_speed
									     : sv->opts.chars_per_minute;
	if (warnings.n)
		tui_message(v->tui, true, "%s", warnings.v[0]);
	strv_free(&warnings);
}

static void stats_close(struct view *v)
{
	struct sview *sv = priv(v);

	if (!sv)
		return;
	job_stop(sv);
	result_free(&sv->cur);
	result_free(&sv->all);
	rows_free(sv);
	stats_opts_free(&sv->opts);
	free(sv);
	v->priv = NULL;
}

const struct view_ops view_stats_ops = {
	.name = "stats",
	.open = stats_open,
	.draw = stats_draw,
	.key = stats_key,
	.relayout = stats_relayout,
	.status = stats_status,
	.close = stats_close,
	.idle = stats_idle,
};

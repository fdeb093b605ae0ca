/* SPDX-License-Identifier: MIT */
/* tui_nav.c — getting around the reader (issue #12): back and forward
 * through the articles opened and the searches run, as in a browser;
 * going to a printed page (`p 36`); and writing the open article to a
 * file as text or Markdown (`w`), with the code behind `qikan export`.
 * No curses here: the panes are moved through tui.h. */
#include "config.h"
#include "tui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"

#define NAV_MAX 200

struct nav_entry {
	int64_t article; /* 0 for a search */
	char *query;     /* the search, NULL for an article */
};

struct tui_nav {
	struct nav_entry *v;
	size_t n, pos; /* pos: the entry on screen */
	bool moving;   /* going back or forward: nothing is added */
};

static struct tui_nav *nav(struct tui *t)
{
	if (!t->nav)
		t->nav = xcalloc(1, sizeof(*t->nav));
	return t->nav;
}

static bool same(const struct nav_entry *e, int64_t article, const char *query)
{
	return query ? e->query && !strcmp(e->query, query) : e->article == article;
}

/* A new place: what was ahead of the current one is dropped, as a
 * browser does after a click. */
static void nav_push(struct tui *t, int64_t article, const char *query)
{
	struct tui_nav *h = nav(t);

	if (h->moving)
		return;
	if (h->n && same(&h->v[h->pos], article, query))
		return;
	for (size_t i = h->n ? h->pos + 1 : 0; i < h->n; i++)
		free(h->v[i].query);
	h->n = h->n ? h->pos + 1 : 0;
	if (h->n == NAV_MAX) {
		free(h->v[0].query);
		memmove(h->v, h->v + 1, (h->n - 1) * sizeof(*h->v));
		h->n--;
	}
	h->v = xrealloc(h->v, (h->n + 1) * sizeof(*h->v));
	h->v[h->n] = (struct nav_entry){ article, query ? xstrdup(query) : NULL };
	h->pos = h->n++;
}

void tui_nav_article(struct tui *t, int64_t id)
{
	nav_push(t, id, NULL);
}

void tui_nav_search(struct tui *t, const char *query)
{
	nav_push(t, 0, query);
}

static void nav_go(struct tui *t, int dir)
{
	struct tui_nav *h = nav(t);
	const struct nav_entry *e;

	if (!h->n || (dir < 0 && h->pos == 0) || (dir > 0 && h->pos + 1 >= h->n)) {
		tui_message(t, false, "%s",
			    dir < 0 ? TR("没有更早的位置", "nothing to go back to")
				    : TR("没有更晚的位置", "nothing to go forward to"));
		return;
	}
	h->pos = dir < 0 ? h->pos - 1 : h->pos + 1;
	e = &h->v[h->pos];
	h->moving = true;
	if (e->query)
		view_search_show(t, e->query);
	else
		tui_open_article(t, e->article, true);
	h->moving = false;
}

void tui_nav_back(struct tui *t)
{
	nav_go(t, -1);
}

void tui_nav_forward(struct tui *t)
{
	nav_go(t, 1);
}

void tui_nav_free(struct tui *t)
{
	if (!t->nav)
		return;
	for (size_t i = 0; i < t->nav->n; i++)
		free(t->nav->v[i].query);
	free(t->nav->v);
	free(t->nav);
	t->nav = NULL;
}

/* --- p: a printed page --- */

/* The issue to look in: the open article's, else the TOC cursor's. */
static int64_t current_issue(struct tui *t)
{
	int64_t issue = view_article_issue(&t->views[V_ARTICLE]), section;

	if (!issue)
		view_toc_selection(&t->views[V_TOC], &issue, &section);
	return issue;
}

/* The article printed on page n: the last one starting on or before it
 * (articles run over several pages).  0 when none is known. */
static int64_t article_on_page(const struct model_toc *toc, int n)
{
	int64_t id = 0;
	int best = 0;

	for (size_t i = 0; i < toc->n; i++) {
		const struct model_toc_row *r = &toc->rows[i];

		if (r->kind == ROW_ARTICLE && r->page > best && r->page <= n) {
			best = r->page;
			id = r->id;
		}
	}
	return id;
}

void tui_goto_page(struct tui *t)
{
	struct model_toc toc = { 0 };
	struct qk_err e = { 0 };
	struct sb in = { 0 };
	int64_t issue = current_issue(t), id;
	char *end;
	long n;

	if (!issue) {
		tui_message(t, false, "%s", msg(MSG_EMPTY_BUNDLE));
		return;
	}
	if (!tui_prompt(t, TR("到第几页：", "go to page: "), &in)) {
		sb_free(&in);
		return;
	}
	errno = 0;
	n = strtol(in.s, &end, 10);
	while (*end == ' ')
		end++;
	if (errno || end == in.s || *end || n <= 0 || n > 100000) {
		tui_message(t, true, TR("页码应为正整数：%s", "a page is a positive whole number: %s"), in.s);
		sb_free(&in);
		return;
	}
	sb_free(&in);
	if (bundle_toc(t->b, issue, &toc, &e)) {
		tui_message(t, true, "%s", e.msg);
		return;
	}
	id = article_on_page(&toc, (int)n);
	model_toc_free(&toc);
	if (!id) {
		tui_message(t, true, TR("这一期没有第 %ld 页或更早的文章", "no article on page %ld or before in this issue"), n);
		return;
	}
	tui_open_article(t, id, true);
	tui_message(t, false, TR("第 %ld 页", "page %ld"), n);
}

/* --- w: write the open article to a file --- */

/* ~ at the start means the home directory. */
static char *expand_home(const char *path)
{
	const char *home = getenv("HOME");

	if (path[0] == '~' && (path[1] == '/' || !path[1]) && home && *home)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && !strcmp(s + a - b, tail);
}

/* Writes all of s to path through a temporary file, so a failed write
 * never leaves half an article where a whole one was. */
static int write_file(const char *path, const struct sb *s, struct qk_err *e)
{
	char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wx");
	int rc = 0;

	if (!f) {
		qk_err_set(e, "%s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fwrite(s->s ? s->s : "", 1, s->len, f) != s->len)
		rc = -1;
	if (fclose(f))
		rc = -1;
	if (rc || rename(tmp, path)) {
		qk_err_set(e, "%s: %s", path, strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

void tui_write_article(struct tui *t)
{
	struct model_article *a;
	struct qk_err e = { 0 };
	struct sb in = { 0 }, text = { 0 };
	char *path;
	bool md;

	if (!t->article_id) {
		tui_message(t, false, "%s", msg(MSG_NO_ARTICLE));
		return;
	}
	/* A name to accept with Enter or edit: .md writes Markdown. */
	sb_printf(&in, "~/qikan-%lld.txt", (long long)t->article_id);
	if (!tui_prompt(t, TR("写入：", "write to: "), &in)) {
		sb_free(&in);
		return;
	}
	path = expand_home(in.s);
	if (access(path, F_OK) == 0) {
		/* named as typed: short enough for the status line */
		char *q = xasprintf(TR("%s 已存在，覆盖？(y/n) ", "%s exists; overwrite? (y/n) "), in.s);
		bool yes = tui_confirm(t, q);

		free(q);
		if (!yes) {
			tui_message(t, false, "%s", TR("未写入", "not written"));
			free(path);
			sb_free(&in);
			return;
		}
	}
	a = bundle_article(t->b, t->article_id, &e);
	if (!a) {
		tui_message(t, true, "%s", e.msg);
		free(path);
		sb_free(&in);
		return;
	}
	md = ends_with(path, ".md") || ends_with(path, ".markdown");
	export_article_format(a, md, &text);
	model_article_free(a);
	if (write_file(path, &text, &e))
		tui_message(t, true, TR("未写入：%s", "not written: %s"), e.msg);
	else
		tui_message(t, false, TR("已写入 %s（%s，UTF-8）", "written to %s (%s, UTF-8)"), in.s,
			    md ? "Markdown" : TR("文本", "text"));
	sb_free(&text);
	sb_free(&in);
	free(path);
}

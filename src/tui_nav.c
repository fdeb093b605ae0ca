/* SPDX-License-Identifier: MIT */
/* tui_nav.c — getting around the reader (issue #12): back and forward
 * through the articles opened and the searches run, as in a browser;
 * going to a printed page (`p 36`); and writing the open article to a
 * file as text or Markdown (`w`), with the code behind `qikan export`.
 * No curses here: the panes are moved through tui.h. */
#include "config.h"
#include "tui.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

/* The options of `qikan export` typed after the name: --encoding E (or
 * --encoding=E), --crlf, --bom.  *start is where they begin in line. */
static int parse_options(char *line, struct out_opts *oo, char **start, struct qk_err *e)
{
	char *p = strstr(line, " --"), *save = NULL, *tok;

	*start = p;
	if (!p)
		return 0;
	memset(oo, 0, sizeof(*oo));
	for (tok = strtok_r(p, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		if (!strcmp(tok, "--crlf"))
			oo->crlf = true;
		else if (!strcmp(tok, "--bom"))
			oo->bom = true;
		else if (!strncmp(tok, "--encoding=", 11))
			oo->encoding = tok + 11;
		else if (!strcmp(tok, "--encoding") && (tok = strtok_r(NULL, " ", &save)))
			oo->encoding = tok;
		else
			return qk_err_set(e, TR("不认识的选项 %s（可用 --encoding gb18030|utf-8、--crlf、--bom）",
						"unknown option %s (there are --encoding gb18030|utf-8, --crlf, --bom)"),
					  tok ? tok : "--encoding");
	}
	return 0;
}

void tui_out_free(struct tui_out *o)
{
	free(o->line);
	free(o->path);
	memset(o, 0, sizeof(*o));
}

bool tui_ask_output(struct tui *t, const char *suggest, struct tui_out *o)
{
	struct qk_err e = { 0 };
	struct sb in = { 0 };
	char *opts;

	memset(o, 0, sizeof(*o));
	/* The options config.ini asks for, there to see and change. */
	sb_adds(&in, suggest);
	if (strcmp(t->cfg.write_encoding, "utf-8"))
		sb_printf(&in, " --encoding %s", t->cfg.write_encoding);
	if (t->cfg.write_crlf)
		sb_adds(&in, " --crlf");
	if (t->cfg.write_bom)
		sb_adds(&in, " --bom");
	if (!tui_prompt(t, TR("写入：", "write to: "), &in)) {
		sb_free(&in);
		return false;
	}
	o->line = sb_steal(&in);
	o->oo.encoding = "utf-8";
	if (parse_options(o->line, &o->oo, &opts, &e)) {
		tui_message(t, true, TR("未写入：%s", "not written: %s"), e.msg);
		tui_out_free(o);
		return false;
	}
	if (opts)
		*opts = '\0'; /* the name is what comes before */
	while (*o->line && o->line[strlen(o->line) - 1] == ' ')
		o->line[strlen(o->line) - 1] = '\0';
	o->path = expand_home(o->line);
	o->markdown = ends_with(o->path, ".md") || ends_with(o->path, ".markdown");
	/* The rules of the command line's -o: never a directory, device,
	 * link or bundle; a file that is there is replaced only when asked. */
	if (cli_output_check(o->path, &e)) {
		/* short: at 40 columns the reason must still show */
		tui_message(t, true, "%s: %s", o->line, e.msg);
		tui_out_free(o);
		return false;
	}
	if (access(o->path, F_OK) == 0) {
		/* named as typed: short enough for the status line */
		char *q = xasprintf(TR("%s 已存在，覆盖？(y/n) ", "%s exists; overwrite? (y/n) "), o->line);
		bool yes = tui_confirm(t, q);

		free(q);
		if (!yes) {
			tui_message(t, false, "%s", TR("未写入", "not written"));
			tui_out_free(o);
			return false;
		}
	}
	return true;
}

/* Writes all of s to path through a temporary file, synced before it
 * takes the name, so a failed write never leaves half a file where a
 * whole one was. */
static int write_file(const char *path, const struct sb *s, struct qk_err *e)
{
	char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	size_t done = 0;
	int rc = 0;

	if (fd < 0) {
		qk_err_set(e, "%s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	while (done < s->len && rc == 0) {
		ssize_t w = write(fd, s->s + done, s->len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			rc = -1;
		else
			done += (size_t)w;
	}
	if (fsync(fd))
		rc = -1;
	if (close(fd))
		rc = -1;
	if (rc || rename(tmp, path)) {
		qk_err_set(e, "%s: %s", path, strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

bool tui_write_output(struct tui *t, const struct tui_out *o, const struct sb *text, const char *what)
{
	struct qk_err e = { 0 };
	struct sb bytes = { 0 };
	bool ok = false;

	if (out_encode(&o->oo, text->s ? text->s : "", text->len, &bytes, &e) || write_file(o->path, &bytes, &e)) {
		tui_message(t, true, TR("未写入：%s", "not written: %s"), e.msg);
	} else {
		/* Where, and in what form: the reader must not have to guess
		 * which encoding a colleague's Windows machine will get. */
		tui_message(t, false, TR("已写入 %s（%s，%s%s%s）", "written to %s (%s, %s%s%s)"), o->line, what,
			    strcasecmp(o->oo.encoding ? o->oo.encoding : "utf-8", "utf-8") &&
					    strcasecmp(o->oo.encoding ? o->oo.encoding : "utf-8", "utf8")
				    ? "GB18030"
				    : "UTF-8",
			    o->oo.crlf ? ", CRLF" : "", o->oo.bom ? ", BOM" : "");
		ok = true;
	}
	sb_free(&bytes);
	return ok;
}

void tui_write_article(struct tui *t)
{
	struct model_article *a;
	struct qk_err e = { 0 };
	struct tui_out o;
	struct sb text = { 0 }, name = { 0 };

	if (t->focus == V_BOOKMARKS) { /* w in the bookmarks: the list */
		view_bookmarks_write(t);
		return;
	}
	if (!t->article_id) {
		tui_message(t, false, "%s", msg(MSG_NO_ARTICLE));
		return;
	}
	/* A name to accept with Enter or edit: .md writes Markdown. */
	sb_printf(&name, "~/qikan-%lld.txt", (long long)t->article_id);
	if (!tui_ask_output(t, name.s, &o)) {
		sb_free(&name);
		return;
	}
	sb_free(&name);
	a = bundle_article(t->b, t->article_id, &e);
	if (!a) {
		tui_message(t, true, "%s", e.msg);
		tui_out_free(&o);
		return;
	}
	export_article_format(a, o.markdown, &text);
	model_article_free(a);
	tui_write_output(t, &o, &text, o.markdown ? "Markdown" : TR("文本", "text"));
	sb_free(&text);
	tui_out_free(&o);
}

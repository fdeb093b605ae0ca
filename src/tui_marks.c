/* SPDX-License-Identifier: MIT */
/* tui_marks.c — the reader's side of marks.h (issue #12): unread and read
 * articles, issues new since the last visit, bookmarks; N (next unread),
 * r (mark read or unread), m (bookmark).  Article ids are turned into the
 * stable keys of bundle_keys.h here; the views ask by article id.  No
 * curses here. */
#include "config.h"
#include "tui.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle_keys.h"
#include "cli.h"
#include "i18n.h"
#include "marks.h"

struct tui_marks {
	struct marks *m;
	struct bundle_keys k;
	int64_t *news; /* issue ids new since the last visit */
	size_t nnews;
	int64_t counted; /* the opened article already counted as read (or
			  * marked unread by hand): not counted again until
			  * it is opened again */
	bool warned;   /* a failed save was told */
};

static struct tui_marks *tm(struct tui *t)
{
	return t->marks;
}

/* The keys of an article id; false when the bundle has no such article
 * (or the keys could not be read). */
static bool article_key(struct tui *t, int64_t id, const char **issue, int *pos)
{
	struct tui_marks *x = tm(t);
	long i = x ? bundle_keys_article(&x->k, id) : -1;

	if (i < 0)
		return false;
	*issue = x->k.issues[x->k.articles[i].issue].key;
	*pos = x->k.articles[i].position;
	return true;
}

void tui_marks_start(struct tui *t)
{
	struct tui_marks *x = xcalloc(1, sizeof(*x));
	struct qk_err e = { 0 };
	size_t seen = 0;
	int64_t now = (int64_t)time(NULL);

	t->marks = x;
	x->m = marks_open(NULL);
	if (bundle_keys_load(t->b, &x->k, &e)) {
		tui_message(t, true, "%s", e.msg);
		return;
	}
	x->news = xcalloc(x->k.nissues ? x->k.nissues : 1, sizeof(*x->news));
	for (size_t i = 0; i < x->k.nissues; i++) {
		if (marks_seen(x->m, x->k.issues[i].key))
			seen++;
		else
			x->news[x->nnews++] = x->k.issues[i].id;
	}
	for (size_t i = 0; i < x->k.nissues; i++)
		marks_see(x->m, x->k.issues[i].key, now);
	tui_marks_save(t, false);
	if (!x->k.nissues)
		return;
	if (!seen) {
		/* A first visit: everything is new, a list of it all would
		 * only repeat the contents.  Say what the marks mean instead. */
		x->nnews = 0;
		/* Not over a note that is there, nor over the place of a
		 * reader coming back to an article (whose reading positions
		 * predate the marks) */
		if (t->msg.len || t->focus != V_TOC)
			return;
		if (i18n_zh())
			tui_message(t, false, "首次打开：%zu 期 %zu 篇，* 为未读（N 下一篇未读，m 收藏）", x->k.nissues,
				    x->k.narticles);
		else
			tui_message(t, false, "first visit: %zu issue%s, %zu article%s; * is unread (N next unread, m bookmark)",
				    x->k.nissues, x->k.nissues == 1 ? "" : "s", x->k.narticles, x->k.narticles == 1 ? "" : "s");
	} else if (x->nnews) {
		view_news_show(t);
	}
}

void tui_marks_save(struct tui *t, bool done)
{
	struct tui_marks *x = tm(t);
	struct qk_err e = { 0 };

	if (!x)
		return;
	if (marks_save(x->m, &e) && !x->warned) {
		x->warned = true;
		if (done)
			cli_error(NULL, 0, TR("无法保存阅读标记：%s", "cannot save the reading marks: %s"), e.msg);
		else
			tui_message(t, true, TR("无法保存阅读标记：%s", "cannot save the reading marks: %s"), e.msg);
	}
	if (done) {
		marks_free(x->m);
		bundle_keys_free(&x->k);
		free(x->news);
		free(x);
		t->marks = NULL;
	}
}

bool tui_marks_unread(struct tui *t, int64_t article_id)
{
	const char *issue;
	int pos;

	return article_key(t, article_id, &issue, &pos) && !marks_read(tm(t)->m, issue, pos);
}

bool tui_marks_bookmarked(struct tui *t, int64_t article_id)
{
	const char *issue;
	int pos;

	return article_key(t, article_id, &issue, &pos) && marks_bookmarked(tm(t)->m, issue, pos);
}

int tui_marks_unread_in_issue(struct tui *t, int64_t issue_id)
{
	struct tui_marks *x = tm(t);
	size_t is = 0, lo = 0, hi;
	int n = 0;

	if (!x)
		return 0;
	while (is < x->k.nissues && x->k.issues[is].id != issue_id)
		is++;
	/* An issue's articles are together, in reading order. */
	hi = x->k.narticles;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (x->k.articles[mid].issue < is)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < x->k.narticles && x->k.articles[i].issue == is; i++)
		n += !marks_read(x->m, x->k.issues[is].key, x->k.articles[i].position);
	return n;
}

size_t tui_marks_new_issues(struct tui *t, const int64_t **ids)
{
	*ids = tm(t) ? tm(t)->news : NULL;
	return tm(t) ? tm(t)->nnews : 0;
}

const struct bundle_keys *tui_marks_keys(struct tui *t)
{
	return &tm(t)->k;
}

struct marks *tui_marks_store(struct tui *t)
{
	return tm(t)->m;
}

void tui_marks_opened(struct tui *t, int64_t article_id)
{
	if (tm(t) && tm(t)->counted != article_id)
		tm(t)->counted = 0;
}

static void set_read(struct tui *t, int64_t id, bool read)
{
	const char *issue;
	int pos;

	if (article_key(t, id, &issue, &pos))
		marks_set_read(tm(t)->m, issue, pos, read);
}

void tui_marks_check(struct tui *t)
{
	struct tui_marks *x = tm(t);

	if (!x || !t->article_id || x->counted == t->article_id || t->help || t->focus != V_ARTICLE ||
	    !view_article_at_end(&t->views[V_ARTICLE]))
		return;
	x->counted = t->article_id;
	if (tui_marks_unread(t, t->article_id)) {
		set_read(t, t->article_id, true);
		tui_redraw(t, V_TOC);
	}
}

/* The article r, m and N start from: the open one in the article pane,
 * else the one under the TOC cursor.  *issue and *section are set for an
 * issue or section row under the cursor. */
static int64_t target(struct tui *t, int64_t *issue, int64_t *section)
{
	*issue = *section = 0;
	if (t->focus == V_ARTICLE && t->article_id)
		return t->article_id;
	if (t->focus == V_TOC)
		return view_toc_cursor_article(&t->views[V_TOC], issue, section);
	return t->article_id;
}

void tui_next_unread(struct tui *t)
{
	struct tui_marks *x = tm(t);
	int64_t issue, section, from = target(t, &issue, &section);
	size_t n, start = 0;
	long i;

	if (!x || !(n = x->k.narticles)) {
		tui_message(t, false, "%s", msg(MSG_EMPTY_BUNDLE));
		return;
	}
	if (from && (i = bundle_keys_article(&x->k, from)) >= 0) {
		start = (size_t)i + 1;
	} else if (issue) { /* an issue or section row: its first article on */
		while (start < n && x->k.issues[x->k.articles[start].issue].id != issue)
			start++;
		start = start < n ? start : 0;
	}
	/* In reading order, across the issues, round to the start. */
	for (size_t k = 0; k < n; k++) {
		const struct bundle_article_key *a = &x->k.articles[(start + k) % n];

		if (a->id != from && !marks_read(x->m, x->k.issues[a->issue].key, a->position)) {
			tui_open_article(t, a->id, true);
			return;
		}
	}
	tui_message(t, false, "%s", TR("没有未读文章了", "no unread articles left"));
}

void tui_toggle_read(struct tui *t)
{
	struct tui_marks *x = tm(t);
	int64_t issue, section, id = target(t, &issue, &section);
	bool read;
	size_t n = 0;

	if (!x)
		return;
	if (id) {
		read = tui_marks_unread(t, id);
		set_read(t, id, read);
		/* Marked unread by hand: the open article is not counted
		 * read again just because its end is still on screen. */
		if (id == t->article_id)
			x->counted = id;
		tui_message(t, false, "%s", read ? TR("已标为已读", "marked read") : TR("已标为未读", "marked unread"));
	} else if (issue) {
		struct model_toc toc = { 0 };
		struct qk_err e = { 0 };
		bool any_unread = false;

		/* An issue or section row: all its articles read, or, when
		 * they all are, all unread. */
		if (bundle_toc(t->b, issue, &toc, &e)) {
			tui_message(t, true, "%s", e.msg);
			return;
		}
		for (size_t i = 0; i < toc.n; i++)
			if (toc.rows[i].kind == ROW_ARTICLE && (!section || toc.rows[i].section_id == section))
				any_unread |= tui_marks_unread(t, toc.rows[i].id);
		for (size_t i = 0; i < toc.n; i++) {
			if (toc.rows[i].kind == ROW_ARTICLE && (!section || toc.rows[i].section_id == section)) {
				set_read(t, toc.rows[i].id, any_unread);
				n++;
			}
		}
		model_toc_free(&toc);
		if (t->article_id)
			x->counted = t->article_id;
		if (i18n_zh())
			tui_message(t, false, "%zu 篇已标为%s", n, any_unread ? "已读" : "未读");
		else
			tui_message(t, false, "%zu article%s marked %s", n, n == 1 ? "" : "s",
				    any_unread ? "read" : "unread");
	} else {
		tui_message(t, false, "%s", msg(MSG_NO_ARTICLE));
		return;
	}
	tui_marks_save(t, false);
	tui_redraw(t, V_TOC);
}

/* I: the list of new issues again, after Esc or q put it away; the same
 * list all session (what was new when the reader started). */
void tui_show_news(struct tui *t)
{
	const int64_t *ids;

	if (!tui_marks_new_issues(t, &ids)) {
		tui_message(t, false, "%s", TR("上次打开以来没有新增期刊", "no issues new since your last visit"));
		return;
	}
	view_news_show(t);
}

void tui_toggle_bookmark(struct tui *t)
{
	struct tui_marks *x = tm(t);
	int64_t issue, section, id;
	const char *key;
	int pos;
	bool on;

	if (t->focus == V_BOOKMARKS) {
		/* m in the list takes the selected one out */
		t->views[V_BOOKMARKS].ops->key(&t->views[V_BOOKMARKS], ACT_REMOVE);
		return;
	}
	id = target(t, &issue, &section);
	if (!x || !id || !article_key(t, id, &key, &pos)) {
		tui_message(t, false, "%s", msg(MSG_NO_ARTICLE));
		return;
	}
	on = !marks_bookmarked(x->m, key, pos);
	if (!marks_set_bookmark(x->m, key, pos, on, (int64_t)time(NULL))) {
		tui_message(t, true, TR("收藏已满（%d 篇）：先在收藏夹（B）中删去一些", "bookmarks are full (%d): remove some in the list (B) first"),
			    MARKS_MAX_BOOKMARKS);
		return;
	}
	tui_message(t, false, "%s", on ? TR("已收藏（B 查看收藏夹）", "bookmarked (B lists the bookmarks)")
				      : TR("已取消收藏", "bookmark removed"));
	tui_marks_save(t, false);
	tui_redraw(t, V_TOC);
}

/* SPDX-License-Identifier: MIT */
/* view_edit.c — the metadata form (`e`) and undo (`u`) of the reader
 * (issue #4, DESIGN.md §7).
 *
 * The form is modal, like tui_prompt(): it has its own input loop, since
 * its fields take raw characters (Chinese typed through an input method or
 * pasted) rather than the actions the panes see.  It covers the panes
 * while open; closing it repaints them, reloaded from the bundle so the
 * TOC and the article show the edit at once.
 *
 * Text fields hold UTF-8; the cursor is a byte offset that only ever sits
 * on a character boundary (a combining mark goes with its base), so
 * Left/Right move and Backspace deletes whole characters.  A field wider
 * than its box scrolls to keep the cursor in view.  Pasted text arrives as
 * a burst of keys: an Enter or Tab with more keys already waiting behind
 * it is part of a paste and becomes a space instead of saving the form.
 *
 * Saving goes through bundle_edit_save() with the version the form was
 * loaded at: if someone saved meanwhile the save is refused, the form
 * stays open showing their values, and Ctrl-R reloads the newer version
 * while keeping what was typed.  Nothing is ever overwritten silently. */
#include "config.h"
#include "tui.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>
#include <wctype.h>

#include "bundle_edit.h"
#include "i18n.h"

#define FIELD_MAX_BYTES 1000
#define UNDO_DEPTH 64

/* The form's fields, top to bottom. */
static const enum edit_field form_fields[] = {
	EDIT_TITLE, EDIT_SUBTITLE, EDIT_AUTHOR, EDIT_BYLINE,
	EDIT_SECTION, EDIT_PAGE, EDIT_SOURCE, EDIT_DATELINE,
};
#define NFIELDS ((int)ARRAY_LEN(form_fields))

struct field {
	enum edit_field f;
	char *text;   /* what the box holds (section: unused) */
	size_t len;
	char *orig;   /* the value loaded, to tell what changed */
	size_t cur;   /* cursor, a byte offset on a character boundary */
	size_t scroll; /* first byte shown */
	bool bad;
};

struct section_choice {
	int64_t id; /* 0: no section */
	char *title;
};

struct form {
	struct tui *t;
	WINDOW *win;
	int64_t id, issue_id;
	int version;
	/* Which article this is, as the clerk knows it: an id alone lets
	 * the wrong one be edited. */
	char *title, *where;
	struct field fields[ARRAY_LEN(form_fields)];
	struct section_choice *secs;
	size_t nsecs, sec, sec_orig;
	int focus, first; /* focused field; first field row shown */
	struct strv msg;  /* lines under the fields */
	bool msg_warn;
	bool resized;
	bool have_next; /* a key read ahead, see form_more_waiting() */
	int next_r;
	wint_t next_ch;
};

/* The batches saved in this session, newest last: `u` takes them back
 * first, so a shared bundle's other editors are not undone by surprise. */
static int64_t session_batches[UNDO_DEPTH];
static int nsession;

static const char *field_label(enum edit_field f)
{
	switch (f) {
	case EDIT_TITLE: return TR("标题", "Title");
	case EDIT_SUBTITLE: return TR("副标题", "Subtitle");
	case EDIT_AUTHOR: return TR("作者", "Author");
	case EDIT_BYLINE: return TR("署名", "Byline");
	case EDIT_SECTION: return TR("栏目", "Section");
	case EDIT_PAGE: return TR("起始页", "Start page");
	case EDIT_SOURCE: return TR("来源", "Source");
	case EDIT_DATELINE: return TR("日期", "Date line");
	default: return "?";
	}
}

/* ---- characters ---- */

static bool is_mark(const char *s, size_t len, size_t pos)
{
	ucs4_t uc;

	if (pos >= len || u8_mbtouc(&uc, (const uint8_t *)s + pos, len - pos) <= 0)
		return false;
	return uc_is_general_category(uc, UC_CATEGORY_M);
}

static size_t next_char(const char *s, size_t len, size_t pos)
{
	ucs4_t uc;
	int n;

	if (pos >= len)
		return len;
	n = u8_mbtouc(&uc, (const uint8_t *)s + pos, len - pos);
	pos += n > 0 ? (size_t)n : 1;
	while (pos < len && is_mark(s, len, pos)) {
		n = u8_mbtouc(&uc, (const uint8_t *)s + pos, len - pos);
		pos += n > 0 ? (size_t)n : 1;
	}
	return pos;
}

static size_t prev_char(const char *s, size_t len, size_t pos)
{
	while (pos > 0) {
		pos--;
		while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80)
			pos--;
		if (!is_mark(s, len, pos))
			break;
	}
	return pos;
}

/* Columns the terminal gives bytes [0, n) of s once made safe. */
static int cols(struct tui *t, const char *s, size_t n)
{
	char *safe = layout_sanitize(s, n);
	int w = layout_width(safe, &t->lo);

	free(safe);
	return w;
}

/* ---- fields ---- */

static void field_set(struct field *fd, const char *v)
{
	free(fd->text);
	fd->text = xstrdup(v ? v : "");
	fd->len = strlen(fd->text);
	fd->cur = fd->len;
	fd->scroll = 0;
}

static void field_insert(struct field *fd, const char *s, size_t n)
{
	char *t = xmalloc(fd->len + n + 1);

	memcpy(t, fd->text, fd->cur);
	memcpy(t + fd->cur, s, n);
	memcpy(t + fd->cur + n, fd->text + fd->cur, fd->len - fd->cur + 1);
	free(fd->text);
	fd->text = t;
	fd->len += n;
	fd->cur += n;
}

static void field_delete(struct field *fd, size_t from, size_t to)
{
	memmove(fd->text + from, fd->text + to, fd->len - to + 1);
	fd->len -= to - from;
	fd->cur = from;
}

/* Keeps the cursor inside a box `w` columns wide, and the box full. */
static void field_scroll(struct tui *t, struct field *fd, int w)
{
	size_t p;

	if (w < 2)
		w = 2;
	if (fd->scroll > fd->cur)
		fd->scroll = fd->cur;
	while (fd->scroll < fd->cur && cols(t, fd->text + fd->scroll, fd->cur - fd->scroll) > w - 1)
		fd->scroll = next_char(fd->text, fd->len, fd->scroll);
	while (fd->scroll > 0) {
		p = prev_char(fd->text, fd->len, fd->scroll);
		if (cols(t, fd->text + p, fd->len - p) > w - 1)
			break;
		fd->scroll = p;
	}
}

static bool field_changed(const struct form *f, const struct field *fd)
{
	if (fd->f == EDIT_SECTION)
		return f->sec != f->sec_orig;
	return strcmp(fd->text, fd->orig ? fd->orig : "") != 0;
}

/* ---- loading ---- */

static void form_free(struct form *f)
{
	for (int i = 0; i < NFIELDS; i++) {
		free(f->fields[i].text);
		free(f->fields[i].orig);
	}
	for (size_t i = 0; i < f->nsecs; i++)
		free(f->secs[i].title);
	free(f->secs);
	strv_free(&f->msg);
	free(f->title);
	free(f->where);
	if (f->win)
		delwin(f->win);
}

static const char *article_value(const struct model_article *a, enum edit_field fld, char *buf, size_t n)
{
	switch (fld) {
	case EDIT_TITLE: return a->title;
	case EDIT_SUBTITLE: return a->subtitle;
	case EDIT_AUTHOR: return a->author;
	case EDIT_BYLINE: return a->byline;
	case EDIT_SOURCE: return a->source;
	case EDIT_DATELINE: return a->dateline;
	case EDIT_PAGE:
		if (a->page <= 0)
			return "";
		snprintf(buf, n, "%d", a->page);
		return buf;
	default: return "";
	}
}

/* The issue's sections, as "parent > title" for sub-sections, after a
 * "no section" choice. */
static int load_sections(struct form *f, struct qk_err *e)
{
	struct model_toc toc = { 0 };
	const char *parent = NULL;

	if (bundle_toc(f->t->b, f->issue_id, &toc, e))
		return -1;
	f->secs = xcalloc(toc.n + 1, sizeof *f->secs);
	f->secs[0].title = xstrdup(TR("（无栏目）", "(no section)"));
	f->nsecs = 1;
	for (size_t i = 0; i < toc.n; i++) {
		const struct model_toc_row *r = &toc.rows[i];
		bool seen = false;

		if (r->kind != ROW_SECTION)
			continue;
		if (r->depth == 1)
			parent = r->title;
		for (size_t k = 0; k < f->nsecs; k++)
			seen |= f->secs[k].id == r->id;
		if (seen)
			continue;
		f->secs[f->nsecs].id = r->id;
		f->secs[f->nsecs++].title = r->depth > 1 && parent ? xasprintf("%s > %s", parent, r->title)
								    : xstrdup(r->title);
	}
	model_toc_free(&toc);
	return 0;
}

static size_t section_index(const struct form *f, int64_t id)
{
	for (size_t i = 0; i < f->nsecs; i++)
		if (f->secs[i].id == id)
			return i;
	return 0;
}

/* (Re)loads the article.  keep: fields the user changed keep their text
 * (a reload after a refused save); their names go to *kept when the
 * bundle's value moved as well. */
static int form_load(struct form *f, bool keep, struct sb *kept, struct qk_err *e)
{
	struct model_article *a = bundle_article(f->t->b, f->id, e);
	char buf[32];

	if (!a)
		return -1;
	f->version = a->version;
	f->issue_id = a->issue_id;
	free(f->title);
	free(f->where);
	f->title = xstrdup(a->title ? a->title : "");
	f->where = a->section_title && *a->section_title
			   ? xasprintf("%s · %s", a->issue_title ? a->issue_title : "", a->section_title)
			   : xstrdup(a->issue_title ? a->issue_title : "");
	if (!f->secs && load_sections(f, e)) {
		model_article_free(a);
		return -1;
	}
	for (int i = 0; i < NFIELDS; i++) {
		struct field *fd = &f->fields[i];
		const char *v = article_value(a, fd->f, buf, sizeof buf);
		bool changed = keep && fd->text && field_changed(f, fd);

		if (fd->f == EDIT_SECTION) {
			size_t now = section_index(f, a->section_id);

			if (changed && now != f->sec_orig && kept)
				sb_printf(kept, "%s%s", kept->len ? ", " : "", field_label(fd->f));
			f->sec_orig = now;
			if (!changed)
				f->sec = now;
			if (!fd->text)
				field_set(fd, "");
			continue;
		}
		if (changed && kept && strcmp(v ? v : "", fd->orig ? fd->orig : ""))
			sb_printf(kept, "%s%s", kept->len ? ", " : "", field_label(fd->f));
		free(fd->orig);
		fd->orig = xstrdup(v ? v : "");
		if (!changed)
			field_set(fd, v);
		fd->bad = false;
	}
	model_article_free(a);
	return 0;
}

/* ---- drawing ---- */

static void form_message(struct form *f, bool warn, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void form_message(struct form *f, bool warn, const char *fmt, ...)
{
	struct sb s = { 0 };
	va_list ap;
	char *line, *save = NULL;

	strv_free(&f->msg);
	va_start(ap, fmt);
	sb_vprintf(&s, fmt, ap);
	va_end(ap);
	for (line = strtok_r(s.s, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		strv_push(&f->msg, xstrdup(line));
	sb_free(&s);
	f->msg_warn = warn;
}

static int label_width(struct form *f)
{
	int w = 0;

	for (int i = 0; i < NFIELDS; i++) {
		int lw = layout_width(field_label(form_fields[i]), &f->t->lo);

		if (lw > w)
			w = lw;
	}
	return w + 1;
}

/* "Edit “title” (issue · section, version n)": the title is cut first,
 * so where the article is stays in view. */
static void form_draw_head(struct form *f, int W)
{
	struct tui *t = f->t;
	char *title = layout_sanitize(f->title, strlen(f->title));
	char *where = layout_sanitize(f->where, strlen(f->where));
	char *tail = xasprintf(TR("》（%s，第 %d 版）", "\u201d (%s, version %d)"), where, f->version);
	const char *lead = TR("编辑《", "Edit \u201c");
	int room = W - layout_width(lead, &t->lo) - layout_width(tail, &t->lo);
	struct sb head = { 0 };

	if (room < 6) { /* narrow: the version goes first */
		free(tail);
		tail = xasprintf(TR("》（%s）", "\u201d (%s)"), where);
		room = W - layout_width(lead, &t->lo) - layout_width(tail, &t->lo);
	}

	sb_adds(&head, lead);
	if (room >= 6) {
		layout_fit(&head, title, room, true, false, &t->lo);
		while (head.len && head.s[head.len - 1] == ' ') /* the fit's padding */
			head.s[--head.len] = '\0';
	} else
		sb_adds(&head, title);
	sb_adds(&head, tail);
	ui_put_fit(f->win, 0, 0, head.s, W, true, ui_attr(ROLE_TITLE), &t->lo);
	sb_free(&head);
	free(title);
	free(where);
	free(tail);
}

static void form_draw(struct form *f)
{
	struct tui *t = f->t;
	WINDOW *w = f->win;
	int H = getmaxy(w), W = getmaxx(w), lw = label_width(f), x0, bw, y, rows, nmsg;
	int cy = -1, cx = 0;

	werase(w);
	if (W < 12 || H < 3) {
		ui_put_fit(w, 0, 0, msg(MSG_TOO_SMALL), W, false, A_BOLD, &t->lo);
		wnoutrefresh(w);
		return;
	}
	if (lw > W / 3)
		lw = W / 3;
	x0 = lw + 1;
	bw = W - x0 - 1;
	/* Rows: heading, the fields, messages, the keys.  On a short screen
	 * the fields scroll and the keys line goes first. */
	nmsg = (int)f->msg.n;
	if (nmsg > 3)
		nmsg = 3;
	rows = H - 1 - nmsg - (H >= NFIELDS + 3 + nmsg ? 1 : 0);
	if (rows < 1) {
		nmsg = H - 2 > 0 ? H - 2 : 0;
		rows = 1;
	}
	/* No blank rows below the fields while some are scrolled out above
	 * (after a resize to a taller screen, say). */
	if (f->first > NFIELDS - rows)
		f->first = NFIELDS - rows > 0 ? NFIELDS - rows : 0;
	if (f->focus < f->first)
		f->first = f->focus;
	if (f->focus >= f->first + rows)
		f->first = f->focus - rows + 1;
	form_draw_head(f, W);
	y = 1;
	for (int i = f->first; i < NFIELDS && y < 1 + rows; i++, y++) {
		struct field *fd = &f->fields[i];
		attr_t la = ui_attr(fd->bad ? ROLE_MESSAGE : i == f->focus ? ROLE_CURSOR : ROLE_META);
		attr_t box = ui_attr(ROLE_NORMAL) | A_UNDERLINE;

		ui_put_fit(w, y, 0, field_label(fd->f), lw, true, la, &t->lo);
		ui_fill(w, y, x0, bw, box);
		if (fd->f == EDIT_SECTION) {
			char *s = xasprintf("< %s >", f->secs[f->sec].title);

			ui_put_untrusted(w, y, x0, s, bw, false, box, &t->lo);
			free(s);
			if (i == f->focus) {
				cy = y;
				cx = x0;
			}
			continue;
		}
		field_scroll(t, fd, bw);
		{
			char *safe = layout_sanitize(fd->text + fd->scroll, fd->len - fd->scroll);
			size_t n = strlen(safe), fit = layout_prefix(safe, n, bw, &t->lo, NULL);

			ui_put(w, y, x0, safe, fit, bw, box);
			/* Markers for text scrolled out of the box. */
			if (fd->scroll > 0)
				ui_put(w, y, x0 - 1, "<", 1, 1, ui_attr(ROLE_META));
			if (fit < n)
				ui_put(w, y, x0 + bw, ">", 1, 1, ui_attr(ROLE_META));
			free(safe);
		}
		if (i == f->focus) {
			cy = y;
			cx = x0 + cols(t, fd->text + fd->scroll, fd->cur - fd->scroll) -
			     layout_curses_shortfall(fd->text + fd->scroll, fd->cur - fd->scroll, &t->lo);
		}
	}
	for (int k = 0; k < nmsg && y < H; k++, y++)
		ui_put_untrusted(w, y, 0, f->msg.v[k], W, false, ui_attr(f->msg_warn ? ROLE_MESSAGE : ROLE_NORMAL),
				 &t->lo);
	if (y < H)
		ui_put_fit(w, H - 1, 0,
			   TR("Enter 保存  Esc 取消  Tab/上下 换字段  左右 选栏目  Ctrl-R 重新载入",
			      "Enter save  Esc cancel  Tab/Up/Down field  Left/Right section  Ctrl-R reload"),
			   W, false, ui_attr(ROLE_META), &t->lo);
	if (cy >= 0) {
		leaveok(w, FALSE);
		wmove(w, cy, cx);
	}
	wnoutrefresh(w);
}

/* The status line under the form says what is going on, so nothing the
 * panes left there (a message, the article's place) stays up. */
static void form_draw_status(struct form *f)
{
	struct tui *t = f->t;

	if (!t->status)
		return;
	werase(t->status);
	ui_put_fit(t->status, 0, 0, TR("编辑文章信息：Enter 保存，Esc 取消", "editing the article's details: Enter saves, Esc cancels"),
		   getmaxx(t->status), true, ui_attr(ROLE_STATUS), &t->lo);
	wnoutrefresh(t->status);
}

/* Esc: closes at once when nothing changed, else asks first (an arrow
 * key split by a slow link starts with an Esc too). */
static bool form_may_close(struct form *f)
{
	bool changed = false;

	for (int i = 0; i < NFIELDS; i++)
		changed |= field_changed(f, &f->fields[i]);
	return !changed || tui_confirm(f->t, TR("放弃对字段的修改？(y/n) ", "discard your changes to the fields? (y/n) "));
}

static int form_make_window(struct form *f)
{
	int h = LINES - 1 > 1 ? LINES - 1 : LINES;

	if (f->win)
		delwin(f->win);
	f->win = newwin(h, COLS, 0, 0);
	if (!f->win)
		return -1;
	keypad(f->win, TRUE);
	wbkgdset(f->win, ' ' | ui_attr(ROLE_NORMAL));
	return 0;
}

/* ---- saving ---- */

/* Checks the changed fields; the first bad one gets the focus. */
static bool form_valid(struct form *f, struct edit_change *ch, size_t *n, char *secbuf, size_t secn)
{
	struct qk_err e = { 0 };

	*n = 0;
	for (int i = 0; i < NFIELDS; i++) {
		struct field *fd = &f->fields[i];
		const char *v = fd->text;
		int rc;

		fd->bad = false;
		if (!field_changed(f, fd))
			continue;
		if (fd->f == EDIT_SECTION) {
			if (f->secs[f->sec].id)
				snprintf(secbuf, secn, "%lld", (long long)f->secs[f->sec].id);
			else
				secbuf[0] = '\0';
			v = secbuf;
		}
		rc = bundle_edit_check(f->t->b, f->id, fd->f, v, &e);
		if (rc) {
			fd->bad = true;
			f->focus = i;
			form_message(f, true, "%s: %s", field_label(fd->f), e.msg);
			return false;
		}
		ch[*n].field = fd->f;
		ch[(*n)++].value = v;
	}
	return true;
}

static void stale_message(struct form *f, const struct edit_result *r)
{
	struct sb s = { 0 };

	sb_printf(&s, TR("未保存：别人已修改这篇文章（现为第 %d 版）",
			 "Not saved: someone changed this article meanwhile (now version %d)"),
		  r->version);
	for (size_t i = 0; i < r->nothers; i++)
		sb_printf(&s, TR("\n  %s 现为「%s」（%s，%s）", "\n  %s is now '%s' (%s, %s)"),
			  field_label(r->others[i].field), r->others[i].value ? r->others[i].value : "",
			  r->others[i].who ? r->others[i].who : "?", r->others[i].at ? r->others[i].at : "?");
	sb_adds(&s, TR("\nCtrl-R 载入新版本（保留你的修改），或 Esc 放弃",
		       "\nCtrl-R loads their version (your changes stay), or Esc gives up"));
	form_message(f, true, "%s", s.s);
	sb_free(&s);
}

/* Returns true when the form is done (saved or nothing to save). */
static bool form_save(struct form *f)
{
	struct edit_change ch[ARRAY_LEN(form_fields)];
	struct edit_result r = { 0 };
	struct qk_err e = { 0 };
	char secbuf[32];
	size_t n;
	char *who;
	int rc;

	if (!form_valid(f, ch, &n, secbuf, sizeof secbuf))
		return false;
	if (n == 0) {
		tui_message(f->t, false, "%s", TR("没有改动", "nothing changed"));
		return true;
	}
	who = edit_who();
	rc = bundle_edit_save(f->t->b, f->id, f->version, ch, n, who, &r, &e);
	free(who);
	switch (rc) {
	case 0:
		if (nsession == UNDO_DEPTH) {
			memmove(session_batches, session_batches + 1, sizeof session_batches - sizeof *session_batches);
			nsession--;
		}
		session_batches[nsession++] = r.batch;
		tui_message(f->t, false, TR("已保存（第 %d 版）；按 u 撤销", "saved (version %d); u undoes it"),
			    r.version);
		break;
	case EDIT_NOTHING:
		tui_message(f->t, false, "%s", TR("没有改动", "nothing changed"));
		rc = 0;
		break;
	case EDIT_STALE:
		stale_message(f, &r);
		break;
	case EDIT_INVALID:
		for (int i = 0; i < NFIELDS; i++)
			if (f->fields[i].f == r.bad_field) {
				f->fields[i].bad = true;
				f->focus = i;
				form_message(f, true, "%s: %s", field_label(r.bad_field), e.msg);
			}
		break;
	default:
		form_message(f, true, "%s", e.msg);
	}
	edit_result_free(&r);
	return rc == 0;
}

static void form_reload(struct form *f)
{
	struct sb kept = { 0 };
	struct qk_err e = { 0 };

	if (form_load(f, true, &kept, &e)) {
		form_message(f, true, "%s", e.msg);
	} else if (kept.len) {
		form_message(f, true,
			     TR("已载入第 %d 版；你改过的字段保留你的内容（%s 对方也改过：见上次的提示）",
				"Loaded version %d; fields you changed keep your text (%s changed on their side too)"),
			     f->version, kept.s);
	} else {
		form_message(f, false, TR("已载入第 %d 版；你的修改都保留", "Loaded version %d; your changes are kept"),
			     f->version);
	}
	sb_free(&kept);
}

/* ---- keys ---- */

static void form_move(struct form *f, int delta)
{
	f->focus = (f->focus + delta + NFIELDS) % NFIELDS;
}

/* A key for the focused field; false when it is not one. */
static bool field_key(struct form *f, int r, wint_t ch)
{
	struct field *fd = &f->fields[f->focus];

	if (fd->f == EDIT_SECTION) {
		if (r == KEY_CODE_YES && (ch == KEY_LEFT || ch == KEY_RIGHT)) {
			f->sec = (f->sec + (ch == KEY_LEFT ? f->nsecs - 1 : 1)) % f->nsecs;
			return true;
		}
		if (r == OK && ch == ' ') {
			f->sec = (f->sec + 1) % f->nsecs;
			return true;
		}
		return false;
	}
	if (r == KEY_CODE_YES) {
		switch (ch) {
		case KEY_LEFT: fd->cur = prev_char(fd->text, fd->len, fd->cur); return true;
		case KEY_RIGHT: fd->cur = next_char(fd->text, fd->len, fd->cur); return true;
		case KEY_HOME: fd->cur = 0; return true;
		case KEY_END: fd->cur = fd->len; return true;
		case KEY_BACKSPACE:
			if (fd->cur)
				field_delete(fd, prev_char(fd->text, fd->len, fd->cur), fd->cur);
			return true;
		case KEY_DC:
			if (fd->cur < fd->len)
				field_delete(fd, fd->cur, next_char(fd->text, fd->len, fd->cur));
			return true;
		default: return false;
		}
	}
	switch (ch) {
	case 127: case 8: /* Backspace */
		if (fd->cur)
			field_delete(fd, prev_char(fd->text, fd->len, fd->cur), fd->cur);
		return true;
	case 4: /* Ctrl-D */
		if (fd->cur < fd->len)
			field_delete(fd, fd->cur, next_char(fd->text, fd->len, fd->cur));
		return true;
	case 1: fd->cur = 0; return true;       /* Ctrl-A */
	case 5: fd->cur = fd->len; return true; /* Ctrl-E */
	case 2: fd->cur = prev_char(fd->text, fd->len, fd->cur); return true; /* Ctrl-B */
	case 6: fd->cur = next_char(fd->text, fd->len, fd->cur); return true; /* Ctrl-F */
	case 21: field_delete(fd, 0, fd->cur); return true;                  /* Ctrl-U */
	case 11: field_delete(fd, fd->cur, fd->len); fd->cur = fd->len; return true; /* Ctrl-K */
	default: break;
	}
	if (iswprint(ch)) {
		char tmp[UI_UTF8_MAX];
		size_t n = ui_wchar_to_utf8(ch, tmp); /* the locale's character as UTF-8 */

		if (n == 0)
			return true;
		if (fd->len + n > FIELD_MAX_BYTES) {
			form_message(f, true, "%s", TR("内容太长", "too long"));
			return true;
		}
		field_insert(fd, tmp, n);
		return true;
	}
	return false;
}

/* Reads a key, the one looked ahead at first. */
static int form_getkey(struct form *f, wint_t *ch)
{
	if (f->have_next) {
		f->have_next = false;
		*ch = f->next_ch;
		return f->next_r;
	}
	return wget_wch(f->win, ch);
}

/* True when another key is already waiting (it is kept for next time):
 * Enter followed at once by more input is a line break inside a paste. */
static bool form_more_waiting(struct form *f)
{
	int r;

	if (f->have_next)
		return true;
	wtimeout(f->win, 0);
	r = wget_wch(f->win, &f->next_ch);
	wtimeout(f->win, -1);
	if (r == ERR || (r == KEY_CODE_YES && f->next_ch == KEY_RESIZE)) {
		if (r != ERR)
			ungetch(KEY_RESIZE);
		return false;
	}
	f->next_r = r;
	f->have_next = true;
	return true;
}

enum form_end { FORM_OPEN, FORM_SAVED, FORM_CANCELLED };

static enum form_end form_key(struct form *f, int r, wint_t ch)
{
	bool enter = (r == OK && (ch == '\r' || ch == '\n')) || (r == KEY_CODE_YES && ch == KEY_ENTER);
	bool tab = r == OK && ch == '\t';

	/* Line breaks and tabs with more text right behind them come from a
	 * paste: spaces, not commands.  (A paste's last line break saves,
	 * like Enter typed after it.) */
	if ((enter || tab) && f->fields[f->focus].f != EDIT_SECTION && form_more_waiting(f)) {
		struct field *fd = &f->fields[f->focus];

		if (fd->cur > 0 && fd->text[fd->cur - 1] != ' ')
			field_insert(fd, " ", 1);
		return FORM_OPEN;
	}
	if (enter)
		return form_save(f) ? FORM_SAVED : FORM_OPEN;
	if (r == OK && (ch == 27 || ch == 7)) /* Esc, Ctrl-G */
		return form_may_close(f) ? FORM_CANCELLED : FORM_OPEN;
	if (r == OK && ch == 12) { /* Ctrl-L */
		clearok(curscr, TRUE);
		return FORM_OPEN;
	}
	if (r == OK && ch == 18) { /* Ctrl-R */
		form_reload(f);
		return FORM_OPEN;
	}
	if (r == KEY_CODE_YES && ch == KEY_F(5)) {
		form_reload(f);
		return FORM_OPEN;
	}
	if (tab || (r == KEY_CODE_YES && ch == KEY_DOWN)) {
		form_move(f, 1);
		return FORM_OPEN;
	}
	if ((r == KEY_CODE_YES && (ch == KEY_BTAB || ch == KEY_UP))) {
		form_move(f, -1);
		return FORM_OPEN;
	}
	if (field_key(f, r, ch)) {
		if (f->msg.n && !f->msg_warn)
			strv_free(&f->msg);
		return FORM_OPEN;
	}
	return FORM_OPEN;
}

/* ---- after an edit ---- */

/* The panes show the bundle as it is now: the article reloaded, the
 * contents rebuilt with the edited article selected. */
static void refresh_panes(struct tui *t, int64_t article_id, int64_t issue_id, bool resized)
{
	struct view *toc = &t->views[V_TOC];

	if (t->article_id)
		view_article_load(&t->views[V_ARTICLE], t->article_id);
	toc->ops->close(toc);
	toc->ops->open(toc);
	if (article_id)
		view_toc_reveal(toc, issue_id, article_id);
	if (resized) {
		/* The panes were laid out for the old size. */
		tui_relayout(t);
		return;
	}
	for (int i = 0; i < V_COUNT; i++)
		if (t->views[i].win)
			tui_redraw(t, (enum view_id)i);
	if (t->sep)
		touchwin(t->sep);
}

static bool may_edit(struct tui *t)
{
	if (!t->article_id) {
		tui_message(t, false, "%s", msg(MSG_NO_ARTICLE));
		return false;
	}
	if (bundle_readonly(t->b)) {
		tui_message(t, true,
			    TR("期刊库只读（没有写权限），不能编辑：%s", "the bundle is read-only (no write permission): %s"),
			    bundle_path(t->b));
		return false;
	}
	return true;
}

void view_edit_open(struct tui *t)
{
	struct form f;
	struct qk_err e = { 0 };
	enum form_end end = FORM_OPEN;

	if (!may_edit(t))
		return;
	memset(&f, 0, sizeof f);
	f.t = t;
	f.id = t->article_id;
	for (int i = 0; i < NFIELDS; i++)
		f.fields[i].f = form_fields[i];
	if (form_load(&f, false, NULL, &e) || form_make_window(&f)) {
		tui_message(t, true, "%s", e.msg[0] ? e.msg : "cannot open the form");
		form_free(&f);
		return;
	}
	curs_set(1);
	while (end == FORM_OPEN) {
		wint_t ch;
		int r;

		form_draw_status(&f); /* first: the form's cursor is the one shown */
		form_draw(&f);
		doupdate();
		r = form_getkey(&f, &ch);
		if (r == ERR) {
			/* A blocking read fails only when the input is gone
			 * or a signal (SIGTERM, SIGHUP) came: leave the form
			 * unsaved and let the main loop decide. */
			break;
		}
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			/* Everything is laid out anew (the status line too),
			 * then the form goes on top. */
			f.resized = true;
			tui_relayout(t);
			if (form_make_window(&f))
				break;
			continue;
		}
		end = form_key(&f, r, ch);
		if (getmaxy(f.win) != (LINES - 1 > 1 ? LINES - 1 : LINES) || getmaxx(f.win) != COLS) {
			/* resized while a question was asked */
			f.resized = true;
			if (form_make_window(&f))
				break;
		}
	}
	curs_set(0);
	if (end == FORM_CANCELLED)
		tui_message(t, false, "%s", TR("已取消，未保存", "cancelled, nothing saved"));
	refresh_panes(t, f.id, f.issue_id, f.resized);
	form_free(&f);
}

/* ---- undo ---- */

/* The newest edit of the article that is neither an undo nor undone. */
static int64_t last_undoable(struct tui *t, int64_t article_id, char **who)
{
	struct edit_log_row *rows = NULL;
	struct qk_err e = { 0 };
	size_t n = 0;
	int64_t batch = 0;

	*who = NULL;
	if (bundle_edit_log(t->b, article_id, 0, &rows, &n, &e))
		return 0;
	for (size_t i = n; i-- > 0 && !batch;) {
		bool undone = false;

		if (rows[i].undoes)
			continue;
		for (size_t k = 0; k < n; k++)
			undone |= rows[k].undoes == rows[i].batch;
		if (!undone) {
			batch = rows[i].batch;
			*who = xstrdup(rows[i].who);
		}
	}
	edit_log_free(rows, n);
	return batch;
}

void view_edit_undo(struct tui *t)
{
	struct edit_result r = { 0 };
	struct qk_err e = { 0 };
	int64_t batch = 0;
	char *who;
	int rc;

	if (bundle_readonly(t->b)) {
		tui_message(t, true,
			    TR("期刊库只读（没有写权限），不能撤销：%s", "the bundle is read-only (no write permission): %s"),
			    bundle_path(t->b));
		return;
	}
	if (nsession > 0) {
		batch = session_batches[--nsession];
	} else if (t->article_id) {
		char *by = NULL, *q;
		bool yes;

		batch = last_undoable(t, t->article_id, &by);
		if (!batch) {
			tui_message(t, false, "%s", TR("这篇文章没有可撤销的编辑", "no edit of this article to undo"));
			return;
		}
		/* Not one of ours: it may be a colleague's, so ask. */
		if (i18n_zh())
			q = xasprintf("撤销 %s 的编辑 %lld？(y/n) ", by, (long long)batch);
		else
			q = xasprintf("undo edit %lld by %s? (y/n) ", (long long)batch, by);
		yes = tui_confirm(t, q);
		free(q);
		free(by);
		if (!yes) {
			tui_message(t, false, "%s", TR("未撤销", "not undone"));
			tui_redraw(t, t->focus);
			return;
		}
	} else {
		tui_message(t, false, "%s", TR("没有可撤销的编辑", "nothing to undo"));
		return;
	}
	who = edit_who();
	rc = bundle_edit_undo(t->b, batch, 0, who, &r, &e);
	free(who);
	if (rc == 0) {
		struct model_article *a = bundle_article(t->b, r.article_id, &e);

		tui_message(t, false, TR("已撤销编辑 %lld（第 %d 版）", "undid edit %lld (now version %d)"),
			    (long long)batch, r.version);
		refresh_panes(t, r.article_id, a ? a->issue_id : 0, false);
		model_article_free(a);
	} else {
		/* e.g. the field was edited again since: the message says so. */
		tui_message(t, true, "%s", e.msg);
	}
	edit_result_free(&r);
}

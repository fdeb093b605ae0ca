/* SPDX-License-Identifier: MIT */
/* ui_paint.c — sends a pane's changed rows with cheap cursor moves.
 *
 * curses addresses every row of a pane that does not start at column 0
 * with a full cursor address (ESC [ row ; col H, 7-8 bytes): its optimiser
 * calls a move of more than a few columns "not local" and stops looking.
 * Beside the TOC a page-down is 23 such rows; less, writing full-width
 * lines, spends 2 bytes (CR LF) a row.  Here the rows go out straight
 * from the window's cells with the shortest move to the start of the
 * next: a restore of a saved row start and a line feed (DECRC LF), a
 * carriage return inside left/right margins, a line feed and a step.
 * curses' picture of the screen (curscr) then takes the same cells, so
 * doupdate() sends nothing more for them, and mvcur() tells curses where
 * the cursor is.  Rows in anything but the terminal's default rendition
 * (titles, search matches, a themed background) stay with curses, which
 * knows how to set attributes.
 *
 * Where a row ends is counted with wcwidth(), as curses counts; a
 * terminal may draw a character other than ASCII wider or narrower (East
 * Asian Ambiguous ones, newer emoji), so after such a row the column is
 * taken as not known and the next move does not start from it. */
#include "config.h"
#include "ui.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <term.h>

#include "util.h"

/* Below this many rows the first full address and the hand-back to
 * curses cost more than curses' own moves save. */
#define PAINT_MIN_ROWS 3

struct pcell {
	wchar_t wc[CCHARW_MAX + 1];
	int col, w;
	bool plain; /* the terminal's default rendition */
	bool blank; /* plain and a space */
};

struct prow {
	struct pcell *c;
	int n;
};

/* Where the terminal's cursor is, as far as this painter knows. */
struct pcur {
	int y, x; /* y -1: not known; x -1: on row y, a wrap may be pending */
	int home; /* where a carriage return goes: 0, or the left margin */
	int edge; /* the column after the last one text goes in before wrapping */
	bool lf_cr; /* the tty turns a line feed into CR LF (ONLCR) */
	/* A row start kept with save_cursor (DECSC), for the next rows: a
	 * restore and a line feed (3 bytes) reach the start of the row
	 * below, where a line feed and a step left take 6.  -1: none. */
	int left, sy, sx;
	bool saves;
};

static bool pair_plain(int pair)
{
	short f, b;

	if (pair == 0)
		return true;
	return pair_content((short)pair, &f, &b) == OK && f == -1 && b == -1;
}

/* The row at (y, x) of w, width cols, as cells with their columns;
 * continuation columns of wide characters are not cells. */
static void read_row(WINDOW *w, int y, int x, int cols, struct prow *r)
{
	cchar_t *cc = xcalloc((size_t)cols + 1, sizeof(*cc));
	int col = 0;

	r->n = 0;
	r->c = xcalloc((size_t)cols + 1, sizeof(*r->c));
	if (mvwin_wchnstr(w, y, x, cc, cols) == ERR)
		goto done;
	for (int i = 0; i < cols && col < cols; i++) {
		struct pcell *p = &r->c[r->n];
		attr_t a;
		short pair;
		int cw;

		if (getcchar(&cc[i], p->wc, &a, &pair, NULL) == ERR || !p->wc[0])
			break;
		cw = wcwidth(p->wc[0]);
		p->col = col;
		p->w = cw < 1 ? 1 : cw;
		p->plain = !(a & (A_ATTRIBUTES & ~A_COLOR)) && pair_plain(pair) && cw >= 1;
		p->blank = p->plain && p->wc[0] == L' ' && !p->wc[1];
		col += p->w;
		r->n++;
	}
done:
	free(cc);
}

static bool cell_eq(const struct pcell *a, const struct pcell *b)
{
	return a->col == b->col && a->w == b->w && a->plain == b->plain && a->plain &&
	       !wcscmp(a->wc, b->wc);
}

static void add_cap(struct sb *o, const char *s)
{
	if (s)
		sb_adds(o, s);
}
/* A move along the row from column from to column to: back spaces, a
 * step left or right, or a column address, whichever is shortest.  False
 * when the terminal has none of them. */
static bool horiz(struct sb *t, int from, int to)
{
	const char *h = to != from && column_address ? tiparm(column_address, to) : NULL;
	size_t at = t->len;

	if (to == from)
		return true;
	if (to < from && to >= from - 3 && cursor_left && !strcmp(cursor_left, "\b"))
		for (int i = to; i < from; i++)
			sb_addc(t, '\b');
	else if (to < from && parm_left_cursor)
		sb_adds(t, tiparm(parm_left_cursor, from - to));
	else if (to > from && parm_right_cursor)
		sb_adds(t, tiparm(parm_right_cursor, to - from));
	if (h && (t->len == at || strlen(h) < t->len - at)) {
		t->len = at;
		sb_adds(t, h);
	}
	return t->len > at;
}

/* Bytes on the wire: a line feed the tty turns into CR LF counts two. */
static size_t wire_len(const struct sb *t, bool lf_cr)
{
	size_t n = t->len;

	for (size_t i = 0; lf_cr && i < t->len; i++)
		n += t->s[i] == '\n';
	return n;
}

/* The shortest way from the cursor to (y, x) that this terminal has: an
 * address, or line feeds (cursor_down) and a move along the row, from
 * where the cursor is, after a carriage return or from the saved row
 * start.  Where x is not known (a wrap may be pending after the last
 * column) a carriage return still finds column 0 on a terminal with the
 * newline glitch (xenl): the cursor is still on that row. */
static void move_to(struct sb *o, struct pcur *c, int y, int x)
{
	struct sb best = { 0 }, t = { 0 };
	const char *down = cursor_down;
	bool lf = down && !strcmp(down, "\n");

	if (c->y == y && c->x == x)
		return;
	sb_adds(&best, tiparm(cursor_address, y, x));
	for (int k = 0; k < 3; k++) {
		int cx = k == 1 ? c->home : k == 2 ? c->sx : c->x, from = k == 2 ? c->sy : c->y;

		if (from < 0 || y < from || (!down && y != from))
			continue;
		if (k == 0 && c->x < 0)
			continue;
		if (k == 1 && (!carriage_return || (c->x < 0 && !eat_newline_glitch)))
			continue;
		if (k == 2 && (!c->saves || !lf || c->lf_cr))
			continue;
		sb_clear(&t);
		if (k == 1)
			sb_adds(&t, carriage_return);
		if (k == 2)
			sb_adds(&t, restore_cursor);
		for (int i = from; i < y; i++) {
			sb_adds(&t, down);
			if (lf && c->lf_cr)
				cx = c->home;
		}
		if (horiz(&t, cx, x) && wire_len(&t, c->lf_cr) < wire_len(&best, c->lf_cr)) {
			sb_clear(&best);
			sb_add(&best, t.s, t.len);
		}
	}
	sb_add(o, best.s, best.len);
	sb_free(&best);
	sb_free(&t);
	c->y = y;
	c->x = x;
	/* Every other row start is kept: a restore and two line feeds are
	 * still cheaper than a step left, and a save costs 2.  Not where a
	 * carriage return gets there (a pane at column 0). */
	if (c->saves && x == c->left && c->left > c->home && (c->sy < 0 || y - c->sy >= 2)) {
		sb_adds(o, save_cursor);
		c->sy = y;
		c->sx = x;
	}
}

/* The bytes of row r (screen row sy, from column sx) where it differs from
 * what is on the screen (old); false when the row needs curses (a
 * rendition other than the default, a character the locale cannot write). */
static bool paint_row(struct sb *o, struct pcur *c, const struct prow *r, const struct prow *old,
		      int sy, int sx, int cols, bool to_edge)
{
	int i = 0, first, end_col = 0, last = -1, need = 0;
	size_t mark = o->len;
	bool sure = true; /* the terminal's column is the one counted */

	while (i < r->n && i < old->n && cell_eq(&r->c[i], &old->c[i]))
		i++;
	first = i;
	for (int k = first; k < r->n; k++) {
		if (!r->c[k].plain)
			return false;
		if (!r->c[k].blank) {
			last = k;
			end_col = r->c[k].col + r->c[k].w;
		}
	}
	if (first < r->n && end_col < r->c[first].col)
		end_col = r->c[first].col;
	/* What the old row still shows from end_col on must go. */
	for (int k = 0; k < old->n; k++)
		if (old->c[k].col + old->c[k].w > end_col && !old->c[k].blank)
			need = 1;
	if (last < first && !need)
		return true; /* nothing to send */
	move_to(o, c, sy, sx + (last >= first ? r->c[first].col : end_col));
	for (int k = first; k <= last; k++) {
		for (const wchar_t *p = r->c[k].wc; *p; p++) {
			char mb[MB_LEN_MAX];
			mbstate_t st;
			size_t n;

			if (*p > 0x7e)
				sure = false;
			memset(&st, 0, sizeof(st));
			n = wcrtomb(mb, *p, &st);
			if (n == (size_t)-1) {
				/* The row goes to curses; the cursor is still
				 * where it was, but start again from an address. */
				o->len = mark;
				o->s[mark] = '\0';
				c->y = c->x = c->sy = -1;
				return false;
			}
			sb_add(o, mb, n);
		}
		c->x += r->c[k].w;
	}
	if (need) {
		int n = cols - end_col;

		/* At the screen's edge a clear to the end of the line; a
		 * space written in the last column would leave a wrap
		 * pending, and the next row an address. */
		if (to_edge && clr_eol) {
			add_cap(o, clr_eol);
		} else if (erase_chars && n > 4) {
			sb_adds(o, tiparm(erase_chars, n));
		} else {
			for (int k = 0; k < n; k++)
				sb_addc(o, ' ');
			c->x += n;
		}
	}
	if (!sure || c->x >= c->edge)
		c->x = -1; /* not known, or a wrap is pending (see move_to()) */
	return true;
}

/* Tells curses where the cursor is: mvcur() from "not known" sends an
 * address of (y, x), and curses takes that place as the cursor's
 * (X/Open: "it updates its information concerning the location of the
 * cursor").  The rows went out before and end at (y, x), so the address
 * moves nothing; being absolute it stays right whenever it goes out:
 * ncurses writes it through stdio (flushed here) or with the next
 * doupdate(), after anything written straight to the terminal. */
static void hand_back(int y, int x)
{
	mvcur(-1, -1, y, x);
	fflush(stdout);
}

bool ui_paint_rows(WINDOW *w, bool margins)
{
	int top = getbegy(w), left = getbegx(w), h = getmaxy(w), cols = getmaxx(w);
	bool to_edge = left + cols == COLS, lf_cr = false, *done;
	struct prow *rows, *old;
	struct sb out[2] = { { 0 }, { 0 } };
	struct pcur end[2];
	struct termios tio;
	struct winsize ws;
	int nrows = 0, use = 0;

	/* Not while curses is to repaint everything anyway, nor when the
	 * terminal's size changed and curses has not heard yet. */
	if (!ui_active() || isendwin() || is_cleared(curscr) || h <= 0 || cols <= 0 ||
	    !cursor_address || magic_cookie_glitch > 0)
		return false;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 &&
	    (ws.ws_col != COLS || ws.ws_row != LINES))
		return false;
	if (tcgetattr(STDOUT_FILENO, &tio) == 0)
		lf_cr = (tio.c_oflag & OPOST) && (tio.c_oflag & ONLCR);
	rows = xcalloc((size_t)h, sizeof(*rows));
	old = xcalloc((size_t)h, sizeof(*old));
	done = xcalloc((size_t)h, sizeof(*done));
	for (int y = 0; y < h; y++) {
		read_row(w, y, 0, cols, &rows[y]);
		read_row(curscr, top + y, left, cols, &old[y]);
	}
	/* Without margins, and (when the terminal has them) with: the
	 * shorter goes out.  Margins make a carriage return go to the
	 * pane's left edge. */
	for (int m = 0; m < (margins ? 2 : 1); m++) {
		struct sb *o = &out[m];
		struct pcur c = { -1, -1, m ? left : 0, m ? left + cols : COLS, lf_cr, left, -1, -1,
				  !m && save_cursor && restore_cursor };
		int n = 0;

		if (m)
			sb_printf(o, "\033[?69h\033[%d;%ds", left + 1, left + cols);
		for (int y = 0; y < h; y++) {
			size_t before = o->len;
			bool ok = paint_row(o, &c, &rows[y], &old[y], top + y, left, cols, to_edge);

			if (!m)
				done[y] = ok;
			if (ok && o->len > before)
				n++;
		}
		if (m) {
			/* margins off again; setting them put the cursor home */
			sb_adds(o, "\033[s\033[?69l");
			c.y = c.x = 0;
		}
		if (c.y >= 0 && c.x < 0 && carriage_return && eat_newline_glitch) {
			sb_adds(o, carriage_return); /* somewhere known */
			c.x = 0;
		} else if (c.y < 0 || c.x < 0) {
			sb_adds(o, tiparm(cursor_address, top, left));
			c.y = top;
			c.x = left;
		}
		end[m] = c;
		if (!m)
			nrows = n;
		else if (wire_len(&out[1], lf_cr) < wire_len(&out[0], lf_cr))
			use = 1;
	}
	if (nrows >= PAINT_MIN_ROWS) {
		fflush(stdout);
		if (write(STDOUT_FILENO, out[use].s, out[use].len) == (ssize_t)out[use].len) {
			hand_back(end[use].y, end[use].x);
			/* curses' picture of the screen: the rows just sent. */
			for (int y = 0; y < h; y++)
				if (done[y])
					copywin(w, curscr, y, 0, top + y, left, top + y, left + cols - 1, FALSE);
		} else {
			nrows = 0;
			clearok(curscr, TRUE); /* what arrived is not known: start over */
		}
	} else {
		nrows = 0;
	}
	for (int y = 0; y < h; y++) {
		free(rows[y].c);
		free(old[y].c);
	}
	free(rows);
	free(old);
	free(done);
	sb_free(&out[0]);
	sb_free(&out[1]);
	return nrows > 0;
}

/* SPDX-License-Identifier: MIT */
/* ui.c — curses set-up, colours and safe text drawing. */
#include "config.h"
#include "ui.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static SCREEN *screen;
static bool color_on;
static attr_t role_attr[ROLE_COUNT];

static attr_t theme_bits(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & THEME_BOLD)
		r |= A_BOLD;
	if (a & THEME_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_DIM)
		r |= A_DIM;
#ifdef A_ITALIC
	if (a & THEME_ITALIC)
		r |= A_ITALIC;
#endif
	if (a & THEME_STANDOUT)
		r |= A_STANDOUT;
	return r;
}

/* A colour the terminal lacks falls back to the default rather than to
 * whatever colour number it would alias. */
static short usable(short c)
{
	return c >= 0 && c < COLORS ? c : -1;
}

static void ui_setup_colors(const struct theme *theme)
{
	struct theme mono;
	const char *nc = getenv("NO_COLOR");

	color_on = has_colors() && !(nc && *nc);
	if (color_on && start_color() == ERR)
		color_on = false;
	if (color_on)
		use_default_colors();
	theme_mono(&mono);
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_style *st = color_on ? &theme->role[r] : &mono.role[r];

		role_attr[r] = theme_bits(st->attrs);
		if (color_on && r + 1 < COLOR_PAIRS &&
		    init_pair((short)(r + 1), usable(st->fg), usable(st->bg)) != ERR)
			role_attr[r] |= COLOR_PAIR(r + 1);
	}
}

int ui_init(const struct theme *theme, struct qk_err *e)
{
	if (screen)
		return 0;
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		const char *term = getenv("TERM");

		return qk_err_set(e, "cannot use the terminal type '%s' (try TERM=xterm-256color)",
				  term ? term : "(unset)");
	}
	set_term(screen);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	/* Long enough that an arrow key's bytes split over a slow SSH link
	 * are still one key; Esc alone only cancels, so a little wait is
	 * fine. */
	set_escdelay(200);
	curs_set(0);
	ui_setup_colors(theme);
	return 0;
}

void ui_end(void)
{
	if (!screen)
		return;
	curs_set(1);
	endwin();
	delscreen(screen);
	screen = NULL;
}

bool ui_active(void)
{
	return screen != NULL;
}

bool ui_has_color(void)
{
	return color_on;
}

attr_t ui_attr(enum theme_role r)
{
	return r < ROLE_COUNT ? role_attr[r] : A_NORMAL;
}

int ui_put(WINDOW *w, int y, int x, const char *s, size_t len, int maxcols, attr_t a)
{
	wchar_t buf[256];
	size_t nb = 0;
	int used = 0;
	mbstate_t mb;

	memset(&mb, 0, sizeof(mb));
	if (wmove(w, y, x) == ERR)
		return 0;
	wattrset(w, a);
	while (len > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &mb);
		int cw;

		if (n == 0)
			break;
		if (n == (size_t)-1 || n == (size_t)-2) {
			/* Sanitized text has no such bytes; be safe anyway. */
			memset(&mb, 0, sizeof(mb));
			wc = L'?';
			n = 1;
		}
		cw = wcwidth(wc);
		if (cw < 0) {
			wc = L'?';
			cw = 1;
		}
		if (used + cw > maxcols)
			break;
		if (cw == 0 && nb == 0 && used == 0) {
			s += n;
			len -= n;
			continue; /* a combining mark with nothing to sit on */
		}
		buf[nb++] = wc;
		used += cw;
		s += n;
		len -= n;
		if (nb == ARRAY_LEN(buf) - 1) {
			waddnwstr(w, buf, (int)nb);
			nb = 0;
		}
	}
	if (nb)
		waddnwstr(w, buf, (int)nb);
	return used;
}

int ui_put_fit(WINDOW *w, int y, int x, const char *s, int width, bool pad, attr_t a,
	       const struct layout_opts *o)
{
	struct sb b = { 0 };
	int used;

	if (width <= 0)
		return 0;
	layout_fit(&b, s ? s : "", width, true, pad, o);
	used = ui_put(w, y, x, b.s ? b.s : "", b.len, width, a);
	sb_free(&b);
	return used;
}

int ui_put_untrusted(WINDOW *w, int y, int x, const char *s, int width, bool pad, attr_t a,
		     const struct layout_opts *o)
{
	char *safe;
	int used;

	if (!s)
		s = "";
	safe = layout_sanitize(s, strlen(s));
	used = ui_put_fit(w, y, x, safe, width, pad, a, o);
	free(safe);
	return used;
}

void ui_fill(WINDOW *w, int y, int x, int n, attr_t a)
{
	if (n <= 0 || wmove(w, y, x) == ERR)
		return;
	wattrset(w, a);
	for (int i = 0; i < n; i++)
		waddch(w, ' ');
}

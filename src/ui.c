/* SPDX-License-Identifier: MIT */
/* ui.c — curses set-up, colours and safe text drawing. */
#include "config.h"
#include "ui.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <term.h>

#include <uniconv.h>
#include <unistr.h>

static SCREEN *screen;
static bool color_on;
static attr_t role_attr[ROLE_COUNT];
/* See ui_set_charset(). */
static bool cs_legacy;
static struct layout_opts cs_term;

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

int ui_check_terminal(struct qk_err *e)
{
	const char *term = getenv("TERM");
	char *safe = layout_sanitize(term ? term : "(unset)", strlen(term ? term : "(unset)"));
	const char *cup;
	int err = 0;

	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		qk_err_set(e, "cannot use the terminal type '%s' (try TERM=xterm-256color)", safe);
		free(safe);
		return -1;
	}
	/* A terminal that cannot put the cursor anywhere (TERM=dumb, a
	 * hard-copy or glass teletype) cannot show panes. */
	cup = tigetstr("cup");
	if (!cup || cup == (char *)-1 || tigetflag("hc") > 0) {
		qk_err_set(e,
			   "the terminal type '%s' cannot move the cursor, which the reader needs "
			   "(try TERM=xterm-256color; 'qikan toc' and 'qikan show' print text)",
			   safe);
		del_curterm(cur_term);
		free(safe);
		return -1;
	}
	del_curterm(cur_term);
	free(safe);
	return 0;
}

bool ui_scroll_margins(WINDOW *w, int n)
{
	int top = getbegy(w), left = getbegx(w), h = getmaxy(w), wd = getmaxx(w);
	int an = n < 0 ? -n : n, len;
	char seq[128];
	cchar_t *row, blank;

	if (!screen || n == 0 || an >= h || wd <= 0)
		return false;
	/* Save the cursor, left/right margins on (DECLRMM), set them
	 * (DECSLRM) and the top and bottom ones (DECSTBM), scroll (SU/SD),
	 * all back off, restore the cursor: curses' idea of where the cursor
	 * is stays true.  Written at once: the last doupdate() left curses'
	 * own buffer empty and the attributes normal, so the lines that come
	 * in are blank in the default colours. */
	len = snprintf(seq, sizeof(seq), "\0337\033[?69h\033[%d;%ds\033[%d;%dr\033[%d%c\033[r\033[s\033[?69l\0338",
		       left + 1, left + wd, top + 1, top + h, an, n > 0 ? 'S' : 'T');
	fflush(stdout);
	if (len <= 0 || write(STDOUT_FILENO, seq, (size_t)len) != len)
		return false;
	/* curses' picture of the screen (curscr) moves the same way, so the
	 * next doupdate() sends only the lines that came into view. */
	row = xcalloc((size_t)wd + 1, sizeof(*row));
	setcchar(&blank, L" ", A_NORMAL, 0, NULL);
	for (int i = 0; i < h; i++) {
		int y = n > 0 ? top + i : top + h - 1 - i, from = n > 0 ? y + an : y - an;

		if (i < h - an) {
			mvwin_wchnstr(curscr, from, left, row, wd);
			mvwadd_wchnstr(curscr, y, left, row, wd);
		} else {
			mvwhline_set(curscr, y, left, &blank, wd);
		}
	}
	free(row);
	return true;
}

void ui_mouse(bool on)
{
	if (!screen || !on)
		return;
	/* Presses rather than clicks: no wait to tell a click from a
	 * double click. */
	mouseinterval(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
}

int ui_init(const struct theme *theme, struct qk_err *e)
{
	if (screen)
		return 0;
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		const char *term = getenv("TERM");
		char *safe = layout_sanitize(term ? term : "(unset)", strlen(term ? term : "(unset)"));

		qk_err_set(e, "cannot use the terminal type '%s' (try TERM=xterm-256color)", safe);
		free(safe);
		return -1;
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

int ui_locale_width(uint32_t uc)
{
#ifdef __STDC_ISO_10646__
	return wcwidth((wchar_t)uc);
#else
	return -1;
#endif
}

void ui_set_charset(bool legacy, bool term_ambiguous_wide)
{
	cs_legacy = legacy;
	cs_term.ambiguous_wide = term_ambiguous_wide;
}

/* Text is UTF-8 inside; curses wants the locale's wchar_t.  glibc (and
 * every libc defining __STDC_ISO_10646__) uses code points there; others
 * go through the locale's multibyte form. */
static bool uc_to_wchar(uint32_t uc, wchar_t *wc)
{
#ifdef __STDC_ISO_10646__
	*wc = (wchar_t)uc;
	return true;
#else
	uint8_t u8[6];
	char *mb;
	size_t n = 0, k;
	int len = u8_uctomb(u8, uc, (int)sizeof(u8));
	mbstate_t st;

	if (len <= 0)
		return false;
	mb = u8_conv_to_encoding(locale_charset(), iconveh_error, u8, (size_t)len, NULL, NULL, &n);
	if (!mb)
		return false;
	memset(&st, 0, sizeof(st));
	k = mbrtowc(wc, mb, n, &st);
	free(mb);
	return k == n;
#endif
}

size_t ui_wchar_to_utf8(wint_t ch, char out[UI_UTF8_MAX])
{
	int n;
#ifdef __STDC_ISO_10646__
	n = u8_uctomb((uint8_t *)out, (ucs4_t)ch, UI_UTF8_MAX);
#else
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t k, len = UI_UTF8_MAX;
	uint8_t *u;

	memset(&st, 0, sizeof(st));
	k = wcrtomb(mb, (wchar_t)ch, &st);
	if (k == (size_t)-1)
		return 0;
	u = u8_conv_from_encoding(locale_charset(), iconveh_error, mb, k, NULL, (uint8_t *)out, &len);
	if (!u)
		return 0;
	if (u != (uint8_t *)out) { /* did not fit: no character is that long */
		free(u);
		return 0;
	}
	n = (int)len;
#endif
	return n > 0 ? (size_t)n : 0;
}

/* Full-width stand-ins for characters a legacy CJK locale counts two
 * columns wide but the terminal draws in one (East Asian Ambiguous ones
 * on a terminal that draws them narrow): something of the width curses
 * counts, close to the original.  Every one is in GBK. */
static const struct {
	uint32_t uc;
	const wchar_t *as;
} lookalikes[] = {
	{ 0x201C, L"\xFF02" }, { 0x201D, L"\xFF02" }, /* “ ” -> ＂ */
	{ 0x2018, L"\xFF07" }, { 0x2019, L"\xFF07" }, /* ‘ ’ -> ＇ */
	{ 0x2014, L"\xFF0D" }, { 0x2015, L"\xFF0D" }, /* — ― -> － */
	{ 0x2026, L".." },     { 0x00B7, L"\xFF0E" }, /* … -> .., · -> ． */
	{ 0x2500, L"\xFF0D" }, { 0x2502, L"\xFF5C" }, /* ─ -> －, │ -> ｜ */
};

/* What to draw for uc so that curses' count of columns (the locale's
 * wcwidth) is what the terminal draws, and both are the layout's width
 * (layout_char_width() with locale_width).  Sets *cw to those columns;
 * returns the wide characters to draw (in buf or static), "" for none. */
static const wchar_t *legacy_glyph(uint32_t uc, wchar_t buf[2], int *cw)
{
	wchar_t wc;
	int lw = -1, tw;

	if (uc_to_wchar(uc, &wc))
		lw = wcwidth(wc);
	if (lw < 0) {
		/* Not in the locale's charset: a visible replacement as wide
		 * as the character would be. */
		*cw = layout_char_width(uc, NULL);
		return *cw == 2 ? L"\xFF1F" : *cw == 1 ? L"?" : L"";
	}
	*cw = lw;
	tw = layout_char_width(uc, &cs_term);
	if (lw == tw || lw == 0) {
		buf[0] = wc;
		buf[1] = L'\0';
		return buf;
	}
	if (lw == 2) {
		for (size_t i = 0; i < ARRAY_LEN(lookalikes); i++)
			if (lookalikes[i].uc == uc)
				return lookalikes[i].as;
		return L"\xFF1F"; /* ？ */
	}
	return L"?";
}

int ui_put(WINDOW *w, int y, int x, const char *s, size_t len, int maxcols, attr_t a)
{
	wchar_t buf[256], one[2];
	size_t nb = 0;
	int used = 0;

	if (wmove(w, y, x) == ERR)
		return 0;
	wattrset(w, a);
	while (len > 0) {
		uint32_t uc;
		const wchar_t *g;
		wchar_t wc;
		int n = layout_decode(s, len, &uc), cw;

		if (uc == 0)
			break;
		if (cs_legacy) {
			g = legacy_glyph(uc, one, &cw);
		} else {
			/* Sanitized text is valid UTF-8 of printable characters;
			 * be safe anyway. */
			if (!uc_to_wchar(uc, &wc) || (cw = wcwidth(wc)) < 0) {
				wc = L'?';
				cw = 1;
			}
			one[0] = wc;
			one[1] = L'\0';
			g = one;
		}
		if (used + cw > maxcols)
			break;
		s += n;
		len -= (size_t)n;
		if (cw == 0 && nb == 0 && used == 0)
			continue; /* a combining mark with nothing to sit on */
		for (; *g; g++)
			buf[nb++] = *g;
		used += cw;
		if (nb >= ARRAY_LEN(buf) - 3) {
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
	safe = layout_sanitize_line(s, strlen(s)); /* one screen line: breaks shown */
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

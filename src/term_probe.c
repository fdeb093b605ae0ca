/* SPDX-License-Identifier: MIT */
/* term_probe.c — the start-up questions to the terminal (see term_probe.h).
 *
 * One write sends them all, so a slow link costs one round trip:
 *   ESC 7            save the cursor
 *   ESC [6n          where is it?           -> ESC [ row ; col R
 *   “                an ambiguous character (in the locale's charset)
 *   ESC [6n          and now?                -> ESC [ row ; col R
 *   ESC [?69$p       DECRQM: left/right margin mode? -> ESC [ ? 69 ; v $ y
 *   ESC [c           device attributes       -> ESC [ ? ... c
 *   ESC 8 ESC [K     back to the saved cursor, clear what was drawn
 * Nearly every terminal answers the device attributes, and answers in
 * order, so that answer ends the wait; a terminal that answers nothing
 * costs the whole budget and gets the defaults. */
#include "config.h"
#include "term_probe.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* One control sequence's parameters: digits and ';' (and a leading '?'),
 * then intermediates, then the final byte.  Returns the bytes it took, 0
 * when buf holds only its beginning, -1 when it is not one. */
static int csi_parse(const char *buf, size_t len, bool *priv, int par[2], char *inter, char *final)
{
	size_t i = 2;
	int np = 0;

	if (len < 2)
		return 0;
	if (buf[0] != '\033' || buf[1] != '[')
		return -1;
	*priv = false;
	*inter = '\0';
	par[0] = par[1] = -1;
	if (i < len && buf[i] == '?') {
		*priv = true;
		i++;
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c >= '0' && c <= '9') {
			if (np < 2)
				par[np] = (par[np] < 0 ? 0 : par[np] * 10 % 100000) + (c - '0');
		} else if (c == ';') {
			np++;
		} else if (c >= 0x20 && c <= 0x2f) {
			*inter = (char)c;
		} else if (c >= 0x40 && c <= 0x7e) {
			*final = (char)c;
			return (int)i + 1;
		} else {
			return -1;
		}
	}
	return 0;
}

bool term_probe_parse(const char *buf, size_t len, int *col_before, struct term_probe *p)
{
	size_t i = 0;
	bool done = false;

	while (i < len) {
		bool priv;
		int par[2], n;
		char inter, final;

		if (buf[i] != '\033') {
			i++;
			continue;
		}
		n = csi_parse(buf + i, len - i, &priv, par, &inter, &final);
		if (n == 0)
			break;
		if (n < 0) {
			i++;
			continue;
		}
		if (!priv && final == 'R' && par[1] > 0) {
			if (*col_before <= 0) {
				*col_before = par[1];
			} else if (p->amb_width == 0) {
				int d = par[1] - *col_before;

				/* Another row (a wrap at the right edge) or
				 * anything else says nothing. */
				p->amb_width = d == 1 || d == 2 ? d : 0;
			}
		} else if (priv && final == 'y' && inter == '$' && par[0] == 69) {
			/* 1 set, 2 reset (both: it has the mode), 3 and 4
			 * permanently set or reset, 0 not recognised. */
			p->margins = par[1] == 1 || par[1] == 2 || par[1] == 3;
		} else if (priv && final == 'c') {
			done = true;
		}
		i += (size_t)n;
	}
	return done;
}

/* Reads what arrives until the device attributes or the deadline. */
static bool probe_read(int fd, long deadline, long t0, char *buf, size_t cap, size_t *len,
		       int *col_before, struct term_probe *p)
{
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long left = deadline - now_ms();
		ssize_t n;

		if (left <= 0)
			return false;
		int r = poll(&pfd, 1, (int)left);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		n = read(fd, buf + *len, cap - *len - 1);
		if (n <= 0)
			return false;
		if (p->rtt_ms < 0)
			p->rtt_ms = (int)(now_ms() - t0);
		*len += (size_t)n;
		/* The answers are short; a full buffer is noise: keep its
		 * last part, which may hold the start of an answer. */
		if (*len > cap / 2) {
			memmove(buf, buf + *len - cap / 4, cap / 4);
			*len = cap / 4;
		}
		p->amb_width = 0;
		p->margins = -1;
		*col_before = 0;
		if (term_probe_parse(buf, *len, col_before, p)) {
			p->answered = true;
			return true;
		}
	}
}

int term_probe_run(int in_fd, int out_fd, int budget_ms, const char *amb, struct term_probe *p)
{
	struct termios old, raw;
	char q[64], buf[512];
	size_t len = 0;
	int col_before = 0, qn;
	long t0;

	memset(p, 0, sizeof(*p));
	p->margins = -1;
	p->rtt_ms = -1;
	if (tcgetattr(in_fd, &old))
		return -1;
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(in_fd, TCSANOW, &raw))
		return -1;
	qn = snprintf(q, sizeof(q), "\0337\033[6n%s\033[6n\033[?69$p\033[c\0338\033[K", amb);
	t0 = now_ms();
	if (write(out_fd, q, (size_t)qn) == qn) {
		p->asked = true;
		if (!probe_read(in_fd, t0 + budget_ms, t0, buf, sizeof(buf), &len, &col_before, p)) {
			p->late = true;
			/* What came is useless without the rest. */
			p->amb_width = 0;
			p->margins = -1;
		}
	}
	tcsetattr(in_fd, TCSANOW, &old);
	return 0;
}

void term_probe_drain(int in_fd, int wait_ms, struct term_probe *p)
{
	struct termios old, raw;
	char buf[512];
	size_t len = 0;
	int col_before = 0;
	struct term_probe late = *p;
	long t0 = now_ms();

	if (!p->late || tcgetattr(in_fd, &old))
		return;
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(in_fd, TCSANOW, &raw))
		return;
	late.rtt_ms = -1;
	if (probe_read(in_fd, t0 + wait_ms, t0, buf, sizeof(buf), &len, &col_before, &late)) {
		/* Too late to be used, but worth telling. */
		p->late = false;
		p->came_late = true;
		p->rtt_ms = TERM_PROBE_BUDGET_MS + late.rtt_ms;
	}
	tcsetattr(in_fd, TCSANOW, &old);
}

void term_probe_describe(const struct term_probe *p, struct sb *out)
{
	if (!p->asked) {
		sb_printf(out, "%s\n", TR("未询问终端（不是终端，或 probe = false）",
					  "the terminal was not asked (not a terminal, or probe = false)"));
		return;
	}
	if (!p->answered) {
		if (p->came_late)
			sb_printf(out, TR("终端应答太慢（%d 毫秒，限 %d 毫秒）：使用默认设置\n",
					  "the terminal answered too late (%d ms, the limit is %d ms): defaults used\n"),
				  p->rtt_ms, TERM_PROBE_BUDGET_MS);
		else
			sb_printf(out, TR("终端在 %d 毫秒内没有应答：使用默认设置\n",
					  "no answer from the terminal within %d ms: defaults used\n"),
				  TERM_PROBE_BUDGET_MS);
		return;
	}
	if (p->amb_width)
		sb_printf(out, TR("歧义宽度字符（“ ” … —）：%d 列（%s）\n",
				  "ambiguous-width characters (“ ” … —): %d column(s) (%s)\n"),
			  p->amb_width, p->amb_width == 2 ? TR("宽", "wide") : TR("窄", "narrow"));
	else
		sb_printf(out, "%s\n", TR("歧义宽度字符：未知", "ambiguous-width characters: unknown"));
	sb_printf(out, "%s%s\n", TR("左右边距（DECSLRM）：", "left/right margins (DECSLRM): "),
		  p->margins > 0 ? TR("支持", "yes") : p->margins == 0 ? TR("不支持", "no") : TR("未知", "unknown"));
	sb_printf(out, TR("往返时间：%s%d 毫秒%s\n", "round trip: %s%d ms%s\n"), p->came_late ? ">" : "",
		  p->rtt_ms, p->came_late || p->rtt_ms >= TERM_PROBE_SLOW_MS ? TR("（慢速连接）", " (a slow link)") : "");
}

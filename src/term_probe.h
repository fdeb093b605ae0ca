/* SPDX-License-Identifier: MIT */
/* term_probe.h — asks the terminal, once at start-up and within a bounded
 * wait, what it does: how wide it draws an East Asian Ambiguous character
 * (cursor-position reports before and after “), whether it has left/right
 * margins (DECRQM for DECSLRM, mode 69), and how long an answer takes (the
 * round trip, a measure of the link).  No curses: plain termios on the
 * terminal's file descriptors, before curses starts. */
#ifndef QIKAN_TERM_PROBE_H
#define QIKAN_TERM_PROBE_H

#include <stdbool.h>

#include "util.h"

#define TERM_PROBE_BUDGET_MS 150 /* the longest start-up may wait */
#define TERM_PROBE_SLOW_MS 60    /* a round trip this long is a slow link */

struct term_probe {
	bool asked;      /* the questions were sent */
	bool answered;   /* the terminal answered (device attributes seen) */
	int amb_width;   /* columns the terminal drew “ in: 1, 2, or 0 unknown */
	int margins;     /* left/right margins (DECSLRM): 1 yes, 0 no, -1 unknown */
	int rtt_ms;      /* first answer after this many ms; -1 unknown */
	bool late;       /* gave up waiting: an answer may still arrive */
	bool came_late;  /* it did, after the wait (rtt_ms is then the wait) */
};

/* Asks the terminal on in_fd/out_fd (both must be the terminal) and waits
 * at most budget_ms for the answers; amb is “ in the locale's charset.
 * Leaves nothing on screen: the character is drawn at the cursor, which is
 * then put back and the rest of the line cleared.  Answers that came are
 * consumed; on a timeout p->late is set.  Returns 0, or -1 when the
 * terminal could not be set up (p then says nothing was asked). */
int term_probe_run(int in_fd, int out_fd, int budget_ms, const char *amb, struct term_probe *p);

/* Reads and drops answers still on their way, for up to wait_ms (for
 * `qikan --terminal-report`, so a late answer does not end up typed into
 * the shell).  Updates p when the device attributes arrive. */
void term_probe_drain(int in_fd, int wait_ms, struct term_probe *p);

/* Parses answers in buf (len bytes) into p; returns true once the device
 * attributes answer (the last one asked for) was seen.  For tests. */
bool term_probe_parse(const char *buf, size_t len, int *col_before, struct term_probe *p);

/* What was found, one fact a line, in English and Chinese. */
void term_probe_describe(const struct term_probe *p, struct sb *out);

#endif

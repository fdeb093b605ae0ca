#!/bin/bash
# SPDX-License-Identifier: MIT
# tui_paint.sh — the screen stays right while the article pane is sent
# with the reader's own cursor moves (src/ui_paint.c) rather than curses':
# after every step of a walk through an article (page-downs and -ups, j
# and k, top and bottom, a search with its highlights, resizes), in the
# side-by-side, stacked and z layouts, the screen tmux shows, colours
# included, is the one a full repaint from nothing (Ctrl-L) gives.  The
# same on the pty terminal with left/right margins (DECSLRM), where the
# rows go out inside margins (tests/term_probe_pty.py).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

abs=$(realpath "$SAMPLE")
# Opens article 4 (a long one) at its top, as the last one read.
state_article4() {
	rm -rf "$XDG_STATE_HOME"
	mkdir -p "$XDG_STATE_HOME/qikan"
	printf 'L\t4\t0\t0\t%s\n' "$abs" >"$XDG_STATE_HOME/qikan/positions"
}
conf() {
	rm -rf "$XDG_CONFIG_HOME"
	mkdir -p "$XDG_CONFIG_HOME/qikan"
	printf '[qikan]\n%s\n' "$1" >"$XDG_CONFIG_HOME/qikan/config.ini"
}

# The screen (tmux's capture with colours, without the status line) as
# cells: each character with the rendition that shows.  A blank shows no
# foreground colour, and blanks at a line's end in the default rendition
# are nothing: curses may leave either way, and tmux's capture writes the
# same cells differently depending on the cells before them.
CANON='
import re, sys
rows = sys.stdin.read().split("\n")
st = {}  # the capture writes changes only, from one line to the next
for line in rows:
    cells = []
    for m in re.finditer(r"\x1b\[([0-9;]*)m|(.)", line):
        if m.group(2) is None:
            ps = [int(x) if x else 0 for x in m.group(1).split(";")]
            i = 0
            while i < len(ps):
                p = ps[i]
                if p == 0:
                    st = {}
                elif p in (38, 48) and i + 1 < len(ps):
                    n = 3 if ps[i + 1] == 5 else 5
                    st["fg" if p == 38 else "bg"] = tuple(ps[i + 1:i + n])
                    i += n - 1
                elif 30 <= p <= 37 or 90 <= p <= 97:
                    st["fg"] = p
                elif 40 <= p <= 47 or 100 <= p <= 107:
                    st["bg"] = p
                elif p == 39:
                    st.pop("fg", None)
                elif p == 49:
                    st.pop("bg", None)
                else:
                    st[p] = 1
                i += 1
            continue
        ch, r = m.group(2), dict(st)
        if ch == " ":
            if r.pop(7, None):
                r["bg"], r["fg"] = r.get("fg"), None
            r.pop("fg", None)
            for a in (1, 2, 3):
                r.pop(a, None)
        cells.append((ch, tuple(sorted((str(k), str(v)) for k, v in r.items()))))
    while cells and cells[-1] == (" ", ()):
        cells.pop()
    print(repr(cells))
'
# The status line too, unless a message is on it (Ctrl-L clears those):
# curses draws it after the rows the reader sent, from where the reader
# said the cursor was.
screen_cells() {
	local cut='$d'
	[ "$KEEP_STATUS" = 1 ] && cut=''
	if [ -n "$PY" ]; then
		tui_screen_attrs | sed "$cut" | "$PY" -c "$CANON"
	else
		tui_screen | sed "$cut"
	fi
}
KEEP_STATUS=1
PY=$(command -v python3)

out_size() { stat -c %s "$TMP/pipe" 2>/dev/null || echo 0; }
# Waits until the pane's output has not grown for 0.3 s (deadline).
settle_out() {
	local a b i=0
	a=$(out_size)
	while [ $i -lt $((TUI_TIMEOUT * 5)) ]; do
		sleep 0.3
		b=$(out_size)
		[ "$a" = "$b" ] && return 0
		a=$b
		i=$((i + 1))
	done
}
# step WHAT KEYS...: presses KEYS, waits for the output to settle, takes
# the screen (with its colours), has it repainted from nothing (Ctrl-L:
# curses clears the terminal and sends every cell) and compares.
step() {
	local what=$1 before after n0 i=0
	shift
	[ $# -gt 0 ] && tui_keys "$@"
	settle_out
	before=$(screen_cells)
	n0=$(out_size)
	tui_keys C-l
	# A repaint of the whole screen is more than a few hundred bytes.
	while [ $(($(out_size) - n0)) -lt 400 ] && [ $i -lt $((TUI_TIMEOUT * 20)) ]; do
		sleep 0.05
		i=$((i + 1))
	done
	settle_out
	after=$(screen_cells)
	if [ "$before" = "$after" ]; then
		ok
	else
		fail "$what: the screen differs from a full repaint:"
		diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | head -10 | cut -c1-300 >&2
	fi
}
start() {
	tui_start "$@" -- "$SAMPLE"
	tmx pipe-pane -o -t "$TUI_SESSION" "cat >>$(printf '%q' "$TMP/pipe")"
	tui_wait_status "$TUI_W x $TUI_H: article open" "%" || finish
}

# --- side by side: the pane that is painted by the reader itself ---
state_article4
conf "layout = side"
rm -f "$TMP/pipe"
start 80 24
step "side: first screen"
for i in 1 2 3; do step "side: page-down $i" Space; done
step "side: page-up" b
step "side: j" j
step "side: j again" j
step "side: k" k
step "side: page-down after j" Space
step "side: bottom" G
step "side: page-up from the bottom" b
step "side: top" g
KEEP_STATUS=0 # "match 1/217"
step "side: search 工会 (highlighted rows go to curses)" / 工会 Enter
step "side: page-down with highlights" Space
step "side: next match" n
KEEP_STATUS=1
step "side: highlights off" Escape
step "side: page-down after the highlights" Space
tui_quit

state_article4
rm -f "$TMP/pipe"
start 100 30
for i in 1 2; do step "side 100x30: page-down $i" Space; done
step "side 100x30: k" k
step "side 100x30: page-up" b
tui_quit

# --- resizes between page-downs ---
state_article4
conf "layout = side"
rm -f "$TMP/pipe"
start 80 24
step "resize: page-down" Space
tui_resize 100 30
tui_wait_redrawn "resize: 100x30"
step "resize: page-down at 100x30" Space
step "resize: k at 100x30" k
tui_resize 72 20
tui_wait_redrawn "resize: 72x20"
step "resize: page-down at 72x20" Space
tui_resize 80 24
tui_wait_redrawn "resize: back to 80x24"
step "resize: page-up at 80x24" b
step "resize: page-down at 80x24" Space
tui_quit

# --- stacked and z: full-width panes ---
state_article4
conf "layout = stacked"
rm -f "$TMP/pipe"
start 80 24
for i in 1 2; do step "stacked: page-down $i" Space; done
step "stacked: k" k
step "stacked: page-up" b
tui_quit
state_article4
conf "layout = side"
rm -f "$TMP/pipe"
start 80 24
step "z: article alone" z
for i in 1 2; do step "z: page-down $i" Space; done
step "z: j" j
step "z: back beside the TOC" z
step "z: page-down beside the TOC" Space
tui_quit

# --- a terminal with left/right margins (the pty harness) ---
if [ -n "$PY" ]; then
	# margins_screen STEPS...: the screen after the steps (then q).
	margins_screen() {
		local s=() k
		for k in "$@"; do s+=(--step "$k"); done
		state_article4
		conf "layout = side"
		env TERM=xterm QIKAN_SLOW_LINK_MS=0 LC_ALL=C.UTF-8 "$PY" "$QIKAN_SRCDIR/tests/term_probe_pty.py" \
			--vt --margins yes --keys '' "${s[@]}" --step q -- "$QIKAN" "$SAMPLE" >"$TMP/mg.out" 2>&1
		grep '^SCREEN:' "$TMP/mg.out"
	}
	keys=('\x20' '\x20' '\x20' b j k '\x20' G b g '\x20')
	painted=$(margins_screen "${keys[@]}")
	grep -q '\[?69h' "$TMP/mg.out" && ok || fail "margins: rows not sent inside margins"
	repainted=$(margins_screen "${keys[@]}" '\x0c')
	expect_contains "margins: the article on screen" "$painted" "│"
	if [ "$painted" = "$repainted" ]; then
		ok
	else
		fail "margins: the screen differs from a full repaint:"
		diff <(printf '%s\n' "$painted") <(printf '%s\n' "$repainted") | head -20 >&2
	fi
fi
finish

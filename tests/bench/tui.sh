#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/bench/tui.sh — bytes the reader sends to the terminal, against
# `less` on the same article text in the same 80x24 terminal (tmux): 8
# page-downs and 10 one-line scrolls in each layout (side by side, side by
# side on a terminal with left/right margins, stacked, z), in bytes and in
# bytes per character of text that came into view; also time to the first
# screen, idle output and peak RSS on the sample bundle.
# Targets (issue #11, DESIGN §9): a page-down within 1.1x less per
# character shown, a one-line scroll under 200 bytes.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
: "${QIKAN_BUILDDIR:?}"
command -v tmux >/dev/null || { echo "tmux missing: skipped"; exit 0; }
command -v less >/dev/null || { echo "less missing: skipped"; exit 0; }

BUNDLE=${TUI_BENCH_BUNDLE:-$QIKAN_BUILDDIR/data/sample.qikan}
ARTICLE=${TUI_BENCH_ARTICLE:-4}
PAGES=${TUI_BENCH_PAGES:-8}
W=80 H=24
SOCK=$TMP/tmux.sock
# A qikan still running saves its reading state when the server goes:
# let it finish before the folder is removed.
trap 'tmux -S "$SOCK" kill-server >/dev/null 2>&1; sleep 0.5; rm -rf "$TMP"' EXIT
tmx() { tmux -S "$SOCK" "$@"; }

size() { stat -c %s "$TMP/out"; }
screen() { tmx capture-pane -p -t b; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Waits until the output file stops growing (for 300 ms).
settle() {
	local a b
	a=$(size)
	while :; do
		sleep 0.3
		b=$(size)
		[ "$a" = "$b" ] && return
		a=$b
	done
}

# start CMD: runs CMD in a W x H pane whose output is counted from its
# first byte: the pane waits on a fifo until pipe-pane is in place.
start() {
	tmx kill-server >/dev/null 2>&1
	rm -f "$TMP/go" "$TMP/out"
	mkfifo "$TMP/go"
	: >"$TMP/out"
	tmx -f /dev/null new-session -d -s b -x $W -y $H \
		"cat $TMP/go >/dev/null; exec env LC_ALL=C.UTF-8 TERM=screen-256color XDG_STATE_HOME=$TMP/state XDG_CONFIG_HOME=$TMP/config QIKAN_SLOW_LINK_MS=0 $1"
	tmx set-option -t b status off
	tmx pipe-pane -o -t b "cat >>$TMP/out"
	T0=$(now_ms)
	echo >"$TMP/go"
}

# Waits for TEXT on screen; prints ms since start.
first_screen() {
	local i=0
	while [ $i -lt 2000 ]; do
		case $(screen) in *"$1"*) echo $(($(now_ms) - T0)); return ;; esac
		sleep 0.005
		i=$((i + 1))
	done
	echo "timeout"
}

# press KEY N: presses KEY N times, each after the screen settled.
press() {
	local k=$1 n=$2 i before
	for i in $(seq 1 "$n"); do
		before=$(screen)
		tmx send-keys -t b "$k"
		while [ "$(screen)" = "$before" ]; do sleep 0.02; done
		settle
	done
}

# The article's part of the screen, by layout: less and z the whole
# width, side by side after the separator, stacked below the rule under
# the TOC strip; never the status line.
region() {
	screen | sed '$d' | case $1 in
	side) sed -n 's/^[^│]*│//p' ;;
	stacked) sed '1,/^──────────/d' ;;
	*) cat ;;
	esac
}
# Characters of text (spaces left out) in what is on stdin.
nchars() {
	local t
	t=$(tr -d ' \n　')
	echo ${#t}
}

# measure KIND: from a settled first screen, PAGES page-downs then LINES
# one-line scrolls up (k); sets PB, LB (bytes) and PC, LC (characters of
# article text that came into view: a whole pane a page, the top line a
# scroll).
measure_view() {
	local kind=$1 i b
	PB=0 LB=0 PC=0 LC=0
	for i in $(seq 1 "$PAGES"); do
		b=$(size)
		press Space 1
		PB=$((PB + $(size) - b))
		PC=$((PC + $(region "$kind" | nchars)))
	done
	for i in $(seq 1 "$LINES_N"); do
		b=$(size)
		press k 1
		LB=$((LB + $(size) - b))
		LC=$((LC + $(region "$kind" | head -1 | nchars)))
	done
}
LINES_N=10
export LC_ALL=C.UTF-8 # ${#t} counts characters

# The article as plain text for less, wrapped for the full 80 columns.
"$QIKAN" show -w $W "$BUNDLE" "$ARTICLE" >"$TMP/article.txt" || exit 1
abs=$(realpath "$BUNDLE")
set_state() {
	rm -rf "$TMP/state" "$TMP/config"
	mkdir -p "$TMP/state/qikan" "$TMP/config/qikan"
	printf 'L\t%s\t0\t0\t%s\n' "$ARTICLE" "$abs" >"$TMP/state/qikan/positions"
	[ -n "${1:-}" ] && printf '[qikan]\n%s\n' "$1" >"$TMP/config/qikan/config.ini"
	true
}

# less
set_state
start "less $TMP/article.txt"
first_screen "$(head -c 12 "$TMP/article.txt" | head -1)" >/dev/null
settle
less0=$(size)
measure_view less
less_pages=$PB less_lines=$LB less_pc=$PC less_lc=$LC

# qikan: TOC pane and article pane side by side
set_state
start "$QIKAN $BUNDLE"
ttfs=$(first_screen "%")
settle
qk0=$(size)
pid=$(tmx display -p -t b '#{pane_pid}')
measure_view side
qk_pages=$PB qk_lines=$LB qk_pc=$PC qk_lc=$LC
rss=$(sed -n 's/^VmHWM:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null)
sleep 1
qk2=$(size)
sleep 2
idle=$(($(size) - qk2))
tmx send-keys -t b q

# qikan stacked: a TOC strip above the article, both full width.
set_state "layout = stacked"
start "$QIKAN $BUNDLE"
first_screen "%" >/dev/null
settle
measure_view stacked
st_pages=$PB st_lines=$LB st_pc=$PC st_lc=$LC
tmx send-keys -t b q

# qikan with z: the article alone at 80x24, the same text width as less.
set_state
start "$QIKAN $BUNDLE"
first_screen "%" >/dev/null
settle
tmx send-keys -t b z
settle
measure_view z
zoom_pages=$PB zoom_lines=$LB z_pc=$PC z_lc=$LC
tmx send-keys -t b q

# Side by side on a terminal with left/right margins (DECSLRM): tmux has
# none, so the pty harness plays one (tests/term_probe_pty.py); the text
# shown is the side-by-side case's.
mg_pages="" mg_lines=""
PY=$(command -v /usr/bin/python3 || command -v python3)
if [ -n "$PY" ]; then
	set_state
	steps=""
	for i in $(seq 1 "$PAGES"); do steps="$steps --step \\x20"; done
	for i in $(seq 1 "$LINES_N"); do steps="$steps --step k"; done
	# shellcheck disable=SC2086
	mg=$(env TERM=xterm XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" QIKAN_SLOW_LINK_MS=0 \
		"$PY" "$QIKAN_SRCDIR/tests/term_probe_pty.py" --vt --margins yes --keys '' $steps --step q \
		-- "$QIKAN" "$BUNDLE" 2>/dev/null)
	mg_pages=$(printf '%s\n' "$mg" | awk -F: -v p="$PAGES" '/^STEP:/ && $2 <= p { s += $3 } END { print s + 0 }')
	mg_lines=$(printf '%s\n' "$mg" | awk -F: -v p="$PAGES" -v l="$LINES_N" '/^STEP:/ && $2 > p && $2 <= p + l { s += $3 } END { print s + 0 }')
fi

# A big bundle: the sample as N issues (2023年第N期), opened to the
# first full screen; the target is under 100 ms and 30 MB (DESIGN §9).
N=${TUI_BENCH_ISSUES:-$BIG}
big_ttfs="" big_rss=""
if [ "$N" -gt 0 ]; then
	if big=$(bench_bundle "$N"); then
		rm -rf "$TMP/state"
		start "$QIKAN $big"
		big_ttfs=$(first_screen "Contents")
		settle
		pid=$(tmx display -p -t b '#{pane_pid}')
		big_rss=$(sed -n 's/^VmHWM:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null)
		tmx send-keys -t b q
	else
		echo "(could not import $N issues for the big-bundle figures)"
	fi
fi

ratio=$(awk -v a="$qk_pages" -v b="$less_pages" 'BEGIN { printf "%.2f", b ? a / b : 0 }')
per() { awk -v b="$1" -v c="$2" 'BEGIN { if (c > 0) printf "%.2f", b / c; else printf "-" }'; }
vs() { awk -v b="$1" -v c="$2" -v lb="$3" -v lc="$4" 'BEGIN { if (c > 0 && lc > 0 && lb > 0) printf "%.2fx", (b / c) / (lb / lc); else printf "-" }'; }
echo "article $ARTICLE at ${W}x$H: $PAGES page-downs and $LINES_N one-line scrolls up (k), bytes sent,"
echo "  and bytes per character of article text that came into view (vs less):"
printf '  %-34s %7s %7s %8s   %7s %7s %8s\n' "" "pages" "B/char" "vs less" "lines" "B/char" "vs less"
row() { printf '  %-34s %7s %7s %8s   %7s %7s %8s\n' "$1" "$2" "$(per "$2" "$3")" "$(vs "$2" "$3" "$less_pages" "$less_pc")" "$4" "$(per "$4" "$5")" "$(vs "$4" "$5" "$less_lines" "$less_lc")"; }
row "less (full width)" "$less_pages" "$less_pc" "$less_lines" "$less_lc"
row "qikan side by side (TOC + article)" "$qk_pages" "$qk_pc" "$qk_lines" "$qk_lc"
[ -n "$mg_pages" ] && row "  same, terminal with margins" "$mg_pages" "$qk_pc" "$mg_lines" "$qk_lc"
row "qikan stacked (TOC strip above)" "$st_pages" "$st_pc" "$st_lines" "$st_lc"
row "qikan z (article alone)" "$zoom_pages" "$z_pc" "$zoom_lines" "$z_lc"
echo "  first screen: less $less0 bytes, qikan $qk0 bytes; page-downs side by side / less: ${ratio}x in bytes"
echo "  targets: page-down within 1.1x less per character shown; a one-line scroll under 200 bytes"
echo "    (per scroll: side $((qk_lines / LINES_N)), margins ${mg_lines:+$((mg_lines / LINES_N))}, stacked $((st_lines / LINES_N)), z $((zoom_lines / LINES_N)), less $((less_lines / LINES_N)))"
echo "  idle 2 s: qikan sent $idle bytes"
echo "  time to first screen (sample bundle): ${ttfs} ms (tmux poll, includes exec)"
echo "  peak RSS: ${rss:-unknown}"
[ -n "$big_ttfs" ] && echo "  $N-issue bundle: first screen ${big_ttfs} ms, peak RSS ${big_rss:-unknown} (targets 100 ms, 30 MB)"
true

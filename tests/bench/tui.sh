#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/bench/tui.sh — bytes the reader sends to the terminal, against
# `less` on the same article text in the same 80x24 terminal (tmux), for
# the same number of page-downs; also one-line scrolls, time to the first
# screen and peak RSS on the sample bundle.
# Target (issue #3): qikan <= 1.2x less per page-down, with the TOC pane
# on screen as well.
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
		"cat $TMP/go >/dev/null; exec env LC_ALL=C.UTF-8 TERM=screen-256color XDG_STATE_HOME=$TMP/state XDG_CONFIG_HOME=$TMP/config $1"
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

# pagedown KEY N: presses KEY N times, each after the screen settled.
press() {
	local k=$1 n=$2 i before
	for i in $(seq 1 "$n"); do
		before=$(screen)
		tmx send-keys -t b "$k"
		while [ "$(screen)" = "$before" ]; do sleep 0.02; done
		settle
	done
}

# The article as plain text for less, wrapped for the full 80 columns.
"$QIKAN" show -w $W "$BUNDLE" "$ARTICLE" >"$TMP/article.txt" || exit 1
abs=$(realpath "$BUNDLE")
mkdir -p "$TMP/state/qikan"
printf 'L\t%s\t0\t0\t%s\n' "$ARTICLE" "$abs" >"$TMP/state/qikan/positions"

# less
start "less $TMP/article.txt"
first_screen "$(head -c 12 "$TMP/article.txt" | head -1)" >/dev/null
settle
less0=$(size)
press Space "$PAGES"
less_pages=$(($(size) - less0))
less1=$(size)
press k 10
less_lines=$(($(size) - less1))

# qikan: TOC pane and article pane side by side
start "$QIKAN $BUNDLE"
ttfs=$(first_screen "%")
settle
qk0=$(size)
pid=$(tmx display -p -t b '#{pane_pid}')
press Space "$PAGES"
qk_pages=$(($(size) - qk0))
qk1=$(size)
press k 10
qk_lines=$(($(size) - qk1))
rss=$(sed -n 's/^VmHWM:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null)
sleep 1
qk2=$(size)
sleep 2
idle=$(($(size) - qk2))
tmx send-keys -t b q

# qikan with z: the article alone at 80x24, the same text width as less.
start "$QIKAN $BUNDLE"
first_screen "%" >/dev/null
settle
tmx send-keys -t b z
settle
zoom0=$(size)
press Space "$PAGES"
zoom_pages=$(($(size) - zoom0))
tmx send-keys -t b q

# qikan below 80 columns: the article alone, full width, where curses can
# use the terminal's own scrolling for one-line moves.
W=79
start "$QIKAN $BUNDLE"
first_screen "%" >/dev/null
settle
narrow0=$(size)
press k 10
narrow_lines=$(($(size) - narrow0))
tmx send-keys -t b q
W=80

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
echo "article $ARTICLE at ${W}x$H, $PAGES page-downs (qikan also shows the TOC pane):"
echo "  first screen: less $less0 bytes, qikan $qk0 bytes"
echo "  page-downs:   less $less_pages bytes ($((less_pages / PAGES))/page), qikan $qk_pages bytes ($((qk_pages / PAGES))/page), ratio ${ratio}x (target <= 1.2x)"
# A qikan page beside the TOC holds less text (its pane is narrower), so
# also per screen cell of article text: less pages 80 x 23 cells, qikan
# the article pane's width x 23 (TOC 30 + separator 1 at 80 columns).
awk -v a="$qk_pages" -v b="$less_pages" -v w=$((W - 31)) -v h=$((H - 1)) -v fw=$W -v p="$PAGES" 'BEGIN {
	qa = a / (w * h * p); lb = b / (fw * h * p)
	printf "  per cell of article text: less %.2f, qikan %.2f bytes (%.2fx)\n", lb, qa, lb ? qa / lb : 0 }'
echo "  with z (article alone, full width): qikan $zoom_pages bytes ($((zoom_pages / PAGES))/page), ratio $(awk -v a="$zoom_pages" -v b="$less_pages" 'BEGIN { printf "%.2f", b ? a / b : 0 }')x"
echo "  10 one-line scrolls up: less $less_lines bytes, qikan $qk_lines bytes beside the TOC (a terminal"
echo "    cannot scroll half a screen, so each is a repaint of the pane), qikan alone (below 80 columns, or z) at 79x24: $narrow_lines bytes"
echo "  idle 2 s: qikan sent $idle bytes"
echo "  time to first screen (sample bundle): ${ttfs} ms (tmux poll, includes exec)"
echo "  peak RSS: ${rss:-unknown}"
[ -n "$big_ttfs" ] && echo "  $N-issue bundle: first screen ${big_ttfs} ms, peak RSS ${big_rss:-unknown} (targets 100 ms, 30 MB)"
true

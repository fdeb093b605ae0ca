#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12 D2: the reading position does not drift.  With article 4 open
# deep inside a paragraph, ten `z` toggles and then thirty resizes to
# random sizes (down to 20x5) and back leave the same line at the top of
# the article pane.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }
BUNDLE=$TMP/sample.qikan
cp "$SAMPLE" "$BUNDLE"
BUNDLE=$(cd "$TMP" && pwd -P)/sample.qikan
mkdir -p "$XDG_STATE_HOME/qikan"
# Last read: article 4, near its end (where a wider pane has fewer
# lines below, so the top moves up there and must come back).
printf 'P\t4\t66\t0\t%s\nL\t4\t0\t0\t%s\n' "$BUNDLE" "$BUNDLE" >"$XDG_STATE_HOME/qikan/positions"

# The article pane's first line (right of the separator when side by side).
top_line() { tui_screen | sed -n 1p | sed 's/^.*│//; s/ *$//'; }

# wait_top WHAT WANT: the top line becomes WANT.
wait_top() {
	local i=0
	while [ $i -lt $((TUI_TIMEOUT * 20)) ]; do
		[ "$(top_line)" = "$2" ] && { ok; return 0; }
		sleep 0.05
		i=$((i + 1))
	done
	fail "$1: top line is '$(top_line)', want '$2'"
	return 1
}

tui_start 80 24 -- "$BUNDLE"
tui_wait_status "article 4 open" "全面贯彻落实" || finish
tui_wait_redrawn "first draw"
# three lines down: the top line starts inside the paragraph
tui_keys j j j
tui_wait_stable
start=$(top_line)
[ -n "$start" ] && ok || fail "nothing at the top of the article pane"

for i in $(seq 1 10); do
	tui_keys z
	tui_wait_stable
	tui_keys z
	wait_top "z toggle $i" "$start" || break
done

RANDOM=12
for i in $(seq 1 30); do
	w=$((20 + RANDOM % 110))
	h=$((5 + RANDOM % 40))
	tui_resize "$w" "$h"
	tui_wait_stable
done
tui_resize 80 24
tui_wait_redrawn "back at 80x24"
wait_top "after 30 resizes" "$start"
# and the position is the one saved for the next run
tui_quit
tui_start 80 24 -- "$BUNDLE"
wait_top "after a restart" "$start"
tui_quit
finish

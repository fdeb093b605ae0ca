#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12 D15: the frequent-terms chart shows words, not the
# overlapping halves bigram counting makes of them: 习近平, not 习近 and
# 近平.  In the stats pane (s, G to its end) at 80x24 and 40x12, and in
# `qikan stats --json`.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }
json=$("$QIKAN" stats --json "$SAMPLE")
terms=$(printf '%s\n' "$json" | grep -o '"term": "[^"]*"' | sed 's/.*: "//; s/"$//' | tr '\n' ' ')
expect_contains "json: the word" " $terms" " 习近平 "
expect_not_contains "json: no first half" " $terms" " 习近 "
expect_not_contains "json: no second half" " $terms" " 近平 "

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"
	tui_start "$1" "$2" -- "$SAMPLE"
	tui_wait "$tag: reader up" "2023年第2期" || continue
	tui_keys s
	tui_wait "$tag: stats" "Statistics"
	tui_keys G
	tui_wait "$tag: the word in the chart" "习近平"
	screen=$(tui_screen | sed 's/^.*│//')
	case $screen in *"习近 "*|*"近平 "*) case $screen in *"习近平"*) ok ;; *) fail "$tag: a half shown" ;; esac ;; *) ok ;; esac
	expect_not_contains "$tag: no 近平 row" "$(printf '%s\n' "$screen" | grep -v 习近平)" "近平"
	tui_quit
done
finish

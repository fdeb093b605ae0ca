#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12 D15: the frequent-terms chart shows words, not the
# overlapping halves bigram counting makes of them: 习近平, not 习近 and
# 近平, and no 职工作 made of 职工 and 工作.  In the stats pane (s, then
# scrolled line by line through the chart) at 80x24 and 40x12, and in
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
expect_not_contains "json: no 职工作" " $terms" "职工作"

# The stats pane without the status line and the TOC beside it; every
# line ends in | so that blank rows at its end are kept.
pane() { tui_screen | sed '$d' | sed 's/^.*│//; s/$/|/'; }

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"
	tui_start "$1" "$2" -- "$SAMPLE"
	tui_wait "$tag: reader up" "2023年第2期" || continue
	tui_keys s
	tui_wait "$tag: stats" "Statistics"
	# The pane's rows, read from the top a line of scrolling at a time
	# (each j brings one new row in at the bottom, above the status
	# line), up to the heading after the frequent-terms chart.
	tui_keys g
	tui_wait "$tag: the pane drawn" "Characters per section"
	rows=$(pane)
	prev=$rows
	for i in $(seq 1 150); do
		case $rows in *"Longest articles"*) break ;; esac
		tui_keys j
		# scrolled by one: the old rows but the first, then one new
		want=$(printf '%s\n' "$prev" | tail -n +2)
		for k in $(seq 1 300); do
			now=$(pane)
			[ "$(printf '%s\n' "$now" | sed '$d')" = "$want" ] && break
		done
		[ "$(printf '%s\n' "$now" | sed '$d')" = "$want" ] || break # the end
		prev=$now
		rows="$rows
$(printf '%s\n' "$now" | tail -1)"
	done
	chart=$(printf '%s\n' "$rows" | sed 's/|$//' | awk '/Frequent terms/ { on = 1; next } /Longest articles/ { on = 0 } on && NF { print $1 }')
	expect_eq "$tag: 20 rows in the chart" "$(printf '%s\n' "$chart" | wc -l)" 20
	labels=" $(echo $chart) "
	expect_contains "$tag: 习近平 a row" "$labels" " 习近平 "
	expect_not_contains "$tag: no 习近 row" "$labels" " 习近 "
	expect_not_contains "$tag: no 近平 row" "$labels" " 近平 "
	expect_contains "$tag: 职工 a row" "$labels" " 职工 "
	expect_not_contains "$tag: no 职工作" "$labels" "职工作"
	tui_quit
done
finish

#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12 D8: the help screen wraps its explanations instead of cutting
# them, and its footer shows once (on the status line).  At 80x24 and
# 40x12 every page of `?` is read: no line is cut with "…", and the long
# explanations are there in full.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"
	tui_start "$1" "$2" -- "$SAMPLE"
	tui_wait "$tag: reader up" "2023年第2期" || continue
	tui_keys '?'
	tui_wait "$tag: help" "qikan keys" || continue
	all=""
	for i in $(seq 1 20); do
		tui_wait_stable
		screen=$(tui_screen)
		expect_eq "$tag: footer once on page $i" "$(printf '%s\n' "$screen" | grep -c 'q, ? or Esc to go back')" 1
		expect_not_contains "$tag: nothing cut on page $i" "$(printf '%s\n' "$screen" | sed '$d')" "…"
		all="$all$(printf '%s\n' "$screen" | sed '$d' | sed 's/^ *//')"
		tui_keys Space
		tui_wait_stable
		[ "$(tui_screen)" = "$screen" ] && break
	done
	# (lines break at spaces: compare without them)
	flat=$(printf '%s' "$all" | tr -d '\n ')
	expect_contains "$tag: the Enter explanation in full" "$flat" "(inanarticleEntermovesdownaline)"
	expect_contains "$tag: the rebinding explanation in full" "$flat" "rebindinconfig.ini's[keys],e.g.down=n"
	tui_keys q
	tui_wait_gone "$tag: help closed" "qikan keys"
	tui_quit
done
finish

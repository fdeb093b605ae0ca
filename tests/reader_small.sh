#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12 D17/D18: with the fifth search result selected, a resize to
# 20x5 keeps that result on screen and the status line keeps the
# position; back at 80x24 (and from 40x12) the same.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }
total=$("$QIKAN" search --json --limit 1 "$SAMPLE" 工会 | sed -n 's/.*"total": \([0-9]*\).*/\1/p')

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"
	tui_start "$1" "$2" -- "$SAMPLE"
	tui_wait "$tag: reader up" "2023年第2期" || continue
	tui_keys :
	tui_wait_status "$tag: prompt" "Search all issues:"
	tui_keys 工会 Enter
	tui_wait_status "$tag: results" "1/$total"
	tui_keys j j j j
	tui_wait_status "$tag: fifth selected" "5/$total"
	tui_resize 20 5
	tui_wait "$tag: the fifth result on screen at 20x5" "5. "
	tui_wait_status "$tag: position kept at 20x5" "5/$total"
	tui_keys j
	tui_wait "$tag: the sixth at 20x5" "6. "
	tui_wait_status "$tag: position follows at 20x5" "6/$total"
	tui_resize "$1" "$2"
	tui_wait_status "$tag: position kept back at size" "6/$total"
	tui_wait "$tag: the sixth on screen back at size" "6. "
	tui_quit
done
finish

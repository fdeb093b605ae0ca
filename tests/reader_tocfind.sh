#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12 D11: `/` in the contents finds in the contents (titles,
# authors, page numbers), n/P go on; the article is not searched.
# At 80x24 and 40x12.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"
	rm -rf "$XDG_STATE_HOME"
	tui_start "$1" "$2" -- "$SAMPLE"
	tui_wait_status "$tag: contents focused" "Contents " || continue
	tui_keys /
	tui_wait_status "$tag: the contents' own prompt" "find in contents"
	tui_keys 拉面 Enter
	tui_wait_status "$tag: a title found" "Contents 13/"
	expect_contains "$tag: the 拉面 article" "$(tui_screen)" "围绕中心"
	tui_wait_status "$tag: still in the contents" "Contents"
	tui_keys /
	tui_wait_status "$tag: prompt again" "find in contents"
	tui_keys 谭天星 Enter
	tui_wait_status "$tag: found by author" "全面贯彻落实"
	tui_keys /
	tui_wait_status "$tag: prompt for a page" "find in contents"
	tui_keys 36 Enter
	tui_wait_status "$tag: found by page" "方寸匠心"
	tui_keys /
	tui_wait_status "$tag: prompt for a common word" "find in contents"
	tui_keys 工会 Enter
	tui_wait_status "$tag: first title with 工会" "工会"
	first=$(tui_status)
	before=$(tui_screen)
	tui_keys n
	tui_wait_change "$tag: n goes to the next" "$before"
	tui_wait_stable
	second=$(tui_status)
	[ "$first" != "$second" ] && ok || fail "$tag: n did not move: '$second'"
	expect_contains "$tag: the next one has 工会 too" "$second" "工会"
	tui_keys P
	tui_wait_status "$tag: P (previous) goes back" "${first%%Contents*}"
	tui_keys /
	tui_wait_status "$tag: prompt for nothing" "find in contents"
	tui_keys 火星 Enter
	tui_wait_status "$tag: not found said" "not in the contents: 火星"
	tui_quit
done
finish

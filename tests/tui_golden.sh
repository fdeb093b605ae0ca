#!/bin/bash
# SPDX-License-Identifier: MIT
# Scripted screens compared with expected text (like tig's tests): the
# fixture bundle from tui_mkbundle, fixed keys, fixed sizes.  A change to
# what the reader shows makes this fail with a diff; when the change is
# meant, regenerate with QIKAN_GOLDEN_UPDATE=1 and review the diff.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

GOLDEN=$QIKAN_SRCDIR/tests/tui_golden
B=$TMP/fixture.qikan
"$TUI_MKBUNDLE" "$B" || { fail "cannot write the fixture bundle"; finish; }

# compare NAME: the screen against tests/tui_golden/NAME.txt
compare() {
	local name=$1 want=$GOLDEN/$1.txt
	tui_wait_stable
	tui_screen >"$TMP/$name.txt"
	if [ -n "${QIKAN_GOLDEN_UPDATE:-}" ]; then
		cp "$TMP/$name.txt" "$want"
		echo "updated $want"
		ok
		return
	fi
	if diff -u "$want" "$TMP/$name.txt" >"$TMP/diff"; then
		ok
	else
		fail "screen $name differs from $want:"
		cat "$TMP/diff" >&2
	fi
}

# 80x24: the first screen, then the first article opened and paged.
tui_start 80 24 -- "$B"
tui_wait "first screen" "2023年第2期"
tui_wait_status "first screen status" "Contents 3/"
compare toc-80x24
tui_keys Enter
tui_wait_status "article open" "%"
compare article-80x24
before=$(tui_screen)
tui_keys Space
tui_wait_change "paged" "$before"
compare article-page2-80x24
tui_quit

# 40x12: the TOC alone, folded and unfolded; the hostile article.
rm -rf "$XDG_STATE_HOME"
tui_start 40 12 -- "$B"
tui_wait_status "narrow start" "Contents 3/"
tui_keys G Enter
tui_wait "second issue unfolded" "新视点"
compare toc-unfolded-40x12
tui_keys g j j j j h
tui_wait_status "section folded" "Contents 5/"
compare toc-folded-40x12
tui_keys l j j j j Enter
tui_wait "hostile article" "响铃"
compare hostile-40x12
tui_quit
finish

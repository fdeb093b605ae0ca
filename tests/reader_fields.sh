#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12 D13: after the author is changed in the form, the article's
# header shows the stored author and page (not only the printed byline),
# and the contents show an author column when the pane is wide (zoomed).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }
B=$TMP/b.qikan

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"
	rm -rf "$XDG_STATE_HOME"
	cp "$SAMPLE" "$B"
	tui_start "$1" "$2" QIKAN_USER=甲 -- "$B"
	tui_wait "$tag: reader up" "2023年第2期" || continue
	tui_keys j j Enter
	tui_wait_status "$tag: article 3 open" "%"
	tui_wait "$tag: author and page in the header" "Author: 王东明 · p. 8"
	tui_keys e
	tui_wait "$tag: form" "Edit “" || continue
	tui_keys Down Down C-u
	tui_keys -l "李四$1"
	tui_keys Enter
	tui_wait_status "$tag: saved" "saved"
	tui_wait "$tag: the new author in the article" "Author: 李四$1 · p. 8"
	if [ "$1" -ge 80 ]; then
		tui_keys Tab z
		tui_wait_gone "$tag: TOC alone" "│"
		tui_wait "$tag: the author column in the wide TOC" "李四$1"
		line=$(tui_screen | grep "在全总十七届")
		expect_contains "$tag: author on the article's row" "$line" "李四$1"
		expect_contains "$tag: page still at the end" "$line" " 8"
	fi
	tui_quit
done
finish

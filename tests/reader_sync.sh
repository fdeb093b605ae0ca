#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12 D4: the contents follow what is open.  `:` 拉面 Enter Enter,
# Tab: the TOC cursor is on the article that was opened, and Enter there
# opens that same article.  The edit form names the article by title,
# issue and section, so with the TOC cursor elsewhere the clerk still
# sees which article `e` edits.  At 80x24 and 40x12.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }
BUNDLE=$TMP/sample.qikan
cp "$SAMPLE" "$BUNDLE"
hit=$("$QIKAN" search --json --limit 1 "$BUNDLE" 拉面 | sed -n 's/.*"title": "\([^"]*\)".*/\1/p' | head -1)
[ -n "$hit" ] || fail "qikan search finds no 拉面"
first=习近平在学习

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"
	rm -rf "$XDG_STATE_HOME"
	tui_start "$1" "$2" -- "$BUNDLE"
	tui_wait "$tag: reader up" "2023年第2期" || continue
	tui_keys :
	tui_wait_status "$tag: prompt" "Search all issues:"
	tui_keys 拉面 Enter
	tui_wait_status "$tag: results" "search: 拉面"
	tui_keys Enter
	tui_wait_status "$tag: result opened" "match 1/"
	tui_keys Tab
	tui_wait_status "$tag: TOC cursor on the opened article" "${hit:0:8}"
	tui_wait_status "$tag: TOC focused" "Contents"
	tui_keys Enter
	tui_wait_status "$tag: Enter in the TOC opens the same article" "%"
	expect_contains "$tag: same article" "$(tui_status)" "${hit:0:4}"
	tui_quit

	# The form names the open article, not the row under the cursor.
	rm -rf "$XDG_STATE_HOME"
	tui_start "$1" "$2" -- "$BUNDLE"
	tui_wait "$tag: reader up again" "2023年第2期" || continue
	tui_keys j j j j
	tui_wait_status "$tag: TOC cursor on article 5" "Contents 7/"
	tui_keys e
	tui_wait "$tag: form names the open article" "Edit “${first:0:2}"
	expect_contains "$tag: form names the issue and section" "$(tui_screen | sed -n 1p)" "2023年第2期 · 学习强会"
	tui_keys Escape
	tui_wait_gone "$tag: form closed" "Edit “"
	tui_quit
done
finish

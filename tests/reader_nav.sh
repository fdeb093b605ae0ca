#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12 D12 and the reading features, in tmux at 80x24 and 40x12:
#  - back ([ or Backspace) from an opened result to the result list, and
#    forward (]) to the article again;
#  - earlier queries come back with Up in the prompt;
#  - Left/Right move the cursor in a prompt, typing goes in at it;
#  - p 36 opens the article printed on page 36;
#  - w writes the open article to a file (.md: Markdown) and says where.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }
B=$TMP/sample.qikan
cp "$SAMPLE" "$B"
total=$("$QIKAN" search --json --limit 1 "$B" 劳模 | sed -n 's/.*"total": \([0-9]*\).*/\1/p')
hit=$("$QIKAN" search --json --limit 1 "$B" 劳模 | sed -n 's/.*"article": \([0-9]*\),.*"title": "\([^"]*\)".*/\1 \2/p' | head -1)
hit_id=${hit%% *}
hit_title=${hit#* }

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"
	rm -rf "$XDG_STATE_HOME"
	tui_start "$1" "$2" -- "$B"
	tui_wait "$tag: reader up" "2023年第2期" || continue

	# back to the result list and forward again
	tui_keys :
	tui_wait_status "$tag: prompt" "Search all issues:"
	tui_keys 劳模 Enter
	tui_wait_status "$tag: results" "1/$total"
	tui_keys j
	tui_wait_status "$tag: second hit selected" "2/$total"
	tui_keys k Enter
	tui_wait_status "$tag: result opened" "match 1/"
	tui_keys '['
	tui_wait_status "$tag: [ goes back to the results" "search: 劳模"
	tui_wait_status "$tag: the same hit selected" "1/$total"
	tui_keys ']'
	tui_wait_status "$tag: ] goes forward to the article" "%"
	expect_contains "$tag: the same article" "$(tui_status)" "${hit_title:0:3}"
	tui_keys BSpace
	tui_wait_status "$tag: Backspace goes back too" "search: 劳模"
	tui_keys Escape

	# query history: Up brings the last query back
	tui_keys :
	tui_wait_status "$tag: prompt again" "Search all issues:"
	tui_keys Up
	tui_wait_status "$tag: Up recalls the query" "Search all issues: 劳模"
	tui_keys C-u
	# Left/Right editing: type the end, go back, put a word before it
	tui_keys -l "工会"
	tui_keys Left Left
	tui_keys -l "劳模 "
	tui_wait_status "$tag: typed at the cursor" "Search all issues: 劳模 工会"
	tui_keys Right
	tui_keys BSpace
	tui_wait_status "$tag: Backspace at the cursor" "Search all issues: 劳模 会"
	tui_keys Enter
	tui_wait_status "$tag: edited query searched" "search: 劳模 会"
	tui_keys Escape

	# p 36: the article printed on page 36
	tui_keys p
	tui_wait_status "$tag: page prompt" "go to page:"
	tui_keys 36 Enter
	tui_wait "$tag: the article on page 36" "方寸匠心"
	tui_wait_status "$tag: page named" "page 36"
	tui_keys p
	tui_wait_status "$tag: page prompt again" "go to page:"
	tui_keys x Enter
	tui_wait_status "$tag: a bad page is explained" "positive whole number"

	# w: the open article written as Markdown, then as text
	tui_keys w
	tui_wait_status "$tag: write prompt with a name" "qikan-"
	tui_keys C-u
	tui_keys -l "$TMP/a-$tag.md"
	tui_keys Enter
	tui_wait_status "$tag: says where" "written to"
	[ -s "$TMP/a-$tag.md" ] && ok || fail "$tag: no Markdown file"
	expect_contains "$tag: Markdown heading" "$(cat "$TMP/a-$tag.md")" "# 方寸匠心 不差毫厘"
	expect_contains "$tag: Markdown kicker" "$(head -1 "$TMP/a-$tag.md")" "*2022年"
	tui_keys w
	tui_wait_status "$tag: write prompt again" "qikan-"
	tui_keys Enter
	tui_wait_status "$tag: text written" "written to"
	f=$(ls "$HOME"/qikan-*.txt 2>/dev/null | head -1)
	[ -n "$f" ] && ok || fail "$tag: no text file in HOME"
	id=$(basename "$f" .txt)
	id=${id#qikan-}
	# the body is what `qikan export` writes for that article
	want=$("$QIKAN" export -f text "$B" "$id" | grep '^　　' | head -1)
	expect_contains "$tag: text as qikan export writes it" "$(cat "$f")" "$want"
	# an existing file: asked before it is overwritten
	tui_keys w
	tui_wait_status "$tag: write prompt a third time" "qikan-"
	tui_keys Enter
	tui_wait_status "$tag: overwrite asked" "overwrite? (y/n)"
	tui_keys n
	tui_wait_status "$tag: not overwritten" "not written"
	rm -f "$HOME"/qikan-*.txt
	tui_quit
done
finish

#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12, the edit form and questions, in tmux:
#  D5  a (y/n) question takes one key: no Enter, no keys piling up;
#  D6  after a resize to 20x5 and back the form is drawn anew: nothing
#      stale at 20x5, and at 80x24 Title and Subtitle are in view again;
#  D7  Esc asks before throwing away changed fields (n keeps them);
#  D14 the status line under the form says the form is open instead of
#      keeping what the panes showed.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }
B=$TMP/b.qikan
cp "$SAMPLE" "$B"
export QIKAN_USER=甲
log_of() { "$QIKAN" log "$B" 1; }

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"
	rm -rf "$XDG_STATE_HOME"
	tui_start "$1" "$2" QIKAN_USER=甲 -- "$B"
	tui_wait "$tag: reader up" "2023年第2期" || continue
	tui_keys Enter
	tui_wait_status "$tag: article 1 open" "%"
	before=$(tui_status)

	# D14: the form's own status line
	tui_keys e
	tui_wait "$tag: form open" "Edit “" || continue
	tui_wait_status "$tag: status line tells the form is open" "editing the article"
	expect_not_contains "$tag: the pane's status is gone" "$(tui_status)" "%"

	# D7: a change, then Esc asks; n keeps the form and the text
	tui_keys Down Down
	tui_keys -l "乙"
	tui_wait "$tag: typed" "乙"
	tui_keys Escape
	tui_wait_status "$tag: Esc asks first" "discard your changes"
	tui_keys n
	tui_wait_status "$tag: n: back in the form" "editing the article"
	expect_contains "$tag: the typed text is kept" "$(tui_screen | grep '^Author')" "乙"
	# an arrow key split by a slow link: Esc, then "[B" as separate keys
	tui_keys Escape
	tui_wait_status "$tag: a lone Esc asks" "discard your changes"
	tui_keys -l "[B"
	tui_wait_stable
	expect_contains "$tag: the rest of the split key does not answer" "$(tui_status)" "discard your changes"
	tui_keys n
	tui_wait_status "$tag: still in the form" "editing the article"
	expect_contains "$tag: text still kept" "$(tui_screen | grep '^Author')" "乙"

	# D6: down to Byline, resize to 20x5 and back
	tui_keys Down
	tui_resize 20 5
	tui_wait_status "$tag: form at 20x5" "editing"
	tui_wait_stable
	expect_not_contains "$tag: no stale row at 20x5" "$(tui_screen | sed -n 5p)" "Byline"
	expect_eq "$tag: nothing wider than 20 at 20x5" "$(tui_screen | "$TUI_SCRCHECK" -1 | sed -n 's/^max_width=//p' | awk '{print ($1 <= 20)}')" 1
	tui_resize "$1" "$2"
	tui_wait "$tag: form drawn again" "Start page"
	tui_wait_stable
	expect_contains "$tag: Title in view again" "$(tui_screen)" "Title"
	expect_contains "$tag: Subtitle in view again" "$(tui_screen)" "Subtitle"
	tui_keys Escape
	tui_wait_status "$tag: asks again" "discard your changes"
	tui_keys y
	tui_wait_status "$tag: cancelled" "cancelled"
	expect_eq "$tag: nothing saved" "$(log_of | grep -c 乙)" 0
	# Esc with nothing changed closes at once
	tui_keys e
	tui_wait "$tag: form open again" "Edit “"
	tui_keys Escape
	tui_wait_gone "$tag: unchanged form closes at once" "Edit “"

	# D5: undo someone else's edit: one key answers
	QIKAN_USER=丙 "$QIKAN" set "$B" 1 "author=丙$tag" >/dev/null || fail "$tag: qikan set failed"
	tui_keys u
	tui_wait_status "$tag: undo asks" "(y/n)"
	tui_keys n
	tui_wait_status "$tag: n answers at once" "not undone"
	tui_keys u
	tui_wait_status "$tag: undo asks again" "(y/n)"
	tui_keys y
	tui_wait_status "$tag: y answers at once" "undid edit"
	expect_contains "$tag: the edit was undone" "$(log_of)" "'丙$tag' ->"
	tui_quit
done
finish

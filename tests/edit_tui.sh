#!/bin/bash
# SPDX-License-Identifier: MIT
# edit_tui.sh — the metadata form (`e`) and undo (`u`) in the real reader,
# driven through tmux: Chinese text typed, the cursor moved and characters
# deleted a whole character at a time, a field scrolling, pasting, the
# section chooser, saving (TOC and article show it at once), cancelling,
# invalid values explained in the form, a stale form refused while another
# process saved (nothing lost), undo, and a read-only bundle.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

B=$TMP/b.qikan
cp "$SAMPLE" "$B"
TITLE=在全总十七届七次执委会议上的讲话
# The form names the article by its title (issue #12 D4).
HEAD="Edit “在全总"
export QIKAN_USER=编辑甲

cursor_x() { tmx display-message -p -t "$TUI_SESSION" '#{cursor_x}'; }
form_line() { tui_screen | grep "^$1" | head -1; }
# poll_for PATTERN CMD...: CMD's output once it matches the shell pattern
# (or its last output after the timeout), for keys a loaded machine has
# not handled yet.
poll_for() {
	local pat=$1 i=0 out
	shift
	while [ $i -lt $((TUI_TIMEOUT * 20)) ]; do
		out=$("$@")
		case $out in $pat) break ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	printf '%s\n' "$out"
}
log_of() { "$QIKAN" log "$B" 3; }

# Opens article 3 from the contents and its form.
open_form() {
	local i before
	tui_keys g
	for i in $(seq 1 20); do
		case $(tui_status) in *"${TITLE:0:8}"*) break ;; esac
		before=$(tui_status)
		tui_keys j
		tui_wait_change "walk the TOC" "$before" >/dev/null || break
	done
	tui_keys Enter
	tui_wait_status "article open" "%" || return 1
	tui_keys e
	tui_wait "form open" "$HEAD" || return 1
	# the status line is drawn with the form; the cursor is placed last
	tui_wait_status "form's status line" "editing the article"
	tui_wait_stable
}

tui_start 100 30 QIKAN_USER=编辑甲 -- "$B"
tui_wait "first screen" "学习强会" || finish
open_form || finish
expect_contains "title field holds the title" "$(form_line Title)" "$TITLE"
expect_contains "section shown by name" "$(form_line Section)" "< 学习强会 >"
expect_contains "page field" "$(form_line 'Start page')" "8"

# --- typing, moving and deleting Chinese text ---
# The field starts after the ASCII label; the title is 16 wide characters.
line=$(form_line Title)
prefix=${line%%"$TITLE"*}
x_home=${#prefix}
x_end=$((x_home + 32))
tui_keys End
expect_eq "End: the cursor after the title" "$(poll_for "$x_end" cursor_x)" "$x_end"
tui_keys -l "（修订）"
tui_wait "typed Chinese" "${TITLE}（修订）"
x_typed=$(cursor_x)
expect_eq "cursor advanced two columns a character" "$x_typed" $((x_end + 8))
tui_keys Left Left Left Left
expect_eq "Left moves one character (two columns) at a time" "$(poll_for "$x_end" cursor_x)" "$x_end"
tui_keys BSpace
tui_wait "backspace deleted one whole character" "在全总十七届七次执委会议上的讲（修订）"
expect_eq "cursor after backspace" "$(cursor_x)" $((x_end - 2))
tui_keys Right DC
tui_wait "Delete removed the character under the cursor" "在全总十七届七次执委会议上的讲（订）"
tui_keys Home
expect_eq "Home goes to the start of the field" "$(poll_for "$x_home" cursor_x)" "$x_home"
tui_keys Right
expect_eq "Right moves over one wide character" "$(poll_for $((x_home + 2)) cursor_x)" $((x_home + 2))
tui_keys Enter
tui_wait_status "saved" "saved (version 2)"
tui_wait_gone "form closed" "$HEAD"
tui_wait "the article pane shows the new title" "在全总十七届七次执委会议上的讲（订）"
toc=$(tui_screen | sed 's/│.*//')
expect_contains "the TOC shows the new title at once" "$toc" "在全总十七届七次执委会议上的讲…"
expect_not_contains "the old title is gone from the TOC" "$toc" "$TITLE"
expect_contains "logged" "$(log_of)" "title: '$TITLE' -> '在全总十七届七次执委会议上的讲（订）'"
expect_contains "logged by the editor" "$(log_of)" "编辑甲"

# --- cancel: nothing saved ---
before=$(log_of)
tui_keys e
tui_wait "form again" "$HEAD"
tui_keys Down Down
tui_keys -l "不要保存"
tui_wait "typed in author" "王东明不要保存"
tui_keys Escape
tui_wait_status "Esc asks before discarding changed fields" "discard your changes"
tui_keys y
tui_wait_status "cancelled" "cancelled"
tui_wait_gone "form closed after Esc" "$HEAD"
expect_eq "Esc saved nothing" "$(log_of)" "$before"

# --- invalid values: explained in the form, not saved ---
tui_keys e
tui_wait "form for invalid values" "$HEAD"
tui_keys C-u Enter
tui_wait "empty title explained" "title must not be empty"
expect_contains "form still open" "$(tui_screen)" "$HEAD"
tui_keys -l "标题"
tui_keys Down Down Down Down Down C-u
tui_keys -l "999"
tui_keys Enter
tui_wait "page beyond the issue explained" "beyond this issue"
tui_keys C-u
tui_keys -l "八"
tui_keys Enter
tui_wait "page not a number explained" "positive whole number"
tui_keys Escape
tui_wait_status "asks before discarding the invalid values" "discard your changes"
tui_keys y
tui_wait_gone "form closed" "$HEAD"
expect_eq "invalid values saved nothing" "$(log_of)" "$before"

# --- section chooser and page ---
tui_keys e
tui_wait "form for section" "$HEAD"
tui_keys Down Down Down Down Right
tui_wait "next section chosen" "< 新视点 >"
tui_keys Down C-u
tui_keys -l "9"
tui_keys Enter
tui_wait_status "section and page saved" "saved (version 3)"
line=$("$QIKAN" toc --format text "$B" | grep '^ *3 ')
expect_contains "section saved" "$line" "新视点"
expect_contains "page saved" "$line" " 9"

# --- paste: line breaks in pasted text do not save the form ---
tui_keys e
tui_wait "form for paste" "$HEAD"
tui_keys Down Down End
tmx set-buffer -b qk $'、张三\n李四'
tmx paste-buffer -b qk -t "$TUI_SESSION"
tui_wait "pasted text in the field" "王东明、张三 李四"
expect_contains "the paste did not save the form" "$(tui_screen)" "$HEAD"
tui_keys Enter
tui_wait_status "saved after paste" "saved (version 4)"
expect_contains "pasted author saved" "$(log_of)" "author: '王东明' -> '王东明、张三 李四'"

# --- undo with u ---
tui_keys u
tui_wait_status "u undid the last edit" "undid edit"
expect_contains "undo logged" "$(log_of)" "author: '王东明、张三 李四' -> '王东明'"

# --- a stale form: another process saves while the form is open ---
tui_keys e
tui_wait "form before the other save" "$HEAD"
QIKAN_USER=编辑乙 "$QIKAN" set "$B" 3 "byline=□ 乙的署名" >/dev/null || fail "the other process could not save"
tui_keys Down Down Down C-u
tui_keys -l "□ 甲的署名"
tui_keys Enter
tui_wait "stale save refused" "Not saved: someone changed this article"
tui_wait "the other value is shown" "□ 乙的署名"
expect_contains "who saved it" "$(tui_screen)" "编辑乙"
expect_contains "byline not overwritten" "$("$QIKAN" show "$B" 3)" "乙的署名"
tui_keys C-r
tui_wait "reloaded" "Loaded version"
expect_contains "typed text kept after reload" "$(form_line Byline)" "甲的署名"
tui_keys Enter
tui_wait_status "saved over the newer version after reload" "saved (version 7)"
log=$(log_of)
expect_contains "the other editor's save is in the log" "$log" "-> '□ 乙的署名'"
expect_contains "and ours after it" "$log" "'□ 乙的署名' -> '□ 甲的署名'"

# --- a long value scrolls in a narrow field ---
tui_resize 40 12
tui_wait_redrawn "redrawn at 40x12"
tui_keys e
tui_wait "form at 40x12" "$HEAD"
tui_keys End
t=$(poll_for "*（订）*" form_line Title)
expect_contains "the end of a long title is in view" "$t" "（订）"
expect_contains "scrolled-out text is marked" "$t" "<"
tui_keys Home
t=$(poll_for "*在全总十七届*" form_line Title)
expect_contains "Home shows the start again" "$t" "在全总十七届"
expect_contains "text beyond the box is marked" "$t" ">"
tui_keys Escape
tui_wait_gone "form closed at 40x12" "$HEAD"

# --- the terminal resized while the form is open ---
tui_resize 100 30
tui_wait_redrawn "redrawn at 100x30"
tui_keys e
tui_wait "form before resizing" "Left/Right section"
tui_resize 20 5
tui_wait "form laid out again at 20x5 (narrow labels)" "Title <"
tui_resize 100 30
tui_wait "form laid out again at 100x30" "Left/Right section"
tui_keys Escape
tui_wait_gone "form closed after resizing" "$HEAD"
tui_wait_redrawn "panes laid out for the new size after the form"

# --- a combining mark goes with its letter ---
tui_keys e
tui_wait "form for combining marks" "$HEAD"
tui_keys Down C-u
tui_keys -l $'xa\xcc\x88'
sleep 0.3
tui_keys BSpace
tui_keys -l "y"
sleep 0.3
tui_keys Enter
tui_wait_status "subtitle saved" "saved"
expect_contains "backspace took the letter and its mark together" "$(log_of)" "-> 'xy'"
tui_quit

# --- read-only: `e` says so at once ---
RO=$TMP/ro
mkdir -p "$RO/state"
cp "$SAMPLE" "$RO/b.qikan"
chmod 755 "$TMP" "$RO"
chmod 777 "$RO/state"
chmod 444 "$RO/b.qikan"
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null; then
		printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups "%s" "$@"\n' "$QIKAN" >"$TMP/as-nobody"
		chmod 755 "$TMP/as-nobody"
		TUI_PROG=$TMP/as-nobody
	else
		echo "SKIP read-only case: running as root without setpriv"
		finish
	fi
fi
XDG_STATE_HOME=$RO/state tui_start 100 30 -- "$RO/b.qikan"
tui_wait "read-only bundle opens" "学习强会"
tui_keys e
tui_wait_status "e on a read-only bundle says so" "read-only"
expect_not_contains "no form on a read-only bundle" "$(tui_screen)" "Edit “"
tui_keys u
tui_wait_status "u on a read-only bundle says so" "read-only"
TUI_PROG=
finish

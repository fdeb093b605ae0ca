#!/bin/bash
# SPDX-License-Identifier: MIT
# hostile_tui.sh — the reader's `:` uses the query parser that a query of
# 65,000 nested brackets overflowed (issue #10): a query nested deeper than
# the limit is a message on the status line and the reader goes on (the
# prompt holds at most 512 bytes, so 250 levels is the deepest it can take).
# And a title holding a line break (U+2028, LF) cannot draw a fake line:
# the TOC row and the article heading show the break, the title stays one
# line.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

BUNDLE=$TMP/sample.qikan
cp "$SAMPLE" "$BUNDLE"
open=$(printf '%250s' '' | tr ' ' '(')
close=$(printf '%250s' '' | tr ' ' ')')

tui_start 100 30 -- "$BUNDLE"
tui_wait "reader up" "2023年第2期"
tui_keys :
tui_wait_status "prompt" "Search all issues:"
tui_keys -l "${open}x${close}"
tui_keys Enter
tui_wait_status "too deep: said so" "nested more than 32 deep"
# The reader is alive and searches on.
tui_keys :
tui_wait_status "prompt again" "Search all issues:"
tui_keys "工会" Enter
tui_wait_status "a query after it works" "search: 工会"
tui_keys Escape
tui_quit

cp "$SAMPLE" "$BUNDLE"
sqlite3 "$BUNDLE" "UPDATE article SET title = '讲话' || char(8232) || '□ FAKE BYLINE' WHERE id = 3;
	UPDATE article SET subtitle = '副' || char(10) || 'FAKE SUB' WHERE id = 3" || fail "sqlite3"
rm -rf "${XDG_STATE_HOME:?}/qikan" # from the top of the TOC again
tui_start 100 30 -- "$BUNDLE"
tui_wait "breaks: reader up" "2023年第2期"
tui_wait "breaks: the TOC row shows the separator" "讲话<U+2028>□ FAKE BYLINE"
tui_keys j j Enter
tui_wait "breaks: the article" "Author: 王东明"
screen=$(tui_screen | sed 's/^.*│//')
expect_eq "breaks: no article line starts with the fake" "$(printf '%s\n' "$screen" | grep -c '^\(□ FAKE\|FAKE\)')" 0
expect_contains "breaks: the heading shows the title's break" "$screen" "讲话<U+2028>□ FAKE BYLINE"
expect_contains "breaks: the heading shows the subtitle's LF" "$screen" "副^JFAKE SUB"
tui_quit
finish

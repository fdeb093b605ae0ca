#!/bin/bash
# SPDX-License-Identifier: MIT
# Full-text search in the reader (tmux, 100x30 and 60x20): `:` asks for a
# query; the results pane lists the articles best first (the same order as
# `qikan search`) with the match highlighted; Enter opens the article at
# its first match and n goes to the next; bad syntax is a message on the
# status line; Ctrl-F works too; Esc goes back to the article.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }
BUNDLE=$TMP/sample.qikan
cp "$SAMPLE" "$BUNDLE"

json() { "$QIKAN" search --json "$@"; }
total=$(json --limit 1 "$BUNDLE" 户外劳动者 | sed -n 's/.*"total": \([0-9]*\).*/\1/p')
first=$(json --limit 1 "$BUNDLE" 户外劳动者 | sed -n 's/.*"title": "\([^"]*\)".*/\1/p' | head -1)
second=$(json --limit 2 "$BUNDLE" 户外劳动者 | sed -n 's/.*"title": "\([^"]*\)".*/\1/p' | sed -n 2p)
[ "${total:-0}" -gt 1 ] || fail "qikan search found too few articles for the test: '$total'"

tui_start 100 30 -- "$BUNDLE"
tui_wait "reader up" "2023年第2期"
tui_keys :
tui_wait_status "prompt" "Search all issues:"
tui_keys "户外劳动者" Enter
tui_wait_status "results counted" "search: 户外劳动者  $total articles"
tui_wait_status "position in results" "1/$total"
# the best hits first, in the order `qikan search` gives; titles may be
# cut to the pane, so their first ten characters are looked for
tui_wait "first hit" "1. ${first:0:10}"
tui_wait "second hit" "2. ${second:0:10}"
# matches in the snippets are drawn in another colour or attribute
n=$(tui_screen_attrs | grep -c $'\e\\[[0-9;]*m户外劳动者')
[ "$n" -ge 1 ] && ok || fail "no highlighted match in the results"

# Enter: the article, at the first match; n: the next one
tui_keys Enter
tui_wait_status "article at a match" "match 1/"
[ "$(tui_screen | grep -c 户外劳动者)" -ge 1 ] && ok || fail "the match is not on screen"
tui_wait "article title" "${first:0:10}"
tui_keys n
tui_wait_status "next match" "match 2/"

# Ctrl-F, the other key; j moves to the second hit
tui_keys C-f
tui_wait_status "prompt again" "Search all issues:"
tui_keys "户外劳动者" Enter
tui_wait_status "results again" "1/$total"
tui_keys j
tui_wait_status "second hit selected" "2/$total"
tui_keys Enter
tui_wait "second article" "${second:0:10}"
tui_wait_status "second article at a match" "match 1/"

# bad syntax: a message, the reader goes on
tui_keys :
tui_wait_status "prompt for a bad query" "Search all issues:"
tui_keys "(工会" Enter
tui_wait_status "bad query explained" "missing ')'"
# nothing found
tui_keys :
tui_wait_status "prompt for a missing word" "Search all issues:"
tui_keys "火星探测" Enter
tui_wait_status "nothing found" "nothing found: 火星探测"
# Esc goes back to the article
tui_keys Escape
tui_wait_gone "results left" "search: 火星探测"
tui_quit

# a narrow terminal: the results take the whole screen, and still work
tui_start 60 20 -- "$BUNDLE"
tui_wait "reader up (narrow)" "2023年第2期"
tui_keys C-f
tui_wait_status "prompt (narrow)" "Search all issues:"
tui_keys "劳模" Enter
tui_wait_status "results (narrow)" "search: 劳模"
[ "$(tui_screen | "$TUI_SCRCHECK" -1 | sed -n 's/^max_width=//p')" -le 60 ] && ok || fail "a line is wider than 60"
tui_keys Enter
tui_wait_status "article (narrow)" "match 1/"
tui_quit

finish

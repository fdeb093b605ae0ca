#!/bin/bash
# SPDX-License-Identifier: MIT
# hostile_tui.sh — the reader's `:` uses the query parser that a query of
# 65,000 nested brackets overflowed (issue #10): a query nested deeper than
# the limit is a message on the status line and the reader goes on (the
# prompt holds at most 512 bytes, so 250 levels is the deepest it can take).
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
finish

#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12 D9: messages speak the UI's language first, count right, name
# keys as the keyboard does, show every config problem, and the
# too-small note says the minimum.  At 80x24 and 40x12.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }
mkdir -p "$XDG_CONFIG_HOME/qikan"
CONF=$XDG_CONFIG_HOME/qikan/config.ini

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"

	# The Chinese UI: a bad query is explained in Chinese first.
	printf '[qikan]\nlanguage = zh\n' >"$CONF"
	tui_start "$1" "$2" -- "$SAMPLE"
	tui_wait "$tag zh: reader up" "2023年第2期" || continue
	tui_keys :
	tui_wait_status "$tag zh: prompt" "全文搜索："
	tui_keys "(工会" Enter
	tui_wait_status "$tag zh: bad query explained" "缺少右括号"
	case $(tui_status) in 缺少右括号*) ok ;; *) fail "$tag zh: not Chinese first: '$(tui_status)'" ;; esac
	tui_quit

	# English: one article, not "1 articles"; keys by their names.
	printf '[qikan]\nlanguage = en\n' >"$CONF"
	tui_start "$1" "$2" -- "$SAMPLE"
	tui_wait "$tag en: reader up" "2023年第2期" || continue
	tui_keys :
	tui_wait_status "$tag en: prompt" "Search all issues:"
	tui_keys 锦旗 Enter
	tui_wait_status "$tag en: one hit" "search: 锦旗  1 article"
	expect_not_contains "$tag en: singular" "$(tui_status)" "1 articles"
	tui_keys Escape
	tui_wait_gone "$tag en: results closed" "search: 锦旗"
	tui_keys Tab
	tui_keys DC
	tui_wait_status "$tag en: unbound key named" "key Delete does nothing"
	expect_not_contains "$tag en: no curses name" "$(tui_status)" "KEY_"
	tui_keys F12
	tui_wait_status "$tag en: function key named" "key F12 does nothing"
	tui_quit

	# Three config problems: the status line counts them, ? lists all.
	printf '[qikan]\nambiguous = sideways\ntheme = no-such-theme\nreading_speed = fast\n' >"$CONF"
	tui_start "$1" "$2" -- "$SAMPLE"
	tui_wait_status "$tag: config problems counted" "3 config problems"
	tui_keys '?'
	tui_wait "$tag: help lists the problems" "Problems in the configuration"
	flat=""
	for i in 1 2 3; do # the problems may take more than a page
		tui_wait_stable
		flat="$flat$(tui_screen | sed '$d' | tr -d '\n ')"
		tui_keys Space
	done
	expect_contains "$tag: first problem shown" "$flat" "config.ini:2"
	expect_contains "$tag: second problem shown" "$flat" "no-such-theme"
	expect_contains "$tag: third problem shown" "$flat" "config.ini:4"
	tui_keys q
	tui_wait_gone "$tag: help closed" "Problems in the configuration"
	rm -f "$CONF"

	# Too small: the note says the minimum.
	tui_resize 15 4
	tui_wait "$tag: too small" "too small"
	tui_wait "$tag: the minimum is named" "20x5"
	tui_resize "$1" "$2"
	tui_wait_gone "$tag: back" "too small"
	tui_quit
done
finish

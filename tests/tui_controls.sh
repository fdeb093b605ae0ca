#!/bin/bash
# SPDX-License-Identifier: MIT
# Hostile article text (ESC/CSI/OSC/DCS sequences, BEL, C1 controls, bidi
# overrides, zero-width characters, terminal queries) is shown as visible
# placeholders: nothing of it reaches the terminal raw.  Checked both on
# the screen tmux shows and on the bytes qikan wrote (tmux pipe-pane).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

B=$TMP/hostile.qikan
"$TUI_MKBUNDLE" "$B" || { fail "cannot write the fixture bundle"; finish; }

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"
	tui_kill
	rm -rf "$XDG_STATE_HOME"
	tui_start "$1" "$2" -- "$B"
	: >"$TMP/raw"
	tmx pipe-pane -o -t "$TUI_SESSION" "cat >>$TMP/raw"
	title0=$(tmx display -p -t "$TUI_SESSION" '#{pane_title}')
	tui_wait "$tag: first screen" "2023年第2期" || continue

	# Walk the TOC to the hostile article (its title carries an OSC).
	for i in $(seq 1 20); do
		case $(tui_status) in *控制字符测试*) break ;; esac
		before=$(tui_status)
		tui_keys j
		n=0
		while [ "$(tui_status)" = "$before" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
	done
	tui_wait_status "$tag: TOC reaches the hostile article" "控制字符测试" || continue
	tui_keys Enter
	tui_wait "$tag: article body shown" "响铃" || continue
	tui_wait "$tag: C1 controls shown as placeholders" "U+009B"
	screen=$(tui_screen)

	# On screen: the sequences are visible text, the screen was not
	# cleared, the title did not change, no reply was typed back.
	expect_contains "$tag: ESC shown as ^[" "$screen" "^[[2J"
	expect_contains "$tag: BEL shown as ^G" "$screen" "^G"
	expect_contains "$tag: bidi override shown" "$screen" "U+202E"
	expect_contains "$tag: zero-width space shown" "$screen" "U+200B"
	expect_contains "$tag: text before the clear survives" "$screen" "第一段"
	if [ "$1" -ge 80 ]; then
		expect_contains "$tag: TOC pane still on screen" "$screen" "学习强会"
	fi
	expect_eq "$tag: pane title unchanged by OSC" "$(tmx display -p -t "$TUI_SESSION" '#{pane_title}')" "$title0"
	expect_not_contains "$tag: no terminal reply read as keys" "$(tui_status)" "does nothing"

	# Scroll and search over it too, then look at the raw bytes.
	tui_keys /
	tui_wait_status "$tag: search prompt" "search:"
	tui_keys "PWNED" Enter
	tui_wait_status "$tag: search finds the placeholder text" "match 1/"
	tui_quit
	raw=$(od -An -v -tx1 "$TMP/raw" | tr -s ' \n' ' ')
	[ -s "$TMP/raw" ] && ok || fail "$tag: no output captured"
	expect_not_contains "$tag: no BEL written" "$raw" " 07 "
	expect_not_contains "$tag: no OSC written" "$raw" " 1b 5d "
	expect_not_contains "$tag: no DCS written" "$raw" " 1b 50 "
	# The start-up probe asks for the cursor position before curses
	# takes the screen (smcup, ESC [?1049h); the article must not.
	expect_not_contains "$tag: no cursor position query written" "${raw#*" 1b 5b 3f 31 30 34 39 68 "}" " 1b 5b 36 6e "
	expect_not_contains "$tag: no RLO written" "$raw" " e2 80 ae "
	expect_not_contains "$tag: no zero-width space written" "$raw" " e2 80 8b "
	for c1 in 80 85 8d 8e 8f 90 9b 9c 9d 9e 9f; do
		expect_not_contains "$tag: no C1 U+00$c1 written" "$raw" " c2 $c1 "
	done
	case $(LC_ALL=C grep -c 'PWNED' "$TMP/raw") in 0) fail "$tag: the placeholder text was not written" ;; *) ok ;; esac
done
finish

#!/bin/bash
# SPDX-License-Identifier: MIT
# tui_term.sh — the edges of the terminal world, in the real reader under
# tmux: the stacked layout (layout = stacked), the help screen telling
# what the terminal does, the mouse (wheel scrolls the pane under the
# pointer, a click selects a TOC row; mouse = false turns reporting off),
# TERM=dumb refused, the Linux console told to use fbterm or zhcon.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

conf() {
	mkdir -p "$XDG_CONFIG_HOME/qikan"
	printf '[qikan]\n%s\n' "$1" >"$XDG_CONFIG_HOME/qikan/config.ini"
}
pct() { tui_status | grep -o '[0-9]*%$' | tr -d %; }
# mouse_at X Y BUTTON: an X10 mouse report (what TERM=screen sends), 0-based.
mouse_at() {
	local b c x y
	b=$(printf "\\$(printf '%03o' $((32 + $3)))")
	x=$(printf "\\$(printf '%03o' $((33 + $1)))")
	y=$(printf "\\$(printf '%03o' $((33 + $2)))")
	c=$(printf '\033[M%s%s%s' "$b" "$x" "$y")
	tui_keys -l "$c"
}

# --- stacked: a TOC strip, a rule, the article full width below ---
conf "layout = stacked"
tui_start 80 24 -- "$SAMPLE"
tui_wait "stacked: first screen" "学习强会" || finish
tui_wait "stacked: the rule under the TOC strip" "────────────────"
tui_keys Enter
tui_wait_status "stacked: article open" "%"
screen=$(tui_screen)
rule=$(printf '%s\n' "$screen" | grep -n '^────' | cut -d: -f1)
[ -n "$rule" ] && [ "$rule" -ge 4 ] && [ "$rule" -le 9 ] && ok || fail "stacked: rule at line '$rule'"
below=$(printf '%s\n' "$screen" | sed -n "$((rule + 1)),$((TUI_H - 1))p")
expect_contains "stacked: the article below the strip" "$below" "习近平在学习贯彻"
expect_not_contains "stacked: no side-by-side separator" "$screen" "│"
# Full width: some article line is wider than a side pane could be.
w=$(printf '%s\n' "$below" | "$TUI_SCRCHECK" -1 | sed -n 's/^max_width=//p')
[ "$w" -ge 76 ] && ok || fail "stacked: article lines only $w wide"
p0=$(pct)
old=$(tui_screen)
tui_keys j
tui_wait_change "stacked: j scrolls" "$old"
tui_keys '?'
tui_wait "help: what the terminal does" "terminal: ambiguous 1 col (probed)"
expect_contains "help: the layout in use" "$(tui_screen)" "stacked"
tui_keys q
tui_wait_gone "help closed" "terminal: ambiguous"
tui_quit

# --- the mouse, side by side at 100x30 ---
conf "layout = side"
rm -rf "$XDG_STATE_HOME"
tui_start 100 30 -- "$SAMPLE"
tui_wait "mouse: first screen" "学习强会" || finish
expect_eq "mouse: reporting asked for" "$(tmx display -p -t "$TUI_SESSION" '#{mouse_any_flag}')" 1
# A click on the TOC row of 在全总十七届七次执委会议上的讲话 (row 5).
row=$(tui_screen | grep -n '在全总十七届七次执委会议上的讲话' | head -1 | cut -d: -f1)
mouse_at 5 $((row - 1)) 0
mouse_at 5 $((row - 1)) 3
tui_wait_status "mouse: a click selects the TOC row" "在全总十七届七次执委会议上的讲话"
# A second click on the selected row opens it, as Enter.
mouse_at 5 $((row - 1)) 0
mouse_at 5 $((row - 1)) 3
tui_wait "mouse: the clicked article opens" "在全总十七届七次执委会议上的讲话"
tui_wait_status "mouse: article pane focused" "%"
p0=$(pct)
# The wheel over the article pane scrolls it, the TOC stays.
toc0=$(tui_screen | cut -c1-30)
mouse_at 60 10 65
mouse_at 60 10 65
i=0
while [ "$(pct)" = "$p0" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(pct)" -gt "$p0" ] && ok || fail "mouse: wheel down did not scroll the article ($p0% -> $(pct)%)"
expect_eq "mouse: the TOC did not move" "$(tui_screen | cut -c1-30)" "$toc0"
expect_not_contains "mouse: no stray keys" "$(tui_status)" "does nothing"
tui_quit

conf "mouse = false"
tui_start 100 30 -- "$SAMPLE"
tui_wait "mouse = false: first screen" "学习强会"
expect_eq "mouse = false: reporting not asked for" "$(tmx display -p -t "$TUI_SESSION" '#{mouse_any_flag}')" 0
tui_quit
rm -f "$XDG_CONFIG_HOME/qikan/config.ini"

# --- TERM=dumb: refused with a message, like an unknown TERM ---
tui_start 80 24 TERM=dumb -- "$SAMPLE"
tui_wait "dumb: exits" "QIKAN-EXIT=2"
expect_contains "dumb: says why" "$(cat "$TMP/tui-stderr")" "the terminal type 'dumb' cannot move the cursor"

# --- the Linux console: no CJK glyphs there ---
tui_start 80 24 TERM=linux -- "$SAMPLE"
tui_wait "linux console: starts" "学习强会"
tui_wait_status "linux console: points to fbterm/zhcon" "run qikan inside fbterm or zhcon"
tui_quit
finish

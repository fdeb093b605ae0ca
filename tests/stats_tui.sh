#!/bin/bash
# SPDX-License-Identifier: MIT
# The stats pane in tmux at 80x24 and 120x40: `s` shows it with bar charts
# whose lengths follow the figures of `qikan stats --json`; it follows the
# TOC cursor; Enter switches to the whole bundle; it scrolls; it is drawn
# again for a new size after a resize; a metadata edit made meanwhile shows
# up; [stats] bars = ascii gives '#' bars.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }
BUNDLE=$TMP/sample.qikan
cp "$SAMPLE" "$BUNDLE"

# The stats pane's part of the screen: after the separator when the panes
# are side by side.
pane() { tui_screen | sed -n "1,$((TUI_H - 1))p" | sed 's/^.*│//'; }

# find_in_pane TEXT: pages through the pane with Space, waiting for each
# page to be drawn (a loaded machine draws late), until TEXT shows or a
# Space changes nothing (the end); prints yes or no.
find_in_pane() {
	local i=0 before now
	tui_wait_stable
	now=$(pane)
	while [ $i -lt 30 ]; do
		case $now in *"$1"*) echo yes; return ;; esac
		before=$now
		tui_keys Space
		tui_wait_stable
		now=$(pane)
		[ "$now" = "$before" ] && break
		i=$((i + 1))
	done
	echo no
}

# check_bars WHAT: every bar row of the section chart on screen has a bar
# as long as its figure's share of the largest one (to a cell), the figures
# are those of `qikan stats --json`, and no line is wider than the terminal.
check_bars() {
	local what=$1 out
	pane >"$TMP/pane"
	out=$(python3 - "$TMP/pane" "$TMP/whole.json" <<'EOF'
import json, sys
pane = open(sys.argv[1], encoding="utf-8").read().split("\n")
figs = {s["name"]: s["characters"]["total"] for s in json.load(open(sys.argv[2]))["sections"]}
eighths = {"█": 8, "▉": 7, "▊": 6, "▋": 5, "▌": 4, "▍": 3, "▎": 2, "▏": 1}
rows = []
for line in pane:
    parts = line.split()
    if len(parts) >= 3 and parts[0] in figs and parts[1][0] in eighths:
        bar = parts[1]
        if any(c not in eighths for c in bar):
            print("odd bar", line); sys.exit(1)
        value = int(parts[-1].replace(",", ""))
        if value != figs[parts[0]]:
            print("figure of %s: %d, want %d" % (parts[0], value, figs[parts[0]])); sys.exit(1)
        rows.append((parts[0], sum(eighths[c] for c in bar) / 8.0, value))
if len(rows) < 3:
    print("only %d bar rows on screen" % len(rows)); sys.exit(1)
top = max(rows, key=lambda r: r[2])
width = top[1]  # the largest figure's bar fills the bar column
for name, cells, value in rows:
    want = value / top[2] * width
    if abs(cells - want) > 1.0:
        print("bar of %s: %.2f cells, want %.2f" % (name, cells, want)); sys.exit(1)
print("ok %d" % len(rows))
EOF
	)
	case $out in ok*) ok ;; *) fail "$what: $out"; sed 's/^/  | /' "$TMP/pane" >&2 ;; esac
	[ "$(tui_screen | "$TUI_SCRCHECK" -1 | sed -n 's/^max_width=//p')" -le "$TUI_W" ] && ok ||
		fail "$what: a line is wider than $TUI_W"
}

"$QIKAN" stats --json "$BUNDLE" >"$TMP/whole.json" || fail "qikan stats --json"

run_size() {
	local W=$1 H=$2 tag="$1x$2" i
	tui_start "$W" "$H" -- "$BUNDLE"
	tui_wait "$tag first screen" "2023年第2期" || return
	tui_keys s
	tui_wait "$tag: s shows the stats pane" "Characters per section" || return
	tui_wait_status "$tag: status names the pane" "Statistics"
	expect_contains "$tag: bars drawn with blocks" "$(pane)" "█"

	# The TOC cursor on 新视点: the pane counts that section.
	tui_keys Tab g
	tui_wait_status "$tag: TOC at the top" "Contents 1/"
	for i in $(seq 1 20); do
		case $(tui_status) in *新视点*) break ;; esac
		tui_keys j
		sleep 0.05
	done
	tui_wait "$tag: the pane follows the TOC" "> 新视点"
	expect_contains "$tag: 新视点 articles" "$(pane)" "Articles $(python3 -c '
import json, sys
s = [s for s in json.load(open(sys.argv[1]))["sections"] if s["name"] == "新视点"][0]
print("%d (%d not in TOC)" % (s["articles"], s["articles"] - s["articles_in_toc"]))' "$TMP/whole.json")"

	# Enter in the pane: the whole bundle.
	tui_keys Tab Enter
	tui_wait "$tag: Enter gives the whole bundle" "Statistics: whole bundle" || return
	tui_wait "$tag: whole-bundle chart" "理论研究"
	check_bars "$tag whole bundle"

	# It scrolls: G shows the end, g the top again.
	tui_keys G
	tui_wait "$tag: G scrolls to the end" "Not in the TOC (0)"
	tui_keys g
	tui_wait "$tag: g back to the top" "Statistics: whole bundle"
}

run_size 80 24
run_size 120 40

# A resize redraws the pane for the new size, bars and all.
tui_resize 80 24
tui_wait_redrawn "resize 120x40 -> 80x24"
check_bars "after resize to 80x24"
tui_resize 100 30
tui_wait_redrawn "resize 80x24 -> 100x30"
check_bars "after resize to 100x30"

# A metadata edit made meanwhile (here by `qikan set`) shows up at the
# next redraw of the pane.
"$QIKAN" set "$BUNDLE" 在全总十七届七次执委会议上的讲话 author=李测试 >/dev/null 2>&1 ||
	fail "qikan set"
tui_keys g
expect_eq "the edited author shows in the pane" "$(find_in_pane 李测试)" yes
tui_quit

# An edit in the reader's own form (e) shows in the pane at once: the
# first article (of 学习强会, the section on show) gets an author.
tui_start 120 40 -- "$BUNDLE"
tui_wait "form edit: first screen" "2023年第2期"
tui_keys s
tui_wait "form edit: the pane" "Articles per author"
expect_not_contains "form edit: no such author yet" "$(pane)" "张测二"
tui_keys e
tui_wait "form edit: the form" "Edit “" || finish
tui_keys Down Down
tui_keys -l "张测二"
tui_keys Enter
tui_wait_gone "form edit: form closed" "Edit “"
tui_wait "form edit: the pane shows the new author" "张测二"
# and in the whole-bundle figures too
tui_keys Enter
tui_wait "form edit: whole bundle" "Statistics: whole bundle"
tui_keys e
tui_wait "form edit: the form again" "Edit “" || finish
tui_keys Down Down End
tui_keys -l "丙"
tui_keys Enter
tui_wait_gone "form edit: form closed again" "Edit “"
expect_eq "form edit: the whole-bundle pane shows the new author" "$(find_in_pane 张测二丙)" yes
tui_quit

# [stats] bars = ascii: '#' bars, no block characters.
mkdir -p "$XDG_CONFIG_HOME/qikan"
printf '[stats]\nbars = ascii\n' >"$XDG_CONFIG_HOME/qikan/config.ini"
tui_start 120 40 -- "$BUNDLE"
tui_wait "ascii: first screen" "2023年第2期"
tui_keys s
tui_wait "ascii: pane" "Characters per section"
expect_contains "ascii: '#' bars" "$(pane)" "####"
expect_not_contains "ascii: no blocks" "$(pane)" "█"
expect_not_contains "ascii: no config warning" "$(tui_status)" "config"
tui_quit
finish

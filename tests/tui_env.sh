#!/bin/bash
# SPDX-License-Identifier: MIT
# The reader's surroundings: locale, terminal, config file, colours,
# language, the default bundle, keys of features still to come, signals.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

# Each run starts without reading state (which would open the last
# article instead of the contents), unless KEEP_STATE is set.
tui_start_fresh() {
	tui_kill
	[ -n "${KEEP_STATE:-}" ] || rm -rf "$XDG_STATE_HOME"
	tui_start "$@"
}

# A locale whose charset has no Chinese: a clear message in ASCII (the
# terminal may show nothing else) naming the locales to use, before any
# screen work.
expect_status "non-Chinese locale refused" 2 env LC_ALL=C "$QIKAN" "$SAMPLE"
expect_contains "non-Chinese locale: says so" "$(cat "$TMP/err")" "(ANSI_X3.4-1968) cannot show Chinese"
expect_contains "non-Chinese locale: names the locales" "$(cat "$TMP/err")" "LANG=zh_CN.UTF-8, or LANG=zh_CN.GB18030"
expect_eq "non-Chinese locale: the message is ASCII" "$(LC_ALL=C tr -d '\000-\177' <"$TMP/err" | wc -c)" 0

# LANG names a UTF-8 locale this machine lacks: characters still work
# (C.UTF-8), and the UI speaks Chinese.
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	tui_start_fresh 80 24 LC_ALL= LC_CTYPE= LANG=zh_CN.UTF-8 -- "$SAMPLE"
	tui_wait_status "LANG=zh_CN.UTF-8 not installed: still starts, in Chinese" "目录"
	tui_quit
fi

# Not a terminal.
expect_status "no terminal refused" 2 "$QIKAN" "$SAMPLE" </dev/null
expect_contains "no terminal: says so" "$(cat "$TMP/err")" "needs a terminal"
expect_status "bad option" 2 "$QIKAN" --frobnicate

# An unknown terminal type fails cleanly.  (ncurses' newterm() keeps an
# allocation when it fails; not ours, so the leak check is off here.)
tui_start_fresh 80 24 TERM=no-such-terminal ASAN_OPTIONS=detect_leaks=0 -- "$SAMPLE"
tui_wait "unknown TERM: exits" "QIKAN-EXIT=2"
expect_contains "unknown TERM: message" "$(cat "$TMP/tui-stderr")" "terminal type"

# A missing bundle: one message naming it, exit 2.
tui_start_fresh 80 24 -- "$TMP/none.qikan"
tui_wait "missing bundle: exits" "QIKAN-EXIT=2"
expect_contains "missing bundle: named" "$(cat "$TMP/tui-stderr")" "none.qikan"

# No argument: the bundle from config.ini ...
mkdir -p "$XDG_CONFIG_HOME/qikan"
printf '[qikan]\nbundle = %s\n' "$SAMPLE" >"$XDG_CONFIG_HOME/qikan/config.ini"
tui_start_fresh 80 24 --
tui_wait_status "no argument: configured bundle opens" "Contents"
tui_quit
# ... else the installed sample.
rm "$XDG_CONFIG_HOME/qikan/config.ini"
tui_start_fresh 80 24 --
for i in $(seq 1 100); do
	case $(tui_screen) in *Contents*|*QIKAN-EXIT=*) break ;; esac
	sleep 0.05
done
case $(tui_screen) in
*Contents*) ok; tui_quit ;;
*QIKAN-EXIT=2*) expect_contains "no argument, not installed: names the sample" \
	"$(cat "$TMP/tui-stderr")" "sample.qikan" ;;
*) fail "no argument: neither the installed sample nor a message" ;;
esac

# Bad config values: a warning with file, line and key on the status
# line and on stderr; defaults used; the reader works.
printf '[qikan]\nambiguous = sideways\ntheme = no-such-theme\nreading_speed = fast\n' \
	>"$XDG_CONFIG_HOME/qikan/config.ini"
tui_start_fresh 80 24 -- "$SAMPLE"
tui_wait_status "bad config: warning on the status line" "config problem"
expect_contains "bad config: status names file and line" "$(tui_status)" "config.ini:2"
tui_keys j
tui_wait_status "bad config: the reader still works" "Contents"
tui_quit
err=$(cat "$TMP/tui-stderr")
expect_contains "bad config: stderr names key ambiguous" "$err" "config.ini:2: key 'ambiguous'"
expect_contains "bad config: stderr names key reading_speed" "$err" "config.ini:4: key 'reading_speed'"
expect_contains "bad config: stderr names the missing theme" "$err" "no-such-theme"
# A config file that is not ini at all.
printf 'this is [not ini\n\x01\x02\n' >"$XDG_CONFIG_HOME/qikan/config.ini"
tui_start_fresh 80 24 -- "$SAMPLE"
tui_wait_status "broken config: still starts" "config problem"
tui_quit

# [keys] in config.ini: bindings replace an action's default keys; bad
# action or key names are warnings with file and line.
printf '[qikan]\n[keys]\ndown = n, C-n\nup = p\nfly = x\ntop = Hyperkey\n' >"$XDG_CONFIG_HOME/qikan/config.ini"
tui_start_fresh 80 24 -- "$SAMPLE"
tui_wait_status "keys: start" "config problem"
tui_keys g
tui_wait_status "keys: g still goes to the top" "Contents 1/"
tui_keys n
tui_wait_status "keys: n moves down" "Contents 2/"
tui_keys C-n
tui_wait_status "keys: C-n moves down" "Contents 3/"
tui_keys p
tui_wait_status "keys: p moves up" "Contents 2/"
tui_keys j
tui_wait_status "keys: j no longer moves down" "does nothing"
tui_quit
err=$(cat "$TMP/tui-stderr")
expect_contains "keys: unknown action named with its line" "$err" "config.ini:5: key 'fly': unknown action"
expect_contains "keys: unknown key name named with its line" "$err" "config.ini:6: key 'top': unknown key name 'Hyperkey'"

# Reading positions that cannot be saved: told once, the reader goes on.
printf 'x' >"$TMP/not-a-dir"
rm -f "$XDG_CONFIG_HOME/qikan/config.ini"
tui_start_fresh 80 24 XDG_STATE_HOME="$TMP/not-a-dir" -- "$SAMPLE"
tui_wait_status "state unwritable: start" "Contents"
tui_keys Enter
tui_wait_status "state unwritable: told on the status line" "cannot save reading positions"
tui_keys h j Enter
tui_wait_status "state unwritable: told once, the article opens" "%"
tui_quit
expect_contains "state unwritable: stderr at exit" "$(cat "$TMP/tui-stderr")" "cannot save reading positions"

# Chinese UI text from config.ini; English by default under C.UTF-8.
printf '[qikan]\nlanguage = zh\n' >"$XDG_CONFIG_HOME/qikan/config.ini"
tui_start_fresh 80 24 -- "$SAMPLE"
tui_wait_status "language = zh: Chinese status line" "目录"
tui_keys '?'
tui_wait "language = zh: Chinese help" "按键帮助"
tui_keys q
tui_wait_gone "language = zh: help closes" "按键帮助"
tui_quit

# Colours from the theme; none with NO_COLOR or on a terminal without.
printf '[qikan]\ntheme = %s/themes/dark.ini\n' "$QIKAN_SRCDIR" >"$XDG_CONFIG_HOME/qikan/config.ini"
has_colour() { tui_screen_attrs | grep -Eq $'\033\\[([34][0-7]|[34]8;5;[0-9]+|9[0-7])(;|m)|\033\\[[0-9;]*;([34][0-7]|[34]8)(;|m)'; }
tui_start_fresh 80 24 -- "$SAMPLE"
tui_wait_status "dark theme" "Contents"
has_colour && ok || fail "dark theme: no colour on screen"
tui_quit
tui_start_fresh 80 24 NO_COLOR=1 -- "$SAMPLE"
tui_wait_status "NO_COLOR" "Contents"
has_colour && fail "NO_COLOR: colours on screen" || ok
case $(tui_screen_attrs) in *$'\033['*7m*) ok ;; *) fail "NO_COLOR: no reverse-video cursor" ;; esac
tui_quit
tui_start_fresh 80 24 TERM=vt100 -- "$SAMPLE"
tui_wait_status "monochrome terminal" "Contents"
has_colour && fail "vt100: colours on screen" || ok
tui_quit
rm "$XDG_CONFIG_HOME/qikan/config.ini"

# z: the focused pane alone at full width, and back.
tui_start_fresh 80 24 -- "$SAMPLE"
tui_wait_status "zoom: start" "Contents"
tui_keys Enter
tui_wait_status "zoom: article" "%"
expect_contains "zoom: side by side first" "$(tui_screen)" "│"
tui_keys z
tui_wait_gone "zoom: the separator goes" "│"
tui_wait_redrawn "zoom: full-width article"
tui_keys z
tui_wait "zoom: side by side again" "│"
tui_quit

# Nothing is sent while idle: no clock, no animation, no timeouts.
tui_start_fresh 80 24 -- "$SAMPLE"
tui_wait_status "idle: start" "Contents"
tui_keys Tab
tui_wait_status "idle: article" "%"
sleep 0.5
: >"$TMP/idle"
tmx pipe-pane -o -t "$TUI_SESSION" "cat >>$TMP/idle"
sleep 2
tmx pipe-pane -t "$TUI_SESSION"
expect_eq "idle: bytes sent in 2 s" "$(stat -c %s "$TMP/idle")" 0
tui_quit

# Keys of features other modules provide either open them or say they
# are not there yet; unknown keys say so; nothing breaks.  (A copy of the
# sample: the edit form writes.)
cp "$SAMPLE" "$TMP/copy.qikan"
tui_start_fresh 80 24 -- "$TMP/copy.qikan"
tui_wait_status "keys: start" "Contents"
for k in e u : C-f; do
	before=$(tui_screen)
	tui_keys "$k"
	tui_wait_change "key $k: a note or a view" "$before"
	tui_keys Escape Escape
	sleep 0.2
done
tui_keys x
tui_wait_status "unknown key" "does nothing"
tui_keys g
tui_wait_status "keys: reader still works" "Contents 1/"
# Tab moves between the panes; in one-pane mode it swaps them.
tui_keys Tab
tui_wait_status "Tab: article pane" "%"
tui_keys Tab
tui_wait_status "Tab: back to the TOC" "Contents"
tui_quit

tui_start_fresh 40 12 -- "$SAMPLE"
tui_wait_status "narrow: TOC alone" "Contents"
expect_not_contains "narrow: no separator" "$(tui_screen)" "│"
tui_keys Tab
tui_wait_status "narrow: Tab shows the article" "%"
tui_keys h
tui_wait_status "narrow: h goes back to the TOC" "Contents"

# Ctrl-C and SIGTERM leave cleanly and keep the reading position.
tui_keys Tab
tui_wait_status "Ctrl-C: article" "%"
tui_keys Space
sleep 0.3
tui_keys C-c
tui_wait "Ctrl-C quits" "QIKAN-EXIT=0"
[ -s "$XDG_STATE_HOME/qikan/positions" ] && ok || fail "Ctrl-C: position not saved"
KEEP_STATE=1 tui_start_fresh 40 12 -- "$SAMPLE"
tui_wait_status "SIGTERM: start, back at the article" "%"
pid=$(tmx display -p -t "$TUI_SESSION" '#{pane_pid}')
kill -TERM $(cat /proc/"$pid"/task/*/children) 2>/dev/null
tui_wait "SIGTERM: exits cleanly" "QIKAN-EXIT=0"
finish

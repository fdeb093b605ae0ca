# SPDX-License-Identifier: MIT
# tests/tui_lib.sh — drive the real reader in tmux for the TUI tests.
# Source after tests/lib.sh.  Each test gets a private tmux server, a
# private XDG_STATE_HOME / XDG_CONFIG_HOME, and polls the screen with a
# timeout instead of sleeping fixed amounts.

if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux is not installed: skipping the TUI tests (apt-get install tmux)"
	exit 77
fi

TUI_NSTART=0
TUI_SOCK=$TMP/tmux.0.sock
TUI_SESSION=qk
TUI_TERM=${TUI_TERM:-screen-256color}
TUI_TIMEOUT=${TUI_TIMEOUT:-10}
TUI_SCRCHECK=$QIKAN_BUILDDIR/tests/tui_scrcheck
TUI_MKBUNDLE=$QIKAN_BUILDDIR/tests/tui_mkbundle
# Stops the tmux server and waits for the programs in it to exit, so a
# qikan saving its state on SIGHUP cannot race with the next test step.
tui_kill() {
	local pids p i=0
	[ -S "$TUI_SOCK" ] || return 0
	pids=$(tmux -S "$TUI_SOCK" list-panes -a -F '#{pane_pid}' 2>/dev/null)
	for p in $pids; do
		pids="$pids $(cat /proc/"$p"/task/*/children 2>/dev/null)"
	done
	tmux -S "$TUI_SOCK" kill-server >/dev/null 2>&1
	for p in $pids; do
		while kill -0 "$p" 2>/dev/null && [ $i -lt 100 ]; do
			sleep 0.05
			i=$((i + 1))
		done
	done
	return 0
}
trap 'tui_kill; rm -rf "$TMP"' EXIT

tmx() { tmux -S "$TUI_SOCK" "$@"; }

# tui_start W H [ENV=VALUE...] -- [QIKAN ARGS...]
# Starts qikan in a W x H terminal.  When it exits the pane shows
# "QIKAN-EXIT=<status>" and stays open.
tui_start() {
	local w=$1 h=$2 envs="" cmd q
	shift 2
	tui_kill
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs="$envs $(printf '%q' "$1")"
		shift
	done
	[ $# -gt 0 ] && shift
	cmd="env LC_ALL=C.UTF-8 TERM=$TUI_TERM XDG_STATE_HOME=$(printf '%q' "$XDG_STATE_HOME")"
	cmd="$cmd XDG_CONFIG_HOME=$(printf '%q' "$XDG_CONFIG_HOME") HOME=$(printf '%q' "$HOME")"
	# A loaded machine makes tmux slow to answer the start-up probe: no
	# automatic stacked layout unless a test asks (QIKAN_SLOW_LINK_MS=N).
	cmd="$cmd QIKAN_SLOW_LINK_MS=0$envs"
	cmd="$cmd $(printf '%q' "${TUI_PROG:-$QIKAN}")"
	for q in "$@"; do cmd="$cmd $(printf '%q' "$q")"; done
	cmd="$cmd 2>$(printf '%q' "$TMP/tui-stderr"); echo QIKAN-EXIT=\$?; exec sleep 3600"
	# A fresh server each time: reusing a socket races with its exit.
	TUI_NSTART=$((TUI_NSTART + 1))
	TUI_SOCK=$TMP/tmux.$TUI_NSTART.sock
	tmx -f /dev/null new-session -d -s "$TUI_SESSION" -x "$w" -y "$h" "$cmd"
	tmx set-option -t "$TUI_SESSION" status off >/dev/null
	TUI_W=$w TUI_H=$h
}

tui_keys() { tmx send-keys -t "$TUI_SESSION" "$@"; }
tui_screen() { tmx capture-pane -p -t "$TUI_SESSION"; }
tui_screen_attrs() { tmx capture-pane -p -e -t "$TUI_SESSION"; }
tui_status() { tui_screen | sed -n "${TUI_H}p"; }

tui_resize() {
	tmx resize-window -t "$TUI_SESSION" -x "$1" -y "$2"
	TUI_W=$1 TUI_H=$2
}

# tui_wait WHAT TEXT [TIMEOUT]: waits until the screen shows TEXT.
tui_wait() {
	local what=$1 text=$2 t=${3:-$TUI_TIMEOUT} i=0 n
	n=$((t * 20))
	while [ $i -lt $n ]; do
		case $(tui_screen) in *"$text"*) ok; return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	fail "$what: '$text' did not appear within ${t}s; screen:"
	tui_screen | sed 's/^/  | /' >&2
	return 1
}

# tui_wait_gone WHAT TEXT: waits until TEXT is no longer on screen.
tui_wait_gone() {
	local what=$1 text=$2 i=0 n=$((TUI_TIMEOUT * 20))
	while [ $i -lt $n ]; do
		case $(tui_screen) in *"$text"*) ;; *) ok; return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	fail "$what: '$text' still on screen after ${TUI_TIMEOUT}s"
	tui_screen | sed 's/^/  | /' >&2
	return 1
}

# tui_wait_status WHAT TEXT: waits until the status line (last line) holds TEXT.
tui_wait_status() {
	local what=$1 text=$2 i=0 n=$((TUI_TIMEOUT * 20))
	while [ $i -lt $n ]; do
		case $(tui_status) in *"$text"*) ok; return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	fail "$what: status line lacks '$text': '$(tui_status)'"
	return 1
}

# tui_wait_redrawn WHAT: after a resize, waits until qikan has drawn for
# the new size (tmux crops the old screen at once, so text alone proves
# nothing): the status line's right part (a % or "N/M") ends in the last
# column.
tui_wait_redrawn() {
	local what=$1 i=0 n=$((TUI_TIMEOUT * 20)) w st
	while [ $i -lt $n ]; do
		st=$(tui_status)
		w=$(printf '%s\n' "$st" | "$TUI_SCRCHECK" -1 | sed -n 's/^max_width=//p')
		case $st in
		*%|*[0-9]/[0-9]*) [ "$w" = "$TUI_W" ] && { ok; return 0; } ;;
		esac
		sleep 0.05
		i=$((i + 1))
	done
	fail "$what: no redraw for ${TUI_W}x$TUI_H; status line: '$(tui_status)'"
	return 1
}

# tui_wait_change WHAT OLD: waits until the screen differs from OLD.
tui_wait_change() {
	local what=$1 old=$2 i=0 n=$((TUI_TIMEOUT * 20))
	while [ $i -lt $n ]; do
		[ "$(tui_screen)" != "$old" ] && { ok; return 0; }
		sleep 0.05
		i=$((i + 1))
	done
	fail "$what: the screen did not change"
	return 1
}

# tui_wait_stable: waits until two captures 0.2 s apart agree (a redraw
# seen half-way is not compared).
tui_wait_stable() {
	local a b i=0
	a=$(tui_screen)
	while [ $i -lt 50 ]; do
		sleep 0.2
		b=$(tui_screen)
		[ "$a" = "$b" ] && return 0
		a=$b
		i=$((i + 1))
	done
}

# tui_check_layout WHAT ARTICLE_COL: widths, separator, page numbers and
# line starts of the current screen (see tui_scrcheck.c).
tui_check_layout() {
	local what=$1 acol=$2 facts screen nf=$failures
	screen=$(tui_screen)
	facts=$(printf '%s\n' "$screen" | "$TUI_SCRCHECK" "$acol")
	TUI_FACTS=$facts
	fact() { printf '%s\n' "$TUI_FACTS" | sed -n "s/^$1=//p"; }
	[ "$(fact max_width)" -le "$TUI_W" ] && ok || fail "$what: a line is wider than $TUI_W: $(fact max_width)"
	expect_eq "$what: no line starts with closing punctuation" "$(fact bad_starts)" 0
	expect_eq "$what: no line ends with opening punctuation" "$(fact bad_ends)" 0
	[ "$(fact bad_starts)$(fact bad_ends)" = 00 ] || echo "  first bad line: $(fact first_bad)" >&2
	[ "$nf" = "$failures" ] || printf '%s\n' "$screen" | sed 's/^/  | /' >&2
}

# tui_quit: q, then waits for the exit status line; sets TUI_EXIT.
tui_quit() {
	tui_keys q
	tui_wait "quit" "QIKAN-EXIT=" || return 1
	TUI_EXIT=$(tui_screen | sed -n 's/.*QIKAN-EXIT=\([0-9]*\).*/\1/p' | head -1)
	expect_eq "exit status after q" "$TUI_EXIT" 0
}

#!/bin/bash
# SPDX-License-Identifier: MIT
# A few hundred pseudo-random keys and resizes (fixed seed, so a failure
# can be replayed) on the sample and on the hostile fixture: the reader
# must neither crash nor leak (under --enable-sanitizers any memory error
# ends it with a non-zero status), and must still quit with q.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

KEYS=(j j j k k Space Space b g G Enter Enter Tab Tab h l n N s e u : z Escape
	BSpace Down Up PageDown PageUp Home End Left Right BTab '?' C-l)
SIZES=("80 24" "120 40" "40 12" "20 5" "19 5" "10 3" "100 30" "79 24" "200 60" "30 8")

monkey() {
	local bundle=$1 seed=$2 n=$3 i k
	RANDOM=$seed
	rm -rf "$XDG_STATE_HOME"
	tui_start 80 24 -- "$bundle"
	tui_wait "monkey $seed: start" "2023" || return
	for i in $(seq 1 "$n"); do
		case $((RANDOM % 12)) in
		0) tui_resize ${SIZES[$((RANDOM % ${#SIZES[@]}))]} ;;
		1) tui_keys / "工会" Enter ;;
		2) tui_keys / "x" BSpace BSpace "中" Escape ;;
		*) tui_keys "${KEYS[$((RANDOM % ${#KEYS[@]}))]}" ;;
		esac
		# Now and then let it catch up, so resizes land between keys.
		[ $((i % 25)) = 0 ] && sleep 0.2
		case $(tui_screen) in *QIKAN-EXIT=*) break ;; esac
	done
	case $(tui_screen) in
	*QIKAN-EXIT=*) fail "monkey $seed: qikan ended early after $i steps"
		cat "$TMP/tui-stderr" >&2
		return ;;
	esac
	tui_resize 80 24
	# Leave any prompt or help screen, then quit.  An edit form with
	# changed fields asks before discarding them (issue #12 D7): say yes.
	tui_keys Escape
	sleep 0.2
	case $(tui_screen) in
	*"discard your changes"* | *"放弃对字段的修改"*) tui_keys y; sleep 0.2 ;;
	esac
	tui_keys Escape
	sleep 0.2
	case $(tui_screen) in
	*"discard your changes"* | *"放弃对字段的修改"*) tui_keys y; sleep 0.2 ;;
	esac
	tui_keys '?'
	tui_wait "monkey $seed: help opens" "qikan keys"
	tui_keys q
	tui_wait_gone "monkey $seed: help closes" "qikan keys"
	tui_quit
	[ "${TUI_EXIT:-}" = 0 ] || cat "$TMP/tui-stderr" >&2
}

# Copies: random keys reach the edit form too, which saves.
B=$TMP/hostile.qikan
"$TUI_MKBUNDLE" "$B" || fail "cannot write the fixture bundle"
cp "$SAMPLE" "$TMP/sample.qikan"
monkey "$TMP/sample.qikan" 1 300
monkey "$B" 2 200
finish

#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/bench/stats.sh — `qikan stats` time and peak memory: one issue, and
# 100 and 1,000 issues made from the sample (each with its own issue line
# "2023年第N期").  The whole bundle is summed from figures kept per issue
# (issue #13: under 50 ms at 1,000 issues, CLI and pane); peak RSS should
# stay flat from 100 to 1,000 issues.
. "$(dirname "$0")/lib.sh"
export XDG_CONFIG_HOME=$TMP/config

: "${QIKAN_BUILDDIR:?}"
PANE=$QIKAN_BUILDDIR/tests/bench/stats_bench
[ -x "$PANE" ] || make -C "$QIKAN_BUILDDIR" tests/bench/stats_bench >/dev/null || { echo "cannot build $PANE"; exit 1; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# tui_bench BUNDLE LABEL: the reader's stats pane on the whole bundle, in
# tmux at 120x40: how long until the count shows progress and until it is
# done, and how long a key (Tab) pressed while it counts takes to act.
tui_bench() {
	command -v tmux >/dev/null 2>&1 || { echo "$2: tmux missing, TUI not measured"; return 0; }
	local sock=$TMP/tmux.sock t0 t1 t2 t3 scr i
	tmux -S "$sock" -f /dev/null new-session -d -s qk -x 120 -y 40 \
		"env LC_ALL=C.UTF-8 TERM=screen-256color XDG_STATE_HOME=$TMP/state HOME=$TMP $QIKAN $1; sleep 60"
	tmux -S "$sock" set-option -t qk status off >/dev/null
	for i in $(seq 1 200); do
		tmux -S "$sock" capture-pane -p -t qk | grep -q "Contents" && break
		sleep 0.02
	done
	tmux -S "$sock" send-keys -t qk s
	sleep 0.3
	t0=$(now_ms)
	tmux -S "$sock" send-keys -t qk Enter
	t1= t2= t3=
	for i in $(seq 1 3000); do
		scr=$(tmux -S "$sock" capture-pane -p -t qk)
		case $scr in *Counting*) [ -n "$t1" ] || { t1=$(now_ms); tmux -S "$sock" send-keys -t qk Tab; } ;; esac
		[ -n "$t1" ] && [ -z "$t2" ] && case $(printf '%s\n' "$scr" | tail -1) in *Contents*) t2=$(now_ms) ;; esac
		case $scr in *"Issues "*) t3=$(now_ms); break ;; esac
		sleep 0.02
	done
	tmux -S "$sock" kill-server 2>/dev/null
	printf '%-40s %8s\n' "$2: TUI, whole bundle" \
		"progress after ${t1:+$((t1 - t0))}ms, Tab acted after ${t2:+$((t2 - t1))}ms, done after ${t3:+$((t3 - t0))}ms"
}

st=0 # exit 1: stored, with items to review
"$QIKAN" import -q "$SAMPLE_TXT" -o "$TMP/one.qikan" >/dev/null 2>&1 || st=$?
[ "$st" -le 1 ] || { echo "import failed"; exit 1; }
for i in 1 2 3; do
	measure "sample issue, text (run $i)" "$QIKAN" stats "$TMP/one.qikan" || exit 1
done
measure "sample issue, --json" "$QIKAN" stats --json "$TMP/one.qikan" || exit 1

for n in 100 $BIG; do
	bundle=$(bench_bundle $n) || exit 1
	printf '%-40s %8s    %7d KB bundle\n' "$n issues" "" $(($(wc -c <"$bundle") / 1024))
	measure "$n issues: whole bundle" "$QIKAN" stats "$bundle" || exit 1
	# The same five times: the median CPU time of the command, and the
	# pane's count of the whole bundle in a process that has the bundle
	# open (the library calls the pane makes, without drawing).
	cpus=
	for i in 1 2 3 4 5; do
		measure "$n issues: whole bundle (run $i)" "$QIKAN" stats "$bundle" >/dev/null || exit 1
		cpus="$cpus $CPU"
	done
	printf '%-44s %8s s CPU (median of 5; target < 0.050)\n' "$n issues: CLI, whole bundle" \
		"$(printf '%s\n' $cpus | sort -n | sed -n 3p)"
	printf '%-44s ' "$n issues: pane"
	"$PANE" "$bundle" || exit 1
	measure "$n issues: anchor: wc -m on the text" sh -c "cat '$(bench_issues $n)'/*.txt | wc -m" || exit 1
	measure "$n issues: whole bundle --json" "$QIKAN" stats --json "$bundle" || exit 1
	measure "$n issues: one issue (--issue 2023年第${n}期)" "$QIKAN" stats --issue "2023年第${n}期" \
		"$bundle" || exit 1
	measure "$n issues: --section 理论研究 (all issues)" "$QIKAN" stats --section 理论研究 \
		"$bundle" || exit 1
	tui_bench "$bundle" "$n issues"
done

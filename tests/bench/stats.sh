#!/bin/sh
# tests/bench/stats.sh — `qikan stats` time and peak memory: one issue, and
# 100 and 1,000 issues made from the sample (each with its own issue line
# "2023年第N期").  The whole-bundle pass streams paragraphs one row at a
# time, so peak RSS should stay flat from 100 to 1,000 issues (it grows
# only with distinct terms, authors and sections).
set -u
: "${QIKAN:?}" "${QIKAN_SRCDIR:?}"
SAMPLE_TXT=$QIKAN_SRCDIR/data/sample.txt
TMP=$(mktemp -d "${TMPDIR:-/tmp}/qikan-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export XDG_CONFIG_HOME=$TMP/config

# measure LABEL CMD...: wall seconds and peak RSS of one run
measure() {
	label=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M' -o "$TMP/time" "$@" >/dev/null 2>"$TMP/err" || {
			echo "$label: failed: $(head -c 300 "$TMP/err")"
			return 1
		}
		read -r secs kb <"$TMP/time"
		printf '%-40s %8.3f s  %7d KB peak RSS\n' "$label" "$secs" "$kb"
	else
		start=$(date +%s%N)
		"$@" >/dev/null 2>"$TMP/err" || { echo "$label: failed"; return 1; }
		end=$(date +%s%N)
		printf '%-40s %8.3f s  (no /usr/bin/time: RSS not measured)\n' "$label" \
			"$(echo "($end - $start) / 1000000000" | bc -l)"
	fi
}

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

make_issues() {
	mkdir -p "$TMP/issues$1"
	awk -v n="$1" -v dir="$TMP/issues$1" '
		{ lines[NR] = $0 }
		END {
			for (i = 1; i <= n; i++) {
				f = sprintf("%s/%04d.txt", dir, i)
				for (k = 1; k <= NR; k++)
					print (lines[k] == "2023年第2期" ? sprintf("2023年第%d期", i) : lines[k]) > f
				close(f)
			}
		}' "$SAMPLE_TXT"
}

"$QIKAN" import -q "$SAMPLE_TXT" -o "$TMP/one.qikan" >/dev/null 2>&1 || { echo "import failed"; exit 1; }
for i in 1 2 3; do
	measure "sample issue, text (run $i)" "$QIKAN" stats "$TMP/one.qikan" || exit 1
done
measure "sample issue, --json" "$QIKAN" stats --json "$TMP/one.qikan" || exit 1

for n in 100 1000; do
	make_issues $n
	"$QIKAN" import -q "$TMP/issues$n"/*.txt -o "$TMP/many$n.qikan" >/dev/null 2>&1 ||
		{ echo "import of $n issues failed"; exit 1; }
	printf '%-40s %8s    %7d KB bundle\n' "$n issues" "" $(($(wc -c <"$TMP/many$n.qikan") / 1024))
	measure "$n issues: whole bundle" "$QIKAN" stats "$TMP/many$n.qikan" || exit 1
	measure "$n issues: whole bundle --json" "$QIKAN" stats --json "$TMP/many$n.qikan" || exit 1
	measure "$n issues: one issue (--issue 2023年第${n}期)" "$QIKAN" stats --issue "2023年第${n}期" \
		"$TMP/many$n.qikan" || exit 1
	measure "$n issues: --section 理论研究 (all issues)" "$QIKAN" stats --section 理论研究 \
		"$TMP/many$n.qikan" || exit 1
	rm -rf "$TMP/issues$n"
	tui_bench "$TMP/many$n.qikan" "$n issues"
done

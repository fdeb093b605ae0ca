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
done

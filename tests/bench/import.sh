#!/bin/sh
# tests/bench/import.sh — import speed and memory: the sample issue, then
# 100 and 1,000 issues made from it (each with its own issue line
# "2023年第N期") imported in one `qikan import` run.  Targets (DESIGN §9):
# the sample well under 100 ms; 1,000 issues under 60 s with memory flat.
set -u
: "${QIKAN:?}" "${QIKAN_SRCDIR:?}"
SAMPLE_TXT=$QIKAN_SRCDIR/data/sample.txt
TMP=$(mktemp -d "${TMPDIR:-/tmp}/qikan-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

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
		printf '%-34s %8.3f s  %7d KB peak RSS\n' "$label" "$secs" "$kb"
	else
		start=$(date +%s%N)
		"$@" >/dev/null 2>"$TMP/err" || { echo "$label: failed"; return 1; }
		end=$(date +%s%N)
		printf '%-34s %8.3f s  (no /usr/bin/time: RSS not measured)\n' "$label" \
			"$(echo "($end - $start) / 1000000000" | bc -l)"
	fi
}

# the sample, five times into fresh bundles (the first warms the cache)
for i in 1 2 3 4 5; do
	rm -f "$TMP/one.qikan"
	measure "sample issue (run $i)" "$QIKAN" import -q "$SAMPLE_TXT" -o "$TMP/one.qikan"
done

# make N issues: the sample with the issue line changed to 2023年第N期
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

for n in 100 1000; do
	make_issues $n
	rm -f "$TMP/many.qikan"
	measure "$n issues, one import run" "$QIKAN" import -q "$TMP/issues$n"/*.txt -o "$TMP/many.qikan" ||
		exit 1
	printf '%-34s %8s    %7d KB bundle\n' "" "" $(($(wc -c <"$TMP/many.qikan") / 1024))
done

# SPDX-License-Identifier: MIT
# tests/bench/lib.sh — shared by the benchmark scripts: a scratch folder,
# timing with peak memory, and the N-issue test inputs and bundles made
# from the sample (its issue line changed to 2023年第N期).  Bundles are
# built once per `make bench` run in $QIKAN_BENCH_CACHE and reused by
# every script, so a 1,000-issue import is paid for once.
set -u
: "${QIKAN:?}" "${QIKAN_SRCDIR:?}"
SAMPLE_TXT=$QIKAN_SRCDIR/data/sample.txt
TMP=$(mktemp -d "${TMPDIR:-/tmp}/qikan-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
CACHE=${QIKAN_BENCH_CACHE:-$TMP/cache}
BIG=${QIKAN_BENCH_ISSUES:-1000} # the large bundle's issue count
mkdir -p "$CACHE"

# measure LABEL CMD...: wall seconds, CPU seconds (user + system) and
# peak RSS of one run; $CPU gets the CPU seconds, $RSS the KB.
measure() {
	label=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M %U %S' -o "$TMP/time" "$@" >/dev/null 2>"$TMP/err" || {
			echo "$label: failed: $(head -c 300 "$TMP/err")"
			return 1
		}
		read -r secs kb user sys <"$TMP/time"
		CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
		RSS=$kb
		printf '%-44s %8.3f s  %7s s CPU  %7d KB peak RSS\n' "$label" "$secs" "$CPU" "$kb"
	else
		start=$(date +%s%N)
		"$@" >/dev/null 2>"$TMP/err" || { echo "$label: failed"; return 1; }
		end=$(date +%s%N)
		printf '%-44s %8d ms  (no /usr/bin/time: RSS not measured)\n' "$label" \
			$(((end - start) / 1000000))
	fi
}

# bench_issues N: a folder of N issue texts; prints its path.
bench_issues() {
	dir=$CACHE/issues$1
	if [ ! -d "$dir" ]; then
		mkdir -p "$dir.tmp"
		awk -v n="$1" -v dir="$dir.tmp" '
			{ lines[NR] = $0 }
			END {
				for (i = 1; i <= n; i++) {
					f = sprintf("%s/%04d.txt", dir, i)
					for (k = 1; k <= NR; k++)
						print (lines[k] == "2023年第2期" ? sprintf("2023年第%d期", i) : lines[k]) > f
					close(f)
				}
			}' "$SAMPLE_TXT" && mv "$dir.tmp" "$dir"
	fi
	echo "$dir"
}

# bench_bundle N: a bundle of N issues (imported in one run); prints its path.
bench_bundle() {
	b=$CACHE/bundle$1.qikan
	if [ ! -f "$b" ]; then
		"$QIKAN" import -q "$(bench_issues "$1")"/*.txt -o "$b.tmp" >/dev/null 2>&1 &&
			mv "$b.tmp" "$b" || { echo "import of $1 issues failed" >&2; return 1; }
	fi
	echo "$b"
}

# bench_keep_bundle N FILE: files FILE as the N-issue bundle for later scripts.
bench_keep_bundle() {
	[ -f "$CACHE/bundle$1.qikan" ] || cp "$2" "$CACHE/bundle$1.qikan"
}

# The binary to compare with (issue #13: the one before schema 3), when
# QIKAN_OLD names it; its importer's data folder is QIKAN_OLD_DATADIR,
# by default the data/ next to it (a build tree).
OLD=${QIKAN_OLD:-}
if [ -n "$OLD" ]; then
	[ -x "$OLD" ] || { echo "QIKAN_OLD=$OLD: not an executable" >&2; exit 1; }
	: "${QIKAN_OLD_DATADIR:=$(dirname "$OLD")/data}"
fi

# bench_old_bundle N: a bundle of N issues made by $OLD, in its format.
bench_old_bundle() {
	b=$CACHE/old-bundle$1.qikan
	if [ ! -f "$b" ]; then
		QIKAN_DATADIR=$QIKAN_OLD_DATADIR "$OLD" import -q "$(bench_issues "$1")"/*.txt -o "$b.tmp" \
			>/dev/null 2>&1 && mv "$b.tmp" "$b" ||
			{ echo "import of $1 issues by $OLD failed" >&2; return 1; }
	fi
	echo "$b"
}

# cpu_per_run K CMD...: runs CMD K times in a row under /usr/bin/time;
# prints the CPU milliseconds (user + system) and the wall milliseconds
# per run.  Timing K runs at once gets under the 10 ms step of
# /usr/bin/time; the loop's own shell costs about 1 ms in all.
cpu_per_run() {
	k=$1
	shift
	/usr/bin/time -f '%U %S %e' -o "$TMP/cpu" sh -c 'k=$1; shift; while [ "$k" -gt 0 ]; do
		"$@" >/dev/null 2>&1; k=$((k - 1)); done' sh "$k" "$@" || return 1
	awk -v k="$k" '{ printf "%.1f %.1f\n", ($1 + $2) * 1000 / k, $3 * 1000 / k }' "$TMP/cpu"
}

# median: the median of the numbers on stdin, one a line.
median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "-" }'
}

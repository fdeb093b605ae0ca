#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh — run one libFuzzer harness for a given amount of CPU time (not
# wall time: on a shared machine a niced fuzzer may get a fraction of a
# core), then stop it with SIGINT and print its last status line.
#   tests/fuzz/run.sh BUILDDIR NAME CPU_SECONDS [OUTDIR [STOP_AT_EPOCH]]
# NAME is query, changes, conf or import; the seeds are
# tests/fuzz/corpus_NAME (corpus/ for import).  New inputs go to
# OUTDIR/corpus, crashes to OUTDIR/ (crash-*, leak-*, timeout-*), the log
# to OUTDIR/log.  STOP_AT_EPOCH stops it earlier at that time.
set -u
[ $# -ge 3 ] || { echo "usage: $0 BUILDDIR NAME CPU_SECONDS [OUTDIR [STOP_AT_EPOCH]]" >&2; exit 2; }
build=$1 name=$2 cpu=$3
out=${4:-fuzz-$name}
stop_at=${5:-0}
src=$(cd "$(dirname "$0")" && pwd)
seeds=$src/corpus_$name
[ "$name" = import ] && seeds=$src/corpus
bin=$build/tests/fuzz/fuzz_$name
[ -x "$bin" ] || { echo "$0: $bin not built (configure --enable-fuzzer CC=clang)" >&2; exit 2; }
mkdir -p "$out/corpus"
tck=$(getconf CLK_TCK)

# Where the kernel shares the CPU between sessions first (autogroup),
# nice only ranks a fuzzer within its own session: in a session of its
# own, with that session's group lowered too, it yields to everything else.
setsid nice -n 19 "$bin" -max_total_time=86400 -timeout=600 -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$out/" "$out/corpus" "$seeds" >"$out/log" 2>&1 &
pid=$!
sleep 1
[ -w /proc/$pid/autogroup ] && echo 19 >/proc/$pid/autogroup 2>/dev/null
used=0
while kill -0 $pid 2>/dev/null; do
	sleep 10
	# utime + stime of the fuzzer, in clock ticks (fields 14 and 15).
	t=$(awk '{ print $14 + $15 }' /proc/$pid/stat 2>/dev/null) || break
	[ -n "$t" ] && used=$((t / tck))
	if [ "$used" -ge "$cpu" ] || { [ "$stop_at" -gt 0 ] && [ "$(date +%s)" -ge "$stop_at" ]; }; then
		kill -INT $pid
		break
	fi
done
wait $pid
rc=$?
echo "fuzz_$name: exit $rc after $used CPU seconds"
grep -E '^#[0-9]+' "$out/log" | tail -1
ls "$out" | grep -E '^(crash|leak|timeout|oom)-' || echo "no crashes"

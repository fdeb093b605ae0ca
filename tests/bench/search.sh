#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/bench/search.sh — the full-text index on a 1,000-issue bundle (the
# sample with its issue line changed to 2023年第N期, imported in one run):
# index build time, index size as a share of the bundle, query latency for
# two-character words (target: under 50 ms, DESIGN §9), compared with
# FTS5's built-in trigram tokenizer on the same text and with a plain
# scan.  SEARCH_BENCH_ISSUES=N changes the number of issues.
. "$(dirname "$0")/lib.sh"
: "${QIKAN_BUILDDIR:?}"
N=${SEARCH_BENCH_ISSUES:-$BIG}
BENCH=$QIKAN_BUILDDIR/tests/bench/search_bench

if [ ! -x "$BENCH" ]; then
	make -C "$QIKAN_BUILDDIR" tests/bench/search_bench >/dev/null || { echo "cannot build $BENCH"; exit 1; }
fi

# The import itself (index kept in step) is timed by import.sh.
BUNDLE=$(bench_bundle "$N") || exit 1
echo "$N issues: $(($(wc -c <"$BUNDLE") / 1048576)) MB bundle"

# one whole `qikan search` run: start, open, query, snippets, output
for q in 工会 劳模; do
	best=999999
	for r in 1 2 3 4 5; do
		start=$(date +%s%N)
		"$QIKAN" search "$BUNDLE" "$q" >/dev/null
		end=$(date +%s%N)
		ms=$(( (end - start) / 1000000 ))
		[ "$ms" -lt "$best" ] && best=$ms
	done
	echo "qikan search BUNDLE $q (whole process, best of 5): $best ms"
done
echo
"$BENCH" "$BUNDLE"

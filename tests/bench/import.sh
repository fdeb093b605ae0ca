#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/bench/import.sh — import speed and memory: the sample issue, then
# 100 and 1,000 issues made from it (each with its own issue line
# "2023年第N期") imported in one `qikan import` run.  Targets (DESIGN §9):
# the sample well under 100 ms; 1,000 issues under 60 s with memory flat.
. "$(dirname "$0")/lib.sh"

# Exit 1 means stored, with items to review (the sample's OCR debris and
# its 干群/千群 title): a successful import for timing purposes.  A shell
# command, not a function, since /usr/bin/time runs it.

# the sample, five times into fresh bundles (the first warms the cache)
for i in 1 2 3 4 5; do
	rm -f "$TMP/one.qikan"
	measure "sample issue (run $i)" sh -c '"$@"; [ $? -le 1 ]' sh "$QIKAN" import -q "$SAMPLE_TXT" -o "$TMP/one.qikan"
done

for n in 100 $BIG; do
	issues=$(bench_issues $n)
	rm -f "$TMP/many.qikan"
	measure "$n issues, one import run" sh -c '"$@"; [ $? -le 1 ]' sh "$QIKAN" import -q "$issues"/*.txt -o "$TMP/many.qikan" ||
		exit 1
	bench_keep_bundle $n "$TMP/many.qikan"
	printf '%-34s %8s    %7d KB bundle\n' "" "" $(($(wc -c <"$TMP/many.qikan") / 1024))
done

#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/bench/search.sh — the full-text index on bundles of 100 and 1,000
# issues (the sample with its issue line changed to 2023年第N期, imported
# in one run):
#   - the CPU time of a whole `qikan search` process for two-character
#     words (issue #13: no worse than the binary before schema 3), and
#     when QIKAN_OLD names that binary, the same for it in the same run,
#     interleaved, on a bundle it made, and whether both find the same
#     articles with the same snippets;
#   - search_bench: index build time, index size as a share of the
#     bundle, in-process query latency (target: under 50 ms, DESIGN §9)
#     against FTS5's built-in trigram tokenizer and a plain scan.
# SEARCH_BENCH_ISSUES=N changes the larger bundle's issue count.
# To build the binary before schema 3 (the merge of branch perf is
# 9e5238b; its first parent a7fc0f5 is the one before):
#   git worktree add /tmp/qikan-old a7fc0f5 && cd /tmp/qikan-old &&
#   ./autogen.sh && ./configure && make qikan
#   QIKAN_OLD=/tmp/qikan-old/qikan make bench
. "$(dirname "$0")/lib.sh"
: "${QIKAN_BUILDDIR:?}"
N=${SEARCH_BENCH_ISSUES:-$BIG}
BENCH=$QIKAN_BUILDDIR/tests/bench/search_bench
QUERIES="职工 工会"
ROUNDS=5 # rounds of RUNS processes each, old and new taking turns
RUNS=10

if [ ! -x "$BENCH" ]; then
	make -C "$QIKAN_BUILDDIR" tests/bench/search_bench >/dev/null || { echo "cannot build $BENCH"; exit 1; }
fi

# same_hits NEW_BUNDLE OLD_BUNDLE QUERY: compares every hit of both
# binaries (JSON, one hit a line): the articles and their snippets and
# highlights, and their order.
same_hits() {
	"$QIKAN" search -n 0 -j "$1" "$3" | grep '^  {' | sed 's/"rank": [^,]*, //' >"$TMP/new.hits"
	"$OLD" search -n 0 -j "$2" "$3" | grep '^  {' | sed 's/"rank": [^,]*, //' >"$TMP/old.hits"
	n=$(wc -l <"$TMP/new.hits")
	sort "$TMP/new.hits" >"$TMP/new.sorted"
	sort "$TMP/old.hits" >"$TMP/old.sorted"
	if ! cmp -s "$TMP/new.sorted" "$TMP/old.sorted"; then
		echo "  $3: the hits DIFFER ($n against $(wc -l <"$TMP/old.hits"))"
	elif cmp -s "$TMP/new.hits" "$TMP/old.hits"; then
		echo "  $3: the same $n hits, snippets and order"
	else
		echo "  $3: the same $n hits and snippets; $(paste -d '\n' "$TMP/new.hits" "$TMP/old.hits" |
			awk 'NR % 2 { a = $0; next } a != $0 { d++ } END { print d + 0 }') places in another order" \
			"(schema 3 ranks the author names found in a source as author)"
	fi
}

for n in $(printf '100\n%s\n' "$N" | sort -nu); do
	BUNDLE=$(bench_bundle "$n") || exit 1
	echo "-- $n issues: $(($(wc -c <"$BUNDLE") / 1048576)) MB bundle"
	if [ ! -x /usr/bin/time ]; then
		echo "no /usr/bin/time: the CPU time of a search is not measured"
		continue
	fi
	OLDB=
	if [ -n "$OLD" ]; then
		OLDB=$(bench_old_bundle "$n") || exit 1
		echo "   old: $OLD, $(($(wc -c <"$OLDB") / 1048576)) MB bundle"
	fi
	# one whole `qikan search` process: start, open, query, the best 20
	# with snippets, output
	for q in $QUERIES; do
		: >"$TMP/new.ms"
		: >"$TMP/old.ms"
		for r in $(seq 1 $ROUNDS); do
			cpu_per_run $RUNS "$QIKAN" search "$BUNDLE" "$q" >>"$TMP/new.ms" || exit 1
			[ -z "$OLDB" ] || cpu_per_run $RUNS "$OLD" search "$OLDB" "$q" >>"$TMP/old.ms" || exit 1
		done
		new=$(cut -d' ' -f1 "$TMP/new.ms" | median)
		line=$(printf 'qikan search %s (%d issues): %6.1f ms CPU, %6.1f ms wall' "$q" "$n" "$new" \
			"$(cut -d' ' -f2 "$TMP/new.ms" | median)")
		if [ -n "$OLDB" ]; then
			old=$(cut -d' ' -f1 "$TMP/old.ms" | median)
			line="$line | old $(printf '%6.1f ms CPU, %6.1f ms wall' "$old" \
				"$(cut -d' ' -f2 "$TMP/old.ms" | median)") | new/old CPU $(awk -v a="$new" -v b="$old" \
				'BEGIN { printf "%.2f", a / b }')"
		fi
		echo "$line"
	done
	echo "   (per process, median of $ROUNDS rounds of $RUNS runs$([ -n "$OLDB" ] && echo ", taking turns"))"
	if [ -n "$OLDB" ]; then
		echo "   results, every hit (-n 0), new against old:"
		for q in $QUERIES 劳模 '"方寸匠心 不差毫厘"' '户外劳动者 NOT 青海' title:工会 劳 cptpp; do
			same_hits "$BUNDLE" "$OLDB" "$q"
		done
	fi
done
echo
"$BENCH" "$BUNDLE"

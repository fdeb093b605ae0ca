#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/bench/import.sh — import speed and memory: the sample issue, then
# 100 and 1,000 issues made from it (each with its own issue line
# "2023年第N期") imported in one `qikan import` run.  Targets (DESIGN §9):
# the sample well under 100 ms; 1,000 issues under 60 s with memory flat.
# Side by side (issue #13): the bundle's size against the source text and
# the sqlite3 shell's plain and FTS5-trigram tables of the same text, and
# the import's CPU time against the trigram anchor's.
. "$(dirname "$0")/lib.sh"

# the sample, five times into fresh bundles (the first warms the cache)
for i in 1 2 3 4 5; do
	rm -f "$TMP/one.qikan"
	measure "sample issue (run $i)" "$QIKAN" import -q "$SAMPLE_TXT" -o "$TMP/one.qikan"
done

# ratio A B: A / B to two decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

# The anchors of issue #13, in the same run: the same text loaded by the
# sqlite3 shell into a plain table and into an FTS5 trigram table (one
# row an issue file, one transaction), CPU time and file size.
anchor() { # LABEL DIR SCHEMA
	rm -f "$TMP/anchor.db"
	measure "$1" sqlite3 "$TMP/anchor.db" "$3; INSERT INTO t(body) SELECT CAST(readfile(name) AS TEXT)
		FROM fsdir('$2') WHERE name LIKE '%.txt'" || return 1
	ASIZE=$(wc -c <"$TMP/anchor.db")
}

for n in 100 $BIG; do
	issues=$(bench_issues $n)
	src=$(cat "$issues"/*.txt | wc -c)
	echo "-- $n issues: $((src / 1024)) KB of source text"
	rm -f "$TMP/many.qikan"
	measure "$n issues, one import run" "$QIKAN" import -q "$issues"/*.txt -o "$TMP/many.qikan" ||
		exit 1
	qcpu=$CPU qrss=$RSS
	bench_keep_bundle $n "$TMP/many.qikan"
	size=$(wc -c <"$TMP/many.qikan")
	printf '%-44s %7d KB bundle = %s x the source text (target <= 2.0)\n' "" $((size / 1024)) \
		"$(ratio "$size" "$src")"
	if command -v sqlite3 >/dev/null 2>&1; then
		anchor "anchor: sqlite3, plain table" "$issues" "CREATE TABLE t(body TEXT)" &&
			printf '%-44s %7d KB = %s x the source text\n' "" $((ASIZE / 1024)) "$(ratio "$ASIZE" "$src")"
		anchor "anchor: sqlite3 + FTS5 trigram" "$issues" \
			"CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'trigram')" &&
			printf '%-44s %7d KB = %s x the source text\n' "" $((ASIZE / 1024)) "$(ratio "$ASIZE" "$src")"
		echo "import CPU: qikan ${qcpu} s / trigram anchor ${CPU} s = $(ratio "$qcpu" "$CPU") (target <= 0.5);" \
			"qikan peak RSS $((qrss / 1024)) MB (target <= 64, flat)"
	fi
	# The table of contents to a pipe: tab-separated, no padding.
	printf '%-44s %7d KB to a pipe (TSV), %d KB as the aligned table\n' "$n issues: qikan toc" \
		$(($("$QIKAN" toc "$TMP/many.qikan" | wc -c) / 1024)) \
		$(($("$QIKAN" toc --format text "$TMP/many.qikan" | wc -c) / 1024))
done

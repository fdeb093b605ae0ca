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

# Exit 1 means stored, with items to review (the sample's OCR debris and
# its 干群/千群 title): a successful import for timing purposes.  A shell
# command, not a function, since /usr/bin/time runs it.

# the sample, five times into fresh bundles (the first warms the cache)
for i in 1 2 3 4 5; do
	rm -f "$TMP/one.qikan"
	measure "sample issue (run $i)" sh -c '"$@"; [ $? -le 1 ]' sh "$QIKAN" import -q "$SAMPLE_TXT" -o "$TMP/one.qikan"
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

SUMMARY=
for n in $(printf '100\n%s\n' "$BIG" | sort -nu); do
	issues=$(bench_issues $n)
	src=$(cat "$issues"/*.txt | wc -c)
	echo "-- $n issues: $((src / 1024)) KB of source text"
	rm -f "$TMP/many.qikan"
	measure "$n issues, one import run" sh -c '"$@"; [ $? -le 1 ]' sh "$QIKAN" import -q "$issues"/*.txt -o "$TMP/many.qikan" ||
		exit 1
	qcpu=$CPU qrss=$RSS
	bench_keep_bundle $n "$TMP/many.qikan"
	size=$(wc -c <"$TMP/many.qikan")
	printf '%-44s %7d KB bundle = %s x the source text (target <= 2.0)\n' "" $((size / 1024)) \
		"$(ratio "$size" "$src")"
	if command -v sqlite3 >/dev/null 2>&1; then
		anchor "anchor: sqlite3, plain table" "$issues" "CREATE TABLE t(body TEXT)" &&
			printf '%-44s %7d KB = %s x the source text\n' "" $((ASIZE / 1024)) "$(ratio "$ASIZE" "$src")"
		CPU=
		anchor "anchor: sqlite3 + FTS5 trigram" "$issues" \
			"CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'trigram')" &&
			printf '%-44s %7d KB = %s x the source text\n' "" $((ASIZE / 1024)) "$(ratio "$ASIZE" "$src")"
		echo "import CPU: qikan ${qcpu} s / trigram anchor ${CPU} s = $(ratio "$qcpu" "$CPU") (target <= 0.5);" \
			"qikan peak RSS $((qrss / 1024)) MB (target <= 64, flat)"
		SUMMARY="$SUMMARY$(printf '%6d issues: import CPU %7s s, trigram anchor %7s s, ratio %s; peak RSS %3d MB' \
			"$n" "$qcpu" "$CPU" "$(ratio "$qcpu" "$CPU")" $((qrss / 1024)))
"
	fi
	# The table of contents to a pipe: tab-separated, no padding.
	printf '%-44s %7d KB to a pipe (TSV), %d KB as the aligned table\n' "$n issues: qikan toc" \
		$(($("$QIKAN" toc "$TMP/many.qikan" | wc -c) / 1024)) \
		$(($("$QIKAN" toc --format text "$TMP/many.qikan" | wc -c) / 1024))
done

# Issue #13's figures side by side, as measured above in this one run.
if [ -n "$SUMMARY" ]; then
	echo
	echo "summary (targets: ratio <= 0.5 at $BIG issues; peak RSS <= 64 MB and flat):"
	printf '%s' "$SUMMARY"
fi

#!/bin/sh
# SPDX-License-Identifier: MIT
# repro_sample.sh — data/sample.qikan is reproducible (issue #14): the
# bundle make built, and two more imports of the same text made elsewhere
# (another directory, another path given, a second later), are the same
# bytes when SOURCE_DATE_EPOCH is the same; the stored source name holds
# no build path and the stored time is SOURCE_DATE_EPOCH's.  Without
# SOURCE_DATE_EPOCH the import time is the real one, as before.
. "$QIKAN_SRCDIR/tests/lib.sh"
: "${QIKAN_SAMPLE_EPOCH:?run through make check}"

sha() { sha256sum "$1" | cut -d' ' -f1; }
# import_in DIR OUT [ENV...]: import DIR/sample.txt from inside DIR.
import_in() {
	dir=$1 out=$2
	shift 2
	(cd "$dir" && env "$@" "$QIKAN" import --quiet -o "$out" sample.txt) 2>/dev/null ||
		fail "import in $dir"
}

mkdir -p "$TMP/a/deep/build" "$TMP/b"
cp "$SAMPLE_TXT" "$TMP/a/deep/build/sample.txt"
cp "$SAMPLE_TXT" "$TMP/b/sample.txt"
import_in "$TMP/a/deep/build" "$TMP/one.qikan" SOURCE_DATE_EPOCH="$QIKAN_SAMPLE_EPOCH"
sleep 1
import_in "$TMP/b" "$TMP/two.qikan" SOURCE_DATE_EPOCH="$QIKAN_SAMPLE_EPOCH"
expect_eq "two imports with the same SOURCE_DATE_EPOCH" "$(sha "$TMP/one.qikan")" "$(sha "$TMP/two.qikan")"
expect_eq "the sample make built equals a fresh import" "$(sha "$SAMPLE")" "$(sha "$TMP/one.qikan")"

# What is stored: the name as given inside data/, the epoch as the time.
if command -v sqlite3 >/dev/null 2>&1; then
	expect_eq "stored source name and time" \
		"$(sqlite3 "$SAMPLE" "SELECT source_name, imported_at FROM issue")" \
		"sample.txt|$(date -u -d "@$QIKAN_SAMPLE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
	import_in "$TMP/b" "$TMP/epoch.qikan" SOURCE_DATE_EPOCH=86400
	expect_eq "another SOURCE_DATE_EPOCH" "$(sqlite3 "$TMP/epoch.qikan" "SELECT imported_at FROM issue")" \
		"1970-01-02T00:00:00Z"
	before=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	import_in "$TMP/b" "$TMP/now.qikan" -u SOURCE_DATE_EPOCH
	at=$(sqlite3 "$TMP/now.qikan" "SELECT imported_at FROM issue")
	after=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	if [ "$at" \< "$before" ] || [ "$at" \> "$after" ]; then
		fail "without SOURCE_DATE_EPOCH the import time is now: $at not in $before..$after"
	else
		ok
	fi
	import_in "$TMP/b" "$TMP/bad.qikan" SOURCE_DATE_EPOCH=yesterday
	expect_eq "a SOURCE_DATE_EPOCH that is not a number is ignored" \
		"$(sqlite3 "$TMP/bad.qikan" "SELECT imported_at < '2000' FROM issue")" "0"
else
	echo "sqlite3 missing: stored values not inspected (the byte comparison ran)"
fi
finish

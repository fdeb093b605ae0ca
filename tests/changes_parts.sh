#!/bin/sh
# SPDX-License-Identifier: MIT
# changes_parts.sh — a changeset finds its article in the right issue when
# one source file holds two issues (the key names the issue's part), even
# where the two copies gave the articles different ids; a key that names no
# issue (too short a hash) changes nothing.
. "$QIKAN_SRCDIR/tests/lib.sh"

TWO=$QIKAN_SRCDIR/tests/corpus/09-two-issues/input.txt
A=$TMP/a.qikan
B=$TMP/b.qikan
"$QIKAN" import -q -o "$A" "$TWO" >/dev/null 2>&1
[ -f "$A" ] || { fail "cannot import the two-issue fixture"; finish; }
# B holds the sample first, so its ids differ from A's.
cp "$SAMPLE" "$B"
"$QIKAN" import -q -o "$B" "$TWO" >/dev/null 2>&1
parts=$(sqlite3 "$A" "SELECT count(DISTINCT source_part) FROM issue")
expect_eq "the fixture gives two issues of one source" "$parts" "2"

# The first article of the second issue, in each copy.
q="SELECT a.id FROM article a JOIN issue i ON i.id = a.issue_id WHERE i.source_part = 2 ORDER BY a.position LIMIT 1"
ida=$(sqlite3 "$A" "$q")
idb=$(sqlite3 "$B" "$q")
[ -n "$ida" ] && [ -n "$idb" ] && [ "$ida" != "$idb" ] && ok || fail "ids: A $ida, B $idb (want two different ids)"
QIKAN_USER=office-a "$QIKAN" set "$A" "$ida" "title=第二期的新标题" >/dev/null
expect_status "export" 0 "$QIKAN" changes export -o "$TMP/p.qcs" "$A"
expect_status "apply" 0 "$QIKAN" changes apply "$B" "$TMP/p.qcs"
expect_eq "B: the article of the second issue got the title" \
	"$(sqlite3 "$B" "SELECT title FROM article WHERE id = $idb")" "第二期的新标题"
expect_eq "B: no article of the first part changed" \
	"$(sqlite3 "$B" "SELECT count(*) FROM article WHERE title = '第二期的新标题'")" "1"
finish

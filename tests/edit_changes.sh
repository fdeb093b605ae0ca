#!/bin/sh
# SPDX-License-Identifier: MIT
# edit_changes.sh — changeset files between two copies of the sample, as
# two offices on a slow link would use them: a one-field edit travels in a
# small file; edits of different fields merge; the same field edited
# differently is a conflict that keeps both values; applying twice changes
# nothing; damaged files are refused without touching the bundle.
. "$QIKAN_SRCDIR/tests/lib.sh"

A=$TMP/a.qikan
B=$TMP/b.qikan
cp "$SAMPLE" "$A"
cp "$SAMPLE" "$B"
state() { "$QIKAN" toc "$1"; "$QIKAN" log "$1"; "$QIKAN" changes conflicts "$1"; }

# --- a one-field edit, exported and applied ---
QIKAN_USER=office-a "$QIKAN" set "$A" 3 "title=在全总十七届七次执委会议上的讲话（摘要）" >/dev/null
expect_status "export" 0 "$QIKAN" changes export -o "$TMP/one.qcs" "$A"
size=$(wc -c <"$TMP/one.qcs")
echo "changeset for a one-field edit: $size bytes"
[ "$size" -gt 0 ] && [ "$size" -lt 500 ] && ok || fail "one-field changeset is $size bytes"
expect_contains "export reports the size" "$(cat "$TMP/out")" "$size bytes"
expect_status "apply" 0 "$QIKAN" changes apply "$B" "$TMP/one.qcs"
expect_contains "apply report" "$(cat "$TMP/out")" "applied 1 field changes to 1 articles"
expect_contains "B has A's title" "$("$QIKAN" toc "$B")" "讲话（摘要）"
expect_contains "B's log keeps who made the edit" "$("$QIKAN" log "$B")" "office-a  article 3"
expect_status "B's search finds the applied title" 0 "$QIKAN" search "$B" "title:摘要"
before=$(state "$B")
expect_status "apply again" 0 "$QIKAN" changes apply "$B" "$TMP/one.qcs"
expect_contains "second apply finds it there" "$(cat "$TMP/out")" "applied 0 field changes to 0 articles (0 log rows); 1 already there"
expect_eq "second apply changes nothing" "$(state "$B")" "$before"

# --- both offices edit; the same field differently ---
last=$("$QIKAN" log "$A" | grep '^edit ' | tail -1 | cut -d' ' -f2)
QIKAN_USER=office-a "$QIKAN" set "$A" 3 "author=王东明（甲）" >/dev/null
QIKAN_USER=office-a "$QIKAN" set "$A" 4 "page=14" >/dev/null
QIKAN_USER=office-a "$QIKAN" set "$A" 6 "section=学习强会" >/dev/null
QIKAN_USER=office-b "$QIKAN" set "$B" 3 "author=王东明（乙）" >/dev/null
QIKAN_USER=office-b "$QIKAN" set "$B" 7 "source=来源：青海工人报" >/dev/null
expect_status "export since the last exchange" 0 "$QIKAN" changes export --since "$last" -o "$TMP/a.qcs" "$A"
expect_contains "three edits exported" "$(cat "$TMP/out")" "3 edit log rows of 3 articles"
expect_status "export B" 0 "$QIKAN" changes export --since 2000-01-01 -o "$TMP/b.qcs" "$B"
QIKAN_USER=office-b expect_status "apply with a conflict exits 1" 1 "$QIKAN" changes apply "$B" "$TMP/a.qcs"
out=$(cat "$TMP/out")
expect_contains "report" "$out" "applied 2 field changes to 2 articles"
expect_contains "conflict reported" "$out" "1 conflicts"
expect_contains "local value shown" "$out" "kept here / 本地保留: '王东明（乙）'"
expect_contains "remote value shown" "$out" "other side / 对方: '王东明（甲）' (office-a"
expect_contains "base value shown" "$out" "'王东明'"
expect_contains "how to take theirs" "$out" "qikan set '$B' 3 'author=王东明（甲）'"
toc=$("$QIKAN" toc --format text "$B")
expect_contains "B keeps its author" "$toc" "王东明（乙）"
expect_contains "B got A's page" "$(printf '%s\n' "$toc" | grep '^ *4 ')" " 14"
expect_contains "B got A's section" "$(printf '%s\n' "$toc" | grep '^ *6 ')" "学习强会"
expect_contains "B keeps its source" "$("$QIKAN" show "$B" 7)" "青海工人报"
expect_status "conflicts listed" 0 "$QIKAN" changes conflicts "$B"
expect_eq "one conflict recorded" "$(grep -c '^conflict' "$TMP/out")" 1
before=$(state "$B")
expect_status "apply again (still the conflict)" 1 "$QIKAN" changes apply "$B" "$TMP/a.qcs"
expect_contains "no new changes" "$(cat "$TMP/out")" "applied 0 field changes"
expect_eq "applying twice changes nothing" "$(state "$B")" "$before"

# --- and back: A gets B's source, keeps its author ---
expect_status "apply B's file to A" 1 "$QIKAN" changes apply "$A" "$TMP/b.qcs"
expect_contains "A: one applied, one conflict" "$(cat "$TMP/out")" "applied 1 field changes to 1 articles"
expect_contains "A got B's source" "$("$QIKAN" show "$A" 7)" "青海工人报"
expect_contains "A keeps its author" "$("$QIKAN" toc "$A")" "王东明（甲）"
expect_status "check A" 0 "$QIKAN" check "$A"
expect_status "check B" 0 "$QIKAN" check "$B"

# --- the conflict resolved by hand, then exchanged: no conflict left ---
QIKAN_USER=office-b "$QIKAN" set "$B" 3 "author=王东明（甲）" >/dev/null
"$QIKAN" changes export -o "$TMP/b2.qcs" "$B" >/dev/null
"$QIKAN" changes export -o "$TMP/a2.qcs" "$A" >/dev/null
expect_status "A applies all of B: no conflict left" 0 "$QIKAN" changes apply "$A" "$TMP/b2.qcs"
expect_status "B applies all of A: no conflict left" 0 "$QIKAN" changes apply "$B" "$TMP/a2.qcs"
expect_eq "the copies agree" "$("$QIKAN" toc "$A")" "$("$QIKAN" toc "$B")"

# --- to standard output ---
"$QIKAN" changes export -o - "$A" >"$TMP/stdout.qcs" 2>"$TMP/err" || fail "export to stdout"
expect_contains "the report goes to stderr then" "$(cat "$TMP/err")" "bytes"
cp "$SAMPLE" "$TMP/c.qikan"
expect_status "a changeset from stdout applies" 0 "$QIKAN" changes apply "$TMP/c.qikan" "$TMP/stdout.qcs"
expect_eq "and makes the same contents" "$("$QIKAN" toc "$TMP/c.qikan")" "$("$QIKAN" toc "$A")"

# --- --since by time; nothing to export ---
expect_status "export nothing" 0 "$QIKAN" changes export --since 2999-01-01 -o "$TMP/none.qcs" "$A"
expect_eq "empty changeset" "$(wc -c <"$TMP/none.qcs")" 0
expect_status "apply an empty changeset" 0 "$QIKAN" changes apply "$B" "$TMP/none.qcs"
expect_status "bad --since" 2 "$QIKAN" changes export --since yesterday -o "$TMP/x.qcs" "$A"

# --- damaged files: refused, bundle unchanged ---
before=$(state "$B")
printf 'PK\003\004 not a changeset' >"$TMP/junk.qcs"
expect_status "junk refused" 1 "$QIKAN" changes apply "$B" "$TMP/junk.qcs"
expect_contains "junk message" "$(cat "$TMP/err")" "changeset"
head -c $(( $(wc -c <"$TMP/a.qcs") / 2 )) "$TMP/a.qcs" >"$TMP/half.qcs"
expect_status "truncated refused" 1 "$QIKAN" changes apply "$B" "$TMP/half.qcs"
expect_contains "nothing applied" "$(cat "$TMP/err")" "nothing was applied"
expect_status "missing file" 2 "$QIKAN" changes apply "$B" "$TMP/nope.qcs"
expect_eq "bundle unchanged by bad files" "$(state "$B")" "$before"
expect_status "usage" 2 "$QIKAN" changes frobnicate "$B"
finish

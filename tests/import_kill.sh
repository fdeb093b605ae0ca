#!/bin/sh
# SPDX-License-Identifier: MIT
# import_kill.sh — a first import builds its bundle in a file with no name
# and names it only when it is complete (issue #13): killed with SIGKILL
# at any moment it leaves nothing in the folder, and a finished one is a
# sound bundle.  A failed import into a new bundle leaves nothing either.
. "$QIKAN_SRCDIR/tests/lib.sh"

mkdir "$TMP/src" "$TMP/dest"
for n in 1 2 3 4 5 6; do
	sed "s/^2023年第2期\$/2023年第$((n + 20))期/" "$SAMPLE_TXT" >"$TMP/src/$n.txt"
done
start=$(date +%s%N)
# (exit 1: stored, with the sample's items to review)
"$QIKAN" import -q -o "$TMP/dest/full.qikan" "$TMP"/src/*.txt 2>/dev/null || [ $? = 1 ] || fail "the import to time"
span=$((($(date +%s%N) - start) / 1000)) # microseconds
rm -f "$TMP"/dest/* "$TMP"/dest/.[!.]*
killed=0
# Eight kills spread over one import's time; when the load made the timed
# import slower than the later ones, so that fewer than four were killed
# while running, more kills at offsets between, up to 20 in all.
i=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	"$QIKAN" import -q -o "$TMP/dest/b.qikan" "$TMP"/src/*.txt 2>/dev/null &
	pid=$!
	sleep "$(awk -v s="$span" -v i="$i" 'BEGIN { f = i <= 8 ? i : (i % 8) + 0.5; printf "%.6f", s * f / 10 / 1e6 }')"
	if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
	wait "$pid" 2>/dev/null
	left=$(ls -A "$TMP/dest")
	if [ -z "$left" ]; then
		ok
	elif [ "$left" = b.qikan ]; then
		# finished before the kill: then it must be whole
		expect_status "finished import $i: check" 0 "$QIKAN" check "$TMP/dest/b.qikan"
	else
		fail "killed import $i left: $left"
	fi
	rm -f "$TMP"/dest/* "$TMP"/dest/.[!.]*
	[ $i -ge 8 ] && [ $killed -ge 4 ] && break
done
echo "$killed of $i imports killed while running (one import: $span µs)"
[ "$killed" -ge 4 ] && ok || fail "only $killed imports were killed before they finished"

# A bad file among good ones: nothing imported, nothing left.
printf 'abc\000def\n' >"$TMP/nul.txt"
expect_status "bad input" 2 "$QIKAN" import -q -o "$TMP/dest/c.qikan" "$TMP/src/1.txt" "$TMP/nul.txt"
expect_eq "nothing left after a failed import" "$(ls -A "$TMP/dest")" ""
# A finished import: the bundle alone, sound.
expect_status "a finished import (items to review)" 1 "$QIKAN" import -q -o "$TMP/dest/d.qikan" "$TMP/src/1.txt"
expect_status "its check" 0 "$QIKAN" check "$TMP/dest/d.qikan"
expect_eq "only the bundle in the folder" "$(ls -A "$TMP/dest")" "d.qikan"
finish

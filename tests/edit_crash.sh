#!/bin/sh
# SPDX-License-Identifier: MIT
# edit_crash.sh — kills `qikan set` with SIGKILL at random moments, many
# times over, and checks after every kill that the bundle is sound
# (`qikan check`) and that every edit is either wholly there — all three
# fields and their log rows — or wholly absent; then the same for
# `qikan changes apply` of a several-article changeset.  Prints the counts.
# QIKAN_CRASH_RUNS sets the number of runs (default 300).
. "$QIKAN_SRCDIR/tests/lib.sh"

command -v timeout >/dev/null || { echo "SKIP: no timeout(1)"; exit 77; }
B=$TMP/b.qikan
cp "$SAMPLE" "$B"
runs=${QIKAN_CRASH_RUNS:-300}
export QIKAN_USER=crash

# How long a set takes here, to spread the kills over its whole life.
start=$(date +%s%N)
"$QIKAN" set "$B" 3 "title=warm-up" >/dev/null || fail "warm-up set"
"$QIKAN" undo "$B" >/dev/null || fail "warm-up undo"
span=$(( ($(date +%s%N) - start) / 2000 )) # microseconds, one command
[ "$span" -gt 1000 ] || span=1000
echo "one qikan set takes about $((span / 1000)) ms; kills spread over 0-$((span * 3 / 2000)) ms"

completed=0 killed_there=0 killed_absent=0 bad_check=0
i=0
while [ $i -lt "$runs" ]; do
	i=$((i + 1))
	# a random delay in microseconds, from awk's generator seeded per run
	us=$(awk -v s="$i$$" -v m="$span" 'BEGIN { srand(s); printf "%d", 50 + rand() * m * 1.5 }')
	delay=$(awk -v u="$us" 'BEGIN { printf "%.6f", u / 1000000 }')
	page=$((1 + i % 50))
	rc=0
	timeout -s KILL "$delay" "$QIKAN" set "$B" 3 "title=crash-$i" "author=作者-$i" "page=$page" \
		>/dev/null 2>"$TMP/set.err" || rc=$?
	if ! "$QIKAN" check "$B" >"$TMP/check.out" 2>&1; then
		bad_check=$((bad_check + 1))
		fail "run $i (killed after ${us}us): check failed: $(head -c 300 "$TMP/check.out")"
	fi
	there=$("$QIKAN" log "$B" 3 | grep -c "title: .* -> 'crash-$i'$")
	case $rc in
	0) completed=$((completed + 1))
	   [ "$there" = 1 ] || fail "run $i completed but its edit is not logged" ;;
	137) if [ "$there" = 1 ]; then killed_there=$((killed_there + 1)); else killed_absent=$((killed_absent + 1)); fi ;;
	*) fail "run $i: exit $rc: $(head -c 300 "$TMP/set.err")" ;;
	esac
done

# Every logged edit is whole: title, author and page of the same run, in
# one batch, each batch starting from the one before, versions in step.
"$QIKAN" log "$B" 3 >"$TMP/log"
awk '
function val(s) { sub(/^[^:]*: /, "", s); return s }
/^edit / { if (n) print t, a, p, o, v; n++; t = a = p = o = "-"; v = $0; sub(/.* v/, "", v); sub(/ .*/, "", v); next }
/^  title: /  { s = val($0); o = s; sub(/ -> .*/, "", o); sub(/.* -> /, "", s); t = s }
/^  author: / { s = val($0); sub(/.* -> /, "", s); a = s }
/^  page: /   { s = val($0); sub(/.* -> /, "", s); p = s }
END { if (n) print t, a, p, o, v }' "$TMP/log" >"$TMP/edits"
present=$(wc -l <"$TMP/edits")
prev="'在全总十七届七次执委会议上的讲话'"
# The page before the first edit: an edit that sets the page it already
# has logs no page row, so "-" is whole when the wanted page is this one.
prevp="'$("$QIKAN" toc --format text "$SAMPLE" | awk '$1 == 3 { print $NF }')'"
[ "$prevp" != "''" ] || fail "no page for article 3 in the sample's TOC"
k=0
torn=0
while read -r t a p o v; do
	k=$((k + 1))
	n=${t#\'crash-}
	n=${n%\'}
	if [ "$t" = "'warm-up'" ] || [ "$o" = "'warm-up'" ]; then
		prev=$t
		continue
	fi
	want="'$((1 + n % 50))'"
	[ "$p" = - ] && [ "$want" = "$prevp" ] && p=$want
	[ "$a" = "'作者-$n'" ] && [ "$p" = "$want" ] || { torn=$((torn + 1)); fail "edit $k is torn: $t $a $p"; }
	prevp=$p
	[ "$o" = "$prev" ] || fail "edit $k starts from $o, not from the previous edit's $prev"
	[ "$v" = $((k + 1)) ] || fail "edit $k made version $v, want $((k + 1))"
	prev=$t
done <"$TMP/edits"
present=$((present - 2)) # the warm-up edit and its undo
expect_eq "logged edits = completed + killed after commit" "$present" $((completed + killed_there))
line=$("$QIKAN" toc --format text "$B" | grep "^ *3 ")
last=$(tail -1 "$TMP/edits" | cut -d' ' -f1 | tr -d "'")
case $last in crash-*) expect_contains "the article holds the last whole edit" "$line" "$last" ;; esac
expect_eq "no torn edits" "$torn" 0
expect_eq "no failed checks" "$bad_check" 0
echo "crash runs: $runs; completed: $completed; killed after commit (edit there): $killed_there;" \
	"killed before commit (edit absent): $killed_absent; torn edits: $torn; failed checks: $bad_check"
[ $((killed_there + killed_absent)) -gt 0 ] && ok || fail "no run was killed: the test proves nothing"

# The same for `qikan changes apply`: a file of several edits to several
# articles is applied wholly or not at all.
A=$TMP/a.qikan
cp "$SAMPLE" "$A"
"$QIKAN" set "$A" 3 "title=交换一" "author=作者甲" >/dev/null
"$QIKAN" set "$A" 4 "page=14" >/dev/null
"$QIKAN" set "$A" 6 "section=学习强会" "source=来源：测试" >/dev/null
"$QIKAN" changes export -o "$TMP/x.qcs" "$A" >/dev/null
cp "$SAMPLE" "$TMP/ref.qikan"
none=$("$QIKAN" toc "$TMP/ref.qikan"; "$QIKAN" show "$TMP/ref.qikan" 6 | head -3)
start=$(date +%s%N)
"$QIKAN" changes apply "$TMP/ref.qikan" "$TMP/x.qcs" >/dev/null
span=$(( ($(date +%s%N) - start) / 1000 ))
all=$("$QIKAN" toc "$TMP/ref.qikan"; "$QIKAN" show "$TMP/ref.qikan" 6 | head -3)
[ "$none" != "$all" ] && ok || fail "the changeset changes nothing"
for k in 1 2 3; do # the quickest of a few applies to a fresh copy
	cp "$SAMPLE" "$B"
	rm -f "$B-wal" "$B-shm"
	start=$(date +%s%N)
	"$QIKAN" changes apply "$B" "$TMP/x.qcs" >/dev/null
	t=$(( ($(date +%s%N) - start) / 1000 ))
	[ "$t" -lt "$span" ] && span=$t
done
[ "$span" -gt 1000 ] || span=1000
aruns=$((runs / 3))
a_done=0 a_absent=0 a_bad=0
i=0
while [ $i -lt $aruns ]; do
	i=$((i + 1))
	cp "$SAMPLE" "$B"
	rm -f "$B-wal" "$B-shm"
	us=$(awk -v s="a$i$$" -v m="$span" 'BEGIN { srand(s); printf "%d", 50 + rand() * m * 1.5 }')
	timeout -s KILL "$(awk -v u="$us" 'BEGIN { printf "%.6f", u / 1000000 }')" \
		"$QIKAN" changes apply "$B" "$TMP/x.qcs" >/dev/null 2>&1
	"$QIKAN" check "$B" >"$TMP/check.out" 2>&1 || { a_bad=$((a_bad + 1)); fail "apply run $i: check failed: $(head -c 300 "$TMP/check.out")"; }
	now=$("$QIKAN" toc "$B"; "$QIKAN" show "$B" 6 | head -3)
	rows=$("$QIKAN" log "$B" | grep -c '^  ')
	if [ "$now" = "$all" ] && [ "$rows" = 5 ]; then
		a_done=$((a_done + 1))
	elif [ "$now" = "$none" ] && [ "$rows" = 0 ]; then
		a_absent=$((a_absent + 1))
	else
		a_bad=$((a_bad + 1))
		fail "apply run $i (killed after ${us}us) left a partial state ($rows log rows)"
	fi
done
echo "changes apply runs: $aruns; wholly applied: $a_done; wholly absent: $a_absent; partial or damaged: $a_bad"
finish

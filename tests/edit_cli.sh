#!/bin/sh
# SPDX-License-Identifier: MIT
# edit_cli.sh — `qikan set`, `log`, `undo` on a copy of the sample, as a
# user sees them: edits shown by toc/show at once, logged and undoable;
# invalid values refused with the reason; a stale save refused with the
# other editor's value; concurrent editors; a read-only bundle.
. "$QIKAN_SRCDIR/tests/lib.sh"

B=$TMP/b.qikan
cp "$SAMPLE" "$B"
export QIKAN_USER=甲

# --- set: one field, then several; toc and show see it at once ---
expect_status "set title" 0 "$QIKAN" set "$B" 3 "title=在全总执委会议上的讲话（修订）"
expect_contains "set reports the change" "$(cat "$TMP/out")" "在全总十七届七次执委会议上的讲话' -> '在全总执委会议上的讲话（修订）'"
expect_contains "toc shows the new title" "$("$QIKAN" toc "$B")" "在全总执委会议上的讲话（修订）"
expect_status "set by title piece, Chinese field names" 0 "$QIKAN" set "$B" 执委会议 作者=王东明、张三 页码=9 栏目=新视点
toc=$("$QIKAN" toc --format text "$B")
line=$(printf '%s\n' "$toc" | grep "在全总执委会议上的讲话（修订）")
expect_contains "toc: new author" "$line" "王东明、张三"
expect_contains "toc: new page" "$line" " 9"
expect_contains "toc: new section" "$line" "新视点"
expect_contains "show: new version" "$("$QIKAN" show "$B" 3)" "在全总执委会议上的讲话（修订）"
# search sees the new title and author at once, and no longer the old author
expect_status "search finds the edited title" 0 "$QIKAN" search "$B" "title:修订"
expect_contains "search hit is article 3" "$(cat "$TMP/out")" "在全总执委会议上的讲话（修订）"
expect_status "search finds the new author" 0 "$QIKAN" search "$B" "author:张三"
expect_status "same value again" 0 "$QIKAN" set "$B" 3 页码=9
expect_contains "nothing changed" "$(cat "$TMP/out")" "nothing changed"

# --- log: one batch per save, one row per field, who and old/new values ---
expect_status "log" 0 "$QIKAN" log "$B"
log=$(cat "$TMP/out")
expect_eq "log: two edits" "$(printf '%s\n' "$log" | grep -c '^edit ')" 2
expect_eq "log: four field rows" "$(printf '%s\n' "$log" | grep -c '^  ')" 4
expect_contains "log: who" "$log" "  甲  article 3"
expect_contains "log: section titles, not ids" "$log" "section: '学习强会' -> '新视点'"
expect_contains "log: page" "$log" "page: '8' -> '9'"
expect_status "log of another article" 0 "$QIKAN" log "$B" 1
expect_contains "empty log" "$(cat "$TMP/out")" "no edits"

# --- invalid values: refused with the reason, nothing saved ---
before=$("$QIKAN" log "$B")
for bad in "title=" "title=   " "page=abc" "page=0" "page=-2" "page=9999" "section=没有这个栏目" "author=$(printf 'a\033[2Jb')"; do
	expect_status "invalid $bad" 2 "$QIKAN" set "$B" 3 "$bad"
done
expect_status "empty title" 2 "$QIKAN" set "$B" 3 "title="
expect_contains "empty title message" "$(cat "$TMP/err")" "title must not be empty"
expect_status "page beyond the issue" 2 "$QIKAN" set "$B" 3 "page=9999"
expect_contains "page range message" "$(cat "$TMP/err")" "beyond this issue"
expect_status "page not a number" 2 "$QIKAN" set "$B" 3 "page=x"
expect_contains "page message" "$(cat "$TMP/err")" "positive whole number"
expect_status "unknown field" 2 "$QIKAN" set "$B" 3 "colour=red"
expect_status "no FIELD=VALUE" 2 "$QIKAN" set "$B" 3 title
expect_status "no ARTICLE" 2 "$QIKAN" set "$B"
expect_status "one bad value spoils the save" 2 "$QIKAN" set "$B" 3 "author=李四" "page=0"
expect_eq "nothing saved by refused edits" "$("$QIKAN" log "$B")" "$before"
expect_status "missing article" 2 "$QIKAN" set "$B" 99999 "title=x"

# --- undo: the last edit, itself logged; then the one before ---
expect_status "undo" 0 "$QIKAN" undo "$B"
expect_contains "undo says what it restored" "$(cat "$TMP/out")" "page: '9' -> '8'"
line=$("$QIKAN" toc --format text "$B" | grep "在全总执委会议上的讲话（修订）")
expect_contains "undo restored the author" "$line" "王东明 "
expect_contains "undo restored the section" "$line" "学习强会"
expect_contains "undo is logged" "$("$QIKAN" log "$B")" "undo of edit 2"
expect_status "undo again" 0 "$QIKAN" undo "$B"
expect_contains "title restored" "$("$QIKAN" toc "$B")" "在全总十七届七次执委会议上的讲话"
expect_status "search no longer finds the undone title" 1 "$QIKAN" search "$B" "title:修订"
expect_status "nothing left to undo" 0 "$QIKAN" undo "$B"
expect_contains "nothing to undo" "$(cat "$TMP/out")" "nothing to undo"
expect_status "check after edits" 0 "$QIKAN" check "$B"

# --- stale save: two editors read version v; the second is refused ---
expect_status "set without fields prints them" 0 "$QIKAN" set "$B" 3
fields=$(cat "$TMP/out")
expect_contains "fields: title" "$fields" "title: '在全总十七届七次执委会议上的讲话'"
expect_contains "fields: section by title and id" "$fields" "section: '学习强会' ("
v=$(printf '%s\n' "$fields" | sed -n 's/^article 3, version \([0-9]*\)$/\1/p')
expect_eq "the version is 1 + the edits of the article" "$v" $(( $("$QIKAN" log "$B" 3 | grep -c '^edit ') + 1 ))
QIKAN_USER=甲 expect_status "first save" 0 "$QIKAN" set --expect-version $v "$B" 3 "author=甲改的作者"
QIKAN_USER=乙 expect_status "stale save refused" 1 "$QIKAN" set --expect-version $v "$B" 3 "author=乙改的作者"
err=$(cat "$TMP/err")
expect_contains "stale message shows the other value" "$err" "甲改的作者"
expect_contains "stale message says who" "$err" "by 甲"
expect_contains "stale message names the version to reload" "$err" "--expect-version $((v + 1))"
expect_contains "first value kept" "$("$QIKAN" toc "$B")" "甲改的作者"
expect_not_contains "stale value not saved" "$("$QIKAN" log "$B")" "乙改的作者"

# --- many processes at once on the same version: exactly one wins ---
v=$((v + 1))
n=8
for i in $(seq 1 $n); do
	(QIKAN_USER=editor$i "$QIKAN" set --expect-version $v "$B" 3 "byline=□ 编辑$i" >"$TMP/p$i.out" 2>"$TMP/p$i.err"
	 echo $? >"$TMP/p$i.rc") &
done
wait
wins=0
for i in $(seq 1 $n); do
	rc=$(cat "$TMP/p$i.rc")
	case $rc in
	0) wins=$((wins + 1)); winner=$i ;;
	1) grep -q "changed meanwhile" "$TMP/p$i.err" || fail "loser $i: $(cat "$TMP/p$i.err")" ;;
	*) fail "process $i exit $rc: $(cat "$TMP/p$i.err")" ;;
	esac
done
expect_eq "one concurrent save wins" "$wins" 1
expect_eq "the winner's byline is stored" "$("$QIKAN" log -n 1 "$B" 3 | grep -c "□ 编辑${winner:-x}'")" 1
expect_status "check after concurrent saves" 0 "$QIKAN" check "$B"

# --- read-only bundle: says so, changes nothing ---
# root may write any file, so the read-only cases run as nobody.
run_as() { "$@"; }
ro_ok=yes
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null; then
		run_as() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	else
		ro_ok=no
		echo "SKIP read-only cases: running as root without setpriv" >&2
	fi
fi
RO=$TMP/ro
mkdir -p "$RO/filero" "$RO/dirro"
cp "$SAMPLE" "$RO/filero/b.qikan"
cp "$SAMPLE" "$RO/dirro/b.qikan"
chmod 755 "$TMP" "$RO"
chmod 777 "$RO/filero"
chmod 444 "$RO/filero/b.qikan"
chmod 666 "$RO/dirro/b.qikan"
chmod 555 "$RO/dirro"
[ $ro_ok = yes ] && for ro in "$RO/filero/b.qikan" "$RO/dirro/b.qikan"; do
	sum=$(sha256sum <"$ro")
	expect_status "set on read-only $ro" 1 run_as "$QIKAN" set "$ro" 3 "title=不应保存"
	expect_contains "read-only message" "$(cat "$TMP/err")" "read-only"
	expect_status "undo on read-only" 1 run_as "$QIKAN" undo "$ro"
	expect_status "log on read-only works" 0 run_as "$QIKAN" log "$ro"
	expect_eq "read-only bundle unchanged" "$(sha256sum <"$ro")" "$sum"
done
chmod 755 "$RO/dirro"
finish

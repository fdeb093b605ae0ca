#!/bin/sh
# SPDX-License-Identifier: MIT
# hostile_output.sh — bundles and changesets from another office are
# untrusted: crafted with the sqlite3 shell here, they must not put one raw
# control byte on stdout or stderr (checked on the bytes, not a screen), a
# pasted hint must not run anything, and no output path may destroy a
# bundle, a link or a device.  One block per case of issue #10.
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/hostile_lib.sh"

B=$TMP/b.qikan
cp "$SAMPLE" "$B"

# --- show: issue and section titles in the header line ---
sqlite3 "$B" "UPDATE issue SET title = title || $EVIL || $BIDI || char(10) || 'FAKE LINE';
	UPDATE section SET title = title || $EVIL || char(8238);"
run "show, hostile header" 0 "$QIKAN" show "$B" 5
expect_contains "show: ESC shown as ^[" "$(cat "$TMP/out")" "^[[2J^[]0;pwned^G<U+009B>31m"
expect_contains "show: bidi and zero-width shown" "$(cat "$TMP/out")" "<U+202E><U+2066><U+200B><U+2028>"
expect_eq "show: the header stays one line" "$(grep -c '^FAKE LINE' "$TMP/out")" 0
expect_contains "show: the newline is visible" "$(cat "$TMP/out")" "^JFAKE LINE"
run "toc, hostile titles" 0 "$QIKAN" toc "$B"
run "export text" 0 "$QIKAN" export "$B"
run "export markdown" 0 "$QIKAN" export -f markdown "$B"
run "export json" 0 "$QIKAN" export -f json "$B"
run "stats" 0 "$QIKAN" stats "$B"

# --- search --json: U+202E escaped in issue_title ---
run "search --json" 0 "$QIKAN" search --json "$B" 工会
expect_contains "search --json escapes RLO" "$(cat "$TMP/out")" '\u202e'
expect_contains "search --json escapes U+2028" "$(cat "$TMP/out")" '\u2028'
run "search text" 0 "$QIKAN" search "$B" 工会

# --- log: edit time, name and field from the bundle; U+2028 in a title ---
cp "$SAMPLE" "$B"
QIKAN_USER=clerk "$QIKAN" set "$B" 3 "author=王东明（甲）" >/dev/null
sqlite3 "$B" "UPDATE edit_log SET at = at || $EVIL, field = field || $EVIL, who = who || $BIDI;
	UPDATE article SET title = '讲话' || char(8232) || 'edit 99  1999-01-01  boss  article 1 v9' WHERE id = 3;"
run "log" 0 "$QIKAN" log "$B"
expect_eq "log: one edit, one header line (U+2028 fakes none)" "$(grep -c '^edit ' "$TMP/out")" 1
expect_contains "log: time with ESC shown" "$(cat "$TMP/out")" "Z^[[2J"
expect_contains "log: separator shown" "$(cat "$TMP/out")" "讲话<U+2028>edit 99"
run "log of the article" 0 "$QIKAN" log "$B" 3

# --- check: a field name with ESC in the log ---
run "check reports the bad field" 1 "$QIKAN" check "$B"
expect_contains "check names it, visibly" "$(cat "$TMP/err")" "^[[2J"

# --- changes conflicts: recorded values from a crafted bundle ---
cp "$SAMPLE" "$B"
sqlite3 "$B" "INSERT INTO edit_conflict(who, article_id, field, base_value, local_value, remote_value, remote_who, remote_at)
	VALUES('x' || $EVIL, 3, 'author', 'a' || $EVIL, 'b' || char(10) || 'FAKE', '王' || char(8238) || '东明', 'o' || $BIDI, '2026' || $EVIL);"
run "conflicts" 0 "$QIKAN" changes conflicts "$B"
expect_eq "conflicts: values stay on their line" "$(grep -c '^FAKE' "$TMP/out")" 0
expect_contains "conflicts: no shell line for an invisible character" "$(cat "$TMP/out")" "type it yourself"
sqlite3 "$B" "UPDATE edit_conflict SET field = 'author' || $EVIL"
run "conflicts: hostile field name" 0 "$QIKAN" changes conflicts "$B"
expect_not_contains "no hint for an unknown field" "$(cat "$TMP/out")" "to take theirs"

# --- changes apply: the remote edit time and name are validated ---
A=$TMP/a.qikan
cp "$SAMPLE" "$A"
cp "$SAMPLE" "$B"
QIKAN_USER=office-a "$QIKAN" set "$A" 3 "author=王东明（甲）" >/dev/null
sqlite3 "$A" "UPDATE edit_log SET at = at || $EVIL"
"$QIKAN" changes export -o "$TMP/evil-at.qcs" "$A" >/dev/null || fail "export evil-at"
before=$("$QIKAN" toc "$B")
run "apply: a time with ESC is refused" 1 "$QIKAN" changes apply "$B" "$TMP/evil-at.qcs"
expect_contains "apply: says why" "$(cat "$TMP/err")" "is not a time"
expect_eq "apply: nothing applied" "$("$QIKAN" toc "$B")" "$before"
sqlite3 "$A" "UPDATE edit_log SET at = '2026-11-25T10:30:00Z', who = 'office-a' || char(8238) || 'gnp'"
"$QIKAN" changes export -o "$TMP/evil-who.qcs" "$A" >/dev/null || fail "export evil-who"
run "apply: a name with RLO is refused" 1 "$QIKAN" changes apply "$B" "$TMP/evil-who.qcs"
expect_contains "apply: names the row" "$(cat "$TMP/err")" "the name"
expect_eq "apply: still nothing applied" "$("$QIKAN" toc "$B")" "$before"
# A field value set would refuse is not written: kept as a conflict (never
# lost), shown visibly, and the bundle stays healthy.
cp "$SAMPLE" "$A"
QIKAN_USER=office-a "$QIKAN" set "$A" 3 "title=新标题" >/dev/null
sqlite3 "$A" "UPDATE edit_log SET new_value = new_value || $EVIL WHERE field = 'title';
	UPDATE article SET title = title || $EVIL WHERE id = 3"
"$QIKAN" changes export -o "$TMP/evil-value.qcs" "$A" >/dev/null || fail "export evil-value"
run "apply: a title with ESC is not applied" 1 "$QIKAN" changes apply "$B" "$TMP/evil-value.qcs"
expect_contains "apply: says why" "$(cat "$TMP/out")" "contains a control character"
expect_eq "apply: the title is unchanged" "$("$QIKAN" toc "$B")" "$before"
expect_eq "apply: the value is kept as a conflict" "$(sqlite3 "$B" "SELECT count(*) FROM edit_conflict WHERE remote_value LIKE '新标题%'")" 1
run "check after a refused value: healthy" 0 "$QIKAN" check "$B"
run "set: RLO in a value is refused" 2 "$QIKAN" set "$B" 3 "title=abc$(printf '\342\200\256')def"
run "set: a title of a zero-width space is empty" 2 "$QIKAN" set "$B" 3 "title=$(printf '\342\200\213\343\200\200 ')"
expect_contains "set: says empty" "$(cat "$TMP/err")" "must not be empty"

# --- the shell hint of a conflict: pasting it runs nothing ---
cp "$SAMPLE" "$A"
cp "$SAMPLE" "$B"
VAL="新标题'\$(touch $TMP/PWNED)'\`touch $TMP/PWNED\`"
QIKAN_USER=a "$QIKAN" set "$A" 3 "title=$VAL" >/dev/null || fail "set a hostile but visible title"
QIKAN_USER=b "$QIKAN" set "$B" 3 "title=B的标题" >/dev/null
"$QIKAN" changes export -o "$TMP/a.qcs" "$A" >/dev/null
run "apply with a conflict" 1 "$QIKAN" changes apply "$B" "$TMP/a.qcs"
hint=$(sed -n 's/^  to take theirs \/ 采用对方: //p' "$TMP/out")
expect_contains "a hint is printed" "$hint" "qikan set '$B' 3 'title=新标题'\\''"
(
	qikan() { printf '%s\n' "$@" >"$TMP/args"; }
	eval "$hint"
)
[ -e "$TMP/PWNED" ] && fail "pasting the hint ran a command" || ok
expect_eq "the pasted hint passes the value unchanged" "$(sed -n 4p "$TMP/args")" "title=$VAL"
expect_eq "and the bundle path" "$(sed -n 2p "$TMP/args")" "$B"

# --- the duplicate-import error and the "N articles match" list ---
I=$TMP/i.qikan
"$QIKAN" import -o "$I" "$SAMPLE_TXT" >/dev/null 2>&1; [ $? -le 1 ] || fail "import"
sqlite3 "$I" "UPDATE issue SET title = title || $EVIL"
expect_status "duplicate import refused" 2 "$QIKAN" import -o "$I" "$SAMPLE_TXT"
expect_clean "duplicate import error" "$TMP/out" "$TMP/err"
cp "$SAMPLE" "$B"
sqlite3 "$B" "UPDATE article SET title = '同名' || $EVIL || char(10) || '  99  FAKE' WHERE id IN (3, 4)"
run "several articles match" 2 "$QIKAN" show "$B" 同名
expect_contains "the list is there" "$(cat "$TMP/err")" "2 articles match"
expect_eq "each title on its line" "$(grep -c '^  99  FAKE' "$TMP/err")" 0

# --- SQLite's own messages: a schema name holding an escape ---
cp "$SAMPLE" "$B"
sqlite3 "$B" "CREATE INDEX ix ON article(title); PRAGMA writable_schema = ON;
	UPDATE sqlite_schema SET name = char(27) || '[31mEVIL', sql = 'CREATE INDEX \"' || char(27) || '[31mEVIL\" ON article(nosuch)' WHERE name = 'ix';"
expect_status "changes conflicts on a bundle with a hostile schema" 1 "$QIKAN" changes conflicts "$B"
expect_clean "changes conflicts: SQLite's message" "$TMP/out" "$TMP/err"
for cmd in toc check "show 3" "search 工会" stats log "set 3"; do
	# shellcheck disable=SC2086
	set -- $cmd
	c=$1
	shift
	expect_status "$c on a bundle with a hostile schema" 1 "$QIKAN" $c "$B" "$@"
	expect_clean "$c: SQLite's message" "$TMP/out" "$TMP/err"
done
expect_contains "the name is shown, visibly" "$(cat "$TMP/err")" "^[[31mEVIL"

# --- changes export -o -: never a binary changeset to a terminal ---
cp "$SAMPLE" "$A"
QIKAN_USER=a "$QIKAN" set "$A" 3 "author=甲" >/dev/null
if command -v script >/dev/null; then
	rc=0
	on_tty "$TMP/tty" "$QIKAN" changes export -o - "$A" || rc=$?
	expect_eq "export -o - to a terminal: exit 1" "$rc" 1
	expect_contains "says why" "$(cat "$TMP/tty")" "terminal"
	expect_clean "nothing binary on the terminal" "$TMP/tty"
else
	echo "script missing: terminal case skipped"
fi
"$QIKAN" changes export -o - "$A" >"$TMP/pipe.qcs" 2>/dev/null || fail "export -o - to a file"
[ -s "$TMP/pipe.qcs" ] && ok || fail "export -o - wrote nothing into a file"

# --- output paths that must not be destroyed ---
cp "$SAMPLE" "$B"
cp "$B" "$TMP/b.copy"
expect_status "export over a bundle is refused" 1 "$QIKAN" changes export -o "$B" "$A"
expect_contains "says it is a bundle" "$(cat "$TMP/err")" "is a qikan bundle"
cmp -s "$B" "$TMP/b.copy" && ok || fail "the bundle was changed"
expect_status "export over the bundle itself is refused" 1 "$QIKAN" changes export -o "$A" "$A"
sqlite3 "$TMP/other.db" "CREATE TABLE t(x)"
expect_status "export over another database is refused" 1 "$QIKAN" changes export -o "$TMP/other.db" "$A"
echo "keep me" >"$TMP/target.txt"
ln -s "$TMP/target.txt" "$TMP/link"
expect_status "export over a symbolic link is refused" 1 "$QIKAN" changes export -o "$TMP/link" "$A"
[ -L "$TMP/link" ] && [ "$(cat "$TMP/target.txt")" = "keep me" ] && ok || fail "the link or its target changed"
mkdir "$TMP/dir"
expect_status "export over a directory is refused" 1 "$QIKAN" changes export -o "$TMP/dir" "$A"
if mkfifo "$TMP/fifo" 2>/dev/null; then
	timeout 30 cat "$TMP/fifo" >"$TMP/from-fifo" &
	reader=$!
	expect_status "export into a FIFO" 0 "$QIKAN" changes export -o "$TMP/fifo" "$A"
	wait "$reader"
	[ -p "$TMP/fifo" ] && ok || fail "the FIFO was replaced"
	cmp -s "$TMP/from-fifo" "$TMP/pipe.qcs" && ok || fail "the FIFO got other bytes"
fi
expect_status "export into /dev/null" 0 "$QIKAN" changes export -o /dev/null "$A"
[ -c /dev/null ] && ok || fail "/dev/null is no longer a device"
if [ -c /dev/full ]; then
	expect_status "export into /dev/full fails" 1 "$QIKAN" changes export -o /dev/full "$A"
	[ -c /dev/full ] && ok || fail "/dev/full was replaced"
fi
expect_status "import -o '' is refused" 2 "$QIKAN" import -o "" "$SAMPLE_TXT"
expect_contains "says the name is empty" "$(cat "$TMP/err")" "empty"

# --- every write checked: a full disk is an error, exit 1 ---
if [ -c /dev/full ]; then
	for cmd in "export" "export -f json" "toc" "show @ 3" "search @ 工会" "stats" "log" "check" \
		"changes conflicts" "set @ 3" "--help" "toc --help"; do
		# shellcheck disable=SC2086
		set -- $cmd
		args=""
		for a in "$@"; do
			[ "$a" = @ ] && a=$A
			args="$args $a"
		done
		case $cmd in *@*) ;; *--help*) ;; *) args="$args $A" ;; esac
		rc=0
		# shellcheck disable=SC2086
		"$QIKAN" $args >/dev/full 2>"$TMP/err" || rc=$?
		expect_eq "qikan$args > /dev/full: exit 1" "$rc" 1
		expect_contains "qikan$args > /dev/full: says so" "$(cat "$TMP/err")" "cannot write the output"
	done
fi

finish

#!/bin/sh
# SPDX-License-Identifier: MIT
# hostile_messages.sh — messages about untrusted data (issue #10):
#  - a one-line message stays one line, whatever the data in it holds
#    (a title with LF, U+2028 or U+2029 in the duplicate-import error, a
#    path with LF in an open error);
#  - the reader's messages before curses starts (stderr has no filter
#    there) are sanitised too: a bundle path with ESC and bidi characters,
#    SQLite's message naming a crafted index;
#  - a bundle whose header is damaged is a damaged bundle (exit 1, "damaged",
#    points to `qikan check`) for every command and the reader, while a
#    file that never was a database is "not a qikan bundle" (exit 2).
# Checked on the raw bytes written.
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/hostile_lib.sh"

ESC=$(printf '\033')
RLO=$(printf '\342\200\256')

# --- the duplicate-import error: the title stays on one line ---
I=$TMP/i.qikan
"$QIKAN" import -q -o "$I" "$SAMPLE_TXT" >/dev/null 2>&1
[ $? -le 1 ] && ok || fail "import the sample"
for sep in "char(10)" "char(13)" "char(8232)" "char(8233)"; do
	sqlite3 "$I" "UPDATE issue SET title = '刊' || $sep || 'qikan: FAKE LINE ' || $EVIL"
	run "duplicate import, $sep in the title" 2 "$QIKAN" import -q -o "$I" "$SAMPLE_TXT"
	expect_eq "duplicate import, $sep: the error is one line" \
		"$(grep -c 'already in the bundle.*FAKE LINE .*pwned.*, from' "$TMP/err")" 1
	expect_eq "duplicate import, $sep: no line starts with the fake" "$(grep -c '^qikan: FAKE' "$TMP/err")" 0
	expect_contains "duplicate import, $sep: names the issue" "$(cat "$TMP/err")" "already in the bundle"
	# --skip-existing says what it skipped, on one line too.
	run "skip-existing, $sep in the title" 0 "$QIKAN" import -o "$I" --skip-existing "$SAMPLE_TXT"
	expect_eq "skip-existing, $sep: no line starts with the fake" "$(grep -c '^qikan: FAKE' "$TMP/err")" 0
	expect_eq "skip-existing, $sep: the message is one line" \
		"$(grep -c 'skipped: already in the bundle.*FAKE LINE .*pwned.*, same text' "$TMP/err")" 1
done
expect_contains "U+2029 is shown" "$(cat "$TMP/err")" "<U+2029>qikan: FAKE"
sqlite3 "$I" "UPDATE issue SET title = '刊' || char(10) || 'qikan: FAKE LINE'"
"$QIKAN" import -q -o "$I" "$SAMPLE_TXT" >/dev/null 2>"$TMP/err"
expect_contains "LF is shown as ^J" "$(cat "$TMP/err")" "刊^Jqikan: FAKE LINE"

# --- an open error: a path with LF and ESC stays on one line ---
P="$TMP/a
qikan: FAKE ${ESC}[2J.qikan"
printf 'not a bundle\n' >"$P"
run "toc on a path with LF" 2 "$QIKAN" toc "$P"
expect_eq "the open error is one line" "$(wc -l <"$TMP/err")" 1
expect_contains "the path is shown, visibly" "$(cat "$TMP/err")" "a^Jqikan: FAKE ^[[2J.qikan"

# --- the import outline (--dry-run): a title with U+2028 stays on its line ---
sed '1001s/新期盼 千群/新期盼\xe2\x80\xa8qikan: FAKE 千群/' "$SAMPLE_TXT" >"$TMP/u2028.txt"
run "import --dry-run, U+2028 in a title" 1 "$QIKAN" import --dry-run "$TMP/u2028.txt"
expect_eq "the outline's line holds the whole title" "$(grep -c '新期盼<U+2028>qikan: FAKE 千群话心声' "$TMP/out")" 1
expect_eq "no line starts with the fake" "$(grep -c '^qikan: FAKE' "$TMP/out" "$TMP/err" | awk -F: '{ n += $2 } END { print n }')" 0

# --- lists and tables: a row is one line whatever a title holds ---
L=$TMP/lines.qikan
cp "$SAMPLE" "$L"
sqlite3 "$L" "UPDATE article SET title = '讲话' || char(8232) || 'FAKE LINE', author = '王' || char(8233) || 'FAKE AUTHOR' WHERE id = 3;
	UPDATE section SET title = title || char(10) || 'FAKE SECTION' WHERE id = 1;
	UPDATE issue SET title = title || char(8232) || 'FAKE ISSUE'"
for cmd in "toc" "toc --format text" "toc --format tsv" "search @ 讲话" "stats"; do
	# shellcheck disable=SC2086
	set -- $cmd
	c=$1
	shift
	[ "${1:-}" = @ ] && { shift; set -- "$L" "$@"; } || set -- "$@" "$L"
	run "$cmd: titles with line breaks" 0 "$QIKAN" $c "$@"
	expect_eq "$cmd: no line starts with a title's fake line" "$(grep -c '^FAKE' "$TMP/out")" 0
done
expect_contains "stats: the separator is shown" "$(cat "$TMP/out")" "<U+2028>FAKE LINE"
# show and export: the article's heading fields stay one line each (a
# title with a line break would print a fake byline under itself); the
# body's paragraphs keep theirs.
sqlite3 "$L" "UPDATE article SET subtitle = '副' || char(10) || 'FAKE SUB', source = '来源：' || char(13) || char(10) || 'FAKE SOURCE' WHERE id = 3"
for cmd in "show" "show --width 30" "export" "export --format markdown"; do
	# shellcheck disable=SC2086
	run "$cmd: heading fields with line breaks" 0 "$QIKAN" $cmd "$L" 3
	expect_eq "$cmd: no line starts with a field's fake line" "$(grep -c '^FAKE' "$TMP/out")" 0
	expect_contains "$cmd: the title's separator is shown" "$(tr -d '\n' <"$TMP/out")" "讲话<U+2028>FAKE LINE"
	expect_contains "$cmd: the subtitle's LF is shown" "$(tr -d '\n' <"$TMP/out")" "副^JFAKE SUB"
	expect_contains "$cmd: the source's CR LF is shown" "$(tr -d '\n' <"$TMP/out")" "来源：^M^JFAKE SOURCE"
done

# --- usage errors and "nothing was applied": the argument on one line ---
run "an unknown option with U+2028" 2 "$QIKAN" toc "--nosuch$(printf '\342\200\250')qikan: FAKE" "$I"
expect_eq "the usage error is two lines (message, hint)" "$(wc -l <"$TMP/err")" 2
expect_contains "the option is shown, visibly" "$(cat "$TMP/err")" "--nosuch<U+2028>qikan: FAKE"
PA="$TMP/apply
qikan: FAKE.qikan"
cp "$SAMPLE" "$PA"
printf 'not a changeset' >"$TMP/bad.qcs"
run "apply a damaged changeset to a path with LF" 1 "$QIKAN" changes apply "$PA" "$TMP/bad.qcs"
expect_eq "no line starts with the fake" "$(grep -c '^qikan: FAKE' "$TMP/err")" 0
expect_contains "says nothing was applied, on one line" "$(cat "$TMP/err")" "nothing was applied; $TMP/apply^Jqikan: FAKE.qikan is unchanged"

# --- the reader: messages written before curses starts ---
if command -v script >/dev/null; then
	reader() { # reader FILE BUNDLE: the reader on a terminal, its bytes in FILE
		on_tty "$1" env LC_ALL=C.UTF-8 TERM=xterm timeout 20 "$QIKAN" "$2"
	}
	N="$TMP/bad${ESC}[2J${ESC}]0;pwned$(printf '\007')${RLO}.qikan"
	printf 'not a bundle\n' >"$N"
	rc=0
	reader "$TMP/tty" "$N" || rc=$?
	expect_eq "reader, not a bundle with ESC in its name: exit 2" "$rc" 2
	expect_clean "reader: the path's ESC and RLO" "$TMP/tty"
	expect_contains "reader: the path is shown, visibly" "$(cat "$TMP/tty")" "bad^[[2J^[]0;pwned^G<U+202E>.qikan"
	expect_contains "reader: says not a bundle" "$(cat "$TMP/tty")" "not a qikan bundle"

	head -c 40000 "$SAMPLE" >"$N"
	rc=0
	reader "$TMP/tty" "$N" || rc=$?
	expect_eq "reader, a truncated bundle with ESC in its name: exit 1" "$rc" 1
	expect_clean "reader, truncated: the path" "$TMP/tty"
	expect_contains "reader, truncated: says damaged" "$(cat "$TMP/tty")" "damaged"

	B=$TMP/schema.qikan
	cp "$SAMPLE" "$B"
	sqlite3 "$B" "CREATE INDEX ix ON article(title); PRAGMA writable_schema = ON;
		UPDATE sqlite_schema SET name = char(27) || '[31mEVIL' || char(8238),
		sql = 'CREATE INDEX \"' || char(27) || '[31mEVIL\" ON article(nosuch)' WHERE name = 'ix';"
	rc=0
	reader "$TMP/tty" "$B" || rc=$?
	expect_eq "reader, a crafted index name: exit 1" "$rc" 1
	expect_clean "reader: SQLite's message naming the index" "$TMP/tty"
	expect_contains "reader: the index name is shown, visibly" "$(cat "$TMP/tty")" "^[[31mEVIL<U+202E>"
else
	echo "script missing: the reader's cases skipped"
fi

# --- a damaged header is a damaged bundle; a non-database is not one ---
# damage NAME PYTHON: a copy of the sample changed by PYTHON (on d, a bytearray).
damage() {
	python3 - "$SAMPLE" "$TMP/$1.qikan" "$2" <<'PY'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
page = int.from_bytes(d[16:18], 'big')
exec(sys.argv[3])
open(sys.argv[2], 'wb').write(d)
PY
}
if command -v python3 >/dev/null; then
	damage magic0 'd[0:16] = bytes(16)'
	damage magic3 'd[0] ^= 0x20; d[7] ^= 0x11; d[15] = 0x41'
	damage header0 'd[0:100] = bytes(100)'
	damage header_noapp 'd[0:16] = bytes(16); d[68:72] = bytes(4)'
	damage page1 'd[0:page] = bytes(page)'
	head -c 10 "$SAMPLE" >"$TMP/cut10.qikan"
	for f in magic0 magic3 header0 header_noapp page1 cut10; do
		for cmd in toc "show @ 3" "search @ 工会" stats export log check; do
			# shellcheck disable=SC2086
			set -- $cmd
			c=$1
			[ $# -gt 1 ] && shift 2 || shift
			run "$c on a bundle with a damaged header ($f): exit 1" 1 "$QIKAN" $c "$TMP/$f.qikan" "$@"
			expect_contains "$c on $f: says damaged" "$(cat "$TMP/err")" "damaged"
		done
		expect_contains "toc on $f: points to check" "$(cd "$TMP" && "$QIKAN" toc "$f.qikan" 2>&1)" "qikan check"
		if command -v script >/dev/null; then
			rc=0
			on_tty "$TMP/tty" env LC_ALL=C.UTF-8 TERM=xterm timeout 20 "$QIKAN" "$TMP/$f.qikan" || rc=$?
			expect_eq "the reader on $f: exit 1" "$rc" 1
			expect_contains "the reader on $f: says damaged" "$(cat "$TMP/tty")" "damaged"
		fi
	done
else
	echo "python3 missing: damaged headers skipped"
fi
# Never a database: a text file, bytes of no format, zeros, a short file,
# a database of another program.
printf 'title\tauthor\n' >"$TMP/text.qikan"
awk 'BEGIN { srand(7); for (i = 0; i < 8192; i++) printf "%c", int(rand() * 255) + 1 }' >"$TMP/noise.qikan"
head -c 65536 /dev/zero >"$TMP/zeros.qikan"
printf 'x' >"$TMP/short.qikan"
sqlite3 "$TMP/other.qikan" "CREATE TABLE t(x); INSERT INTO t VALUES(1);"
for f in text noise zeros short other; do
	for cmd in toc "show @ 3" "search @ 工会" stats export log; do
		# shellcheck disable=SC2086
		set -- $cmd
		c=$1
		[ $# -gt 1 ] && shift 2 || shift
		run "$c on $f: not a bundle, exit 2" 2 "$QIKAN" $c "$TMP/$f.qikan" "$@"
		expect_contains "$c on $f: says not a qikan bundle" "$(cat "$TMP/err")" "not a qikan bundle"
		expect_not_contains "$c on $f: not called damaged" "$(cat "$TMP/err")" "damaged"
	done
	# check: whatever it is, it is not a healthy bundle.
	run "check on $f: exit 1" 1 "$QIKAN" check "$TMP/$f.qikan"
done
expect_eq "the zeros are left as they were" "$(od -An -tx1 -v "$TMP/zeros.qikan" | tr -d ' 0\n' | wc -c) $(wc -c <"$TMP/zeros.qikan")" "0 65536"
expect_eq "nothing written into the short file" "$(cat "$TMP/short.qikan")" x

finish

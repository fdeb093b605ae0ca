#!/bin/sh
# SPDX-License-Identifier: MIT
# hostile_input.sh — inputs a bad copy, a careless user or an attacker
# produce (issue #10): an empty or truncated bundle is damaged (exit 1,
# said so) and never given a fresh schema; non-regular files, endless
# files and oversized files are refused without hanging or growing
# memory; a deeply nested search query is refused with a clear message; a
# config named on the command line must exist; a busy bundle names the
# other writer.
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/hostile_lib.sh"

B=$TMP/b.qikan
cp "$SAMPLE" "$B"

# --- an empty file is not a new bundle ---
: >"$TMP/empty.qikan"
for cmd in check toc "show @ 3" export "search @ 工会" stats log; do
	# shellcheck disable=SC2086
	set -- $cmd
	c=$1
	[ $# -gt 1 ] && shift 2 || shift
	run "$c on a 0-byte file: exit 1" 1 "$QIKAN" $c "$TMP/empty.qikan" "$@"
	expect_contains "$c on a 0-byte file says so" "$(cat "$TMP/err")" "empty file"
	expect_eq "$c left it 0 bytes" "$(wc -c <"$TMP/empty.qikan")" 0
done
if command -v script >/dev/null; then
	rc=0
	on_tty "$TMP/tty" env LC_ALL=C.UTF-8 TERM=xterm timeout 20 "$QIKAN" "$TMP/empty.qikan" || rc=$?
	[ "$rc" != 0 ] && [ "$rc" != 124 ] && ok || fail "the reader on a 0-byte file: exit $rc"
	expect_eq "the reader left it 0 bytes" "$(wc -c <"$TMP/empty.qikan")" 0
fi
expect_status "import -o an existing empty file is refused" 1 "$QIKAN" import -o "$TMP/empty.qikan" "$SAMPLE_TXT"
expect_eq "and it stays empty" "$(wc -c <"$TMP/empty.qikan")" 0
# An empty database (a valid SQLite file with no tables) is no bundle either.
sqlite3 "$TMP/emptydb.qikan" "PRAGMA user_version = 0; VACUUM;"
if [ -s "$TMP/emptydb.qikan" ]; then
	run "toc on an empty database" 1 "$QIKAN" toc "$TMP/emptydb.qikan"
	expect_eq "no schema written into it" "$(sqlite3 "$TMP/emptydb.qikan" 'SELECT count(*) FROM sqlite_schema')" 0
fi

# --- a truncated bundle is damaged: exit 1, said so ---
size=$(wc -c <"$SAMPLE")
for cut in 50 100 4096 $((size / 3)) $((size - 4096)); do
	head -c "$cut" "$SAMPLE" >"$TMP/cut.qikan"
	run "check on $cut of $size bytes: exit 1" 1 "$QIKAN" check "$TMP/cut.qikan"
	expect_contains "check on $cut bytes says damaged" "$(cat "$TMP/err")" "damaged"
	run "toc on $cut bytes: exit 1" 1 "$QIKAN" toc "$TMP/cut.qikan"
	run "show on $cut bytes: exit 1" 1 "$QIKAN" show "$TMP/cut.qikan" 3
done
# A damaged header (not even SQLite's magic): check still exits 1.
head -c 8192 /dev/urandom >"$TMP/noise.qikan"
run "check on random bytes: exit 1" 1 "$QIKAN" check "$TMP/noise.qikan"
echo "plain text" >"$TMP/text.txt"
run "toc on a text file: not a bundle, exit 2" 2 "$QIKAN" toc "$TMP/text.txt"

# --- non-regular and endless inputs are refused, not read forever ---
limited() { timeout 30 "$@"; }
run "apply /dev/zero" 2 limited "$QIKAN" changes apply "$B" /dev/zero
expect_contains "says not a regular file" "$(cat "$TMP/err")" "not a regular file"
run "import /dev/zero" 2 limited "$QIKAN" import -o "$TMP/new.qikan" /dev/zero
[ -e "$TMP/new.qikan" ] && fail "import /dev/zero left a bundle" || ok
if mkfifo "$TMP/fifo"; then
	run "apply a FIFO nobody writes" 2 limited "$QIKAN" changes apply "$B" "$TMP/fifo"
	run "import a FIFO nobody writes" 2 limited "$QIKAN" import -o "$TMP/new.qikan" "$TMP/fifo"
	run "stats --config a FIFO" 2 limited "$QIKAN" stats --config "$TMP/fifo" "$B"
fi
run "stats --config /dev/zero" 2 limited "$QIKAN" stats --config /dev/zero "$B"
run "stats --config a missing file" 2 "$QIKAN" stats --config "$TMP/missing.ini" "$B"
expect_contains "names the file" "$(cat "$TMP/err")" "missing.ini"
# Sparse files larger than the caps: refused by their size, at once.
truncate -s 65M "$TMP/big.qcs"
run "apply a 65 MB changeset" 2 limited "$QIKAN" changes apply "$B" "$TMP/big.qcs"
expect_contains "says it is too large" "$(cat "$TMP/err")" "larger than 64 MB"
truncate -s 300M "$TMP/big.txt"
run "import a 300 MB text" 2 limited "$QIKAN" import -o "$TMP/new.qikan" "$TMP/big.txt"
expect_contains "says it is too large" "$(cat "$TMP/err")" "larger than"

# --- search: nesting is limited, with a clear message, no crash ---
deep=$(awk 'BEGIN { for (i = 0; i < 65000; i++) printf "("; printf "x"; for (i = 0; i < 65000; i++) printf ")" }')
run "65,000 nested brackets" 2 "$QIKAN" search "$B" "$deep"
expect_contains "says nested too deep" "$(cat "$TMP/err")" "nested more than 32 deep"
fields=$(awk 'BEGIN { for (i = 0; i < 20000; i++) printf "title:"; printf "工会" }')
run "20,000 field prefixes" 2 "$QIKAN" search "$B" "$fields"
words=$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "工会 OR "; printf "工人" }')
run "5,000 words" 2 "$QIKAN" search "$B" "$words"
expect_contains "says too many words" "$(cat "$TMP/err")" "more than 1000 words"
ok32=$(awk 'BEGIN { for (i = 0; i < 32; i++) printf "("; printf "工会"; for (i = 0; i < 32; i++) printf ")" }')
run "32 nested brackets still search" 0 "$QIKAN" search "$B" "$ok32"
chain=$(awk 'BEGIN { for (i = 0; i < 499; i++) printf "工会 OR 职工 "; printf "工人" }')
run "a 999-word query still searches" 0 "$QIKAN" search "$B" "$chain"

# --- a busy bundle: the message names another writer ---
cp "$SAMPLE" "$B"
if command -v python3 >/dev/null; then
	python3 - "$B" "$TMP/locked" <<'EOF' &
import sqlite3, sys, time, os
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0)
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE article SET version = version WHERE id = 1")
open(sys.argv[2], "w").close()
time.sleep(15)
db.execute("ROLLBACK")
EOF
	holder=$!
	n=0
	while [ ! -e "$TMP/locked" ] && [ $n -lt 100 ]; do sleep 0.2; n=$((n + 1)); done
	run "set while another writer holds the bundle" 1 "$QIKAN" set "$B" 3 "author=甲"
	expect_contains "says another program is writing" "$(cat "$TMP/err")" "another program"
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
fi

finish

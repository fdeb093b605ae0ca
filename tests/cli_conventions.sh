#!/bin/sh
# SPDX-License-Identifier: MIT
# cli_conventions.sh — issue #14's command-line conventions, as a shell
# user sees them: --version/-V with licence and libraries; every command
# and sub-command answers --help; a refused option is reported once, by
# name; `qikan tocc` suggests toc; --format json wherever JSON exists, with
# --json kept; -v is not --expect-version; --issue takes an id or a title.
. "$QIKAN_SRCDIR/tests/lib.sh"
B=$TMP/b.qikan
cp "$SAMPLE" "$B"

expect_status "--version" 0 "$QIKAN" --version
v=$(cat "$TMP/out")
expect_contains "--version: version" "$v" "qikan $(sed -n 's/^AC_INIT(\[qikan\], \[\([^]]*\)\].*/\1/p' "$QIKAN_SRCDIR/configure.ac")"
expect_contains "--version: licence" "$v" "MIT (Expat)"
expect_contains "--version: copyright" "$v" "Copyright (c) 2026 The qikan developers"
expect_contains "--version: SQLite in use" "$v" "SQLite 3."
expect_contains "--version: curses in use" "$v" "ncurses"
expect_contains "--version: libunistring in use" "$v" "libunistring "
expect_not_contains "--version: a real bug address" "$v" "example.org"
expect_status "-V" 0 "$QIKAN" -V
expect_eq "-V is --version" "$(cat "$TMP/out")" "$v"

for c in import toc show export check search stats set log undo changes "changes export" \
	"changes apply" "changes conflicts"; do
	# shellcheck disable=SC2086 # word splitting of "changes apply" wanted
	expect_status "$c --help" 0 "$QIKAN" $c --help
	expect_contains "$c --help prints usage" "$(cat "$TMP/out")" "Usage: qikan"
	expect_eq "$c --help: nothing on stderr" "$(cat "$TMP/err")" ""
done

# A refused option: one message naming it (getopt's own is silenced).
expect_status "unknown long option" 2 "$QIKAN" toc --bogus "$B"
expect_eq "unknown long option reported once" "$(grep -c . "$TMP/err")" 2
expect_contains "unknown option named" "$(head -1 "$TMP/err")" "qikan toc: unknown option '--bogus'"
expect_status "unknown short option" 2 "$QIKAN" stats -Z "$B"
expect_eq "unknown short option" "$(head -1 "$TMP/err")" "qikan stats: unknown option '-Z' / 未知选项"
expect_status "missing value" 2 "$QIKAN" search "$B" -n
expect_contains "missing value named" "$(cat "$TMP/err")" "option '-n' needs a value"
expect_eq "missing value reported once" "$(grep -c . "$TMP/err")" 2
expect_status "option with an escape" 2 "$QIKAN" show "--$(printf '\033')[2J" "$B" 1
if grep -q "$(printf '\033')" "$TMP/err"; then fail "raw ESC of an option echoed"; else ok; fi

# Did you mean.
expect_status "qikan tocc" 2 "$QIKAN" tocc
expect_contains "tocc suggests toc" "$(cat "$TMP/err")" "qikan toc"
expect_status "qikan chnages" 2 "$QIKAN" chnages
expect_contains "chnages suggests changes" "$(cat "$TMP/err")" "qikan changes"
cd "$TMP" && : >tocc
expect_status "an existing file named tocc is a bundle, not a typo" 2 "$QIKAN" tocc
expect_not_contains "no suggestion for a file" "$(cat "$TMP/err")" "Did you mean"
cd - >/dev/null || exit 99

# --format json wherever there is JSON; --json is the same.
for c in search stats; do
	args="$B"
	[ $c = search ] && args="$B 劳模"
	# shellcheck disable=SC2086
	"$QIKAN" $c --json $args >"$TMP/a" 2>/dev/null
	# shellcheck disable=SC2086
	"$QIKAN" $c --format json $args >"$TMP/b" 2>/dev/null
	expect_eq "$c --format json = --json" "$(cksum <"$TMP/b")" "$(cksum <"$TMP/a")"
	expect_eq "$c --format json is JSON" "$(head -c1 "$TMP/b")" "{"
	# shellcheck disable=SC2086
	"$QIKAN" $c --format text $args >"$TMP/c" 2>/dev/null
	# shellcheck disable=SC2086
	"$QIKAN" $c $args >"$TMP/d" 2>/dev/null
	expect_eq "$c --format text is the default" "$(cksum <"$TMP/c")" "$(cksum <"$TMP/d")"
	# shellcheck disable=SC2086
	expect_status "$c --format xml refused" 2 "$QIKAN" $c --format xml $args
done
expect_status "check --format json" 0 "$QIKAN" check --format json "$B"
expect_eq "check JSON" "$(cat "$TMP/out")" "{\"bundle\": \"$B\", \"ok\": true, \"error\": null, \"problems\": []}"
expect_status "log --format json, no edits" 0 "$QIKAN" log --format json "$B"
expect_eq "log JSON, no edits" "$(cat "$TMP/out")" "{\"bundle\": \"$B\", \"edits\": []}"
QIKAN_USER=tester "$QIKAN" set "$B" 3 'author=王东明（摘）' >/dev/null 2>&1 || fail "set"
expect_status "log --format json" 0 "$QIKAN" log -f json "$B"
expect_contains "log JSON row" "$(cat "$TMP/out")" '"article": 3, "version": 2, "article_title": "在全总十七届七次执委会议上的讲话"'
expect_contains "log JSON values" "$(cat "$TMP/out")" '"who": "tester", "field": "author", "old": "王东明", "new": "王东明（摘）"'
if command -v python3 >/dev/null 2>&1; then
	for c in "check --format json $B" "log --format json $B" "search --format json $B 劳模" "stats --format json $B"; do
		# shellcheck disable=SC2086
		if "$QIKAN" $c 2>/dev/null | python3 -c 'import json,sys; json.load(sys.stdin)'; then ok; else fail "$c: not valid JSON"; fi
	done
fi

# -v is not --expect-version; the long option still works.
expect_status "set -v refused" 2 "$QIKAN" set -v 2 "$B" 3 'author=x'
expect_status "set --expect-version" 1 "$QIKAN" set --expect-version 1 "$B" 3 'author=x'
expect_contains "stale version refused" "$(cat "$TMP/err")" "--expect-version"

# --issue: an id or (a piece of) a title, in toc, export and stats.
for c in toc export stats; do
	"$QIKAN" $c --issue 1 "$B" >"$TMP/id" 2>"$TMP/err" || fail "$c --issue 1: $(cat "$TMP/err")"
	"$QIKAN" $c --issue 第2期 "$B" >"$TMP/title" 2>"$TMP/err" || fail "$c --issue 第2期: $(cat "$TMP/err")"
	expect_eq "$c --issue by title = by id" "$(cksum <"$TMP/title")" "$(cksum <"$TMP/id")"
	expect_status "$c --issue unknown title" 2 "$QIKAN" $c --issue 第9期 "$B"
	expect_contains "$c unknown issue named" "$(cat "$TMP/err")" "第9期"
done
finish

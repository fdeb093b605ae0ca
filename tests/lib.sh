# SPDX-License-Identifier: MIT
# tests/lib.sh — shared helpers for the shell tests.  Source it.
set -u
: "${QIKAN:?run through make check}"
: "${QIKAN_SRCDIR:?run through make check}"
: "${QIKAN_BUILDDIR:?run through make check}"
SAMPLE_TXT=$QIKAN_SRCDIR/data/sample.txt
SAMPLE=$QIKAN_BUILDDIR/data/sample.qikan
TMP=$(mktemp -d "${TMPDIR:-/tmp}/qikan-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export XDG_STATE_HOME=$TMP/state XDG_CONFIG_HOME=$TMP/config HOME=$TMP
failures=0
checks=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); }
# expect_eq WHAT GOT WANT
expect_eq() { if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi; }
# expect_contains WHAT HAYSTACK NEEDLE
expect_contains() { case $2 in *"$3"*) ok ;; *) fail "$1: '$3' not in output:"; printf '%s\n' "$2" | head -20 >&2 ;; esac; }
expect_not_contains() { case $2 in *"$3"*) fail "$1: '$3' should not be in output" ;; *) ok ;; esac; }
# expect_status WHAT WANT CMD...
expect_status() {
	local what=$1 want=$2 got=0
	shift 2
	"$@" >"$TMP/out" 2>"$TMP/err" || got=$?
	if [ "$got" = "$want" ]; then ok; else fail "$what: exit $got, want $want; stderr: $(head -c 400 "$TMP/err")"; fi
}
finish() {
	echo "$checks checks, $failures failures"
	[ "$failures" = 0 ] || exit 1
	[ "$checks" -gt 0 ] || { echo "no checks ran" >&2; exit 1; }
	exit 0
}

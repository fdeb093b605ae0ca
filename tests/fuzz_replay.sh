#!/bin/sh
# SPDX-License-Identifier: MIT
# fuzz_replay.sh — every saved fuzzer input (the seed corpora under
# tests/fuzz/ and the inputs that once crashed a harness) goes through its
# harness once, built without libFuzzer (tests/fuzz/replay.c): no abort,
# no sanitizer report, and every file was run.
. "$QIKAN_SRCDIR/tests/lib.sh"
export TMPDIR=$TMP # the harnesses' scratch bundles and configs

replay() { # NAME DIR
	local dir=$QIKAN_SRCDIR/tests/fuzz/$2 want rc=0
	want=$(find "$dir" -maxdepth 1 -type f ! -name '.*' | wc -l)
	"$QIKAN_BUILDDIR/tests/fuzz/replay_$1" "$dir" >"$TMP/out" 2>"$TMP/err" || rc=$?
	if [ "$rc" = 0 ]; then ok; else
		fail "replay_$1: exit $rc on $(tail -1 "$TMP/err")"
		grep -v "^$dir/" "$TMP/err" | head -20 >&2
	fi
	[ "$want" -gt 0 ] && ok || fail "$2 holds no inputs"
	expect_eq "replay_$1: inputs run" "$(cat "$TMP/out")" "$want inputs replayed"
}
replay import corpus
replay query corpus_query
replay changes corpus_changes
replay conf corpus_conf
finish

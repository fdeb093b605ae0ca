#!/bin/sh
# SPDX-License-Identifier: MIT
# stats_terms.sh — issue #12 D15: `qikan stats` lists frequent terms as
# words.  On the sample: 习近平 is one term (a word: it occurs as often as
# its pieces 习近 and 近平, which are then not listed), and no run is made
# of pieces that are mostly apart (职工 + 工作 is not 职工作, which
# occurs rarely), in text and JSON, for the whole bundle (kept counts) and
# for the issue (counted from the text).
. "$QIKAN_SRCDIR/tests/lib.sh"

"$QIKAN" import -q -o "$TMP/s.qikan" "$SAMPLE_TXT" 2>/dev/null
B=$TMP/s.qikan
# terms ARGS...: the terms listed, one a line: term and count.
terms() { "$QIKAN" stats "$@" "$B" | sed -n '/^高频词 Frequent terms/,$p' | tail -n +3; }

for scope in "" "--issue 1"; do
	# shellcheck disable=SC2086 # scope is empty or two words
	list=$(terms --top 20 $scope)
	all=$(terms --top 1000 $scope)
	what=${scope:-bundle}
	expect_eq "$what: 20 terms" "$(printf '%s\n' "$list" | wc -l)" 20
	expect_eq "$what: 习近平 is one term" "$(printf '%s\n' "$list" | awk '$1 == "习近平" { print $2 }')" 146
	expect_eq "$what: not 习近" "$(printf '%s\n' "$all" | awk '$1 == "习近"')" ""
	expect_eq "$what: not 近平" "$(printf '%s\n' "$all" | awk '$1 == "近平"')" ""
	expect_eq "$what: no 职工作 in 1000 terms" "$(printf '%s\n' "$all" | grep 职工作)" ""
	expect_eq "$what: 职工 listed" "$(printf '%s\n' "$list" | awk '$1 == "职工" { print $2 }')" 512
	expect_eq "$what: 工作 listed" "$(printf '%s\n' "$list" | awk '$1 == "工作" { print $2 }')" 486
	# 劳动者 stands for 动者 (which it holds 142 of 143 times), not for 劳动
	expect_eq "$what: 劳动者" "$(printf '%s\n' "$list" | awk '$1 == "劳动者" || $1 == "动者" || $1 == "劳动" { printf "%s%s ", $1, $2 }')" \
		"劳动338 劳动者142 "
done

json=$("$QIKAN" stats --json "$B")
expect_contains "json: a word" "$json" '{"term": "习近平", "kind": "han-word", "count": 146}'
expect_contains "json: a bigram" "$json" '{"term": "职工", "kind": "han-bigram", "count": 512}'
expect_not_contains "json: no 习近" "$json" '"term": "习近"'
expect_not_contains "json: no 近平" "$json" '"term": "近平"'

# A stop word of three characters takes the word out, and its pieces come
# back (nothing holds them any more).
printf '[stats]\nstop_words = 习近平\n' >"$TMP/stop.ini"
stopped=$("$QIKAN" stats --config "$TMP/stop.ini" --top 1000 "$B" | sed -n '/^高频词 Frequent terms/,$p')
expect_eq "stop word: no 习近平" "$(printf '%s\n' "$stopped" | awk '$1 == "习近平"')" ""
expect_eq "stop word: 习近 back" "$(printf '%s\n' "$stopped" | awk '$1 == "习近" { print $2 }')" 146

# `check` recounts the words with the rest of the terms.
expect_status "check" 0 "$QIKAN" check "$B"
command -v sqlite3 >/dev/null && {
	sqlite3 "$B" "UPDATE term_count SET n = n + 1 WHERE term = '习近平'"
	expect_status "check finds a changed word count" 1 "$QIKAN" check "$B"
	expect_contains "and names the terms" "$(cat "$TMP/out" "$TMP/err")" "kept term counts differ"
}
finish

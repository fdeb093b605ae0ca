#!/bin/sh
# SPDX-License-Identifier: MIT
# stats_kept.sh — whole-bundle statistics come from figures the bundle
# keeps (issue #13), and must be exactly what qikan 1.0 computed from the
# text: tests/golden/stats_v1_*.{txt,json} are its output (made by that
# version) for the sample and for three copies of it.  Edits, undo and
# changesets keep the figures in step: `qikan check` recounts them from
# the text and compares, and the counts follow the edits.
. "$QIKAN_SRCDIR/tests/lib.sh"
G=$QIKAN_SRCDIR/tests/golden

# no_terms: the statistics without the frequent terms, which list words
# since issue #12 D15 (tests/stats_terms.sh): text from the terms heading
# on, JSON the "terms" array.
no_terms() {
	sed -e '/^高频词 Frequent terms/,$d' -e '/^  "terms": \[/,/^  \],$/d'
}
# golden NAME BUNDLE ARGS...: output of `qikan stats ARGS BUNDLE` equals G/NAME
# but for the terms.
golden() {
	name=$1 bundle=$2
	shift 2
	"$QIKAN" stats "$@" "$bundle" 2>&1 | sed "s|$bundle|BUNDLE|" | no_terms >"$TMP/got"
	no_terms <"$G/$name" >"$TMP/want"
	if [ -s "$TMP/want" ] && cmp -s "$TMP/got" "$TMP/want"; then ok; else
		fail "stats $* differs from qikan 1.0 ($name)"
		diff "$TMP/want" "$TMP/got" | head -20 >&2
	fi
}

# sections_of: from `stats --json`, a line a section: title path, articles,
# characters, pages.
sections_of() {
	sed -n -E 's/.*"title": "([^"]*)", "name".*"articles": ([0-9]+),.*"characters": \{"total": ([0-9]+),.*"pages": \{"count": ([0-9]+),.*/\1 \2 \3 \4/p' |
		tr ' ' '_' | sed -E 's/_([0-9]+)_([0-9]+)_([0-9]+)$/ \1 \2 \3/'
}
# recount NAME BUNDLE: the whole bundle's figures, summed from kept
# per-issue figures, equal those of every issue counted from its text
# (--issue reads the paragraphs) and added up here.
recount() {
	for i in 11 12 13; do "$QIKAN" stats --json --issue "2023年第${i}期" "$2"; done >"$TMP/issues.json"
	want=$(sections_of <"$TMP/issues.json" |
		awk '{ if (!($1 in a)) o[n++] = $1; a[$1] += $2; c[$1] += $3; p[$1] += $4 }
			END { for (i = 0; i < n; i++) print o[i], a[o[i]], c[o[i]], p[o[i]] }'
		grep -E '^  "(articles|paragraphs)":' "$TMP/issues.json" |
		awk '{ s[$1] += $2 } END { print s["\"articles\":"], s["\"paragraphs\":"] }')
	"$QIKAN" stats --json "$2" >"$TMP/all.json"
	got=$(sections_of <"$TMP/all.json"
		grep -E '^  "(articles|paragraphs)":' "$TMP/all.json" | tr -d ',' | awk '{ printf "%s%s", n++ ? " " : "", $2 } END { print "" }')
	expect_eq "$1: kept sums = the issues counted from their text" "$got" "$want"
	# something was compared: 14 sections and the totals
	expect_eq "$1: lines compared" "$(printf '%s\n' "$got" | wc -l)" 15
}

"$QIKAN" import -q -o "$TMP/one.qikan" "$SAMPLE_TXT" 2>/dev/null
for n in 1 2 3; do
	sed "s/^2023年第2期\$/2023年第$((n + 10))期/" "$SAMPLE_TXT" >"$TMP/$n.txt"
done
"$QIKAN" import -q -o "$TMP/three.qikan" "$TMP/1.txt" "$TMP/2.txt" "$TMP/3.txt" 2>/dev/null
golden stats_v1_sample.txt "$TMP/one.qikan"
golden stats_v1_sample.json "$TMP/one.qikan" --json
golden stats_v1_three.txt "$TMP/three.qikan"
golden stats_v1_three.json "$TMP/three.qikan" --json
golden stats_v1_three_top50.txt "$TMP/three.qikan" --top 50

# Issue scope still reads the text: the same figures as the bundle's for
# a one-issue bundle.
one=$("$QIKAN" stats --json "$TMP/one.qikan" | grep -E '"(articles|paragraphs|han|chars)":' | head -4)
iss=$("$QIKAN" stats --json --issue 1 "$TMP/one.qikan" | grep -E '"(articles|paragraphs|han|chars)":' | head -4)
expect_eq "kept figures = counted figures (one issue)" "$one" "$iss"
# The terms too, words included: kept counts (bundle) and counted from
# the text (--issue); three copies count three times as much.
terms_of() { sed -n '/^高频词 Frequent terms/,$p' | tail -n +3; }
expect_eq "kept terms = counted terms (one issue)" "$("$QIKAN" stats --top 60 "$TMP/one.qikan" | terms_of)" \
	"$("$QIKAN" stats --top 60 --issue 1 "$TMP/one.qikan" | terms_of)"
expect_eq "three copies: three times the counts" \
	"$("$QIKAN" stats --top 60 "$TMP/three.qikan" | terms_of | awk '{ print $1 }')" \
	"$("$QIKAN" stats --top 60 "$TMP/one.qikan" | terms_of | awk '{ print $1 }')"
expect_eq "three copies: 习近平" "$("$QIKAN" stats --top 60 "$TMP/three.qikan" | terms_of | awk '$1 == "习近平" { print $2 }')" \
	"$("$QIKAN" stats --top 60 "$TMP/one.qikan" | terms_of | awk '$1 == "习近平" { print $2 * 3 }')"

# Edits: an author changes, the counts and the search follow.
B=$TMP/three.qikan
expect_status "set author" 0 "$QIKAN" set "$B" 3 author=测试作者甲
expect_contains "stats credits the new author" "$("$QIKAN" stats --json "$B")" '{"name": "测试作者甲", "articles": 1}'
expect_status "search finds the new author" 0 "$QIKAN" search "$B" author:测试作者甲
expect_status "check after set" 0 "$QIKAN" check "$B"
expect_status "set section" 0 "$QIKAN" set "$B" 3 section=理论研究
expect_status "check after set section" 0 "$QIKAN" check "$B"
expect_status "set page" 0 "$QIKAN" set "$B" 40 page=50
recount "after set section and page" "$B"
expect_status "check after set page" 0 "$QIKAN" check "$B"
expect_status "undo" 0 "$QIKAN" undo "$B"
expect_status "undo" 0 "$QIKAN" undo "$B"
expect_status "undo" 0 "$QIKAN" undo "$B"
golden stats_v1_three.txt "$B"
expect_not_contains "undone author gone" "$("$QIKAN" stats --json "$B")" "测试作者甲"
expect_status "search no longer finds it" 1 "$QIKAN" search "$B" author:测试作者甲
expect_status "check after undo" 0 "$QIKAN" check "$B"
recount "after undo" "$B"

# A changeset from another copy: the same in the copy that applies it.
cp "$TMP/one.qikan" "$TMP/a.qikan"
cp "$TMP/one.qikan" "$TMP/b.qikan"
"$QIKAN" set "$TMP/a.qikan" 5 author=测试作者乙 byline='□ 测试单位 测试作者乙' >/dev/null
"$QIKAN" changes export -o "$TMP/a.qcs" "$TMP/a.qikan" >/dev/null
expect_status "apply" 0 "$QIKAN" changes apply "$TMP/b.qikan" "$TMP/a.qcs"
expect_status "check after apply" 0 "$QIKAN" check "$TMP/b.qikan"
expect_eq "the copies count the same" "$("$QIKAN" stats "$TMP/b.qikan" | tail -n +2)" \
	"$("$QIKAN" stats "$TMP/a.qikan" | tail -n +2)"
expect_status "search finds the byline's unit" 0 "$QIKAN" search "$TMP/b.qikan" 测试单位

# Re-import with --replace: the old issue's terms leave the counts.
expect_status "replace (stored, items to review)" 1 "$QIKAN" import -q --replace -o "$B" "$TMP/2.txt"
expect_status "check after replace" 0 "$QIKAN" check "$B"
golden stats_v1_three.txt "$B"
recount "after replace" "$B"

# Damage to the kept figures is found.
cp "$TMP/one.qikan" "$TMP/bad.qikan"
command -v sqlite3 >/dev/null && {
	sqlite3 "$TMP/bad.qikan" "UPDATE article_stats SET han = han + 1 WHERE article_id = 2;
		UPDATE term_count SET n = n + 1 WHERE term = (SELECT min(term) FROM term_count)"
	expect_status "check finds changed figures" 1 "$QIKAN" check "$TMP/bad.qikan"
	expect_contains "figures named" "$(cat "$TMP/out" "$TMP/err")" "kept figures of 1 articles"
	expect_contains "terms named" "$(cat "$TMP/out" "$TMP/err")" "kept term counts differ"
	cp "$TMP/one.qikan" "$TMP/bad2.qikan"
	sqlite3 "$TMP/bad2.qikan" "UPDATE issue_stats SET paragraphs = paragraphs + 1;
		UPDATE author_count SET n = n + 1 WHERE name = '组织部'"
	expect_status "check finds changed issue figures" 1 "$QIKAN" check "$TMP/bad2.qikan"
	expect_contains "issue figures named" "$(cat "$TMP/out" "$TMP/err")" "kept figures of 1 issues"
	expect_contains "author counts named" "$(cat "$TMP/out" "$TMP/err")" "kept author counts differ"
	cp "$TMP/one.qikan" "$TMP/bad3.qikan"
	sqlite3 "$TMP/bad3.qikan" "DELETE FROM issue_stats"
	expect_status "stats refuses missing issue figures" 1 "$QIKAN" stats "$TMP/bad3.qikan"
	expect_contains "and says so" "$(cat "$TMP/err")" "statistics of issue 1 are missing"
	expect_status "check finds them missing" 1 "$QIKAN" check "$TMP/bad3.qikan"
}
finish

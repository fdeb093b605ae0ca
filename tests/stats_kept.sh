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

# golden NAME BUNDLE ARGS...: output of `qikan stats ARGS BUNDLE` equals G/NAME.
golden() {
	name=$1 bundle=$2
	shift 2
	"$QIKAN" stats "$@" "$bundle" 2>&1 | sed "s|$bundle|BUNDLE|" >"$TMP/got"
	if cmp -s "$TMP/got" "$G/$name"; then ok; else
		fail "stats $* differs from qikan 1.0 ($name)"
		diff "$G/$name" "$TMP/got" | head -20 >&2
	fi
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

# Edits: an author changes, the counts and the search follow.
B=$TMP/three.qikan
expect_status "set author" 0 "$QIKAN" set "$B" 3 author=测试作者甲
expect_contains "stats credits the new author" "$("$QIKAN" stats --json "$B")" '{"name": "测试作者甲", "articles": 1}'
expect_status "search finds the new author" 0 "$QIKAN" search "$B" author:测试作者甲
expect_status "check after set" 0 "$QIKAN" check "$B"
expect_status "set section" 0 "$QIKAN" set "$B" 3 section=理论研究
expect_status "check after set section" 0 "$QIKAN" check "$B"
expect_status "undo" 0 "$QIKAN" undo "$B"
expect_status "undo" 0 "$QIKAN" undo "$B"
golden stats_v1_three.txt "$B"
expect_not_contains "undone author gone" "$("$QIKAN" stats --json "$B")" "测试作者甲"
expect_status "search no longer finds it" 1 "$QIKAN" search "$B" author:测试作者甲
expect_status "check after undo" 0 "$QIKAN" check "$B"

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
expect_status "replace" 0 "$QIKAN" import -q --replace -o "$B" "$TMP/2.txt"
expect_status "check after replace" 0 "$QIKAN" check "$B"
golden stats_v1_three.txt "$B"

# Damage to the kept figures is found.
cp "$TMP/one.qikan" "$TMP/bad.qikan"
command -v sqlite3 >/dev/null && {
	sqlite3 "$TMP/bad.qikan" "UPDATE article_stats SET han = han + 1 WHERE article_id = 2;
		UPDATE term_count SET n = n + 1 WHERE term = (SELECT min(term) FROM term_count)"
	expect_status "check finds changed figures" 1 "$QIKAN" check "$TMP/bad.qikan"
	expect_contains "figures named" "$(cat "$TMP/out" "$TMP/err")" "kept figures of 1 articles"
	expect_contains "terms named" "$(cat "$TMP/out" "$TMP/err")" "kept term counts differ"
}
finish

#!/bin/sh
# SPDX-License-Identifier: MIT
# cli_export.sh — `qikan export` on the sample: JSON that parses and holds
# every article and paragraph of the bundle (counted by the sqlite3 shell,
# not by qikan), Markdown headings that nest issue > section > sub-section,
# plain text with every paragraph, and clear errors.
. "$QIKAN_SRCDIR/tests/lib.sh"
command -v python3 >/dev/null && command -v sqlite3 >/dev/null || { echo "python3/sqlite3 missing"; exit 77; }

narticles=$(sqlite3 "$SAMPLE" 'SELECT count(*) FROM article')
nparas=$(sqlite3 "$SAMPLE" 'SELECT count(*) FROM paragraph')
sqlite3 "$SAMPLE" 'SELECT title FROM article ORDER BY issue_id, position' >"$TMP/titles.db"

expect_status "export json" 0 "$QIKAN" export --format json "$SAMPLE"
python3 - "$TMP/out" >"$TMP/json.txt" <<'PY' || fail "export json does not parse"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
arts = [a for i in d["issues"] for a in i["articles"]]
print(len(arts))
print(sum(len(a["paragraphs"]) for a in arts))
for a in arts:
    print(a["title"])
PY
expect_eq "json articles" "$(sed -n 1p "$TMP/json.txt")" "$narticles"
expect_eq "json paragraphs" "$(sed -n 2p "$TMP/json.txt")" "$nparas"
tail -n +3 "$TMP/json.txt" >"$TMP/titles.json"
if cmp -s "$TMP/titles.db" "$TMP/titles.json"; then ok; else fail "json titles differ from the bundle's, in order"; fi

expect_status "export markdown" 0 "$QIKAN" export -f markdown "$SAMPLE"
md=$(cat "$TMP/out")
expect_contains "md issue heading" "$md" "# 2023年第2期"
expect_contains "md section heading" "$md" "## 市州动态"
expect_contains "md sub-section heading" "$md" "### 西宁市总工会"
expect_contains "md article under sub-section" "$md" "#### 西宁市总工会突出“三字诀”积极打造暖心驿站"
expect_contains "md kicker in italics" "$md" "*2022年“大国工匠年度人物”发布——青海一名职工入选“大国工匠年度人物”*"

expect_status "export text" 0 "$QIKAN" export "$SAMPLE"
# every paragraph is one line with the two ideographic-space indent
expect_eq "text paragraphs" "$(grep -c '^　　' "$TMP/out")" "$nparas"
expect_contains "text has a page-joined sentence" "$(cat "$TMP/out")" "比较完整的工业体系"

expect_status "export one article" 0 "$QIKAN" export "$SAMPLE" 方寸匠心
expect_contains "one article" "$(cat "$TMP/out")" "方寸匠心 不差毫厘"
expect_not_contains "only that article" "$(cat "$TMP/out")" "习近平"
expect_status "bad format" 2 "$QIKAN" export -f pdf "$SAMPLE"
expect_contains "bad format message" "$(cat "$TMP/err")" "text, markdown or json"
expect_status "missing issue" 2 "$QIKAN" export --issue 99 "$SAMPLE"
finish

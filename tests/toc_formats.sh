#!/bin/sh
# SPDX-License-Identifier: MIT
# toc_formats.sh — `qikan toc` for scripts: to a pipe, one tab-separated
# line an article (id, issue, section, title, author, page, in-TOC flag)
# with no padding; --format text gives the aligned table anyway, --format
# json an object per issue.  Checked against the bundle's rows (sqlite3).
. "$QIKAN_SRCDIR/tests/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 (the shell) is missing"; exit 77; }
B=$SAMPLE
tab=$(printf '\t')

"$QIKAN" toc "$B" >"$TMP/pipe" || fail "toc to a pipe"
expect_eq "one line per TOC article" "$(wc -l <"$TMP/pipe")" \
	"$(sqlite3 "$B" 'SELECT count(*) FROM article WHERE in_toc')"
expect_eq "seven fields on every line" "$(awk -F'\t' '{ print NF }' "$TMP/pipe" | sort -u)" 7
expect_eq "no padding: no field starts or ends with a space" \
	"$(awk -F'\t' '{ for (i = 1; i <= NF; i++) if ($i ~ /^ | $/) n++ } END { print n + 0 }' "$TMP/pipe")" 0
expect_eq "ids in reading order" "$(cut -f1 "$TMP/pipe" | tr '\n' ' ')" \
	"$(sqlite3 "$B" 'SELECT id FROM article WHERE in_toc ORDER BY position' | tr '\n' ' ')"
expect_eq "titles as stored" "$(cut -f4 "$TMP/pipe")" \
	"$(sqlite3 "$B" 'SELECT title FROM article WHERE in_toc ORDER BY position')"
expect_eq "pages as stored" "$(cut -f6 "$TMP/pipe" | tr '\n' ' ')" \
	"$(sqlite3 "$B" "SELECT coalesce(page, '') FROM article WHERE in_toc ORDER BY position" | tr '\n' ' ')"
line=$(grep "${tab}西宁市总工会" "$TMP/pipe" | head -1)
expect_contains "sub-section path" "$line" "${tab}市州动态 > 西宁市总工会${tab}"
expect_contains "issue on every line" "$(cut -f2 "$TMP/pipe" | sort -u)" "2023年第2期"
expect_eq "same as --format tsv" "$("$QIKAN" toc --format tsv "$B")" "$(cat "$TMP/pipe")"
expect_eq "--all adds the articles not in the TOC" "$("$QIKAN" toc --all "$B" | wc -l)" \
	"$(sqlite3 "$B" 'SELECT count(*) FROM article')"

# The table, asked for by name, is what a terminal gets.
"$QIKAN" toc --format text "$B" >"$TMP/text"
expect_contains "text: the issue heads the table" "$(head -1 "$TMP/text")" "2023年第2期"
expect_eq "text: header and a row an article" "$(tail -n +3 "$TMP/text" | wc -l)" "$(wc -l <"$TMP/pipe")"
[ "$(wc -c <"$TMP/pipe")" -lt "$(wc -c <"$TMP/text")" ] && ok || fail "the TSV is not smaller than the table"

# JSON: parsed by Python, the same articles.
if command -v python3 >/dev/null; then
	got=$("$QIKAN" toc --format json "$B" | python3 -c '
import json, sys
d = json.load(sys.stdin)
for i in d["issues"]:
    for a in i["articles"]:
        print(a["id"], i["issue"], a["title"], a["page"], a["in_toc"])')
	want=$(awk -F'\t' '{ print $1, $2, $4, ($6 == "" ? "None" : $6), "True" }' "$TMP/pipe")
	expect_eq "json: the same articles" "$got" "$want"
fi
expect_status "bad --format" 2 "$QIKAN" toc --format xml "$B"
finish

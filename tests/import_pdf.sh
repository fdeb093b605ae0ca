#!/bin/sh
# SPDX-License-Identifier: MIT
# import_pdf.sh — the PDF route of issue #9: `pdftotext -layout` on a PDF
# typeset from the sample issue (tests/corpus/pdf-sample), then
# `qikan import`.  The result must be the sample's 35 TOC articles with the
# titles, sections and pages of tests/golden/sample_toc.tsv.
. "$QIKAN_SRCDIR/tests/lib.sh"
command -v pdftotext >/dev/null || { echo "pdftotext (poppler-utils) not installed"; exit 77; }
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed"; exit 77; }
PDF=$QIKAN_SRCDIR/tests/corpus/pdf-sample/input.pdf
pdftotext -layout -enc UTF-8 "$PDF" "$TMP/sample.txt" || fail "pdftotext failed"
# The PDF's font is referenced, not embedded: without poppler-data the text
# comes back empty, which is a missing tool, not an importer failure.
grep -q '学习强会' "$TMP/sample.txt" || { echo "pdftotext gave no Chinese text (poppler-data missing?)"; exit 77; }
expect_eq "form feeds (one a page)" "$(tr -cd '\f' <"$TMP/sample.txt" | wc -c)" 62

st=0
"$QIKAN" import -o "$TMP/pdf.qikan" "$TMP/sample.txt" >"$TMP/out" 2>"$TMP/err" || st=$?
[ "$st" = 0 ] || [ "$st" = 1 ] && ok || fail "import exited $st: $(head -c 400 "$TMP/err")"
expect_contains "import report" "$(cat "$TMP/out")" "2023年第2期"
[ -f "$TMP/pdf.qikan" ] || { finish; }

q() { sqlite3 -batch -separator '	' "$TMP/pdf.qikan" "$1"; }
expect_eq "articles in the TOC" "$(q 'SELECT count(*) FROM article WHERE in_toc = 1')" 35
expect_eq "issue label" "$(q 'SELECT title FROM issue')" "2023年第2期"
# Every golden TOC row: an article with that section, page and title
# (white space ignored: the PDF wraps long titles over several lines).
q "SELECT coalesce(p.title || '>', '') || s.title, a.page, replace(replace(a.title, ' ', ''), '　', '')
   FROM article a LEFT JOIN section s ON s.id = a.section_id LEFT JOIN section p ON p.id = s.parent_id
   WHERE a.in_toc = 1 ORDER BY a.position" >"$TMP/got.tsv"
grep -v '^#' "$QIKAN_SRCDIR/tests/golden/sample_toc.tsv" | awk -F '\t' '{
	sec = $1; if ($2 != "-") sec = sec ">" $2
	print sec "\t" $3 "\t" $8 }' | sed 's/ //g; s/　//g' >"$TMP/want.tsv"
if diff "$TMP/want.tsv" "$TMP/got.tsv" >"$TMP/diff"; then ok; else
	fail "TOC articles differ from the golden TOC:"; head -20 "$TMP/diff" >&2
fi
finish

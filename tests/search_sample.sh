#!/bin/sh
# SPDX-License-Identifier: MIT
# search_sample.sh — `qikan search` on the sample issue finds exactly the
# articles whose text contains the query.  The expected sets come from a
# plain substring scan of the stored rows with the sqlite3 shell (instr()
# over everything an article shows: title, kicker, subtitle, author,
# byline, source, dateline, the authors the statistics credit, and each
# paragraph), not from the search code.  Also: one-character and Latin queries, no hits made of text from
# two articles or two paragraphs, the CLI's options, messages and exit
# codes.
. "$QIKAN_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 shell not installed"; exit 77; }
[ -f "$SAMPLE" ] || { echo "FAIL: $SAMPLE not built"; exit 1; }
B=$TMP/sample.qikan
cp "$SAMPLE" "$B"

sql() { sqlite3 -batch -noheader "$B" "$@"; }

# ids (one per line, sorted) of articles containing $1 in any field, by
# instr(); $2 = lower makes it case-insensitive (for Latin words).
expected() {
	n=$(printf '%s' "$1" | sed "s/'/''/g")
	f=${2:-}
	sql "SELECT a.id FROM article a WHERE instr($f(a.title), '$n') OR instr($f(coalesce(a.subtitle, '')), '$n')
	     OR instr($f(coalesce(a.kicker, '')), '$n') OR instr($f(coalesce(a.author, '')), '$n')
	     OR instr($f(coalesce(a.byline, '')), '$n') OR instr($f(coalesce(a.source, '')), '$n')
	     OR instr($f(coalesce(a.dateline, '')), '$n')
	     OR EXISTS (SELECT 1 FROM article_author n WHERE n.article_id = a.id AND instr($f(n.name), '$n'))
	     OR EXISTS (SELECT 1 FROM paragraph p WHERE p.article_id = a.id AND instr($f(p.text), '$n'))
	     ORDER BY a.id"
}

# ids found by qikan search (all of them: --limit 0), sorted.
found() {
	"$QIKAN" search --json --limit 0 "$B" "$1" | grep -o '"article": [0-9]*' | sed 's/.*: //' | sort -n
}

# check_exact QUERY [lower]: the search finds exactly the expected set,
# and that set is not empty (a test that finds nothing proves nothing).
check_exact() {
	want=$(expected "$1" "${2:-}")
	got=$(found "$1")
	if [ -z "$want" ]; then
		fail "'$1': the sample has no article containing it; pick another word"
		return
	fi
	expect_eq "search '$1' ($(echo "$want" | wc -l) articles)" "$(echo $got)" "$(echo $want)"
}

for q in 工会 劳模 二十大 户外劳动者 青海 县级工会加强年 \
	劳 青 中国式现代化 总工会 2023年 第十四次; do
	check_exact "$q"
done
# Latin words are case-folded, full-width folded to half-width
check_exact CPTPP
check_exact cptpp lower
check_exact vr lower
expect_eq "full-width ＣＰＴＰＰ" "$(found 'ＣＰＴＰＰ')" "$(expected CPTPP)"
expect_eq "prefix cpt*" "$(found 'cpt*')" "$(expected cpt lower)"

# Text at the boundary of two articles, or two paragraphs of one article:
# the last character of one and the first of the next, both Han.  Every
# such pair must be found exactly where it really occurs — never made up
# from the two pieces.
pairs=$(sql "WITH p AS (SELECT a.id AS art, a.issue_id, a.position AS apos, p.position AS ppos, p.text
	      FROM article a JOIN paragraph p ON p.article_id = a.id),
	 seq AS (SELECT text, lead(text) OVER (ORDER BY issue_id, apos, ppos) AS next FROM p)
	 SELECT DISTINCT substr(text, -1) || substr(next, 1, 1) FROM seq
	 WHERE next IS NOT NULL AND unicode(substr(text, -1)) BETWEEN 19968 AND 40959
	   AND unicode(next) BETWEEN 19968 AND 40959 LIMIT 40")
npairs=0
for q in $pairs; do
	npairs=$((npairs + 1))
	want=$(expected "$q")
	got=$(found "$q")
	expect_eq "boundary pair '$q'" "$(echo $got)" "$(echo $want)"
done
[ "$npairs" -ge 5 ] || fail "only $npairs boundary pairs in the sample"
# The pairs above exist somewhere as real text only by chance; at least one
# of them must not, or the check proved nothing.
spurious=0
for q in $pairs; do
	[ -z "$(expected "$q")" ] && spurious=$((spurious + 1))
done
[ "$spurious" -ge 1 ] || fail "every boundary pair also occurs inside a paragraph"

# Everything an article shows is searchable (issue #12, D10): source,
# byline and dateline too, and author: finds the authors the statistics
# credit (the same normalised names).
for q in 新华网 青海日报社 二〇二三年; do
	check_exact "$q"
done
credited=$("$QIKAN" stats --json "$B" | grep -o '"name": "组织部", "articles": [0-9]*' | sed 's/.*: //')
expect_eq "author:组织部 finds what stats credits to 组织部" "$(found 'author:组织部' | wc -l)" "${credited:-none}"

# A damaged index is an error (exit 1) that says so, never fewer hits.
# The damage is the same every run (cut pages, which FTS5 notices when a
# query reads them): random bytes decode, now and then (7 of 300 tried),
# as a valid page without the word, and FTS5 keeps no checksum to tell.
cp "$B" "$TMP/dmg.qikan"
sqlite3 "$TMP/dmg.qikan" "UPDATE article_search_data SET block = substr(block, 1, length(block) / 2) WHERE id > 10"
expect_status "search in a damaged index" 1 "$QIKAN" search "$TMP/dmg.qikan" 工会
expect_contains "damage named" "$(cat "$TMP/err")" "search index is damaged"
# Damage a query cannot see (zeroed pages read as empty ones) is what
# `qikan check` is for: FTS5's integrity check compares the index with the
# text.
sqlite3 "$TMP/dmg.qikan" "UPDATE article_search_data SET block = zeroblob(length(block)) WHERE id > 10"
expect_status "check finds zeroed index pages" 1 "$QIKAN" check "$TMP/dmg.qikan"
expect_contains "check names the search index" "$(cat "$TMP/err")" "search index: database disk image is malformed"
cp "$B" "$TMP/gone.qikan"
sqlite3 "$TMP/gone.qikan" "PRAGMA foreign_keys = ON; DELETE FROM article WHERE id = (SELECT min(a.id) FROM article a
	JOIN paragraph p ON p.article_id = a.id WHERE instr(p.text, '工会'))"
expect_status "search finding an article that is gone" 1 "$QIKAN" search --limit 0 "$TMP/gone.qikan" 工会
expect_contains "missing article named" "$(cat "$TMP/err")" "search index is damaged"

# Operators
w1=$(expected 劳模)
w2=$(expected 工会)
expect_eq "工会 劳模 (AND)" "$(echo $(found '工会 劳模'))" "$(echo $(printf '%s\n%s\n' "$w1" "$w2" | sort -n | uniq -d))"
expect_eq "劳模 OR 二十大" "$(echo $(found '劳模 OR 二十大'))" "$(echo $( (expected 劳模; expected 二十大) | sort -n | uniq))"
expect_eq "工会 NOT 青海" "$(echo $(found '工会 NOT 青海'))" "$(echo $( (expected 工会; expected 青海; expected 青海) | sort -n | uniq -u))"

# Results: best first, with place and a marked snippet (« » when not a tty)
out=$("$QIKAN" search "$B" 户外劳动者 2>&1)
expect_contains "text output names the count" "$out" "户外劳动者: "
expect_contains "snippet marks the match" "$out" "«户外劳动者»"
expect_contains "issue shown" "$out" "2023年第2期"
n=$("$QIKAN" search --limit 2 --json "$B" 工会 | grep -c '"article":')
expect_eq "--limit 2" "$n" 2
total=$("$QIKAN" search --limit 2 --json "$B" 工会 | grep -o '"total": [0-9]*' | sed 's/.*: //')
expect_eq "--limit keeps the total" "$total" "$(expected 工会 | wc -l)"
expect_contains "title match ranks first" "$("$QIKAN" search --limit 1 "$B" 劳模)" "劳模"

# The best N are the first N of all hits, in the same order (the best
# are kept in a heap, not all sorted).
for q in 工会 职工 劳; do
	all=$(echo $("$QIKAN" search --json --limit 0 "$B" "$q" | grep -o '"article": [0-9]*' | sed 's/.*: //' | head -7))
	best=$(echo $("$QIKAN" search --json --limit 7 "$B" "$q" | grep -o '"article": [0-9]*' | sed 's/.*: //'))
	expect_eq "--limit 7 of $q: the first 7 of all" "$best" "$all"
done

# A body snippet is a piece of the first paragraph that holds the match
# (the body is read a paragraph at a time up to it), by sqlite3: every
# hit of 职工 whose title does not hold it.
n=0
"$QIKAN" search --json --limit 0 "$B" 职工 | grep '"article":' |
	sed 's/.*"article": \([0-9]*\),.*"snippet": "\([^"]*\)".*/\1 \2/' >"$TMP/snips"
while read -r id snip; do
	case $(sql "SELECT title FROM article WHERE id = $id") in *职工*) continue ;; esac
	para=$(sql "SELECT text FROM paragraph WHERE article_id = $id AND instr(text, '职工') ORDER BY position LIMIT 1")
	piece=$(printf '%s' "$snip" | sed 's/^…//; s/…$//')
	case $para in *"$piece"*) n=$((n + 1)) ;; *) fail "article $id: snippet '$snip' is not from its first paragraph with 职工" ;; esac
done <"$TMP/snips"
[ "$n" -gt 5 ] && ok || fail "body snippets checked: only $n"

# Messages and exit codes
expect_status "no match exits 1" 1 "$QIKAN" search "$B" 火星探测
expect_status "bad syntax exits 2" 2 "$QIKAN" search "$B" '(工会'
expect_contains "bad syntax is explained" "$(cat "$TMP/err")" "missing ')'"
expect_not_contains "no SQL error leaks" "$(cat "$TMP/err")" "fts5"
expect_status "unclosed quote" 2 "$QIKAN" search "$B" '"工会'
expect_contains "unclosed quote is explained" "$(cat "$TMP/err")" "unclosed quote"
expect_status "nothing searchable" 2 "$QIKAN" search "$B" '，。'
expect_status "no query" 2 "$QIKAN" search "$B"
expect_status "bad --limit" 2 "$QIKAN" search --limit x "$B" 工会
expect_status "--help" 0 "$QIKAN" search --help
expect_status "--rebuild" 0 "$QIKAN" search --rebuild "$B"
check_exact 户外劳动者

finish

#!/bin/sh
# SPDX-License-Identifier: MIT
# Storing imports (issue #9): standard input, --dry-run writes nothing,
# duplicates caught by content (GB18030, BOM, CRLF copies), --skip-existing,
# --replace keeping or refusing to lose edits; the bytes are checked in the
# bundle with sqlite3.
. "$QIKAN_SRCDIR/tests/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 missing: cannot check the bundle's rows" >&2; exit 77; }

sum() { sha256sum "$1" | cut -d' ' -f1; }
q() { sqlite3 "$1" "$2"; }
B=$TMP/b.qikan

# --- standard input: the same issue as from the file ---
expect_status "import from stdin" 0 sh -c '"$1" import -q -o "$2" - <"$3"' sh "$QIKAN" "$B" "$SAMPLE_TXT"
expect_eq "stdin: source name" "$(q "$B" 'SELECT source_name, source_part FROM issue')" "(stdin)|1"
expect_eq "stdin: content hash stored" "$(q "$B" 'SELECT length(content_sha256) FROM issue')" 64
"$QIKAN" import -q -o "$TMP/file.qikan" "$SAMPLE_TXT" 2>/dev/null
expect_eq "stdin: same toc as the file" "$("$QIKAN" toc --all "$B")" "$("$QIKAN" toc --all "$TMP/file.qikan")"
expect_eq "stdin: same content hash as the file" "$(q "$B" 'SELECT content_sha256 FROM issue')" \
	"$(q "$TMP/file.qikan" 'SELECT content_sha256 FROM issue')"
expect_status "stdin: empty input refused" 2 sh -c '"$1" import -q -o "$2" - </dev/null' sh "$QIKAN" "$TMP/e.qikan"
expect_contains "stdin: message names it" "$(cat "$TMP/err")" "(stdin)"
[ -e "$TMP/e.qikan" ] && fail "stdin: a refused import left a bundle" || ok

# --- --dry-run: an outline on stdout, no file touched or created ---
before=$(sum "$B")
# every file under $TMP with its hash, but the test's own out/err
files() { find "$TMP" -type f ! -name out ! -name err ! -name 'files.*' | sort | xargs sha256sum; }
files >"$TMP/files.before"
expect_status "dry run" 0 "$QIKAN" import --dry-run -o "$B" "$SAMPLE_TXT"
out=$(cat "$TMP/out")
expect_eq "dry run: bundle bytes unchanged" "$(sum "$B")" "$before"
expect_contains "dry run: issue label" "$out" "2023年第2期 (UTF-8): 14 sections 栏目, 35 articles 文章"
expect_contains "dry run: section with its line" "$out" "[市州动态 > 海西州总工会]"
expect_contains "dry run: article with line and page" "$out" "lines 136-172  p.3  习近平在学习贯彻党的二十大精神研讨班开班式上"
expect_contains "dry run: first words" "$out" "新进中央委员会的委员、候补委员和省部级主要领导干…"
expect_contains "dry run: warnings with lines" "$out" "sample.txt:268: warning: OCR debris"
expect_status "dry run, new bundle path" 0 "$QIKAN" import -n -o "$TMP/new.qikan" "$SAMPLE_TXT"
[ -e "$TMP/new.qikan" ] && fail "dry run created a bundle" || ok
files >"$TMP/files.after"
expect_eq "dry run: no file created or changed" "$(cmp "$TMP/files.before" "$TMP/files.after" && echo same)" same
expect_status "dry run of bad input" 2 "$QIKAN" import -n /dev/null

# --- duplicates by content: re-encoded copies of the sample are refused ---
B=$TMP/file.qikan
before=$(sum "$B")
iconv -f UTF-8 -t GB18030 "$SAMPLE_TXT" >"$TMP/gbk.txt"
{ printf '\357\273\277'; cat "$SAMPLE_TXT"; } >"$TMP/bom.txt"
sed 's/$/\r/' "$SAMPLE_TXT" >"$TMP/crlf.txt"
for f in gbk bom crlf; do
	expect_status "$f copy refused as a duplicate" 2 "$QIKAN" import -q -o "$B" "$TMP/$f.txt"
	expect_contains "$f copy: names the issue" "$(cat "$TMP/err")" "already in the bundle as issue 1 (2023年第2期"
	expect_eq "$f copy: bundle unchanged" "$(sum "$B")" "$before"
done

# --- --skip-existing over a folder where one file is new ---
mkdir "$TMP/folder"
cp "$TMP/gbk.txt" "$TMP/bom.txt" "$TMP/crlf.txt" "$SAMPLE_TXT" "$TMP/folder/"
sed 's/^2023年第2期$/2023年第3期/' "$SAMPLE_TXT" >"$TMP/folder/issue3.txt"
expect_status "without --skip-existing the run fails" 2 "$QIKAN" import -q -o "$B" "$TMP"/folder/*.txt
expect_eq "failed run: bundle unchanged" "$(sum "$B")" "$before"
expect_status "--skip-existing" 0 "$QIKAN" import -q --skip-existing -o "$B" "$TMP"/folder/*.txt
expect_contains "--skip-existing: summary" "$(cat "$TMP/out")" "1 issues stored 已导入, 4 skipped 已跳过"
expect_contains "--skip-existing: a note per skipped file" "$(cat "$TMP/err")" "gbk.txt: issue 1 skipped: already in the bundle as issue 1"
expect_eq "--skip-existing: the new issue stored" "$(q "$B" 'SELECT group_concat(title, ",") FROM issue ORDER BY id')" \
	"2023年第2期,2023年第3期"

# --- --replace keeps an edit made with `qikan set` ---
B=$TMP/edit.qikan
"$QIKAN" import -q -o "$B" "$SAMPLE_TXT" 2>/dev/null
aid=$(q "$B" "SELECT id FROM article WHERE position = 6")
expect_status "set a title and an author" 0 "$QIKAN" set "$B" "$aid" "title=修改后的标题 it's" "author=张三"
expect_status "--replace with the same text" 0 "$QIKAN" import -q --replace -o "$B" "$SAMPLE_TXT"
expect_eq "replace: one issue left" "$(q "$B" 'SELECT count(*) FROM issue')" 1
new=$(q "$B" "SELECT id FROM article WHERE position = 6")
[ "$new" != "$aid" ] && ok || fail "replace: the article was not re-imported (id $new)"
expect_eq "replace: edited fields kept (bytes in the bundle)" \
	"$(q "$B" "SELECT hex(title), author, version FROM article WHERE id = $new")" \
	"$(printf '%s' "修改后的标题 it's" | od -An -tx1 | tr -d ' \n' | tr a-f A-F)|张三|2"
expect_eq "replace: the log moved with the article" \
	"$(q "$B" "SELECT group_concat(field || '=' || new_value, ';') FROM edit_log WHERE article_id = $new")" \
	"title=修改后的标题 it's;author=张三"
expect_eq "replace: other articles as imported" "$(q "$B" 'SELECT count(*) FROM article WHERE version > 1')" 1
expect_contains "replace: qikan log shows it" "$("$QIKAN" log "$B" "$new")" "张三"
expect_status "replace: undo still works" 0 "$QIKAN" undo "$B" "$new"
expect_eq "replace: undo restored the imported title" \
	"$(q "$B" "SELECT author IS NULL FROM article WHERE id = $new")" 1
expect_status "replace: check passes" 0 "$QIKAN" check "$B"
expect_contains "replace: search finds the kept title" "$("$QIKAN" search "$B" 修改后的标题)" "修改后的标题"

# --- --replace refuses to lose edits unless --discard-edits ---
"$QIKAN" set "$B" "$new" "author=李四" >/dev/null
# the edited article's imported title, changed in the TOC and the body
t=$(q "$B" "SELECT old_value FROM edit_log WHERE article_id = $new AND field = 'title' ORDER BY id LIMIT 1")
sed "s/^$t\$/另一篇文章的标题/; s/^$t	/另一篇文章的标题	/" "$SAMPLE_TXT" >"$TMP/changed.txt"
before=$(sum "$B")
expect_status "replace losing edits refused" 2 "$QIKAN" import -q --replace -o "$B" "$TMP/changed.txt"
expect_contains "refusal names the article" "$(cat "$TMP/err")" "would lose the edits of 1 article that the new text no longer has: $new “$t”"
expect_eq "refusal: bundle unchanged" "$(sum "$B")" "$before"
expect_status "--discard-edits replaces" 0 "$QIKAN" import -q --replace --discard-edits -o "$B" "$TMP/changed.txt"
expect_eq "discarded: one issue, no edits left" "$(q "$B" 'SELECT count(*) FROM issue; SELECT count(*) FROM edit_log')" "1
0"
expect_contains "discarded: the new title" "$("$QIKAN" toc --all "$B")" "另一篇文章的标题"
expect_status "--discard-edits alone is a usage error" 2 "$QIKAN" import --discard-edits -o "$B" "$SAMPLE_TXT"

# --- the review queue: listing, a suggested command that works, sanitising ---
B="$TMP/my bundle's.qikan"
"$QIKAN" import -q -o "$B" "$SAMPLE_TXT" 2>/dev/null
aid=$(q "$B" "SELECT id FROM article WHERE position = 9")
title0=$(q "$B" "SELECT title FROM article WHERE id = $aid")
esc=$(printf '\033')
# A warning as the importer stores it, with a quote in the suggestion and an
# escape sequence in the message (bundles may come from anywhere).
q "$B" "INSERT INTO import_warning(issue_id, line, kind, message, article_id, field, suggestion)
	VALUES(1, 624, 'title', 'TOC and body differ${esc}[31m', $aid, 'title', '新标题 it''s \"引\"')"
q "$B" "INSERT INTO import_warning(issue_id, line, kind, message, article_id, field, suggestion)
	VALUES(1, 625, 'byline', 'guessed', $aid, 'author', 'bad${esc}]0;x')"
q "$B" "INSERT INTO import_warning(issue_id, line, kind, message, article_id)
	VALUES(1, 626, 'note', 'information only', $aid)"
expect_status "review" 0 "$QIKAN" review "$B"
expect_not_contains "review: notes are not review items" "$(cat "$TMP/out")" "information only"
out=$(cat "$TMP/out")
expect_contains "review: article and issue" "$out" "article $aid 文章  in issue 1 2023年第2期  line 624"
expect_contains "review: kind and message" "$out" "title differs from the TOC / 标题与目录不同: TOC and body differ"
expect_contains "review: current and suggested" "$out" "title: $title0 -> 新标题 it's \"引\""
case $out in *"$esc"*) fail "review printed a raw escape" ;; *) ok ;; esac
expect_contains "review: shell-quoted command" "$out" \
	"qikan set '$TMP/my bundle'\\''s.qikan' $aid 'title=新标题 it'\\''s \"引\"'"
expect_not_contains "review: no command for a value with controls" "$out" "author=bad"
cmd=$(printf '%s\n' "$out" | grep "^  qikan set " | head -n 1)
eval "\"\$QIKAN\" ${cmd#  qikan }" >/dev/null
expect_eq "review: the suggested command set the title (bytes)" \
	"$(q "$B" "SELECT title = '新标题 it''s \"引\"' FROM article WHERE id = $aid")" 1
"$QIKAN" review "$B" >"$TMP/out2"
expect_not_contains "review: the edited item is gone" "$(cat "$TMP/out2")" "TOC and body differ"
expect_contains "review: the other stays" "$(cat "$TMP/out2")" "byline guessed"
"$QIKAN" undo "$B" "$aid" >/dev/null
expect_contains "review: undo brings it back" "$("$QIKAN" review "$B")" "TOC and body differ"
expect_status "review --format json" 0 "$QIKAN" review --format json --issue 1 "$B"
expect_eq "review json" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
t = [i for i in d["items"] if i["kind"] == "title"][0]
print(t["article"], t["field"], t["suggestion"], t["line"], t["command"] is not None)
' "$TMP/out")" "$aid title 新标题 it's \"引\" 624 True"
expect_status "review: unknown issue" 2 "$QIKAN" review --issue 99 "$B"
expect_status "review: bad format" 2 "$QIKAN" review --format xml "$B"

finish

#!/bin/sh
# SPDX-License-Identifier: MIT
# cli_basic.sh — the CLI on the sample issue, as a user sees it: help,
# toc aligned by display width, show wrapped without kinsoku faults, check,
# duplicate import refused, damaged files reported without a crash.
. "$QIKAN_SRCDIR/tests/lib.sh"
W=$QIKAN_BUILDDIR/tests/unit/dispwidth

expect_status "--help" 0 "$QIKAN" --help
expect_contains "--help lists import" "$(cat "$TMP/out")" "import TEXT"
expect_status "--version" 0 "$QIKAN" --version
expect_contains "--version" "$(cat "$TMP/out")" "qikan "
expect_status "toc without bundle" 2 "$QIKAN" toc
expect_status "show of a missing bundle" 2 "$QIKAN" show "$TMP/nope.qikan" 1
expect_contains "missing bundle message" "$(cat "$TMP/err")" "nope.qikan"

# --- toc: every TOC entry, columns aligned by display width ---
"$QIKAN" toc --format text "$SAMPLE" >"$TMP/toc" 2>"$TMP/err" || fail "toc exited non-zero"
rows=$(tail -n +3 "$TMP/toc" | wc -l)
expect_eq "toc rows (TOC entries of the sample)" "$rows" 35
expect_contains "toc has the issue" "$(head -1 "$TMP/toc")" "2023年第2期"
expect_contains "toc has an author" "$(cat "$TMP/toc")" "王东明"
expect_contains "toc has a sub-section" "$(cat "$TMP/toc")" "市州动态 > 西宁市总工会"
widths=$(tail -n +2 "$TMP/toc" | "$W" | sort -u | wc -l)
expect_eq "toc rows all end at the same display column" "$widths" 1
# Narrow: the table still fits and stays aligned.
"$QIKAN" toc --format text --width 60 "$SAMPLE" >"$TMP/toc60"
maxw=$(tail -n +2 "$TMP/toc60" | "$W" | sort -n | tail -1)
[ "$maxw" -le 60 ] && ok || fail "toc --width 60 has a line $maxw columns wide"
expect_eq "narrow toc aligned" "$(tail -n +2 "$TMP/toc60" | "$W" | sort -u | wc -l)" 1

# --- show: by title piece, wrapped, kinsoku ---
expect_status "show by title piece" 0 "$QIKAN" show --width 40 "$SAMPLE" 正确理解和大力推进中国式现代化
out=$(cat "$TMP/out")
expect_contains "show text" "$out" "习近平强调"
expect_contains "page break joined in show" "$(tr -d '\n' <"$TMP/out")" "比较完整的工业体系"
maxw=$("$W" <"$TMP/out" | sort -n | tail -1)
[ "$maxw" -le 40 ] && ok || fail "show --width 40 has a line $maxw columns wide"
if grep -q '^[，。、；：？！）」』”]' "$TMP/out"; then fail "a line starts with closing punctuation"; else ok; fi
if grep -q '[（「『“]$' "$TMP/out"; then fail "a line ends with opening punctuation"; else ok; fi
# The kicker (引题) of 方寸匠心 stands above its title, not as an article.
expect_status "show with a kicker" 0 "$QIKAN" show --width 200 "$SAMPLE" 方寸匠心
expect_eq "kicker, then the title" "$(head -2 "$TMP/out")" "2022年“大国工匠年度人物”发布——青海一名职工入选“大国工匠年度人物”
方寸匠心 不差毫厘"
expect_status "show ambiguous title" 2 "$QIKAN" show "$SAMPLE" 总工会
expect_contains "ambiguous message" "$(cat "$TMP/err")" "give an id"

# The source label is printed once, whether or not the text carries it.
"$QIKAN" show "$SAMPLE" 方寸匠心 >"$TMP/src" 2>&1
expect_contains "source shown" "$(cat "$TMP/src")" "来源：青海日报"
expect_not_contains "source label not doubled" "$(cat "$TMP/src")" "来源：来源"

# --- check ---
expect_status "check sample" 0 "$QIKAN" check "$SAMPLE"
expect_contains "check ok" "$(cat "$TMP/out")" "ok"

# --- check looks at the search index too ---
if command -v sqlite3 >/dev/null; then
	cp "$SAMPLE" "$TMP/idx1.qikan"
	sqlite3 "$TMP/idx1.qikan" "DELETE FROM article_search_docsize WHERE id = (SELECT min(id) FROM article)"
	expect_status "check: article missing from the index" 1 "$QIKAN" check "$TMP/idx1.qikan"
	expect_contains "index message" "$(cat "$TMP/err")" "1 articles not indexed"
	cp "$SAMPLE" "$TMP/idx2.qikan"
	sqlite3 "$TMP/idx2.qikan" "UPDATE article_search_data SET block = randomblob(length(block)) WHERE id > 10"
	expect_status "check: damaged index" 1 "$QIKAN" check "$TMP/idx2.qikan"
	expect_contains "damaged index message" "$(cat "$TMP/err")" "search index:"
fi

# --- import: duplicate refused, bundle unchanged; --replace accepted ---
cp "$SAMPLE" "$TMP/b.qikan"
before=$(sha256sum <"$TMP/b.qikan")
expect_status "duplicate import refused" 2 "$QIKAN" import -o "$TMP/b.qikan" "$SAMPLE_TXT"
expect_contains "duplicate message" "$(cat "$TMP/err")" "already"
expect_eq "bundle unchanged after refused import" "$(sha256sum <"$TMP/b.qikan")" "$before"
expect_status "replace import" 0 "$QIKAN" import --replace -q -o "$TMP/b.qikan" "$SAMPLE_TXT"
# The report: no extra articles, one kicker, the running header named.
expect_status "import report" 0 "$QIKAN" import -o "$TMP/r.qikan" "$SAMPLE_TXT"
expect_contains "import counts" "$(cat "$TMP/out")" "文章 35 (35 in the TOC, 0 not in the TOC, 1 with a kicker 引题)"
expect_contains "running header warning" "$(cat "$TMP/err")" \
	'sample.txt:739: warning: structure / 结构: running page header "方寸匠心 不差毫厘" dropped'
expect_status "check after replace" 0 "$QIKAN" check "$TMP/b.qikan"

# --- damaged and foreign files: clear message, no crash ---
printf 'not a bundle\n' >"$TMP/junk.qikan"
expect_status "junk bundle" 2 "$QIKAN" toc "$TMP/junk.qikan"
expect_contains "junk message" "$(cat "$TMP/err")" "not a qikan bundle"
cp "$SAMPLE" "$TMP/bad.qikan"
size=$(stat -c %s "$TMP/bad.qikan")
dd if=/dev/urandom of="$TMP/bad.qikan" bs=1024 seek=$((size / 2048)) count=8 conv=notrunc 2>/dev/null
st=0
"$QIKAN" check "$TMP/bad.qikan" >"$TMP/out" 2>"$TMP/err" || st=$?
[ "$st" = 1 ] || [ "$st" = 2 ] && ok || fail "check of a damaged bundle exited $st"

finish

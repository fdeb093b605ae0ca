#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12, bookmarks (收藏), per user in $XDG_STATE_HOME/qikan/marks, at
# 80x24 and 40x12:
#  - m bookmarks the open article, or the one under the TOC cursor, and
#    says so; B lists them, newest first, with issue, section and page;
#    Enter opens one; d (or m) removes one;
#  - w in the list writes it to a file, byte for byte what `qikan
#    bookmarks` prints, and says where;
#  - they are there at the next start, and `qikan bookmarks` prints them
#    as text, TSV and JSON.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }
B=$TMP/sample.qikan
cp "$SAMPLE" "$B"
A2=中国共产党第二十届中央委员会 # article 2, page 6, section 学习强会
A3=在全总十七届七次执委会议上的讲话 # article 3, page 8

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"
	rm -rf "$XDG_STATE_HOME" "$HOME"/qikan-bookmarks.md
	tui_start "$1" "$2" -- "$B"
	tui_wait "$tag: reader up" "2023年第2期"
	tui_keys B
	tui_wait "$tag: an empty list says how to fill it" "no bookmarks: m bookmarks an article"
	tui_keys Escape
	# from the TOC: the row under the cursor (article 1), down two rows
	tui_keys h
	tui_wait_status "$tag: contents" "Contents"
	tui_keys j
	tui_wait_status "$tag: cursor on article 2" "${A2:0:4}"
	tui_keys m
	tui_wait_status "$tag: m says it" "bookmarked"
	# the contents mark it: + after the unread * before the title
	tui_wait "$tag: + in the contents" "*+${A2:0:2}"
	# from the article pane: the open article
	tui_keys j Enter
	tui_wait_status "$tag: article 3 open" "${A3:0:4}"
	tui_keys m
	tui_wait_status "$tag: m in the article" "bookmarked"
	tui_keys B
	tui_wait_status "$tag: the list" "2 bookmarks"
	screen=$(tui_screen)
	expect_contains "$tag: article 3 listed" "$screen" "${A3:0:4}"
	expect_contains "$tag: article 2 listed" "$screen" "${A2:0:4}"
	expect_contains "$tag: issue, section and page shown" "$screen" "2023年第2期 · 学习强会 · p. 8"
	# newest first: article 3 above article 2
	l3=$(printf '%s\n' "$screen" | grep -n -F "${A3:0:4}" | head -1 | cut -d: -f1)
	l2=$(printf '%s\n' "$screen" | grep -n -F "${A2:0:4}" | tail -1 | cut -d: -f1)
	[ "${l3:-99}" -lt "${l2:-0}" ] && ok || fail "$tag: newest not first ($l3, $l2)"
	# Enter opens the selected one
	tui_keys j Enter
	tui_wait_status "$tag: Enter opens it" "${A2:0:4}"
	tui_wait_status "$tag: in the article pane" "%"
	# w writes the list; the bytes are what `qikan bookmarks` prints
	tui_keys B
	tui_wait_status "$tag: the list again" "2 bookmarks"
	tui_keys w
	tui_wait_status "$tag: a name offered" "qikan-bookmarks.md"
	tui_keys Enter
	tui_wait_status "$tag: says where" "written to ~/qikan-bookmarks.md"
	"$QIKAN" bookmarks "$B" >"$TMP/cli.md"
	if cmp -s "$TMP/cli.md" "$HOME/qikan-bookmarks.md"; then ok; else
		fail "$tag: w's file differs from qikan bookmarks"
		diff "$TMP/cli.md" "$HOME/qikan-bookmarks.md" >&2
	fi
	expect_eq "$tag: the file's first line" "$(head -1 "$HOME/qikan-bookmarks.md")" \
		"- $A3 — 2023年第2期 · 学习强会 · 第8页"
	expect_eq "$tag: two lines" "$(wc -l <"$HOME/qikan-bookmarks.md")" 2
	# d removes the selected one (article 3, at the top)
	tui_keys g d
	tui_wait_status "$tag: d removes" "1 bookmark:"
	# the list's pane: right of the separator when beside the contents
	expect_not_contains "$tag: article 3 gone from the list" "$(tui_screen | sed 's/^.*│//')" "${A3:0:4}"
	tui_quit

	# The next start: still there, and the CLI prints the one left.
	tui_start "$1" "$2" -- "$B"
	tui_wait "$tag: reader up again" "2023年第2期"
	tui_keys B
	tui_wait_status "$tag: kept across runs" "1 bookmark:"
	tui_wait "$tag: the one kept" "${A2:0:4}"
	# m in the list removes too
	tui_keys m
	tui_wait_status "$tag: m in the list removes" "0 bookmarks"
	tui_keys m
	tui_quit
	expect_eq "$tag: none left for the CLI" "$("$QIKAN" bookmarks "$B")" ""
done

# The CLI's formats (bookmarks set through the reader: article 2 then 3).
rm -rf "$XDG_STATE_HOME"
tui_start 80 24 -- "$B"
tui_wait "reader up" "2023年第2期"
tui_keys j
tui_wait_status "cursor on article 2" "${A2:0:4}"
tui_keys m
tui_wait_status "bookmarked 2" "bookmarked"
tui_keys j m
tui_wait_status "bookmarked 3" "bookmarked"
tui_quit
expect_status "bookmarks: exit 0" 0 "$QIKAN" bookmarks "$B"
expect_eq "text" "$(cat "$TMP/out")" "- $A3 — 2023年第2期 · 学习强会 · 第8页
- 中国共产党第二十届中央委员会 第二次全体会议公报 — 2023年第2期 · 学习强会 · 第6页"
expect_status "tsv: exit 0" 0 "$QIKAN" bookmarks --format tsv "$B"
expect_eq "tsv columns" "$(cut -f1-6 "$TMP/out" | head -1)" "3	2023年第2期	学习强会	$A3	王东明	8"
expect_contains "tsv time in UTC" "$(cut -f7 "$TMP/out" | head -1)" "Z"
expect_eq "tsv lines" "$(wc -l <"$TMP/out")" 2
expect_status "json: exit 0" 0 "$QIKAN" bookmarks -f json "$B"
if command -v python3 >/dev/null 2>&1; then
	expect_eq "json parses" "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["bookmarks"]), d["bookmarks"][0]["id"], d["bookmarks"][1]["page"], d["other_bundles"])' <"$TMP/out")" "2 3 6 0"
fi
expect_status "gb18030 with CR LF" 0 "$QIKAN" bookmarks --encoding gb18030 --crlf "$B"
expect_eq "the bytes converted" "$(iconv -f GB18030 -t UTF-8 "$TMP/out" | tr -d '\r' | head -1)" "- $A3 — 2023年第2期 · 学习强会 · 第8页"
expect_eq "CR LF line ends" "$(tr -cd '\r' <"$TMP/out" | wc -c)" 2
expect_status "a bad format: exit 2" 2 "$QIKAN" bookmarks --format xml "$B"
expect_status "no bundle: exit 2" 2 "$QIKAN" bookmarks
# Bookmarks of an issue this bundle does not hold are counted on stderr.
"$TUI_MKBUNDLE" "$TMP/other.qikan" || fail "cannot write the fixture bundle"
expect_status "another bundle: exit 0" 0 "$QIKAN" bookmarks "$TMP/other.qikan"
expect_eq "another bundle: nothing listed" "$(cat "$TMP/out")" ""
expect_contains "another bundle: the others counted" "$(cat "$TMP/err")" "2 more bookmarks are in issues this bundle does not hold"
finish

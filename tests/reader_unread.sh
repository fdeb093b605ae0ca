#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12, reading features: new and unread, kept per user in
# $XDG_STATE_HOME/qikan/marks (never in the bundle), at 80x24 and 40x12.
#  - a first visit says how much there is, marks every article unread (*)
#    and shows no list of new issues;
#  - an article read to its end is not unread at the next start; N opens
#    the next unread article; r marks an article, or a whole issue, read
#    or unread;
#  - an issue imported since the last visit is listed, alone, in the
#    new-issues view at the next start; one key (q) puts the list away
#    without quitting, and I brings it back; the start after that shows
#    no list, and I says there is nothing new;
#  - a copy of the bundle shows the same marks (issues are known by the
#    hash of their text, not by path or row id);
#  - the bundle's bytes never change;
#  - a damaged, hostile, huge or FIFO marks file never stops the reader,
#    and the file stays bounded.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }
MARKS=$XDG_STATE_HOME/qikan/marks
sed 's/^2023年第2期$/2023年第3期/' "$SAMPLE_TXT" >"$TMP/issue3.txt"
A1=习近平在学习贯彻 # the first three articles of the sample
A2=中国共产党第二十
A3=在全总十七届七次

# toc_row TEXT: the TOC row showing TEXT (left of the separator when the
# article pane is beside it: the article's text may hold TEXT too).
toc_row() { tui_screen | sed 's/│.*//' | grep -F -- "$1" | head -1; }
# The TOC: on a narrow screen the pane with the focus is the only one.
show_toc() {
	case $(tui_status) in *Contents*) return 0 ;; esac
	tui_keys h
	tui_wait_status "$tag: the contents" "Contents"
}
sha() { sha256sum "$1" | cut -d' ' -f1; }

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"
	rm -rf "$XDG_STATE_HOME"
	B=$TMP/b-$tag.qikan
	cp "$SAMPLE" "$B"
	sum0=$(sha "$B")

	# A first visit: a summary, every article unread, no list.
	tui_start "$1" "$2" -- "$B"
	tui_wait_status "$tag: first-visit summary" "first visit: 1 issue"
	tui_wait "$tag: first article unread" "*$A1"
	expect_contains "$tag: second article unread" "$(toc_row "$A2")" "*$A2"
	expect_contains "$tag: the issue counts its unread articles" "$(toc_row "- 2023年第2期")" "*35"
	expect_not_contains "$tag: no new-issues list on a first visit" "$(tui_screen)" "since your last visit"
	# read article 1 to its end
	tui_keys Enter
	tui_wait_status "$tag: article 1 open" "${A1:0:4}"
	tui_keys G
	tui_wait_status "$tag: at its end" "100%"
	show_toc
	tui_wait_gone "$tag: article 1 read once its end was shown" "*$A1"
	expect_contains "$tag: article 2 still unread" "$(toc_row "$A2")" "*$A2"
	tui_quit

	# The next start: article 1 is still read.
	tui_start "$1" "$2" -- "$B"
	tui_wait_status "$tag: back in article 1" "${A1:0:4}"
	expect_not_contains "$tag: no list: nothing new" "$(tui_screen)" "since your last visit"
	show_toc
	tui_wait "$tag: TOC shown" "$A2"
	expect_not_contains "$tag: article 1 not unread after a restart" "$(toc_row "$A1")" "*"
	expect_contains "$tag: article 2 unread after a restart" "$(toc_row "$A2")" "*$A2"
	# N: the next unread article
	tui_keys N
	tui_wait_status "$tag: N opens article 2" "${A2:0:5}"
	tui_keys N
	tui_wait_status "$tag: N again opens article 3" "${A3:0:5}"
	# r: read, then unread again, and the end on screen does not undo it
	tui_keys r
	tui_wait_status "$tag: r marks read" "marked read"
	show_toc
	tui_wait_gone "$tag: article 3 read" "*$A3"
	tui_keys r
	tui_wait_status "$tag: r again marks unread" "marked unread"
	tui_wait "$tag: article 3 unread again" "*$A3"
	# r on the issue row: the whole issue read, then all unread
	show_toc
	tui_keys g
	tui_wait_status "$tag: issue row" "Contents 1/"
	tui_keys r
	tui_wait_status "$tag: r on an issue" "35 articles marked read"
	tui_wait_gone "$tag: no unread article left" "*"
	tui_keys N
	tui_wait_status "$tag: N says when nothing is unread" "no unread articles left"
	tui_keys r
	tui_wait_status "$tag: r on it again" "35 articles marked unread"
	tui_wait "$tag: all unread again" "*$A1"
	tui_keys j j
	tui_keys r
	tui_wait_status "$tag: article 1 read again" "marked read"
	tui_quit

	# A new issue imported into the bundle: listed, alone, at the next start.
	expect_eq "$tag: the reader never wrote the bundle" "$(sha "$B")" "$sum0"
	"$QIKAN" import "$TMP/issue3.txt" -o "$B" >/dev/null 2>&1
	expect_eq "$tag: the new issue is in the bundle" "$("$QIKAN" toc "$B" | cut -f2 | sort -u | tr '\n' ' ')" "2023年第2期 2023年第3期 "
	tui_start "$1" "$2" -- "$B"
	tui_wait "$tag: new-issues view at start-up" "1 new issue since your last visit"
	news=$(tui_screen | grep -F " · 35 article")
	expect_eq "$tag: one issue listed" "$(printf '%s\n' "$news" | grep -c .)" 1
	expect_contains "$tag: the new issue listed" "$news" "2023年第3期"
	expect_not_contains "$tag: the old issue not listed" "$news" "第2期"
	tui_wait_status "$tag: the keys said" "Esc or q"
	tui_keys q
	tui_wait_gone "$tag: q puts the list away" "since your last visit"
	expect_not_contains "$tag: q did not quit" "$(tui_screen)" "QIKAN-EXIT"
	# I brings the same list back, and Esc puts it away again.
	tui_keys I
	tui_wait "$tag: I shows the list again" "1 new issue since your last visit"
	expect_contains "$tag: the same issue again" "$(tui_screen | grep -F " · 35 article")" "2023年第3期"
	tui_keys Escape
	tui_wait_gone "$tag: Esc puts it away" "since your last visit"
	tui_quit
	tui_start "$1" "$2" -- "$B"
	tui_wait_status "$tag: a later start" "%"
	expect_not_contains "$tag: the list comes once" "$(tui_screen)" "since your last visit"
	# Nothing new this time: I says so.
	tui_keys I
	tui_wait_status "$tag: I with nothing new" "no issues new since your last visit"
	tui_quit

	# A copy of the bundle elsewhere: the same marks, nothing new.
	mkdir -p "$TMP/copy-$tag"
	cp "$B" "$TMP/copy-$tag/other-name.qikan"
	tui_start "$1" "$2" -- "$TMP/copy-$tag/other-name.qikan"
	tui_wait "$tag: copy opened" "2023年第"
	expect_not_contains "$tag: nothing new in a copy" "$(tui_screen)" "since your last visit"
	expect_not_contains "$tag: no first-visit summary in a copy" "$(tui_status)" "first visit"
	show_toc
	tui_wait "$tag: copy's TOC" "$A2"
	expect_not_contains "$tag: article 1 read in the copy" "$(toc_row "$A1")" "*"
	expect_contains "$tag: article 2 unread in the copy" "$(toc_row "$A2")" "*$A2"
	tui_quit
done

# The marks file: what a hostile or damaged one does.
# the key of issue 2023年第2期: the one with an article read (3 is unread)
key=$(awk -F'\t' '$1 == "I" && $4 != "-" { print $2 }' "$MARKS" | head -1)
[ -n "$key" ] && ok || fail "no issue key in $MARKS"
# issue 2023年第3期's line as it is (seen, nothing read): not new below
seen3=$(awk -F'\t' '$1 == "I" && $4 == "-"' "$MARKS" | head -1)
[ -n "$seen3" ] && ok || fail "no line for the second issue in $MARKS"
B=$TMP/b-80x24.qikan
{
	printf 'qikan-marks 1\n%s\n' "$seen3"
	printf 'I\t%s\t99\t0\n' "$key" # article 1 read: kept among the junk
	printf 'I\t%s\t99\t0-999999999\n' "$key"
	printf 'I\t%s\t-5\t1\n' "$key"
	printf 'I\tUPPER\t1\t1\n'
	printf 'I\t%s\t1\t1,2,x\n' "$key"
	printf 'B\t%s\t99999999999999999999999\t1\n' "$key"
	printf 'B\t%s\t3\t1\textra\n' "$key"
	printf 'I\t\033]0;owned\a\t1\t1\n'
	head -c 300000 /dev/urandom
	printf '\n'
	head -c 2000000 /dev/zero | tr '\0' 'I'
	printf '\nB\t%s\t2\t5\n' "$key" # article 3 bookmarked
} >"$MARKS.new"
mv "$MARKS.new" "$MARKS"
tui_start 80 24 -- "$B"
tui_wait "damaged marks: reader up" "$A2"
expect_not_contains "damaged marks: the good line kept (article 1 read)" "$(toc_row "$A1")" "*"
expect_contains "damaged marks: a bad range marks nothing" "$(toc_row "$A2")" "*$A2"
tui_keys B
tui_wait "damaged marks: the good bookmark kept" "1 bookmark"
tui_quit
size=$(wc -c <"$MARKS")
[ "$size" -lt 2000 ] && ok || fail "the marks file was not cleaned: $size bytes"
expect_eq "the marks file starts with its header" "$(head -1 "$MARKS")" "qikan-marks 1"

# Bounded: 30000 issues of older visits, this one (article 1 read) last in
# the file: it is read (a cap by file order would drop it), and the
# file keeps 20000, the oldest visits dropped.
awk -v k="$key" 'BEGIN { print "qikan-marks 1"; for (i = 0; i < 30000; i++) printf "I\t%064d\t%d\t0-3\n", i, 1000 + i; printf "I\t%s\t1700000000\t0\n", k }' >"$MARKS"
printf '%s\n' "$seen3" >>"$MARKS"
tui_start 80 24 -- "$B"
tui_wait "30000 issues: reader up" "$A2"
expect_not_contains "30000 issues: article 1 read" "$(toc_row "$A1")" "*"
tui_quit
expect_eq "at most 20000 issues kept" "$(grep -c '^I' "$MARKS")" 20000
expect_contains "this bundle's issue kept" "$(cut -f2 "$MARKS")" "$key"
expect_not_contains "the oldest visits went first" "$(cut -f2 "$MARKS")" "$(printf '%064d' 0)"

# A FIFO where the file should be: no hang, and the marks saved in its place.
rm -f "$MARKS"
mkfifo "$MARKS"
tui_start 80 24 -- "$B"
tui_wait "FIFO marks: reader up" "$A2"
tui_quit
[ -f "$MARKS" ] && ok || fail "marks not saved over the FIFO"
# A directory: the reader runs and says the marks cannot be saved.
rm -f "$MARKS"
mkdir -p "$MARKS/x"
tui_start 80 24 -- "$B"
tui_wait_status "unwritable marks: said" "cannot save the reading marks"
tui_quit
expect_eq "the bundle is still the imported one" "$("$QIKAN" check "$B" >/dev/null 2>&1; echo $?)" 0
finish

#!/bin/bash
# SPDX-License-Identifier: MIT
# The reader end to end, on the sample bundle, in tmux at 80x24, 120x40
# and 40x12: first screen, walking the TOC, opening an article, paging,
# searching, resizing (down to 20x5 and below), help, quitting, and the
# reading position coming back on the next run.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

BUNDLE=${TUI_BUNDLE:-$SAMPLE}
[ -f "$BUNDLE" ] || { fail "no sample bundle at $BUNDLE"; finish; }
# An article of the sample's 学习强会 section with several pages of text.
ARTICLE=在全总十七届七次执委会议上的讲话
ARTICLE_PREFIX=在全总十七届七次执委

pct() { tui_status | sed -n 's/.* \([0-9][0-9]*\)%[[:space:]]*$/\1/p'; }

# The column where article text starts: after the separator when the
# panes are side by side, 0 when one pane fills the screen.
article_col() {
	local sep
	sep=$(tui_screen | "$TUI_SCRCHECK" -1 | sed -n 's/^sep_cols=//p')
	if [ -n "$sep" ]; then echo $((${sep%%,*} + 1)); else echo 0; fi
}

# The TOC pane's part of the screen (before the separator).
toc_part() { tui_screen | sed -n "1,$((TUI_H - 1))p" | sed 's/│.*//'; }

run_size() {
	local W=$1 H=$2 tag="$1x$2" i before after p1 p2 toc1 toc2 facts
	tui_kill
	rm -rf "$XDG_STATE_HOME"
	tui_start "$W" "$H" -- "$BUNDLE"

	# First screen: the contents, in Chinese, columns aligned.
	tui_wait "$tag first screen" "2023年第2期" || return
	tui_wait "$tag first screen sections" "学习强会"
	tui_wait_status "$tag status line names the contents" "Contents"
	facts=$(tui_screen | "$TUI_SCRCHECK" -1)
	expect_eq "$tag: one separator column" \
		"$(printf '%s\n' "$facts" | sed -n 's/^sep_cols=//p' | tr -cd ',' | wc -c)" 0
	expect_eq "$tag: page numbers end in one column" \
		"$(printf '%s\n' "$facts" | sed -n 's/^page_end_cols=//p' | tr -cd ',' | wc -c)" 0
	if [ "$W" -ge 80 ]; then
		case $facts in *sep_cols=[0-9]*) ok ;; *) fail "$tag: panes not side by side" ;; esac
	else
		expect_contains "$tag: one pane below 80 columns" "$facts" "sep_cols="$'\n'
		# The TOC alone: page numbers (and the status line) end in
		# the last column.
		expect_contains "$tag: page numbers right-aligned" "$facts" "digit_end_cols=$((W - 1))"$'\n'
	fi

	# Walk the TOC down to the article.
	tui_keys g
	tui_wait_status "$tag: g goes to the top of the TOC" "Contents 1/"
	for i in $(seq 1 40); do
		case $(tui_status) in *"$ARTICLE_PREFIX"*) break ;; esac
		before=$(tui_status)
		tui_keys j
		tui_wait_change_status "$before" || break
	done
	tui_wait_status "$tag: TOC cursor reaches the article" "$ARTICLE_PREFIX" || return

	# Open it: title on screen, status line with issue, section and a %.
	tui_keys Enter
	tui_wait_status "$tag: article open, position shown" "%" || return
	tui_wait "$tag: article title" "${ARTICLE:0:6}"
	expect_contains "$tag: status names the section" "$(tui_status)" "学习强会"
	tui_check_layout "$tag first page" "$(article_col)"
	# Paragraphs start with a two-full-width-space indent (4 columns).
	expect_contains "$tag: indented paragraph" "$(tui_screen)" "    "

	# Page through: the position grows, the text keeps the rules, and
	# the TOC pane stays as it was.
	toc1=$(toc_part)
	p1=$(pct)
	: >"$TMP/raw"
	tmx pipe-pane -o -t "$TUI_SESSION" "cat >>$TMP/raw"
	for i in 1 2 3; do
		before=$(tui_screen)
		tui_keys Space
		tui_wait_change "$tag page $i" "$before" || break
		tui_check_layout "$tag page $i" "$(article_col)"
	done
	sleep 0.3
	tmx pipe-pane -t "$TUI_SESSION"
	p2=$(pct)
	# Bandwidth: a page is the pane's new text and little else (at most
	# 2.5 bytes a cell; Chinese is 1.5); the TOC is not sent again (its
	# section titles do not appear in the bytes).
	raw=$(stat -c %s "$TMP/raw")
	limit=$(( (W - $(article_col)) * (H - 1) * 5 / 2 * 3 ))
	[ "$raw" -gt 0 ] && [ "$raw" -le "$limit" ] && ok ||
		fail "$tag: 3 page-downs sent $raw bytes (limit $limit)"
	if [ "$W" -ge 80 ]; then
		LC_ALL=C grep -q "新视点" "$TMP/raw" && fail "$tag: TOC text re-sent while paging" || ok
	fi
	[ -n "$p1" ] && [ -n "$p2" ] && [ "$p2" -gt "$p1" ] && ok ||
		fail "$tag: position did not grow when paging ($p1% -> $p2%)"
	if [ "$W" -ge 80 ]; then
		toc2=$(toc_part)
		expect_eq "$tag: TOC pane unchanged while the article scrolls" "$toc2" "$toc1"
	fi
	before=$(tui_screen)
	tui_keys b
	tui_wait_change "$tag page up" "$before"
	tui_keys G
	tui_wait_status "$tag: G goes to the end" "100%"
	tui_keys g

	# Search within the article: Chinese words, matches highlighted.
	tui_keys /
	tui_wait_status "$tag: search prompt" "search:"
	tui_keys "工会" Enter
	tui_wait_status "$tag: first match" "match 1/"
	case $(tui_screen_attrs) in
	*$'\033['*"工会"*) ok ;;
	*) fail "$tag: no highlighted match on screen" ;;
	esac
	tui_keys n
	tui_wait_status "$tag: n goes to the next match" "match 2/"
	tui_keys P
	tui_wait_status "$tag: P (previous match) goes back" "match 1/"
	tui_keys /
	tui_wait_status "$tag: search prompt again" "search:"
	tui_keys "没有这个词语" Enter
	tui_wait_status "$tag: a missing word is reported" "not found"

	# Resize: wider, then the smallest usable size, then too small.
	tui_resize $((W + 20)) $((H + 4))
	tui_wait_redrawn "$tag: redrawn after widening"
	tui_wait_status "$tag: after widening, status keeps the position" "%"
	tui_check_layout "$tag widened" "$(article_col)"
	tui_resize 20 5
	tui_wait_redrawn "$tag: redrawn at 20x5"
	tui_wait "$tag: 20x5 still shows text" "2023"
	tui_check_layout "$tag at 20x5" "$(article_col)"
	tui_resize 15 4
	tui_wait "$tag: below 20x5 a note" "too small"
	tui_resize "$W" "$H"
	tui_wait_gone "$tag: back from too small" "too small"
	tui_wait_redrawn "$tag: redrawn after too small"
	tui_wait_status "$tag: back at size, article shown" "%"

	# Help lists the keys; q leaves it.
	tui_keys '?'
	tui_wait "$tag: help screen" "qikan keys"
	for i in 1 2 3 4 5; do
		case $(tui_screen) in *"next match"*) break ;; esac
		before=$(tui_screen)
		tui_keys Space
		tui_wait_change "$tag: help pages down" "$before" || break
	done
	expect_contains "$tag: help lists search" "$(tui_screen)" "next match"
	tui_keys q
	tui_wait_gone "$tag: help closed" "qikan keys"

	# Quit, and the reading position comes back next time.
	tui_keys Space
	sleep 0.2
	p1=$(pct)
	tui_quit
	[ -s "$XDG_STATE_HOME/qikan/positions" ] && ok || fail "$tag: no reading position saved"
	tui_start "$W" "$H" -- "$BUNDLE"
	tui_wait_status "$tag: reopened at the article" "%"
	expect_eq "$tag: same position after restart" "$(pct)" "$p1"
	tui_quit
}

# Waits for the status line to change from $1 (quietly: a helper).
tui_wait_change_status() {
	local old=$1 i=0
	while [ $i -lt 200 ]; do
		[ "$(tui_status)" != "$old" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# The kicker (引题) of 方寸匠心 is shown above its title, as printed.
run_kicker() {
	local i before pane kline tline
	tui_kill
	rm -rf "$XDG_STATE_HOME"
	tui_start 120 40 -- "$BUNDLE"
	tui_wait "kicker: first screen" "2023年第2期" || return
	for i in $(seq 1 60); do
		case $(tui_status) in *"方寸匠心"*) break ;; esac
		before=$(tui_status)
		tui_keys j
		tui_wait_change_status "$before" || break
	done
	tui_wait_status "kicker: TOC cursor reaches 方寸匠心" "方寸匠心" || return
	tui_keys Enter
	tui_wait_status "kicker: article open" "%" || return
	tui_wait "kicker: kicker shown" "青海一名职工入选" || return
	# The article pane: what is right of the separator.
	pane=$(tui_screen | sed -n "1,$((TUI_H - 1))p" | sed -n 's/^[^│]*│//p')
	kline=$(printf '%s\n' "$pane" | grep -n '^ *2022年“大国工匠' | head -1 | cut -d: -f1)
	tline=$(printf '%s\n' "$pane" | grep -n '^ *方寸匠心 不差毫厘' | head -1 | cut -d: -f1)
	if [ -n "$kline" ] && [ -n "$tline" ] && [ "$kline" -lt "$tline" ]; then
		ok
	else
		fail "kicker: not above the title (kicker line '$kline', title line '$tline'):"
		printf '%s\n' "$pane" | head -8 >&2
	fi
	tui_quit
}

for size in "80 24" "120 40" "40 12"; do
	run_size $size
done
run_kicker
finish

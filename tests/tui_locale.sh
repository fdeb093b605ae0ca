#!/bin/bash
# SPDX-License-Identifier: MIT
# tui_locale.sh — the reader in the locales GBK terminals use: zh_CN.GB18030
# and zh_CN.GBK, run through `luit -encoding ...` (which plays a terminal
# set to that charset inside tmux's UTF-8 one, as Xshell or PuTTY set to
# GBK would).  Walks the TOC, opens and pages an article, searches, and
# edits an author with Chinese typed in (luit sends it in the locale's
# charset); checks what is on screen, that columns line up, and that the
# bundle holds UTF-8.  The locales are generated into a private folder
# (LOCPATH) when the system lacks them.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

command -v luit >/dev/null 2>&1 || { echo "luit is not installed (apt-get install luit): skipped"; exit 77; }

B=$TMP/b.qikan
cp "$SAMPLE" "$B"
# A name with a character GBK lacks (U+20000, in GB18030): the GBK
# reader must show a visible replacement, never raw bytes.
"$QIKAN" set "$B" 4 byline=张𠀀 >/dev/null || fail "set a byline with a rare character"

# locale_ready ENC: prints the environment for zh_CN.ENC, generating the
# locale under $TMP/locale when the system has none (LOCPATH then points
# there; set, it is the only place glibc looks).
LOCPATH_DIR=$TMP/locale
locale_ready() {
	local enc=$1 lc
	lc=$(echo "$enc" | tr 'A-Z' 'a-z')
	if locale -a 2>/dev/null | grep -qix "zh_CN.$lc"; then
		echo "LC_ALL=zh_CN.$enc"
		return 0
	fi
	command -v localedef >/dev/null 2>&1 || return 1
	mkdir -p "$LOCPATH_DIR"
	localedef -i zh_CN -f "$enc" "$LOCPATH_DIR/zh_CN.$enc" >/dev/null 2>&1 ||
		[ -d "$LOCPATH_DIR/zh_CN.$enc" ] || return 1
	echo "LC_ALL=zh_CN.$enc LOCPATH=$LOCPATH_DIR"
}

# sep_check WHAT: the panes' separator (| here: │ is ambiguous) and the TOC
# page numbers each stay in one column, no line is wider than the terminal.
sep_check() {
	local facts
	facts=$(tui_screen | sed "$((TUI_H))d" | sed 's/|/│/' | "$TUI_SCRCHECK" -1)
	expect_eq "$1: one separator column" "$(printf '%s\n' "$facts" | sed -n 's/^sep_cols=//p')" 37
	expect_eq "$1: page numbers end in one column" "$(printf '%s\n' "$facts" | sed -n 's/^page_end_cols=//p')" 36
	[ "$(printf '%s\n' "$facts" | sed -n 's/^max_width=//p')" -le "$TUI_W" ] && ok ||
		fail "$1: a line is wider than $TUI_W"
}

ran=0
for enc in GB18030 GBK; do
	loc=$(locale_ready $enc) || { echo "cannot make the locale zh_CN.$enc: skipped"; continue; }
	ran=$((ran + 1))
	tag=$enc
	tui_kill # before the state goes: a qikan under luit saves it on its way out
	rm -rf "$XDG_STATE_HOME"
	# shellcheck disable=SC2086 # $loc is one or two words
	TUI_PROG=luit tui_start 100 30 $loc QIKAN_USER=编辑甲 -- \
		-encoding "$enc" -- "$QIKAN" "$B"
	tui_wait "$tag: first screen, Chinese" "学习强会" || continue
	tui_wait_status "$tag: status line in Chinese" "目录"
	screen=$(tui_screen)
	expect_contains "$tag: TOC title" "$screen" "2023年第2期"
	# Through luit tmux draws “ ” one column wide (the probe found so):
	# the reader draws full-width look-alikes, never the narrow quotes
	# curses would count two columns for.
	expect_contains "$tag: ambiguous quotes as full-width look-alikes" "$screen" "＂四个关键＂"
	expect_not_contains "$tag: no narrow quotes" "$screen" "“"
	sep_check "$tag TOC"

	# Walk the TOC to article 4 and open it.
	for i in $(seq 1 6); do
		before=$(tui_status)
		tui_keys j
		tui_wait_change "$tag: TOC cursor moves" "$before" >/dev/null
		case $(tui_status) in *"全面贯彻落实"*) break ;; esac
	done
	tui_wait_status "$tag: TOC reaches article 4" "全面贯彻落实"
	tui_keys Enter
	tui_wait_status "$tag: article open" "%"
	screen=$(tui_screen)
	case $enc in
	GBK) expect_contains "$tag: a character GBK lacks shows as ？" "$screen" "张？" ;;
	# GB18030 encodes it (four bytes); luit's tables stop at two, so
	# what shows here is luit's; the columns must still line up.
	GB18030) expect_contains "$tag: the byline with U+20000" "$screen" "|张" ;;
	esac
	sep_check "$tag article"

	# Page down: new text, the position moves on.
	pct0=$(tui_status | grep -o '[0-9]*%$')
	old=$(tui_screen)
	tui_keys Space
	tui_wait_change "$tag: page down" "$old"
	tui_wait_stable
	pct1=$(tui_status | grep -o '[0-9]*%$')
	[ "${pct1%\%}" -gt "${pct0%\%}" ] && ok || fail "$tag: page down moved $pct0 -> $pct1"
	sep_check "$tag page 2"

	# Search for a Chinese word typed in the locale's charset.
	tui_keys g /
	tui_wait_status "$tag: search prompt" "搜索："
	tui_keys -l "工会"
	tui_wait_status "$tag: query echoed" "搜索：工会"
	tui_keys Enter
	tui_wait_status "$tag: match found" "匹配 1/"

	# Edit the author: the form's third field, Chinese typed in.
	tui_keys e
	tui_wait "$tag: form open" "编辑《全面贯彻落实" || continue
	tui_keys Down Down End C-u
	tui_keys -l "王小明$enc"
	tui_wait "$tag: typed author shown" "王小明$enc"
	tui_keys Enter
	tui_wait_status "$tag: saved" "已保存"
	expect_contains "$tag: the bundle holds the author in UTF-8" "$("$QIKAN" show "$B" 4 | head -5)" "王小明$enc"
	tui_quit
	expect_eq "$tag: nothing on stderr" "$(cat "$TMP/tui-stderr")" ""
done
[ "$ran" -gt 0 ] || { echo "no GB locale could be made: skipped"; exit 77; }
finish

#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12 D1: a search result's snippet is a contiguous piece of its
# article, with "…" only where text was cut.  For ten queries, at 80x24
# (zoomed results, so the line is the pane's) and 40x12, every snippet on
# screen is split at "…" and each piece must occur in the article's text.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }
BUNDLE=$TMP/sample.qikan
cp "$SAMPLE" "$BUNDLE"

queries="劳模 工会 户外劳动者 职工 青海 服务 技能 安全 文化 创新"

# article_text ID: the article as `qikan export` writes it, exported once
# per article (the same hits come back for many queries and both sizes;
# under the sanitizers each export is a tenth of a second).
article_text() {
	[ -f "$TMP/art-$1" ] || "$QIKAN" export -f text "$BUNDLE" "$1" >"$TMP/art-$1"
	cat "$TMP/art-$1"
}

# check_snippets QUERY: the hits on screen against `qikan search` order.
check_snippets() {
	local q=$1 screen ids n line id piece text nsn=0
	screen=$(tui_screen | sed '$d') # the status line is not a hit
	ids=$("$QIKAN" search --json --limit 0 "$BUNDLE" "$q" | sed -n 's/^ *{"article": \([0-9]*\),.*/\1/p')
	while IFS= read -r line; do
		# "N. title" is followed by the place, then the snippet
		n=$(printf '%s\n' "$line" | sed -n 's/^\([0-9][0-9]*\)\. .*/\1/p')
		[ -n "$n" ] || continue
		id=$(printf '%s\n' "$ids" | sed -n "${n}p")
		snip=$(printf '%s\n' "$screen" | grep -A2 -F -x -- "$line" | sed -n 3p | sed 's/^  //; s/ *$//')
		[ -n "$snip" ] || continue
		text=$(article_text "$id")
		nsn=$((nsn + 1))
		while IFS= read -r piece; do
			[ -n "$piece" ] || continue
			case $text in
			*"$piece"*) ok ;;
			*) fail "$tag: query $q hit $n: snippet piece '$piece' is not in article $id (line '$snip')" ;;
			esac
		done < <(printf '%s\n' "$snip" | sed 's/…/\n/g')
	done <<<"$screen"
	[ "$nsn" -gt 0 ] && ok || { fail "$tag: query $q: no snippet on screen"; printf '%s\n' "$screen" | sed 's/^/  | /' >&2; }
}

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"
	tui_start "$1" "$2" -- "$BUNDLE"
	tui_wait "$tag: reader up" "2023年第2期" || continue
	for q in $queries; do
		tui_keys :
		tui_wait_status "$tag: prompt" "Search all issues:" || break
		tui_keys "$q" Enter
		tui_wait_status "$tag: results for $q" "search: $q" || break
		if [ "$1" -ge 80 ]; then
			tui_keys z
			tui_wait_gone "$tag: zoomed" "│" || break
		fi
		tui_wait_stable
		check_snippets "$q"
		if [ "$1" -ge 80 ]; then
			tui_keys z
			tui_wait "$tag: side by side again" "│" || break
		fi
	done
	tui_quit
done
finish

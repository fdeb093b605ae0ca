#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue #12, "send an article from the reader": w writes the open article
# with the encoding options of `qikan export` (--encoding gb18030|utf-8,
# --crlf, --bom typed after the name, or put there by config.ini's
# write_encoding, write_crlf and write_bom), byte for byte what `qikan
# export` writes for that article, says where and how, and follows the
# command line's output rules: never a directory, FIFO, link or bundle,
# an existing file replaced only when the reader says so.  80x24, 40x12.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"

[ -f "$SAMPLE" ] || { fail "no sample bundle at $SAMPLE"; finish; }
B=$TMP/sample.qikan
cp "$SAMPLE" "$B"
sum0=$(sha256sum "$B" | cut -d' ' -f1)

# write NAME-AND-OPTIONS: w, the offered name cleared, this typed, Enter.
write() {
	tui_keys w
	tui_wait_status "$tag: write prompt" "write to:"
	tui_keys C-u
	tui_keys -l "$1"
	tui_keys Enter
}
# same_as_export WHAT FILE EXPORT-OPTIONS...: FILE holds what `qikan
# export` writes for article 1 after its issue heading (two lines), its
# title a first-level heading in Markdown (a document of its own), the
# byte-order mark, when asked for, first.
same_as_export() {
	local what=$1 file=$2
	shift 2
	"$QIKAN" export "$@" "$B" 1 >"$TMP/export.out"
	{
		case " $* " in *" --bom "*) printf '\357\273\277' ;; esac
		sed '1,2d; 3s/^## /# /' "$TMP/export.out"
	} >"$TMP/expected"
	if cmp -s "$TMP/expected" "$file"; then ok; else
		fail "$what: not what qikan export $* writes"
		cmp "$TMP/expected" "$file" >&2
	fi
}

for size in "80 24" "40 12"; do
	set -- $size
	tag="$1x$2"
	rm -rf "$XDG_STATE_HOME" "$XDG_CONFIG_HOME" "$HOME"/*.txt "$HOME"/*.md
	tui_start "$1" "$2" -- "$B"
	tui_wait "$tag: reader up" "2023年第2期"
	tui_keys Enter
	tui_wait_status "$tag: article 1 open" "%"

	write "~/gb.txt --encoding gb18030 --crlf"
	tui_wait_status "$tag: says where" "written to ~/gb.txt"
	[ "$1" -ge 80 ] && expect_contains "$tag: says how" "$(tui_status)" "(text, GB18030, CRLF)"
	same_as_export "$tag: GB18030 with CR LF" "$HOME/gb.txt" -f text --encoding gb18030 --crlf
	expect_contains "$tag: really GB18030" "$(iconv -f GB18030 -t UTF-8 "$HOME/gb.txt" | head -1)" "习近平在学习贯彻"

	write "~/bom.md --bom"
	tui_wait_status "$tag: Markdown with a BOM" "written to ~/bom.md"
	same_as_export "$tag: Markdown, UTF-8 with a BOM" "$HOME/bom.md" -f markdown --bom

	write "~/plain.txt"
	tui_wait_status "$tag: plain UTF-8" "written to ~/plain.txt"
	same_as_export "$tag: UTF-8, LF" "$HOME/plain.txt" -f text

	# refused options: nothing written
	write "~/bad.txt --latin1"
	tui_wait_status "$tag: an unknown option" "unknown option --latin1"
	write "~/bad.txt --encoding gb18030 --bom"
	tui_wait_status "$tag: a BOM on GB18030" "not written"
	[ -e "$HOME/bad.txt" ] && fail "$tag: bad.txt written" || ok

	# the output rules of the command line
	mkdir -p "$HOME/dir"
	write "~/dir"
	tui_wait_status "$tag: a directory" "~/dir: not a regular file"
	cp "$B" "$HOME/bundle.qikan"
	write "~/bundle.qikan"
	tui_wait_status "$tag: a bundle" "~/bundle.qikan: a qikan bundle"
	expect_eq "$tag: the bundle untouched" "$(sha256sum "$HOME/bundle.qikan" | cut -d' ' -f1)" "$sum0"
	ln -sf "$HOME/plain.txt" "$HOME/link.txt"
	write "~/link.txt"
	tui_wait_status "$tag: a link" "~/link.txt: a symbolic link"
	rm -f "$HOME/fifo"
	mkfifo "$HOME/fifo"
	write "~/fifo"
	tui_wait_status "$tag: a FIFO" "~/fifo: not a regular file"
	# an existing file: asked, y replaces
	write "~/gb.txt"
	tui_wait_status "$tag: overwrite asked" "overwrite? (y/n)"
	tui_keys y
	tui_wait_status "$tag: replaced" "written to ~/gb.txt"
	same_as_export "$tag: replaced with UTF-8" "$HOME/gb.txt" -f text
	tui_quit

	# config.ini puts the options in the prompt
	mkdir -p "$XDG_CONFIG_HOME/qikan"
	printf '[qikan]\nwrite_encoding = gb18030\nwrite_crlf = true\n' >"$XDG_CONFIG_HOME/qikan/config.ini"
	tui_start "$1" "$2" -- "$B"
	tui_wait_status "$tag: reader up with the config" "%"
	tui_keys w
	tui_wait_status "$tag: options offered" "--crlf"
	expect_contains "$tag: the encoding offered" "$(tui_status)" "--encoding gb18030"
	tui_keys Home C-k
	tui_keys -l "~/cfg.txt --encoding gb18030 --crlf"
	tui_keys Enter
	tui_wait_status "$tag: written with the config's options" "written to ~/cfg.txt"
	same_as_export "$tag: config's GB18030 CR LF" "$HOME/cfg.txt" -f text --encoding gb18030 --crlf
	tui_quit
	printf '[qikan]\nwrite_encoding = latin1\n' >"$XDG_CONFIG_HOME/qikan/config.ini"
	tui_start "$1" "$2" -- "$B"
	tui_wait_status "$tag: a bad value is reported" "config problem"
	tui_quit
	expect_contains "$tag: the bad value named" "$(cat "$TMP/tui-stderr")" "write_encoding"
done
expect_eq "the reader never wrote the bundle" "$(sha256sum "$B" | cut -d' ' -f1)" "$sum0"
finish

#!/bin/sh
# SPDX-License-Identifier: MIT
# hostile_locale.sh — the CLI in the locales county offices use (issue
# #11 items 1 and 5): on a GB18030 or GBK terminal it writes the locale's
# charset (the bytes decode back with iconv to what UTF-8 output says),
# characters GBK lacks become a visible '?', a locale that cannot show
# Chinese gets a message in ASCII; pipes and files get UTF-8 unless
# --encoding says otherwise; --crlf and --bom for Windows users.
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/hostile_lib.sh"

command -v script >/dev/null || { echo "script (util-linux) missing"; exit 77; }
command -v iconv >/dev/null || { echo "iconv missing"; exit 77; }

# locale_env NAME INPUT CHARSET: prints the environment for locale NAME,
# generating it under $TMP/locale when the system lacks it (set, LOCPATH
# is the only place glibc looks, so every generated locale goes there).
LOCDIR=$TMP/locale
locale_env() {
	local name=$1 want
	want=$(echo "$name" | tr 'A-Z' 'a-z' | sed 's/-//g')
	if locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/-//g' | grep -qx "$want"; then
		echo "LC_ALL=$name"
		return 0
	fi
	command -v localedef >/dev/null 2>&1 || return 1
	mkdir -p "$LOCDIR"
	localedef -i "$2" -f "$3" "$LOCDIR/$name" >/dev/null 2>&1 || [ -d "$LOCDIR/$name" ] || return 1
	echo "LC_ALL=$name LOCPATH=$LOCDIR"
}
GB=$(locale_env zh_CN.GB18030 zh_CN GB18030) || { echo "no zh_CN.GB18030 locale"; exit 77; }
GBK=$(locale_env zh_CN.GBK zh_CN GBK) || { echo "no zh_CN.GBK locale"; exit 77; }
LATIN=$(locale_env en_US.ISO-8859-1 en_US ISO-8859-1) || { echo "no en_US.ISO-8859-1 locale"; exit 77; }

B=$TMP/b.qikan
cp "$SAMPLE" "$B"
# A character outside GBK (U+1F600) and one GBK has (U+00B7 ·).
sqlite3 "$B" "UPDATE article SET author = '王' || char(128512) || '明' WHERE id = 3"

# UTF-8 into a pipe, in every locale.
LC_ALL=C.UTF-8 "$QIKAN" toc --format text -w 120 "$B" >"$TMP/toc.utf8" || fail "toc into a pipe"
# shellcheck disable=SC2086
env $GB "$QIKAN" toc --format text -w 120 "$B" >"$TMP/toc.gbpipe" || fail "toc into a pipe, GB18030 locale"
cmp -s "$TMP/toc.utf8" "$TMP/toc.gbpipe" && ok || fail "a pipe gets UTF-8 in a GB18030 locale"
env LC_ALL=C "$QIKAN" toc --format text -w 120 "$B" >"$TMP/toc.cpipe" || fail "toc into a pipe, C locale"
cmp -s "$TMP/toc.utf8" "$TMP/toc.cpipe" && ok || fail "a pipe gets UTF-8 in the C locale"

# --- a GB18030 terminal ---
# shellcheck disable=SC2086
on_tty "$TMP/toc.gb" env $GB "$QIKAN" toc --format text -w 120 "$B" || fail "toc on a GB18030 terminal"
iconv -f GB18030 -t UTF-8 <"$TMP/toc.gb" >"$TMP/toc.gb.utf8" || fail "GB18030 output does not decode"
cmp -s "$TMP/toc.gb.utf8" "$TMP/toc.utf8" && ok || fail "GB18030 terminal: decodes to other text"
LC_ALL=C grep -q "$(printf '\345\255\246')" "$TMP/toc.gb" && fail "GB18030 terminal got UTF-8 bytes" || ok
expect_contains "GB18030 keeps U+1F600" "$(cat "$TMP/toc.gb.utf8")" "王😀明"
# shellcheck disable=SC2086
on_tty "$TMP/show.gb" env $GB "$QIKAN" show -w 80 "$B" 3 || fail "show on a GB18030 terminal"
LC_ALL=C.UTF-8 "$QIKAN" show -w 80 "$B" 3 >"$TMP/show.utf8"
iconv -f GB18030 -t UTF-8 <"$TMP/show.gb" | cmp -s - "$TMP/show.utf8" && ok || fail "show: GB18030 decodes to other text"
# Messages on a GB18030 terminal are in GB18030 too.
# shellcheck disable=SC2086
on_tty "$TMP/err.gb" env $GB "$QIKAN" toc && fail "toc without a bundle succeeded" || ok
expect_contains "an error in GB18030" "$(iconv -f GB18030 -t UTF-8 <"$TMP/err.gb")" "需要一个期刊库"

# --- a GBK terminal: what GBK lacks shows as '?' ---
# shellcheck disable=SC2086
on_tty "$TMP/toc.gbk" env $GBK "$QIKAN" toc --format text -w 120 "$B" || fail "toc on a GBK terminal"
iconv -f GBK -t UTF-8 <"$TMP/toc.gbk" >"$TMP/toc.gbk.utf8" || fail "GBK output does not decode"
expect_contains "GBK: U+1F600 becomes ?" "$(cat "$TMP/toc.gbk.utf8")" "王?明"
expect_eq "GBK: the rest is the same text" "$(sed 's/王?明/王😀明/' "$TMP/toc.gbk.utf8")" "$(cat "$TMP/toc.utf8")"

# --- a locale that cannot show Chinese: a message in ASCII ---
for env in "LC_ALL=C" "$LATIN"; do
	rc=0
	# shellcheck disable=SC2086
	on_tty "$TMP/plain" env $env "$QIKAN" toc "$B" || rc=$?
	expect_eq "$env terminal: exit 2" "$rc" 2
	expect_contains "$env terminal: names a locale" "$(cat "$TMP/plain")" "LANG=zh_CN.UTF-8"
	LC_ALL=C grep -q '[^[:print:][:space:]]' "$TMP/plain" && fail "$env terminal: message not ASCII" || ok
done
# shellcheck disable=SC2086
on_tty "$TMP/plain" env $LATIN "$QIKAN" export --encoding utf-8 "$B" 3 && ok || fail "--encoding overrides the locale"

# --- export and show for Windows: --encoding, --crlf, --bom ---
LC_ALL=C.UTF-8 "$QIKAN" export "$B" >"$TMP/ex.utf8"
expect_status "export --encoding gb18030 --crlf" 0 "$QIKAN" export --encoding gb18030 --crlf "$B"
iconv -f GB18030 -t UTF-8 <"$TMP/out" | tr -d '\r' | cmp -s - "$TMP/ex.utf8" && ok || fail "gb18030 export decodes to other text"
lf=$(tr -cd '\n' <"$TMP/out" | wc -c)
crlf=$(LC_ALL=C grep -c "$(printf '\r')\$" "$TMP/out")
expect_eq "every line ends CR LF" "$crlf" "$lf"
head -c 3 "$TMP/out" | od -An -tx1 | grep -q 'ef bb bf' && fail "a BOM in GB18030" || ok
expect_status "export --bom" 0 "$QIKAN" export --bom -f markdown "$B"
expect_eq "BOM first" "$(head -c 3 "$TMP/out" | od -An -tx1 | tr -d ' ')" "efbbbf"
LC_ALL=C.UTF-8 "$QIKAN" export -f markdown "$B" >"$TMP/md.utf8"
tail -c +4 "$TMP/out" | cmp -s - "$TMP/md.utf8" && ok || fail "after the BOM, the same Markdown"
expect_eq "one BOM only" "$(LC_ALL=C grep -c "$(printf '\357\273\277')" "$TMP/out")" 1
expect_status "show --encoding gb18030 --crlf" 0 "$QIKAN" show --encoding gb18030 --crlf -w 80 "$B" 3
iconv -f GB18030 -t UTF-8 <"$TMP/out" | tr -d '\r' | cmp -s - "$TMP/show.utf8" && ok || fail "show in gb18030 decodes to other text"
run "--bom with gb18030 is refused" 2 "$QIKAN" export --bom --encoding gb18030 "$B"
run "an unknown encoding is refused" 2 "$QIKAN" show --encoding latin1 "$B" 3
expect_contains "says which" "$(cat "$TMP/err")" "gb18030 or utf-8"

finish

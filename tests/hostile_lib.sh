# SPDX-License-Identifier: MIT
# tests/hostile_lib.sh — helpers of the hostile-input tests.  Source it
# after lib.sh.

command -v sqlite3 >/dev/null || { echo "sqlite3 shell missing"; exit 77; }
command -v od >/dev/null || { echo "od missing"; exit 77; }

# SQL expressions for hostile text: ESC sequences, BEL, a C1 CSI (U+009B),
# and the invisible or reordering characters: RLO U+202E, LRI U+2066,
# ZWSP U+200B and the line separator U+2028.
EVIL="char(27)||'[2J'||char(27)||']0;pwned'||char(7)||char(155)||'31m'"
BIDI="char(8238)||char(8294)||char(8203)||char(8232)"

# has_raw FILE: true when FILE holds a byte sequence a terminal would act on
# or that hides or reorders text: C0 controls other than TAB, LF and FF,
# DEL, C1 controls (UTF-8 C2 80..9F), U+200B..200F, U+2028..202E,
# U+2060..2069 and U+FEFF.
has_raw() {
	LC_ALL=C grep -qaP '[\x00-\x08\x0b\x0d-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xa9]|\xef\xbb\xbf' "$1"
}

# expect_clean WHAT FILE...: none of FILE holds raw control bytes.
expect_clean() {
	local what=$1 f
	shift
	for f in "$@"; do
		if has_raw "$f"; then
			fail "$what: raw control bytes in $(basename "$f"):"
			od -c "$f" | grep -m3 '\\033\|\\a\|302\|342' >&2
		else
			ok
		fi
	done
}

# run WHAT WANT CMD...: runs CMD with stdout in $TMP/out, stderr in $TMP/err,
# checks the exit status and that neither stream holds raw control bytes.
run() {
	local what=$1
	expect_status "$@"
	expect_clean "$what" "$TMP/out" "$TMP/err"
}

# on_tty FILE CMD...: runs CMD with standard output on a terminal (script
# gives it a pty), the terminal's bytes in FILE (LF as the tty writes it,
# CR LF, turned back into LF); returns CMD's exit status.
on_tty() {
	local file=$1 cmd="" a rc=0
	shift
	for a in "$@"; do
		cmd="$cmd $(printf "'%s'" "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")")"
	done
	script -qec "$cmd" /dev/null </dev/null >"$file.raw" 2>&1 || rc=$?
	tr -d '\r' <"$file.raw" >"$file"
	return $rc
}

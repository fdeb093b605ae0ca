#!/bin/sh
# SPDX-License-Identifier: MIT
# The layout module stays pure: no curses, no SQL, no locale-dependent
# width calls (its width must not change with the caller's locale).
src=${QIKAN_SRCDIR:-.}/src
status=0
for f in "$src"/layout*.c "$src"/layout*.h; do
	[ -f "$f" ] || { echo "missing $f"; exit 1; }
	# (comment lines, which start with "/*" or " *", may name them)
	if grep -nE '#include *[<"](n?cursesw?|ncursesw/curses|sqlite3)\.h|sqlite3_|wcwidth *\(|setlocale *\(' "$f" |
		grep -vE '^[0-9]+:[[:space:]]*(/\*|\*)'; then
		echo "FAIL: $f must not use curses, SQLite or the locale"
		status=1
	fi
done
[ $status = 0 ] && echo "layout is pure: $(ls "$src"/layout*.[ch] | wc -l) files checked"
exit $status

#!/bin/sh
# SPDX-License-Identifier: MIT
# layering.sh — the layers depend downward (STYLE.md): only bundle*.c runs
# SQL; only the UI files (ui.*, tui.c, view_*.c) know curses; the model,
# importer, layout and CLI know neither.
. "$QIKAN_SRCDIR/tests/lib.sh"
cd "$QIKAN_SRCDIR/src" || exit 99

for f in *.c *.h; do
	case $f in
	bundle*) ;;
	*) if grep -q 'sqlite3' "$f"; then fail "$f uses SQLite; only bundle*.c may"; else ok; fi ;;
	esac
	case $f in
	ui.c | ui.h | ui_*.c | tui.c | tui.h | view_*.c) ;;
	*) if grep -Eq '#include *[<"](n?curses|ui)\.h' "$f"; then fail "$f includes curses; only the UI may"; else ok; fi ;;
	esac
done
finish

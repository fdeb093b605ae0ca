#!/bin/sh
# SPDX-License-Identifier: MIT
# completion_bash.sh — the bash completion (completion/qikan) as a shell
# user meets it: `complete -p qikan` names the function, and driving it
# the way bash does (COMP_WORDS/COMP_CWORD, then COMPREPLY) completes
# commands, options of each command, bundle files, article ids read from
# the bundle, field names of `set`, values of --format.  The zsh file is
# checked for syntax when zsh is installed.
[ -n "${BASH_VERSION:-}" ] || { command -v bash >/dev/null 2>&1 || exit 77; exec bash "$0" "$@"; }
. "$QIKAN_SRCDIR/tests/lib.sh"

_qikan_bin=$QIKAN
. "$QIKAN_SRCDIR/completion/qikan"
expect_eq "complete -p" "$(complete -p qikan)" "complete -F _qikan qikan"

# comp WORD... : what completing the last word offers, sorted, one line.
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	_qikan
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}

mkdir -p "$TMP/w/sub"
cp "$SAMPLE" "$TMP/w/issue.qikan"
: >"$TMP/w/notes.txt"
cd "$TMP/w" || exit 99

expect_eq "commands" "$(comp qikan t)" "toc"
expect_eq "commands (and a directory) starting with s" "$(comp qikan s)" "search set show stats sub"
all=$(comp qikan "")
for c in import toc show export check search stats set log undo changes; do
	expect_contains "every command offered ($c)" " $all " " $c "
done
expect_contains "bundle offered with the commands" " $all " " issue.qikan "
expect_contains "directory offered" " $all " " sub "
expect_not_contains "other files not offered as bundles" "$all" "notes.txt"
expect_eq "global options" "$(comp qikan --v)" "--version"
expect_eq "toc options" "$(comp qikan toc --)" "$(printf '%s\n' $("$QIKAN" toc --help | grep -o -- '--[a-z][a-z-]*' | sort -u) | tr '\n' ' ' | sed 's/ $//')"
expect_contains "show options" "$(comp qikan show --)" "--width"
expect_contains "changes subcommands" "$(comp qikan changes "")" "apply conflicts export"
expect_contains "changes export options" "$(comp qikan changes export --)" "--since"
expect_eq "bundle argument" "$(comp qikan toc i)" "issue.qikan"
expect_eq "bundle after an option and its value" "$(comp qikan toc --width 60 i)" "issue.qikan"

# Article ids come from the bundle itself.
ids=$("$QIKAN" toc --all issue.qikan | awk '$1 ~ /^[0-9]+\*?$/ { sub(/\*/, "", $1); print $1 }' | sort | tr '\n' ' ' | sed 's/ $//')
[ -n "$ids" ] && ok || fail "no article ids in the sample's toc"
expect_eq "article ids of show" "$(comp qikan show issue.qikan "")" "$ids"
expect_eq "article ids starting with 3" "$(comp qikan show --width 40 issue.qikan 3)" "$(printf '%s\n' $ids | grep '^3' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "no ids from a missing bundle" "$(comp qikan show nope.qikan "")" ""
expect_eq "set: field names" "$(comp qikan set issue.qikan 3 au)" "author="
expect_eq "set: Chinese field names" "$(comp qikan set issue.qikan 3 title=x 作)" "作者="
expect_eq "export --format values" "$(comp qikan export --format "")" "json markdown text"
expect_eq "import -o offers bundles" "$(comp qikan import notes.txt -o i)" "issue.qikan"
expect_eq "import takes any text file" "$(comp qikan import n)" "notes.txt"
expect_eq "search field prefixes" "$(comp qikan search issue.qikan ti)" "title:"

if command -v zsh >/dev/null 2>&1; then
	if zsh -n "$QIKAN_SRCDIR/completion/_qikan"; then ok; else fail "zsh completion has a syntax error"; fi
	expect_eq "zsh file starts with #compdef" "$(head -1 "$QIKAN_SRCDIR/completion/_qikan")" "#compdef qikan"
fi
finish

#!/bin/sh
# SPDX-License-Identifier: MIT
# deb_install.sh — issue #14's Debian check, run on a fresh machine by
# .ci/run (not by make check: it installs system-wide, as root):
#   1. exports the committed tree (git archive HEAD: what a clean clone
#      has) to a scratch directory and builds it with
#      `dpkg-buildpackage -us -uc -b`;
#   2. runs lintian on the .deb and fails on any error (E:);
#   3. installs the .deb, runs `qikan toc /usr/share/qikan/sample.qikan`
#      (and check, --version, the bash completion file is where bash looks);
#   4. purges it and fails when any file of the package is left behind.
# Usage: tests/deb_install.sh [SRCDIR]   (default: this script's tree)
# Needs root (or sudo), dpkg-dev, debhelper, lintian and the Build-Depends;
# exits 77 (skip) when one is missing.  DEB_BUILD_OPTIONS="nocheck
# parallel=NPROC" unless set: make check runs in its own CI step, and dh
# builds with one job unless told.
set -eu
src=$(cd "${1:-$(dirname "$0")/..}" && pwd)
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
for t in dpkg-buildpackage dh lintian git; do
	command -v $t >/dev/null 2>&1 || { echo "deb_install: $t missing (apt-get install dpkg-dev debhelper lintian git)"; exit 77; }
done
if [ -n "$sudo" ] && ! sudo -n true 2>/dev/null; then
	echo "deb_install: needs root or password-less sudo"; exit 77
fi
if dpkg-query -W -f='${Status}' qikan 2>/dev/null | grep -q 'ok installed'; then
	echo "deb_install: qikan is already installed here; refusing to replace it"; exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/qikan-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "deb_install: FAIL: $*" >&2; exit 1; }

echo "== build from the committed tree"
mkdir "$work/qikan"
git -C "$src" archive --format=tar HEAD | tar xf - -C "$work/qikan"
(cd "$work/qikan" && DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS:-nocheck parallel=$(nproc)} dpkg-buildpackage -us -uc -b) \
	>"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; fail "dpkg-buildpackage"; }
deb=$(ls "$work"/qikan_*.deb)
echo "built $(basename "$deb")"

echo "== lintian"
lintian --tag-display-limit 0 "$deb" "$work"/qikan_*.changes >"$work/lintian.log" 2>&1 || true
cat "$work/lintian.log"
! grep -q '^E: ' "$work/lintian.log" || fail "lintian reports errors"

echo "== install and run"
dpkg-deb -c "$deb" | awk '{ print $NF }' | sed 's|^\./|/|; s|/$||' | grep -v '^$' >"$work/files"
$sudo apt-get install -y -qq "$deb" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "install"; }
qikan toc /usr/share/qikan/sample.qikan >"$work/toc" || fail "qikan toc /usr/share/qikan/sample.qikan"
grep -q '2023年第2期' "$work/toc" || fail "the sample's toc lacks its issue title"
echo "qikan toc: $(wc -l <"$work/toc") lines"
qikan check /usr/share/qikan/sample.qikan >/dev/null || fail "qikan check of the installed sample"
qikan --version | grep -q 'MIT' || fail "--version names no licence"
test -f /usr/share/bash-completion/completions/qikan || fail "bash completion not installed"
test -f /usr/share/zsh/vendor-completions/_qikan || fail "zsh completion not installed"
test -f /usr/share/doc/qikan/examples/config.ini || fail "example config not installed"
test -f /usr/share/doc/qikan/copyright || fail "no copyright file"
man -w qikan >/dev/null 2>&1 || test -f /usr/share/man/man1/qikan.1.gz || fail "man page not installed"

echo "== purge"
$sudo apt-get purge -y -qq qikan >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "purge"; }
left=
while read -r f; do
	# Directories shared with other packages (/usr/share/man/man1, ...)
	# stay; qikan's own, files and links must be gone.
	if [ -f "$f" ] || [ -L "$f" ]; then
		left="$left $f"
	elif [ -d "$f" ]; then
		case $f in /usr/share/qikan | /usr/share/qikan/* | /usr/share/doc/qikan | /usr/share/doc/qikan/*)
			left="$left $f" ;;
		esac
	fi
done <"$work/files"
[ -z "$left" ] || fail "left after purge:$left"
! dpkg-query -W qikan >/dev/null 2>&1 || dpkg-query -W -f='${Status}\n' qikan | grep -q 'not-installed' ||
	fail "dpkg still knows qikan: $(dpkg-query -W -f='${Status}' qikan)"
echo "deb_install: ok (built, lintian clean of errors, installed, ran, purged without leftovers)"

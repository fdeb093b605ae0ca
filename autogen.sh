#!/bin/sh
# SPDX-License-Identifier: MIT
# autogen.sh — generate ./configure.  With --install-deps, first install the
# Debian packages qikan needs to build and test (only those missing); with
# --install-fuzz-deps, also clang for the libFuzzer harnesses (make check
# does not need it, and it is the largest download).
set -e
cd "$(dirname "$0")"
fuzz=
case ${1:-} in --install-fuzz-deps) set -- --install-deps; fuzz=1 ;; esac
if [ "${1:-}" = "--install-deps" ]; then
	pkgs="build-essential autoconf automake pkg-config libncurses-dev libsqlite3-dev
	      libunistring-dev libiniparser-dev unicode-data tmux sqlite3 python3
	      util-linux"
	pkgs="$pkgs poppler-utils poppler-data pandoc"  # importer corpus: PDF and HTML routes (make corpus-score)
	pkgs="$pkgs luit locales"  # the reader in GB18030/GBK locales (tests/tui_locale.sh: luit, localedef)
	pkgs="$pkgs locales bsdutils"  # CLI output in GB18030/GBK locales (tests/hostile_locale.sh: localedef, script)
	pkgs="$pkgs bash-completion zsh"  # completion: bash-completion's directory (pkg-config), zsh syntax check
	pkgs="$pkgs debhelper lintian git"  # the Debian package and tests/deb_install.sh
	[ -z "$fuzz" ] || pkgs="$pkgs clang libclang-rt-14-dev"  # configure --enable-fuzzer CC=clang (libFuzzer harnesses)
	missing=
	for p in $pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		echo "autogen.sh: installing$missing"
		sudo=
		[ "$(id -u)" = 0 ] || sudo=sudo
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
	fi
fi
autoreconf -fi

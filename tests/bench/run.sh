#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/bench/run.sh — `make bench`: every benchmark script in this folder,
# each printing its own figures.  Not part of `make check`: figures, not
# pass/fail timings.
here=$(cd "$(dirname "$0")" && pwd)
: "${QIKAN:=$(pwd)/qikan}"
: "${QIKAN_SRCDIR:=$(cd "$here/../.." && pwd)}"
: "${QIKAN_BUILDDIR:=$(pwd)}"
export QIKAN QIKAN_SRCDIR QIKAN_BUILDDIR
export LC_ALL=C.UTF-8
# One cache of generated issues and bundles for all scripts (lib.sh).
QIKAN_BENCH_CACHE=$(mktemp -d "${TMPDIR:-/tmp}/qikan-bench-cache.XXXXXX")
export QIKAN_BENCH_CACHE
trap 'rm -rf "$QIKAN_BENCH_CACHE"' EXIT
status=0
for s in "$here"/*.sh; do
	case $(basename "$s") in run.sh | lib.sh) continue ;; esac
	if [ -n "${QIKAN_BENCH_ONLY:-}" ]; then
		case " $QIKAN_BENCH_ONLY " in *" $(basename "$s" .sh) "*) ;; *) continue ;; esac
	fi
	echo "== $(basename "$s" .sh) =="
	sh "$s" || { echo "benchmark $(basename "$s") failed"; status=1; }
	echo
done
exit $status

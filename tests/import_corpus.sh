#!/bin/sh
# SPDX-License-Identifier: MIT
# import_corpus.sh — score the importer on the house-style corpus in
# tests/corpus (issue #9): every field of every article against the
# hand-checked truth.tsv, no body line lost, every negative twin exit 1.
# Run with `make corpus-score`; CORPUS_VERBOSE=1 lists every wrong field,
# CORPUS_STYLES="01-... 02-..." limits the run.
. "$QIKAN_SRCDIR/tests/lib.sh"
command -v python3 >/dev/null && command -v sqlite3 >/dev/null || { echo "python3/sqlite3 missing"; exit 77; }
# shellcheck disable=SC2086
python3 "$QIKAN_SRCDIR/tests/corpus/score.py" "$QIKAN" "$QIKAN_SRCDIR/tests/corpus" "$TMP" \
	"$QIKAN_SRCDIR" ${CORPUS_STYLES:-}

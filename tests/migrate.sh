#!/bin/sh
# SPDX-License-Identifier: MIT
# migrate.sh — a bundle made by qikan 1.0 (schema 1, written by
# tests/migrate_mkv1 from the rows of a current bundle) opens, is upgraded
# once, passes `qikan check`, has the same schema as a new bundle and
# shows the same table of contents, search hits and statistics; a
# migration killed at any moment leaves the schema-1 bundle intact.
. "$QIKAN_SRCDIR/tests/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 (the shell) is missing"; exit 77; }
MKV1=$QIKAN_BUILDDIR/tests/migrate_mkv1

q() { sqlite3 "$@" 2>&1; }
# The columns of every table and index, the way SQLite sees them (the
# upgraded bundle's CREATE text differs: ALTER TABLE appends to it).
shape() {
	q "$1" "SELECT m.type, m.name, p.name, p.type, p.\"notnull\", coalesce(p.dflt_value, ''), p.pk
		FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table'
		UNION ALL SELECT m.type, m.name, i.name, i.seqno, '', '', ''
		FROM sqlite_schema m, pragma_index_info(m.name) i WHERE m.type = 'index'
		ORDER BY 1, 2, 4"
}
# Everything a user reads from a bundle.
views() {
	{
		"$QIKAN" toc "$1"
		"$QIKAN" stats "$1"
		"$QIKAN" search "$1" 工会
		"$QIKAN" search "$1" 'author:王'
		"$QIKAN" show "$1" 1
	} 2>&1 | sed "s|$1|BUNDLE|g"
}

"$QIKAN" import -q -o "$TMP/cur.qikan" "$SAMPLE_TXT" 2>/dev/null
"$QIKAN" set "$TMP/cur.qikan" 2 title=迁移测试标题 >/dev/null 2>&1 # an edit_log row to carry over
expect_status "schema-1 bundle written" 0 "$MKV1" "$TMP/cur.qikan" "$TMP/v1.qikan"
expect_eq "schema-1 version" "$(q "$TMP/v1.qikan" 'PRAGMA user_version')" 1
cp "$TMP/v1.qikan" "$TMP/a.qikan"

# First open upgrades it; check passes.
expect_status "check on the schema-1 bundle" 0 "$QIKAN" check "$TMP/a.qikan"
expect_eq "check output" "$(cat "$TMP/out")" "$TMP/a.qikan: ok"
current=$(q "$TMP/cur.qikan" 'PRAGMA user_version')
expect_eq "upgraded version" "$(q "$TMP/a.qikan" 'PRAGMA user_version')" "$current"
expect_eq "same schema as a new bundle" "$(shape "$TMP/a.qikan")" "$(shape "$TMP/cur.qikan")"
expect_eq "rows carried over" \
	"$(q "$TMP/a.qikan" 'SELECT count(*), sum(length(text)) FROM paragraph; SELECT count(*) FROM edit_log; SELECT group_concat(source_part || content_sha256 IS NULL) FROM issue')" \
	"$(q "$TMP/cur.qikan" 'SELECT count(*), sum(length(text)) FROM paragraph; SELECT count(*) FROM edit_log'; echo 1)"
views "$TMP/cur.qikan" >"$TMP/views.cur"
views "$TMP/a.qikan" >"$TMP/views.a"
if cmp -s "$TMP/views.cur" "$TMP/views.a"; then ok; else
	fail "upgraded bundle reads differently"
	diff "$TMP/views.cur" "$TMP/views.a" | head -20 >&2
fi
# Once: opening it again changes nothing.
before=$(q "$TMP/a.qikan" .dump | cksum)
expect_status "second check" 0 "$QIKAN" check "$TMP/a.qikan"
expect_eq "second open changes nothing" "$(q "$TMP/a.qikan" .dump | cksum)" "$before"
# The new columns take the importer's values; a source holds several issues.
expect_status "two issues with one source hash" 0 q "$TMP/a.qikan" \
	"INSERT INTO issue(publication_id, title, source_name, source_sha256, source_part, content_sha256)
	 SELECT publication_id, 'part 2', source_name, source_sha256, 2, hex(randomblob(32)) FROM issue"

# Schema 3 -> 4 (kept per-issue statistics, issue #13): a schema-3 bundle
# is today's without the tables and triggers schema 4 added.  It opens,
# gets them with the same figures a new bundle has, and passes check; the
# authors' counts are kept by the triggers from then on.
cp "$TMP/cur.qikan" "$TMP/v3.qikan"
q "$TMP/v3.qikan" "DROP TRIGGER author_count_add; DROP TRIGGER author_count_sub;
	DROP TABLE issue_stats; DROP TABLE author_count; PRAGMA user_version = 3" >/dev/null
expect_eq "schema-3 bundle written" "$(q "$TMP/v3.qikan" 'PRAGMA user_version')" 3
expect_status "check on the schema-3 bundle" 0 "$QIKAN" check "$TMP/v3.qikan"
expect_eq "upgraded from 3" "$(q "$TMP/v3.qikan" 'PRAGMA user_version')" "$current"
expect_eq "same schema as a new bundle (from 3)" "$(shape "$TMP/v3.qikan")" "$(shape "$TMP/cur.qikan")"
expect_eq "same kept figures as a new bundle" \
	"$(q "$TMP/v3.qikan" 'SELECT * FROM issue_stats; SELECT * FROM author_count ORDER BY name')" \
	"$(q "$TMP/cur.qikan" 'SELECT * FROM issue_stats; SELECT * FROM author_count ORDER BY name')"
views "$TMP/v3.qikan" >"$TMP/views.v3"
if cmp -s "$TMP/views.cur" "$TMP/views.v3"; then ok; else
	fail "bundle upgraded from schema 3 reads differently"
	diff "$TMP/views.cur" "$TMP/views.v3" | head -20 >&2
fi
"$QIKAN" set "$TMP/v3.qikan" 3 author=迁移测试作者 >/dev/null 2>&1
expect_eq "triggers count a new author after the upgrade" \
	"$(q "$TMP/v3.qikan" "SELECT n FROM author_count WHERE name = '迁移测试'")" 1
expect_status "check after an edit of the upgraded bundle" 0 "$QIKAN" check "$TMP/v3.qikan"

# Killed at any moment: the file is either the intact schema-1 bundle or
# the complete upgraded one.  A larger bundle makes the upgrade take a while.
mkdir "$TMP/src"
for n in 1 2 3 4 5 6 7 8; do
	sed "s/^2023年第2期\$/2023年第$((n + 10))期/" "$SAMPLE_TXT" >"$TMP/src/$n.txt"
done
"$QIKAN" import -q -o "$TMP/big.qikan" "$TMP"/src/*.txt 2>/dev/null
"$MKV1" "$TMP/big.qikan" "$TMP/bigv1.qikan" || fail "schema-1 copy of the larger bundle"
v1sum=$(q "$TMP/bigv1.qikan" .dump | cksum)
cp "$TMP/bigv1.qikan" "$TMP/k.qikan"
start=$(date +%s%N)
"$QIKAN" toc "$TMP/k.qikan" >/dev/null 2>&1
span=$((($(date +%s%N) - start) / 1000)) # microseconds of one open that upgrades
intact=0 upgraded=0 mid=0
# Ten kills spread over one upgrade's time; when the machine's load moved
# the upgrade so that none landed while it was writing, more kills at the
# offsets between, up to 40 in all.
i=0
while [ $i -lt 40 ]; do
	i=$((i + 1))
	rm -f "$TMP"/k.qikan*
	cp "$TMP/bigv1.qikan" "$TMP/k.qikan"
	"$QIKAN" toc "$TMP/k.qikan" >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v s="$span" -v i="$i" 'BEGIN { f = i <= 10 ? i : (i % 10) + 0.5; printf "%.6f", s * f / 10 / 1e6 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# Pages in the WAL: the upgrade was writing when it was killed.
	[ -s "$TMP/k.qikan-wal" ] && wal=1 || wal=0
	case $(q "$TMP/k.qikan" 'PRAGMA user_version') in
	1)
		intact=$((intact + 1)) mid=$((mid + wal))
		expect_eq "killed upgrade $i left the schema-1 bundle" "$(q "$TMP/k.qikan" .dump | cksum)" "$v1sum"
		;;
	"$current")
		upgraded=$((upgraded + 1))
		expect_status "killed after the upgrade $i: check" 0 "$QIKAN" check "$TMP/k.qikan"
		;;
	*) fail "killed upgrade $i: version $(q "$TMP/k.qikan" 'PRAGMA user_version')" ;;
	esac
	# Whatever happened, the next open finishes the job.
	expect_status "open after kill $i" 0 "$QIKAN" check "$TMP/k.qikan"
	[ $i -ge 10 ] && [ $mid -gt 0 ] && break
done
echo "kills: $intact left schema 1 ($mid of them while it was writing), $upgraded after the upgrade (one upgrade: $span µs)"
# Some kill must have hit the upgrade at work, or this proved little.
if [ "$mid" -gt 0 ]; then ok; else fail "no kill landed while the upgrade was writing"; fi
finish

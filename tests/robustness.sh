#!/bin/sh
# SPDX-License-Identifier: MIT
# robustness.sh — the corrupted-bundle experiment (issue #10): N damaged
# copies of the sample bundle (truncations, flipped bytes, zeroed pages;
# deterministic: the same N gives the same copies), and on each
#   qikan check / toc / show B 1 / search B 劳模 / stats / export
# (under ASan and UBSan when $QIKAN was built with --enable-sanitizers).
# Counted per command: crashes (a signal, an exit status other than
# 0/1/2, or a sanitizer report), hangs (over 60 s), raw control bytes in
# what it prints (stdout and stderr; only \t, \n and export's form-feed
# separator lines are allowed), exit statuses and wall time.
#
# make check runs 20 copies (ROBUST_N); `make robustness` runs 300 and
# prints the tables (ROBUST_STOP_AT=EPOCH stops it early, reporting the
# copies done).  It fails on any crash, hang or raw control byte, and
# when `qikan check` does not exit 1 on a damaged copy: every copy is
# damaged (see below for the bytes left alone and why).  A few control
# copies, changed only in bytes no reader uses, must pass check and read
# exactly as the original.
. "$QIKAN_SRCDIR/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 missing"; exit 77; }
N=${ROBUST_N:-20}
T=${ROBUST_TIMEOUT:-60}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}:exitcode=99
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}:exitcode=99
if grep -q __asan_init "$QIKAN" 2>/dev/null; then san=yes; else san=no; fi

mkdir -p "$TMP/dmg"
# Damaged copies: NNN.qikan and a line "NNN kind detail" in manifest.
#
# Every copy is damaged: a flip or a zeroed page changes only bytes SQLite
# reads.  Bytes no reader ever looks at are left alone, because a change
# there is invisible and harmless (the copy reads exactly as the original)
# and no check could, or should, call it damage:
#   - a b-tree page's unallocated space (between its cell pointers and its
#     cells) and the bodies of its freeblocks (after their 4-byte link);
#   - free pages, and a freelist trunk page after its list of leaves;
#   - a pointer-map page after its last entry (5 bytes a page);
#   - the tail of an overflow chain's last page, after the payload;
#   - in the file header, the schema cookie (40..43: a changed one only
#     makes SQLite read the schema again) and the number of the SQLite
#     version that wrote the file last (96..99: informational).
# These are found by walking the original's b-trees from their root pages
# (sqlite.org/fileformat2.html).
python3 - "$SAMPLE" "$TMP/dmg" "$N" <<'PY' >"$TMP/manifest" || exit 99
import random, sqlite3, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src, 'rb').read()
page = int.from_bytes(data[16:18], 'big') or 65536
usable = page - data[20]
npages = len(data) // page
be = lambda o, k: int.from_bytes(data[o:o + k], 'big')

unused = []           # [start, end) byte ranges no reader uses
free = set()          # free pages
used = set()          # pages in use
def varint(p):
    v = 0
    for k in range(8):
        v = (v << 7) | (data[p + k] & 0x7f)
        if data[p + k] < 0x80:
            return v, p + k + 1
    return (v << 8) | data[p + 8], p + 9
def walk(pg):
    used.add(pg)
    off = (pg - 1) * page
    h = off + (100 if pg == 1 else 0)
    t = data[h]
    hdr = 12 if t in (2, 5) else 8
    ncell = be(h + 3, 2)
    unused.append((h + hdr + 2 * ncell, off + (be(h + 5, 2) or 65536)))
    fb = be(h + 1, 2)
    while fb:
        unused.append((off + fb + 4, off + fb + be(off + fb + 2, 2)))
        fb = be(off + fb, 2)
    for i in range(ncell):
        c = off + be(h + hdr + 2 * i, 2)
        if t in (2, 5):
            walk(be(c, 4))
            if t == 5:
                continue
            c += 4
        size, c = varint(c)
        if t == 13:
            _, c = varint(c)
        x = usable - 35 if t == 13 else (usable - 12) * 64 // 255 - 23
        if size <= x:
            continue
        m = (usable - 12) * 32 // 255 - 23
        k = m + (size - m) % (usable - 4)
        local = k if k <= x else m
        rest, ov = size - local, be(c + local, 4)
        while ov:
            used.add(ov)
            o = (ov - 1) * page
            if rest <= usable - 4:
                unused.append((o + 4 + rest, o + usable))
            rest -= usable - 4
            ov = be(o, 4)
    if t in (2, 5):
        walk(be(h + 8, 4))
con = sqlite3.connect('file:%s?immutable=1' % src, uri=True)
for (root,) in con.execute("SELECT rootpage FROM sqlite_schema WHERE rootpage > 0"):
    walk(root)
con.close()
walk(1)
trunk = be(32, 4)
while trunk:
    off = (trunk - 1) * page
    k = be(off + 4, 4)
    free.update(be(off + 8 + 4 * j, 4) for j in range(k))
    unused.append((off + 8 + 4 * k, off + page))
    used.add(trunk)
    trunk = be(off, 4)
if be(52, 4):         # auto-vacuum: pointer-map pages
    per = usable // 5
    p = 2
    while p <= npages:
        used.add(p)
        unused.append(((p - 1) * page + 5 * min(per, npages - p), p * page))
        p += per + 1
unused += [(40, 44), (96, 100)]
unused += [((p - 1) * page, p * page) for p in free]
lost = set(range(1, npages + 1)) - used - free
if lost:
    sys.exit('pages neither used nor free: %s' % sorted(lost))
unused.sort()
def is_unused(w):
    return any(a <= w < b for a, b in unused)

rng = random.Random(20261202)
for i in range(n):
    d = bytearray(data)
    kind = ('truncate', 'flip', 'zero-page')[i % 3]
    if kind == 'truncate':
        cut = rng.randrange(0, len(d))
        if i % 2:
            cut -= cut % page          # on a page boundary
        d = d[:cut]
        detail = '%d of %d bytes' % (cut, len(data))
    elif kind == 'flip':
        k = rng.choice((1, 2, 8, 64))
        where = []
        while len(where) < k:
            w = rng.randrange(0, len(d))
            if not is_unused(w) and w not in where:
                where.append(w)
        where.sort()
        for w in where:
            d[w] ^= rng.randrange(1, 256)
        detail = '%d bytes from %d' % (k, where[0])
    else:
        p = rng.choice(sorted(used))
        d[(p - 1) * page:p * page] = bytes(page)
        detail = 'page %d of %d' % (p, npages)
    name = '%s/%03d.qikan' % (out, i)
    open(name, 'wb').write(d)
    print('%03d %s %s' % (i, kind, detail))
# The control: a few copies changed only where no reader looks must read
# as the original does (what justifies leaving those bytes alone above).
spans = [(a, b) for a, b in unused if b > a]
for i in range(max(2, n // 20)):
    d = bytearray(data)
    where = []
    for _ in range(64):
        a, b = rng.choice(spans)
        w = rng.randrange(a, b)
        d[w] ^= rng.randrange(1, 256)
        where.append(w)
    open('%s/u%02d.qikan' % (out, i), 'wb').write(d)
    print('u%02d unused 64 bytes from %d' % (i, min(where)))
PY

crash=0 hang=0 ctl=0 runs=0
: >"$TMP/runs"
: >"$TMP/check_codes"
: >"$TMP/report"
# run ID NAME CMD...: one command on one copy; a line "name status ms
# crashed raw" in runs.
run() {
	id=$1 name=$2
	shift 2
	runs=$((runs + 1))
	st=0 bad=0 raw=0
	t0=$(date +%s%N)
	timeout -k 5 "$T" "$@" >"$TMP/o" 2>"$TMP/e" </dev/null || st=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
	if [ $st = 124 ] || [ $st = 137 ]; then
		hang=$((hang + 1)) bad=1
		echo "$id $name: HANG (over ${T}s)" >>"$TMP/report"
	elif [ $st -gt 2 ] || grep -q 'Sanitizer\|runtime error:' "$TMP/e"; then
		crash=$((crash + 1)) bad=1
		echo "$id $name: CRASH exit $st: $(grep -m1 'ERROR\|runtime error' "$TMP/e")" >>"$TMP/report"
	fi
	# Raw control bytes: C0 except \t \n, DEL, and C1 as UTF-8 (C2 80..9F).
	# A form feed alone on a line is export's article separator.
	ff=$(printf '\f')
	grep -av "^$ff\$" "$TMP/o" >"$TMP/o2"
	if LC_ALL=C grep -qaP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$TMP/o2" "$TMP/e"; then
		ctl=$((ctl + 1)) raw=1
		echo "$id $name: raw control byte in output: $(LC_ALL=C grep -haP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$TMP/o2" "$TMP/e" | head -1 | cut -c1-160 | cat -v)" >>"$TMP/report"
	fi
	echo "$name $st $ms $bad $raw" >>"$TMP/runs"
	return $st
}

# What the original prints, for the control copies.
"$QIKAN" toc "$SAMPLE" >"$TMP/toc.orig" 2>&1
"$QIKAN" export "$SAMPLE" >"$TMP/export.orig" 2>&1

done_n=0 missed=0 unused_n=0 unused_bad=0
while read -r id kind detail; do
	# ROBUST_STOP_AT (seconds since 1970): stop early and report the
	# copies done so far (a busy machine may not get through 300).
	if [ "${ROBUST_STOP_AT:-0}" -gt 0 ] && [ "$(date +%s)" -ge "$ROBUST_STOP_AT" ]; then
		echo "stopped at ROBUST_STOP_AT after $done_n of $N copies"
		break
	fi
	b=$TMP/dmg/$id.qikan
	if [ "$kind" = unused ]; then
		# Changed only where no reader looks: healthy, and read as
		# the original is.
		unused_n=$((unused_n + 1))
		st=0
		"$QIKAN" check "$b" >"$TMP/o" 2>&1 || st=$?
		"$QIKAN" toc "$b" >"$TMP/toc.copy" 2>&1 || st="$st+toc"
		"$QIKAN" export "$b" >"$TMP/export.copy" 2>&1 || st="$st+export"
		if [ "$st" != 0 ] || ! cmp -s "$TMP/toc.orig" "$TMP/toc.copy" ||
			! cmp -s "$TMP/export.orig" "$TMP/export.copy"; then
			unused_bad=$((unused_bad + 1))
			echo "$id (control, $detail): exit $st or output differs: $(head -c 300 "$TMP/o")" >>"$TMP/report"
		fi
		rm -f "$b" "$b-wal" "$b-shm"
		continue
	fi
	done_n=$((done_n + 1))
	st=0
	run "$id" check "$QIKAN" check "$b" || st=$?
	echo "$kind $st" >>"$TMP/check_codes"
	if [ $st != 1 ]; then
		missed=$((missed + 1))
		echo "$id check: exit $st on a damaged copy ($kind $detail): $(head -c 300 "$TMP/o")" >>"$TMP/report"
	fi
	run "$id" toc "$QIKAN" toc "$b" || :
	run "$id" show "$QIKAN" show "$b" 1 || :
	run "$id" search "$QIKAN" search "$b" 劳模 || :
	run "$id" stats "$QIKAN" stats "$b" || :
	run "$id" export "$QIKAN" export "$b" || :
	rm -f "$b" "$b-wal" "$b-shm"
done <"$TMP/manifest"

echo "corrupted bundles: $done_n of $N damaged copies, $runs runs (ASan/UBSan: $san)"
echo "  crashes: $crash   hangs: $hang   outputs with raw control bytes: $ctl"
echo "  per command: runs, crashes or hangs, outputs with raw bytes, exit statuses, wall time (total, max):"
awk '{ n[$1]++; bad[$1] += $4; raw[$1] += $5; ms[$1] += $3; if ($3 > mx[$1]) mx[$1] = $3; st[$1 " " $2]++ }
END {
	split("check toc show search stats export", order, " ")
	for (i = 1; i <= 6; i++) {
		c = order[i]
		if (!n[c]) continue
		s = ""
		for (k = 0; k <= 255; k++) if (st[c " " k]) s = s sprintf(" %d=%d", k, st[c " " k])
		printf "    %-7s %4d runs  %d crashed  %d raw  exit%s  %.1f s (max %.2f s)\n", c, n[c], bad[c], raw[c], s, ms[c] / 1000, mx[c] / 1000
	}
}' "$TMP/runs"
echo "  check exit status by damage (kind: status=count ...):"
for k in truncate flip zero-page; do
	printf '    %-10s' "$k"
	awk -v k=$k '$1 == k { c[$2]++ } END { for (s in c) printf " %s=%d", s, c[s]; print "" }' "$TMP/check_codes"
done
echo "  damaged copies check did not call damaged (exit 1): $missed"
echo "  control copies (bytes no reader uses changed) not read as the original: $unused_bad of $unused_n"
[ -s "$TMP/report" ] && { echo "details:"; head -40 "$TMP/report"; }

expect_eq "crashes (signals, sanitizer reports)" "$crash" 0
expect_eq "hangs" "$hang" 0
expect_eq "outputs with raw control bytes" "$ctl" 0
expect_eq "damaged copies where check did not exit 1" "$missed" 0
expect_eq "control copies not read as the original" "$unused_bad" 0
finish

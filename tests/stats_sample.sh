#!/bin/sh
# SPDX-License-Identifier: MIT
# stats_sample.sh — `qikan stats` on the sample issue, checked against
# counts made here independently: Python reads the bundle's paragraphs
# with its own sqlite3 module and classifies characters with unicodedata
# (Han by code point names and ranges, not by script property), and
# parses the printed table of contents in data/sample.txt itself for the
# per-section article counts and page ranges.
. "$QIKAN_SRCDIR/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
[ -f "$SAMPLE" ] || { echo "no sample bundle at $SAMPLE"; exit 1; }

expect_status "stats --json" 0 "$QIKAN" stats --json "$SAMPLE"
cp "$TMP/out" "$TMP/all.json"
expect_status "stats --section 理论研究 --json" 0 "$QIKAN" stats --json --section 理论研究 "$SAMPLE"
cp "$TMP/out" "$TMP/theory.json"
expect_status "stats --section 西宁 --json" 0 "$QIKAN" stats --json --section "市州动态 > 西宁市总工会" "$SAMPLE"
cp "$TMP/out" "$TMP/xining.json"

cat >"$TMP/check.py" <<'EOF'
import json, re, sqlite3, sys, unicodedata

bundle, sample, tmp = sys.argv[1], sys.argv[2], sys.argv[3]
fails = 0
checks = 0

def expect(what, got, want):
    global fails, checks
    checks += 1
    if got != want:
        fails += 1
        print("FAIL: %s: got %r, want %r" % (what, got, want), file=sys.stderr)

def is_han(c):
    n = unicodedata.name(c, "")
    cp = ord(c)
    return (n.startswith("CJK UNIFIED IDEOGRAPH") or n.startswith("CJK COMPATIBILITY IDEOGRAPH")
            or n.startswith("KANGXI RADICAL") or n.startswith("CJK RADICAL")
            or cp in (0x3005, 0x3007) or 0x3021 <= cp <= 0x3029 or 0x3038 <= cp <= 0x303B)

def classes(text):
    c = dict(han=0, latin=0, digits=0, punctuation=0, other=0)
    for ch in text:
        cat = unicodedata.category(ch)
        if is_han(ch):
            c["han"] += 1
        elif cat == "Nd":
            c["digits"] += 1
        elif cat.startswith("L") and "LATIN" in unicodedata.name(ch, ""):
            c["latin"] += 1
        elif cat.startswith("P"):
            c["punctuation"] += 1
        elif cat.startswith("Z") or cat in ("Cc", "Cf"):
            pass
        else:
            c["other"] += 1
    c["total"] = sum(c.values())
    return c

db = sqlite3.connect("file:%s?mode=ro" % bundle, uri=True)
paras = {}
for aid, text in db.execute("SELECT article_id, text FROM paragraph ORDER BY article_id, position"):
    paras.setdefault(aid, []).append(text)
articles = {aid: title for aid, title in db.execute("SELECT id, title FROM article")}

all_ = json.load(open(tmp + "/all.json"))
whole = classes("".join("".join(p) for p in paras.values()))
for k in ("han", "latin", "digits", "punctuation", "other", "total"):
    expect("issue characters." + k, all_["characters"][k], whole[k])
expect("articles", all_["articles"], len(articles))
expect("paragraphs", all_["paragraphs"], sum(len(p) for p in paras.values()))
expect("reading minutes", all_["reading"]["minutes"], -(-whole["total"] // 400))

# Han characters of single articles: the five longest, and the two
# one-article sections asked for separately.
expect("longest listed", len(all_["longest"]), 5)
for a in all_["longest"]:
    c = classes("".join(paras.get(a["id"], [])))
    expect("han of article %d" % a["id"], a["han"], c["han"])
    expect("chars of article %d" % a["id"], a["characters"], c["total"])
    expect("title of article %d" % a["id"], a["title"], articles[a["id"]])
lengths = sorted((classes("".join(paras.get(i, [])))["total"] for i in articles), reverse=True)
expect("longest lengths", [a["characters"] for a in all_["longest"]], lengths[:5])
expect("shortest lengths", [a["characters"] for a in all_["shortest"]], sorted(lengths)[:5])
for name in ("theory", "xining"):
    one = json.load(open("%s/%s.json" % (tmp, name)))
    expect(name + " articles", one["articles"], 1)
    aid = one["longest"][0]["id"]
    c = classes("".join(paras.get(aid, [])))
    expect(name + " han", one["characters"]["han"], c["han"])
    expect(name + " han (article)", one["longest"][0]["han"], c["han"])

# Not in the TOC: from the bundle's in_toc flags.
missing = [r[0] for r in db.execute("SELECT id FROM article WHERE in_toc = 0 ORDER BY position")]
expect("not in toc", [a["id"] for a in all_["not_in_toc"]], missing)

# The printed table of contents, parsed here: section headings are lines
# equal to a section title of the bundle; entries are "title<TAB>[/author ]page".
by_id = {sid: (parent, title) for sid, parent, title in db.execute("SELECT id, parent_id, title FROM section")}
secs = {title: (by_id[parent][1] if parent else None,) for parent, title in by_id.values()}
lines = open(sample, encoding="utf-8").read().split("\n")
entry = re.compile(r"^(.+?)\t\s*(?:/\s*\S+\s+)?(\d+)\s*$")
first = None
cur = None
order = []    # sections in TOC order
count = {}
pages = {}
for i, line in enumerate(lines):
    s = line.strip()
    m = entry.match(line)
    if m and first is None:
        first = re.sub(r"\s", "", m.group(1).split(" / ")[0])
    elif first and re.sub(r"\s", "", s) == first:
        break  # the body begins
    if s in secs:
        cur = s
        order.append(s)
        count.setdefault(s, 0)
    elif m and cur:
        count[cur] += 1
        pages.setdefault(cur, []).append(int(m.group(2)))

def path(t):
    p = secs[t][0]
    return "%s > %s" % (p, t) if p else t

def descendants(t):
    return [c for c in order if secs[c][0] == t]

got = {s["title"]: s for s in all_["sections"]}
issue_max = max(p for v in pages.values() for p in v)
for t in order:
    kids = descendants(t)
    n = count[t] + sum(count[k] for k in kids)
    expect("TOC articles of " + path(t), got[path(t)]["articles_in_toc"], n)
    # pages: first page to the page before the next section (not a sub-section)
    mine = pages.get(t, []) + [p for k in kids for p in pages.get(k, [])]
    start = min(mine)
    later = [min(pages[o]) for o in order[order.index(t) + 1:] if o not in kids and o in pages]
    end = later[0] - 1 if later else issue_max
    end = max(end, max(mine))
    expect("pages of " + path(t), (got[path(t)]["pages"]["first"], got[path(t)]["pages"]["last"]),
           (start, end))
expect("sections", len(all_["sections"]), len(order))
expect("issue pages", (all_["pages"]["first"], all_["pages"]["last"]),
       (min(p for v in pages.values() for p in v), issue_max))

print("%d checks, %d failures" % (checks, fails))
sys.exit(1 if fails or not checks else 0)
EOF
if python3 "$TMP/check.py" "$SAMPLE" "$SAMPLE_TXT" "$TMP"; then ok; else fail "independent counts differ"; fi

# The text table: the same figures, columns aligned by display width.
expect_status "stats text" 0 "$QIKAN" stats "$SAMPLE"
cp "$TMP/out" "$TMP/text"
han=$(python3 -c 'import json,sys; print(format(json.load(open(sys.argv[1]))["characters"]["han"], ","))' "$TMP/all.json")
expect_contains "text han" "$(grep '汉字 Han ' "$TMP/text" | head -1)" "$han"
cat >"$TMP/align.py" <<'EOF'
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
# rows of the section table: between "栏目 Sections" and the next blank line
i = lines.index("栏目 Sections") + 1
rows = []
while lines[i]:
    rows.append(lines[i]); i += 1
# the right edge of the "Articles" column: the end of the second field
ends = set()
for r in rows:
    fields = [f for f in r.split("  ") if f.strip()]
    first = r.index(fields[1]) + len(fields[1])
    ends.add(width(r[:first]))
print(len(rows), len(ends))
sys.exit(0 if len(rows) > 10 and len(ends) == 1 else 1)
EOF
if python3 "$TMP/align.py" "$TMP/text"; then ok; else fail "section table columns not aligned"; sed -n '/栏目 Sections/,/^$/p' "$TMP/text" >&2; fi

# A stop word from the config takes a term out; the reading speed too.
mkdir -p "$XDG_CONFIG_HOME/qikan"
printf '[stats]\nstop_words = 工会, 职工\nchars_per_minute = 100\n' >"$XDG_CONFIG_HOME/qikan/config.ini"
expect_status "stats with config" 0 "$QIKAN" stats --json "$SAMPLE"
terms=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(t["term"] for t in d["terms"]))' "$TMP/out")
before=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(t["term"] for t in d["terms"]))' "$TMP/all.json")
expect_contains "default terms" " $before " " 工会 "
expect_not_contains "stop word 工会" " $terms " " 工会 "
expect_not_contains "stop word 职工" " $terms " " 职工 "
minutes=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["reading"]["minutes"], -(-d["characters"]["total"] // 100))' "$TMP/out")
expect_eq "reading at 100 a minute" "${minutes% *}" "${minutes#* }"

# Bad usage and unknown names.
expect_status "no bundle" 2 "$QIKAN" stats
expect_status "unknown section" 2 "$QIKAN" stats --section 没有这个栏目 "$SAMPLE"
expect_contains "unknown section message" "$(cat "$TMP/err")" "没有这个栏目"
expect_status "unknown issue" 2 "$QIKAN" stats --issue 999 "$SAMPLE"
expect_status "issue by title" 0 "$QIKAN" stats --issue 2023年第2期 "$SAMPLE"
finish

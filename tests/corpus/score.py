#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""score.py — score `qikan import` on the house-style corpus (issue #9).

Called by tests/import_corpus.sh.  For every style directory: import the
input (converted first for PDF/HTML styles), read the bundle with the
sqlite3 shell, compare each article with truth.tsv, check that no body line
was lost, and import the negative twin, which must exit 1.  The formats are
described in tests/corpus/README.md."""
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor

FIELDS = ["issue", "section", "title", "author", "page", "first", "last", "source", "paras", "toc_title"]
OPTIONAL = ("paras", "toc_title")  # scored only where truth.tsv gives them
WS = re.compile(r"[\s\u3000\ufeff]+")
ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.、．]\s*)")
AUTHOR_SEP = re.compile(r"[、，,/／]")
SOURCE_LABEL = re.compile(r"^(?:来源|來源)[：:]")
FURNITURE = re.compile(r"^(?:[-—–·•\s]*\d+[-—–·•\s]*|第\d+页|[-—–_=\s]+)$")
LINE_MARKS = re.compile(r"^(?:#+|[-*>+]|\d+\.)\s*")
BULLETS = "■●◆▲•□◎"
BYLINE = re.compile(r"^(?:文／|文/|作者：|作者:|本刊记者|本刊記者|通讯员|通訊員|记者|記者)")


def nows(s):
    return WS.sub("", unicodedata.normalize("NFC", s or ""))


def norm(field, s):
    s = nows(s)
    if field in ("title", "section"):
        s = ">".join(ORDINAL.sub("", p) for p in s.split(">"))
    elif field == "author":
        s = AUTHOR_SEP.sub("", s)
    elif field == "source":
        s = SOURCE_LABEL.sub("", s)
    return s


def sql(db, query):
    out = subprocess.run(["sqlite3", "-batch", "-json", db, query], capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError("sqlite3: " + out.stderr.strip())
    return json.loads(out.stdout) if out.stdout.strip() else []


def columns(db, table):
    return {r["name"] for r in sql(db, "PRAGMA table_info(%s)" % table)}


def read_truth(path):
    rows, meta = [], {"body": [], "convert": None, "input": None, "negative-cut": None, "after-last-ok": ""}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                m = re.match(r"#\s*(body|convert|input|negative-cut|after-last-ok):\s*(.*)", line)
                if m and m.group(1) == "body":
                    for r in m.group(2).split():
                        a, _, b = r.partition("-")
                        meta["body"].append((int(a), int(b or a)))
                elif m:
                    meta[m.group(1)] = m.group(2).strip()
                continue
            cols = line.split("\t")
            if len(cols) < 8 or len(cols) > len(FIELDS):
                raise SystemExit("%s:%d: %d columns, want 8 to %d" % (path, n, len(cols), len(FIELDS)))
            cols += [""] * (len(FIELDS) - len(cols))
            rows.append(dict(zip(FIELDS, cols), line=n))
    return rows, meta


def find_input(d, meta, srcdir):
    if meta["input"]:
        p = meta["input"]
        return os.path.join(srcdir, p.lstrip("/")) if p.startswith("/") else os.path.join(d, p)
    for name in sorted(os.listdir(d)):
        if name.startswith("input."):
            return os.path.join(d, name)
    return None


def convert(kind, src, work):
    """The documented pipelines; returns (path, None) or (None, why skipped)."""
    if kind == "pdftotext":
        if not shutil.which("pdftotext"):
            return None, "pdftotext not installed"
        out = os.path.join(work, "converted.txt")
        subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", src, out], check=True)
        return out, None
    if kind == "pandoc":
        if not shutil.which("pandoc"):
            return None, "pandoc not installed"
        out = os.path.join(work, "converted.md")
        subprocess.run(["pandoc", "-f", "html", "-t", "markdown-smart", "--wrap=none", "-o", out, src], check=True)
        return out, None
    return src, None


SANITIZER = re.compile(r"ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:")
crashes = []


def run_import(qikan, src, bundle):
    r = subprocess.run([qikan, "import", "-o", bundle, src], capture_output=True, text=True,
                       errors="replace")
    if SANITIZER.search(r.stderr) or r.returncode < 0 or r.returncode > 2:
        crashes.append("%s: exit %d%s" % (src, r.returncode, ", sanitizer report" if SANITIZER.search(r.stderr) else ""))
    return r.returncode, r.stderr


def load_bundle(db):
    acol = columns(db, "article")
    extra = ", a.toc_title" if "toc_title" in acol else ""
    arts = sql(db, "SELECT a.id, a.title, a.author, a.page, a.source, a.kicker, a.subtitle, a.byline, "
               "a.dateline" + extra + ", i.title AS issue, s.title AS stitle, p.title AS ptitle "
               "FROM article a JOIN issue i ON i.id = a.issue_id "
               "LEFT JOIN section s ON s.id = a.section_id LEFT JOIN section p ON p.id = s.parent_id "
               "ORDER BY i.id, a.position")
    paras = {}
    for r in sql(db, "SELECT article_id, text FROM paragraph ORDER BY article_id, position"):
        paras.setdefault(r["article_id"], []).append(r["text"])
    hay = []
    for a in arts:
        a["paras"] = paras.get(a["id"], [])
        a["section"] = (a["ptitle"] + ">" if a["ptitle"] else "") + (a["stitle"] or "")
        hay += [a.get(k) or "" for k in ("title", "toc_title", "author", "source", "kicker", "subtitle",
                                          "byline", "dateline", "issue", "stitle")]
        hay += a["paras"]
    for r in sql(db, "SELECT title FROM section UNION ALL SELECT title FROM issue "
                 "UNION ALL SELECT role || names FROM masthead"):
        hay.append(r["title"])
    return arts, "\n".join(nows(h) for h in hay)


def strip_source(text, source):
    t = nows(text)
    m = re.search(r"[（(]([^（()）]*)[）)]$", t)
    if m and source and norm("source", m.group(1)) == norm("source", source):
        t = t[:m.start()]
    return t


def got_fields(a):
    ps = a["paras"]
    return {
        "issue": a["issue"] or "", "section": a["section"], "title": a["title"] or "",
        "author": a["author"] or "", "page": "" if a["page"] is None else str(a["page"]),
        "first": nows(ps[0])[:20] if ps else "",
        "last": strip_source(ps[-1], a["source"])[-20:] if ps else "",
        "source": a["source"] or "", "paras": str(len(ps)), "toc_title": a.get("toc_title") or "",
    }


def match(rows, arts):
    """Row -> article index, in order; None when not found."""
    out, start, used = [], 0, set()
    for r in rows:
        hit = None
        for key in ("title", "first"):
            want = norm(key, r[key])
            for i in range(start, len(arts)):
                if i in used:
                    continue
                g = got_fields(arts[i])
                if (key == "title" and norm("title", g["title"]) == want) or \
                   (key == "first" and want and g["first"].startswith(want)):
                    hit = i
                    break
            if hit is not None:
                break
        out.append(hit)
        if hit is not None:
            used.add(hit)
            start = hit + 1
    return out


def lost_lines(src, ranges, hay):
    lines = read_lines(src)
    lost = []
    for a, b in ranges:
        for n in range(a, min(b, len(lines)) + 1):
            raw = lines[n - 1].replace("\f", "")
            t = nows(raw)
            if not t or FURNITURE.match(t):
                continue
            cands = {t}
            u = LINE_MARKS.sub("", t).replace("**", "").lstrip(BULLETS)
            u = re.sub(r"\{[#.][^{}]*\}$", "", u)  # pandoc's {#id} after a heading
            cands |= {u, BYLINE.sub("", u).lstrip("：:"), re.sub(r"^[（(](.*)[）)]$", r"\1", u)}
            cands |= {SOURCE_LABEL.sub("", c) for c in list(cands)}
            # a source note, dateline or subtitle is kept without its brackets
            # or dash, apart from its paragraph, and may be wrapped over lines
            segs = [SOURCE_LABEL.sub("", x) for x in re.split(r"[（）()【】]|——", u)]
            split = all(x in hay for x in segs if x)
            if not split and not any(c and c in hay for c in cands):
                lost.append((n, raw.strip()))
    return lost


def read_lines(path):
    """The input's lines; GB18030 when it is not UTF-8 (as the importer
    detects it), form feeds dropped, CR removed."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    return text.lstrip("\ufeff").replace("\f", "").replace("\r", "").split("\n")


def check_truth(rows, src, ranges, ok_after):
    """The truth must be consistent with its own input, independently of the
    importer: titles in order in the body, first/last/source between a
    title and the next, author, page, issue and section in the text."""
    lines = read_lines(src)
    whole = nows("".join(lines))
    body, starts = "", []
    for a, b in ranges:
        body += "".join(nows(l) for l in lines[a - 1:b])
    pos, found, bad = 0, [], []
    sections = sorted({p for r in rows for p in nows(r["section"]).split(">") if p}, key=len, reverse=True)
    for r in rows:
        t = nows(r["title"])
        i = body.find(t, pos)
        if i < 0:
            bad.append("%d: title not found in order in the body" % r["line"])
            i = pos
        found.append(i)
        pos = i + len(t)
    for k, r in enumerate(rows):
        lo = found[k] + len(nows(r["title"]))
        hi = found[k + 1] if k + 1 < len(rows) else len(body)
        seg = body[lo:hi]
        fi = seg.find(nows(r["first"]))
        la = seg.rfind(nows(r["last"]))
        if fi < 0:
            bad.append("%d: first not in the article" % r["line"])
        if la < 0 or la < fi:
            bad.append("%d: last not in the article after first" % r["line"])
        if r["source"] and nows(r["source"]) not in seg[max(la, 0):]:
            bad.append("%d: source not after last" % r["line"])
        # nothing but the source note and page numbers after `last`
        rest = seg[la + len(nows(r["last"])):] if la >= 0 else ""
        rest = re.sub(r"[\d（）()—\-#]", "", rest.replace(nows(r["source"]), "") if r["source"] else rest)
        for sec in sections:
            rest = rest.replace(sec, "")
        if rest and str(r["line"]) not in ok_after:
            bad.append("%d: text after last: %s" % (r["line"], rest[:20]))
        if r["toc_title"] and nows(r["toc_title"]) not in whole:
            bad.append("%d: toc_title not in the input" % r["line"])
        for f in ("issue", "author"):
            for part in AUTHOR_SEP.split(nows(r[f])) if f == "author" else [nows(r[f])]:
                if part and part not in whole:
                    bad.append("%d: %s %r not in the input" % (r["line"], f, part))
        for part in nows(r["section"]).split(">"):
            if part and part not in whole:
                bad.append("%d: section %r not in the input" % (r["line"], part))
        if r["page"]:
            key = ORDINAL.sub("", nows(r["title"]))[:6]
            near = [n for n, l in enumerate(lines) if key and key in nows(l)]
            if not any(re.search(r"(?<!\d)%s(?!\d)" % r["page"], "".join(lines[n:n + 3])) for n in near):
                bad.append("%d: page %s not near a TOC line with the title" % (r["line"], r["page"]))
    return bad


def score_style(qikan, corpus, work, srcdir, style):
    """Imports one style and its negative twin; returns its table row."""
    out = {"report": [], "failures": [], "ok": {f: 0 for f in FIELDS}, "n": {f: 0 for f in FIELDS},
           "extra": 0, "notes": []}
    d = os.path.join(corpus, style)
    rows, meta = read_truth(os.path.join(d, "truth.tsv"))
    w = os.path.join(work, style)
    os.makedirs(w, exist_ok=True)
    src, why = convert(meta["convert"], find_input(d, meta, srcdir), w)
    if not src:
        out["report"].append("%-28s skipped: %s" % (style, why))
        return out
    for b in check_truth(rows, src, meta["body"], meta["after-last-ok"].split()):
        out["failures"].append("%s: truth.tsv:%s" % (style, b))
    rc, _ = run_import(qikan, src, os.path.join(w, "b.qikan"))
    arts, hay = load_bundle(os.path.join(w, "b.qikan")) if rc in (0, 1) else ([], "")
    idx = match(rows, arts)
    ok, n = out["ok"], out["n"]
    for r, i in zip(rows, idx):
        g = got_fields(arts[i]) if i is not None else None
        for f in FIELDS:
            if f in OPTIONAL and r[f] == "":
                continue
            n[f] += 1
            if g is not None and norm(f, g[f]) == norm(f, r[f]):
                ok[f] += 1
            else:
                out["notes"].append("  %s:%d %s: want %r got %r" % (style, r["line"], f, r[f], g and g[f]))
    out["extra"] = extra = len(arts) - sum(i is not None for i in idx)
    sok, sn = sum(ok.values()), sum(n.values()) + extra
    lost = lost_lines(src, meta["body"], hay) if arts else [(0, "no bundle (exit %d)" % rc)]
    neg = [p for p in os.listdir(d) if p.startswith("negative.")]
    nrc = None
    if meta["negative-cut"]:
        # the converted text with lines A-B cut out (e.g. half the TOC)
        a, _, b = meta["negative-cut"].partition("-")
        with open(src, encoding="utf-8") as f:
            keep = [l for k, l in enumerate(f, 1) if not int(a) <= k <= int(b)]
        nsrc = os.path.join(w, "negative" + os.path.splitext(src)[1])
        with open(nsrc, "w", encoding="utf-8") as f:
            f.writelines(keep)
        nrc, _ = run_import(qikan, nsrc, os.path.join(w, "n.qikan"))
    elif neg:
        nsrc = os.path.join(d, neg[0])
        if meta["convert"] == "pandoc" and nsrc.endswith(".html"):
            os.makedirs(os.path.join(w, "neg"), exist_ok=True)
            nsrc, _ = convert("pandoc", nsrc, os.path.join(w, "neg"))
        nrc, _ = run_import(qikan, nsrc, os.path.join(w, "n.qikan"))
    pct = 100.0 * sok / sn if sn else 0.0
    cells = " ".join("%5s" % ("%d/%d" % (ok[f], n[f]) if n[f] else "-") for f in FIELDS)
    out["report"].append("%-28s %s %+4d %6.1f%% %4d  %s  %s" % (style, cells, extra, pct, len(lost), rc,
                                                             "-" if nrc is None else nrc))
    for ln, text in lost[:5]:
        out["report"].append("    lost line %d: %s" % (ln, text[:60]))
    if pct < 90.0:
        out["failures"].append("%s scores %.1f%% (< 90%%)" % (style, pct))
    if lost:
        out["failures"].append("%s: %d body lines lost" % (style, len(lost)))
    if nrc is None:
        out["failures"].append("%s: no negative twin" % style)
    elif nrc != 1:
        out["failures"].append("%s: negative twin exits %d, want 1" % (style, nrc))
    return out


def main():
    qikan, corpus, work, srcdir = sys.argv[1:5]
    only = sys.argv[5:]
    styles = sorted(d for d in os.listdir(corpus) if os.path.isfile(os.path.join(corpus, d, "truth.tsv"))
                    and (not only or d in only))
    # The imports are separate processes: run a few styles at once.
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda st: score_style(qikan, corpus, work, srcdir, st), styles))
    ok = {f: sum(r["ok"][f] for r in results) for f in FIELDS}
    n = {f: sum(r["n"][f] for r in results) for f in FIELDS}
    extra = sum(r["extra"] for r in results)
    total_ok, total_n = sum(ok.values()), sum(n.values()) + extra
    failures = [f for r in results for f in r["failures"]] + ["crash: " + c for c in crashes]
    if os.environ.get("CORPUS_VERBOSE"):
        for r in results:
            print("\n".join(r["notes"]), file=sys.stderr)
    print("%-28s %s %4s %7s %4s  %s  %s" % ("style", " ".join("%5s" % f[:5].replace("toc_t", "toc") for f in FIELDS), "xtra",
                                          "score", "lost", "rc", "neg"))
    print("\n".join(line for r in results for line in r["report"]))
    print("%-28s %s" % ("per field", " ".join("%5s" % ("%.0f%%" % (100.0 * ok[f] / n[f]) if n[f] else "-")
                                            for f in FIELDS)))
    overall = 100.0 * total_ok / total_n if total_n else 0.0
    print("overall: %d/%d fields = %.1f%% (%d extra articles count as wrong fields)" %
          (total_ok, total_n, overall, extra))
    if overall < 98.0:
        failures.append("overall %.1f%% (< 98%%)" % overall)
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

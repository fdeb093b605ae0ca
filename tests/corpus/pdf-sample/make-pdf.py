#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""make-pdf.py — typeset data/sample.txt as a small A5 PDF (input.pdf), the
way a bulletin's print file looks (STSong-Light, the non-embedded Adobe
CJK font many Chinese office and government PDF generators use, which keeps
the file near 200 KB; pdftotext maps it to Unicode with poppler-data): TOC with right-aligned page numbers,
centred titles, indented paragraphs wrapped with the Chinese line-breaking
rules, a page number at the foot of every page.

Authoring tool only (the tests use the committed input.pdf).  Needs Debian's
python3-reportlab, and a built tree (the sample's
page-break repairs are taken from data/sample.qikan, which `make` builds):
    /usr/bin/python3 tests/corpus/pdf-sample/make-pdf.py data/sample.txt \
        data/sample.qikan tests/golden/sample_toc.tsv tests/corpus/pdf-sample/input.pdf
"""
import re
import sqlite3
import sys

from reportlab.lib.pagesizes import A5
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
NO_START = "，。、；：？！）」』”’》…—"
WS = re.compile(r"\s+")


def nows(s):
    return WS.sub("", s)


def main():
    txt, bundle, golden, out = sys.argv[1:5]
    lines = open(txt, encoding="utf-8").read().replace("\r", "").split("\n")
    db = sqlite3.connect(bundle)
    paras = [nows(r[0]) for r in db.execute("SELECT text FROM paragraph")]
    heads = set()
    for r in db.execute("SELECT kicker, subtitle, byline, dateline FROM article"):
        heads |= {nows(x) for x in r if x}
    body_start, titles = None, set()
    for g in open(golden, encoding="utf-8"):
        if g.startswith("#") or not g.strip():
            continue
        f = g.rstrip("\n").split("\t")
        body_start = min(body_start or 10**9, int(f[6]))
        titles.add(nows(f[7]))
    joined = set(paras)

    def in_para(s):
        return any(s in p for p in joined)

    # Blocks: ("toc", title, page) ("plain", text) ("title", text) ("head", text) ("para", text)
    blocks = []
    for ln in lines[:body_start - 1]:
        if not ln.strip() or re.match(r"^-+\t-+$", ln):
            continue
        m = re.match(r"^(.*?)\t\s*(\S*?)\s*(\d+)$", ln)
        if m:
            title, _, author = (m.group(1) + m.group(2)).partition("/")
            blocks.append(("toc", title.strip(), (author.strip() + "  " if author else "") + m.group(3)))
        else:
            blocks.append(("plain", ln.strip().replace("\t", "　")))
    body = [l.strip() for l in lines[body_start - 1:] if l.strip()]
    i = 0
    while i < len(body):
        cur = body[i]
        # re-join the pieces of a paragraph that the source text split at its page breaks
        while i + 1 < len(body) and in_para(nows(cur) + nows(body[i + 1])[:30]) and nows(cur) not in titles:
            i += 1
            cur += body[i]
        k = nows(cur)
        kind = "title" if k in titles else "head" if k in heads or k.strip("()（）") in heads else "para"
        blocks.append((kind, cur))
        i += 1
    typeset(blocks, out)


def wrap(s, n):
    out = []
    while s:
        cut = min(n, len(s))
        while cut < len(s) and s[cut] in NO_START:
            cut += 1
        out.append(s[:cut])
        s = s[cut:]
    return out


def typeset(blocks, out):
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    w, h = A5
    c = canvas.Canvas(out, pagesize=A5, pageCompression=1)
    c.setTitle("2023年第2期")
    margin, size, lead = 40, 9, 13.5
    width = int((w - 2 * margin) / size)  # characters a line
    y = [h - margin]
    page = [1]

    def newpage():
        c.setFont(FONT, 8)
        c.drawCentredString(w / 2, 22, str(page[0]))
        c.showPage()
        page[0] += 1
        y[0] = h - margin

    def line(text, font=size, x=None, centre=False, right=None):
        # STSong-Light has no U+00B7; its GB middle dot is U+30FB, which
        # pdftotext reads back as U+00B7, so the text round-trips.
        text = text.replace("·", "・")
        if y[0] < margin + lead:
            newpage()
        c.setFont(FONT, font)
        if centre:
            c.drawCentredString(w / 2, y[0], text)
        else:
            c.drawString(x if x is not None else margin, y[0], text)
        if right:
            c.drawRightString(w - margin, y[0], right)
        y[0] -= font * 1.5

    first_body = True
    for b in blocks:
        kind = b[0]
        if kind == "toc":
            parts = wrap(b[1], width - 4)
            for j, p in enumerate(parts):
                line(p, right=b[2] if j == len(parts) - 1 else None)
        elif kind == "plain":
            line(b[1])
        elif kind == "title":
            if first_body:
                newpage()
                first_body = False
            y[0] -= 6
            for p in wrap(b[1], int((w - 2 * margin) / 13)):
                line(p, font=13, centre=True)
            y[0] -= 4
        elif kind == "head":
            for p in wrap(b[1], width - 4):
                line(p, centre=True)
        else:
            for j, p in enumerate(wrap("　　" + b[1], width)):
                line(p)
    newpage()
    c.save()


if __name__ == "__main__":
    main()

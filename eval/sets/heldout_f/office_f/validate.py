# -*- coding: utf-8 -*-
"""Validate questions.jsonl against the generated documents (run with /work/sets_f/venv/bin/python)."""
import json, os, re, sys, unicodedata, html as H
from collections import Counter
from docs_text import DOCS, plain_text
OUT = os.path.dirname(os.path.abspath(__file__))
ws = lambda s: re.sub(r"\s+", "", s)
# CJK Radicals Supplement code points that Chromium/Skia writes into ToUnicode for Noto CJK (no NFKC mapping)
RAD = {"⼾": "户", "⺠": "民", "⻚": "页", "⻝": "食", "⻔": "门", "⻓": "长", "⻋": "车", "⻅": "见", "⻛": "风", "⻜": "飞", "⻢": "马", "⻥": "鱼", "⻉": "贝", "⻆": "角", "⻘": "青", "⻬": "齐", "⻦": "鸟", "⻄": "西", "⻳": "龟", "⻤": "鬼", "⻛": "风"}
def norm(s): return unicodedata.normalize("NFKC", "".join(RAD.get(c, c) for c in s))

def extracted(d):
    f = os.path.join(OUT, d["file"])
    if d["format"] == "pdf":
        from pypdf import PdfReader
        return "\n".join(p.extract_text() for p in PdfReader(f).pages)
    if d["format"] == "docx":
        from docx import Document
        doc = Document(f)
        parts = [p.text for p in doc.paragraphs]
        for t in doc.tables:
            parts += [" ".join(c.text for c in r.cells) for r in t.rows]
        return "\n".join(parts)
    txt = open(f, encoding="utf-8").read()
    txt = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", txt, flags=re.S)
    txt = re.sub(r"</t[dh]>\s*<t[dh][^>]*>", " ", txt)
    txt = re.sub(r"<[^>]+>", "\n", txt)
    return H.unescape(txt)

byfile = {d["file"]: d for d in DOCS}
ext = {f: extracted(d) for f, d in byfile.items()}
bad = 0; ids = set(); raw_fail = []
rows = [json.loads(l) for l in open(os.path.join(OUT, "questions.jsonl"), encoding="utf-8")]
fields = ["id", "question", "doc", "format", "evidence", "clause", "answer", "key_facts", "kind", "region"]
for q in rows:
    assert list(q) == fields, q["id"]
    assert q["id"] not in ids, q["id"]; ids.add(q["id"])
    if q["kind"] == "unanswerable":
        assert q["doc"] == "" and q["evidence"] == [] and q["clause"] == ""; continue
    d = byfile[q["doc"]]; assert d["format"] == q["format"]
    pt = plain_text(d); e = ext[q["doc"]]
    for ev in q["evidence"]:
        if ev not in pt: print("NOT IN TEXT", q["id"], ev); bad += 1
        if d["format"] == "pdf":
            if ws(ev) not in ws(e):
                raw_fail.append((q["id"], ev))
                if ws(norm(ev)) not in ws(norm(e)): print("NOT IN PDF even normalized", q["id"], ev); bad += 1
        elif ws(ev) not in ws(e): print("NOT IN EXTRACT", q["id"], ev); bad += 1
for d in DOCS:
    print(d["file"], "plain chars", len(plain_text(d)), "extract chars", len(ws(ext[d["file"]])))
print("raw pypdf misses (fixed by radical->ideograph normalization):", len(raw_fail))
for r in raw_fail: print("  ", r)
rad = Counter(c for f in ext for c in ext[f] if 0x2E80 <= ord(c) <= 0x2FDF)
print("radical code points in extracted text:", dict(rad))
print("questions", len(rows), Counter(q["kind"] for q in rows), Counter(q["format"] for q in rows), Counter(q["doc"] for q in rows))
print("BAD", bad); sys.exit(1 if bad else 0)

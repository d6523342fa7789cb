# Validates manifest.json and questions.jsonl against the source text in make_docs.py (needs pypdf, python-docx).
import json
import re
import sys
import collections
import unicodedata
import os; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docx
import make_docs as m
from pypdf import PdfReader

D = {d["file"]: d for d in m.DOCS}
man = json.load(open(os.path.dirname(os.path.abspath(__file__)) + "/manifest.json", encoding="utf-8"))
assert {x["file"] for x in man} == set(D), "manifest files"
for x in man:
    assert set(x) == set(m.MANIFEST_KEYS)
    pt = m.plain_text(D[x["file"]])
    for k in ("title", "doc_number"):
        assert x[k] in pt, (x["file"], k)
    y, mo, dd = x["effective_date"].split("-"); assert f"自{int(y)}年{int(mo)}月{int(dd)}日起施行" in pt, x["file"]
    y, mo, dd = x["written_date"].split("-"); assert f"{int(y)}年{int(mo)}月{int(dd)}日" in pt, x["file"]
REQ = ["id", "question", "doc", "format", "evidence", "clause", "answer", "key_facts", "kind", "region"]
KINDS = {"article_lookup", "table", "policy_rule", "procedure", "fact_number", "unanswerable"}
def extracted(f):
    p = os.path.dirname(os.path.abspath(__file__)) + "/" + f
    if f.endswith(".pdf"):
        t = "".join(pg.extract_text() for pg in PdfReader(p).pages)
    elif f.endswith(".docx"):
        d = docx.Document(p); t = "".join(pp.text for pp in d.paragraphs) + "".join(c.text for tb in d.tables for r in tb.rows for c in r.cells)
    else:
        t = re.sub(r"<[^>]+>", "", open(p, encoding="utf-8").read())
    t = unicodedata.normalize("NFKC", t).replace("\u2EA0", "民").replace("\u2ED3", "长")  # folds Kangxi radicals -> unified ideographs
    return re.sub(r"\s+", "", t)
EX = {f: extracted(f) for f in D}
ids = set(); cnt = collections.Counter(); bad = 0; notext = []
for n, line in enumerate(open(os.path.dirname(os.path.abspath(__file__)) + "/questions.jsonl", encoding="utf-8"), 1):
    q = json.loads(line)
    assert list(q) == REQ, (n, list(q))
    assert q["id"] not in ids; ids.add(q["id"])
    assert q["kind"] in KINDS and q["format"] in ("docx", "pdf", "html")
    if q["kind"] == "unanswerable":
        assert q["doc"] == "" and q["evidence"] == [], n
    else:
        d = D[q["doc"]]; assert q["format"] == d["format"]; pt = m.plain_text(d)
        assert q["evidence"]
        for e in q["evidence"]:
            if e not in pt or not (10 <= len(e) <= 80):
                print("BAD evidence", q["id"], len(e), e); bad += 1
            # table row rendering differs in extraction (cells split / wrapped), compare without spaces
            if re.sub(r"\s+", "", unicodedata.normalize("NFKC", e)) not in EX[q["doc"]]:
                notext.append((q["id"], e))
        mt = re.match(r"附件1? 表 第(\d+)行", q["clause"])
        if mt:
            rows = d["tables"]["T1"]["rows"]; row = " ".join(rows[int(mt.group(1)) - 1])
            assert q["evidence"][0] in row, (q["id"], row)
    cnt[(q["doc"] or "(none)", q["kind"])] += 1
print("bad", bad, "questions", len(ids))
print("evidence not found verbatim in extracted text (whitespace/NFKC-folded):", len(notext))
for x in notext: print("  ", x)
bydoc = collections.Counter(); bykind = collections.Counter(); byfmt = collections.Counter()
for line in open(os.path.dirname(os.path.abspath(__file__)) + "/questions.jsonl", encoding="utf-8"):
    q = json.loads(line); byfmt[q["format"]] += 1; bykind[q["kind"]] += 1; bydoc[q["id"][:9]] += 1
print(byfmt, bykind, bydoc, sep="\n")

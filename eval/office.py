"""Office documents (docx / pdf / html with 第X条 articles and 附件 tables) indexed next to the seed corpus.

A set is a folder with the documents and ``questions.jsonl`` (id, question, doc, format, evidence, clause,
kind, ...). The documents are indexed WITHOUT manifest entries (their metadata is guessed from the text),
together with the seed corpus. Reported per format: R@5 and MRR of the product and of BM25 alone in the
same run; table questions' R@5; answers (offline agent) citing the gold evidence and the gold clause,
wrongly refused; chunk-length statistics; and invented clause numbers: heading-path markers (第X章/条,
（一）, 附件N, 表 第N行) that do not occur in the source text.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import statistics
import tempfile
import time
import unicodedata
import zipfile
from pathlib import Path

from eval.retrieval import Question, covers, score
from indexer.build import build
from indexer.corpus import load_corpus
from indexer.embedding import make_embedder
from indexer.models import Chunk
from indexer.settings import ROOT, Settings
from indexer.text import fold_ideographs

_MARKER = re.compile(
    r"^(第[一二三四五六七八九十百零〇\d]+[编章节条]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|附件\s*[\d一二三四五六七八九十]*|表\d* 第(\d+)行)"
)


def _squash(text: str) -> tuple[str, list[int]]:
    """Text without whitespace, folded, with each kept character's offset in the original."""
    chars, offsets = [], []
    for i, ch in enumerate(text):
        if not ch.isspace():
            chars.append(unicodedata.normalize("NFKC", fold_ideographs(ch))[:1] or ch)
            offsets.append(i)
    return "".join(chars), offsets


def locate(original: str, evidence: str, rows: list[tuple[int, int]] | None = None) -> tuple[int, int] | None:
    """Where a gold evidence string sits in the loaded text: verbatim, else ignoring whitespace and
    width forms, else (a table row such as 「甲市 770 556」) its cells in order within one line — a line
    that is one of the document's table rows (``rows``: their offsets) before any other, so that an article
    sentence naming the same words and figures is not taken for the row."""
    i = original.find(evidence)
    if i >= 0:
        return i, i + len(evidence)
    flat, offsets = _squash(original)
    needle, _ = _squash(evidence)
    j = flat.find(needle)
    if j >= 0 and needle:
        return offsets[j], offsets[j + len(needle) - 1] + 1
    cells = evidence.split()
    if len(cells) >= 2:
        pattern = re.compile("[^\n]*?".join(re.escape(c) for c in cells))
        found = [(m.start(), m.end()) for m in pattern.finditer(original)]
        in_row = [f for f in found if any(s <= f[0] and f[1] <= e for s, e in rows or [])]
        if in_row or found:
            return (in_row or found)[0]
    return None


def load_set(folder: Path, originals: dict[str, str], row_spans: dict[str, list[tuple[int, int]]] | None = None
             ) -> tuple[list[Question], list[dict], list[dict]]:
    """The set's questions with their gold spans in the loaded text. A gold evidence string the loader
    mangled (not found in the loaded text) is a loading fault to report, not a reason to stop the run:
    its question keeps no gold span, so it counts as a miss (never retrieved, never cited), and it is
    listed in the third return value."""
    qs, rows, lost = [], [], []
    for line in (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        spans, missing = [], []
        for ev in row.get("evidence", []):
            found = locate(originals.get(row["doc"], ""), ev, (row_spans or {}).get(row["doc"]))
            if found is None:
                missing.append(ev)
            else:
                spans.append(found)
        if missing:
            lost.append({"id": row["id"], "doc": row.get("doc", ""), "evidence": missing})
            spans = []
        qs.append(Question(row["id"], row["question"], row.get("doc", ""), spans, row.get("region", "")))
        rows.append(row)
    return qs, rows, lost


def clause_matches(expected: str, chunk: Chunk) -> bool:
    """Each part of the gold clause (「第三章 > 第十三条」, 「附件1 表 第11行」) names a heading on the
    chunk's path (or, for a note, the chunk's opening words)."""
    path = [re.sub(r"\s+", "", p) for p in chunk.heading_path]
    for part in expected.split(">"):
        words = part.split()
        for k, word in enumerate(words):
            if word == "表" and k + 1 < len(words):
                continue  # 「表 第11行」 is one heading
            if word.startswith("第") and k > 0 and words[k - 1] == "表":
                word = "表" + word
            on_path = any(p.startswith(word) for p in path)
            # an item (（二）) of an article cited whole is inside the chunk's text
            inside = chunk.text.startswith(word) or bool(re.match(r"^[(（][一二三四五六七八九十]+[)）]$", word)) and (
                "\n" + word in chunk.text or "　" + word in chunk.text
            )
            if not on_path and not inside:
                return False
    return True


def invented_markers(chunks: list[Chunk], originals: dict[str, str], tables: dict[str, list[int]]) -> list[str]:
    """Heading-path markers that the source text does not contain before the chunk."""
    bad = []
    for c in chunks:
        flat, offsets = _squash(originals[c.doc_id])
        for label in c.heading_path:
            m = _MARKER.match(label)
            if not m:
                continue
            if m.group(2):  # 表 第N行: the document has a table with at least N rows
                if not any(int(m.group(2)) <= n for n in tables.get(c.doc_id, [])):
                    bad.append(f"{c.doc_id}: {label}")
                continue
            marker, _ = _squash(m.group(1))
            upto = next((k for k, o in enumerate(offsets) if o >= c.end), len(flat))
            if marker not in flat[:upto]:
                bad.append(f"{c.doc_id}: {label}")
    return bad


def bomb_docx(paragraphs: int) -> bytes:
    """A small .docx whose document.xml unpacks to ``paragraphs`` identical articles (200 000 → 66 KB / 19 MB)."""
    body = "<w:p><w:r><w:t>第一条 为保障困难群众基本生活，制定本办法。</w:t></w:r></w:p>" * paragraphs
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("word/document.xml", xml)
    return buf.getvalue()


def bomb_refusal(settings: Settings, paragraphs: int = 200_000) -> dict:
    """Upload a docx bomb through the real API: status, seconds, and whether corpus and index stayed as they were."""
    from fastapi.testclient import TestClient

    from assistant.api.app import create_app
    from indexer.store import read_pointer

    data = bomb_docx(paragraphs)
    with TestClient(create_app(settings)) as client:
        before = (sorted(p.name for p in settings.corpus_dir.iterdir()), read_pointer(settings.index_dir).gen_id)
        t = time.perf_counter()
        key = {"X-API-Key": settings.api_keys[0]} if settings.api_keys else {}
        resp = client.post("/api/documents", files={"file": ("bomb.docx", data)}, headers=key)
        seconds = round(time.perf_counter() - t, 2)
        after = (sorted(p.name for p in settings.corpus_dir.iterdir()), read_pointer(settings.index_dir).gen_id)
    return {"bytes": len(data), "status": resp.status_code, "seconds": seconds, "unchanged": before == after,
            "message": resp.json().get("error", "")}


def _chunk_stats(chunks: list[Chunk]) -> dict:
    lengths = sorted(len(c.text) for c in chunks)
    if not lengths:
        return {}
    short = [c for c in chunks if len(c.text) < 20]
    return {
        "chunks": len(lengths),
        "median_chars": statistics.median(lengths),
        "min_chars": lengths[0],
        "max_chars": lengths[-1],
        "under_20": len(short),
        "under_20_not_whole_article": sum(1 for c in short if not re.match(r"^第[一二三四五六七八九十百零〇\d]+条", c.text)),
    }


_GOLD_FIELDS = {"title": "title", "issuer": "issuer", "doc_number": "doc_number", "written_date": "date_written",
                "effective_date": "date_effective", "kind": "kind", "region": "region"}


def _metadata_agreement(folder: Path, metas: dict) -> dict:
    """Guessed metadata against the set's manifest.json (region: the guess names the gold region or its tail)."""
    gold_path = folder / "manifest.json"
    if not gold_path.exists():
        return {k: m.model_dump(exclude={"source_path"}) for k, m in metas.items()}
    gold = {g["file"]: g for g in json.loads(gold_path.read_text(encoding="utf-8"))}
    agree: dict[str, list[int]] = {}
    wrong = []
    for doc_id, meta in metas.items():
        g = gold.get(doc_id)
        if not g:
            continue
        for gold_key, field_name in _GOLD_FIELDS.items():
            got = getattr(meta, field_name) or ""
            ok = bool(got) and (got == g[gold_key] or (gold_key == "region" and g[gold_key].endswith(got)))
            agree.setdefault(field_name, []).append(ok)
            if not ok:
                wrong.append(f"{doc_id}.{field_name}: {got!r} (gold {g[gold_key]!r})")
    return {"agreement": {k: f"{sum(v)}/{len(v)}" for k, v in agree.items()}, "wrong": wrong}


def _answers(settings: Settings, qs: list[Question], rows: list[dict], searcher) -> list[dict]:
    from assistant.agent import ChatService
    from assistant.agent.lexicon import prompts

    service = ChatService(settings)
    out = []
    for q, row in zip(qs, rows, strict=True):
        a = service.ask(q.text)
        cited = [searcher.chunk(c.chunk_id) for c in a.citations if c.chunk_id]
        cited = [c for c in cited if c is not None]
        out.append(
            {
                "evidence": any(covers(c.doc_id, c.start, c.end, q) for c in cited),
                # a question whose gold the loader lost has nothing to be cited for
                "clause": bool(q.spans) and any(c.doc_id == q.doc and clause_matches(row["clause"], c) for c in cited),
                "refused": a.no_basis or prompts()["texts"]["no_basis"] in a.answer,
            }
        )
    service.store.engine.dispose()
    return out


def _diagnosis(qs: list[Question], rows: list[dict], searcher, hits: list[list[str]], answer_rows) -> list[dict]:
    """Per question not answered from its gold clause at rank 1: the gold chunk as indexed, the chunk ranked
    first, and whether the answer cited the gold clause — to tell chunking faults from ranking and from
    answer selection."""
    def show(c: Chunk | None) -> str:
        return "" if c is None else f"{c.doc_id} | {' > '.join(c.heading_path)} | {c.text[:120]}"

    out = []
    for i, (q, row) in enumerate(zip(qs, rows, strict=True)):
        if not q.doc:
            continue
        chunks = [searcher.chunk(cid) for cid in hits[i]]
        rank = next((r + 1 for r, c in enumerate(chunks) if c and covers(c.doc_id, c.start, c.end, q)), None)
        cited = answer_rows[i]["clause"] if answer_rows else None
        if rank == 1 and cited is not False:
            continue
        gold = [c for c in searcher.chunks if covers(c.doc_id, c.start, c.end, q)]
        out.append({"id": q.qid, "question": q.text, "rank": rank, "clause": row.get("clause", ""), "answer_cites_clause": cited,
                    "gold_chunks": [show(c) for c in gold[:2]], "first": show(chunks[0] if chunks else None)})
    return out


def run(folder: Path, answers: bool = True, diagnose: bool = False) -> dict:
    from assistant.retrieval.search import Searcher

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(ROOT / "corpus", corpus)
        docs_in_set = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in (".docx", ".pdf", ".html", ".htm", ".doc"))
        for name in docs_in_set:
            shutil.copy(folder / name, corpus / name)
        settings = Settings(
            corpus_dir=corpus, index_dir=Path(tmp) / "index", conversation_db_url=f"sqlite:///{Path(tmp) / 'c.db'}"
        )
        embedder = make_embedder(settings.embedding_model, settings.embedding_threads)
        report = build(settings, embedder=embedder)
        docs, errors = load_corpus(corpus)
        originals = {d.meta.doc_id: d.original for d in docs}
        table_rows = {d.meta.doc_id: [span for t in d.tables for span in t.rows] for d in docs}
        qs, rows, lost = load_set(folder, originals, table_rows)
        searcher = Searcher(settings, embedder=embedder)
        office_chunks = [c for c in searcher.chunks if c.doc_id in docs_in_set]
        tables = {d.meta.doc_id: [len(t.rows) for t in d.tables] for d in docs}
        results: dict = {"_meta": {"set": str(folder), "questions": len(qs), "embedder": embedder.name,
                                   "build": report.status, "errors": errors}}
        results["evidence_not_in_loaded_text"] = lost
        ranked = {}
        hit_ids: list[list[str]] = []
        for mode in ("hybrid", "bm25"):
            ranked[mode] = []
            for q in qs:
                res = searcher.search(q.text, k=10, mode=mode)
                ranked[mode].append(([(h.doc_id, h.start, h.end) for h in res.hits], res.no_basis))
                if mode == "hybrid":
                    hit_ids.append([h.chunk_id for h in res.hits])
        answer_rows = _answers(settings, qs, rows, searcher) if answers else None
        formats = sorted({r["format"] for r in rows if r["doc"]})
        groups = {f: [i for i, r in enumerate(rows) if r["format"] == f and r["doc"]] for f in formats}
        groups["table"] = [i for i, r in enumerate(rows) if r["kind"] == "table"]
        groups["all"] = [i for i, r in enumerate(rows) if r["doc"]]
        unanswerable = [i for i, r in enumerate(rows) if not r["doc"]]
        for name, idx in groups.items():
            if not idx:
                continue
            entry = {"questions": len(idx)}
            for mode, label in (("hybrid", "product"), ("bm25", "bm25_only")):
                s = score([ranked[mode][i][0] for i in idx], [ranked[mode][i][1] for i in idx], [0.0] * len(idx), [qs[i] for i in idx])
                entry[label] = {"recall@5": s["recall@5"], "mrr": s["mrr"], "misses": s["misses"]}
            entry["product"]["false_no_basis"] = round(sum(ranked["hybrid"][i][1] for i in idx) / len(idx), 4)
            if answer_rows:
                entry["answers_cite_evidence"] = round(sum(answer_rows[i]["evidence"] for i in idx) / len(idx), 4)
                entry["answers_cite_clause"] = round(sum(answer_rows[i]["clause"] for i in idx) / len(idx), 4)
                entry["wrongly_refused"] = round(sum(answer_rows[i]["refused"] for i in idx) / len(idx), 4)
                entry["clause_misses"] = [qs[i].qid for i in idx if not answer_rows[i]["clause"]]
            results[name] = entry
        if unanswerable:
            results["unanswerable"] = {
                "questions": len(unanswerable),
                "search_no_basis": round(sum(ranked["hybrid"][i][1] for i in unanswerable) / len(unanswerable), 4),
            }
            if answer_rows:
                results["unanswerable"]["answers_refused"] = round(
                    sum(answer_rows[i]["refused"] for i in unanswerable) / len(unanswerable), 4
                )
        results["chunks"] = {name: _chunk_stats([c for c in office_chunks if c.doc_id == name]) for name in docs_in_set}
        results["chunks"]["all"] = _chunk_stats(office_chunks)
        results["invented_clause_numbers"] = invented_markers(office_chunks, originals, tables)
        results["bomb_refusal"] = bomb_refusal(settings)
        results["metadata"] = _metadata_agreement(folder, {d.meta.doc_id: d.meta for d in docs if d.meta.doc_id in docs_in_set})
        if diagnose:
            results["diagnosis"] = _diagnosis(qs, rows, searcher, hit_ids, answer_rows)
    return results


def table(results: dict) -> str:
    lines = [f"{'subset':<10}{'n':>4}{'R@5':>8}{'MRR':>8}{'BM25 R@5':>10}{'BM25 MRR':>10}{'cite ev':>9}{'cite cl':>9}{'refused':>9}"]
    for name, r in results.items():
        if name.startswith("_") or name in ("chunks", "invented_clause_numbers", "metadata", "unanswerable", "bomb_refusal", "diagnosis",
                                                 "evidence_not_in_loaded_text"):
            continue
        p, b = r["product"], r["bm25_only"]
        lines.append(
            f"{name:<10}{r['questions']:>4}{p['recall@5']:>8}{p['mrr']:>8}{b['recall@5']:>10}{b['mrr']:>10}"
            f"{r.get('answers_cite_evidence', 'n/a'):>9}{r.get('answers_cite_clause', 'n/a'):>9}{r.get('wrongly_refused', 'n/a'):>9}"
        )
    if "unanswerable" in results:
        lines.append(f"unanswerable: {json.dumps(results['unanswerable'], ensure_ascii=False)}")
    lines.append(f"chunks (all office docs): {json.dumps(results['chunks']['all'], ensure_ascii=False)}")
    if "agreement" in results["metadata"]:
        lines.append(f"guessed metadata vs gold: {json.dumps(results['metadata']['agreement'], ensure_ascii=False)}")
    lines.append(f"docx bomb through POST /api/documents: {json.dumps(results['bomb_refusal'], ensure_ascii=False)}")
    lost = results.get("evidence_not_in_loaded_text", [])
    lines.append(f"evidence not in loaded text (counted as misses): {len(lost)} {[x['id'] for x in lost]}")
    lines.append(f"invented clause numbers: {len(results['invented_clause_numbers'])} {results['invented_clause_numbers'][:5]}")
    for name, r in results.items():
        if isinstance(r, dict) and "product" in r and r["product"]["misses"]:
            lines.append(f"{name} product misses: {', '.join(r['product']['misses'])}")
    for d in results.get("diagnosis", []):
        lines.append(f"--- {d['id']} rank {d['rank']} (gold {d['clause']}; answer cites it: {d['answer_cites_clause']}) {d['question']}")
        lines.extend(f"    gold:  {g}" for g in d["gold_chunks"])
        lines.append(f"    first: {d['first']}")
    return "\n".join(lines)

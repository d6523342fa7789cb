"""Lookup by article number: 「第十三条」 / 「第13条」 in a question ranks that article of the best-matching
document first — exactly that article, never 第三十三条 because its words look alike."""

from __future__ import annotations

import re

import numpy as np

from assistant.retrieval.evidence import Evidence, Verdict
from indexer.clauses import ANNEX, ARTICLE
from indexer.metadata import doc_numbers, same_doc_number
from indexer.models import Chunk
from indexer.numerals import parse_cjk

_ASKED = re.compile(r"第\s*([一二三四五六七八九十百零〇两\d]+)\s*条")


def _number(raw: str) -> int | None:
    raw = raw.replace("两", "二")
    if raw.isdigit():
        return int(raw)
    value = parse_cjk(raw)
    return int(value) if value else None


def asked_articles(question: str) -> set[int]:
    return {n for m in _ASKED.finditer(question) if (n := _number(m.group(1)))}


def chunk_article(chunk: Chunk) -> int | None:
    """The article a chunk belongs to, from its heading path (or its opening words)."""
    for label in [*chunk.heading_path, chunk.text[:12]]:
        m = ARTICLE.match(label)
        if m:
            return _number(m.group(1))
    return None


def chunk_articles(chunks: list[Chunk]) -> np.ndarray:
    """Per chunk its article number (0 = none), computed once per loaded index."""
    return np.array([chunk_article(c) or 0 for c in chunks], dtype=np.int64)


def outside_articles(chunks: list[Chunk], articles: np.ndarray, doc_of: np.ndarray) -> np.ndarray:
    """Per chunk: it is text of a document organised in articles that is in none of them and in no 附件 — the
    印发 notice around the rules (which restates their title) and the signature block. A document's rules are
    its articles; those words are context for them."""
    has_articles = np.zeros(int(doc_of.max()) + 1 if len(doc_of) else 0, dtype=bool)
    has_articles[doc_of[articles > 0]] = True
    return np.array([bool(has_articles[doc_of[i]]) and articles[i] == 0
                     and not any(ANNEX.match(label) for label in c.heading_path)
                     for i, c in enumerate(chunks)], dtype=bool)


def rank_asked_articles(
    question: str,
    chunks: list[Chunk],
    score: np.ndarray,
    articles: np.ndarray | None = None,
    doc_of: np.ndarray | None = None,
) -> np.ndarray:
    """Chunks of an asked article first: documents ordered by their best-scoring chunk for the question
    (title, number and region words pick the document; a document whose number the question gives comes
    before all others), the article's own chunks by their score.
    ``articles`` (from chunk_articles) and ``doc_of`` (chunk → document index) spare a loop over the chunks."""
    asked = asked_articles(question)
    if not asked or not len(chunks):
        return score
    if articles is None:
        articles = chunk_articles(chunks)
    match = np.isin(articles, list(asked))
    if not match.any():
        return score
    top = float(score.max()) if score.max() > 0 else 1.0
    if doc_of is None:
        index: dict[str, int] = {}
        doc_of = np.array([index.setdefault(c.doc_id, len(index)) for c in chunks], dtype=np.int64)
    doc_best = np.zeros(int(doc_of.max()) + 1, dtype=np.float64)
    np.maximum.at(doc_best, doc_of, np.maximum(score.astype(np.float64), 0.0))
    named = doc_numbers(question)
    if named:  # the document whose number the question gives is the one asked about
        holders = {int(doc_of[i]) for i, c in enumerate(chunks) if "号" in c.text and any(
            same_doc_number(a, b) for a in named for b in doc_numbers(c.text))}
        for d in holders:
            doc_best[d] += top
    doc = doc_best[doc_of].astype(np.float32)
    # above every other chunk: offset by the best score, then document first, own score second
    boosted = top + doc + 0.1 * score
    return np.where(match, boosted, score).astype(score.dtype)


def confirm_asked_article(
    question: str, chunks: list[Chunk], ranked: list[int], region_match: np.ndarray | None, verdict: Verdict
) -> Verdict:
    """A question that names an article ("第十三条讲的是什么") is answered by that article itself: when the best
    hit is the asked article of a document in the asked region, it is the evidence, whatever words the
    question adds ("讲的是什么", "咋规定的"); sentences of other articles (the 施行 article naming the
    document's title, a repealed document's number) are no answer to it."""
    if not ranked:
        return verdict
    top = chunks[ranked[0]]
    asked = asked_articles(question)
    if chunk_article(top) not in asked or (region_match is not None and not region_match[ranked[0]]):
        return verdict
    by_id = {chunks[i].chunk_id: chunks[i] for i in ranked}

    def inside(e: Evidence) -> bool:
        c = by_id.get(e.chunk_id)
        return c is not None and c.doc_id == top.doc_id and chunk_article(c) in asked

    if not verdict.no_basis:
        kept = [e for e in verdict.evidence if inside(e)]
        if kept:
            return verdict.model_copy(update={"evidence": kept})
    evidence = Evidence(
        part=0, asked_type="article", chunk_id=top.chunk_id, region=top.region, sentence=top.text,
        start=0, end=len(top.text), score=1.0,
    )
    return Verdict(no_basis=False, confidence=max(verdict.confidence, 0.9), evidence=[evidence])

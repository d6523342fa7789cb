"""Answer evaluation: the chat agent (whatever model the settings select) on one question set.

- shown evidence: the answer text itself contains at least half of each gold evidence span (the longest
  common run of characters, punctuation aside), so a citation of the right clause with the wrong sentence
  quoted does not count;
- key facts: the numbers and key terms of the gold answer (the set's `key_facts` when it gives them, else
  the figures and quoted terms of its `answer`) all appear in the answer;
- cited evidence (chunk level, kept for comparison): the answer cites a chunk covering at least half of a
  gold evidence span;
- refusal: the answer says the policy files hold no basis (unanswerable questions should, others not);
- uncited numbers: figures in the final answer found neither in the clauses it cites nor in its screening
  result nor in the product's own referral text (the guard should leave none);
- latency of a warm turn, each question in a new conversation.
"""

from __future__ import annotations

import json
import re
import statistics
import tempfile
import time
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

from assistant.agent import ChatAnswer, ChatService
from assistant.agent.guard import figures
from assistant.agent.lexicon import prompts
from assistant.agent.numbers import canonical, find_numbers
from eval.retrieval import Question, covers, load_questions
from indexer.build import build
from indexer.corpus import load_corpus
from indexer.settings import Settings
from indexer.text import normalize

_PUNCT = re.compile(r"[\s,，。.;；:：、“”\"'「」『』《》()（）【】\[\]!！?？\-—]+")
_QUOTED_TERM = re.compile(r"[“\"「]([^”\"」]{2,20})[”\"」]")


def run(set_path: Path, settings: Settings | None = None) -> dict:
    settings = settings or Settings()
    with tempfile.TemporaryDirectory() as tmp:
        # a private conversation store: the evaluation must not fill the product's history
        settings = settings.model_copy(update={"conversation_db_url": f"sqlite:///{Path(tmp) / 'eval.db'}"})
        build(settings)
        docs, _ = load_corpus(settings.corpus_dir)
        qs = load_questions(Path(set_path), {d.meta.doc_id: d.original for d in docs})
        service = ChatService(settings)
        service.warm()
        service.ask(qs[0].text)  # warm the whole turn path once
        rows = []
        for q in qs:
            t = time.perf_counter()
            answer = service.ask(q.text)
            ms = (time.perf_counter() - t) * 1000
            rows.append(_row(q, answer, ms, service))
        service.store.engine.dispose()
    return _score(rows, set_path, settings)


def _row(q: Question, a: ChatAnswer, ms: float, service: ChatService) -> dict:
    # the user's own figures may be restated, and a no-basis answer names the years the documents do give
    # (read from the clauses by the search, which the answer then does not cite)
    refused = a.no_basis or prompts()["texts"]["no_basis"] in a.answer
    verdict = service.searcher.search(q.text) if refused else None
    reasons = [verdict.no_basis_reason] if verdict else []
    spans, support = [], [prompts()["texts"]["referral"], json.dumps(a.eligibility or {}, ensure_ascii=False), q.text,
                          *reasons]
    for c in a.citations:
        chunk = service.searcher.chunk(c.chunk_id) if c.chunk_id else None
        if chunk is not None:
            spans.append((chunk.doc_id, chunk.start, chunk.end))
            support.append("\n".join([chunk.title, *chunk.heading_path, chunk.text]))
        else:
            support.append(c.quote or c.label())
    known = {canonical(n.value) for n in find_numbers("\n".join(support))}
    uncited = [written for written, value in figures(a.answer) if value not in known]
    facts = gold_facts(q)
    return {
        "id": q.qid,
        "kind": q.kind or ("answerable" if q.answerable else "unanswerable"),
        "answerable": q.answerable,
        "shown_evidence": bool(q.evidence) and all(shown(ev, a.answer) for ev in q.evidence),
        "key_facts": None if not q.answerable or not facts else all(has_fact(f, a.answer) for f in facts),
        "cited_evidence": any(covers(d, s, e, q) for d, s, e in spans),
        "refused": refused,
        # what did not match (region, year, type, subject, stated, content…), as the search's verdict says
        "no_basis_kind": (verdict.no_basis_kind or "answer") if verdict else "",
        "uncited": uncited,
        "guard_removed": len(a.guard.removed_sentences),
        "tools": [t.name for t in a.tool_calls],
        "ms": ms,
    }


def _plain(text: str) -> str:
    return _PUNCT.sub("", normalize(text))


def shown(evidence: str, answer: str) -> bool:
    """The answer contains at least half of the evidence span as one run of characters."""
    ev, ans = _plain(evidence), _plain(answer)
    if not ev:
        return False
    match = SequenceMatcher(None, ev, ans, autojunk=False).find_longest_match(0, len(ev), 0, len(ans))
    return match.size * 2 >= len(ev)


def gold_facts(q: Question) -> list[str]:
    if q.key_facts is not None:
        return list(q.key_facts)
    answer = q.answer or ""
    return [n.text for n in find_numbers(answer) if n.text[0].isdigit()] + _QUOTED_TERM.findall(answer)


def has_fact(fact: str, answer: str) -> bool:
    """A fact is shown when its text is in the answer, or (for a figure) its value is."""
    if _plain(fact) in _plain(answer):
        return True
    wanted = [canonical(n.value) for n in find_numbers(fact)]
    got = {canonical(n.value) for n in find_numbers(normalize(answer))}
    return bool(wanted) and all(w in got for w in wanted)


def _by_kind(rows: list[dict]) -> dict[str, dict]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r["kind"]].append(r)
    out = {}
    for kind, items in sorted(groups.items()):
        answerable = [r for r in items if r["answerable"]]
        facts = [r for r in answerable if r["key_facts"] is not None]
        out[kind] = {
            "n": len(items),
            "shown_evidence_rate": _rate(answerable, "shown_evidence"),
            "key_facts_rate": _rate(facts, "key_facts"),
            "cited_evidence_rate": _rate(answerable, "cited_evidence"),
            "refused": _rate(items, "refused"),
        }
    return out


def _histogram(items: list[dict]) -> dict[str, int]:
    """Refusals by the kind of mismatch that fired ("answer": the agent refused where the search found a basis)."""
    counts: dict[str, int] = defaultdict(int)
    for r in items:
        if r["refused"]:
            counts[r["no_basis_kind"]] += 1
    return dict(sorted(counts.items()))


def _rate(items: list[dict], key: str) -> float | None:
    return round(sum(bool(r[key]) for r in items) / len(items), 4) if items else None


def _score(rows: list[dict], set_path: Path, settings: Settings) -> dict:
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    lat = sorted(r["ms"] for r in rows)

    rate = _rate
    with_facts = [r for r in answerable if r["key_facts"] is not None]
    return {
        "shown_evidence_rate": rate(answerable, "shown_evidence"),
        "key_facts_rate": rate(with_facts, "key_facts"),
        "cited_evidence_rate": rate(answerable, "cited_evidence"),
        "refusal_rate_unanswerable": rate(unanswerable, "refused"),
        "false_refusal_rate": rate(answerable, "refused"),
        "uncited_numbers": sum(len(r["uncited"]) for r in rows),
        "guard_removed_sentences": sum(r["guard_removed"] for r in rows),
        "latency_ms_p50": round(statistics.median(lat), 2),
        "latency_ms_p95": round(lat[min(len(lat) - 1, int(0.95 * len(lat)))], 2),
        "misses": [r["id"] for r in answerable if not r["cited_evidence"]],
        "not_shown": [r["id"] for r in answerable if not r["shown_evidence"]],
        "facts_missing": [r["id"] for r in with_facts if not r["key_facts"]],
        "by_kind": _by_kind(rows),
        "false_refusals": [r["id"] for r in answerable if r["refused"]],
        "no_basis_kinds": {"answerable": _histogram(answerable), "unanswerable": _histogram(unanswerable)},
        "unrefused": [r["id"] for r in unanswerable if not r["refused"]],
        "uncited": {r["id"]: r["uncited"] for r in rows if r["uncited"]},
        "_meta": {
            "set": str(set_path),
            "questions": len(rows),
            "answerable": len(answerable),
            "model": f"openai-compatible {settings.llm_model} at {settings.llm_base_url}" if settings.llm_base_url
            else "offline",
        },
    }


TARGETS = {
    "shown_evidence_rate": (">=", 0.90),
    "key_facts_rate": (">=", 0.85),
    "cited_evidence_rate": (">=", 0.90),
    "refusal_rate_unanswerable": (">=", 0.85),
    "false_refusal_rate": ("<=", 0.05),
    "uncited_numbers": ("<=", 0),
    "latency_ms_p95": ("<=", 300),
}


def table(results: dict) -> str:
    lines = [f"{'metric':<28}{'value':>10}{'target':>12}  ok"]
    for key, (op, bound) in TARGETS.items():
        value = results.get(key)
        ok = value is not None and (value >= bound if op == ">=" else value <= bound)
        mark = "-" if value is None else "✔" if ok else "✘"  # a set without gold for a metric is not a failure
        lines.append(f"{key:<28}{'n/a' if value is None else value:>10}{op + ' ' + str(bound):>12}  {mark}")
    lines.append(f"{'latency_ms_p50':<28}{results['latency_ms_p50']:>10}")
    lines.append(f"{'guard_removed_sentences':<28}{results['guard_removed_sentences']:>10}")
    meta = results["_meta"]
    lines.append(f"\n{meta['questions']} questions ({meta['answerable']} answerable), model {meta['model']}")
    lines.append(f"\n{'kind':<18}{'n':>4}{'shown':>8}{'facts':>8}{'cited':>8}{'refused':>9}")
    for kind, k in results["by_kind"].items():
        cells = [k[c] for c in ("shown_evidence_rate", "key_facts_rate", "cited_evidence_rate", "refused")]
        lines.append(f"{kind:<18}{k['n']:>4}" + "".join(f"{'-' if v is None else v:>8}" for v in cells))
    lines.append(f"\nevidence not shown: {', '.join(results['not_shown']) or 'none'}")
    lines.append(f"key facts missing: {', '.join(results['facts_missing']) or 'none'}")
    lines.append(f"no cited evidence: {', '.join(results['misses']) or 'none'}")
    lines.append(f"false refusals: {', '.join(results['false_refusals']) or 'none'}")
    lines.append(f"unanswerable not refused: {', '.join(results['unrefused']) or 'none'}")
    kinds = results["no_basis_kinds"]
    lines.append(f"no-basis kinds: answerable {kinds['answerable'] or '-'}; unanswerable {kinds['unanswerable'] or '-'}")
    if results["uncited"]:
        lines.append(f"uncited numbers: {results['uncited']}")
    return "\n".join(lines)

"""Multi-turn screening dialogues through the chat service, one conversation per dialogue.

Each JSONL line: {"id", "turns": [user message, ...], "expect": {program: status}, "speaker"?}. After the last
turn the statuses of the last screening in the conversation are compared with ``expect``. Also counted: figures
stated in an answer that the user did not say and no tool computed or quoted (unsupported facts); questions asked
again (the same question right after it was asked, or a fact the stored household already holds from an earlier
message); and, for dialogues the set tags ``what_if``, whether the what-if was screened with the change while the
stored household stayed as it was.
"""

from __future__ import annotations

import json
import re
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from assistant.agent import ChatAnswer, ChatService
from assistant.agent.guard import figures
from assistant.agent.lexicon import prompts
from assistant.agent.numbers import canonical, find_numbers
from assistant.understanding.state import Fact, HouseholdState, PendingQuestion
from assistant.understanding.view import table as household_table
from indexer.build import build
from indexer.settings import Settings


def _values(text: str) -> set[str]:
    return {canonical(n.value) for n in find_numbers(text)}


def unsupported(answer: ChatAnswer, said: list[str]) -> list[str]:
    """Figures of the answer found neither in the user's messages nor in what the tools returned."""
    known = set().union(*(_values(t) for t in said)) if said else set()
    known |= _values(json.dumps(answer.eligibility or {}, ensure_ascii=False))
    known |= _values(json.dumps(answer.household or {}, ensure_ascii=False))
    for c in answer.citations:
        known |= _values(c.quote) | _values(c.title)
    # the product's own fixed texts (the 12345 hotline of the referral) are no fact about the household
    known |= _values(json.dumps(prompts()["texts"], ensure_ascii=False))
    return [written for written, value in figures(answer.answer) if value not in known]


def run(set_path: Path, settings: Settings | None = None) -> dict[str, Any]:
    settings = settings or Settings()
    dialogues = [json.loads(line) for line in set_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        settings = settings.model_copy(update={"conversation_db_url": f"sqlite:///{Path(tmp) / 'eval.db'}"})
        build(settings)
        service = ChatService(settings)
        service.warm()
        results = [_one(service, d) for d in dialogues]
        service.store.engine.dispose()
    checks = sum(len(r["expect"]) for r in results)
    right = sum(sum(1 for p in r["expect"] if r["got"].get(p) == r["expect"][p]) for r in results)
    passed = sum(1 for r in results if r["passed"])
    times = sorted(t for r in results for t in r.pop("turn_ms"))
    undecided = undecided_by_gold(results)
    return {
        "set": str(set_path),
        "dialogues": len(results),
        "passed": passed,
        "pass_rate": round(passed / len(results), 4) if results else 0.0,
        "status_accuracy": round(right / checks, 4) if checks else 0.0,
        "unsupported_facts": sum(len(r["unsupported"]) for r in results),
        "turn_ms_p50": round(statistics.median(times), 1) if times else 0.0,
        "turn_ms_p95": round(times[int(0.95 * (len(times) - 1))], 1) if times else 0.0,
        "wrong_definite": sum(1 for r in results for p, s in r["expect"].items()
                              if r["got"].get(p) not in (None, "needs_info", s)),
        "needs_info_decided": len(undecided),
        "missing_facts": dict(Counter(f for u in undecided for f in u["missing"]).most_common()),
        "asked_again": sum(len(r["asked_again"]) for r in results),
        "asked_again_ids": [r["id"] for r in results if r["asked_again"]],
        "what_if_dialogues": sum(1 for r in results if r["what_if"] is not None),
        "what_if_applied": sum(1 for r in results if r["what_if"] and r["what_if"]["applied"]),
        "what_if_failed_ids": [r["id"] for r in results if r["what_if"] and not r["what_if"]["applied"]],
        "undecided": undecided,
        "results": results,
    }


def _one(service: ChatService, d: dict[str, Any]) -> dict[str, Any]:
    cid = None
    got: dict[str, str] = {}
    missing: dict[str, list[str]] = {}
    said: list[str] = []
    bad: list[str] = []
    turn_ms = []
    errors = []
    again: list[dict[str, Any]] = []
    asked: PendingQuestion | None = None
    what_ifs: list[dict[str, Any]] = []
    for index, turn in enumerate(d["turns"]):
        said.append(turn)
        before = service.store.state(cid) if cid else HouseholdState()
        t = time.perf_counter()
        try:
            answer = service.ask(turn, cid, speaker=d.get("speaker"))
        except Exception as e:  # noqa: BLE001 - an evaluation records a failed turn and goes on
            errors.append(f"{type(e).__name__}: {str(e)[:200]}")
            continue
        turn_ms.append((time.perf_counter() - t) * 1000)
        cid = answer.conversation_id
        after = service.store.state(cid)
        q = answer.next_question
        if q is not None:
            if asked is not None and (asked.field, asked.person) == (q.field, q.person):
                again.append({"turn": index, "field": q.field, "why": "asked twice in a row"})
            elif (said_at := stated_at(after, q)) is not None and said_at < index:
                again.append({"turn": index, "field": q.field, "why": f"held from message {said_at}"})
        asked = q
        if answer.what_if or (index == len(d["turns"]) - 1 and not what_ifs):
            what_ifs.append(what_if_check(index, answer, before, after))
        if answer.eligibility:
            got = {r["program"]: r["status"] for r in answer.eligibility["results"]}
            missing = {r["program"]: [m["field"] for m in r.get("missing", [])] for r in answer.eligibility["results"]}
        bad += unsupported(answer, said)
    expect = d.get("expect", {})
    return {
        "id": d["id"],
        "passed": all(got.get(p) == s for p, s in expect.items()) and not errors,
        "expect": expect,
        "got": {p: got.get(p) for p in expect},
        "missing": {p: missing.get(p, []) for p in expect if got.get(p) == "needs_info"},
        "unsupported": bad,
        "asked_again": again,
        "what_if": what_ifs[-1] if what_ifs and "what_if" in d.get("phenomena", []) else None,
        "errors": errors,
        "turn_ms": turn_ms,
    }


def stated_at(state: HouseholdState, q: PendingQuestion) -> int | None:
    """The message a fact the question asks for was taken from, when the stored household already holds it."""
    field = re.sub(r"^members\[\d+\]\.", "", q.field)
    holder: Any = state.person(q.person) if q.person and field != q.field else state
    if holder is None:
        return None
    path = field.split(".")
    if path[0] == "local_parameters":
        path[0] = "local"
    for name in path:
        holder = getattr(holder, name, None)
        if holder is None:
            return None
        if isinstance(holder, Fact):
            return holder.message
    return None


def what_if_check(index: int, answer: ChatAnswer, before: HouseholdState, after: HouseholdState) -> dict[str, Any]:
    """A what-if turn: recognised, screened with the change (the household screened differs from the stored one
    before the turn), the change said in the answer, and the stored household's facts unchanged (but for the
    screening's frame: year, local standards)."""
    def facts(s: HouseholdState) -> dict[str, Any]:  # the values, not their provenance
        return {k: v for k, v in s.slots().items() if k not in ("year", "local_parameters")}

    screened = answer.eligibility is not None and answer.household is not None and answer.household != household_table(before)
    kept = facts(after) == facts(before)
    texts = prompts()["texts"]
    said = any(t in answer.answer for t in (texts.get("what_if"), texts.get("what_if_frame")) if t)
    return {"turn": index, "recognised": answer.what_if, "screened_with_change": screened, "household_kept": kept,
            "change_said": said, "applied": answer.what_if and screened and kept and said}


def undecided_by_gold(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each status the gold decides (meets / does_not_meet) that came out needs_info, with the facts asked for."""
    return [{"id": r["id"], "program": p, "expect": s, "missing": r["missing"].get(p, [])}
            for r in results for p, s in r["expect"].items()
            if s != "needs_info" and r["got"].get(p) == "needs_info"]


def table(result: dict[str, Any]) -> str:
    lines = [f"dialogues {result['dialogues']}  passed {result['passed']}  pass rate {result['pass_rate']:.3f}"
             f"  status accuracy {result['status_accuracy']:.3f}  unsupported facts {result['unsupported_facts']}"
             f"  turn p50 {result['turn_ms_p50']} ms p95 {result['turn_ms_p95']} ms"
             f"  wrong definite {result['wrong_definite']}",
             f"asked again {result['asked_again']} ({', '.join(result['asked_again_ids']) or '-'})"
             f"  what-if applied {result['what_if_applied']}/{result['what_if_dialogues']}"
             f" (failed: {', '.join(result['what_if_failed_ids']) or '-'})", "",
             f"needs_info where the gold decides: {result['needs_info_decided']}; facts asked for:"]
    lines += [f"  {n:3d}  {f}" for f, n in result["missing_facts"].items()]
    lines += [f"  {u['id']} {u['program']} (gold {u['expect']}): {', '.join(u['missing']) or '-'}"
              for u in result["undecided"]]
    lines.append("")
    for r in result["results"]:
        if not r["passed"]:
            lines.append(f"FAIL {r['id']}: expected {r['expect']} got {r['got']} {r['errors'][:1] or ''}")
    return "\n".join(lines)

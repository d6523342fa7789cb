"""Multi-turn screening dialogues through the chat service, one conversation per dialogue.

Each JSONL line: {"id", "turns": [user message, ...], "expect": {program: status}, "speaker"?}. After the last
turn the statuses of the last screening in the conversation are compared with ``expect``. Also counted: figures
stated in an answer that the user did not say and no tool computed or quoted (unsupported facts).
"""

from __future__ import annotations

import json
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
    for turn in d["turns"]:
        said.append(turn)
        t = time.perf_counter()
        try:
            answer = service.ask(turn, cid, speaker=d.get("speaker"))
        except Exception as e:  # noqa: BLE001 - an evaluation records a failed turn and goes on
            errors.append(f"{type(e).__name__}: {str(e)[:200]}")
            continue
        turn_ms.append((time.perf_counter() - t) * 1000)
        cid = answer.conversation_id
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
        "errors": errors,
        "turn_ms": turn_ms,
    }


def undecided_by_gold(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each status the gold decides (meets / does_not_meet) that came out needs_info, with the facts asked for."""
    return [{"id": r["id"], "program": p, "expect": s, "missing": r["missing"].get(p, [])}
            for r in results for p, s in r["expect"].items()
            if s != "needs_info" and r["got"].get(p) == "needs_info"]


def table(result: dict[str, Any]) -> str:
    lines = [f"dialogues {result['dialogues']}  passed {result['passed']}  pass rate {result['pass_rate']:.3f}"
             f"  status accuracy {result['status_accuracy']:.3f}  unsupported facts {result['unsupported_facts']}"
             f"  turn p50 {result['turn_ms_p50']} ms p95 {result['turn_ms_p95']} ms"
             f"  wrong definite {result['wrong_definite']}", "",
             f"needs_info where the gold decides: {result['needs_info_decided']}; facts asked for:"]
    lines += [f"  {n:3d}  {f}" for f, n in result["missing_facts"].items()]
    lines += [f"  {u['id']} {u['program']} (gold {u['expect']}): {', '.join(u['missing']) or '-'}"
              for u in result["undecided"]]
    lines.append("")
    for r in result["results"]:
        if not r["passed"]:
            lines.append(f"FAIL {r['id']}: expected {r['expect']} got {r['got']} {r['errors'][:1] or ''}")
    return "\n".join(lines)

"""Slot precision and recall of the offline reader on single utterances with gold slot values.

Gold and prediction are flattened to slot paths: members are matched by relation, then by order within a
relation; regions are compared per level by official name; a point value is right when equal (money within
1 yuan); a gold range {"min", "max"} is right only when the prediction is a range overlapping it. The sets
write labour capacity as a boolean (has some / has none); the reader's "full" / "none" are read as that.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from assistant.understanding.reader import read
from indexer.regions import gazetteer


def _flat(obj: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(obj, dict):
        if obj and set(obj) <= {"min", "max"}:
            return {prefix: obj}
        for k, v in obj.items():
            out.update(_flat(v, f"{prefix}.{k}" if prefix else k))
    elif isinstance(obj, list):
        if prefix.endswith("parents_situation"):
            return {prefix: sorted(x for x in obj if x)}
        for i, v in enumerate(obj):
            out.update(_flat(v, f"{prefix}[{i}]"))
    elif obj is not None:
        out[prefix] = obj
    return out


# the engine's name for a local standard → the sets' (spec §4 writes the rural / default standard as
# dibao_standard_yearly beside urban_dibao_standard_yearly)
_ALIASES = {"local_parameters.rural_dibao_standard_yearly": "local_parameters.dibao_standard_yearly"}

# the reader's labour capacity → the sets' boolean ("partial" has no boolean and stays as it is)
_LABOUR = {"none": False, "full": True}


def _keyed_members(members: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    seen: dict[str, int] = defaultdict(int)
    out = {}
    for m in members:
        rel = m.get("relation", "?")
        out[f"{rel}#{seen[rel]}"] = m
        seen[rel] += 1
    return out


def flatten(slots: dict[str, Any]) -> dict[str, Any]:
    slots = dict(slots)
    members = _keyed_members(slots.pop("members", []) or [])
    out = {_ALIASES.get(k, k): v for k, v in _flat(slots).items()}
    for key, m in members.items():
        for path, v in _flat(m).items():
            out[f"members[{key}].{path}"] = v
    for path, v in list(out.items()):
        if path.endswith("labour_capacity") and v in _LABOUR:
            out[path] = _LABOUR[v]
    g = gazetteer()
    for level in ("province", "prefecture", "county"):
        path = f"region.{level}"
        if path in out and isinstance(out[path], str):
            out[path] = g.canonical(out[path]) or out[path]
    return out


def _right(pred: Any, gold: Any, path: str) -> bool:
    if isinstance(gold, dict):
        if not isinstance(pred, dict):
            return False
        return pred["min"] <= gold["max"] and gold["min"] <= pred["max"]
    if isinstance(pred, dict):
        return False
    if isinstance(gold, bool) or isinstance(pred, bool):
        return gold == pred
    if isinstance(gold, int | float) and isinstance(pred, int | float):
        tolerance = 1.0 if any(w in path for w in ("income", "assets", "standard", "expenses", "costs", "line")) else 0
        return abs(gold - pred) <= tolerance
    return gold == pred


def generic(path: str) -> str:
    return re.sub(r"\[[^\]]*\]", "[]", path)


def score_one(pred: dict[str, Any], gold: dict[str, Any], schema: set[str] | None = None) -> dict[str, Any]:
    """``schema``: the generic slot paths the set annotates; predicted slots outside it are not scored."""
    p, g = flatten(pred), flatten(gold)
    if schema is not None:
        p = {k: v for k, v in p.items() if generic(k) in schema}
    right_pred = [k for k in p if k in g and _right(p[k], g[k], k)]
    wrong = {k: {"pred": p[k], "gold": g.get(k)} for k in p if k not in right_pred}
    missed = {k: g[k] for k in g if k not in right_pred}
    return {"predicted": len(p), "gold": len(g), "right": len(right_pred), "wrong": wrong, "missed": missed,
            "right_paths": right_pred, "predicted_paths": list(p), "gold_paths": list(g)}


def per_slot(scores: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Precision and recall of each generic slot path (members[].age, region.county …) over a set's scores."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"predicted": 0, "gold": 0, "right": 0})
    for s in scores:
        for kind in ("predicted", "gold", "right"):
            for k in s[f"{kind}_paths"]:
                counts[generic(k)][kind] += 1
    return {k: {"precision": round(c["right"] / c["predicted"], 4) if c["predicted"] else 1.0,
                "recall": round(c["right"] / c["gold"], 4) if c["gold"] else 1.0, **c}
            for k, c in sorted(counts.items(), key=lambda kv: -(kv[1]["gold"] + kv[1]["predicted"]))}


def _align(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(gold relation, predicted relation or "-") per gold member: each gold member is paired with the unpaired
    predicted member sharing most of its other slots (ties: the same relation, then the same order), so a person
    found under the wrong relation shows as a confusion, not as a miss and a spurious member."""
    left = list(range(len(pred)))
    out = []

    def score(i: int, gi: int, g: dict[str, Any]) -> tuple[int, int, int]:
        pf = _flat(pred[i])
        same = sum(1 for k, v in _flat(g).items() if k != "relation" and k in pf and _right(pf[k], v, k))
        return (same, int(pred[i].get("relation") == g.get("relation")), -abs(i - gi))

    for gi, g in enumerate(gold):
        best = max(left, key=lambda i: score(i, gi, g), default=None)
        if best is None or (score(best, gi, g)[:2] == (0, 0) and len(gold) != len(pred)):
            out.append((str(g.get("relation", "?")), "-"))
            continue
        left.remove(best)
        out.append((str(g.get("relation", "?")), str(pred[best].get("relation", "?"))))
    out += [("-", str(pred[i].get("relation", "?"))) for i in left]
    return out


def breakdown(cases: list[tuple[dict[str, Any], dict[str, Any], set[str] | None]]) -> dict[str, Any]:
    """Where the slots go wrong: the confusion of members[].relation (gold → predicted, "-" for none) and the
    generic slot paths most often missed and most often wrong (predicted but not right)."""
    confusion: dict[str, int] = defaultdict(int)
    missed: dict[str, int] = defaultdict(int)
    wrong: dict[str, int] = defaultdict(int)
    for pred, gold, schema in cases:
        for g, p in _align(pred.get("members") or [], gold.get("members") or []):
            if g != p:
                confusion[f"{g} -> {p}"] += 1
        s = score_one(pred, gold, schema)
        for k in s["missed"]:
            missed[generic(k)] += 1
        for k in s["wrong"]:
            wrong[generic(k)] += 1

    def top(c: dict[str, int], n: int = 15) -> dict[str, int]:
        return dict(sorted(c.items(), key=lambda kv: -kv[1])[:n])

    return {"relation_confusion": top(confusion, 30), "top_missed": top(missed), "top_wrong": top(wrong)}


def run(paths: list[Path], schema_only: bool = True) -> dict[str, Any]:
    """``schema_only``: score only the kinds of slot the set annotates (a fact the annotators never record,
    like 持证, is neither right nor wrong); the unrestricted precision is reported too."""
    cases = [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    schema = {generic(k) for c in cases for k in flatten(c.get("gold") or {})} if schema_only else None
    totals = {"predicted": 0, "gold": 0, "right": 0}
    unrestricted = {"predicted": 0, "right": 0}
    by_phen: dict[str, dict[str, int]] = defaultdict(lambda: {"predicted": 0, "gold": 0, "right": 0})
    items = []
    times = []
    scored: list[tuple[dict[str, Any], dict[str, Any], set[str] | None]] = []
    scores: list[dict[str, Any]] = []
    for case in cases:
        role = "caseworker" if case.get("speaker") == "caseworker" else "citizen"
        t0 = time.perf_counter()
        reading = read(case["text"], None, role)
        times.append(time.perf_counter() - t0)
        pred = reading.state.slots() if reading.describes else {}
        s = score_one(pred, case.get("gold") or {}, schema)
        scored.append((pred, case.get("gold") or {}, schema))
        scores.append(s)
        every = score_one(pred, case.get("gold") or {})
        unrestricted["predicted"] += every["predicted"]
        unrestricted["right"] += every["right"]
        for k in totals:
            totals[k] += s[k]
        for ph in case.get("phenomena", []):
            for k in totals:
                by_phen[ph][k] += s[k]
        if s["wrong"] or s["missed"]:
            items.append({"id": case["id"], "text": case["text"], "wrong": s["wrong"], "missed": s["missed"]})

    def ratios(c: dict[str, int]) -> dict[str, float]:
        return {"precision": round(c["right"] / c["predicted"], 4) if c["predicted"] else 1.0,
                "recall": round(c["right"] / c["gold"], 4) if c["gold"] else 1.0, **c}

    times.sort()
    return {
        "utterances": len(times),
        **ratios(totals),
        "precision_all_slots": round(unrestricted["right"] / unrestricted["predicted"], 4)
        if unrestricted["predicted"] else 1.0,
        "per_phenomenon": {k: ratios(v) for k, v in sorted(by_phen.items())},
        "per_slot": per_slot(scores),
        "breakdown": breakdown(scored),
        "p95_ms": round(1000 * times[int(0.95 * (len(times) - 1))], 2) if times else 0.0,
        "errors": items,
    }


def table(result: dict[str, Any]) -> str:
    lines = [f"utterances {result['utterances']}  precision {result['precision']:.3f}  recall {result['recall']:.3f}"
             f"  (right {result['right']} / predicted {result['predicted']} / gold {result['gold']})"
             f"  p95 {result['p95_ms']} ms  (precision over all predicted slots {result['precision_all_slots']:.3f})", "",
             "phenomenon               precision  recall"]
    for k, v in result["per_phenomenon"].items():
        lines.append(f"{k:24} {v['precision']:9.3f} {v['recall']:7.3f}")
    lines += ["", "slot                                precision  recall  (right / predicted / gold)"]
    for k, v in result["per_slot"].items():
        lines.append(f"{k:36} {v['precision']:9.3f} {v['recall']:7.3f}  ({v['right']} / {v['predicted']} / {v['gold']})")
    b = result["breakdown"]
    for title, counts in (("members[].relation gold -> predicted", b["relation_confusion"]),
                          ("most missed slots", b["top_missed"]), ("most wrong slots", b["top_wrong"])):
        lines += ["", title] + [f"{n:5}  {k}" for k, n in counts.items()]
    return "\n".join(lines)

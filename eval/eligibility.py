"""Score the eligibility engine on a JSONL case file (`python -m eval eligibility --cases FILE [--json]`).

Case format, one JSON object a line:
``{"id": "...", "household": {...}, "expect": {"dibao": "meets", ...}}`` — programs not named in
``expect`` are not checked. Optional ``expect_estimate`` ({"dibao": 3600}) also checks yearly amounts.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from assistant.eligibility import HouseholdInputError, check_household

TOLERANCE_YUAN = 0.01


def load_cases(cases_path: str | Path) -> list[dict]:
    cases = []
    for number, line in enumerate(Path(cases_path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            case = json.loads(line)
            case.setdefault("id", f"line{number}")
            cases.append(case)
    return cases


def run(cases_path: str, as_json: bool) -> dict:
    """Per-program status accuracy, overall accuracy and every mismatch.

    With ``as_json`` False the dict also carries ``text``, a printable summary.
    """
    per_program: dict[str, dict[str, int]] = defaultdict(lambda: {"checked": 0, "correct": 0})
    mismatches: list[dict] = []
    errors: list[dict] = []
    cases = load_cases(cases_path)
    for case in cases:
        expect: dict[str, str] = case.get("expect", {})
        expect_estimate: dict[str, float] = case.get("expect_estimate", {})
        programs = sorted(set(expect) | set(expect_estimate))
        try:
            result = check_household(case["household"], programs or None)
        except (HouseholdInputError, ValueError) as error:
            errors.append({"id": case["id"], "error": str(error)})
            for program in expect:
                per_program[program]["checked"] += 1
            continue
        for program, wanted in expect.items():
            got = result.get(program).status
            per_program[program]["checked"] += 1
            if got == wanted:
                per_program[program]["correct"] += 1
            else:
                mismatches.append({"id": case["id"], "program": program, "expected": wanted, "got": got})
        for program, yearly in expect_estimate.items():
            estimate = result.get(program).estimate
            got_yearly = estimate.yearly if estimate else None
            if got_yearly is None or abs(got_yearly - yearly) > TOLERANCE_YUAN:
                mismatches.append(
                    {"id": case["id"], "program": program, "expected": f"estimate {yearly}", "got": f"estimate {got_yearly}"}
                )
    checked = sum(p["checked"] for p in per_program.values())
    correct = sum(p["correct"] for p in per_program.values())
    report = {
        "cases": len(cases),
        "checked": checked,
        "overall": correct / checked if checked else 0.0,
        "per_program": {
            name: {**counts, "accuracy": counts["correct"] / counts["checked"] if counts["checked"] else 0.0}
            for name, counts in sorted(per_program.items())
        },
        "mismatches": mismatches,
        "errors": errors,
    }
    if not as_json:
        report["text"] = table(report)
    return report


def table(report: dict) -> str:
    lines = [f"{'program':<28}{'checked':>8}{'correct':>8}{'accuracy':>10}"]
    for name, row in report["per_program"].items():
        lines.append(f"{name:<28}{row['checked']:>8}{row['correct']:>8}{row['accuracy']:>10.1%}")
    lines.append(f"{'overall':<28}{report['checked']:>8}{'':>8}{report['overall']:>10.1%}  ({report['cases']} cases)")
    for m in report["mismatches"]:
        lines.append(f"MISMATCH {m['id']} {m['program']}: expected {m['expected']}, got {m['got']}")
    for e in report["errors"]:
        lines.append(f"ERROR {e['id']}: {e['error']}")
    return "\n".join(lines)

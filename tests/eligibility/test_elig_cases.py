"""The JSONL case file: every case passes, and it covers every program, status and regional parameter."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.eligibility import PROGRAMS, check_household
from assistant.eligibility.parameters import table
from assistant.eligibility.regions import resolve
from eval.eligibility import load_cases, run

CASES = Path(__file__).with_name("cases.jsonl")
STATUSES = {"meets", "does_not_meet", "needs_info"}


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return load_cases(CASES)


@pytest.mark.parametrize("case", load_cases(CASES), ids=lambda c: c["id"])
def test_case(case: dict) -> None:
    programs = sorted(set(case["expect"]) | set(case.get("expect_estimate", {})))
    result = check_household(case["household"], programs)
    assert {p: result.get(p).status for p in case["expect"]} == case["expect"]
    for program, yearly in case.get("expect_estimate", {}).items():
        estimate = result.get(program).estimate
        assert estimate is not None and estimate.yearly == pytest.approx(yearly), program


def test_eval_scores_the_file_perfectly() -> None:
    report = run(str(CASES), as_json=True)
    assert report["mismatches"] == [] and report["errors"] == []
    assert report["overall"] == 1.0
    assert set(report["per_program"]) == set(PROGRAMS)
    assert "text" not in report
    assert "overall" in run(str(CASES), as_json=False)["text"]


def test_every_program_has_every_status(cases: list[dict]) -> None:
    seen = {program: set() for program in PROGRAMS}
    for case in cases:
        for program, status in case["expect"].items():
            seen[program].add(status)
    assert seen == {program: STATUSES for program in PROGRAMS}


def test_every_regional_parameter_row_is_exercised(cases: list[dict]) -> None:
    """Each dated or regional parameter row has a case in its region on or after its start date."""
    households = []
    for case in cases:
        h = case["household"]
        r = h.get("region") or {}
        region = resolve(r.get("province"), r.get("prefecture"), r.get("county"))
        households.append((region, date.fromisoformat(h["date"])))
    for entries in table().entries.values():
        for row in entries:
            if row.effective_from is None:
                continue
            hit = any(r.contains(row.region) and d >= row.effective_from for r, d in households)
            assert hit, f"no case for {row.name} in {row.region} from {row.effective_from}"


def test_needs_info_always_says_what_to_ask(cases: list[dict]) -> None:
    for case in cases:
        for result in check_household(case["household"]).results:
            assert (result.status == "needs_info") == any(not m.optional for m in result.missing), (case["id"], result.program)


def test_case_file_is_valid_jsonl() -> None:
    for line in CASES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert set(record) <= {"id", "household", "expect", "expect_estimate"}
        assert set(record["expect"]) <= set(PROGRAMS)
        assert set(record["expect"].values()) <= STATUSES


def test_every_step_and_estimate_has_a_basis(cases: list[dict]) -> None:
    """Each comparison or rule application carries a corpus citation or an external regulation; a
    caller-supplied value is labelled as such and cites the rule it feeds."""
    steps = 0
    offenders = []
    for case in cases:
        for result in check_household(case["household"]).results:
            for step in result.steps:
                steps += 1
                if not step.basis:
                    offenders.append(f"{case['id']} {result.program}: {step.subject} {step.what}")
                if step.caller_supplied and "调用方提供" not in step.note:
                    offenders.append(f"{case['id']} {result.program}: caller-supplied value unlabelled in {step.what}")
            if result.estimate is not None and not result.estimate.basis:
                offenders.append(f"{case['id']} {result.program}: estimate without basis")
    assert steps > 2000
    assert not offenders, f"{len(offenders)} without basis:\n" + "\n".join(offenders)

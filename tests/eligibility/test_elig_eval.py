"""The benchmark runs and reports its figures (timing targets are checked by `python -m eval bench-eligibility`,
never in pytest: a loaded machine would fail them)."""

from __future__ import annotations

from eval.bench_eligibility import large_household, run


def test_benchmark_reports_the_reference_and_the_largest_household() -> None:
    report = run(runs=8, warmup=1)
    assert report["programs"] == 9 and report["twenty_members"]["members"] == 20
    assert report["p50_ms"] <= report["p95_ms"] <= report["max_ms"]
    assert isinstance(report["meets_target"], bool)
    assert len(large_household()["members"]) == 20

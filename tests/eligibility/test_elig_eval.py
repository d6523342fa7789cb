"""The benchmark reports warm timings within budget."""

from __future__ import annotations

from eval.bench_eligibility import run


def test_benchmark_all_programs_under_five_ms() -> None:
    report = run(runs=300, warmup=20)
    assert report["programs"] == 9 and report["runs"] == 300
    assert report["p50_ms"] <= report["p95_ms"] <= report["max_ms"]
    assert report["p95_ms"] < 5.0

"""`python -m eval load --baseline DIR --rounds N`: paired runs alternate which checkout goes first, and the
comparison is the median of the per-pair ratios (this checkout / baseline). The runs themselves are replaced by a
fake that returns fixed figures per checkout (a real server pair takes a minute and the CPU of the machine)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from eval import load
from eval.__main__ import app as eval_app
from indexer.settings import ROOT


def _result(cpu: float, p95: float) -> dict:
    return {"server_cpu_ms_per_request": cpu,
            "endpoints": {"/api/search": {"p50_ms": p95 / 2, "p95_ms": p95, "rps": 100.0 / cpu}}}


def test_pairs_alternate_and_ratios_are_medians(monkeypatch, tmp_path):
    calls: list[Path] = []
    figures = iter([4.0, 5.0, 6.0])  # the baseline's CPU per request, round after round

    def fake_run(root: Path = ROOT, **options) -> dict:
        calls.append(Path(root))
        if Path(root) == ROOT:
            return _result(2.0, 20.0)
        return _result(next(figures), 40.0)

    monkeypatch.setattr(load, "run", fake_run)
    result = load.paired(tmp_path, rounds=3, concurrency=2)
    assert calls == [tmp_path, ROOT, ROOT, tmp_path, tmp_path, ROOT]  # ABBA…
    assert [r["ratios"]["server_cpu_ms_per_request"] for r in result["runs"]] == [0.5, 0.4, 0.333]
    assert result["median_ratios"]["server_cpu_ms_per_request"] == 0.4
    assert result["median_ratios"]["/api/search p95"] == 0.5
    assert "0.4" in load.paired_table(result)


def test_a_baseline_that_is_no_checkout_is_refused(tmp_path):
    out = CliRunner().invoke(eval_app, ["load", "--baseline", str(tmp_path), "--rounds", "1"], env={"COLUMNS": "400"})
    assert out.exit_code != 0
    assert "not a checkout" in out.output

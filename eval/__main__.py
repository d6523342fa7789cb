"""`python -m eval retrieval|eligibility|answers|load ...`"""

from __future__ import annotations

import json
from pathlib import Path

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Evaluations and benchmarks.")


@app.callback()
def main() -> None:
    """Evaluations and benchmarks (run as `python -m eval COMMAND`)."""


@app.command()
def retrieval(
    set: Path = typer.Option(..., "--set", exists=True, help="JSONL questions in the qa_dev format"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object keyed by pipeline"),
    baselines: bool = typer.Option(True, help="also run BM25-only, dense-only and the LangChain default"),
) -> None:
    from eval import retrieval as r

    results = r.run(set, baselines=baselines)
    typer.echo(json.dumps(results, ensure_ascii=False, indent=1) if as_json else r.table(results))


@app.command()
def eligibility(
    cases: Path = typer.Option(..., "--cases", exists=True, help="JSONL cases: household + expected status per program"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Per-program status accuracy of the eligibility engine on a case file, with the mismatches."""
    from eval import eligibility as e

    results = e.run(str(cases), as_json)
    typer.echo(json.dumps(results, ensure_ascii=False, indent=1) if as_json else results["text"])


@app.command("bench-eligibility")
def bench_eligibility() -> None:
    """Warm timing of all nine programs for one household (JSON)."""
    from eval import bench_eligibility as b

    typer.echo(json.dumps(b.run(), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    app()

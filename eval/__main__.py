"""`python -m eval retrieval|eligibility|answers|load|scale ...`"""

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
    """Retrieval quality and latency: the product pipeline and its baselines on one question set."""
    from eval import retrieval as r

    results = r.run(set, baselines=baselines)
    typer.echo(json.dumps(results, ensure_ascii=False, indent=1) if as_json else r.table(results))


@app.command()
def fusion(
    sets: list[Path] = typer.Option(..., "--set", exists=True, help="JSONL question sets (repeat --set)"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Fusion rule on every set in one run: MRR of BM25 only, fixed dense weights and the product's fusion."""
    from eval import retrieval as r

    results = r.fusion(sets)
    typer.echo(json.dumps(results, ensure_ascii=False, indent=1) if as_json else r.fusion_table(results))


@app.command()
def office(
    folder: Path = typer.Option(..., "--set", exists=True, file_okay=False, help="folder: documents + questions.jsonl"),
    as_json: bool = typer.Option(False, "--json"),
    answers: bool = typer.Option(True, help="also ask the (offline) agent each question"),
    diagnose: bool = typer.Option(False, help="per question not answered from its gold clause first: gold chunk and first chunk"),
) -> None:
    """Office documents (docx/pdf/html) indexed with the seeds: per-format R@5/MRR vs BM25, tables, clauses."""
    from eval import office as o

    results = o.run(folder, answers=answers, diagnose=diagnose)
    typer.echo(json.dumps(results, ensure_ascii=False, indent=1) if as_json else o.table(results))


@app.command()
def answers(
    set: Path = typer.Option(..., "--set", exists=True, help="JSONL questions in the qa_dev format"),
    as_json: bool = typer.Option(False, "--json", help="print the figures as one JSON object"),
) -> None:
    """The chat agent's answers: cited evidence, refusals, uncited numbers, turn latency."""
    from eval import answers as a

    results = a.run(set)
    typer.echo(json.dumps(results, ensure_ascii=False, indent=1) if as_json else a.table(results))


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


@app.command()
def load(
    concurrency: int = typer.Option(20, help="concurrent clients"),
    seconds: float = typer.Option(10.0, help="how long to fire requests"),
    workers: int | None = typer.Option(None, help="uvicorn worker processes (default: the server's, MZ_WORKERS)"),
    chat: bool = typer.Option(True, "--chat/--no-chat", help="mix caseworker chat turns in"),
    client: str = typer.Option("aiohttp", help="the load generator's HTTP client: aiohttp, or httpx (costlier)"),
    baseline: Path | None = typer.Option(None, help="another checkout (e.g. a worktree of main): paired A/B runs "
                                         "against its server on this checkout's index, reported as ratios"),
    rounds: int = typer.Option(3, min=1, help="with --baseline: pairs of runs"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """p50/p95 and errors of /api/search, /api/eligibility and /api/chat under concurrent clients (app on uvicorn),
    with the CPU per request of the server and of the load generator."""
    from eval import load as lt

    if client not in lt.CLIENTS:
        raise typer.BadParameter(f"--client: one of {', '.join(lt.CLIENTS)}")
    options = {"concurrency": concurrency, "seconds": seconds, "workers": workers, "chat": chat, "client": client}
    if baseline is not None:
        if not (baseline / "eval" / "load.py").exists():
            raise typer.BadParameter(f"--baseline: {baseline} is not a checkout of this project (no eval/load.py)")
        result = lt.paired(baseline, rounds=rounds, **options)
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else lt.paired_table(result))
        return
    result = lt.run(**options)
    typer.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else lt.table(result))


@app.command()
def scale(
    docs: str = typer.Option("4,400,2000", "--docs", help="comma list of synthetic library sizes (documents)"),
    as_json: bool = typer.Option(False, "--json"),
    keep: Path | None = typer.Option(None, help="keep each size's corpus and index under this directory"),
    reuse: Path | None = typer.Option(None, help="re-measure the libraries a --keep run left there (no cold build)"),
) -> None:
    """Cold build, one-file rebuild, start-up, RSS, disk and search p50/p95 at 1 and 4 clients per library size,
    with the lexical side against bm25s on the same tokens."""
    from eval import scale as s

    sizes = [int(x) for x in docs.split(",") if x.strip()]
    result = s.run(sizes, keep=keep, reuse=reuse)
    typer.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else s.table(result))


@app.command()
def quiz(
    as_json: bool = typer.Option(False, "--json", help="print the figures as one JSON object"),
    n: int = typer.Option(20, "--n", help="items per quiz"),
    sample: Path | None = typer.Option(None, "--sample", help="also write a 50-item default quiz here (JSON)"),
    sample_seed: int = typer.Option(0, "--sample-seed", help="seed of the sample's first quiz (the next: +1, …)"),
    sample_per_quiz: int = typer.Option(
        50, "--sample-per-quiz", help="items per quiz of the sample: below 50, the union of one trainer's quizzes"
    ),
) -> None:
    """Quiz builder: items by type, Bloom level, case share, drop reasons, topic coverage, CLI time."""
    from eval import quiz as q

    result = q.run(n=n, sample=sample, sample_seed=sample_seed, sample_per_quiz=sample_per_quiz)
    typer.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else q.table(result))


@app.command()
def utterances(
    set: list[Path] = typer.Option(..., "--set", exists=True, help="JSONL utterances with gold slots (repeatable)"),
    as_json: bool = typer.Option(False, "--json", help="print the figures as one JSON object"),
) -> None:
    """Slot precision / recall of the offline household reader, overall and per phenomenon."""
    from eval import utterances as u

    result = u.run(list(set))
    typer.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else u.table(result))


@app.command()
def dialogues(
    set: Path = typer.Option(..., "--set", exists=True, help="JSONL dialogues: {id, turns, expect}"),
    as_json: bool = typer.Option(False, "--json", help="print the figures as one JSON object"),
) -> None:
    """Multi-turn screenings through the chat service: program statuses after the last turn."""
    from eval import dialogues as d

    result = d.run(set)
    typer.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else d.table(result))


@app.command("openai-compat")
def openai_compat(
    embedder: str = typer.Option("use", help="embedding model of the index built for the run (use, hash, a path)"),
    limit: int = typer.Option(0, help="ask only the first N questions of the pool (0: all)"),
    as_json: bool = typer.Option(False, "--json"),
    llm: str = typer.Option("offline", help="offline, or scripted: a scripted OpenAI-compatible model that paces its "
                                            "tokens (first-token latency after the model's first token)"),
    first_ms: float = typer.Option(300.0, help="scripted model: wait before its first token"),
    piece_ms: float = typer.Option(25.0, help="scripted model: wait between pieces"),
    chars: int = typer.Option(1, help="scripted model: characters per piece"),
) -> None:
    """Streaming latency of /v1/chat/completions with the `openai` client: time to the first chunk (offline model),
    or with --llm scripted, time from the model's first token to the caller's first token (/v1 and /api/chat)."""
    if llm == "scripted":
        from eval import llm_stream as ls

        result = ls.run(embedder=embedder, limit=limit or None, first_ms=first_ms, piece_ms=piece_ms, chars=chars)
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else ls.table(result))
        return
    if llm != "offline":
        raise typer.BadParameter("offline or scripted", param_hint="--llm")
    from eval import openai_compat as oc

    result = oc.run(embedder=embedder, limit=limit or None)
    typer.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else oc.table(result))


if __name__ == "__main__":
    app()

"""`indexer build` and `indexer stats`."""

from __future__ import annotations

import json
from collections import Counter

import typer

from indexer.settings import get_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Build and inspect the clause index.")


@app.command()
def build(force: bool = typer.Option(False, help="rebuild even when nothing changed")) -> None:
    """Index corpus/: only changed documents are re-chunked and only new chunks are embedded."""
    from indexer.build import build as run_build
    from indexer.store import build_lock

    settings = get_settings()
    with build_lock(settings.index_dir):  # the same lock uploads take
        report = run_build(settings, force=force)
    typer.echo(
        f"{report.status}: generation {report.generation}, {report.documents} documents, {report.chunks} chunks "
        f"({report.embedded} embedded, {report.reused} reused) in {report.seconds:.2f} s"
    )
    if report.changed:
        typer.echo(f"re-chunked: {', '.join(report.changed)}")
    if report.removed:
        typer.echo(f"removed: {', '.join(report.removed)}")
    for err in report.errors:
        typer.echo(f"skipped: {err}", err=True)


@app.command()
def stats(as_json: bool = typer.Option(False, "--json")) -> None:
    """Documents, chunks and sizes of the current index generation."""
    from indexer.store import CorruptPointer, read_pointer

    settings = get_settings()
    try:
        gen = read_pointer(settings.index_dir)
    except CorruptPointer as exc:
        typer.echo(f"the index pointer is unreadable ({exc}): run `indexer build` to replace it", err=True)
        raise typer.Exit(1) from exc
    if gen is None:
        typer.echo("no index yet: run `indexer build`", err=True)
        raise typer.Exit(1)
    chunks = gen.load_chunks()
    per_doc = Counter(c.doc_id for c in chunks)
    lengths = [len(c.text) for c in chunks]
    data = {
        "generation": gen.gen_id,
        "embedder": gen.embedder,
        "collection": gen.collection,
        "documents": {d: n for d, n in sorted(per_doc.items())},
        "chunks": len(chunks),
        "chunk_chars": {"max": max(lengths, default=0), "mean": round(sum(lengths) / max(1, len(lengths)), 1)},
        "skipped_files": gen.errors,
    }
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    typer.echo(f"generation {data['generation']} ({data['embedder']}), {data['chunks']} chunks")
    for doc, n in data["documents"].items():
        typer.echo(f"  {n:4d}  {doc}")
    typer.echo(f"chunk body chars: max {data['chunk_chars']['max']}, mean {data['chunk_chars']['mean']}")
    for err in gen.errors:
        typer.echo(f"skipped: {err}")


if __name__ == "__main__":
    app()

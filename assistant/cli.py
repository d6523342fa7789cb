"""The `assistant` command: search, check, ask, chat, quiz, serve."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from indexer.settings import get_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="民政社会救助政策助手 / civil-affairs policy assistant")


@app.command()
def search(
    query: str,
    k: int = typer.Option(5, "-k", help="how many clauses"),
    region: str | None = typer.Option(None, help="rank this region's clauses first, e.g. 贵州"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Print the clauses that best answer QUERY, with their citations."""
    from assistant.retrieval.search import Searcher

    result = Searcher(get_settings()).search(query, k=k, region=region)
    if as_json:
        typer.echo(result.model_dump_json(indent=1))
        return
    if result.no_basis:
        typer.echo(f"政策文件中未找到依据：{result.no_basis_reason}（以下为最接近的条款，仅供参考）")
    for i, hit in enumerate(result.hits, 1):
        typer.echo(f"[{i}] {hit.score:.3f}  《{hit.title}》 {' > '.join(hit.heading_path)}")
        typer.echo(f"    {hit.region}  chunk {hit.chunk_id}  offsets {hit.start}-{hit.end}")
        typer.echo(f"    {hit.marked_text}")


@app.command()
def serve(
    host: str | None = typer.Option(None),
    port: int | None = typer.Option(None),
    workers: int = typer.Option(1),
) -> None:
    """Start the web service (chat, citizen widget, trainer pages and the API)."""
    import uvicorn

    settings = get_settings()
    uvicorn.run(
        "assistant.api.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
    )


@app.command()
def check(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="household JSON (see spec/eligibility.md)"),
    as_json: bool = typer.Option(False, "--json"),
    audience: str = typer.Option("caseworker", help="caseworker | citizen"),
) -> None:
    """Pre-screen a household for all nine programs, with steps, bases and what is missing."""
    from assistant.eligibility.cli_command import check_command

    if audience not in ("caseworker", "citizen"):
        raise typer.BadParameter("audience must be caseworker or citizen")
    try:
        typer.echo(check_command(str(path), as_json, audience))
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc


def _echo_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=1))

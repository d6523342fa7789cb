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
    workers: int | None = typer.Option(None, help="worker processes (default MZ_WORKERS; 0 = one per core as memory allows)"),
) -> None:
    """Start the web service (chat, citizen widget, trainer pages and the API)."""
    from assistant.serving import serve as serve_app
    from indexer.settings import worker_count

    settings = get_settings()
    if workers is not None:
        settings = settings.model_copy(update={"workers": workers})
    serve_app(
        "assistant.api.app:create_app",
        host=host or settings.host,
        port=port or settings.port,
        workers=worker_count(settings),
        # X-Forwarded-For is trusted only from MZ_TRUSTED_PROXIES (assistant/api/ratelimit.py), never by uvicorn
        proxy_headers=False,
    )


@app.command()
def check(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="household JSON (see spec/eligibility.md)"),
    as_json: bool = typer.Option(False, "--json"),
    audience: str = typer.Option("caseworker", help="caseworker | citizen"),
    sets: list[str] = typer.Option(None, "--set", help="what-if: name=value, e.g. rural_dibao_standard_yearly=6000"),
    trace: bool = typer.Option(False, "--trace", help="print the computation tree with every number"),
) -> None:
    """Pre-screen a household for all nine programs, with steps, bases and what is missing."""
    from assistant.eligibility.cli_command import check_command

    if audience not in ("caseworker", "citizen"):
        raise typer.BadParameter("audience must be caseworker or citizen")
    try:
        typer.echo(check_command(str(path), as_json, audience, sets or [], trace))
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc


@app.command()
def ask(
    question: str,
    conversation: str | None = typer.Option(None, "--conversation", help="continue this conversation id"),
    as_json: bool = typer.Option(False, "--json", help="print the whole ChatAnswer as JSON"),
) -> None:
    """Ask the chat agent once: the answer, its citations and the tools it called."""
    from assistant.agent import ChatError, ChatService

    try:
        answer = ChatService(get_settings()).ask(question, conversation)
    except ChatError as error:
        typer.echo(f"错误：{error}", err=True)
        raise typer.Exit(1) from error
    if as_json:
        _echo_json(answer.model_dump(mode="json"))
        return
    typer.echo(answer.answer)
    _echo_citations(answer.citations)
    calls = [f"{c.name}({json.dumps(c.args, ensure_ascii=False)})" + ("" if c.ok else f" ✘ {c.error}") for c in answer.tool_calls]
    if calls:
        typer.echo("\n工具调用：\n" + "\n".join(f"  {c}" for c in calls))
    typer.echo(f"\n对话编号：{answer.conversation_id}")


@app.command()
def chat(conversation: str | None = typer.Option(None, "--conversation", help="continue this conversation id")) -> None:
    """Chat in the terminal. Answers stream as they are written; /new starts a new conversation; Ctrl-D quits."""
    from assistant.agent import ChatService
    from indexer.models import Citation

    service = ChatService(get_settings())
    typer.echo("民政社会救助政策助手（/new 新对话，Ctrl-D 退出）")
    cid = conversation
    while True:
        try:
            line = input("\n问> ").strip()
        except EOFError:
            typer.echo()
            return
        if line == "/new":
            cid = None
            typer.echo("（已开始新对话）")
            continue
        if not line:
            continue
        for event in service.stream(line, cid):
            if event["type"] == "tool":
                typer.echo(f"（{event['name']}{'' if event['ok'] else ' 失败：' + event.get('error', '')}）")
            elif event["type"] == "token":
                typer.echo(event["text"], nl=False)
            elif event["type"] == "draft":
                continue  # the sentence being written, unchecked: a terminal cannot take it back
            elif event["type"] == "final":
                cid = event["answer"]["conversation_id"]
                typer.echo()
                _echo_citations([Citation.model_validate(c) for c in event["answer"]["citations"]])
            else:
                typer.echo(f"错误：{event['message']}", err=True)


def _echo_citations(citations: list) -> None:
    if citations:
        typer.echo("\n引用：")
    for n, c in enumerate(citations, 1):
        where = f" 〔{c.chunk_id}〕「{c.quote}」" if c.in_corpus else ""
        typer.echo(f"[{n}] {c.label()}{where}")


@app.command()
def quiz(
    topic: str | None = typer.Option(None, help="主题，如 低保、特困、临时救助、残疾人、儿童、养老、监测"),
    n: int = typer.Option(10, "--n", min=1, max=100, help="how many items"),
    types: str = typer.Option("", help="comma-separated: single,multiple,tf,fill (default: a mixed quiz with case items)"),
    fmt: str = typer.Option("markdown", "--format", help="json | markdown | csv | gift | aiken | docx (needs --out)"),
    paper: str = typer.Option("teacher", help="markdown/docx: teacher (answers) | student (answer sheet)"),
    seed: int = typer.Option(0, help="same seed, same quiz"),
    region: str | None = typer.Option(None, help="only clauses of this region, e.g. 丰宁"),
    doc: str | None = typer.Option(None, help="only this document id"),
    clause: list[str] | None = typer.Option(None, "--clause", help="explicit clause (chunk) ids; repeatable"),
    out: Path | None = typer.Option(None, help="write the file here instead of printing it"),
) -> None:
    """Build a validated quiz for trainers from the indexed clauses (report on stderr)."""
    from assistant.quiz.cli_command import quiz_command

    try:
        text, messages = quiz_command(topic, n, types, fmt, seed, region, doc, clause, out and str(out), paper)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    for message in messages:
        typer.echo(message, err=True)
    if text:
        typer.echo(text, nl=False)


def _echo_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    app()

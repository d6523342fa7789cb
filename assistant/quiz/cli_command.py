"""Body of ``assistant quiz --topic 低保 --n 10 --types single,tf --format gift [--seed N] [--region 丰宁]
[--doc ID] [--clause ID ...] [--paper student|teacher] [--out FILE]``."""

from __future__ import annotations

from pathlib import Path

from .exports import export_quiz
from .service import make_quiz


def quiz_command(
    topic: str | None,
    n: int,
    types: str,
    fmt: str,
    seed: int,
    region: str | None,
    doc: str | None,
    clauses: list[str] | None,
    out: str | None,
    paper: str = "teacher",
) -> tuple[str, list[str]]:
    """(text for stdout, messages for stderr). Writes the file itself when ``out`` is given.
    Raises ValueError on a bad option."""
    wanted = [t.strip() for t in types.split(",") if t.strip()] if types else None
    quiz = make_quiz(topic, n, wanted, seed=seed, region=region, doc_id=doc, clause_ids=clauses or None)
    exported = export_quiz(quiz, fmt, paper=paper)
    r = quiz.report
    messages = [
        f"生成 {r.generated}/{r.requested} 题；题型 {r.by_type}；校验剔除 {r.dropped_total} 题 {r.dropped}"
    ]
    messages += r.notes + exported.notes
    if isinstance(exported.content, bytes) and not out:
        raise ValueError("Word 试卷（docx）是二进制文件，请用 --out 指定保存路径")
    if out:
        # CSV carries a BOM so Excel reads the Chinese text; the other text formats are plain UTF-8
        if isinstance(exported.content, bytes):
            Path(out).write_bytes(exported.content)
        else:
            Path(out).write_text(exported.content, encoding="utf-8")
        messages.append(f"已写入 {out}")
        return "", messages
    return exported.content, messages

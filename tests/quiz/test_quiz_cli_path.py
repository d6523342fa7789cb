"""The quiz command's import path: a quiz needs the clauses, not the search stack or a model client."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from indexer.settings import ROOT

PROBE = """
import json, sys
from assistant.cli import app
from typer.testing import CliRunner
result = CliRunner().invoke(app, ["quiz", "--n", "5", "--format", "json"])
import indexer.text as text
print(json.dumps({
    "exit": result.exit_code,
    "items": len(json.loads(result.stdout)["items"]),
    "loaded": sorted(m for m in ("chromadb", "langchain_core", "numpy", "assistant.retrieval.search")
                     if m in sys.modules),
    "jieba_dictionaries": text._tokenizer.cache_info().currsize,
}))
"""


def test_quiz_command_loads_no_search_stack(hash_settings):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MZ_CORPUS_DIR": str(hash_settings.corpus_dir),
           "MZ_INDEX_DIR": str(hash_settings.index_dir)}
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True)
    probe = json.loads(out.stdout.strip().splitlines()[-1])
    assert probe == {"exit": 0, "items": 5, "loaded": [], "jieba_dictionaries": 0}


def test_corpus_chunks_match_the_index(hash_settings, searcher):
    """Without an index the quiz chunks the corpus itself; the ids are those an index holds."""
    from assistant.quiz.chunks import _corpus_chunks

    direct = _corpus_chunks(hash_settings.corpus_dir, hash_settings.max_chunk_chars)
    indexed = {c.chunk_id: c.text for c in searcher.chunks}
    assert {c.chunk_id: c.text for c in direct} == indexed


def test_quiz_command_writes_a_word_student_paper(hash_settings, tmp_path, monkeypatch):
    from docx import Document
    from typer.testing import CliRunner

    from assistant.cli import app
    from indexer.settings import get_settings

    monkeypatch.setenv("MZ_CORPUS_DIR", str(hash_settings.corpus_dir))
    monkeypatch.setenv("MZ_INDEX_DIR", str(hash_settings.index_dir))
    get_settings.cache_clear()
    try:
        out = tmp_path / "paper.docx"
        ok = CliRunner().invoke(app, ["quiz", "--n", "4", "--format", "docx", "--paper", "student", "--out", str(out)])
        refused = CliRunner().invoke(app, ["quiz", "--n", "4", "--format", "docx"])
    finally:
        get_settings.cache_clear()
    assert ok.exit_code == 0 and len(Document(str(out)).tables[0].rows) == 5
    assert refused.exit_code == 2 and "--out" in refused.output

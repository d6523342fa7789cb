"""`assistant ask` and `assistant chat` against the real index, settings from MZ_* variables."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from indexer.settings import get_settings


@pytest.fixture
def cli_env(agent_settings, monkeypatch):
    monkeypatch.setenv("MZ_INDEX_DIR", str(agent_settings.index_dir))
    monkeypatch.setenv("MZ_CORPUS_DIR", str(agent_settings.corpus_dir))
    monkeypatch.setenv("MZ_EMBEDDING_MODEL", agent_settings.embedding_model)
    monkeypatch.setenv("MZ_CONVERSATION_DB_URL", agent_settings.conversation_db_url)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_ask_quotes_and_cites_the_clause(cli_env):
    result = CliRunner().invoke(app, ["ask", "内蒙古的低保渐退期限是怎么定的？", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    first = answer["citations"][0]
    assert "渐退" in first["quote"] and first["doc_id"].startswith("000_")
    assert f"「{first['quote']}」[1]" in answer["answer"]

    text = CliRunner().invoke(app, ["ask", "内蒙古的低保渐退期限是怎么定的？"]).output
    assert "渐退" in text and "引用：" in text and f"〔{first['chunk_id']}〕" in text and "search_policy(" in text


def test_ask_continues_a_conversation(cli_env):
    first = json.loads(CliRunner().invoke(app, ["ask", "我妈72岁一个人住在丰宁农村", "--json"]).output)
    second = json.loads(
        CliRunner().invoke(app, ["ask", "一年养老金1200元", "--json", "--conversation", first["conversation_id"]]).output
    )
    # the stored household carries the age into the second turn's screening
    assert second["tool_calls"][0]["name"] == "check_eligibility"
    cells = second["household"]["members"][0]["cells"]
    assert cells["age"]["text"] == "72" and cells["income_yearly"]["text"] == "1200"


def test_chat_streams_starts_anew_on_slash_new_and_ends_on_eof(cli_env):
    lines = "我妈72岁一个人住在丰宁农村\n/new\n一年养老金1200元\n"
    result = CliRunner().invoke(app, ["chat"], input=lines)
    assert result.exit_code == 0, result.output
    assert "（check_eligibility）" in result.output and "已开始新对话" in result.output
    # after /new the income alone describes nobody: no screening, a policy search instead
    assert result.output.count("（check_eligibility）") == 1 and "（search_policy）" in result.output

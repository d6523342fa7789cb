"""Importing the app, the search module or the agent package loads none of the heavy stacks they do not need
yet (a fresh interpreter per check: this test's own process has them all loaded). The time is not asserted,
what is loaded is."""

from __future__ import annotations

import json
import subprocess
import sys

from indexer.settings import ROOT

HEAVY = ["chromadb", "langchain_core", "langchain_openai", "openai", "sqlalchemy", "pypinyin"]


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_importing_the_app_loads_no_heavy_stack():
    loaded = _loaded_after("import assistant.api.app")
    assert "fastapi" in loaded
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)


def test_search_module_loads_neither_chroma_nor_the_chat_stack():
    loaded = _loaded_after("import assistant.retrieval.search")
    assert "numpy" in loaded
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)


def test_agent_names_stay_importable():
    loaded = _loaded_after("import assistant.agent.tools")
    assert "sqlalchemy" not in loaded  # the conversation store comes with the service, not with the tools
    from assistant.agent import ChatService
    from assistant.agent.service import ChatService as Direct

    assert ChatService is Direct

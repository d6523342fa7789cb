"""The index and search against a real `chroma run` server on 127.0.0.1 (HttpClient path)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.retrieval.search import Searcher
from indexer.build import build
from indexer.embedding import HashEmbedder
from tests.conftest import make_settings

CHROMA = Path(sys.executable).with_name("chroma")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    if not CHROMA.exists() and not shutil.which("chroma"):
        pytest.skip("chroma CLI not installed")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [str(CHROMA if CHROMA.exists() else "chroma"), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma server did not start")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)


@pytest.mark.chroma_server
def test_build_and_search_through_a_chroma_server(tmp_path, chroma_url):
    settings = make_settings(tmp_path, chroma_url=chroma_url)
    first = build(settings)
    assert first.status == "built"
    assert build(settings).status == "up-to-date"
    hits = Searcher(settings, embedder=HashEmbedder()).search("黑龙江 重点优抚对象 单人户", k=3).hits
    assert "重点优抚对象" in hits[0].text and hits[0].region == "黑龙江省"
    assert not (tmp_path / "index" / "chroma").exists()  # nothing went to a local persistent store

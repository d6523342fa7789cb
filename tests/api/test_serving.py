"""assistant.serving: forked workers, each on its own SO_REUSEPORT socket of one port. Both workers take
connections, a worker that dies is replaced on its socket, SIGTERM stops them all. The app served is a one-route
FastAPI app answering with its worker's pid."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest
from fastapi import FastAPI

from assistant import serving
from indexer.settings import ROOT


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/pid")
    def pid() -> dict:
        return {"pid": os.getpid()}

    return app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pids(base: str, n: int) -> set[int]:
    out = set()
    for _ in range(n):  # a new connection each time: the kernel picks the socket per connection
        with httpx.Client(base_url=base, timeout=10) as http:
            out.add(http.get("/pid").json()["pid"])
    return out


def _wait(base: str, proc: subprocess.Popen, want: int, exclude: frozenset[int] = frozenset()) -> set[int]:
    deadline = time.monotonic() + 120
    seen: set[int] = set()
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the parent exited"
        try:
            seen = _pids(base, 40) - exclude
        except httpx.HTTPError:
            seen = set()
        if len(seen) >= want:
            return seen
        time.sleep(0.3)
    return seen


@pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="no SO_REUSEPORT")
def test_two_workers_share_the_port_and_a_dead_one_is_replaced():
    port = _free_port()
    code = ("from assistant.serving import serve; "
            f"serve('tests.api.test_serving:create_app', host='127.0.0.1', port={port}, workers=2, prepare=None, "
            "log_level='warning')")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        pids = _wait(base, proc, 2)
        assert len(pids) == 2 and proc.pid not in pids  # both workers answer, the parent serves nothing
        victim = min(pids)
        os.kill(victim, signal.SIGKILL)
        after = _wait(base, proc, 2, exclude=frozenset({victim}))
        assert len(after) == 2 and victim not in after and max(pids) in after  # replaced; the other kept
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=60)
    assert code == 0
    for pid in after:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # the workers stopped with the parent


def test_a_taken_port_fails_before_any_fork():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(OSError):
            serving.listening_socket("127.0.0.1", port)

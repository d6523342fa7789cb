"""Several uvicorn workers on one port, each with its own listening socket (SO_REUSEPORT), forked from one parent.

uvicorn's own ``workers=N`` spawns fresh interpreters that share one listening socket: each re-imports
everything (no page is shared), and whichever worker wakes first takes the next connection, so under load one
busy worker queues requests while another idles. Here the parent imports the service's code and reads its
static tables once (jieba's dictionary, the region table), then forks: the workers share those pages
copy-on-write, and map the same index files. Each worker listens on a socket of its own bound to the same
address with SO_REUSEPORT, so the kernel spreads new connections evenly over them.

The parent holds every worker's socket: a worker that dies is forked again on the same socket, and the
connections waiting in its backlog are served by the new one. SIGTERM or SIGINT stops the workers (uvicorn's
graceful shutdown) and then the parent. One worker, or a platform without SO_REUSEPORT or fork, runs uvicorn
in this process.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Callable

log = logging.getLogger(__name__)
RESTART_PAUSE_S = 1.0  # between a worker's death and its replacement, so a crash at start-up cannot spin
STOP_GRACE_S = 30.0  # a worker still running this long after SIGTERM is killed


def listening_socket(host: str, port: int, backlog: int = 2048) -> socket.socket:
    """A socket bound to ``host:port`` with SO_REUSEPORT, listening."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


_embedders: dict[tuple[str, int], object] = {}


def preload() -> None:
    """What every worker would load alike, loaded once before the fork: the app's code, the static tables and
    the embedding model's weights (no threads are started, no index or store is opened: those belong to each
    worker)."""
    import assistant.api.app as app_module  # noqa: F401 - imported for the fork
    from assistant.api import routes_chat, routes_eligibility, routes_search  # noqa: F401 - and the chat stack
    from assistant.eligibility import check_household
    from indexer.embedding import make_embedder
    from indexer.regions import gazetteer
    from indexer.settings import get_settings
    from indexer.text import _tokenizer

    settings = get_settings()
    import chromadb  # noqa: F401 - its Python modules (each worker opens its own client, after the fork)

    _tokenizer().initialize()  # jieba's prefix dictionary: tens of MB of Python objects per process otherwise
    gazetteer()
    check_household(routes_eligibility.EXAMPLE, settings=settings)  # the parameter tables
    key = (settings.embedding_model, settings.embedding_threads)
    _embedders[key] = make_embedder(*key)


def shared_embedder(model: str, threads: int):
    """The embedder ``preload`` made before the fork (its weights shared by the workers), or None."""
    return _embedders.get((model, threads))


def serve(app: str, host: str, port: int, workers: int, *, factory: bool = True,
          prepare: Callable[[], None] | None = preload, **uvicorn_options) -> None:
    """Serve the ASGI ``app`` (an import string) with ``workers`` processes on ``host:port``."""
    import uvicorn

    options = {"factory": factory, **uvicorn_options}
    if workers <= 1 or not hasattr(socket, "SO_REUSEPORT") or not hasattr(os, "fork"):
        uvicorn.run(app, host=host, port=port, **options)
        return
    sockets = [listening_socket(host, port) for _ in range(workers)]  # fails here, before any fork, if taken
    if prepare is not None:
        prepare()
    Parent(sockets, lambda sock: _worker(app, sock, options)).run()


def _worker(app: str, sock: socket.socket, options: dict) -> None:
    import uvicorn

    config = uvicorn.Config(app, **options)
    uvicorn.Server(config).run(sockets=[sock])


class Parent:
    """Forks one worker per socket, replaces those that die, stops them all on SIGTERM/SIGINT."""

    def __init__(self, sockets: list[socket.socket], work: Callable[[socket.socket], None]):
        self.sockets = sockets
        self.work = work
        self.children: dict[int, int] = {}  # pid → socket index
        self.stopping = False

    def _fork(self, index: int) -> None:
        pid = os.fork()
        if pid == 0:  # the worker: default signal handling (uvicorn installs its own), its socket only
            code = 0
            try:
                for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGCHLD):
                    signal.signal(sig, signal.SIG_DFL)
                for j, other in enumerate(self.sockets):
                    if j != index:
                        other.close()
                self.work(self.sockets[index])
            except BaseException:  # noqa: BLE001 - a worker never returns into the parent's code
                log.exception("worker on socket %d failed", index)
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        self.children[pid] = index

    def _stop(self, signum, frame) -> None:
        self.stopping = True
        for pid in list(self.children):
            _signal(pid, signal.SIGTERM)

    def run(self) -> None:
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            for index in range(len(self.sockets)):
                self._fork(index)
            log.info("serving with %d workers: %s", len(self.children), sorted(self.children))
            while self.children:
                try:
                    pid, status = os.wait()
                except ChildProcessError:
                    break
                except InterruptedError:  # pragma: no cover - PEP 475 retries; kept for old interpreters
                    continue
                index = self.children.pop(pid, None)
                if index is None or self.stopping:
                    continue
                log.warning("worker %d exited (status %d); starting another on its socket", pid, status)
                time.sleep(RESTART_PAUSE_S)
                if not self.stopping:
                    self._fork(index)
        finally:
            self._reap()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            for sock in self.sockets:
                sock.close()

    def _reap(self) -> None:
        deadline = time.monotonic() + STOP_GRACE_S
        for pid in list(self.children):
            _signal(pid, signal.SIGTERM)
        while self.children and time.monotonic() < deadline:
            for pid in list(self.children):
                done, _ = os.waitpid(pid, os.WNOHANG)
                if done:
                    self.children.pop(pid)
            time.sleep(0.05)
        for pid in list(self.children):
            _signal(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            self.children.pop(pid)


def _signal(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)

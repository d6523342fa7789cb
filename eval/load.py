"""Load test: the app under uvicorn in a subprocess, concurrent clients (one asyncio process, aiohttp) mixing
/api/search, /api/eligibility and /api/chat (caseworker turns with the API key, some continuing their conversation).

`python -m eval load [--json] [--no-chat] [--client httpx]`. The server runs in its own process so client work does
not share its GIL, and the CPU both spend is reported (on a shared machine they take the same cores); the rate limits are lifted for the run (all clients share one loopback IP and one key), and the chat turns go
to a conversation database of the run's own (SQLite by default, MZ_CONVERSATION_DB_URL=postgresql://… to load
PostgreSQL instead).
Searches waiting beyond settings.search_queue_max (default 32) are refused with 503 and count as errors: keep
--concurrency below it, or raise MZ_SEARCH_QUEUE_MAX to measure a larger burst.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

from indexer.settings import ROOT

TARGETS_P95_MS: dict[str, float | None] = {"/api/search": 80.0, "/api/eligibility": 30.0, "/api/chat": None}
RUN_DB_ENV = "MZ_LOAD_CONVERSATION_DB_URL"  # the run's own conversation database, handed to the server process
# every this many chat turns a client starts a new conversation; the others continue its current one
TURNS_PER_CONVERSATION = 4
MAX_REQUESTS = 50_000  # upper bound on the run, whatever the duration
# Search questions: every region × topic pair below (except those noted), so a run cycles through many distinct
# queries instead of flattering the searcher with a few repeated ones. The questions are this tool's own; none
# may copy or closely paraphrase a question of the dev evaluation set (tests/agent/test_question_sets.py checks).
REGIONS = ["丰宁", "内蒙古", "贵州", "黑龙江", "安徽", "凉山州", "广西", "榕江县", "江西", "西藏"]  # 西藏: not in the corpus
TOPICS = {
    "tekun": "{r}特困人员供养标准是多少",
    "children": "{r}事实无人抚养儿童有哪些保障措施",
    "nursing_homes": "{r}敬老院改造提升有什么要求",
    "coordination": "{r}困难群众基本生活保障协调机制怎么运作",
    "mental_health": "{r}精神障碍社区康复服务怎么开展",
    "vagrants": "{r}流浪乞讨人员救助怎么衔接",
    "disasters": "{r}农村防灾减灾救灾能力怎么提升",
    "means_test": "{r}社会救助家庭经济状况核对怎么做",
    "application": "{r}申请最低生活保障要准备哪些材料",
    "funerals": "{r}农村公益性公墓建设进展",
}
# pairs the dev set asks about in other words: left out, so the pool stays clear of its questions
SKIP = {
    ("贵州", "tekun"), ("丰宁", "children"), ("广西", "nursing_homes"), ("内蒙古", "coordination"),
    ("贵州", "disasters"), ("凉山州", "means_test"), ("凉山州", "application"),
}
QUESTIONS = [template.format(r=region) for region in REGIONS for topic, template in TOPICS.items()
             if (region, topic) not in SKIP]
HOUSEHOLDS = [
    {
        "region": {"province": "河北省", "prefecture": "承德市", "county": "丰宁满族自治县"},
        "area": "rural",
        "members": [{"relation": "self", "age": 72, "income_yearly": 1200, "legal_supporters": "unable"}],
        "assets_within_limit": True,
    },
    {
        "region": {"province": "贵州省"},
        "area": "rural",
        "date": "2019-06-01",
        "members": [
            {"relation": "self", "age": 45, "income_yearly": 6000},
            {"relation": "spouse", "age": 43, "income_yearly": 2000,
             "disability": {"category": "physical", "grade": 2, "certified": True}},
            {"relation": "child", "age": 12, "income_yearly": 0, "student": "compulsory"},
        ],
        "assets_within_limit": True,
        "event": {"kind": "fire", "severe_hardship": True, "in_home_region": True},
    },
    {
        "region": {"province": "四川省", "prefecture": "凉山彝族自治州"},
        "area": "rural",
        "members": [{"relation": "self", "age": 38, "income_yearly": 7000}, {"relation": "child", "age": 8}],
    },
    {
        "region": {"province": "内蒙古自治区"},
        "area": "urban",
        "members": [{"relation": "self", "age": 30, "disability": {"category": "mental", "grade": 3, "certified": True}}],
        "status": {"dibao": True},
    },
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_factory():
    """The app over the configured index, without the per-IP limit (uvicorn factory, one per worker)."""
    from assistant.api.app import create_app
    from indexer.settings import get_settings

    unlimited = dict.fromkeys(
        ("citizen_rate_per_minute", "search_rate_per_minute", "chat_rate_per_minute", "upload_rate_per_minute"), 10**9
    )
    settings = get_settings()
    db = os.environ.get(RUN_DB_ENV)
    return create_app(settings.model_copy(update={**unlimited, **({"conversation_db_url": db} if db else {})}))


def _serve(port: int, workers: int) -> None:
    from assistant.serving import serve

    # the product's own serving (forked workers, a socket each), as `assistant serve` runs it
    serve("eval.load:app_factory", host="127.0.0.1", port=port, workers=workers, log_level="warning",
          access_log=False)


def _wait_ready(base: str, proc: subprocess.Popen, timeout_s: float = 180.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server did not start in time")


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of the process and its descendants (the server and its uvicorn workers)."""
    total, todo = 0.0, [pid]
    tick = os.sysconf("SC_CLK_TCK")
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").glob("*/children"):
                todo.extend(int(c) for c in task.read_text().split())
        except (OSError, IndexError, ValueError):  # a worker that just exited
            continue
    return total


def _own_cpu_s() -> float:
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def pick(i: int, chat: bool = True) -> tuple[str, dict | None, dict | None]:
    """Request i of a client: searches, screenings (and chat turns) in turn, each cycling through its pool."""
    kinds = 3 if chat else 2
    kind, n = i % kinds, i // kinds
    if kind == 1:
        return "/api/eligibility", None, HOUSEHOLDS[n % len(HOUSEHOLDS)]
    if kind == 2:
        return "/api/chat", None, {"message": QUESTIONS[(n * 7) % len(QUESTIONS)]}
    return "/api/search", {"q": QUESTIONS[n % len(QUESTIONS)], "k": 5}, None


class _Aiohttp:
    """The load generator's HTTP client: aiohttp spends about a tenth of httpx's CPU per request (0.1-0.3 against
    ~2 ms, measured on this machine), and every millisecond it spends is taken from the server it measures on the
    same cores."""

    def __init__(self, base: str, concurrency: int):
        import aiohttp

        self._errors = (aiohttp.ClientError, asyncio.TimeoutError)
        self._session = aiohttp.ClientSession(
            base, connector=aiohttp.TCPConnector(limit=concurrency), timeout=aiohttp.ClientTimeout(total=30)
        )

    async def send(self, method: str, path: str, params: dict | None, body: dict | None, headers: dict) -> tuple[int, bytes]:
        query = {k: str(v) for k, v in (params or {}).items()}
        async with self._session.request(method, path, params=query, json=body, headers=headers) as resp:
            return resp.status, await resp.read()

    async def close(self) -> None:
        await self._session.close()


class _Httpx:
    """httpx's async client, as this tool used before: `--client httpx` measures what it cost."""

    def __init__(self, base: str, concurrency: int):
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        self._errors = (httpx.HTTPError,)
        self._http = httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0)

    async def send(self, method: str, path: str, params: dict | None, body: dict | None, headers: dict) -> tuple[int, bytes]:
        resp = await self._http.request(method, path, params=params, json=body, headers=headers)
        return resp.status_code, resp.content

    async def close(self) -> None:
        await self._http.aclose()


CLIENTS = {"aiohttp": _Aiohttp, "httpx": _Httpx}


async def _client(
    http: _Aiohttp | _Httpx, n: int, deadline: float, budget: itertools.count, samples: dict[str, list[float]],
    errors: dict[str, int], chat: bool, key: str,
) -> None:
    conversation: str | None = None
    turns = 0
    for i in itertools.count(n):
        if time.perf_counter() >= deadline or next(budget) >= MAX_REQUESTS:
            return
        endpoint, params, body = pick(i, chat)
        headers = {}
        if endpoint == "/api/chat":
            headers["X-API-Key"] = key
            if conversation and turns % TURNS_PER_CONVERSATION:
                body = {**body, "conversation_id": conversation}
            turns += 1
        t0 = time.perf_counter()
        try:
            status, payload = await http.send("POST" if body is not None else "GET", endpoint, params, body, headers)
            ok = status == 200
            if ok and endpoint == "/api/chat":
                conversation = json.loads(payload)["conversation_id"]
        except http._errors:
            ok = False
        samples[endpoint].append((time.perf_counter() - t0) * 1000)
        if not ok:
            errors[endpoint] += 1


async def _fire(
    base: str, concurrency: int, seconds: float, chat: bool, key: str, client: str = "aiohttp"
) -> tuple[dict[str, list[float]], dict[str, int], float]:
    endpoints = [e for e in TARGETS_P95_MS if chat or e != "/api/chat"]
    samples: dict[str, list[float]] = {e: [] for e in endpoints}
    errors = dict.fromkeys(endpoints, 0)
    http = CLIENTS[client](base, concurrency)
    try:
        # one untimed round so connection set-up is not measured
        await asyncio.gather(*(http.send("GET", "/healthz", None, None, {}) for _ in range(concurrency)))
        t0 = time.perf_counter()
        budget = itertools.count()
        await asyncio.gather(
            *(_client(http, n, t0 + seconds, budget, samples, errors, chat, key) for n in range(concurrency))
        )
        return samples, errors, time.perf_counter() - t0
    finally:
        await http.close()


def run(
    concurrency: int = 20, seconds: float = 10, workers: int | None = None, chat: bool = True, client: str = "aiohttp",
    root: Path = ROOT,
) -> dict:
    """One load run against the server of the checkout at ``root`` (this one by default), over this checkout's
    configured index."""
    from indexer.settings import get_settings, worker_count

    settings = get_settings()
    workers = worker_count(settings) if workers is None else workers
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    code = f"from eval.load import _serve; _serve({port}, {workers})"
    scratch = tempfile.TemporaryDirectory(prefix="mz-load-")
    env = dict(os.environ)
    if not env.get("MZ_CONVERSATION_DB_URL"):
        env[RUN_DB_ENV] = f"sqlite:///{Path(scratch.name) / 'conversations.db'}"
    if Path(root).resolve() != ROOT:
        # another checkout's code (its own modules first on the path) serving the same index and corpus, so the
        # two differ only in code
        env.update(PYTHONPATH=str(Path(root).resolve()), MZ_INDEX_DIR=str(settings.index_dir.resolve()),
                   MZ_CORPUS_DIR=str(settings.corpus_dir.resolve()))
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=root, env=env)
    try:
        _wait_ready(base, proc)
        # the CPU both sides spend during the run: on a shared machine the load generator competes with the
        # server for the same cores, so its share says how much of the latency it causes
        client0, server0 = _own_cpu_s(), _cpu_s(proc.pid)
        samples, errors, elapsed = asyncio.run(
            _fire(base, concurrency, seconds, chat, settings.api_keys[0], client)
        )
        client_cpu, server_cpu = _own_cpu_s() - client0, _cpu_s(proc.pid) - server0
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        scratch.cleanup()
    endpoints = {}
    for endpoint, times in samples.items():
        arr = np.array(times) if times else np.array([np.nan])
        p95 = float(np.percentile(arr, 95))
        target = TARGETS_P95_MS[endpoint]
        endpoints[endpoint] = {
            "requests": len(times),
            "errors": errors[endpoint],
            "rps": round(len(times) / elapsed, 1),
            "p50_ms": round(float(np.percentile(arr, 50)), 1),
            "p95_ms": round(p95, 1),
            "max_ms": round(float(arr.max()), 1),
            "target_p95_ms": target,
            "meets_target": bool((target is None or p95 <= target) and errors[endpoint] == 0),
        }
    requests = max(1, sum(len(t) for t in samples.values()))
    cpu = {
        "client_cpu_s": round(client_cpu, 2),
        "server_cpu_s": round(server_cpu, 2),
        "client_cpu_ms_per_request": round(client_cpu * 1000 / requests, 2),
        "server_cpu_ms_per_request": round(server_cpu * 1000 / requests, 2),
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "load_avg": round(os.getloadavg()[0], 2),
    }
    return {"concurrency": concurrency, "workers": workers, "client": client, "seconds": round(elapsed, 1),
            "endpoints": endpoints, **cpu}


def paired(baseline: Path, rounds: int = 3, **options) -> dict:
    """A/B: ``rounds`` pairs of runs, the baseline checkout's server and this one's, on the same index, in
    alternating order (ABBA…), so a change of the machine's load during the measurement falls on both. Each
    pair gives ratios this/baseline (server CPU per request, p50 and p95 per endpoint); their medians are the
    comparison. On a shared machine wall-clock figures of single runs move by tens of percent, the paired
    ratios by a few."""
    runs = []
    for r in range(rounds):
        order = [("baseline", baseline), ("candidate", ROOT)]
        if r % 2:
            order.reverse()
        pair = {name: run(root=root, **options) for name, root in order}
        runs.append({"round": r, **pair, "ratios": _ratios(pair["candidate"], pair["baseline"])})
    keys = runs[0]["ratios"].keys()
    medians = {k: round(float(np.median([x["ratios"][k] for x in runs if x["ratios"].get(k) is not None])), 3)
               for k in keys if any(x["ratios"].get(k) is not None for x in runs)}
    return {"baseline": str(Path(baseline).resolve()), "candidate": str(ROOT), "rounds": rounds,
            "median_ratios": medians, "runs": runs}


def _ratios(candidate: dict, baseline: dict) -> dict[str, float | None]:
    def ratio(a, b):
        return round(a / b, 3) if a is not None and b and not (np.isnan(a) or np.isnan(b)) else None

    out = {"server_cpu_ms_per_request": ratio(candidate["server_cpu_ms_per_request"],
                                              baseline["server_cpu_ms_per_request"])}
    for endpoint, c in candidate["endpoints"].items():
        b = baseline["endpoints"].get(endpoint)
        if b:
            out[f"{endpoint} p50"] = ratio(c["p50_ms"], b["p50_ms"])
            out[f"{endpoint} p95"] = ratio(c["p95_ms"], b["p95_ms"])
            out[f"{endpoint} rps"] = ratio(c["rps"], b["rps"])
    return out


def paired_table(result: dict) -> str:
    lines = [f"{result['rounds']} paired rounds: this checkout / baseline {result['baseline']} (median ratio; < 1 is "
             "less CPU or latency, > 1 for rps is more throughput)"]
    lines += [f"  {k:<32}{v:>8}" for k, v in result["median_ratios"].items()]
    for r in result["runs"]:
        b, c = r["baseline"], r["candidate"]
        lines.append(f"  round {r['round']}: server CPU/request {b['server_cpu_ms_per_request']} -> "
                     f"{c['server_cpu_ms_per_request']} ms; " + "; ".join(
                         f"{e} p95 {b['endpoints'][e]['p95_ms']} -> {c['endpoints'][e]['p95_ms']} ms"
                         for e in c["endpoints"] if e in b["endpoints"]))
    return "\n".join(lines)


def table(result: dict) -> str:
    lines = [
        f"{result['concurrency']} concurrent clients ({result['client']}) for {result['seconds']} s, "
        f"{result['workers']} server worker(s)",
        f"{'endpoint':<18}{'requests':>9}{'errors':>8}{'rps':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  target p95",
    ]
    for endpoint, r in result["endpoints"].items():
        verdict = "met" if r["meets_target"] else "NOT met"
        target = f"≤ {r['target_p95_ms']:.0f} ms, " if r["target_p95_ms"] is not None else ""
        lines.append(
            f"{endpoint:<18}{r['requests']:>9}{r['errors']:>8}{r['rps']:>8}{r['p50_ms']:>9}{r['p95_ms']:>9}"
            f"{r['max_ms']:>9}  {target}no errors: {verdict}"
        )
    lines.append(
        f"CPU: server {result['server_cpu_ms_per_request']} ms, load generator {result['client_cpu_ms_per_request']} ms "
        f"per request ({result['cores']} cores, load average {result['load_avg']})"
    )
    return "\n".join(lines)

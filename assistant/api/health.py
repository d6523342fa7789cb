"""GET /healthz: each part the service depends on, ok or degraded, with a Chinese message saying what to do.

The service answers even when parts are down (eligibility and the widget need none of them), so a probe that
only asks "is the process up" gets 200 either way; `status` says whether everything is well."""

from __future__ import annotations

import time
from typing import Literal

import httpx
from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from indexer.settings import Settings

router = APIRouter(tags=["ops"])

# the chat endpoint is asked at most this often; a health probe every few seconds must not hammer it
LLM_PROBE_EVERY_S = 30.0
LLM_PROBE_TIMEOUT_S = 2.0


class Part(BaseModel):
    status: Literal["ok", "degraded"]
    message: str


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    parts: dict[str, Part]
    generation: str | None = None
    chunks: int = 0


def _part(ok: bool, message: str) -> Part:
    return Part(status="ok" if ok else "degraded", message=message)


def _database(request: Request) -> Part:
    chat = request.app.state.chat
    if chat is None:
        reason = getattr(request.app.state, "chat_error", None) or "对话服务未启动"
        return _part(False, f"{reason}：请检查 MZ_CONVERSATION_DB_URL（服务会自动重试；检索和资格预审不受影响）")
    try:
        with chat.store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - a probe reports, it does not raise
        return _part(False, f"对话数据库无法连接（{type(exc).__name__}）：请检查 MZ_CONVERSATION_DB_URL")
    return _part(True, "正常")


class LlmProbe:
    """The chat endpoint's /models, asked with a short timeout and remembered for a while."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._checked_at = -LLM_PROBE_EVERY_S
        self._last = _part(True, "正常")

    def __call__(self) -> Part:
        base = self.settings.llm_base_url
        if not base:
            return _part(True, "未配置 MZ_LLM_BASE_URL：使用离线确定性模型")
        if time.monotonic() - self._checked_at < LLM_PROBE_EVERY_S:
            return self._last
        try:
            resp = httpx.get(
                base.rstrip("/") + "/models",
                headers={"Authorization": f"Bearer {self.settings.llm_api_key.get_secret_value()}"},
                timeout=LLM_PROBE_TIMEOUT_S,
            )
            ok = resp.status_code < 500
            message = "正常" if ok else f"对话模型接口返回 {resp.status_code}：请检查 {base}"
        except httpx.HTTPError as exc:
            ok, message = False, f"对话模型接口无法连接（{type(exc).__name__}）：请检查 MZ_LLM_BASE_URL={base}"
        self._checked_at = time.monotonic()
        self._last = _part(ok, message)
        return self._last


async def _rate_limits(request: Request) -> Part:
    limiter = request.app.state.limiter
    uri = request.app.state.settings.rate_limit_storage
    try:
        reachable = await limiter.storage.check()
    except Exception:  # noqa: BLE001 - a probe reports, it does not raise
        reachable = False
    if reachable:
        return _part(True, "正常")
    return _part(False, f"限流存储 {uri} 无法连接：请求暂不限流，请检查 MZ_RATE_LIMIT_STORAGE")


def _blocking_parts(request: Request) -> tuple:
    state = request.app.state
    return state.searcher.health(), state.searcher.chroma_health(), _database(request), state.llm_probe()


@router.get("/healthz", response_model=Health)
async def healthz(request: Request) -> Health:
    """Index, Chroma, conversation database, chat model endpoint and rate-limit storage, each ok or degraded."""
    index, (chroma_ok, chroma_message), database, llm = await run_in_threadpool(_blocking_parts, request)
    parts = {
        "index": _part(index.ok, index.message),
        "chroma": _part(chroma_ok, chroma_message),
        "conversation_db": database,
        "llm": llm,
        "rate_limits": await _rate_limits(request),
    }
    status = "ok" if all(p.status == "ok" for p in parts.values()) else "degraded"
    return Health(status=status, parts=parts, generation=index.generation, chunks=index.chunks)

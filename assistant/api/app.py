"""The FastAPI application: API routes and the static pages (chat, search, citizen widget, trainer)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.api.security import check_production_keys, is_local_request
from indexer.settings import Settings, get_settings

WEB = Path(__file__).resolve().parent.parent / "web"
log = logging.getLogger(__name__)
# Request bodies are limited before any route parses them (see limits.py). The default for JSON bodies (an
# edited quiz of 60 items is the largest, ~100 KB); routes with smaller bodies have their own limit.
MAX_JSON_BYTES = 1024 * 1024
# an upload's multipart framing (boundaries, part headers) on top of the file's own size limit
UPLOAD_OVERHEAD_BYTES = 64 * 1024


def _warm(app: FastAPI) -> None:
    """Load the index, the embedding model, the eligibility tables and the chat service now, so the first
    request is fast."""
    from assistant.api import routes_eligibility
    from assistant.api.deps import start_chat
    from assistant.eligibility import check_household
    from assistant.retrieval.search import IndexNotBuilt

    state = app.state
    try:
        state.searcher.warm()
    except IndexNotBuilt as exc:
        # the service starts anyway: eligibility and the widget need no index; /healthz says what to run
        log.warning("search unavailable until the index is fixed: %s", exc)
    check_household(routes_eligibility.EXAMPLE, settings=state.settings)
    if state.chat is None:
        start_chat(app)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    from assistant.api.retention import purge_periodically

    await run_in_threadpool(_warm, app)
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(purge_periodically, app)
        yield
        tasks.cancel_scope.cancel()


def input_limits() -> dict:
    """The household form's input limits (assistant.agent.tools.input_limits), imported when first asked."""
    from assistant.agent.tools import input_limits as limits

    return limits()


def create_app(settings: Settings | None = None) -> FastAPI:
    # the routes, the searcher and the chat stack are imported here, not with this module: importing the app
    # (a test, a worker before it forks, `python -c`) pays only for FastAPI; serving pays for what it serves
    from assistant.api import (
        health,
        logsafe,
        routes_chat,
        routes_documents,
        routes_eligibility,
        routes_quiz,
        routes_search,
    )
    from assistant.api.errors import chinese, document_errors
    from assistant.api.headers import SecurityHeaders
    from assistant.api.health import LlmProbe
    from assistant.api.limits import BodyLimit
    from assistant.api.openai_compat import router as openai_router
    from assistant.api.ratelimit import Limiter
    from assistant.retrieval.search import IndexNotBuilt, Searcher

    settings = settings or get_settings()
    check_production_keys(settings)
    logsafe.install()
    # FastAPIOffline: /docs and /redoc serve Swagger UI and ReDoc from the installed package, never a CDN
    app = FastAPIOffline(
        title="民政社会救助政策助手 API",
        version="0.1.0",
        lifespan=_lifespan,
        description="经办人员接口需在请求头 X-API-Key 中提供密钥；居民自助预审（audience=citizen）和检索公开并按 IP 限流。",
    )
    app.state.settings = settings
    from assistant.serving import shared_embedder

    app.state.searcher = Searcher(settings, shared_embedder(settings.embedding_model, settings.embedding_threads))
    app.state.chat = None
    app.state.chat_error = None
    app.state.chat_retry_at = 0.0
    app.state.llm_probe = LlmProbe(settings)
    app.state.limiter = Limiter(settings)
    app.state.search_limiter = anyio.CapacityLimiter(settings.search_slots)
    body_limits = {
        "/api/eligibility": routes_eligibility.MAX_BODY_BYTES,
        "/api/chat": routes_chat.MAX_BODY_BYTES,
        "/api/documents": settings.upload_max_bytes + UPLOAD_OVERHEAD_BYTES,
    }
    app.add_middleware(SecurityHeaders, settings=settings)
    # added before CORS, so it runs inside it: a 413 carries the CORS headers the widget needs to read it
    app.add_middleware(BodyLimit, default=MAX_JSON_BYTES, paths=body_limits,
                       message=lambda path, limit: _too_large(path, limit, settings))
    # Only the key-less public endpoints are meant for other sites (the embedded widget): X-API-Key is not an
    # allowed header, so a browser on another origin cannot call caseworker routes.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        max_age=600,
    )
    app.include_router(routes_search.router)
    app.include_router(routes_eligibility.router)
    app.include_router(routes_documents.router)
    app.include_router(routes_chat.router)
    app.include_router(routes_quiz.router)
    app.include_router(openai_router)
    app.include_router(health.router)

    @app.get("/api/client-config", tags=["ops"])
    def client_config(request: Request, response: Response) -> dict:
        """What the pages need to know: the mode, the input limits of the household form, and — in development,
        to a browser on this machine only — the key to pre-fill. Never in production."""
        config: dict = {"mode": settings.mode, "input_limits": input_limits()}
        if settings.mode == "development" and settings.api_keys and is_local_request(request):
            config["dev_api_key"] = settings.api_keys[0]
        response.headers["Cache-Control"] = "no-store"  # the answer depends on who asks
        return config

    @app.get("/", include_in_schema=False)
    def index() -> RedirectResponse:
        return RedirectResponse("/web/chat.html")

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        if any(err["type"] == "json_invalid" for err in exc.errors()):
            # the position in a broken body means nothing to the person who sent it
            return JSONResponse(
                status_code=422,
                content={"error": "请求内容不是有效的 JSON，请检查格式", "fields": [{"field": "请求体", "message": "JSON 格式错误"}]},
            )
        fields = [
            {
                "field": ".".join(str(p) for p in err["loc"] if p not in ("body", "query", "path", "header")) or "请求体",
                "message": chinese(err),
            }
            for err in exc.errors()
        ]
        summary = "；".join(f"{f['field']}：{f['message']}" for f in fields)
        return JSONResponse(status_code=422, content={"error": f"输入有误：{summary}", "fields": fields})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"没有这个地址：{request.url.path}"
        elif exc.status_code == 400 and detail == "There was an error parsing the body":  # FastAPI's own text
            detail = "请求内容无法解析：请发送 UTF-8 编码、嵌套不过深的 JSON"
        elif exc.status_code == 405:
            detail = f"不支持的请求方法：{request.method} {request.url.path}"
        return JSONResponse(status_code=exc.status_code, content={"error": detail}, headers=exc.headers)

    @app.exception_handler(IndexNotBuilt)
    async def no_index(request: Request, exc: IndexNotBuilt) -> JSONResponse:
        return JSONResponse(status_code=503, content={"error": str(exc)})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse(status_code=500, content={"error": f"服务器内部错误（{type(exc).__name__}），请稍后重试"})

    document_errors(app)
    app.mount("/web", StaticFiles(directory=WEB, html=True), name="web")
    return app


def _too_large(path: str, limit: int, settings: Settings) -> str:
    if path == "/api/documents":
        return f"文件过大：上限 {settings.upload_max_bytes // 1024} KB"
    what = "家庭信息过长" if path == "/api/eligibility" else "请求内容过大"
    return f"{what}（上限 {max(1, limit // 1024)} KB）"

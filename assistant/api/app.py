"""The FastAPI application: API routes and the static pages."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from assistant.api import routes_search
from assistant.retrieval.search import IndexNotBuilt, Searcher
from indexer.settings import Settings, get_settings

WEB = Path(__file__).resolve().parent.parent / "web"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="民政社会救助政策助手 API", version="0.1.0")
    app.state.settings = settings
    app.state.searcher = Searcher(settings)
    app.include_router(routes_search.router)

    @app.get("/healthz", tags=["ops"])
    def healthz() -> dict:
        return {"status": "ok"}

    @app.get("/", include_in_schema=False)
    def index() -> RedirectResponse:
        return RedirectResponse("/web/search.html")

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = [
            {"field": ".".join(str(p) for p in err["loc"] if p not in ("body", "query")), "message": err["msg"]}
            for err in exc.errors()
        ]
        names = "、".join(f["field"] for f in fields)
        return JSONResponse(status_code=422, content={"error": f"输入有误：{names}", "fields": fields})

    @app.exception_handler(IndexNotBuilt)
    async def no_index(request: Request, exc: IndexNotBuilt) -> JSONResponse:
        return JSONResponse(status_code=503, content={"error": "索引尚未建立，请先运行 indexer build", "detail": str(exc)})

    app.mount("/web", StaticFiles(directory=WEB, html=True), name="web")
    return app

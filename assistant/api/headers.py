"""Security headers on every answer, and, in production, the API documentation behind the key.

Pages load scripts only from this origin (no inline script: CSP script-src 'self'); styles may be inline (the
widget styles its shadow root). No page may be framed by another site, except the widget's own page, which
the sites allowed by MZ_CORS_ORIGINS may frame. Swagger UI and ReDoc start themselves with an inline script,
so /docs and /redoc alone allow it (and in production they need the key anyway)."""

from __future__ import annotations

from fastapi.responses import JSONResponse
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.security import UNAUTHORIZED, key_is_valid
from indexer.settings import Settings

WIDGET_ROUTES = ("/web/widget-demo.html", "/web/widget.js")
DOC_ROUTES = ("/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect")
_BASE_CSP = ("default-src 'self'; script-src 'self'{inline}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
             "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}")


class SecurityHeaders:
    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.settings = settings
        framers = " ".join(["'self'", *settings.cors_origins])
        self.page_csp = _BASE_CSP.format(inline="", ancestors="'none'")
        self.widget_csp = _BASE_CSP.format(inline="", ancestors=framers)
        self.docs_csp = _BASE_CSP.format(inline=" 'unsafe-inline'", ancestors="'none'")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if self.settings.mode == "production" and path in DOC_ROUTES and not key_is_valid(
            self.settings, Headers(scope=scope).get("x-api-key")
        ):
            refusal = JSONResponse(status_code=401, content={"error": UNAUTHORIZED},
                                   headers={"WWW-Authenticate": "X-API-Key"})
            await self._with_headers(refusal, scope, receive, send, path)
            return
        await self._with_headers(self.app, scope, receive, send, path)

    async def _with_headers(self, app: ASGIApp, scope: Scope, receive: Receive, send: Send, path: str) -> None:
        widget = path in WIDGET_ROUTES
        csp = self.widget_csp if widget else self.docs_csp if path in ("/docs", "/redoc") else self.page_csp

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", csp)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
                if not widget:
                    headers.setdefault("X-Frame-Options", "DENY")
            await send(message)

        await app(scope, receive, send_with_headers)

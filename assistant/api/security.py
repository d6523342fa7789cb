"""Access control: API keys for caseworker/trainer routes (rate limits: ratelimit.py)."""

from __future__ import annotations

import hashlib
import ipaddress
import math
import secrets
from collections import Counter

from fastapi import HTTPException, Request

from indexer.settings import Settings

# Keys that ship in docs, defaults or examples: fine on a laptop, never in production.
PLACEHOLDER_KEYS = {"dev-caseworker-key", "changeme", "change-me", "secret", "test", "test-key", "api-key"}
MIN_PRODUCTION_KEY_CHARS = 16
# Shannon entropy of the key's characters times its length: 16 identical characters have 0 bits, a
# secrets.token_urlsafe(24) key about 150
MIN_PRODUCTION_KEY_BITS = 56
UNAUTHORIZED = "需要有效的 API 密钥：请在请求头 X-API-Key 或 Authorization: Bearer 中提供（页面右上角“密钥”可设置）"


def key_bits(key: str) -> float:
    counts = Counter(key)
    return -sum(n * math.log2(n / len(key)) for n in counts.values())


class InsecureSettings(RuntimeError):
    """Settings that must not be used to serve in production."""


def check_production_keys(settings: Settings) -> None:
    """Refuse to start in production with no key, a placeholder key or a short key."""
    if settings.mode != "production":
        return
    if not settings.api_keys:
        raise InsecureSettings("mode=production 需要至少一个 API 密钥：请设置 MZ_API_KEYS='[\"…\"]'")
    weak = [k for k in settings.api_keys if k.lower() in PLACEHOLDER_KEYS or k.lower().startswith("dev-")]
    short = [k for k in settings.api_keys if len(k) < MIN_PRODUCTION_KEY_CHARS]
    guessable = [k for k in settings.api_keys if key_bits(k) < MIN_PRODUCTION_KEY_BITS]
    if weak or short or guessable:
        raise InsecureSettings(
            "mode=production 拒绝使用占位、过短或过于规律的 API 密钥"
            f"（占位 {len(weak)} 个，短于{MIN_PRODUCTION_KEY_CHARS}字符 {len(short)} 个，"
            f"随机性不足 {len(guessable)} 个）："
            "请在 MZ_API_KEYS 中设置随机生成的密钥，例如 python -c 'import secrets; print(secrets.token_urlsafe(24))'"
        )


def key_is_valid(settings: Settings, key: str | None) -> bool:
    if not key:
        return False
    # compare every key in constant time so a timing probe learns nothing about which one is close
    return any(secrets.compare_digest(key.encode(), k.encode()) for k in settings.api_keys)


def presented_key(request: Request) -> str | None:
    """The API key a request carries: ``X-API-Key``, or ``Authorization: Bearer <key>`` as OpenAI clients send it."""
    key = request.headers.get("x-api-key")
    if key:
        return key
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def caller_owner(request: Request) -> str:
    """Whose conversations a request may see: a digest of its API key (the key itself is never stored)."""
    key = presented_key(request) or ""
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def require_api_key(request: Request) -> None:
    """Route dependency for caseworker and trainer endpoints."""
    if not key_is_valid(request.app.state.settings, presented_key(request)):
        raise HTTPException(
            status_code=401,
            detail=UNAUTHORIZED,
            headers={"WWW-Authenticate": "X-API-Key"},
        )


# headers a reverse proxy adds: behind a proxy on this machine every client would look local
_FORWARDED = ("forwarded", "x-forwarded-for", "x-real-ip")


def _loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        ip = ipaddress.ip_address((host or "").strip("[]"))
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1
    return ip.is_loopback  # 127.0.0.0/8, ::1


def is_local_request(request: Request) -> bool:
    """A browser on this machine talking to this machine: the peer address is loopback, no proxy forwarded the
    request, and the Host names a loopback address (a page on another site that resolves its own name to
    127.0.0.1 — DNS rebinding — sends its own name as Host)."""
    peer = request.client.host if request.client else None
    if not _loopback(peer) or any(h in request.headers for h in _FORWARDED):
        return False
    return _loopback(request.url.hostname)


def require_key_in_production(request: Request) -> None:
    """Route dependency for what is open on a laptop but not in production (the document listing)."""
    if request.app.state.settings.mode == "production":
        require_api_key(request)

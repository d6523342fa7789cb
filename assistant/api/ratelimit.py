"""Rate limits per route group and client, on the `limits` library (moving window).

Each group (the citizen widget's screening, search, chat, uploads) has its own bucket, so a burst of searches
does not lock citizens out of the widget. Storage is in process memory by default; with several workers set
MZ_RATE_LIMIT_STORAGE=redis://host:6379 so they share one count.

Who the client is: the socket's peer address. Only when that peer is one of MZ_TRUSTED_PROXIES is the client
taken from the proxy's X-Forwarded-For (the right-most address that is not itself a trusted proxy), so a
client cannot pick its own identity by sending the header.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import time
from functools import lru_cache

from fastapi import HTTPException, Request
from limits import RateLimitItem, RateLimitItemPerMinute
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from assistant.api.security import caller_owner, key_is_valid, presented_key
from indexer.settings import Settings

log = logging.getLogger(__name__)
FORWARDED_FOR = "x-forwarded-for"


class Limiter:
    """One moving-window limiter over one storage, with a per-minute rate per route group."""

    def __init__(self, settings: Settings):
        uri = settings.rate_limit_storage
        # the asyncio storages of `limits` are named async+memory://, async+redis://…; the setting takes either
        uri = uri if uri.startswith("async+") else f"async+{uri}"
        options = {"implementation": "redispy"} if uri.startswith("async+redis") else {}
        self.storage = storage_from_string(uri, **options)
        self.strategy = MovingWindowRateLimiter(self.storage)
        self.items: dict[str, RateLimitItem] = {
            "citizen": RateLimitItemPerMinute(settings.citizen_rate_per_minute),
            "search": RateLimitItemPerMinute(settings.search_rate_per_minute),
            "chat": RateLimitItemPerMinute(settings.chat_rate_per_minute),
            "uploads": RateLimitItemPerMinute(settings.upload_rate_per_minute),
            "openai": RateLimitItemPerMinute(settings.openai_rate_per_minute),
        }
        self.proxies = _networks(tuple(settings.trusted_proxies))

    async def wait(self, group: str, identity: str) -> int | None:
        """Count one request; None when allowed, else the seconds until the next one would be."""
        item = self.items[group]
        try:
            if await self.strategy.hit(item, group, identity):
                return None
            stats = await self.strategy.get_window_stats(item, group, identity)
        except Exception as exc:  # noqa: BLE001 - a shared store that is down must not take the service down
            log.warning("rate-limit storage unavailable (%s): request let through", type(exc).__name__)
            return None
        return max(1, math.ceil(stats.reset_time - time.time()))

    async def check(self, group: str, identity: str) -> None:
        wait = await self.wait(group, identity)
        if wait is None:
            return
        raise HTTPException(
            status_code=429,
            detail=f"请求太频繁，请约{wait}秒后再试。",
            headers={"Retry-After": str(wait)},
        )


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def client_identity(request: Request, proxies) -> str:
    """The client address: the peer, or behind a trusted proxy the address that proxy saw."""
    peer = request.client.host if request.client else "unknown"

    def trusted(address: str) -> bool:
        ip = _ip(address)
        return ip is not None and any(ip in net for net in proxies)

    if not proxies or not trusted(peer):
        return peer
    hops = [h.strip() for h in ",".join(request.headers.getlist(FORWARDED_FOR)).split(",") if h.strip()]
    for hop in reversed(hops):  # right-most first: each proxy appends the address it received from
        if not trusted(hop):
            ip = _ip(hop)
            return str(ip) if ip is not None else peer
    return peer


def _limiter(request: Request) -> Limiter:
    return request.app.state.limiter


async def limit_citizen(request: Request) -> None:
    """The citizen widget's screening, per client address."""
    limiter = _limiter(request)
    await limiter.check("citizen", client_identity(request, limiter.proxies))


async def limit_search(request: Request) -> None:
    """Public search, per client address; a caseworker page sending a valid key is not counted."""
    if key_is_valid(request.app.state.settings, presented_key(request)):
        return
    limiter = _limiter(request)
    await limiter.check("search", client_identity(request, limiter.proxies))


async def limit_chat(request: Request) -> None:
    """Chat turns, per API key (all caseworkers behind one office proxy are not one client)."""
    await _limiter(request).check("chat", caller_owner(request))


async def limit_uploads(request: Request) -> None:
    await _limiter(request).check("uploads", caller_owner(request))

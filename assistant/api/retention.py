"""The retention period of conversations (个人信息保护法: personal facts are kept no longer than needed):
conversations whose last turn is older than MZ_CONVERSATION_RETENTION_DAYS are purged at start-up and hourly."""

from __future__ import annotations

import logging

import anyio
from fastapi import FastAPI

log = logging.getLogger(__name__)
PURGE_EVERY_S = 3600.0


def purge_once(app: FastAPI) -> int:
    chat = app.state.chat
    if chat is None:
        return 0
    try:
        purged = chat.store.purge(app.state.settings.conversation_retention_days)
    except Exception as exc:  # noqa: BLE001 - the next round tries again; serving goes on
        log.warning("retention purge failed: %s", type(exc).__name__)
        return 0
    if purged:
        log.info("retention: purged %d conversations older than %d days", purged,
                 app.state.settings.conversation_retention_days)
    return purged


async def purge_periodically(app: FastAPI) -> None:
    while True:
        await anyio.to_thread.run_sync(purge_once, app)
        await anyio.sleep(PURGE_EVERY_S)

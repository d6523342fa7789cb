"""GET /api/search: ranked clauses with citations. Public (the search page has no key), so it is rate-limited
per client like the citizen widget, and searches waiting for a slot are bounded."""

from __future__ import annotations

from functools import partial
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import AfterValidator

from assistant.api.deps import get_searcher, get_settings_dep
from assistant.api.ratelimit import limit_search
from assistant.api.text_input import readable_text
from assistant.retrieval.search import Searcher, SearchResult
from indexer.settings import Settings

router = APIRouter(tags=["search"])

BUSY = "检索请求较多，请稍后再试。"


@router.get(
    "/api/search",
    response_model=SearchResult,
    dependencies=[Depends(limit_search)],
    responses={429: {"description": "too many requests from this client"}, 503: {"description": "search queue full"}},
)
async def search(
    request: Request,
    searcher: Annotated[Searcher, Depends(get_searcher)],
    settings: Annotated[Settings, Depends(get_settings_dep)],
    q: Annotated[str, Query(min_length=1, max_length=500, description="question or keywords"), AfterValidator(readable_text)],
    k: Annotated[int, Query(ge=1, le=20)] = 5,
    region: Annotated[str | None, Query(max_length=50, description="rank this region's clauses first")] = None,
    as_of: Annotated[
        str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="only documents dated on or before, e.g. 2020-06")
    ] = None,
) -> Response:
    # Searches queue here for a slot without holding a worker thread, so a burst of searches cannot starve the
    # public eligibility endpoint of threads or of the GIL; past search_queue_max waiting, a search is refused
    # at once instead of waiting behind a queue that only grows. (Check and enqueue run without an await in
    # between, so on the event loop they are atomic.)
    slots: anyio.CapacityLimiter = request.app.state.search_limiter
    if slots.available_tokens < 1 and slots.statistics().tasks_waiting >= settings.search_queue_max:
        raise HTTPException(status_code=503, detail=BUSY, headers={"Retry-After": "1"})
    run = partial(searcher.search, q, k=k, region=region, as_of=as_of)
    result = await anyio.to_thread.run_sync(run, limiter=slots)
    # serialized by pydantic-core directly: FastAPI's re-validation of the returned model cost ≈3 ms a request
    return Response(result.model_dump_json(), media_type="application/json")

"""GET /api/search: ranked clauses with citations."""

from __future__ import annotations

from functools import partial
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Query, Request, Response

from assistant.api.deps import get_searcher
from assistant.retrieval.search import Searcher, SearchResult

router = APIRouter(tags=["search"])


@router.get("/api/search", response_model=SearchResult)
async def search(
    request: Request,
    searcher: Annotated[Searcher, Depends(get_searcher)],
    q: Annotated[str, Query(min_length=1, max_length=500, description="question or keywords")],
    k: Annotated[int, Query(ge=1, le=20)] = 5,
    region: Annotated[str | None, Query(max_length=50, description="rank this region's clauses first")] = None,
    as_of: Annotated[
        str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="only documents dated on or before, e.g. 2020-06")
    ] = None,
) -> Response:
    # Searches queue here for a slot without holding a worker thread, so a burst of searches cannot starve the
    # public eligibility endpoint of threads or of the GIL.
    run = partial(searcher.search, q, k=k, region=region, as_of=as_of)
    result = await anyio.to_thread.run_sync(run, limiter=request.app.state.search_limiter)
    # serialized by pydantic-core directly: FastAPI's re-validation of the returned model cost ≈3 ms a request
    return Response(result.model_dump_json(), media_type="application/json")

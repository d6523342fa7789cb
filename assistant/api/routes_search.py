"""GET /api/search: ranked clauses with citations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from assistant.api.deps import get_searcher
from assistant.retrieval.search import Searcher, SearchResult

router = APIRouter(tags=["search"])


@router.get("/api/search", response_model=SearchResult)
def search(
    searcher: Annotated[Searcher, Depends(get_searcher)],
    q: Annotated[str, Query(min_length=1, max_length=500, description="question or keywords")],
    k: Annotated[int, Query(ge=1, le=20)] = 5,
    region: Annotated[str | None, Query(max_length=50, description="rank this region's clauses first")] = None,
    as_of: Annotated[
        str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="only documents dated on or before, e.g. 2020-06")
    ] = None,
) -> SearchResult:
    return searcher.search(q, k=k, region=region, as_of=as_of)

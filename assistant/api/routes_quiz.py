"""Trainer endpoints: POST /api/quiz (items + generation report), POST /api/quiz/export (a file) and
GET /api/quiz/options (topics, types and formats for the trainer page). All need an X-API-Key."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, model_validator
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import get_searcher
from assistant.api.security import require_api_key
from assistant.quiz import FORMATS, ITEM_TYPES, Quiz, QuizRequest, export_quiz, make_quiz, topics
from assistant.quiz.facts import corpus_index
from assistant.quiz.validator import validate
from assistant.retrieval.search import Searcher

router = APIRouter(tags=["quiz"], dependencies=[Depends(require_api_key)])

ExportFormat = Literal["json", "markdown", "csv", "gift", "aiken"]


class ExportRequest(BaseModel):
    """Either the quiz as the trainer edited it on the page, or a request to generate one."""

    format: ExportFormat = "gift"
    quiz: Quiz | None = None
    request: QuizRequest | None = None

    @model_validator(mode="after")
    def _one_source(self) -> ExportRequest:
        if (self.quiz is None) == (self.request is None):
            raise ValueError("请提供 quiz（已编辑的试卷）或 request（出题参数）之一")
        return self


def _bad_request(error: ValueError) -> JSONResponse:
    return JSONResponse(status_code=422, content={"error": str(error)})


def _make(searcher: Searcher, req: QuizRequest) -> Quiz:
    return make_quiz(
        req.topic,
        req.n,
        req.types,
        seed=req.seed,
        region=req.region,
        doc_id=req.doc_id,
        clause_ids=req.clause_ids,
        searcher=searcher,
    )


@router.get("/api/quiz/options")
def quiz_options() -> dict:
    return {"topics": list(topics()), "types": list(ITEM_TYPES), "formats": list(FORMATS)}


@router.post("/api/quiz", response_model=Quiz)
async def create_quiz(
    req: QuizRequest, searcher: Annotated[Searcher, Depends(get_searcher)]
) -> Quiz | JSONResponse:
    try:
        return await run_in_threadpool(_make, searcher, req)
    except ValueError as error:
        return _bad_request(error)


@router.post("/api/quiz/export", response_class=Response, responses={200: {"description": "the quiz file"}})
async def export(req: ExportRequest, searcher: Annotated[Searcher, Depends(get_searcher)]) -> Response:
    try:
        quiz = req.quiz if req.quiz is not None else await run_in_threadpool(_make, searcher, req.request)
    except ValueError as error:
        return _bad_request(error)
    if req.quiz is not None:
        # a trainer may rewrite stems; answer keys, options and citations must still hold against the clauses
        corpus = corpus_index(searcher.chunks)
        failed = [
            {"id": item.id, "reason": reason}
            for item in quiz.items
            if (reason := validate(item, corpus, edited=True)) is not None
        ]
        if failed:
            return JSONResponse(
                status_code=422, content={"error": "部分题目与条款不符，未导出", "items": failed}
            )
    exported = export_quiz(quiz, req.format)
    name = exported.filename
    headers = {
        # RFC 5987: the file name may carry Chinese; the plain name is the ASCII fallback
        "Content-Disposition": f"attachment; filename={name}; filename*=UTF-8''{quote(name)}",
        "X-Quiz-Notes": quote("；".join(exported.notes)),
        "X-Quiz-Items": str(len(quiz.items)),
    }
    return Response(content=exported.content.encode("utf-8"), media_type=exported.media_type, headers=headers)

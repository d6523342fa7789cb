"""Trainer endpoints (all need an X-API-Key):
POST /api/quiz (items + generation report), POST /api/quiz/item (regenerate one item),
POST /api/quiz/edit (apply a trainer's edit to one item and re-validate it), POST /api/quiz/export (a file),
DELETE /api/quiz/history (forget which facts this key's quizzes asked), GET /api/quiz/options."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, model_validator
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import get_searcher
from assistant.api.security import caller_owner, require_api_key
from assistant.quiz import FORMATS, ITEM_TYPES, Quiz, QuizItem, QuizRequest, export_quiz, make_quiz, topics
from assistant.quiz.editing import ItemEdit, apply_edit, reason_text, reasons, revalidate
from assistant.quiz.exports import PAPERS
from assistant.quiz.facts import corpus_index
from assistant.quiz.history import QuizHistory
from assistant.quiz.validator import validate
from assistant.retrieval.search import Searcher

router = APIRouter(tags=["quiz"], dependencies=[Depends(require_api_key)])

ExportFormat = Literal["json", "markdown", "csv", "gift", "aiken", "docx"]
REGENERATE_TRIES = 8  # seeds tried for a replacement item before giving up


class ExportRequest(BaseModel):
    """Either the quiz as the trainer edited it on the page, or a request to generate one."""

    format: ExportFormat = "gift"
    quiz: Quiz | None = None
    request: QuizRequest | None = None
    paper: Literal["student", "teacher"] = Field("teacher", description="student: without answers")
    chinese_headers: bool = Field(False, description="CSV: Chinese column names for domestic exam platforms")

    @model_validator(mode="after")
    def _one_source(self) -> ExportRequest:
        if (self.quiz is None) == (self.request is None):
            raise ValueError("请提供 quiz（已编辑的试卷）或 request（出题参数）之一")
        return self


class RegenerateRequest(BaseModel):
    quiz: Quiz
    index: int = Field(ge=0, le=99)
    request: QuizRequest = Field(default_factory=QuizRequest)


class EditRequest(BaseModel):
    item: QuizItem
    edit: ItemEdit


def _bad_request(error: ValueError) -> JSONResponse:
    return JSONResponse(status_code=422, content={"error": str(error)})


def _history(request: Request) -> QuizHistory:
    state = request.app.state
    if getattr(state, "quiz_history", None) is None:
        state.quiz_history = QuizHistory(state.settings.conversation_db_url)
    return state.quiz_history


def _make(searcher: Searcher, req: QuizRequest, exclude: set[str] | None = None, n: int | None = None,
          seed: int | None = None, types: list[str] | None = None) -> Quiz:
    return make_quiz(
        req.topic,
        n or req.n,
        types if types is not None else req.types,
        seed=req.seed if seed is None else seed,
        region=req.region,
        doc_id=req.doc_id,
        clause_ids=req.clause_ids,
        searcher=searcher,
        apply_share=req.apply_share,
        difficulty_mix=req.difficulty_mix,
        exclude_facts=sorted(exclude or set(req.exclude_facts or ())),
    )


@router.get("/api/quiz/options")
def quiz_options() -> dict:
    return {
        "topics": list(topics()),
        "types": list(ITEM_TYPES),
        "formats": list(FORMATS),
        "papers": list(PAPERS),
        "reasons": reasons(),
    }


@router.post("/api/quiz", response_model=Quiz)
async def create_quiz(
    req: QuizRequest, request: Request, searcher: Annotated[Searcher, Depends(get_searcher)]
) -> Quiz | JSONResponse:
    owner = caller_owner(request)
    history = _history(request)
    exclude = set(req.exclude_facts or ())
    if req.avoid_repeats:
        exclude |= await run_in_threadpool(history.asked, owner)
    try:
        quiz = await run_in_threadpool(_make, searcher, req, exclude)
    except ValueError as error:
        return _bad_request(error)
    if req.avoid_repeats:
        await run_in_threadpool(history.record, owner, quiz.items)
    return quiz


@router.delete("/api/quiz/history")
async def forget_history(request: Request) -> dict:
    forgotten = await run_in_threadpool(_history(request).forget, caller_owner(request))
    return {"forgotten": forgotten}


@router.post("/api/quiz/item", response_model=QuizItem)
async def regenerate_item(
    body: RegenerateRequest, request: Request, searcher: Annotated[Searcher, Depends(get_searcher)]
) -> QuizItem | JSONResponse:
    """A new item in place of ``quiz.items[index]``: the same kind (case or clause item, same type), a
    fact neither this quiz nor (with avoid_repeats) this key's earlier quizzes asked, no answer leaked."""
    if body.index >= len(body.quiz.items):
        return JSONResponse(status_code=422, content={"error": "题号超出试卷范围"})
    old = body.quiz.items[body.index]
    exclude = {i.fact_key for i in body.quiz.items} | set(body.request.exclude_facts or ())
    owner = caller_owner(request)
    if body.request.avoid_repeats:
        exclude |= await run_in_threadpool(_history(request).asked, owner)
    req = body.request.model_copy(update={"apply_share": 1.0 if old.case is not None else 0.0})
    others = [i for n, i in enumerate(body.quiz.items) if n != body.index]
    try:
        for attempt in range(REGENERATE_TRIES):
            made = await run_in_threadpool(
                _make, searcher, req, exclude, 1, req.seed + 1 + attempt, [old.type]
            )
            fresh = [i for i in made.items if not _leaks(i, others)]
            if fresh:
                if body.request.avoid_repeats:
                    await run_in_threadpool(_history(request).record, owner, fresh[:1])
                return fresh[0]
            exclude |= {i.fact_key for i in made.items}
    except ValueError as error:
        return _bad_request(error)
    return JSONResponse(status_code=422, content={"error": "所选范围内没有可替换的新题目"})


def _leaks(item: QuizItem, others: list[QuizItem]) -> bool:
    from assistant.quiz.validator import leaks

    return leaks(item, others) is not None


@router.post("/api/quiz/edit")
async def edit_item(body: EditRequest, searcher: Annotated[Searcher, Depends(get_searcher)]) -> JSONResponse:
    """The item with the trainer's edit, re-validated against the clauses (or the rules engine for a case);
    422 with the reason in Chinese when the edit would make the item wrong."""
    item, reason = apply_edit(body.item, body.edit)
    if reason is None:
        corpus = corpus_index(searcher.chunks)
        reason = await run_in_threadpool(revalidate, item, corpus)
    if reason is not None:
        return JSONResponse(status_code=422, content={"error": reason_text(reason), "reason": reason})
    return JSONResponse(content=item.model_dump(mode="json"))


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
            {"id": item.id, "reason": reason, "message": reason_text(reason)}
            for item in quiz.items
            if (reason := validate(item, corpus, edited=True)) is not None
        ]
        if failed:
            return JSONResponse(
                status_code=422, content={"error": "部分题目与条款不符，未导出", "items": failed}
            )
    exported = export_quiz(quiz, req.format, paper=req.paper, chinese_headers=req.chinese_headers)
    name = exported.filename
    headers = {
        # RFC 5987: the file name may carry Chinese; the plain name is the ASCII fallback
        "Content-Disposition": f"attachment; filename={name}; filename*=UTF-8''{quote(name)}",
        "X-Quiz-Notes": quote("；".join(exported.notes)),
        "X-Quiz-Items": str(exported.written),
    }
    body = exported.content if isinstance(exported.content, bytes) else exported.content.encode("utf-8")
    return Response(content=body, media_type=exported.media_type, headers=headers)

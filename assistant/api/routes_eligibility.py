"""POST /api/eligibility: the spec household JSON → pre-screening results.

`audience=citizen` (the public widget) is rate-limited per client IP and returns plain-language results;
`audience=caseworker` needs the API key and returns every step and basis. Nothing about the household is
stored or logged: the body lives only for the duration of the request.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from assistant.api.ratelimit import limit_citizen
from assistant.api.security import require_api_key
from assistant.eligibility import Household, HouseholdInputError, ScreeningResult, check_household
from assistant.eligibility.context import guidance
from assistant.eligibility.messages import field_path, validation_messages
from assistant.eligibility.render import render

router = APIRouter(tags=["eligibility"])

Audience = Literal["citizen", "caseworker"]
# a household of a dozen members is ~3 KB; anything far larger is not a household. Enforced on the raw body
# before it is parsed (assistant/api/limits.py, set up in app.py).
MAX_BODY_BYTES = 64 * 1024
STATUS_ORDER = {"meets": 0, "needs_info": 1, "does_not_meet": 2}

EXAMPLE = {
    "region": {"province": "河北省", "prefecture": "承德市", "county": "丰宁满族自治县"},
    "area": "rural",
    "members": [{"relation": "self", "age": 72, "income_yearly": 1200, "legal_supporters": "unable"}],
    "assets_within_limit": True,
}


def _invalid(error: ValidationError, audience: Audience) -> JSONResponse:
    fields = []
    for item, message in zip(error.errors(), validation_messages(error), strict=True):
        path = field_path(tuple(item["loc"])) or "家庭信息"
        entry = {"field": path, "message": message.split("：", 1)[-1]}
        if audience == "caseworker":
            entry["detail"] = item["msg"]
        fields.append(entry)
    summary = "；".join(f"{f['field']}：{f['message']}" for f in fields)
    return JSONResponse(status_code=422, content={"error": f"家庭信息填写有误：{summary}", "fields": fields})


def citizen_view(result: ScreeningResult) -> dict[str, Any]:
    """What the widget shows: per program its plain description, the outcome, what to ask, bring and do."""
    g = guidance()
    labels = g["labels"]["status_citizen"]
    programs = []
    for p in sorted(result.results, key=lambda r: STATUS_ORDER[r.status]):
        programs.append(
            {
                "program": p.program,
                "title": p.title,
                "plain": g["programs"][p.program]["plain"],
                "status": p.status,
                "status_label": labels[p.status],
                "estimate": {"monthly": p.estimate.monthly, "yearly": p.estimate.yearly} if p.estimate else None,
                "questions": [m.question for m in p.missing],
                # why not, only where the answer is "no": a met program may list an alternative that failed
                "unmet": list(dict.fromkeys(s.plain or s.what for s in p.steps if s.passed is False))
                if p.status == "does_not_meet"
                else [],
                "next_steps": p.next_steps,
                "notes": p.notes if p.status != "does_not_meet" else [],
            }
        )
    return {
        "region": result.region,
        "date": result.date.isoformat(),
        "programs": programs,
        "notes": result.notes,
        "disclaimer": result.disclaimer,
    }


async def _access(request: Request) -> None:
    """Caseworkers need the key; citizens are rate-limited. (The audience itself is validated by the route.)"""
    if request.query_params.get("audience") == "caseworker":
        require_api_key(request)
    else:
        await limit_citizen(request)


@router.post("/api/eligibility", dependencies=[Depends(_access)])
def eligibility(
    request: Request,
    # Any, not dict: a non-object body gets the same Chinese field message as any other household error
    household: Annotated[Any, Body(description="the household JSON of the eligibility spec", examples=[EXAMPLE])],
    audience: Annotated[Audience, Query(description="citizen: plain results, public; caseworker: API key")] = "citizen",
) -> Any:
    try:
        parsed = Household.model_validate(household)
    except ValidationError as error:
        return _invalid(error, audience)
    try:
        result = check_household(parsed, settings=request.app.state.settings)
    except HouseholdInputError as error:
        return JSONResponse(status_code=422, content={"error": str(error), "fields": []})
    if audience == "citizen":
        return {"audience": audience, **citizen_view(result), "text": render(result, "citizen")}
    return {"audience": audience, "result": result.model_dump(mode="json"), "text": render(result, "caseworker")}

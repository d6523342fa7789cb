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
from assistant.eligibility import Household, HouseholdInputError, check_household
from assistant.eligibility.citizen import citizen_view
from assistant.eligibility.cli_command import render_what_if
from assistant.eligibility.messages import catalogue, field_path, validation_messages
from assistant.eligibility.render import render
from assistant.eligibility.whatif import compare

router = APIRouter(tags=["eligibility"])

Audience = Literal["citizen", "caseworker"]
# a household of a dozen members is ~3 KB; anything far larger is not a household. Enforced on the raw body
# before it is parsed (assistant/api/limits.py, set up in app.py).
MAX_BODY_BYTES = 64 * 1024

EXAMPLE = {
    "region": {"province": "河北省", "prefecture": "承德市", "county": "丰宁满族自治县"},
    "area": "rural",
    "members": [{"relation": "self", "age": 72, "income_yearly": 1200, "legal_supporters": "unable"}],
    "assets_within_limit": True,
}


def _invalid(error: ValidationError, audience: Audience) -> JSONResponse:
    fields = []
    for item, message in zip(error.errors(), validation_messages(error), strict=True):
        path = field_path(tuple(item["loc"])) or catalogue().whole
        entry = {"field": path, "message": message.split("：", 1)[-1]}
        if audience == "caseworker":
            entry["detail"] = item["msg"]
        fields.append(entry)
    summary = "；".join(f"{f['field']}：{f['message']}" for f in fields)
    return JSONResponse(status_code=422, content={"error": catalogue().heading + summary, "fields": fields})


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
        view = citizen_view(result).model_dump(mode="json")
        return {"audience": audience, **view, "text": render(result, "citizen")}
    return {"audience": audience, "result": result.model_dump(mode="json"), "text": render(result, "caseworker")}


@router.post("/api/eligibility/what-if")
def what_if(
    request: Request,
    body: Annotated[Any, Body(description='{"household": {...}, "overrides": {"rural_dibao_standard_yearly": 6000}}')],
) -> Any:
    """Caseworkers: the household screened with some parameters set for this check, beside the baseline."""
    require_api_key(request)
    if not isinstance(body, dict) or not isinstance(body.get("overrides"), dict) or set(body) - {"household", "overrides"}:
        message = "请求应为 {\"household\": {…}, \"overrides\": {参数名: 数值}}"
        return JSONResponse(status_code=422, content={"error": message, "fields": []})
    try:
        parsed = Household.model_validate(body.get("household"))
    except ValidationError as error:
        return _invalid(error, "caseworker")
    try:
        result = compare(parsed, body["overrides"], settings=request.app.state.settings)
    except HouseholdInputError as error:
        return JSONResponse(status_code=422, content={"error": str(error), "fields": []})
    return {**result.model_dump(mode="json"), "text": render_what_if(result, trace=False)}

"""Eligibility API bounds and robustness: no input ever gets a 5xx (hypothesis over the household JSON schema,
with extreme floats and odd unicode), oversized households and insane numbers get a 422 in Chinese."""

from __future__ import annotations

import json
import math
import shutil

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.api.app import create_app
from assistant.eligibility import Household
from tests.api.conftest import KEY, private

ELDER = {
    "region": {"province": "河北省", "county": "丰宁满族自治县"}, "area": "rural", "date": "2020-06-01",
    "members": [{"relation": "self", "age": 72, "income_yearly": 1200}],
}
ODD_TEXT = st.sampled_from(["\ud800", "\udfff", "\x00", "𠀀" * 60, "‮丰宁", "", " ", "丰宁\u200b", "null"])
EXTREME = st.sampled_from([math.inf, -math.inf, math.nan, 1e308, -1e308, 5e-324, -0.0, 10**30, -(10**30), 2**63])
SCHEMA = Household.model_json_schema()


@pytest.fixture(scope="module")
def api(hash_settings, tmp_path_factory):
    app = create_app(private(hash_settings, tmp_path_factory.mktemp("bounds"), citizen_rate_per_minute=10**6))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _mutate(value, draw):
    """Replace some leaves with extreme numbers or odd text, keeping the rest of the valid shape."""
    if isinstance(value, dict):
        return {k: _mutate(v, draw) for k, v in value.items()}
    if isinstance(value, list):
        return [_mutate(v, draw) for v in value]
    if draw(st.integers(0, 5)) == 0:
        return draw(st.one_of(EXTREME, ODD_TEXT, st.text(max_size=5)))
    return value


def from_schema(node: dict, defs: dict):
    """Values of a pydantic JSON schema node (the subset Household uses: objects, anyOf, enums, scalars, arrays).

    hypothesis-jsonschema does not work with the installed hypothesis, so the walk is our own; numbers range far
    beyond the schema's bounds on purpose, so the bounds themselves are exercised."""
    if "$ref" in node:
        return st.deferred(lambda: from_schema(defs[node["$ref"].rsplit("/", 1)[-1]], defs))
    if "anyOf" in node:
        return st.one_of(*(from_schema(n, defs) for n in node["anyOf"]))
    if "enum" in node:
        return st.sampled_from(node["enum"])
    if "const" in node:
        return st.just(node["const"])
    kind = node.get("type")
    if kind == "object":
        props = {k: from_schema(v, defs) for k, v in node.get("properties", {}).items()}
        required = {k: props.pop(k) for k in node.get("required", []) if k in props}
        return st.fixed_dictionaries(required, optional=props)
    if kind == "array":
        return st.lists(from_schema(node.get("items", {}), defs), min_size=node.get("minItems", 0), max_size=4)
    if kind == "integer":
        return st.integers(-(10**20), 10**20) | st.integers(0, 120)
    if kind == "number":
        return st.floats(allow_nan=True, allow_infinity=True) | st.integers(0, 100000)
    if kind == "boolean":
        return st.booleans()
    if kind == "string":
        if node.get("format") == "date":
            return st.dates().map(str) | st.text(max_size=12)
        return st.text(max_size=12) | ODD_TEXT
    if kind == "null":
        return st.none()
    return st.none() | st.integers() | st.text(max_size=5)


@st.composite
def households(draw):
    valid = draw(from_schema(SCHEMA, SCHEMA.get("$defs", {})))
    return _mutate(valid, draw) if draw(st.booleans()) else valid


def _post(api, body, audience):
    # json.dumps writes inf/nan as Infinity/NaN, lone surrogates as \ud800 escapes: what a hostile client sends
    text = json.dumps(body, ensure_ascii=True, allow_nan=True)
    headers = {"Content-Type": "application/json", **(KEY if audience == "caseworker" else {})}
    return api.post(f"/api/eligibility?audience={audience}", content=text.encode(), headers=headers)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(body=households(), audience=st.sampled_from(["citizen", "caseworker"]))
def test_no_household_json_gets_a_server_error(api, body, audience) -> None:
    resp = _post(api, body, audience)
    assert resp.status_code in (200, 422), (resp.status_code, resp.text[:300])
    if resp.status_code == 422:
        assert resp.json()["error"].startswith("家庭信息填写有误")


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"members": [{"relation": "other", "age": 30}] * 21}, "最多20项"),
        ({"members": [{"income_yearly": math.inf}]}, "年收入应为正常的数字"),
        ({"members": [{"income_yearly": 1e308}]}, "年收入不能大于"),
        ({"rigid_expenses_yearly": math.nan}, "刚性支出应为正常的数字"),
        ({"region": {"province": "\ud800"}}, "含有无法识别的字符"),
        ({"region": {"county": "县" * 200}}, "最多50个字"),
        ({"local_parameters": {"edge_ratio": 1e9}}, "低保边缘倍数不能大于"),
    ],
)
def test_bounds_get_a_422_with_a_chinese_message(api, change, fragment) -> None:
    resp = _post(api, {**ELDER, **change}, "citizen")
    assert resp.status_code == 422
    assert fragment in resp.json()["error"], resp.json()


def test_what_if_shows_the_variant_beside_the_baseline(api) -> None:
    body = {"household": {**ELDER, "members": [{"relation": "self", "age": 50, "income_yearly": 5000,
                                                "disability": {"category": "none"}}],
                          "income_excluded_yearly": 0, "rigid_expenses_yearly": 0, "employment_costs_yearly": 0,
                          "assets_within_limit": True},
            "overrides": {"rural_dibao_standard_yearly": 6000}}
    resp = api.post("/api/eligibility/what-if", json=body, headers=KEY)
    assert resp.status_code == 200, resp.text
    data = resp.json()
    dibao = next(c for c in data["changes"] if c["program"] == "dibao")
    assert (dibao["baseline"], dibao["variant"]) == ("does_not_meet", "meets")
    assert data["variant"]["overrides"] == {"rural_dibao_standard_yearly": 6000}
    use = next(u for u in data["variant"]["parameters"] if u["name"] == "rural_dibao_standard_yearly")
    assert use["used"]["origin"] == "override" and use["other"]["value"] == 4800
    bad = api.post("/api/eligibility/what-if", json={**body, "overrides": {"no_such_rate": 1}}, headers=KEY)
    assert bad.status_code == 422 and "没有这个参数" in bad.json()["error"]
    assert api.post("/api/eligibility/what-if", json=body).status_code == 401


def test_a_removed_policy_document_gives_a_warning_not_a_500(hash_settings, tmp_path) -> None:
    """Done means: removing the 内蒙古 document from the corpus leaves 内蒙古 households screened, with a warning."""
    corpus = tmp_path / "corpus"
    shutil.copytree(hash_settings.corpus_dir, corpus)
    removed = [p for p in corpus.glob("*.txt") if "内蒙古自治区民政厅" in p.read_text(encoding="utf-8")[:400]]
    assert len(removed) == 1
    removed[0].unlink()
    app = create_app(private(hash_settings, tmp_path, corpus_dir=corpus))
    household = {"region": {"province": "内蒙古自治区"}, "area": "rural", "date": "2022-06-01",
                 "members": [{"relation": "self", "age": 40, "income_yearly": 0,
                              "disability": {"category": "mental", "grade": 3, "certified": True},
                              "needs_long_term_care": True}]}
    with TestClient(app, raise_server_exceptions=False) as c:
        citizen = c.post("/api/eligibility", json=household)
        caseworker = c.post("/api/eligibility?audience=caseworker", json=household, headers=KEY)
    assert citizen.status_code == 200 and caseworker.status_code == 200
    result = caseworker.json()["result"]
    assert result["warnings"] and "找不到" in result["warnings"][0]
    care = next(p for p in result["results"] if p["program"] == "disability_care_subsidy")
    assert care["status"] == "meets"
    assert "未在已索引文件中找到原文" in caseworker.json()["text"]


OVERRIDE_NAMES = st.sampled_from(["rural_dibao_standard_yearly", "low_income_edge_ratio", "tekun_standard_yearly",
                                  "single_person_priority_care", "tekun_incapacity_max_grade", "no_such", "\ud800"])
OVERRIDE_VALUES = st.one_of(EXTREME, ODD_TEXT, st.booleans(), st.integers(-5, 10**6), st.none(), st.lists(st.integers(), max_size=2))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=households(), overrides=st.dictionaries(OVERRIDE_NAMES, OVERRIDE_VALUES, max_size=3))
def test_no_what_if_gets_a_server_error(api, body, overrides) -> None:
    text = json.dumps({"household": body, "overrides": overrides}, ensure_ascii=True, allow_nan=True)
    resp = api.post("/api/eligibility/what-if", content=text.encode(),
                    headers={"Content-Type": "application/json", **KEY})
    assert resp.status_code in (200, 422), (resp.status_code, resp.text[:300])

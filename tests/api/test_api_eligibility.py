"""POST /api/eligibility: citizen (public, plain) and caseworker (keyed, every step and basis)."""

from __future__ import annotations

from tests.api.conftest import KEY

FENGNING = {
    "region": {"province": "河北省", "prefecture": "承德市", "county": "丰宁满族自治县"},
    "area": "rural",
    "date": "2020-06-01",
    "members": [{"relation": "self", "age": 72, "income_yearly": 1200, "legal_supporters": "unable"}],
    "assets_within_limit": True,
}


def by_program(data: dict) -> dict:
    return {p["program"]: p for p in data["programs"]}


def test_citizen_gets_plain_results_with_where_to_apply_what_to_bring_and_the_disclaimer(client):
    resp = client.post("/api/eligibility", json=FENGNING)
    assert resp.status_code == 200
    data = resp.json()
    dibao = by_program(data)["dibao"]
    assert dibao["status"] == "meets" and dibao["status_label"] == "可能符合条件"
    assert dibao["estimate"]["monthly"] == 300
    assert any("乡镇人民政府" in s for s in dibao["next_steps"]) and any("需要准备" in s for s in dibao["next_steps"])
    assert "审核确认" in data["disclaimer"] and data["region"] == "河北省承德市丰宁满族自治县"
    # plain words only: no rule steps, no citations, and nothing of the household echoed back
    assert "steps" not in dibao and "result" not in data and "members" not in data
    assert [p["status"] for p in data["programs"]] == sorted(
        (p["status"] for p in data["programs"]), key=["meets", "needs_info", "does_not_meet"].index
    )


def test_unknown_income_is_needs_info_with_the_question_never_zero(client):
    household = {**FENGNING, "members": [{"relation": "self", "age": 50, "income_yearly": None}]}
    data = client.post("/api/eligibility", json=household).json()
    assert by_program(data)["dibao"]["status"] == "needs_info"
    asked = {q["id"]: q for q in data["questions"]}
    assert asked["income"]["members"] == [{"index": 0, "label": "申请人（50岁）"}]


def test_invalid_input_names_each_field_in_chinese(client):
    bad = {**FENGNING, "members": [{"relation": "self", "age": 200, "income_yearly": "1200"}], "nickname": "x"}
    resp = client.post("/api/eligibility", json=bad)
    assert resp.status_code == 422
    fields = {f["field"]: f["message"] for f in resp.json()["fields"]}
    assert fields["members[0].age"] == "年龄应在0到150之间"
    assert "数字" in fields["members[0].income_yearly"]
    assert "nickname" in fields
    assert resp.json()["error"].startswith("家庭信息填写有误")


def test_only_the_household_shape_is_accepted(client):
    for body in ([FENGNING], "丰宁", {"household": FENGNING}):
        resp = client.post("/api/eligibility", json=body)
        assert resp.status_code == 422 and resp.json()["fields"], body
    too_big = {**FENGNING, "members": [FENGNING["members"][0]] * 2000}
    assert client.post("/api/eligibility", json=too_big).status_code == 413


def test_caseworker_gets_every_step_with_its_basis(client):
    resp = client.post("/api/eligibility", params={"audience": "caseworker"}, json=FENGNING, headers=KEY)
    assert resp.status_code == 200
    data = resp.json()
    dibao = next(r for r in data["result"]["results"] if r["program"] == "dibao")
    quotes = [c["quote"] for s in dibao["steps"] for c in s["basis"] if c["in_corpus"]]
    assert "将农村低保保障保准由4500元提高至4800元" in quotes
    assert "经办人员版" in data["text"]


def test_broken_json_body_gets_a_chinese_message(client):
    resp = client.post(
        "/api/eligibility?audience=citizen", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert resp.status_code == 422
    assert "不是有效的 JSON" in resp.json()["error"]

"""Named households from the brief, regional notes, citations scoping, renderings and the CLI body."""

from __future__ import annotations

import json

from assistant.eligibility import PROGRAMS, check_household
from assistant.eligibility.cli_command import check_command
from assistant.eligibility.render import render, render_caseworker, render_citizen

from .helpers import FENGNING, RURAL_QUESTION, SHANDONG, URBAN_QUESTION, elder_fengning, household, member

FN_DOC = "003_2b397bcf9f5a37ec.txt"
IM_DOC = "000_2fda023764c5125f.txt"


def corpus_quotes(result) -> set[str]:
    return {c.quote for step in result.steps for c in step.basis if c.in_corpus} | {
        c.quote for c in result.references if c.in_corpus
    }


def test_fengning_dibao_estimate_uses_4800_with_clause_citation() -> None:
    h = household(FENGNING, [member(income_yearly=2400), member(id="p2", relation="spouse", income_yearly=0)])
    dibao = check_household(h, ["dibao"]).get("dibao")
    assert dibao.status == "meets"
    assert dibao.steps[0].value == 1200 and dibao.steps[0].threshold == 4800
    assert dibao.estimate.yearly == 7200 and dibao.estimate.monthly == 600
    assert "4800" in dibao.estimate.formula
    standard = [c for c in dibao.steps[0].basis if c.in_corpus]
    assert standard[0].doc_id == FN_DOC
    assert standard[0].quote == "将农村低保保障保准由4500元提高至4800元"
    assert standard[0].chunk_id and standard[0].heading_path
    # the tier table is shown with its own clause
    assert "255、285、400" in dibao.estimate.note
    assert "补差标准提高至255元、285元、400元" in corpus_quotes(dibao)
    # the estimate carries the basis of the standard (and of the tier table) it uses
    assert [c.quote for c in dibao.estimate.basis] == [standard[0].quote, "补差标准提高至255元、285元、400元"]
    assert "\n  依据：《" in render_caseworker(check_household(h, ["dibao"])).split("- 测算：")[1]


def test_region_without_parameters_asks_the_local_standard() -> None:
    result = check_household(household(SHANDONG, [member(income_yearly=2000)], date="2023-06-01"))
    dibao = result.get("dibao")
    assert dibao.status == "needs_info"
    assert [m.question for m in dibao.missing] == [RURAL_QUESTION]
    assert dibao.missing[0].field == "local_parameters.dibao_standard_yearly"
    urban = check_household(household(SHANDONG, [member(income_yearly=2000)], area="urban", date="2023-06-01"))
    assert [m.question for m in urban.get("dibao").missing] == [URBAN_QUESTION]


def test_elderly_person_alone_in_fengning() -> None:
    result = check_household(elder_fengning())
    assert set(result.statuses()) == set(PROGRAMS)
    dibao, tekun = result.get("dibao"), result.get("tekun")
    living, care = result.get("disability_living_subsidy"), result.get("disability_care_subsidy")
    assert (dibao.status, tekun.status, living.status, care.status) == ("meets", "meets", "meets", "meets")
    assert dibao.estimate.yearly == 3600
    assert tekun.estimate.yearly == 6600 and tekun.estimate.monthly == 550
    assert tekun.persons == living.persons == care.persons == ["p1"]
    assert "特困人员由年6000元提高到6600元" in corpus_quotes(tekun)
    for program in (dibao, tekun, living, care):
        assert any(c.in_corpus and c.chunk_id for step in program.steps for c in step.basis), program.program
        assert any(not c.in_corpus for step in program.steps for c in step.basis), program.program
    assert "落实好困难残疾人生活补贴和重度残疾人护理补贴" in corpus_quotes(care)
    assert any(c.regulation == "《社会救助暂行办法》" and c.article == "第十四条" for s in tekun.steps for c in s.basis)
    assert all(r.declared_facts for r in result.results) and result.declared_facts


def test_regional_clauses_are_never_cited_outside_their_region() -> None:
    everyone = [member(age=72, income_yearly=1200, legal_supporters="none",
                       disability={"category": "intellectual", "grade": 3, "certified": True})]
    inner_mongolia = check_household(household({"province": "内蒙古"}, everyone, date="2022-06-01",
                                                local_parameters={"dibao_standard_yearly": 6000}))
    shandong = check_household(household(SHANDONG, everyone, date="2022-06-01",
                                         local_parameters={"dibao_standard_yearly": 6000}))
    im_docs = {c.doc_id for r in inner_mongolia.results for s in r.steps for c in s.basis if c.in_corpus}
    sd_docs = {c.doc_id for r in shandong.results for s in r.steps for c in s.basis if c.in_corpus}
    assert IM_DOC in im_docs
    assert sd_docs == set()
    assert inner_mongolia.get("disability_care_subsidy").status == "meets"
    assert shandong.get("disability_care_subsidy").status == "does_not_meet"


def test_grade3_intellectual_dibao_member_tier_up_in_fengning() -> None:
    h = household(FENGNING, [member(income_yearly=1000,
                                    disability={"category": "intellectual", "grade": 3, "certified": True})])
    dibao = check_household(h, ["dibao"]).get("dibao")
    assert any("提高一档" in note for note in dibao.notes)
    assert "将三级精神、智力残疾低保对象补差标准提高一档发放" in corpus_quotes(dibao)


def test_regional_next_steps_and_periods() -> None:
    anhui = check_household(household({"province": "安徽省"}, [member(income_yearly=1000)], date="2023-06-01",
                                      local_parameters={"dibao_standard_yearly": 8000}), ["dibao"]).get("dibao")
    assert any("20个工作日内" in s for s in anhui.next_steps)
    assert "低保、特困人员救助办理时限一般在20个工作日内" in corpus_quotes(anhui)
    hlj = check_household(household({"province": "黑龙江省"}, [member(income_yearly=7000)], date="2023-06-01",
                                    status={"dibao": True}, local_parameters={"dibao_standard_yearly": 6000}),
                          ["dibao_gradual_exit"]).get("dibao_gradual_exit")
    assert hlj.status == "meets" and any("12个月" in n for n in hlj.notes)
    elsewhere = check_household(household(SHANDONG, [member(income_yearly=7000)], date="2023-06-01",
                                          status={"dibao": True}, local_parameters={"dibao_standard_yearly": 6000}),
                                ["dibao_gradual_exit"]).get("dibao_gradual_exit")
    assert not any("12个月" in n for n in elsewhere.notes)


def test_guizhou_tekun_standard_is_a_minimum_of_the_urban_standard() -> None:
    elder = [member(age=75, income_yearly=1000, legal_supporters="none")]
    supplied = check_household(household({"province": "贵州"}, elder, local_parameters={
        "urban_dibao_standard_yearly": 7000}), ["tekun"]).get("tekun")
    assert supplied.estimate.yearly == 9100 and "不低于" in supplied.estimate.formula
    assert supplied.caller_supplied == ["urban_dibao_standard_yearly"]
    missing = check_household(household({"province": "贵州"}, elder), ["tekun"]).get("tekun")
    assert missing.status == "meets" and missing.estimate is None
    assert any("城市低保标准" in n for n in missing.notes)


def test_verified_facts_are_not_flagged_declared() -> None:
    result = check_household({**elder_fengning(), "facts": "verified"})
    assert not result.declared_facts and not any(r.declared_facts for r in result.results)


def test_program_subset_and_unknown_program() -> None:
    result = check_household(elder_fengning(), ["tekun", "dibao"])
    assert [r.program for r in result.results] == ["tekun", "dibao"]
    try:
        check_household(elder_fengning(), ["housing"])
    except ValueError as error:
        assert "housing" in str(error)
    else:
        raise AssertionError("unknown program accepted")


def test_citizen_rendering_is_plain_and_says_who_decides() -> None:
    text = render_citizen(check_household(elder_fengning()))
    # likely programs first, reconciled: supported as 特困, so not also counted for dibao
    assert text.index("■ 特困人员救助供养：申请人（72岁），大约每月550元") < text.index("还想请您回答")
    assert "大约每月300元" not in text and "不再同时申请低保" in text
    assert "每人每年的收入约1200元，当地低保标准约每人每年4800元" in text
    assert "12345" in text and "没有满足的条件" not in text
    assert "乡镇人民政府（街道办事处）" in text and "一门受理、协同办理" in text
    assert "需要准备" in text and "身份证" in text
    assert "家庭经济状况核对" in text and "民政部门" in text and "不是审批结果" in text
    assert "自述" in text
    assert "chunk" not in text and "dibao" not in text


def test_caseworker_rendering_shows_steps_thresholds_and_clauses() -> None:
    text = render_caseworker(check_household(elder_fengning()))
    assert "[dibao] — 符合（预审）" in text
    assert "1200 vs 4800 元/人·年" in text
    assert "「将农村低保保障保准由4500元提高至4800元」" in text
    assert "《社会救助暂行办法》第九条（外部法规，非本库文件）" in text
    assert "家庭近期是否遭遇火灾" in text
    assert render(check_household(elder_fengning()), "caseworker") == text


def test_cli_command_outputs(tmp_path) -> None:
    path = tmp_path / "household.json"
    path.write_text(json.dumps(elder_fengning(), ensure_ascii=False), encoding="utf-8")
    data = json.loads(check_command(str(path), True, "citizen"))
    assert {r["program"]: r["status"] for r in data["results"]}["tekun"] == "meets"
    assert data["results"][0]["steps"][0]["basis"][1]["chunk_id"]
    assert "您家的初步筛查结果" in check_command(str(path), False, "citizen")
    assert "经办人员版" in check_command(str(path), False, "caseworker")


def test_missing_date_uses_the_given_day_and_says_so() -> None:
    from datetime import date

    data = elder_fengning()
    del data["date"]
    result = check_household(data, ["dibao"], today=date(2021, 3, 1))
    assert result.date == date(2021, 3, 1)
    assert result.get("dibao").steps[0].threshold == 4800
    assert any("未填写日期" in note for note in result.notes)

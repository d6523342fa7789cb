"""Dialogue policy: which fact is asked next, what a correction of a period changes, and which follow-ups re-screen."""

from __future__ import annotations

from assistant.eligibility.results import MissingFact, ProgramResult, ScreeningResult
from assistant.understanding.adapter import to_household
from assistant.understanding.reader import read
from assistant.understanding.reply import correct
from assistant.understanding.screening import next_question
from assistant.understanding.state import Fact, HouseholdState, Person, Quantity
from assistant.understanding.tables import policy


def _said(*messages: str) -> HouseholdState:
    s = HouseholdState()
    for m in messages:
        s = correct(s, read(m, s), m).state
    return s


def test_a_correction_that_takes_back_only_the_period_rescales_the_amount() -> None:
    before = _said("我家在丰宁农村，两口人，老两口", "俩人每个月收入一千五")
    assert before.household_income_yearly.value.min == 1500 * 12
    message = "哦我说错了，是一年一千五，不是每个月"
    reading = correct(before, read(message, before), message)
    income = reading.state.household_income_yearly
    assert reading.changed == ["household_income_yearly"]
    assert (income.value.min, income.how) == (1500, "corrected")


def test_a_correction_naming_no_other_period_leaves_the_amount() -> None:
    before = _said("我家在丰宁农村，两口人", "全家一年收入九千")
    message = "说错了，是九千"
    reading = correct(before, read(message, before), message)
    assert reading.state.household_income_yearly.value.min == 9000


def _result(*programs: tuple[str, list[str]]) -> ScreeningResult:
    return ScreeningResult.model_construct(results=[
        ProgramResult.model_construct(program=p, status="needs_info",
                                      missing=[MissingFact(field=f, question=f) for f in fields])
        for p, fields in programs
    ])


def _household(**update) -> HouseholdState:
    s = HouseholdState(members=[Person(key="p1", label="本人", speaker="self", relation=Fact(value="self"),
                                       age=Fact(value=Quantity.point(75)))], applicant="p1", speaker_is_member=True)
    return s.model_copy(update=update)


def test_the_program_asked_about_decides_the_next_question() -> None:
    result = _result(("dibao", ["assets_within_limit", "members[0].income_yearly"]),
                     ("tekun", ["assets_within_limit", "members[0].income_yearly"]),
                     ("disability_care_subsidy", ["members[0].disability"]))
    # without a program named, the fact blocking most programs comes first
    assert next_question(result, _household(), "citizen").field != "members[0].disability"
    q = next_question(result, _household(focus=["disability_care_subsidy"]), "citizen")
    assert q.field == "members[0].disability" and q.person == "p1"


def test_a_citizen_is_never_asked_for_a_local_standard() -> None:
    result = _result(("dibao", ["local_parameters.dibao_standard_yearly", "assets_within_limit"]),
                     ("tekun", ["local_parameters.dibao_standard_yearly"]))
    assert next_question(result, _household(), "citizen").field == "assets_within_limit"
    assert next_question(result, _household(), "caseworker").field == "local_parameters.dibao_standard_yearly"
    only = _result(("dibao", ["local_parameters.dibao_standard_yearly"]))
    assert next_question(only, _household(), "citizen") is None


def test_program_words_name_the_engine_programs_narrowest_first() -> None:
    assert policy().asked("老人能不能单独申请") == ["dibao_single_person"]
    assert policy().asked("低保户能领生活补贴吗") == ["dibao", "disability_living_subsidy"]
    assert policy().asked("能领护理补贴吗") == ["disability_care_subsidy"]
    assert policy().asked("今天天气不错") == []


def test_no_severe_hardship_said_settles_the_event_without_a_kind() -> None:
    s = _household(event=HouseholdState().event.model_copy(update={
        "severe_hardship": Fact(value=False, words="日子还过得去")}))
    assert to_household(s)["event"] == {"kind": "none", "severe_hardship": False}
    assert "event" not in to_household(_household())


def test_a_yes_no_question_about_a_program_re_screens_the_household(service) -> None:
    cid = service.ask("我爸七十八了，一个人住在丰宁农村，一级肢体残疾有证，卧床要人照顾",
                      speaker="citizen").conversation_id
    a = service.ask("他可以领护理补贴不？", cid)
    assert "check_eligibility" in [t.name for t in a.tool_calls]
    care = next(r for r in a.eligibility["results"] if r["program"] == "disability_care_subsidy")
    assert care["status"] == "meets"
    assert service.store.state(cid).focus == ["disability_care_subsidy"]
    # a question about where to apply is a policy question: searched, the household kept
    b = service.ask("低保一般去哪儿申请啊？要带啥材料？", cid)
    assert "search_policy" in [t.name for t in b.tool_calls]
    assert service.store.state(cid).present()


def test_an_elliptic_contrast_is_screened_as_a_what_if_with_the_other_row(service) -> None:
    cid = service.ask("甘肃定西通渭县农村一户，两口人，年收入一万二，当地农村低保标准每年5000元，城市低保标准每年7800元",
                      speaker="caseworker").conversation_id
    service.ask("财产核过了没超，没有扣减项", cid)
    a = service.ask("那城市的呢？", cid)
    dibao = next(r for r in a.eligibility["results"] if r["program"] == "dibao")
    assert a.what_if and dibao["status"] == "meets"  # 6000 per head under the urban 7800, not the rural 5000
    assert service.store.state(cid).area.value == "rural"  # the household stays as described
    b = service.ask("那她呢？", cid)  # a pronoun, no fact replaced: no what-if
    assert not b.what_if

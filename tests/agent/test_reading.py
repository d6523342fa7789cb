"""Reading Chinese: numbers, household descriptions, and which tools a message calls for."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from assistant.agent.household import read
from assistant.agent.numbers import find_numbers
from assistant.agent.planner import plan

DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """The standard written form of n (1 ≤ n < 10^8), e.g. 12005 → 一万二千零五."""

    def group(g: int) -> str:
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = g // value % 10
            if d:
                out += ("零" if zero and out else "") + DIGITS[d] + unit
                zero = False
            else:
                zero = True
        return out

    high, low = divmod(n, 10000)
    if not high:
        text = group(low)
    else:
        text = group(high) + "万" + (("零" if low < 1000 else "") + group(low) if low else "")
    return text[1:] if text.startswith("一十") else text


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_read_back_to_their_value(n):
    found = find_numbers(f"收入{chinese(n)}元")
    assert [x.value for x in found] == [n]


def test_colloquial_amounts():
    assert [n.value for n in find_numbers("1.2万")] == [12000]
    assert [n.value for n in find_numbers("一万二")] == [12000]
    assert [n.value for n in find_numbers("三千五")] == [3500]
    assert [n.value for n in find_numbers("1万2")] == [12000]
    assert [n.value for n in find_numbers("百分之二十")] == [20]


def test_first_turn_reads_region_at_every_level_area_age_and_living_alone():
    h = read("我妈72岁一个人住在丰宁农村", None).household
    assert h["region"] == {"province": "河北省", "prefecture": "承德市", "county": "丰宁满族自治县"}
    assert h["area"] == "rural"
    assert h["members"] == [{"id": "母亲", "age": 72, "relation": "self"}]


def test_second_turn_completes_the_draft_without_naming_the_person_again():
    first = read("我妈72岁一个人住在丰宁农村", None).household
    h = read("一年养老金1200元，有二级肢体残疾证", first).household
    member = h["members"][0]
    assert member["income_yearly"] == 1200
    assert member["disability"] == {"category": "physical", "grade": 2, "certified": True}
    assert h["region"] == first["region"]


def test_monthly_amounts_become_yearly_and_relations_are_kept():
    h = read("我和老伴都七十多岁了，老伴精神三级残疾，我每月养老金800元，住在县城", None).household
    me, spouse = h["members"]
    assert me["relation"] == "self" and me["income_yearly"] == 9600 and me["age"] == 70  # 七十多 → at least 70
    assert spouse["relation"] == "spouse" and spouse["disability"] == {"category": "mental", "grade": 3}
    assert h["area"] == "urban"


def test_illness_care_and_statuses():
    h = read("我老伴得了尿毒症，瘫痪在床需要人照顾，我们是低保户，没什么存款", None).household
    spouse, me = h["members"]
    assert me["relation"] == "self" and spouse["relation"] == "spouse"
    assert spouse["serious_illness"] is True and spouse["needs_long_term_care"] is True
    assert spouse["disability"]["category"] == "physical"
    assert h["status"] == {"dibao": True} and h["assets_within_limit"] is True


def test_relations_are_rebased_to_the_applicant_when_the_speaker_is_not_in_the_household():
    h = read("我爷爷75岁，奶奶73岁，他们住在丰宁农村", None).household
    grandpa, grandma = h["members"]
    # the speaker's grandparents: the first named is the applicant, the other his spouse
    assert (grandpa["relation"], grandpa["age"]) == ("self", 75)
    assert (grandma["relation"], grandma["age"]) == ("spouse", 73)


def test_naming_a_spouse_or_child_makes_the_speaker_a_member_and_a_childs_income_is_the_familys():
    h = read("我孙女今年12岁在上小学，一年收入一万二", None).household
    girl, me = h["members"]
    assert (girl["relation"], girl["age"], girl["student"]) == ("grandchild", 12, "compulsory")
    assert me["relation"] == "self"
    assert "income_yearly" not in girl  # an income said right after a schoolchild is the family's


def test_a_relative_living_elsewhere_is_not_a_member():
    h = read("我父亲68岁，儿子在外地打工", None).household
    assert [m["id"] for m in h["members"]] == ["父亲"]


def test_severe_disability_without_a_grade_leaves_the_grade_unknown():
    h = read("我老伴是重残，没有收入", None).household
    assert h["members"][0]["disability"] == {} and h["members"][0]["income_yearly"] == 0


def test_a_policy_question_about_people_in_general_is_not_a_household():
    assert read("重残人员申请护理补贴要准备哪些材料？", None).household is None
    assert read("听说邻居家有个重病的，看病花了不少钱，能申请临时救助吗？", None).household is None


def test_a_policy_question_does_not_change_the_draft():
    draft = read("我妈72岁一个人住在丰宁农村", None).household
    assert read("视力二级残疾的人生活补贴在哪里申请？", draft).household is None


def test_a_bare_no_answers_the_previous_question():
    draft = read("我妈72岁一个人住在丰宁农村", None).household
    h = read("没有", draft, "家庭财产（存款、车辆、房产等）是否在当地低保规定的限额以内？").household
    assert h["assets_within_limit"] is False
    h = read("不需要", draft, "母亲（本人，72岁）是否需要长期有人照护？").household
    assert h["members"][0]["needs_long_term_care"] is False


def test_plan_routes_policy_household_and_mixed_messages():
    assert [c.name for c in plan("重残人员申请护理补贴要准备哪些材料？", None)] == ["search_policy"]
    assert [c.name for c in plan("我妈72岁一个人住在丰宁农村", None)] == ["check_eligibility"]
    mixed = plan("我爸70岁住在丰宁农村，特困供养标准是多少？", None)
    assert [c.name for c in mixed] == ["check_eligibility", "search_policy", "get_parameter"]
    assert mixed[2].args == {"name": "tekun_standard_yearly", "region": "丰宁满族自治县"}
    assert plan("你好", None) == []
    assert [c.name for c in plan("条款 0123456789abcdef 的全文", None)] == ["get_clause"]

"""What is said of the whole household (no spending, nobody ill) reaches every member and every deduction."""

from __future__ import annotations

from assistant.understanding.adapter import to_household
from assistant.understanding.reader import read


def turns(*messages):
    state = None
    for m in messages:
        state = read(m, state).state
    return state


def test_no_extra_spending_makes_the_unmentioned_deductions_none_and_marks_them_inferred():
    s = turns("我们一家三口住在乡下，全年收入大约一万六", "平时也没有大额开支")
    assert s.rigid_expenses_yearly.value.max == 0 and s.rigid_expenses_yearly.how == "stated"
    assert s.employment_costs_yearly.how == "inferred" and s.employment_costs_yearly.value.max == 0
    assert s.income_excluded_yearly.how == "inferred"


def test_a_stated_deduction_is_not_overwritten_by_the_inference():
    s = turns("我们一家三口住在乡下，全年收入大约一万六", "孩子他爸在外地打工，路费一年两千", "平时也没有大额开支")
    assert s.employment_costs_yearly.value.min == 2000


def test_a_negation_with_nobody_named_in_the_message_is_said_of_the_household():
    s = turns("家里四口人，我和老公还有两个闺女", "没病没残疾的，就是穷")
    h = to_household(s)
    assert len(h["members"]) == 4
    assert all(m.get("serious_illness") is False for m in h["members"])
    assert all(m.get("disability") == {"category": "none"} for m in h["members"])


def test_a_negation_right_after_a_named_person_stays_with_that_person():
    s = turns("家里两口人，我老伴七十一岁", "我今年七十六，腿不好，但没去办过残疾证")
    assert s.everyone.no_disability is None


def test_a_bare_illness_word_after_a_money_negation_is_no_health_fact():
    s = turns("家里两口人，我老伴七十一岁", "没钱看病")
    assert s.everyone.no_serious_illness is None
    assert all(p.serious_illness is None for p in s.members)


def test_kin_said_to_be_absent_are_no_members_and_leave_nobody_to_support_an_old_person():
    s = turns("我大伯今年七十一，一辈子没成过家，也没有儿子闺女")
    assert [p.label for p in s.present()] == ["我大伯"] or len(s.present()) == 1
    app = s.person(s.applicant)
    assert app.no_spouse.value is True and app.no_children.value is True
    assert app.legal_supporters.value == "none" and app.legal_supporters.how == "inferred"


def test_absent_kin_of_a_younger_person_with_parents_unknown_leave_supporters_unknown():
    s = turns("我今年四十二，打光棍，没孩子")
    app = s.person(s.applicant)
    assert app.no_spouse is not None and app.no_children is not None
    assert app.legal_supporters is None


def test_a_spouse_who_died_counts_as_no_spouse():
    s = turns("我今年六十九，老伴前年病故了", "也没生养过孩子")
    assert s.person(s.applicant).legal_supporters.value == "none"
    assert len(s.present()) == 1


def test_a_statement_of_the_speakers_own_status_and_place_opens_a_household():
    r = read("俺们是甘肃定西安定区的农村特困户，一直领着", None)
    assert r.describes and r.state.status.tekun.value is True
    assert r.state.region.value.county == "安定区"


def test_a_status_named_inside_a_question_opens_no_household_but_the_place_is_kept():
    r = read("我们县是丰宁，想问问二级残疾的低保户是不是多给一些", None)
    assert not r.describes
    assert r.state.status.dibao is None and r.state.region.value.county == "丰宁满族自治县"


def test_an_income_of_no_kind_in_a_message_naming_nobody_is_the_familys():
    s = turns("一家四口，我爱人腰不好，孩子两个都在上学", "一年总收入也就一万出头")
    assert s.household_income_yearly is not None and s.household_income_yearly.value.min >= 10000
    assert all(p.income_yearly is None for p in s.members)


def test_an_income_of_a_named_kind_stays_with_the_person():
    s = turns("一家三口，我老伴七十多了，还有个闺女", "老伴一个月养老金一千一")
    assert s.household_income_yearly is None
    assert next(p for p in s.members if p.label == "老伴").income_yearly.value.min == 13200


def test_managing_alone_is_no_care_need_and_its_negation_is_one():
    assert read("我爸八十一了，生活还能自理", None).state.slots()["members"][0]["needs_long_term_care"] is False
    assert read("我爸八十一了，生活已经不能自理", None).state.slots()["members"][0]["needs_long_term_care"] is True
    assert read("我爸八十一了，平时不用人伺候", None).state.slots()["members"][0]["needs_long_term_care"] is False


def test_no_big_spending_with_a_small_figure_keeps_the_figure_and_clears_the_rest():
    s = turns("我们一家三口住在乡下，全年收入大约一万六", "没什么大的开支，吃药一年三百来块")
    assert s.rigid_expenses_yearly.value.min > 0 and s.rigid_expenses_yearly.how == "stated"
    assert s.employment_costs_yearly.value.max == 0 and s.employment_costs_yearly.how == "inferred"

"""The speaker's own home as the frame of kinship, a household said as the list of its people, and colloquial
figures (a trailing digit pair after a unit, 小 before a round figure, capital numerals)."""

from __future__ import annotations

import pytest

from assistant.understanding.amounts import find_amounts
from assistant.understanding.reader import normalize, read


def state(message, role="citizen"):
    return read(message, None, role).state


def relations(s):
    return sorted(p.relation.value for p in s.present())


@pytest.mark.parametrize("message", [
    "咱家我爹腿有残疾，二级，我娘六十九",
    "俺们家就这情况：俺爹有心脏病，俺娘七十一",
])
def test_the_speakers_own_home_keeps_the_parents_as_parents(message):
    s = state(message)
    assert s.speaker_is_member is True
    assert relations(s) == ["parent", "parent", "self"]


def test_a_neighbours_home_is_not_the_speakers():
    s = state("我家邻居王大娘的老伴瘫在床上，就他俩过")
    assert s.speaker_is_member is not True


def test_a_relative_asked_for_stays_the_applicant():
    s = state("替我爸问问，他七十三，我家在乡下")
    assert s.person(s.applicant).age.value.min == 73


@pytest.mark.parametrize(("message", "size", "how"), [
    ("家里就剩我跟闺女了，闺女九岁", 2, "stated"),
    ("老伴走了以后就我自己", 1, "stated"),
    ("就他俩在镇上住，都八十了", 2, "stated"),
    ("现在我和孙女过，孙女上初一", 2, "inferred"),
    ("两个老人在山上单过", 2, "inferred"),
    ("她和公公婆婆三个人过日子", 3, "inferred"),
])
def test_a_household_said_as_the_list_of_its_people(message, size, how):
    s = state(message)
    assert s.household_size is not None
    assert (s.household_size.value, s.household_size.how) == (size, how)


@pytest.mark.parametrize("message", [
    "我爸跟她住一块，我爸也六十多了",  # two relatives living together: not said to be the whole household
    "家里就剩我和老伴，还有个念初中的孙子",  # the list goes on in the next clause
    "我和老伴去县里看病",  # together, but not living
    "就我一个月挣得多",  # 一个月 is a period, not a count of people
])
def test_a_list_that_is_not_the_household_sets_no_size(message):
    s = state(message)
    assert s.household_size is None or s.household_size.value != len(s.present()) or s.household_size.value > 2


def test_a_list_going_on_sets_no_size_of_two():
    s = state("家里就剩我和老伴，还有个念初中的孙子")
    assert s.household_size is None or s.household_size.value != 2


@pytest.mark.parametrize(("text", "low", "high"), [
    ("一年三万四五", 34000, 35000),
    ("一年一万七八", 17000, 18000),
    ("每月四百二三", 420, 430),
])
def test_a_trailing_digit_pair_after_a_unit_is_a_range(text, low, high):
    a = [x for x in find_amounts(normalize(text)) if x.value.max > 100][0]
    assert (a.value.min, a.value.max) == (low, high)


def test_little_before_a_round_figure_is_just_below_it():
    a = [x for x in find_amounts(normalize("一年小三万")) if x.value.max > 100][0]
    assert a.value.min < 30000 and a.value.max == 30000


def test_a_digit_pair_is_a_range_only_when_consecutive():
    a = [x for x in find_amounts("一年一万二五") if x.value.max > 100][0]
    assert a.value.min == a.value.max  # 一万二五 is no pair of neighbours: read as said, a point


def test_little_under_only_before_a_round_thousand():
    s = state("一家老小五口人")
    assert s.household_size is not None and s.household_size.value == 5


def test_capital_numerals_are_read_and_a_surname_stays_a_name():
    assert [a.value.min for a in find_amounts(normalize("年收入贰万叁仟元"))] == [23000]
    assert "伍某" in normalize("伍某家一年两万")


@pytest.mark.parametrize(("message", "area"), [
    ("俺们住在大山里，一家四口", "rural"),
    ("某乡某村的一户，户主六十岁", "rural"),
    ("我们是牧民，一家三口", "rural"),
    ("住在街道的老小区，一家三口", "urban"),
])
def test_where_the_household_lives_implies_its_area_shown_as_inferred(message, area):
    s = state(message)
    assert s.area is not None and (s.area.value, s.area.how) == (area, "inferred")


def test_an_area_said_outright_is_stated_and_wins_over_an_inferred_one():
    s = read("城区的，住在一个老社区里，一家三口", None, "citizen").state
    assert (s.area.value, s.area.how) == ("urban", "stated")
    s = read("农村的，在村里住，两口人", None, "citizen").state
    assert (s.area.value, s.area.how) == ("rural", "stated")


def test_a_town_where_someone_works_is_no_area_of_the_household():
    s = state("家在某乡某村，老伴在县城打零工，一个月一千五")
    assert s.area is not None and s.area.value == "rural"


def test_a_villager_is_no_one_new():
    s = state("某县某村村民张某，男，六十五岁", role="caseworker")
    assert len(s.present()) == 1 and s.person(s.applicant).age.value.min == 65


def test_a_town_named_with_an_urban_word_is_no_urban_area():
    s = state("我们是某县沙城镇后边村里的")
    assert s.area is None or s.area.value == "rural"


def test_a_member_list_after_shi_keeps_everyone():
    s = state("家里是我五十、闺女十五在县城上初中、公公七十六，三个人")
    assert s.household_size.value == 3
    ages = sorted(p.age.value.min for p in s.present() if p.age)
    assert ages == [15, 50, 76]


def test_only_i_the_one_son_is_no_household_of_two():
    s = state("就我一个儿子")
    assert s.household_size is None or s.household_size.value == 1


def test_a_joint_figure_is_the_households_and_no_ones_kind():
    s = state("户主六十三，老伴六十，两个人的养老金一个月加一块三百出头", role="caseworker")
    assert s.household_income_yearly is not None and s.household_income_yearly.value.min == 3600
    assert all(p.income_kind is None for p in s.present())


def test_a_partner_working_away_does_not_place_the_household():
    s = state("孩他爸在浙江打工，一年寄回来一万多，我在家带孩子")
    assert s.region is None


@pytest.mark.parametrize(("message", "expected"), [
    ("孩子七岁，爸爸是二级肢体残疾，妈妈跑了找不着", ["severe_disability", "lost_contact"]),
    ("孩子十二，妈妈是三级智力残疾，爸爸前年病故", ["deceased", "severe_disability"]),
])
def test_a_parents_grade_makes_them_severely_disabled_for_the_child(message, expected):
    s = state(message, role="caseworker")
    child = s.person(s.applicant)
    assert child.parents_situation is not None and child.parents_situation.value == expected


def test_a_parents_lesser_grade_is_no_severe_disability():
    s = state("孩子十岁，爸爸是肢体四级残疾，妈妈去世了", role="caseworker")
    child = s.person(s.applicant)
    assert child.parents_situation is None or "severe_disability" not in child.parents_situation.value


def test_an_adults_disabled_parent_stays_a_member_with_the_fact():
    s = state("家里五口人：我五十，还有我妈，八十了，有视力一级的证")
    mother = next(p for p in s.present() if p.relation and p.relation.value == "parent")
    assert mother.disability.value.grade == 1
    me = next(p for p in s.present() if p.relation and p.relation.value == "self")
    assert me.parents_situation is None


def _after(message, role="caseworker"):
    base = read("户主六十八岁，一家两口", None, role).state
    return read(message, base, role).state


@pytest.mark.parametrize(("message", "value"), [
    ("入户核查：家庭财产超标", False),
    ("评议时说他家财产超了", False),
    ("财产核实没有超标", True),
    ("存款没超过规定的限额", True),
    ("savings are within the limit", True),
    ("the property is over the limit", False),
])
def test_assets_said_as_a_finding(message, value):
    s = _after(message)
    assert s.assets_within_limit is not None and s.assets_within_limit.value is value


def test_savings_not_over_the_limit_are_no_zero_savings():
    s = _after("存款没超过限额")
    assert s.assets_amount is None


@pytest.mark.parametrize("message", ["no deductions at all", "there is nothing to deduct"])
def test_no_deductions_in_english(message):
    s = _after(message)
    assert s.rigid_expenses_yearly is not None and s.rigid_expenses_yearly.value.max == 0
    assert s.employment_costs_yearly is not None and s.employment_costs_yearly.value.max == 0


@pytest.mark.parametrize(("message", "yearly"), [
    ("the dibao standard here is 550 per month", 6600),
    ("咱这边dibao标准每月五百", 6000),
    ("local standard is 6300 a year", 6300),
])
def test_a_local_standard_in_mixed_english(message, yearly):
    s = _after(message)
    got = s.local.dibao_standard_yearly or s.local.rural_dibao_standard_yearly
    assert got is not None and got.value == yearly


def test_southern_words_for_home_child_and_negation():
    s = state("我屋里四个人，我、我堂客、两个崽")
    assert s.household_size.value == 4
    assert sorted(p.relation.value for p in s.present()) == ["child", "child", "self", "spouse"]
    s = _after("存款冇得", role="citizen")
    assert s.assets_amount is not None and s.assets_amount.value.max == 0

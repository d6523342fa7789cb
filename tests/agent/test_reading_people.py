"""The people pass: relations computed from kinship paths, people named by a count, a caseworker's words
relative to the applicant, a household whose stated size leaves no room for one more person."""

from __future__ import annotations

import pytest

from assistant.understanding import kinship
from assistant.understanding.adapter import surplus
from assistant.understanding.reader import read
from assistant.understanding.screening import screen
from assistant.understanding.tables import people


def turns(*messages, role="citizen"):
    state = None
    for m in messages:
        state = read(m, state, role).state
    return state


def relations(s):
    return sorted(p.relation.value for p in s.present())


@pytest.mark.parametrize(("applicant", "member", "expected"), [
    ("parent", "parent", "spouse"),  # 替我妈问, 我爸: her husband
    ("parent", "self", "child"),
    ("parent", "sibling", "child"),
    ("parent", "child", "grandchild"),
    ("sibling", "nephew", "child"),  # 我哥 … 侄子: his son
    ("grandchild", "spouse", "grandparent"),
    ("grandchild", "child", "parent"),
    ("child", "child_in_law", "spouse"),
    ("child", "child", "sibling"),
    ("uncle_aunt", "grandparent", "parent"),
    ("spouse", "parent_in_law", "parent"),
    ("self", "sibling_in_law", "other"),
])
def test_the_relation_to_the_applicant_is_composed_from_both_paths(applicant, member, expected):
    kin = people().kin
    assert kinship.relation(kin[applicant], kin[member]) == expected


def test_paths_reduce_within_a_household():
    assert kinship.reduce("CP") == "S"  # 孩子他爸, said by the mother
    assert kinship.reduce("CCP") == "C"  # 孙子他爸: the speaker's child
    assert kinship.generation("PP") == 2 and kinship.generation("CC") == -2
    assert kinship.inverse("SP") == "CS"


def test_the_child_of_a_proxied_uncle_is_his_child():
    s = turns("我帮我舅问问，他六十五了，表弟跟他住，表弟三十岁")
    app = s.person(s.applicant)
    assert app.label.endswith("舅") and app.age.value.min == 65
    cousin = next(p for p in s.present() if p.label == "表弟")
    assert cousin.relation.value == "child" and cousin.age.value.min == 30


def test_a_count_names_that_many_people_and_their_ages_in_order():
    s = turns("户主五十，老伴四十八，三个闺女分别二十、十七、十二岁", role="caseworker")
    daughters = [p for p in s.present() if p.relation.value == "child"]
    assert [int(p.age.value.min) for p in daughters] == [20, 17, 12]


def test_the_elder_and_the_younger_point_into_the_people_counted():
    s = turns("老人七十多，带着两个外孙，大的十五读初三，小的九岁", role="caseworker")
    kids = [p for p in s.present() if p.relation.value == "grandchild"]
    assert len(kids) == 2
    assert kids[0].age.value.min == 15 and kids[0].student.value == "compulsory"
    assert kids[1].age.value.min == 9 and kids[1].student is None


def test_a_caseworkers_kinship_words_are_relative_to_the_applicant():
    s = turns("这户的户主是爷爷，八十了，跟孙女住，孙女十岁", role="caseworker")
    assert relations(s) == ["grandchild", "self"]


def test_a_gendered_word_in_a_full_household_is_one_of_the_couple_not_a_third_person():
    s = turns("一户老两口，都六十多了", "老太太有二级肢体残疾", role="caseworker")
    assert len(s.present()) == 2
    assert sum(1 for p in s.present() if p.disability is not None) == 1


def test_a_bare_child_word_is_the_grandchildren_already_named():
    s = turns("这户四口人：老大爷、儿子、两个孙女", "孩子都在镇上读小学", role="caseworker")
    assert len(s.present()) == 4
    assert [p.student.value for p in s.present() if p.relation.value == "grandchild"] == ["compulsory"] * 2


def test_denying_one_kind_of_event_keeps_the_event_stated():
    s = turns("我家前天遭了洪水，房子冲垮了", "人都没受伤")
    assert s.event.kind.value == "disaster"


def test_more_people_than_the_stated_size_leave_the_income_test_open():
    s = turns("我们县农村低保标准每年六千元", "这户三口人，老太太、儿子、儿媳，还有个孙子", "全家一年收入两万",
              "家里没人有残疾证，也没人得大病，没什么大的开支，财产核查符合，目前不是低保户", role="caseworker")
    assert surplus(s) == 1
    result = screen(s, role="caseworker").result
    dibao = next(r for r in result.results if r.program == "dibao")
    assert dibao.status == "needs_info"
    assert any(m.field == "household_size" for m in dibao.missing)


def test_a_pair_word_names_two_people_and_after_a_pronoun_they_are_that_persons_parents():
    s = turns("我外孙女今年十一，她爹妈都不在了，跟着我过")
    app = s.person(s.applicant)
    assert app.label.endswith("外孙女") and app.parents_situation.value == ["deceased", "deceased"]
    assert [p.label for p in s.members if not p.member] == ["外孙女父亲", "外孙女母亲"]


def test_the_parents_of_the_people_counted_are_each_ones_parents():
    s = turns("我带着两个外孙女，她们爹妈都联系不上")
    girls = [p for p in s.present() if p.speaker == "grandchild"]
    assert len(girls) == 2 and all(p.parents_situation is not None for p in girls)


def test_a_person_introduced_by_the_speaker_is_the_applicant_not_the_speakers_child():
    s = turns("镇上有个男孩十二岁，爸爸去世了")
    assert s.speaker_is_member is not True
    assert s.person(s.applicant).age.value.min == 12


def test_alone_with_people_to_care_for_is_no_household_of_one():
    s = turns("我一个人带着三个孙子过日子")
    # the people living together are the household: the speaker and the three (inferred, never 1)
    assert s.household_size.value == 4 and s.household_size.how == "inferred" and len(s.present()) == 4


def test_a_couple_word_after_a_relative_is_that_relative_and_their_spouse():
    s = turns("我妈今年八十，住在乡下，老两口，都没有重病")
    assert relations(s) == ["self", "spouse"]
    assert s.person(s.applicant).label == "我妈"


def test_words_describing_the_next_person_are_that_persons_facts():
    s = turns("户主四十五，在家照看两个读初中的闺女和户主七十多岁的老父亲", role="caseworker")
    app = s.person(s.applicant)
    assert app.age.value.min == 45 and app.student is None
    girls = [p for p in s.present() if p.relation.value == "child"]
    assert len(girls) == 2 and all(p.student.value == "compulsory" for p in girls)
    father = next(p for p in s.present() if p.relation.value == "parent")
    assert father.age.value.min == 70


def test_a_figure_after_the_last_of_a_list_is_that_ones_unless_said_of_all():
    s = turns("户主、老伴、外孙8岁", role="caseworker")
    assert [int(p.age.value.min) for p in s.present() if p.age] == [8]
    s = turns("户主和老伴都七十多", role="caseworker")
    assert all(p.age.value.min == 70 for p in s.present())


def test_the_reflexive_is_who_the_sentence_is_about():
    s = turns("户主五十二，带着十岁的孙子，自己是三级视力残疾", role="caseworker")
    app = s.person(s.applicant)
    assert app.disability.value.category == "visual"
    kid = next(p for p in s.present() if p is not app)
    assert kid.disability is None and kid.age.value.min == 10


def test_a_divorce_said_of_the_applicant_keeps_the_applicant_in_the_household():
    s = turns("户主三十八，前年离婚了，跟母亲住，母亲六十", role="caseworker")
    assert relations(s) == ["parent", "self"]


@pytest.mark.parametrize(("text", "county"), [
    ("my grandma lives in Fuping county, Hebei, she is 81", "阜平县"),  # Shaanxi has a Fuping county too
    ("we live near Huidong, Liangshan, my dad is 70", "会东县"),
])
def test_an_english_county_is_read_with_the_places_named_beside_it(text, county):
    s = read(text, None).state
    assert s.region.value.county == county


@pytest.mark.parametrize(("text", "slot", "value"), [
    ("每个月收入六百，哦不对，是一年六百", "income", 600),
    ("户主是63岁不是68", "age", 63),
    ("存款不是三万，是三千", "assets", 3000),
])
def test_a_value_taken_back_in_the_same_message_is_not_read_and_the_new_one_is_a_correction(text, slot, value):
    s = read(text, None, "caseworker").state
    if slot == "assets":
        fact = s.assets_amount
    else:
        fact = getattr(s.person(s.applicant), "income_yearly" if slot == "income" else "age")
    assert fact.value.min == value and fact.how == "corrected"


def test_an_income_of_nobody_named_in_a_household_of_several_is_the_households():
    s = read("一年收入一万出头，家里四口", None).state
    assert s.household_income_yearly.value.min == 10000 and s.person(s.applicant).income_yearly is None


def test_a_plain_denial_of_a_status_is_read_not_dropped_as_a_correction():
    s = read("我今年六十八，不是低保户，也不是脱贫户", None).state
    assert s.status.dibao.value is False and s.status.poverty_alleviated.value is False


def test_a_standard_told_of_the_place_without_the_word_standard_is_a_local_standard():
    s = read("家里三口人，我今年五十", None).state
    s = read("听说我们这农村低保一年四千八", s).state
    assert s.local.rural_dibao_standard_yearly.value == 4800
    s = read("我们这儿每人每月能领低保三百", read("家里三口人，我今年五十", None).state).state
    assert s.local.rural_dibao_standard_yearly is None and s.local.dibao_standard_yearly is None


def test_no_event_said_indirectly():
    s = read("家里三口人，这几年也没碰到什么大事", None).state
    assert s.event.kind.value == "none"


def test_words_that_begin_with_a_numeral_are_no_figures():
    from assistant.understanding.amounts import find_amounts

    assert find_amounts("现在跟儿子住一块") == []
    assert [a.value.min for a in find_amounts("收入比标准高一点点，一下子花了三千")] == [3000]

"""Relations to the applicant when the speaker is not the applicant, when the applicant is named as someone's
relative (申请人是孩子奶奶), and when a pronoun's sex or a caring verb says who a clause is about."""

from __future__ import annotations

from assistant.understanding.reader import read


def members(text, role="citizen"):
    s = read(text, None, role).state
    return s, {p.label: p for p in s.present()}


def relation(p):
    return p.relation.value if p.relation else None


def test_a_proxy_applicants_children_said_without_my_are_hers():
    s, people = members("我替我表姐问一下，她老公去年车祸没了，她一个人带着两个孩子，打零工一个月两千多")
    app = s.person(s.applicant)
    assert app.label == "表姐"
    children = [p for p in s.present() if p is not app]
    assert [relation(p) for p in children] == ["child", "child"]
    # the work after 她…带着两个孩子 is hers, not the children's and not the household's
    assert app.income_yearly is not None and app.income_yearly.value.min == 24000
    assert s.household_income_yearly is None
    assert all(p.income_kind is None for p in children)


def test_a_divorce_said_of_a_brother_keeps_him_in_the_household():
    s, people = members("我妈八十一了，跟我弟一起住，我弟五十多，离婚了，在镇上打零工")
    assert relation(people["我弟"]) == "child"
    assert people["我弟"].age.value.min == 50


def test_a_count_after_a_spouse_counts_the_list_not_two_spouses():
    s, _ = members("我跟老伴两个人一年一共收入八千多")
    assert sorted(relation(p) for p in s.present()) == ["self", "spouse"]


def test_a_parent_named_after_the_parents_pair_is_the_same_person():
    s, _ = members("户主的父母都健在，跟户主一起住，父亲七十五，母亲七十二，户主本人四十岁", role="caseworker")
    parents = [p for p in s.present() if relation(p) == "parent"]
    assert sorted(p.age.value.min for p in parents) == [72, 75]


def test_the_applicant_named_as_a_childs_grandmother():
    s, _ = members("申请人是孩子奶奶，孩子十岁，父母双亡，奶奶每月养老金一百一", role="caseworker")
    app = s.person(s.applicant)
    assert app.income_yearly.value.min == 1320  # 奶奶 said again is the applicant
    child = next(p for p in s.present() if p is not app)
    assert relation(child) == "grandchild" and child.age.value.min == 10
    assert child.parents_situation.value == ["deceased", "deceased"]  # the child's parents, not the applicant's
    assert len(s.present()) == 2


def test_her_after_a_man_just_named_is_the_woman_talked_about():
    s, _ = members("我替我表姐问一下，她老公去年没了，她在家种地")
    app = s.person(s.applicant)
    assert app.income_kind is not None and app.income_kind.value == "farming"

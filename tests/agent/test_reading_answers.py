"""Answers to the assistant's questions and suppositions: a chip text or a bare figure answers the pending
question about its member, a what-if may suppose a local standard, a helper named is not the person described."""

from __future__ import annotations

import pytest

from assistant.understanding.reader import read
from assistant.understanding.reply import settle
from assistant.understanding.state import PendingQuestion
from assistant.understanding.tables import dialogue


def asked(first, field, role="citizen"):
    s = read(first, None, role).state
    who = next(p for p in s.present() if p.age is not None)
    s.pending = PendingQuestion(field=field, person=who.key, text="?")
    return s, who.key


def answer(s, text, role="citizen"):
    return settle(s, read(text, s, role), text)


# a chip whose answer depends on what the assistant does next (不清楚, 遇到了) sets no fact by itself
OPEN_CHIPS = {"不清楚", "遇到了"}


@pytest.mark.parametrize("role", ["citizen", "caseworker"])
def test_every_chip_the_assistant_offers_is_read_as_an_answer_to_its_question(role):
    missed = []
    for entry in dialogue().ask:
        field = entry.field.replace(r"members\[\d+\]", "members[0]").replace(".*", "").replace("\\.", ".")
        slot = field.split(".")[-1]
        for chip in entry.options:
            if chip in OPEN_CHIPS:
                continue
            s, _ = asked("孩子十岁，在丰宁" if slot in ("parents_situation", "student") else "老人七十五岁，在丰宁",
                         field, role)
            r = answer(s, chip, role)
            if not (r.answered or any(slot in c for c in r.changed)):
                missed.append((field, chip))
    assert missed == []


def test_supporters_unable_from_the_chip_is_the_applicants():
    s, key = asked("我奶奶七十五岁，住在丰宁", "members[0].legal_supporters")
    r = answer(s, "有子女但没能力赡养")
    assert r.state.person(key).legal_supporters.value == "unable"


@pytest.mark.parametrize("said", ["一年一万左右", "每年八千"])
def test_a_bare_figure_answers_the_income_asked_about_that_member(said):
    s, key = asked("我奶奶七十五岁，住在丰宁", "members[0].income_yearly")
    r = answer(s, said)
    got = r.state.person(key).income_yearly
    assert got is not None and 8000 <= got.value.min <= got.value.max <= 12000


def test_without_an_income_question_a_bare_yearly_figure_is_no_income():
    r = read("我奶奶七十五岁，住在丰宁，一年一万", None)
    assert not any(c.endswith("income_yearly") for c in r.changed)


@pytest.mark.parametrize("role", ["citizen", "caseworker"])
@pytest.mark.parametrize(("said", "expected"), [
    ("父母都去世了", ["deceased", "deceased"]),
    ("父亲服刑母亲失联", ["imprisoned", "lost_contact"]),
    ("爸爸去世了，妈妈改嫁了联系不上", ["deceased", "lost_contact"]),
])
def test_parents_said_in_answer_about_a_child_are_the_childs_parents(role, said, expected):
    s, key = asked("孩子十岁，在丰宁农村", "members[0].parents_situation", role)
    r = answer(s, said, role)
    child = r.state.person(key)
    assert child.parents_situation is not None and child.parents_situation.value == expected
    assert all(p.parents_situation is None for p in r.state.present() if p.key != key)


def test_parents_said_unasked_are_the_speakers_own():
    s = read("我孙子十岁，在丰宁农村", None).state
    r = read("父母都去世了", s)
    assert all(p.parents_situation is None for p in r.state.present() if p.label == "孙子")


@pytest.mark.parametrize(("what_if", "slot", "value"), [
    ("要是县里农村标准一年五千二呢", "rural_dibao_standard_yearly", 5200),
    ("如果农村低保标准是每年六千呢", "rural_dibao_standard_yearly", 6000),
])
def test_a_what_if_may_suppose_a_local_standard(what_if, slot, value):
    s = read("我家在某县农村，三口人，年收入一万", None).state
    r = read(what_if, s)
    assert r.what_if and getattr(r.state.local, slot).value == value
    assert r.state.household_income_yearly.value.min == 10000  # the supposed standard is nobody's income


@pytest.mark.parametrize(("message", "role"), [
    ("我爸瘫了，全靠邻居照顾，需要长期有人护理", "citizen"),
    ("一位老人，七十五岁，独居，全靠邻居照顾，需要长期有人护理", "caseworker"),
    ("我爸中风了，靠亲戚帮忙，需要有人长期伺候", "citizen"),
])
def test_a_care_need_after_a_helper_is_named_stays_with_the_person_described(message, role):
    s = read(message, None, role).state
    app = s.person(s.applicant)
    assert app.needs_long_term_care is not None and app.needs_long_term_care.value is True
    assert all(p.needs_long_term_care is None for p in s.members if p is not app)


def test_a_helper_who_then_is_described_is_the_topic():
    s = read("我妈七十了，我弟弟照顾她，他一年挣两万", None).state
    brother = next(p for p in s.members if p.label == "弟弟")
    assert brother.income_yearly is not None and brother.income_yearly.value.min == 20000


@pytest.mark.parametrize(("message", "gender"), [
    ("村里有个姑娘瘫在床上要人照顾", "f"),
    ("村里有个小伙子，二十五岁，瘫在床上要人照顾", "m"),
])
def test_a_young_person_the_speaker_tells_of_is_the_applicant_not_the_speakers_child(message, gender):
    s = read(message, None).state
    app = s.person(s.applicant)
    assert app.gender == gender and app.speaker == "applicant" and not s.speaker_is_member
    assert app.needs_long_term_care.value is True


def test_the_speakers_own_daughter_is_still_a_child():
    s = read("我家姑娘今年十九，在上大学", None).state
    daughter = next(p for p in s.members if p.label == "姑娘")
    assert daughter.relation.value == "child"


def test_a_later_applicant_word_in_a_case_note_is_the_applicant_described():
    s = read("丰宁农村一户，户主张某，七十岁", None, "caseworker").state
    s = read("本人年收入两千", s, "caseworker").state
    assert len(s.present()) == 1 and s.person(s.applicant).income_yearly.value.min == 2000


@pytest.mark.parametrize(("message", "tekun", "monitored"), [
    ("申请人七十岁，独居，从未享受过低保、特困，也没有被纳入监测对象，本次提出特困供养申请", False, False),
    ("老人七十岁，独居，是特困供养人员", True, None),
    ("老人七十岁，独居，想申请特困供养", None, None),
])
def test_a_program_applied_for_or_denied_in_a_list_is_not_a_status_held(message, tekun, monitored):
    s = read(message, None, "caseworker").state
    assert (s.status.tekun.value if s.status.tekun else None) is tekun
    assert (s.status.monitored.value if s.status.monitored else None) is monitored

"""A short reply to the assistant's own question is applied to the fact asked: an elliptic answer naming nobody
is about the member asked about (not the applicant), a bare figure answers the figure asked; a reply that names
someone is read as said. Made-up households."""

from __future__ import annotations

from assistant.understanding.reader import read
from assistant.understanding.reply import settle
from assistant.understanding.state import PendingQuestion

BASE = "丰宁县农村一户，三口人：户主七十岁，老伴六十八岁，孙子九岁，按2020年"


def _asked(field: str, person: str | None):
    s = read(BASE, None, "caseworker").state
    s.pending = PendingQuestion(field=field, person=person, text="?")
    return s


def _reply(state, message):
    return settle(state, read(message, state, "caseworker"), message)


def test_an_elliptic_answer_about_another_member_is_that_members_fact():
    s = _asked("members[2].income_yearly", "p3")
    r = _reply(s, "没有收入")
    assert r.answered == "members[2].income_yearly"
    assert r.state.person("p3").income_yearly.value.max == 0
    assert r.state.person("p1").income_yearly is None  # the applicant keeps what it had: unknown


def test_a_childs_parents_said_elliptically_are_the_childs_parents_not_the_applicants():
    s = _asked("members[2].parents_situation", "p3")
    r = _reply(s, "父母都去世了")
    assert r.state.person("p3").parents_situation.value == ["deceased", "deceased"]
    assert r.state.person("p1").parents_situation is None
    assert len(r.state.members) == 3


def test_a_school_chip_is_the_asked_childs():
    r = _reply(_asked("members[2].student", "p3"), "上小学")
    assert r.state.person("p3").student.value == "compulsory" and r.state.person("p1").student is None


def test_a_bare_amount_answers_the_yearly_amount_asked():
    r = _reply(_asked("members[1].income_yearly", "p2"), "五千左右")
    assert r.answered and r.state.person("p2").income_yearly.value.min > 4000
    r = _reply(_asked("rigid_expenses_yearly", None), "三千")
    assert r.state.rigid_expenses_yearly.value.min == 3000


def test_a_bare_small_number_is_no_income_and_stays_asked():
    r = _reply(_asked("members[1].income_yearly", "p2"), "3")
    assert r.answered is None and r.state.person("p2").income_yearly is None


def test_a_reply_that_names_someone_else_is_read_as_said():
    r = _reply(_asked("members[2].income_yearly", "p3"), "老伴一年有两千养老金")
    assert r.state.person("p2").income_yearly.value.min == 2000
    assert r.state.person("p3").income_yearly is None

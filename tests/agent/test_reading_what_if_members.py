"""A what-if that takes a person out of a household of a stated size screens the smaller household."""

from __future__ import annotations

from assistant.understanding.adapter import to_household
from assistant.understanding.reader import read


def readings(*messages):
    state, out = None, []
    for m in messages:
        r = read(m, state)
        state = r.state
        out.append(r)
    return out


def test_a_what_if_that_a_counted_person_moves_out_leaves_one_member_fewer():
    *_, last = readings("一户四口人，农村", "全家年收入两万", "要是他家小儿子分出去单独立户了呢？")
    assert last.what_if
    assert last.state.household_size.value == 3 and last.state.household_size.how == "inferred"
    assert len(to_household(last.state)["members"]) == 3


def test_the_same_person_leaving_said_as_a_fact_is_not_a_what_if_and_keeps_the_size_said():
    *_, last = readings("一户四口人，农村", "全家年收入两万", "他家小儿子已经分出去单独立户了")
    assert not last.what_if
    assert last.state.household_size.value == 4


def test_a_what_if_that_says_the_new_size_itself_keeps_that_size():
    *_, last = readings("一户四口人，农村", "全家年收入两万", "要是小儿子分出去了，剩三口人呢？")
    assert last.state.household_size.value == 3

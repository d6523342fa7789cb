"""A correction the reader cannot attach: a bare figure replaces the amount it takes back, marked corrected."""

from __future__ import annotations

from assistant.understanding.reader import Reading, read
from assistant.understanding.reply import correct, one_applicant
from assistant.understanding.state import HouseholdState


def _said(*messages: str) -> HouseholdState:
    s = HouseholdState()
    for m in messages:
        s = correct(s, read(m, s), m).state
    return s


def test_the_figure_repeated_names_the_amount_taken_back() -> None:
    before = _said("我家在丰宁农村，两口人，老两口", "一年收入一万二左右")
    message = "我讲错了，一万二是前年的，今年就八千"
    reading = correct(before, read(message, before), message)
    income = reading.state.household_income_yearly
    assert reading.changed == ["household_income_yearly"]
    assert (income.value.min, income.value.max, income.how, income.words) == (8000, 8000, "corrected", "八千")
    assert income.message == 2


def test_a_bare_figure_corrects_the_amount_said_last_in_its_period() -> None:
    before = _said("我家在丰宁农村，两口人", "全家一个月收入八百")
    message = "说岔了，是六百"
    reading = correct(before, read(message, before), message)
    assert reading.state.household_income_yearly.value.min == 600 * 12
    assert reading.state.household_income_yearly.how == "corrected"


def test_no_correction_word_or_two_new_figures_leave_the_reading_as_it_was() -> None:
    before = _said("我家在丰宁农村，两口人", "一年收入一万二")
    for message in ("今年就八千", "说错了，八千或者九千"):
        reading = correct(before, read(message, before), message)
        assert reading.state.household_income_yearly.value.min == 12000, message


def _twin(age_of_twin: float | None) -> tuple[HouseholdState, Reading]:
    from assistant.understanding.state import Fact, Person, Quantity

    before = HouseholdState(members=[
        Person(key="p1", label="申请人", speaker="applicant", relation=Fact(value="self"),
               age=Fact(value=Quantity.point(70))),
        Person(key="p2", label="配偶", speaker="spouse", relation=Fact(value="spouse")),
    ], applicant="p1", messages=1)
    after = before.model_copy(deep=True)
    twin = Person(key="p3", label="本人", speaker="self", relation=Fact(value="self", how="inferred", message=1),
                  needs_long_term_care=Fact(value=True, message=1, words="离不开人"))
    if age_of_twin is not None:
        twin.age = Fact(value=Quantity.point(age_of_twin), message=1)
    after.members.append(twin)
    after.messages = 2
    return before, Reading(after, changed=["p3.needs_long_term_care"], refers=True)


def test_a_later_self_word_with_nothing_setting_it_apart_is_the_applicant() -> None:
    before, reading = _twin(None)
    merged = one_applicant(before, reading)
    assert [p.key for p in merged.state.members] == ["p1", "p2"]
    assert merged.state.person("p1").needs_long_term_care.words == "离不开人"
    assert merged.changed == ["p1.needs_long_term_care"] and merged.state.applicant == "p1"


def test_a_later_self_word_with_another_age_is_someone_else() -> None:
    before, reading = _twin(35)
    assert len(one_applicant(before, reading).state.members) == 3

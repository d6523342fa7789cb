"""Common English read through data/english.yaml: kinship, ages in brackets, grades, a household by its size,
sentence ends as clause ends, approximations and totals."""

from __future__ import annotations

from assistant.understanding.reader import read
from assistant.understanding.tables import english


def state(text, role="citizen"):
    return read(text, None, role).state


def test_every_english_entry_maps_to_chinese():
    t = english()
    assert t.words and all(k == k.lower() and v for k, v in t.words.items())


def test_a_sentence_end_keeps_a_fact_with_its_person():
    s = state("My father is 70, has a grade 1 physical disability and is bedridden. My mother is 68.")
    father, mother = s.present()
    assert father.disability.value.category == "physical" and father.disability.value.grade == 1
    assert father.needs_long_term_care.value is True
    assert mother.needs_long_term_care is None and mother.age.value.min == 68


def test_ages_in_brackets_a_household_by_its_size_and_odd_jobs():
    s = state("Income: about 1,500 yuan per month from odd jobs. Household of 3: me (45), my wife (43, hearing "
              "disability grade 3), and our son (15, middle school).")
    assert s.household_size.value == 3
    me, wife, son = s.present()
    assert me.age.value.min == 45 and me.income_kind.value == "migrant_work"
    assert me.income_yearly.value.min < 18000 < me.income_yearly.value.max  # about: a range, not a point
    assert wife.disability.value.category == "hearing" and wife.disability.value.grade == 3
    assert son.age.value.min == 15 and son.student.value == "compulsory"


def test_less_than_a_figure_is_a_range_from_zero():
    s = state("My parents live in the village, together they get less than 5000 yuan a year.")
    assert s.household_income_yearly.value.min == 0 and s.household_income_yearly.value.max == 5000


def test_a_family_of_four_and_an_age_after_who_is():
    s = state("We are a family of four. Total household income last year was around 20,000 yuan.")
    assert s.household_size.value == 4 and not s.household_income_yearly.value.exact
    s = state("I'm 52, out of work, and I look after my mother-in-law, who is 80.")
    ages = sorted(p.age.value.min for p in s.present())
    assert ages == [52, 80]

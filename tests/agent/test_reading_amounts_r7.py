"""Colloquial approximations read as ranges (never a silent point), and a vague small amount that is not zero."""

from __future__ import annotations

import pytest

from assistant.understanding.amounts import find_amounts
from assistant.understanding.reader import read


def span(text):
    a = find_amounts(text)[0]
    return a.value.min, a.value.max


@pytest.mark.parametrize(("text", "low", "high"), [
    ("七十多", 70, 79),
    ("一千多块", 1000, 1999),
    ("两三千", 2000, 3000),
    ("二十出头", 20, 23),  # a little over, not the whole twenties
    ("一万出头", 10000, 13000),
    ("百八十块", 80, 100),  # a set phrase of a range, not 180
])
def test_approximations_are_ranges(text, low, high):
    assert span(text) == (low, high)


def test_a_point_stays_a_point():
    assert span("一万二") == (12000, 12000)


def test_just_below_ends_below_the_figure():
    low, high = span("快七十了")
    assert low < 69 and high == 70 and find_amounts("快七十了")[0].just_below
    s = read("快七十了，一个人住", None, "citizen").state
    age = s.person(s.applicant).age.value
    assert not age.exact and age.max < 70


def test_savings_said_to_be_few_are_some_not_none():
    s = read("我快七十了，存款没几个", None, "citizen").state
    q = s.assets_amount
    assert q is not None and q.how == "inferred"
    assert q.value.min == 0 and q.value.max > 0  # uncertain, never a stated 0
    s = read("我快七十了，没有存款", None, "citizen").state
    assert s.assets_amount.value.max == 0

"""parse_request: a trainer's Chinese request read into make_quiz arguments."""

from __future__ import annotations

import pytest

from assistant.quiz import make_quiz, parse_request


@pytest.mark.parametrize(
    ("text", "topic", "n", "types", "region"),
    [
        ("给我出5道关于特困人员的选择题", "特困", 5, ["single"], None),
        ("出十道低保判断题", "低保", 10, ["tf"], None),
        ("帮我出二十道临时救助的单选和多选题", "临时救助", 20, ["single", "multiple"], None),
        ("来3个关于丰宁低保的填空题", "低保", 3, ["fill"], "丰宁满族自治县"),
        ("出一套残疾人两项补贴的题，各种题型都要", "残疾人", 10, None, None),
        ("给我出两道题", None, 2, None, None),
        ("出十五道关于留守儿童的是非题", "儿童", 15, ["tf"], None),
        # counts go through the shared Chinese-numeral parser (indexer/numerals.py)
        ("出三十五道特困人员的对错题", "特困", 35, ["tf"], None),
        ("出一百道低保填空题", "低保", 100, ["fill"], None),
    ],
)
def test_parse_request(text, topic, n, types, region):
    assert parse_request(text) == {"topic": topic, "n": n, "types": types, "region": region}


def test_parsed_request_feeds_make_quiz(searcher):
    quiz = make_quiz(**parse_request("给我出5道关于特困人员的选择题"), searcher=searcher)
    assert len(quiz.items) == 5 and {i.type for i in quiz.items} == {"single"}
    assert all("特困" in i.topics for i in quiz.items)

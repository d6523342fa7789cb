"""Questions written into tests and the load test are our own: none copies or closely paraphrases a question of
the dev evaluation set (which measures the assistant and must stay unseen by anything tuned against it)."""

from __future__ import annotations

import ast
import json
import re

import pytest

from eval import load
from indexer.settings import ROOT
from tests.conftest import SHARED_EVAL

# what a load question on each topic asks, in the words a dev question would use for the same ask
ASKS = {
    "tekun": ["供养标准", "基本生活费", "基本生活标准"],
    "children": ["事实无人抚养", "孩子"],
    "nursing_homes": ["敬老院", "养老"],
    "coordination": ["协调机制", "特事特办", "一事一议"],
    "mental_health": ["精神障碍"],
    "vagrants": ["流浪", "乞讨"],
    "disasters": ["灾"],
    "means_test": ["核对"],
    "application": ["材料", "申请"],
    "funerals": ["公墓", "殡葬"],
}
SCANNED = ["tests/agent", "tests/api", "tests/browser"]


def dev_questions() -> list[str]:
    if not SHARED_EVAL.exists():
        pytest.skip("shared dev set not beside the repo")
    lines = SHARED_EVAL.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


def bigrams(text: str) -> set[str]:
    text = re.sub(r"[^\u4e00-\u9fff0-9A-Za-z]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    x, y = bigrams(a), bigrams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def test_the_load_pool_is_large_distinct_and_fully_used():
    assert len(set(load.QUESTIONS)) == len(load.QUESTIONS) >= 40
    asked = [load.pick(i) for i in range(2 * len(load.QUESTIONS) * len(load.HOUSEHOLDS))]
    assert {p["q"] for e, p, _ in asked if e == "/api/search"} == set(load.QUESTIONS)
    assert len({json.dumps(b) for e, _, b in asked if e == "/api/eligibility"}) == len(load.HOUSEHOLDS)


def test_no_load_question_asks_what_a_dev_question_asks_for_the_same_region():
    dev = dev_questions()
    for region in load.REGIONS:
        name = region.rstrip("州县")
        for topic in load.TOPICS:
            if (region, topic) in load.SKIP:
                continue
            same = [q for q in dev if name in q and any(word in q for word in ASKS[topic])]
            assert same == [], (region, topic, same)


def test_no_test_or_load_question_is_a_near_copy_of_a_dev_question():
    dev = dev_questions()
    texts = list(load.QUESTIONS)
    for path in (p for folder in SCANNED for p in sorted((ROOT / folder).glob("*.py"))):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(re.findall(r"[\u4e00-\u9fff]", node.value)) >= 6:
                texts.append(node.value)
    close = [(t, q) for t in texts for q in dev if similarity(t, q) >= 0.45]
    assert close == []

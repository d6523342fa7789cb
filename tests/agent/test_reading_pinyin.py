"""Chinese typed as toneless pinyin is read back through the reader's own vocabulary."""

from __future__ import annotations

from assistant.understanding.pinyin import looks_like_pinyin, to_hanzi
from assistant.understanding.reader import read


def test_pinyin_syllables_spell_the_words_of_the_tables_joined_or_apart():
    assert to_hanzi("wo nainai jin nian qishi sui").startswith("我奶奶今年")
    assert "奶奶" in to_hanzi("wo nai nai")


def test_english_and_chinese_are_not_taken_for_pinyin():
    assert not looks_like_pinyin("my grandma is 80 and lives alone")
    assert not looks_like_pinyin("我奶奶八十岁了")


def test_a_household_typed_in_pinyin_is_read():
    s = read("wo nainai jinnian 79 sui le, yi ge ren zhu zai nongcun", None).state.slots()
    assert s["area"] == "rural"
    assert s["members"][0]["age"] == 79

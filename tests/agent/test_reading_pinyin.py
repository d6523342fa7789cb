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


def test_pinyin_numerals_are_read_as_figures():
    from assistant.understanding.reader import normalize

    # a token spelled only with numeral syllables, and a run of them holding a unit
    assert "七十八岁" in normalize("wo nainai jinnian qishiba sui")
    assert "七十八岁" in normalize("wo ma qi shi ba sui le")
    assert "一万多" in normalize("yi nian shouru yiwan duo")
    # shi alone is 是, yi ge ren is 一个人: no unit, no figure
    assert normalize("wo shi dibaohu, yi ge ren zhu").startswith("我是低保户")


def test_a_pinyin_age_and_income_reach_the_state():
    s = read("wo nainai jinnian qishiba sui, yi ge ren zhu zai cun li, mei you shouru", None, "citizen").state
    app = s.person(s.applicant)
    assert app.age.value.min == 78 and app.income_yearly.value.max == 0
    s = read("wo shi dibaohu, mei ge yue ling liangbai wu", None, "citizen").state
    assert s.person(s.applicant).income_yearly.value.min == 3000  # 我是低保户: the speaker described

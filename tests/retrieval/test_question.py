"""Question analysis: asked type, parts, programs, asked region, year, area, language (own wording)."""

from __future__ import annotations

import pytest

from assistant.understanding.question import analyse_question, arabic_numerals, question_lexicon


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("承德的城市低保一个月发多少钱？", "amount"),
        ("特困供养标准是当地低保标准的几倍？", "rate"),
        ("医疗救助报销比例是多少", "rate"),
        ("申请临时救助后多少个工作日能批下来", "deadline"),
        ("孤儿信息多久更新一次", "deadline"),
        ("全省一共有多少个社工站？", "count"),
        ("残疾人两项补贴由哪个部门审核？", "who"),
        ("低保对象包括哪些人", "list"),
        ("申请低保要走什么流程，怎么办？", "procedure"),
        ("什么是单人户", "definition"),
        ("我妈七十岁了能不能吃低保？", "yes_no"),
        ("How much is the care subsidy per month?", "amount"),
        ("Can a disabled adult apply for dibao alone?", "yes_no"),
    ],
)
def test_asked_type(text, asked):
    assert analyse_question(text).asked_type == asked


def test_a_question_with_two_asks_has_two_parts():
    a = analyse_question("敬老院的床位补助是多少钱？哪年开始执行？")
    assert [p.asked_type for p in a.parts] == ["amount", "deadline"]


def test_programs_longest_term_first():
    assert analyse_question("低保边缘家庭怎么认定").programs == ["dibao_edge"]
    assert set(analyse_question("特困和低保能同时享受吗").programs) == {"tekun", "dibao"}


def test_a_city_is_asked_with_its_province_known():
    a = analyse_question("宁波的特困供养标准是多少")
    assert a.regions == ["宁波市"]


def test_the_asked_region_is_that_of_the_asking_clause():
    a = analyse_question("山西规定了八个工作日，陕西要多少个工作日？")
    assert a.regions == ["陕西省"] and set(a.mentioned_regions) == {"山西省", "陕西省"}


def test_a_town_name_is_no_region():
    # a short county name followed by 镇 is a town (which may lie in any county)
    assert analyse_question("凤山镇有户人家问低保怎么申请").regions == []


def test_per_region_parts():
    a = analyse_question("湖北和湖南的高龄津贴分别是怎么规定的？")
    assert [p.regions for p in a.parts] == [["湖北省"], ["湖南省"]]


def test_years_two_digit_and_relative():
    assert analyse_question("19年的低保标准是多少").years == ["2019"]
    a = analyse_question("今年低保标准是多少")
    assert a.years == [] and a.relative_year


def test_area_and_stated_figures_and_language():
    a = analyse_question("城市里二级残疾能领护理补贴吗")
    assert a.area == "urban" and a.stated_figures == ["2级"] and a.lang == "zh"
    assert analyse_question("What is the rural dibao standard?").lang == "en"


def test_arabic_numerals_leave_multipliers_and_words():
    assert arabic_numerals("三千五百元和350万元") == "3500元和350万元"
    assert arabic_numerals("一是落实三保障") == "一是落实三保障"
    assert arabic_numerals("4400多万元") == "4400多万元"


def test_the_lexicon_validates_and_every_type_has_cues():
    lex = question_lexicon()
    assert {r.type for r in lex.asked_types} >= {"amount", "rate", "deadline", "count", "who", "list", "procedure",
                                                  "definition", "yes_no"}
    assert all(r.cues for r in lex.asked_types)
    assert all(k in lex.figures for r in lex.asked_types for k in r.evidence)


def test_a_county_in_pinyin_is_read_when_marked_or_the_only_place():
    assert analyse_question("Fengning county: how much is the dibao standard?").regions == ["丰宁满族自治县"]
    assert analyse_question("rongjiang xian dibao").regions == ["榕江县"]
    # with a prefecture named, a county-like syllable run is not taken as a second place
    assert analyse_question("liangshan dibao biaozhun").regions == ["凉山彝族自治州"]


def test_pinyin_level_word_after_a_place_is_no_place():
    assert "西安市" not in analyse_question("rongjiang xian dibao").regions


def test_a_document_numbers_year_is_no_asked_year():
    assert analyse_question("湘民发〔2021〕7号这个文件什么时候废止").years == []
    assert analyse_question("2021年的标准是多少").years == ["2021"]


def test_a_date_is_one_deadline_figure():
    from assistant.retrieval.evidence import figures_of

    found = figures_of("本规定自2025年5月1日起施行，有效期4年", ["date", "time"])
    assert [m.group() for m in found] == ["2025年5月1日", "4年"]


def test_a_rate_named_by_its_measure_is_a_rate_question():
    assert analyse_question("城乡低保覆盖率要达到多少").parts[0].asked_type == "rate"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("全市一共招了多少社区网格员", "count"),
        ("县里建了多少养老服务站点？", "count"),
        ("重残护理补贴一个月能发几百块？", "amount"),
    ],
)
def test_how_many_of_people_or_sites_is_a_count_and_a_few_hundred_yuan_an_amount(text, asked):
    assert analyse_question(text).asked_type == asked


def test_one_after_a_demonstrative_states_no_tier():
    assert analyse_question("分档补助里最低那一档给多少").stated_figures == []
    assert analyse_question("每一类对象怎么认定").stated_figures == []
    assert analyse_question("三档补助给多少").stated_figures == ["3档"]


def test_a_short_place_name_inside_a_word_is_no_place():
    # 振兴 is the short name of 振兴区, 互助 of 互助土族自治县; 乡村 does not make 安徽 a township
    assert analyse_question("安徽乡村振兴部门管什么").regions == ["安徽省"]
    assert analyse_question("江西村里的互助会有几个").regions == ["江西省"]
    assert analyse_question("丰宁县城的低保标准是多少").regions == ["丰宁满族自治县"]


def test_a_month_asked_is_a_deadline_and_a_countryside_word_makes_no_township():
    assert analyse_question("材料要在几月底前报上去").asked_type == "deadline"
    assert analyse_question("这项排查截止到什么日子，截止日期是几号前").asked_type == "deadline"
    assert analyse_question("我姨在丰宁乡下住，能吃低保吗").regions == ["丰宁满族自治县"]
    assert analyse_question("凤山镇有户人家想吃低保").regions == []

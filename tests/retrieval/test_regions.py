"""The national region table, pinned against the library whose data it reads (jionlp.parse_location)."""

from __future__ import annotations

import random

import pytest

from indexer.regions import gazetteer


@pytest.fixture(scope="module")
def g():
    return gazetteer()


def test_table_covers_every_level(g):
    levels = [r.level for r in g.by_name.values()]
    assert levels.count("province") == 34
    assert levels.count("prefecture") > 330
    assert levels.count("county") > 2800


def test_full_names_agree_with_jionlp(g):
    jio = pytest.importorskip("jionlp")
    # jionlp's parser leaves out 台湾/香港/澳门 (codes 71, 81, 82)
    counties = sorted(
        n for n, r in g.by_name.items() if r.level == "county" and r.official == n and r.code[:2] not in ("", "71", "81", "82")
    )
    for name in random.Random(7).sample(counties, 120):
        path = g.path(name)
        parsed = jio.parse_location("".join(p for p in (path["province"], path["prefecture"], name) if p))
        assert parsed["province"] == path["province"]
        assert parsed["county"] and name.endswith(parsed["county"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("丰宁", "丰宁满族自治县"),
        ("豐寧", "丰宁满族自治县"),
        ("丰宁县", "丰宁满族自治县"),
        ("凉山州", "凉山彝族自治州"),
        ("内蒙", "内蒙古自治区"),
        ("Guizhou", "贵州省"),
        ("inner mongolia", "内蒙古自治区"),
        ("宝鸡", "宝鸡市"),
        ("吉林", "吉林省"),  # the province wins over the prefecture of the same short name
    ],
)
def test_canonical_loose_names(g, text, expected):
    assert g.canonical(text) == expected


def test_places_in_running_text_at_any_level(g):
    assert g.most_specific("我妈在河北丰宁农村，七十多了") == "丰宁满族自治县"
    assert g.path(g.most_specific("住在杭州市西湖区")) == {
        "province": "浙江省",
        "prefecture": "杭州市",
        "county": "西湖区",
    }
    assert g.find("I live in Guizhou, rural") == ["贵州省"]
    assert g.find("呼和浩特的低保") == ["呼和浩特市"]


def test_ordinary_words_are_not_places(g):
    # short names that are common words only count with their suffix
    for text in ("公安机关出具证明", "新建住房", "和平相处", "东方红", "救助对象的家庭成员", "对城乡低保", "认定结果要公示"):
        assert g.find(text) == [], text
    assert g.find("海南东方市") == ["海南省", "东方市"]


def test_township_names_are_not_their_county(g):
    assert g.find("凤山镇的低保") == []  # a town named 凤山 (there are several), not 凤山县
    assert g.find("嘎查村、苏木乡镇") == []  # township words in a row, not the township 苏木乡
    assert g.find("丰宁乡镇民政办") == ["丰宁满族自治县"]  # 乡镇 is a word: the county stays
    assert g.most_specific("河北丰宁县黄旗镇") == "丰宁满族自治县"


def test_ambiguous_names_resolve_by_their_neighbours(g):
    assert g.locate("和平区")[0].ambiguous
    assert g.most_specific("沈阳和平区") == "沈阳市和平区"
    assert g.most_specific("北京朝阳") == "北京市朝阳区"
    assert g.related("榕江县", "贵州省") and not g.related("榕江县", "四川省")


def test_cached_table_is_the_built_table(tmp_path, monkeypatch):
    import pickle

    from indexer import regions

    monkeypatch.setattr(regions, "_CACHE_DIR", tmp_path)
    regions.gazetteer.cache_clear()
    try:
        built = regions.gazetteer()  # builds and writes the cache
        (cached_file,) = tmp_path.glob("regions-*.pickle")
        cached = pickle.loads(cached_file.read_bytes())
        assert cached.by_name == built.by_name
        assert cached.most_specific("住在杭州市西湖区") == built.most_specific("住在杭州市西湖区") == "杭州市西湖区"
        regions.gazetteer.cache_clear()
        assert regions.gazetteer().by_name == built.by_name  # now read from the cache
    finally:
        regions.gazetteer.cache_clear()


def test_prefecture_short_forms_from_jionlp_table_are_places_in_running_text(g):
    """Every prefecture's 简称 in jionlp's table (names without 市/州/盟/自治…) names it in a question and in a household
    note alike, whatever jieba's part-of-speech tag for the string is."""
    jio = pytest.importorskip("jionlp")
    prefectures = sorted((r for r in g.by_name.values() if r.level == "prefecture" and len(r.short) >= 2), key=lambda r: r.name)
    by_short = {}
    for r in g.by_name.values():
        by_short.setdefault(r.short, set()).add(r.name)
    unique = [r for r in prefectures if len(by_short[r.short]) == 1 and g._exact.get(r.short) == (r.name,)]
    assert len(unique) > 250
    for r in unique:
        parsed = jio.parse_location(r.official)
        assert parsed["city"] == r.official or parsed["province"] == r.parent, r.official
        assert g.find(f"{r.short}的低保标准是多少") == [r.name], r.short
        assert r.name in g.find(f"户籍{r.short}农村，一家三口，年收入一万"), r.short


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("大理的特困供养标准是多少", "大理白族自治州"),
        ("锡林郭勒那边临时救助怎么申请", "锡林郭勒盟"),
        ("城口低保一个月多少钱", "城口县"),
        ("延边农村低保标准", "延边朝鲜族自治州"),
        ("我在大理，家里三口人，一年收入八千", "大理白族自治州"),
    ],
)
def test_short_forms_without_suffix(g, text, region):
    assert region in g.find(text)


@pytest.mark.parametrize(
    "text",
    ["去公安局开了证明", "在平原地区种地", "参加了合作医疗", "比如说家里有残疾人", "和平年代", "东方人的习惯", "前进了一步"],
)
def test_county_short_form_that_is_a_word_is_no_place_alone(g, text):
    assert g.find(text) == []


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("湖北荆州公安一户老人，七十岁", "公安县"),  # a region on its line
        ("公安那边的低保标准", "公安县"),  # a place word after it
        ("平原县的低保", "平原县"),  # the full name needs no support
        ("我家在平原，五口人", "平原县"),  # a locative with the clause ending after it
    ],
)
def test_county_short_form_that_is_a_word_is_a_place_where_supported(g, text, region):
    assert region in g.find(text)


def test_shared_short_form_stays_unnamed_until_the_text_says_which(g):
    shared = next(k for k, v in g._bare.items() if len(v) == 2 and not g._distinct_levels(v) and len(k) >= 2)
    first, second = g._bare[shared]
    assert g.find(f"{shared}的低保") == []
    province = g.province_of(second)
    if province != g.province_of(first):
        assert second in g.find(f"{g.by_name[province].short}{shared}的低保")

"""Clause parsing and chunking on the seed documents, malformed headings included."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.chunking import chunk_document
from indexer.clauses import parse
from indexer.corpus import load_corpus
from indexer.settings import ROOT


@pytest.fixture(scope="module")
def docs():
    loaded, errors = load_corpus(ROOT / "corpus")
    assert errors == []
    return {d.meta.doc_id[:3]: d for d in loaded}


@pytest.fixture(scope="module")
def chunks(docs):
    return {key: chunk_document(doc) for key, doc in docs.items()}


def paths(chunk_list):
    return [" > ".join(c.heading_path) for c in chunk_list]


def test_lost_parenthesis_and_numeral_are_repaired(chunks):
    p = paths(chunks["000"])
    # ")加强农村牧区基层政权建设和社区治理" lost "(七", the paragraph between (四) and (六) lost "(五)"
    assert any(x.endswith("(七)加强农村牧区基层政权建设和社区治理") for x in p)
    assert any(x.endswith("(五)加强残疾人、精神障碍患者福利保障") for x in p)
    assert any(x.startswith("三、组织实施 > (一)加强组织领导") for x in p)
    # unmarked paragraphs between/after numbered siblings become (二) and (四) of 三、组织实施
    assert any(x.startswith("三、组织实施 > (二)") for x in p)
    assert any(x.startswith("三、组织实施 > (四)") for x in p)


def test_heading_and_subheading_on_one_line_are_split(chunks):
    p = paths(chunks["001"])
    assert any(x.startswith("三、重点任务 > (一)社会救助兜底脱贫攻坚行动") for x in p)


def test_enumerations_are_clauses_of_their_own(chunks):
    p = paths(chunks["001"])
    assert any(x.endswith("1.精准兜底行动计划 > 二是健全特殊困难群体重点保障制度") for x in p)
    items = [c for c in chunks["002"] if c.heading_path and c.heading_path[-1].startswith("二是共享数据")]
    assert len(items) == 1 and items[0].text.startswith("二是共享数据主动“找”")


def test_region_sections_of_a_multi_region_report(chunks):
    regions = {c.region for c in chunks["002"]}
    assert {"黑龙江省", "广西壮族自治区", "榕江县", "安徽省", "江西省", "凉山彝族自治州"} <= regions
    rongjiang = [c for c in chunks["002"] if "取消户籍限制" in c.text]
    assert rongjiang and rongjiang[0].region == "榕江县"


def test_chunks_are_bounded_and_never_heading_only(chunks):
    for doc_chunks in chunks.values():
        for c in doc_chunks:
            assert 0 < len(c.text) <= 400
            assert c.text.strip() != (c.heading_path[-1] if c.heading_path else "")


def test_offsets_point_into_the_original_text(docs, chunks):
    for key, doc_chunks in chunks.items():
        original = docs[key].original
        for c in doc_chunks:
            span = original[c.start : c.end]
            assert span.startswith(c.text[:10]) and span.endswith(c.text[-5:])


def test_debris_is_removed_and_policy_words_kept(docs, chunks):
    text = "".join(c.text for c in chunks["000"])
    assert "分享到" not in text and "【字体" not in text and "当前位置" not in text
    assert "体球网" not in "".join(c.text for c in chunks["002"])
    assert "可依申请参照“单人户”纳入低保" in text


def test_attribute_lines_stay_with_their_clause(chunks):
    deadline = [c for c in chunks["003"] if "4月底前完成整改回头看工作" in c.text]
    assert deadline and deadline[0].heading_path[-1].startswith("5.实施问题整改质量提升行动")


def test_attribute_lines_are_no_chunks_of_their_own(chunks):
    for c in chunks["003"]:
        assert not c.text.startswith(("责任领导", "责任股室", "完成时限")), c.text[:40]
    task = next(c for c in chunks["003"] if "完成时限:5月底前" in c.text)
    assert "三是将不符合低保条件" in task.text and task.heading_path[-1].startswith("1.聚焦剩余贫困人口")


def test_ids_are_stable_across_rebuilds(docs):
    first = [c.chunk_id for c in chunk_document(docs["003"])]
    second = [c.chunk_id for c in chunk_document(docs["003"])]
    assert first == second and len(set(first)) == len(first)


def test_generic_hierarchy_article_and_numbered_levels():
    text = "第一条 为了规范救助，制定本办法。\n第二条 本办法适用于全省。\n一、适用范围\n(一)城市低保\n1.申请条件。家庭人均收入低于标准。\n(1)户籍在本地。\n"
    units = parse(text)
    labels = [" > ".join(u.path) for u in units]
    assert labels[0].startswith("第一条")
    assert any(label.endswith("1.申请条件 > (1)户籍在本地") or label.endswith("(1)户籍在本地") for label in labels)


def test_manifest_metadata_is_attached(docs, chunks):
    c = chunks["003"][0]
    assert c.region == "河北省承德市丰宁满族自治县"
    assert c.date == "2020-05-15" or c.date is None or c.date.startswith("2020")
    assert Path(docs["003"].meta.source_path).name == c.doc_id

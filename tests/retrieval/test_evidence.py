"""The answering sentence and the no-basis verdict by mismatch (region, year, asked type, program, area)."""

from __future__ import annotations

import pytest

from assistant.retrieval.evidence import is_noise, sentence_spans
from assistant.retrieval.search import Searcher


@pytest.fixture(scope="module")
def searcher(hash_settings):
    return Searcher(hash_settings)


def test_a_region_without_documents_has_no_basis_naming_its_province(searcher):
    r = searcher.search("宁波城市低保标准每月多少钱")
    assert r.no_basis and r.no_basis_kind == "region"
    assert "浙江省" in r.no_basis_reason and "宁波市" in r.no_basis_reason


def test_a_sibling_county_is_not_answered_by_its_neighbour(searcher):
    r = searcher.search("滦平县农村低保标准是多少")
    assert r.no_basis and r.analysis.regions == ["滦平县"]


def test_a_year_no_clause_gives_names_the_years_given(searcher):
    r = searcher.search("丰宁2024年特困人员供养标准是多少")
    assert r.no_basis and r.no_basis_kind == "year"
    assert "2024" in r.no_basis_reason and "2020" in r.no_basis_reason


def test_the_answer_sentence_states_the_asked_amount(searcher):
    r = searcher.search("丰宁的特困人员供养标准现在一年多少钱")
    assert not r.no_basis
    e = r.evidence[0]
    assert "6600元" in e.sentence and e.value == "6600元" and e.region.endswith("丰宁满族自治县")
    assert r.hits[0].chunk_id == e.chunk_id and r.hits[0].sentence == e.sentence


def test_an_amount_asked_where_the_clauses_state_none_has_no_basis(searcher):
    r = searcher.search("丰宁的残疾人两项补贴一个月发多少钱")
    assert r.no_basis and r.no_basis_kind in {"type", "subject", "content"}


def test_the_other_area_does_not_answer(searcher):
    r = searcher.search("丰宁城市低保标准提高到多少元")
    assert r.no_basis


def test_a_provincial_average_does_not_answer_for_a_county(searcher):
    r = searcher.search("遵义市汇川区2018年农村低保标准是多少")
    assert r.no_basis


def test_a_figure_the_question_states_must_be_in_the_clause(searcher):
    r = searcher.search("丰宁一级精神残疾低保对象补差标准提高几档")
    assert r.no_basis and r.no_basis_kind in {"stated", "content"}


def test_confidence_is_a_probability_and_low_without_basis(searcher):
    good = searcher.search("丰宁的特困人员供养标准现在一年多少钱")
    bad = searcher.search("宁波城市低保标准每月多少钱")
    assert 0 < bad.confidence < good.confidence


def test_headings_preambles_and_attribute_lines_are_never_quotable(searcher):
    for c in searcher.chunks:
        for s, e in sentence_spans(c):
            assert not is_noise(c.text[s:e])
            assert not c.text[s:e].lstrip().startswith(("责任领导", "责任股室", "完成时限"))


@pytest.mark.parametrize(
    ("text", "noise"),
    [
        ("责任领导：王五 责任股室：救助股 完成时限：6月底前", True),
        ("（牵头单位：市民政局）", True),
        ("为深入贯彻落实上级部署，结合本地实际，制定本方案。", True),
        ("三、保障措施", True),
        ("五是加强队伍建设。", True),
        ("对符合条件的困难群众及时给予临时救助。", False),
        ("三是将低收入家庭中的重病患者按单人户纳入低保。", False),
        # an article's first sentence is its body; only a bare article title line is a heading
        ("第二十七条　本规定自2025年5月1日起施行，有效期4年。", False),
        ("第三条　适用范围", True),
        ("第一条　为规范医疗救助工作，根据国家有关规定，结合本县实际，制定本规定。", True),
        ("某某县民政局　某某县财政局", True),
        ("关于印发《某某县医疗救助实施办法》的通知", True),
        ("某某县医疗救助实施办法", True),
    ],
)
def test_noise_lines(text, noise):
    assert is_noise(text) is noise


def test_a_figure_of_another_standard_does_not_answer(searcher):
    # the clause gives 基本生活标准 as a multiple of the dibao standard, nothing for the care standard
    r = searcher.search("贵州给失能特困人员的照料护理标准按低保标准的多少倍算？")
    assert r.no_basis


def test_what_the_question_excludes_does_not_answer(searcher):
    r = searcher.search("安徽除了急难情形以外的临时救助，审批要几个工作日？")
    assert r.analysis.excluded == ["急难情形"]
    assert not any("即发现即救助" in e.value for e in r.evidence)


def test_a_table_row_is_judged_by_its_key_cell_and_caption():
    from assistant.retrieval.evidence import _row_place, _row_scope
    from assistant.understanding.question import analyse_question
    from indexer.models import Chunk

    text = "县（区）：岳麓区，城市低保标准：800元/人·月，农村低保标准：600元/人·月"
    row = Chunk(chunk_id="r", doc_id="d", title="t", heading_path=["附件", "某市低保标准", "表 第2行"], text=text,
                start=0, end=len(text))
    caption, key = _row_scope(row, text)
    assert "某市低保标准" in caption and "岳麓区" in key and "800元" not in key
    assert _row_place(analyse_question("岳麓区城市低保标准多少钱"), key) is True
    assert _row_place(analyse_question("雨花区城市低保标准多少钱"), key) is False
    assert _row_place(analyse_question("城市低保标准多少钱"), key) is None
    plain = row.model_copy(update={"heading_path": ["第五条"]})
    assert _row_scope(plain, text) == ("", "")


def test_a_tasks_deadline_line_answers_a_deadline_question_about_it(searcher):
    r = searcher.search("丰宁那几所养老机构项目建设要在什么时候之前完成")
    assert not r.no_basis
    e = r.evidence[0]
    assert e.sentence.startswith("12月底前") and "完成时限" not in e.sentence  # the value, never the label
    assert e.task and "完成时限" not in e.task and e.task_chunk_id


def test_a_quoted_term_is_wanted_verbatim_in_the_answer_sentence(searcher):
    from assistant.retrieval.evidence import Candidate, Evidence, _quoting
    from assistant.understanding.question import analyse_question

    q = analyse_question("贵州讲的“6+1”行动包括哪些")
    assert q.quoted == ["6+1"]
    chunk = next(c for c in searcher.chunks if "6+1" in c.text)

    def ev(sentence, score):
        return Evidence(part=0, asked_type="list", chunk_id=chunk.chunk_id, region=chunk.region, sentence=sentence,
                        start=0, end=1, score=score)

    higher, quoting = ev("着力实施精准兜底行动计划、保障水平提升计划。", 1.2), ev("实施七项行动(简称“6+1”行动)。", 0.5)
    found = [(higher, Candidate(chunk, 0, True)), (quoting, Candidate(chunk, 5, True))]
    assert _quoting(q, None, higher, found) is quoting  # the lower-scored sentence naming the quoted term
    assert _quoting(q, None, higher, found[:1]) is higher  # none names it: the best stands


@pytest.mark.parametrize("text", ["现印发给你们，请认真贯彻执行。", "特制定本细则，现印发你们，请遵照执行。"])
def test_an_issuing_notices_closing_is_noise(text):
    assert is_noise(text)


def test_a_sum_asked_in_yuan_is_not_answered_by_a_multiple(searcher):
    # the clause gives 1.3倍 of another standard: a figure in yuan asked, none stated
    assert searcher.search("贵州特困人员的基本生活标准一年具体是多少元").no_basis
    r = searcher.search("贵州特困人员基本生活标准是多少")  # any figure asked: the multiple answers
    assert not r.no_basis and "1.3倍" in r.evidence[0].sentence


def test_a_per_case_question_is_not_answered_by_a_pooled_fund(searcher):
    assert searcher.search("丰宁的临时救助每户一次最多给多少钱").no_basis
    assert not searcher.search("丰宁乡镇临时救助储备金额度要达到多少").no_basis


def test_a_grade_asked_needs_a_sentence_stating_a_grade(searcher):
    assert searcher.search("黑龙江重残人员按单人户纳入，残疾要达到几级").no_basis
    r = searcher.search("丰宁把几级精神、智力残疾低保对象的补差提高一档")
    assert not r.no_basis and "三级" in r.evidence[0].sentence


def test_an_optional_part_in_brackets_reads_both_ways():
    from assistant.retrieval.evidence import _coverage

    got, _ = _coverage(["站点"], "建成养老服务站(点)120个", "", {}, {"站点": 3.0})
    assert got == 1.0
    got, _ = _coverage(["站点"], "建成养老服务站120个", "", {}, {"站点": 3.0})
    assert got < 1.0


def test_an_attribute_the_question_names_is_answered_by_its_line(searcher):
    from assistant.retrieval.evidence import Candidate, _answering_attributes

    state = searcher._state()
    i = next(k for k, attrs in enumerate(state.attributes) if any(a.label == "责任领导" for a in attrs))
    c = Candidate(state.chunks[i], 0, True, state.parents[i], state.attributes[i])
    assert not _answering_attributes(c, "list", "这项工作有哪几位负责")
    named = _answering_attributes(c, "list", "这项工作的责任领导是哪几位")
    assert [a.label for a in named] == ["责任领导"]


def test_a_list_asked_of_counted_items_is_not_answered_by_the_count(searcher):
    from assistant.retrieval.evidence import _counted_only
    from assistant.understanding.question import analyse_question

    q = analyse_question("那12项补贴具体都有哪些")
    assert _counted_only(q, "list", "补贴范围扩大到3大类12项") == ["12项"]
    assert _counted_only(q, "list", "补贴包括12项,有孤儿补贴、高龄补贴、护理补贴") == []
    assert _counted_only(analyse_question("补贴具体都有哪些"), "list", "补贴范围扩大到3大类12项") == []

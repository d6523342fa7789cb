"""Round 7 of the no-basis verdict: refusal needs a positive mismatch (a sentence short only of the question's
words is shown as the closest provision), and asked-type patterns seen on office documents. The clauses are
written here, not taken from any question set."""

from __future__ import annotations

from assistant.agent.policy_answer import policy_answer
from assistant.retrieval.evidence import Candidate, select
from assistant.retrieval.query import lexicon
from assistant.understanding.question import analyse_question
from indexer.models import Chunk

IDF = {"特困": 3.0, "特困人员": 3.0, "护理": 3.0, "照料": 3.0, "标准": 1.0, "补贴": 2.0, "老人": 2.6}


def _chunk(text: str, chunk_id: str = "c1", region: str = "丰宁满族自治县", title: str = "某县特困人员救助供养办法",
           heading: tuple[str, ...] = ("第五条",)) -> Chunk:
    return Chunk(chunk_id=chunk_id, doc_id=title, title=title, heading_path=list(heading), text=text, start=0,
                 end=len(text), region=region)


def _select(question: str, *chunks: Chunk, idf: dict[str, float] | None = None):
    cands = [Candidate(c, rank, True) for rank, c in enumerate(chunks)]
    return select(analyse_question(question), cands, {}, idf or IDF, set(lexicon()["fillers"]))


CARE = _chunk("第五条　特困人员全护理照料护理补贴为每人每月900元。")


def test_a_sentence_covering_the_question_is_an_exact_answer():
    v = _select("丰宁特困人员全护理照料护理补贴每月多少钱", CARE)
    assert not v.no_basis and not v.tentative
    assert v.evidence[0].value == "900元" and not v.evidence[0].tentative


def test_a_sentence_short_only_of_the_askers_words_is_the_closest_provision_not_a_refusal():
    # the asker's own description (瘫在床上没人管) is in no clause: nothing asked is contradicted
    v = _select("丰宁特困的老人瘫在床上没人管，一个月能给多少钱", CARE)
    assert not v.no_basis and v.tentative
    e = v.evidence[0]
    assert e.tentative and "900元" in e.sentence
    assert e.score < _select("丰宁特困人员全护理照料护理补贴每月多少钱", CARE).evidence[0].score


def test_a_term_of_art_the_clause_lacks_is_a_positive_mismatch():
    # 动态监测 is a policy term (synonyms data): a clause without it does not state what is asked
    v = _select("丰宁特困的老人瘫在床上没人管，纳入动态监测的一个月能给多少钱", CARE)
    assert v.no_basis and not v.evidence


def test_another_program_is_still_refused():
    v = _select("丰宁低保的老人瘫在床上没人管，一个月能给多少钱", CARE)
    assert v.no_basis and v.kind == "subject"


def test_only_the_best_ranked_clauses_give_a_closest_provision():
    filler = [_chunk(f"第{n}条　特困人员的申请由乡镇人民政府受理。", chunk_id=f"f{n}") for n in range(1, 4)]
    v = _select("丰宁特困的老人瘫在床上没人管，一个月能给多少钱", *filler, CARE)
    assert v.no_basis  # the closest sentence of the fourth clause is no answer


def test_the_closest_provision_is_said_to_be_that_in_the_answer():
    v = _select("丰宁特困的老人瘫在床上没人管，一个月能给多少钱", CARE)
    hit = {"ref": 1, "chunk_id": "c1", "title": CARE.title, "region": CARE.region, "sentence": v.evidence[0].sentence}
    text = policy_answer({"hits": [hit], "evidence": [e.model_dump() for e in v.evidence]})
    assert text.startswith("文件中最接近的规定是：「")
    assert "标准为" not in text and "900元" in text and "[1]" in text
    en = policy_answer({"hits": [hit], "evidence": [e.model_dump() for e in v.evidence], "lang": "en"})
    assert en.splitlines()[0] == "The closest provision in the documents is:"


def test_a_standard_named_by_its_modifiers_is_not_met_by_a_sentence_without_them():
    raised = _chunk("第六条　特困人员由每年6000元提高到6600元。", chunk_id="c2")
    assert _select("丰宁特困的老人瘫在床上没人管，一年能给多少钱", raised).tentative
    assert _select("丰宁特困的老人瘫在床上没人管，照料护理标准一年多少钱", raised).no_basis


MONTHS = _chunk("第十二条　对遭遇重大变故的低保家庭，可一次性给予3个月低保金的临时补助。", chunk_id="m",
                region="宜昌市", title="某市最低生活保障实施办法")
MULTIPLE = _chunk("第十三条　对急难型临时救助对象，按当地月低保标准的3倍给予一次性救助。", chunk_id="x",
                  region="宜昌市", title="某市临时救助办法")
PAYDAY = _chunk("第十条　低保金实行社会化发放，于每月10日前打入低保对象的银行账户。", chunk_id="p", region="宜昌市",
                title="某市最低生活保障实施办法")


def test_an_amount_stated_as_months_of_a_benefit_answers_a_sum_asked():
    for question in ["宜昌低保家庭遭遇重大变故一次性补助多少钱", "宜昌低保家庭出了重大变故能一次性补几个月的低保金"]:
        v = _select(question, MONTHS, idf={})
        assert not v.no_basis and v.evidence[0].value == "3个月低保金", question
    assert analyse_question("临时救助最多给几个月的低保标准").asked_type == "amount"  # not a time limit
    assert analyse_question("低保标准几个月调整一次").asked_type == "deadline"


def test_a_multiple_of_another_programs_standard_is_about_the_sentences_subject():
    # 低保 is only the reference of 按当地月低保标准的3倍: the figure is 临时救助's
    v = _select("宜昌急难型临时救助一次给多少钱", MULTIPLE, idf={})
    assert not v.no_basis and v.evidence[0].value == "3倍"


def test_a_share_of_another_figure_asked_is_a_rate():
    assert analyse_question("照料护理标准按最低工资的多少").asked_type == "rate"
    assert analyse_question("照料护理标准按最低工资的多少钱").asked_type == "amount"


def test_a_day_of_the_month_with_its_period_is_one_figure():
    for question in ["宜昌低保金每月几号前发放到账", "宜昌低保金什么时候发", "宜昌低保金几号发"]:
        v = _select(question, PAYDAY, idf={})
        assert not v.no_basis and v.evidence[0].value == "每月10日前", question


def test_yes_no_questions_joined_by_commas_are_one_part_each():
    single = _chunk("第二十条　共同生活的家庭成员中有重度残疾人的，可以申请将其单独纳入低保。", chunk_id="a",
                    region="宜昌市", heading=("第二十条",))
    income = _chunk("第二十一条　低保家庭成员外出务工的，其务工收入按实际收入的70%计入家庭收入。", chunk_id="b",
                    region="宜昌市", heading=("第二十一条",))
    q = analyse_question("宜昌家里有重度残疾人能单独纳入低保吗，外出打工的收入全部算家庭收入吗")
    assert [p.asked_type for p in q.parts] == ["yes_no", "yes_no"]
    assert [p.permission for p in q.parts] == [True, False]
    assert len(analyse_question("可以单独办低保不，打工挣的钱要不要全算收入，有没有渐退期").parts) == 3
    assert len(analyse_question("收入超过了低保标准，还能不能享受低保").parts) == 1  # context, then the question
    v = _select(q.raw, single, income, idf={})
    assert not v.no_basis and [e.chunk_id for e in v.evidence] == ["a", "b"]
    hits = [{"ref": n + 1, "chunk_id": c.chunk_id, "title": c.title, "region": c.region, "sentence": c.text}
            for n, c in enumerate([single, income])]
    text = policy_answer({"hits": hits, "evidence": [e.model_dump() for e in v.evidence], "parts": 2})
    first, second = text.splitlines()
    assert "可以" in first and "[1]" in first
    assert "可以" not in second.split("「")[0] and "70%" in second and "[2]" in second  # not answered by 可以

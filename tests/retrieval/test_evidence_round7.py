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

"""`python -m eval answers` on a small question set of its own (not the dev set)."""

from __future__ import annotations

import json

from eval.answers import run, table

QUESTIONS = [
    {"id": "a1", "question": "丰宁特困人员的供养标准提高到了多少？", "doc": "003_2b397bcf9f5a37ec.txt",
     "evidence": ["特困人员由年6000元提高到6600元"], "answer": "", "kind": "fact_number", "region": "丰宁满族自治县"},
    {"id": "a2", "question": "黑龙江临时救助全省通办明确了哪些内容？", "doc": "002_b078bcc2181311d4.txt",
     "evidence": ["全面推进临时救助“全省通办”,明确救助范围、标准、异地协查方式、责任划分等"], "answer": "",
     "kind": "policy_rule", "region": "黑龙江省"},
    {"id": "u1", "question": "西藏牧区的取暖补贴一年发多少钱？", "doc": "", "evidence": [], "answer": "", "kind": "unanswerable",
     "region": "西藏自治区"},
]


def test_answer_evaluation_scores_citations_refusals_numbers_and_latency(agent_settings, tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in QUESTIONS), encoding="utf-8")
    results = run(path, settings=agent_settings)
    assert results["cited_evidence_rate"] == 1.0 and results["misses"] == []
    assert results["refusal_rate_unanswerable"] == 1.0 and results["false_refusal_rate"] == 0.0
    assert results["uncited_numbers"] == 0
    # the refused unanswerable question is counted under the mismatch that fired (西藏 has no documents)
    assert results["no_basis_kinds"] == {"answerable": {}, "unanswerable": {"region": 1}}
    assert 0 < results["latency_ms_p50"] <= results["latency_ms_p95"]
    assert results["_meta"] == {**results["_meta"], "questions": 3, "answerable": 2, "model": "offline"}
    text = table(results)
    assert "cited_evidence_rate" in text and "✘" not in text.split("latency_ms_p95")[0]

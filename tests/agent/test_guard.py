"""The citation guard on answers written by hand: markers, figures, no basis, regions, renumbering."""

from __future__ import annotations

from assistant.agent.guard import Guarded, StreamGuard, guard, split_sentences
from assistant.agent.ledger import Ledger, SearchOutcome
from indexer.models import Citation

STANDARD = "将农村低保保障保准由4500元提高至4800元,补差标准提高至255元、285元、400元;"
SINGLE = "将低保边缘家庭中的重病、重残、重点优抚对象等按“单人户”纳入低保,实行最长1年的低保“渐退期”;"


def ledger_with(*clauses: tuple[str, str, str], no_basis: bool = False) -> Ledger:
    ledger = Ledger()
    for chunk_id, text, region in clauses:
        ledger.add(Citation(doc_id="d.txt", title="t", chunk_id=chunk_id, quote=text[:10]), text, region,
                   "search_policy", no_basis=no_basis)
    ledger.searches.append(SearchOutcome("q", no_basis, "语料中没有上海市的政策文件" if no_basis else ""))
    return ledger


def test_figures_are_checked_in_any_spelling_and_unsupported_sentences_go():
    ledger = ledger_with(("c1", STANDARD, "河北省承德市丰宁满族自治县"))
    answer = "农村低保标准提高到4800元[1]。也就是0.48万元一年[1]。旧标准是四千五百元[1]。每月另有补助999元。"
    out = guard(answer, ledger, [])
    assert "4800元[1]" in out.answer and "0.48万元" in out.answer and "四千五百元" in out.answer
    assert "999" not in out.answer
    assert out.report.flagged_numbers == ["999"] and out.report.removed_sentences == ["每月另有补助999元。"]


def test_a_number_from_an_uncited_clause_does_not_count():
    ledger = ledger_with(("c1", STANDARD, ""), ("c2", SINGLE, ""))
    out = guard("渐退期最长1年。低保标准4800元[1]。", ledger, [])
    # 1 only occurs in clause 2, which the answer does not cite
    assert out.report.flagged_numbers == ["1"] and out.answer == "低保标准4800元[1]。"


def test_markers_outside_this_turn_are_dropped_and_the_rest_renumbered_in_order():
    ledger = ledger_with(("c1", STANDARD, ""), ("c2", SINGLE, ""))
    out = guard("可以按单人户纳入[2]。标准为4800元[1][7]。", ledger, [])
    assert out.answer == "可以按单人户纳入[1]。标准为4800元[2]。"
    assert [c.chunk_id for c in out.citations] == ["c2", "c1"]
    assert out.report.invalid_markers == [7]


def test_no_basis_answer_says_so_names_who_to_ask_and_cites_nothing():
    ledger = ledger_with(("c1", STANDARD, "河北省承德市丰宁满族自治县"), no_basis=True)
    out = guard("上海临时救助标准可参考：补差标准提高至255元[1]。", ledger, ["上海市"])
    assert out.no_basis and out.citations == []
    assert out.answer.startswith("政策文件中未找到依据") and "12345" in out.answer and "民政部门" in out.answer
    assert out.report.removed_sentences


def test_a_clause_from_another_region_is_named_as_such():
    ledger = ledger_with(("c2", SINGLE, "黑龙江省"), ("c1", STANDARD, "河北省承德市丰宁满族自治县"))
    out = guard("重残人员可按单人户纳入低保[1]。", ledger, ["内蒙古自治区"])
    assert "[1]出自黑龙江省的文件，不是所问地区（内蒙古自治区）的规定" in out.answer
    same = guard("标准为4800元[2]。", ledger, ["河北省"])  # 丰宁 is in 河北: no note
    assert "不是所问地区" not in same.answer


def test_quotes_stay_whole_when_splitting_sentences():
    assert split_sentences("依据：「甲。乙。」[1]。下一句。") == ["依据：「甲。乙。」[1]。", "下一句。"]


def screened(**household) -> Ledger:
    """A turn with a screening: the 丰宁 clause as its source, the household the user described."""
    ledger = ledger_with(("c1", STANDARD, "河北省承德市丰宁满族自治县"))
    ledger.household = {"members": [{"age": 72, "income_yearly": 1200}], **household}
    ledger.data.append('{"results": [{"title": "最低生活保障", "estimate": {"yearly": 3600, "monthly": 300}}]}')
    ledger.restated += ["（低保标准4800 − 人均可计收入1200）× 1人 = 3600 元/年；3600 ÷ 12 = 300 元/月",
                        "母亲（本人，72岁）是否需要长期有人照护？", "家庭情况有误：年龄应在0到150之间"]
    return ledger


def test_the_users_figures_may_only_be_restated_not_passed_off_as_policy():
    answer = (
        "**我理解的情况：**丰宁农村；母亲：72岁，年收入1200元。\n"
        "- 每月收入100元\n"
        "\n"
        "低保标准为1200元[1]。老人72岁可以享受。测算每月300元。"
    )
    out = guard(answer, screened(), [], stated="我妈72岁，每月收入100元")
    assert out.answer.startswith("**我理解的情况：**丰宁农村；母亲：72岁，年收入1200元。\n- 每月收入100元")
    assert "标准为1200元" not in out.answer and "老人72岁" not in out.answer and "测算每月300元。" in out.answer
    assert out.report.flagged_numbers == ["1200", "72"]


def test_a_cited_sentence_in_the_restatement_is_held_to_the_policy_evidence():
    out = guard("我理解的情况：年收入1200元。当地标准也是1200元[1]。", screened(), [])
    assert out.answer == "我理解的情况：年收入1200元。" and out.report.flagged_numbers == ["1200"]


def test_tool_texts_that_repeat_the_users_facts_stand_only_as_written():
    ledger = screened()
    kept = guard("测算：（低保标准4800 − 人均可计收入1200）× 1人 = 3600 元/年；3600 ÷ 12 = 300 元/月[1]。\n"
                 "- 母亲（本人，72岁）是否需要长期有人照护？\n家庭信息有误，请核对：家庭情况有误：年龄应在0到150之间",
                 ledger, [])
    assert kept.report.flagged_numbers == [] and "人均可计收入1200" in kept.answer and "0到150之间" in kept.answer
    # the same figures outside those texts are no evidence: an error message is not a source
    out = guard("年龄上限是150岁。收入按1200元计[1]。", ledger, [])
    assert out.report.flagged_numbers == ["150", "1200"] and out.answer.startswith("回答中的内容未能")


def test_a_quoted_attribute_line_or_heading_is_never_the_answer():
    duty = "责任领导:张三 责任股室:社会救助股 完成时限:5月底前"
    ledger = ledger_with(("c1", duty, "河北省承德市丰宁满族自治县"), ("c2", SINGLE, ""))
    out = guard(f"由社会救助股负责：「{duty}」[1]\n可以：「{SINGLE}」[2]", ledger, [])
    assert "责任领导" not in out.answer and "单人户" in out.answer
    assert out.report.removed_sentences and "责任领导" in out.report.removed_sentences[0]


def streamed(answer: str, ledger: Ledger, asked: list[str], stated: str = "", size: int = 1) -> tuple[list[str], Guarded]:
    checker = StreamGuard(ledger, asked, stated)
    shown = [checker.feed(answer[i:i + size]) for i in range(0, len(answer), size)]
    shown.append(checker.close())
    return shown, checker.result()


def test_an_answer_fed_piece_by_piece_is_guarded_exactly_as_the_whole_answer():
    cases = [
        ("农村低保标准提高到4800元[1]。也就是0.48万元一年[1]。旧标准是四千五百元[1]。每月另有补助999元。",
         ledger_with(("c1", STANDARD, "河北省承德市丰宁满族自治县")), [], ""),
        ("可以按单人户纳入[2, 1]。标准为4800元[1][7]。\n\n\n- 补差[9]\n- 255元[1]", ledger_with(("c1", STANDARD, ""),
                                                                        ("c2", SINGLE, "")), [], ""),
        ("上海临时救助标准可参考：补差标准提高至255元[1]。", ledger_with(("c1", STANDARD, "丰宁"), no_basis=True), ["上海市"], ""),
        ("重残人员可按单人户纳入低保[1]。", ledger_with(("c2", SINGLE, "黑龙江省")), ["内蒙古自治区"], ""),
        ("**我理解的情况：**丰宁农村；母亲：72岁，年收入1200元。\n- 每月收入100元\n\n低保标准为1200元[1]。老人72岁可以享受。"
         "测算每月300元。", screened(), [], "我妈72岁，每月收入100元"),
        ("测算：（低保标准4800 − 人均可计收入1200）× 1人 = 3600 元/年；3600 ÷ 12 = 300 元/月[1]。\n"
         "- 母亲（本人，72岁）是否需要长期有人照护？\n家庭信息有误，请核对：家庭情况有误：年龄应在0到150之间", screened(), [], ""),
    ]
    for answer, ledger, asked, stated in cases:
        whole = guard(answer, ledger, asked, stated=stated)
        for size in (1, 2, 7):
            shown, out = streamed(answer, ledger, asked, stated, size)
            assert "".join(shown) == out.answer == whole.answer, (answer, size)
            assert out.report == whole.report and out.citations == whole.citations


def test_a_sentence_is_shown_only_once_complete_and_checked():
    ledger = ledger_with(("c1", STANDARD, ""))
    checker = StreamGuard(ledger, [])
    assert checker.feed("标准提高到4800元") == "" and checker.pending == "标准提高到4800元"
    assert checker.feed("[1]。") == ""  # a marker or a closing quote may still follow the full stop
    assert checker.feed("每月另") == "标准提高到4800元[1]。" and checker.pending == "每月另"
    assert checker.feed("发999元。") == ""
    assert checker.close() == "" and checker.result().report.flagged_numbers == ["999"]


def test_a_verbatim_tool_text_is_never_cut_at_its_own_full_stop():
    ledger = screened()
    formula = ledger.restated[0]  # holds a '；' and the user's 1200
    checker = StreamGuard(ledger, [])
    half = formula.index("；") + 1
    assert checker.feed("测算：" + formula[:half] + "3") == ""  # could be the formula going on
    rest = checker.feed(formula[half + 1:] + "。下")
    assert rest == f"测算：{formula}。"


def test_a_restatement_shows_only_the_users_own_figures():
    from assistant.understanding.reader import read
    from assistant.understanding.view import summary

    ledger = ledger_with(("c1", STANDARD, "河北省承德市丰宁满族自治县"))
    ledger.state = read("广西有户脱贫户，家里有个六十多岁的老人", None).state
    ledger.understood = summary(ledger.state)
    assert "60多" in ledger.understood and "69" not in ledger.understood  # a range as said, not its bounds
    kept = guard(f"**我理解的情况：**{ledger.understood}", ledger, [])
    assert kept.report.flagged_numbers == [] and ledger.understood in kept.answer
    # a restatement holding a bound the reading derived is no verbatim text: its sentence is checked and goes
    ledger.understood = "地区：广西壮族自治区；老人（年龄60–69（范围））。"
    out = guard(f"**我理解的情况：**{ledger.understood}\n标准为4800元[1]。", ledger, [])
    assert out.report.flagged_numbers == ["69"] and "60–69" not in out.answer and "4800元[1]" in out.answer

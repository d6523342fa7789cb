"""Quiz builder figures (`python -m eval quiz [--json]`): items by type and fact kind, drop reasons,
what each topic can supply, re-validation of every item, and the time to generate a 20-item quiz."""

from __future__ import annotations

import statistics
from collections import Counter
from time import perf_counter

from assistant.quiz import FORMATS, export_quiz, make_quiz, topics
from assistant.quiz.facts import corpus_index
from assistant.quiz.validator import validate
from assistant.retrieval.search import Searcher
from indexer.settings import Settings, get_settings

BUDGET_S = 2.0
N_ITEMS = 20
SEEDS = (0, 1, 2, 3, 4)


def run(settings: Settings | None = None, n: int = N_ITEMS, seeds: tuple[int, ...] = SEEDS) -> dict:
    searcher = Searcher(settings or get_settings())
    start = perf_counter()
    searcher.chunks  # noqa: B018 - loading the index is the searcher's cost, not the quiz builder's
    load_s = perf_counter() - start

    # the first quiz also analyses the corpus (sentences, facts) once for this index generation
    start = perf_counter()
    quizzes = [make_quiz(None, n, seed=seeds[0], searcher=searcher)]
    cold_s = perf_counter() - start
    warm: list[float] = []
    for seed in seeds[1:]:
        start = perf_counter()
        quizzes.append(make_quiz(None, n, seed=seed, searcher=searcher))
        warm.append(perf_counter() - start)

    by_type: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    for quiz in quizzes:
        by_type.update(quiz.report.by_type)
        by_kind.update(quiz.report.by_kind)
        dropped.update(quiz.report.dropped)
    corpus = corpus_index(searcher.chunks)
    items = [item for quiz in quizzes for item in quiz.items]
    failing = [item.id for item in items if validate(item, corpus) is not None]

    per_topic = {}
    for name in topics():
        quiz = make_quiz(name, n, seed=seeds[0], searcher=searcher)
        per_topic[name] = {
            "generated": quiz.report.generated,
            "candidates": quiz.report.candidates,
            "dropped": quiz.report.dropped,
        }

    start = perf_counter()
    sizes = {fmt: len(export_quiz(quizzes[0], fmt).content) for fmt in FORMATS}
    export_s = perf_counter() - start
    return {
        "quizzes": len(quizzes),
        "items_per_quiz": n,
        "items": len(items),
        "by_type": dict(by_type),
        "by_kind": dict(by_kind),
        "dropped": dict(sorted(dropped.items())),
        "revalidation_failures": failing,
        "distinct_selections": len({tuple(i.id for i in q.items) for q in quizzes}),
        "per_topic": per_topic,
        "facts_in_corpus": dict(Counter(f.kind for f in corpus.facts)),
        "export_chars": sizes,
        "timing_s": {
            "index_load": round(load_s, 3),
            "first_quiz_with_corpus_analysis": round(cold_s, 3),
            "warm_quiz_median": round(statistics.median(warm), 3) if warm else None,
            "all_exports": round(export_s, 3),
        },
        "within_budget": cold_s <= BUDGET_S,
        "budget_s": BUDGET_S,
    }


def table(result: dict) -> str:
    t = result["timing_s"]
    lines = [
        f"{result['quizzes']} quizzes × {result['items_per_quiz']} items = {result['items']} items "
        f"({result['distinct_selections']} distinct selections)",
        f"by type: {result['by_type']}",
        f"by fact kind: {result['by_kind']}",
        f"dropped by the validator/builders: {result['dropped'] or 'none'}",
        f"re-validation failures: {len(result['revalidation_failures'])}",
        f"facts in corpus: {result['facts_in_corpus']}",
        "per topic (generated/candidates): "
        + "，".join(f"{k} {v['generated']}/{v['candidates']}" for k, v in result["per_topic"].items()),
        f"timing: index load {t['index_load']} s; first {result['items_per_quiz']}-item quiz "
        f"{t['first_quiz_with_corpus_analysis']} s (budget {result['budget_s']} s: "
        f"{'ok' if result['within_budget'] else 'OVER'}); warm median {t['warm_quiz_median']} s; "
        f"all exports {t['all_exports']} s",
    ]
    return "\n".join(lines)

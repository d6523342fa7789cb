"""Quiz builder figures (`python -m eval quiz [--json] [--n 20] [--sample PATH]`): items by type, fact kind,
Bloom level and difficulty; the share of case items in default mixed quizzes; training value and
per-document shares; answers leaked between items; re-validation of every item; the time to generate a
quiz in process and of `assistant quiz --n 20` from a cold shell. ``--sample`` also writes a 50-item
default quiz for an independent reviewer."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path
from time import perf_counter

from assistant.quiz import FORMATS, export_quiz, make_quiz, topics
from assistant.quiz.chunks import load_chunks
from assistant.quiz.corpus import norm, value_pattern
from assistant.quiz.facts import corpus_index
from assistant.quiz.validator import validate
from assistant.quiz.value import value_table
from indexer.settings import ROOT, Settings, get_settings

BUDGET_S = 2.0  # a quiz from a cold shell (issue 14)
APPLY_TARGET = 0.2  # share of case items in a default mixed quiz
N_ITEMS = 20
SEEDS = (0, 1, 2, 3, 4)
SAMPLE_N = 50


def run(settings: Settings | None = None, n: int = N_ITEMS, seeds: tuple[int, ...] = SEEDS,
        sample: Path | None = None, sample_seed: int = 0, sample_per_quiz: int = SAMPLE_N) -> dict:
    settings = settings or get_settings()
    start = perf_counter()
    chunks = load_chunks(settings)
    load_s = perf_counter() - start

    # the first quiz also analyses the corpus (sentences, facts) once
    start = perf_counter()
    quizzes = [make_quiz(None, n, seed=seeds[0], chunks=chunks, settings=settings)]
    cold_s = perf_counter() - start
    warm: list[float] = []
    for seed in seeds[1:]:
        start = perf_counter()
        quizzes.append(make_quiz(None, n, seed=seed, chunks=chunks, settings=settings))
        warm.append(perf_counter() - start)

    by: dict[str, Counter] = {k: Counter() for k in ("type", "kind", "bloom", "difficulty", "dropped")}
    for quiz in quizzes:
        r = quiz.report
        for name, counts in (("type", r.by_type), ("kind", r.by_kind), ("bloom", r.by_bloom),
                             ("difficulty", r.by_difficulty), ("dropped", r.dropped)):
            by[name].update(counts)
    corpus = corpus_index(chunks)
    items = [item for quiz in quizzes for item in quiz.items]
    clause_items = [i for i in items if i.case is None]
    failing = [item.id for item in items if validate(item, corpus) is not None]
    floor = value_table().floor

    mixed10 = [make_quiz(None, 10, seed=s, chunks=chunks, settings=settings) for s in seeds]
    apply_shares = [sum(i.bloom == "apply" for i in q.items) / len(q.items) for q in mixed10]

    per_topic = {}
    for name in topics():
        quiz = make_quiz(name, n, seed=seeds[0], chunks=chunks, settings=settings)
        per_topic[name] = {
            "generated": quiz.report.generated,
            "cases": quiz.report.by_kind.get("case", 0),
            "candidates": quiz.report.candidates,
        }

    start = perf_counter()
    sizes = {fmt: len(export_quiz(quizzes[0], fmt).content) for fmt in FORMATS}
    export_s = perf_counter() - start
    result = {
        "quizzes": len(quizzes),
        "items_per_quiz": n,
        "items": len(items),
        "by_type": dict(by["type"]),
        "by_kind": dict(by["kind"]),
        "by_bloom": dict(by["bloom"]),
        "by_difficulty": dict(by["difficulty"]),
        "dropped": dict(sorted(by["dropped"].items())),
        "revalidation_failures": failing,
        "distinct_selections": len({tuple(i.id for i in q.items) for q in quizzes}),
        "apply_share_default_10": {"min": round(min(apply_shares), 3), "mean": round(statistics.mean(apply_shares), 3),
                                   "target": APPLY_TARGET, "met": min(apply_shares) >= APPLY_TARGET},
        "clause_items_below_value_floor": sum(i.value < floor for i in clause_items),
        "clause_items_by_document": dict(Counter(i.citation.doc_id[:3] for i in clause_items)),
        "clause_items_by_value_cue": dict(Counter(
            "statistic/internal" if i.value < floor else "normative" for i in clause_items)),
        "leaks_between_items": sum(_leaks(q.items) for q in quizzes),
        "duplicate_facts_within_quizzes": sum(len(q.items) - len({i.fact_key for i in q.items}) for q in quizzes),
        "per_topic": per_topic,
        "facts_in_corpus": dict(Counter(f.kind for f in corpus.facts)),
        "facts_worth_asking": sum(f.weight >= floor for f in corpus.facts),
        "export_chars": sizes,
        "timing_s": {
            "chunks_load": round(load_s, 3),
            "first_quiz_with_corpus_analysis": round(cold_s, 3),
            "warm_quiz_median": round(statistics.median(warm), 3) if warm else None,
            "all_exports": round(export_s, 3),
            "cli_cold_shell": cli_seconds(settings),
        },
        "budget_s": BUDGET_S,
    }
    result["within_budget"] = result["timing_s"]["cli_cold_shell"]["median"] <= BUDGET_S
    if sample is not None:
        result["sample"] = write_sample(sample, chunks, settings, sample_seed, sample_per_quiz)
    return result


def _leaks(items) -> int:
    """Pairs where one stem prints another clause item's key (checked apart from the generator)."""
    count = 0
    for a in items:
        for b in items:
            if a is b or b.case is not None:
                continue
            keys = [k for k in b.values() if len(norm(k)) >= 2]
            # an amount in any writing of its unit: its number and the unit's first character
            keys += [m.group() for k in keys if (m := re.match(r"\d+(?:\.\d+)?\D", norm(k)))]
            count += any(value_pattern(k).search(norm(a.stem)) for k in keys)
    return count


def cli_seconds(settings: Settings, runs: int = 3) -> dict:
    """Wall time of `python -m assistant.cli quiz --n 20` in a fresh interpreter (imports included)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MZ_INDEX_DIR": str(settings.index_dir),
           "MZ_CORPUS_DIR": str(settings.corpus_dir)}
    times = []
    for _ in range(runs):
        start = perf_counter()
        subprocess.run([sys.executable, "-m", "assistant.cli", "quiz", "--n", "20"], env=env, check=True,
                       capture_output=True, cwd=ROOT)
        times.append(perf_counter() - start)
    return {"median": round(statistics.median(times), 3), "max": round(max(times), 3), "runs": runs}


def write_sample(path: Path, chunks, settings: Settings, seed: int = 0, per_quiz: int = SAMPLE_N) -> dict:
    """A 50-item sample of default mixed quizzes as JSON, for a review done apart from the generator.

    With ``per_quiz`` below 50 it is the union of several default quizzes one trainer builds in turn
    (seeds ``seed``, ``seed + 1``, …): each quiz excludes what the trainer's stored history says their
    earlier quizzes asked (facts and sentences), and no stem prints an earlier item's key."""
    import tempfile

    from assistant.quiz.history import QuizHistory
    from assistant.quiz.models import Quiz

    owner = "sample-trainer"
    items, quizzes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        history = QuizHistory(f"sqlite:///{Path(tmp) / 'history.db'}")
        while len(items) < SAMPLE_N and len(quizzes) < 2 * SAMPLE_N:
            quiz = make_quiz(None, per_quiz, seed=seed + len(quizzes), chunks=chunks, settings=settings,
                             exclude_facts=sorted(history.asked(owner)), earlier=items)
            quizzes.append(quiz)
            if not quiz.items:
                break
            history.record(owner, quiz.items)
            items += quiz.items[: SAMPLE_N - len(items)]
        history.engine.dispose()
    first = quizzes[0]
    report = first.report.model_copy(update={
        "requested": SAMPLE_N,
        "generated": len(items),
        "by_type": dict(Counter(i.type for i in items)),
        "by_kind": dict(Counter(i.fact_kind for i in items)),
        "by_bloom": dict(Counter(i.bloom for i in items)),
        "by_difficulty": dict(Counter(i.difficulty for i in items)),
        "notes": ([f"本样卷为同一培训者依次生成的 {len(quizzes)} 份默认综合测验（每份 {per_quiz} 题，随机种子 "
                   f"{seed}–{seed + len(quizzes) - 1}）的合集：每份按历史记录排除此前已考的事实和句子"]
                  if len(quizzes) > 1 else []) + [note for q in quizzes for note in q.report.notes],
    })
    union = Quiz(title=first.title, items=items, report=report)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(export_quiz(union, "json").content, encoding="utf-8")
    return {"path": str(path), "seed": seed, "quizzes": len(quizzes), "per_quiz": per_quiz,
            "requested": SAMPLE_N, "items": len(items), "case_items": sum(i.case is not None for i in items),
            "by_type": report.by_type, "notes": report.notes}


def table(result: dict) -> str:
    t = result["timing_s"]
    a = result["apply_share_default_10"]
    lines = [
        f"{result['quizzes']} quizzes × {result['items_per_quiz']} items = {result['items']} items "
        f"({result['distinct_selections']} distinct selections)",
        f"by type: {result['by_type']}",
        f"by fact kind: {result['by_kind']}",
        f"by Bloom level: {result['by_bloom']}; by difficulty: {result['by_difficulty']}",
        f"case (apply) share in default 10-item quizzes: min {a['min']}, mean {a['mean']} "
        f"(target ≥ {a['target']}: {'ok' if a['met'] else 'MISSED'})",
        f"clause items below the value floor: {result['clause_items_below_value_floor']}; "
        f"by document: {result['clause_items_by_document']}",
        f"answers leaked between items: {result['leaks_between_items']}; duplicate facts within quizzes: "
        f"{result['duplicate_facts_within_quizzes']}",
        f"dropped by the validator/builders: {result['dropped'] or 'none'}",
        f"re-validation failures: {len(result['revalidation_failures'])}",
        f"facts in corpus: {result['facts_in_corpus']} ({result['facts_worth_asking']} worth asking)",
        "per topic (generated/cases/candidates): "
        + "，".join(f"{k} {v['generated']}/{v['cases']}/{v['candidates']}" for k, v in result["per_topic"].items()),
        f"timing: chunks {t['chunks_load']} s; first {result['items_per_quiz']}-item quiz "
        f"{t['first_quiz_with_corpus_analysis']} s; warm median {t['warm_quiz_median']} s; all exports "
        f"{t['all_exports']} s; `assistant quiz --n 20` cold shell median {t['cli_cold_shell']['median']} s "
        f"(max {t['cli_cold_shell']['max']}; budget {result['budget_s']} s: "
        f"{'ok' if result['within_budget'] else 'OVER'})",
    ]
    if "sample" in result:
        sm = result["sample"]
        lines.append(f"sample (seed {sm['seed']}): {sm['items']} of {sm['requested']} items, {sm['case_items']} case items,"
                     f" written to {sm['path']}" + (f" — {'；'.join(sm['notes'])}" if sm["notes"] else ""))
    return "\n".join(lines)

"""make_quiz: choose facts, build items of the requested types, validate each, report what was dropped."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from random import Random
from typing import TYPE_CHECKING

from indexer.models import Chunk
from indexer.regions import gazetteer
from indexer.settings import Settings, get_settings

from .builders import BuildError, build_item, supports
from .cases import (
    MAX_PER_STANDARD,
    Candidate,
    case_candidates,
    case_table,
    near_identical,
    standard_of,
    template_of,
)
from .chunks import load_chunks
from .corpus import CorpusIndex, norm
from .facts import Fact, corpus_index
from .models import DIFFICULTIES, ITEM_TYPES, Quiz, QuizItem, QuizReport
from .rephrase import Rephraser, llm_rephraser, model_errors, rephrase_item
from .validator import leaks, validate
from .value import value_table
from .vocab import canonical, resolve_topic, topic_names

if TYPE_CHECKING:
    from assistant.retrieval.search import Searcher

MAX_ITEMS = 100


def make_quiz(
    topic: str | None = None,
    n: int = 10,
    types: list[str] | None = None,
    seed: int = 0,
    region: str | None = None,
    doc_id: str | None = None,
    clause_ids: list[str] | None = None,
    searcher: Searcher | None = None,
    settings: Settings | None = None,
    rephraser: Rephraser | None = None,
    chunks: list[Chunk] | None = None,
    apply_share: float | None = None,
    difficulty_mix: dict[str, float] | None = None,
    exclude_facts: list[str] | None = None,
    earlier: list[QuizItem] | None = None,
) -> Quiz:
    """A quiz of up to ``n`` validated items from the indexed clauses; the same arguments and seed give
    the same quiz. ``topic`` is a topic name or alias, or several separated by commas or “、”.
    Raises ValueError for an unknown topic, type, region, document or clause id.

    The clauses are ``chunks``, else those of ``searcher`` (an ``assistant.retrieval.search.Searcher``),
    else read by ``chunks.load_chunks`` without the search stack;
    ``rephraser`` rewrites stems (default: the configured LLM when ``settings.llm_base_url`` is set).

    ``apply_share``: share of case items the rules engine screens (default: cases.yaml's share in a
    default mixed quiz, that is without ``types``; none when types are named); ``difficulty_mix``: wanted shares of easy/medium/hard; ``exclude_facts``: the
    ``fact_key`` (and sentence marks) of items a trainer already has (no fact is asked twice across
    their quizzes); ``earlier``: items of the trainer's earlier quizzes set beside this one, whose keys
    no new stem may print (and whose stems print no new key)."""
    if not 1 <= n <= MAX_ITEMS:
        raise ValueError(f"题量应在 1–{MAX_ITEMS} 之间")
    topic = resolve_topic(topic)
    mixed = not types  # a default mixed quiz: every type, and case items at the default share
    types = _types(types)
    settings = settings or (searcher.settings if searcher else get_settings())
    if chunks is None:
        chunks = searcher.chunks if searcher is not None else load_chunks(settings)
    if rephraser is None:
        rephraser = llm_rephraser(settings)
    corpus = corpus_index(chunks)
    facts = select_facts(corpus, topic, region, doc_id, clause_ids)
    mix = _mix(difficulty_mix)
    # case items may make up for too few clause facts unless the trainer asked for none
    may_fill = apply_share is None or apply_share > 0
    series = apply_share is None  # the default mix shares clause facts over a trainer's series of quizzes
    if apply_share is None:
        apply_share = case_table().default_share if mixed else 0.0
    if not 0 <= apply_share <= 1:
        raise ValueError("应用题比例应在 0–1 之间")
    report = QuizReport(
        requested=n,
        generated=0,
        types=types,
        topic=topic,
        region=region,
        doc_id=doc_id,
        seed=seed,
        llm_used=rephraser is not None,
    )
    used = set(exclude_facts or ())
    n_cases = round(n * apply_share)
    cases = []
    pool: list[Candidate] = []
    allowed: set[str] = set()
    if may_fill:
        pool = [
            c
            for c in case_candidates(Random(seed), set(topic_names(topic)) or None, _wanted_regions(region) or None, settings)
            if c.item_type in types
        ]
        allowed = {c.chunk_id for c in chunks if (not doc_id or c.doc_id == doc_id) and (not clause_ids or c.chunk_id in clause_ids)}
        if n_cases:
            cases = _pick_cases(pool, n_cases, used, corpus, report, settings, allowed, mix=mix, shown=earlier)
    # facts below the value floor fill a quiz only where case items cannot (the trainer asked for none,
    # or none fits the selection); facts of no value (labels, counts, internal assignments) never do
    pad = not pool
    # a trainer asking for case items only (share 1) gets no clause items in their place
    rest = 0 if apply_share >= 1 else n - len(cases)
    if mixed and series and pool:
        rest = min(rest, _series_quota(facts, used, n))
    items = cases + _generate(facts, types, rest, seed, corpus, rephraser, report, used, mix, cases, pad, earlier)
    if len(items) < n and pool:
        # too few clause facts worth asking: more case items instead
        more = _pick_cases(pool, n - len(items), used, corpus, report, settings, allowed, items, note=False, mix=mix,
                           shown=earlier)
        items = cases + more + items[len(cases):]
    report.generated = len(items)
    report.by_type = dict(Counter(i.type for i in items))
    report.by_kind = dict(Counter(i.fact_kind for i in items))
    report.by_bloom = dict(Counter(i.bloom for i in items))
    report.by_difficulty = dict(Counter(i.difficulty for i in items))
    if len(items) < n:
        report.notes.append(f"只生成了 {len(items)} 道合格题目：所选范围内可出题的条款事实不足")
    return Quiz(title=_title(topic, region), items=items, report=report)


def _types(types: list[str] | None) -> list[str]:
    if not types:
        return list(ITEM_TYPES)
    unknown = [t for t in types if t not in ITEM_TYPES]
    if unknown:
        raise ValueError(f"未知题型：{'、'.join(unknown)}（可选 {', '.join(ITEM_TYPES)}）")
    return list(dict.fromkeys(types))


def select_facts(
    corpus: CorpusIndex,
    topic: str | None = None,
    region: str | None = None,
    doc_id: str | None = None,
    clause_ids: list[str] | None = None,
) -> list[Fact]:
    if clause_ids:
        unknown = [c for c in clause_ids if c not in corpus.by_id]
        if unknown:
            raise ValueError(f"未知条款编号：{'、'.join(unknown[:5])}")
    if doc_id and not any(c.doc_id == doc_id for c in corpus.chunks):
        raise ValueError(f"未知文件：{doc_id}")
    wanted = _wanted_regions(region)
    ids = set(clause_ids or ())
    wanted_topics = set(topic_names(topic))
    return [
        f
        for f in corpus.facts
        if (not ids or f.chunk_id in ids)
        and (not doc_id or f.doc_id == doc_id)
        and (not wanted_topics or wanted_topics & set(f.topics))
        and (not wanted or _in_region(corpus.by_id[f.chunk_id].region, wanted))
    ]


def _series_quota(facts: list[Fact], used: set[str], n: int) -> int:
    """Clause items an ``n``-item quiz of a trainer's series may take: its share of the sentences worth
    asking that the trainer's quizzes have not asked yet (value.yaml series_items); case items fill the rest."""
    table = value_table()
    # one item per sentence: a sentence asked once (its mark in the history) is used up with all its facts
    left = {
        mark
        for f in facts
        if f.weight >= table.floor and f.key not in used and (mark := _sentence_mark(f)) not in used
    }
    return max(1, len(left) * n // table.series_items)


def _sentence_mark(fact: Fact) -> str:
    return f"sentence|{fact.chunk_id}|{fact.s_start}"


def _wanted_regions(region: str | None) -> list[str]:
    if not region:
        return []
    g = gazetteer()
    wanted = g.find(region) or ([g.canonical(region)] if g.canonical(region) else [])
    if not wanted:
        raise ValueError(f"未知地区：{region}")
    return wanted


def _mix(mix: dict[str, float] | None) -> dict[str, float] | None:
    if not mix:
        return None
    unknown = [k for k in mix if k not in DIFFICULTIES]
    if unknown or any(v < 0 for v in mix.values()) or not sum(mix.values()):
        raise ValueError(f"难度比例应为 {', '.join(DIFFICULTIES)} 的非负份额")
    total = sum(mix.values())
    return {k: mix.get(k, 0) / total for k in DIFFICULTIES}


def _pick_cases(
    pool: list[Candidate],
    k: int,
    used: set[str],
    corpus: CorpusIndex,
    report: QuizReport,
    settings: Settings,
    allowed: set[str],
    before: list[QuizItem] = (),
    note: bool = True,
    mix: dict[str, float] | None = None,
    shown: list[QuizItem] | None = None,
) -> list[QuizItem]:
    """Up to ``k`` case items, the least used program first, each screened and then re-validated; a
    case whose clause lies outside the selection, whose fact is taken, that nearly repeats a case of
    the quiz or would be a third case on one standard, is passed over."""
    chosen: list[QuizItem] = []
    others = [i for i in before if i.case is not None]
    # the least asked program first, counting the trainer's earlier quizzes set beside this one
    programs: Counter[str] = Counter(i.case.program for i in [*others, *(shown or ())] if i.case is not None)
    # true/false keys already in the quiz count towards the balance (正确 = a met case)
    outcomes: Counter[tuple[str, bool]] = Counter(("tf", i.answer == [0]) for i in before if i.type == "tf")
    levels: Counter[str] = Counter()
    quota = {level: math.ceil(k * share) for level, share in mix.items()} if mix else None
    standards: Counter[str] = Counter(standard_of(i) for i in others)
    spare: list[QuizItem] = []
    remaining = [c for c in pool if not any(near_identical(c.household, i.case.household) for i in others)]
    # households of a template the trainer's earlier quizzes used go last: a series varies its households
    earlier = {template_of(i.case.household) for i in shown or () if i.case is not None}
    # (weighed as two more uses of its program, so the program balance still holds)
    repeats = {id(c) for c in remaining if earlier and template_of(c.household) in earlier}

    def load(c: Candidate) -> int:
        return programs[c.program] + 2 * (id(c) in repeats)

    while remaining and len(chosen) < k:
        fewest = min(load(c) for c in remaining)
        candidate = next(c for c in remaining if load(c) == fewest)
        remaining.remove(candidate)
        item = candidate.item(settings)
        if item is None or item.citation.chunk_id not in allowed:
            continue
        if item.fact_key in used:
            report.skipped_duplicates += 1
            continue
        taken = [*others, *chosen, *spare]
        if standards[standard_of(item)] >= MAX_PER_STANDARD or any(
            near_identical(item.case.household, i.case.household) for i in taken
        ):
            report.skipped_duplicates += 1
            continue
        report.examined += 1
        # a case added after the clause items must not print one of their keys (an income of 4800元)
        reason = validate(item, corpus) or leaks(item, [*(shown or ()), *before, *chosen, *spare])
        if reason:
            report.dropped[reason] = report.dropped.get(reason, 0) + 1
            continue
        # keys in balance per item type (符合/不符合, 正确/错误), so the key is no pattern
        met = item.case.program != "programs" and item.case.options[item.answer[0]].claim == "meets"
        outcome, other = (item.type, met), (item.type, not met)
        standards[standard_of(item)] += 1
        if outcomes[outcome] > outcomes[other] or (quota and levels[item.difficulty] >= quota[item.difficulty]):
            spare.append(item)  # kept for later when the balance or the difficulty mix has no better item
            continue
        levels[item.difficulty] += 1
        used.add(item.fact_key)
        programs[item.case.program] += 1
        outcomes[outcome] += 1
        chosen.append(item)
    for item in spare:
        met = item.case.program != "programs" and item.case.options[item.answer[0]].claim == "meets"
        # a true/false key never runs more than one ahead of the other (“正确” all through is a pattern)
        balanced = item.type != "tf" or outcomes[("tf", met)] <= outcomes[("tf", not met)]
        if len(chosen) < k and item.fact_key not in used and balanced:
            used.add(item.fact_key)
            outcomes[(item.type, met)] += 1
            chosen.append(item)
        else:
            report.set_aside += 1
    if len(chosen) < k and note:
        report.notes.append(f"案例题只有 {len(chosen)} 道（所选主题或地区内规则引擎可判定的案例不足），其余为条款题")
    return chosen


def _in_region(chunk_region: str, wanted: list[str]) -> bool:
    g = gazetteer()
    regions = [chunk_region] if chunk_region in g.by_name else g.find(chunk_region)
    return any(g.related(r, w) for r in regions for w in wanted)


def _generate(
    facts: list[Fact],
    types: list[str],
    n: int,
    seed: int,
    corpus: CorpusIndex,
    rephraser: Rephraser | None,
    report: QuizReport,
    used: set[str],
    mix: dict[str, float] | None = None,
    before: list[QuizItem] = (),
    pad: bool = False,
    shown: list[QuizItem] | None = None,
) -> list[QuizItem]:
    """Round-robin over the requested types; within a type, facts in a seeded order that favours
    training value (weighted sampling without replacement). A first pass takes only facts worth asking
    (value floor), keeps every document within its share and the difficulty mix; a second pass fills
    what is left (items set aside for the mix first): with facts above the floor from any document,
    and, when ``pad``, with facts below it that still have some value."""
    rng = Random(seed)
    queues: dict[str, list[Fact]] = {}
    for t in types:
        candidates = [f for f in facts if supports(f, t)]
        report.candidates += len(candidates)
        queues[t] = sorted(candidates, key=lambda f: -(rng.random() ** (1.0 / max(f.weight, 1e-6))))
    table = value_table()
    share = max(1, math.ceil(n * table.document_share))
    total = n + len(before)
    quota = {k: math.ceil(total * v) for k, v in mix.items()} if mix else None
    levels: Counter[str] = Counter(i.difficulty for i in before)
    kinds: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    dropped: Counter[str] = Counter(report.dropped)
    items: list[QuizItem] = []
    spare: list[QuizItem] = []
    strict = lambda f: f.weight >= table.floor and docs[f.doc_id] < share  # noqa: E731

    def take(item: QuizItem) -> None:
        items.append(item)
        docs[item.citation.doc_id] += 1
        levels[item.difficulty] += 1
        kinds[item.fact_kind] += 1
        used.add(item.fact_key)

    # the second pass relaxes the document share; the value floor only when ``pad``: a default quiz is
    # rather filled with case items or left short (with a note) than padded with trivia
    relaxed = (lambda f: f.weight > 0) if pad else (lambda f: f.weight >= table.floor)  # noqa: E731
    for allow in (strict, relaxed):
        if allow is not strict:
            for item in spare:
                if len(items) < n and not leaks(item, [*(shown or ()), *before, *items]):
                    take(item)
                else:
                    report.set_aside += 1
            spare = []
        # the scarcest type picks first, so a fact that only it can use is not taken by another type
        active = sorted((t for t in types if queues[t]), key=lambda t: len(queues[t]))
        while len(items) < n and active:
            for t in list(active):
                if len(items) >= n:
                    break
                item = _next_item(queues[t], t, seed, corpus, rephraser, used, kinds, dropped, report, allow,
                                  [*(shown or ()), *before, *items, *spare])
                if item is None:
                    active.remove(t)
                elif allow is strict and quota is not None and levels[item.difficulty] >= quota[item.difficulty]:
                    spare.append(item)
                    used.add(item.fact_key)
                else:
                    take(item)
        if len(items) >= n:
            break
    report.set_aside += len(spare)
    low = sum(1 for i in items if i.value < table.floor)
    if low:
        report.notes.append(f"其中 {low} 题培训价值较低（统计数字或内部分工），所选范围内更有价值的条款事实不足")
    report.dropped = dict(sorted(dropped.items()))
    return items


def _next_item(
    queue: list[Fact],
    item_type: str,
    seed: int,
    corpus: CorpusIndex,
    rephraser: Rephraser | None,
    used: set[str],
    kinds: Counter,
    dropped: Counter,
    report: QuizReport,
    allow=lambda f: True,
    items: list[QuizItem] = (),
) -> QuizItem | None:
    table = value_table()
    while True:
        at = _least_used_kind(queue, kinds, allow)
        if at is None:
            return None
        fact = queue.pop(at)
        marks = _marks(fact)
        if marks & used:
            report.skipped_duplicates += 1
            continue
        report.examined += 1
        # a per-item generator: one dropped candidate does not reshuffle every later item
        rng = Random(f"{seed}|{fact.key}|{item_type}")
        truth = _tf_truth(items) if item_type == "tf" else None
        if truth and not allow(replace(fact, weight=fact.weight * table.form_factor("tf", True))):
            truth = False  # the clause stated as written is worth too little here: a safe swap or nothing
        try:
            item = build_item(fact, item_type, corpus, rng, truth)
        except BuildError as error:
            if truth is not False or error.reason != "too_few_distractors" or _tf_lead(items) > 0:
                dropped[error.reason] += 1
                continue
            # no safe swap for this fact: stated as written, while true ones stay at most one ahead
            item = build_item(fact, item_type, corpus, Random(f"{seed}|{fact.key}|{item_type}"), True)
        if not allow(replace(fact, weight=item.value)):
            dropped["as_written_low_value"] += 1  # its form (the clause as written) took it below the floor
            continue
        reason = leaks(item, items)  # before the model is asked to rephrase an item that cannot be used
        if rephraser is not None and not report.llm_errors and not reason:
            item = _rephrased(item, rephraser, corpus, report)
        reason = reason or validate(item, corpus) or leaks(item, items)
        if reason:
            dropped[reason] += 1
            continue
        used |= marks
        return item.model_copy(update={"marks": sorted(marks - {item.fact_key})})


def _tf_lead(items: list[QuizItem]) -> int:
    """How many more true than false true/false items ``items`` hold."""
    answers = [i.answer == [1] for i in items if i.type == "tf"]
    return answers.count(False) - answers.count(True)


def _tf_truth(items: list[QuizItem]) -> bool:
    """Whether the next true/false item states the clause as written: false ones until they are as many
    as true ones, so a quiz's key is never all 正确."""
    return _tf_lead(items) < 0


def _rephrased(item: QuizItem, rephraser: Rephraser, corpus: CorpusIndex, report: QuizReport) -> QuizItem:
    """The model's rewrite of the item when it passes the validator, else the item as built.

    A failed model call (after the client's own retries) is recorded in the report and ends
    rephrasing for this quiz, so an unreachable model costs one call, not one per item.
    Any other exception is a bug and propagates."""
    try:
        rephrased = rephrase_item(item, rephraser)
    # model_errors() is evaluated only when something was raised: without a failure the model
    # client is never imported
    except model_errors() as error:
        report.llm_errors.append(f"题目 {item.id}：{type(error).__name__}: {error}")
        report.notes.append(f"模型改写调用失败（{type(error).__name__}），其余题目不再改写，保留原题干")
        return item
    if rephrased is not None and validate(rephrased, corpus) is None:
        return rephrased
    report.notes.append(f"题目 {item.id} 的改写未通过校验，保留原题干")
    return item


def _least_used_kind(queue: list[Fact], kinds: Counter, allow) -> int | None:
    """Position of the next allowed fact (in the seeded order) whose kind is at most one item ahead of
    the least used kind, so one quiz mixes amounts, mechanisms, programs and lists instead of following
    the corpus's proportions; None when no fact is allowed."""
    allowed = [i for i, f in enumerate(queue) if allow(f)]
    if not allowed:
        return None
    fewest = min(kinds[queue[i].kind] for i in allowed)
    return next(i for i in allowed if kinds[queue[i].kind] <= fewest + 1)


def _marks(fact: Fact) -> set[str]:
    """What one item uses up: its fact, its sentence, and the value it asks for within a document."""
    marks = {fact.key, _sentence_mark(fact)}
    if fact.kind in ("term", "program"):
        # a named mechanism or program is the same fact in any document and under any of its synonyms
        marks.add(f"value|{norm(canonical(fact.value))}")
    elif not fact.scoped and fact.kind != "region":
        marks.add(f"value|{fact.doc_id}|{norm(fact.value)}")
    return marks


def _title(topic: str | None, region: str | None) -> str:
    parts = ["民政社会救助政策测验", topic or "综合"]
    if region:
        parts.append(region)
    return " · ".join(parts)

"""Every item checked against its clause and the whole corpus before it reaches a trainer.

An item passes when its citation quotes the clause, its answer is what that clause says, no wrong
option is what some clause says in the same context, and its stem still rests on the clause."""

from __future__ import annotations

import re

from indexer.regions import gazetteer

from .corpus import CorpusIndex, content_words, context_of, norm, strip_lead, value_pattern
from .models import BLANK, FILL_BLANK, TF_OPTIONS, QuizItem
from .vocab import synonymous

GROUNDED = 0.6  # share of a stem's content words that must come from the clause, its headings or title
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def validate(item: QuizItem, corpus: CorpusIndex, edited: bool = False) -> str | None:
    """The reason to drop ``item``, or None when it passes. ``edited``: a trainer rewrote the stem,
    so only the answer key, the options and the citation are checked."""
    chunk = corpus.by_id.get(item.citation.chunk_id)
    if chunk is None:
        return "citation_missing"
    quote = item.citation.quote
    if not quote or quote not in chunk.text:
        return "quote_not_in_clause"
    if not item.key:
        return "malformed"
    if item.case is not None:
        return _case(item)
    if not item.values():
        return "malformed"
    for key in item.values():
        if item.fact_kind == "region":
            region = corpus.regions.get(chunk.chunk_id)
            if not region or not gazetteer().related(key, region):
                return "key_not_in_clause"
        elif not value_pattern(key).search(norm(quote)):
            return "key_not_in_clause"
    reason = _shape(item)
    if reason:
        return reason
    if any(norm(d) == norm(k) or synonymous(d, k) for d in item.distractors for k in item.values()):
        return "distractor_is_answer"
    ctx = context_of(item.cloze, chunk.doc_id, item.scope)
    statement = strip_lead(item.cloze).replace(BLANK, "")
    for d in item.distractors:
        if item.fact_kind == "region":
            supported = gazetteer().related(d, item.values()[0]) or corpus.region_supported(d, statement)
        else:
            supported = corpus.supported(d, ctx)
        if supported:
            return "distractor_supported"
    return None if edited else _stem(item, corpus)


def _shape(item: QuizItem) -> str | None:
    options = [norm(o) for o in item.options]
    if len(set(options)) != len(options):
        return "duplicate_options"
    keys = {norm(k) for k in item.key}
    if item.type == "single":
        ok = len(options) >= 3 and len(item.answer) == 1 and {options[item.answer[0]]} == keys
    elif item.type == "multiple":
        ok = len(options) >= 4 and len(item.answer) >= 2 and {options[i] for i in item.answer} == keys
    elif item.type == "tf":
        ok = (
            item.options == TF_OPTIONS
            and item.answer in ([0], [1])
            and item.key == [TF_OPTIONS[item.answer[0]]]
            and len(item.distractors) == item.answer[0]
        )
    else:
        ok = bool(item.accepted) and keys <= {norm(a) for a in item.accepted}
    if item.type in ("single", "multiple"):
        ok = ok and all(norm(d) in options for d in item.distractors)
    return None if ok else "malformed"


def _stem(item: QuizItem, corpus: CorpusIndex) -> str | None:
    chunk = corpus.by_id[item.citation.chunk_id]
    stem = strip_lead(item.stem)
    if item.type in ("single", "multiple", "fill"):
        marker = FILL_BLANK if item.type == "fill" else BLANK
        if stem.count(marker) != 1:
            return "blank_missing"
        if _mentions(stem.replace(marker, ""), item.values(), item.fact_kind):
            return "key_in_stem"
    else:
        shown = item.distractors if item.answer == [1] else item.values()
        if not _mentions(stem, shown, item.fact_kind) or (
            item.answer == [1] and _mentions(stem, item.values(), item.fact_kind)
        ):
            return "tf_statement_mismatch"
    headings = list(chunk.heading_path)
    if item.scope:
        # a responsibility line closes the task named by the clause before it
        previous = corpus.previous(chunk)
        headings += previous.heading_path if previous else []
    source = " ".join([chunk.text, chunk.title, *headings])
    source_words = content_words(source)
    for text in {item.cloze.replace(BLANK, " "), stem.replace(BLANK, " ").replace(FILL_BLANK, " ")}:
        words = content_words(strip_lead(text))
        if words and len(words & source_words) / len(words) < GROUNDED:
            return "stem_not_grounded"
    allowed = set(_NUMBER.findall(norm(" ".join([source, *item.values(), *item.distractors]))))
    if not set(_NUMBER.findall(norm(stem))) <= allowed:
        return "stem_number_not_in_clause"
    return None


def _mentions(text: str, values: list[str], kind: str) -> bool:
    if kind == "region":
        g = gazetteer()
        return any(v in text or (v in g.by_name and g.by_name[v].short in text) for v in values)
    t = norm(text)
    return any(value_pattern(v).search(t) for v in values)


def _case(item: QuizItem) -> str | None:
    """A case item holds when a fresh screening of its household agrees with its key, every wrong option
    disagrees, and its citation is a clause the engine's result rests on."""
    from .cases import consistent
    from .screening import screen

    case = item.case
    texts = [o.text for o in case.options]
    if texts != item.options or item.key != [item.options[i] for i in item.answer]:
        return "malformed"
    if case.program == "programs":
        return _programs_case(item)
    if len(item.answer) != 1:
        return "malformed"
    try:
        result = screen(case.household, case.program)
    except ValueError:
        return "case_not_screenable"
    if result.status == "needs_info" and not any(o.claim == "needs_info" for o in case.options):
        return "case_not_decided"  # an item that does not offer "ask first" cannot be keyed on an open case
    right = [i for i, o in enumerate(case.options) if consistent(o, result)]
    if right != item.answer:
        return "case_key_disagrees"
    if item.citation.chunk_id not in {b.chunk_id for c in result.conditions for b in c.basis}:
        return "case_citation_not_a_basis"
    return None


def _programs_case(item: QuizItem) -> str | None:
    """A “which programs” item: each option's program screened again; the key is exactly those met."""
    from .screening import screen

    try:
        results = [screen(item.case.household, o.program or "") for o in item.case.options]
    except ValueError:
        return "case_not_screenable"
    if any(r.status == "needs_info" for r in results):
        return "case_not_decided"
    if [i for i, r in enumerate(results) if r.status == "meets"] != item.answer or len(item.answer) < 2:
        return "case_key_disagrees"
    if item.citation.chunk_id not in {b.chunk_id for r in results for c in r.conditions for b in c.basis}:
        return "case_citation_not_a_basis"
    return None


_AMOUNT_HEAD = re.compile(r"\d+(?:\.\d+)?\D")  # a number and the first character of its unit


def leaks(item: QuizItem, others: list[QuizItem]) -> str | None:
    """"leaks_answer" when ``item``'s stem prints another item's key or another stem prints its key."""
    mine = norm(item.stem)
    for other in others:
        theirs = norm(other.stem)
        if _prints(mine, other) or _prints(theirs, item):
            return "leaks_answer"
    return None


def _prints(stem: str, item: QuizItem) -> bool:
    if item.case is not None:
        return False  # a case's key is a reading of the engine's result, not a phrase
    keys = [k for k in item.values() if len(norm(k)) >= 2]
    if item.fact_kind == "region":
        g = gazetteer()
        keys += [g.by_name[k].short for k in keys if k in g.by_name]
    # an amount leaks in any writing of its unit (4220元/年 printed as 4220元/人·年 in a case's stem)
    keys += [m.group() for k in keys if (m := _AMOUNT_HEAD.match(norm(k)))]
    return any(value_pattern(k).search(stem) for k in keys)

"""Items of the four types from one fact: grammatical stems built from the clause sentence (or the
task a responsibility line belongs to), options, answer key, one-sentence explanation, citation."""

from __future__ import annotations

import hashlib
import re
from random import Random

from indexer.models import Chunk, Citation
from indexer.numerals import int_to_cjk
from indexer.regions import gazetteer

from . import distractors
from .corpus import CorpusIndex, context_of, strip_lead
from .difficulty import closeness, estimate, paraphrase_distance
from .facts import ENUM, Fact
from .models import BLANK, FILL_BLANK, TF_OPTIONS, QuizItem
from .sources import source_name, year_note
from .value import value_table
from .vocab import synonym_groups, vocab

SUPPORTS: dict[str, tuple[str, ...]] = {
    "amount": ("single", "tf", "fill"),
    "deadline": ("single", "tf", "fill"),
    "department": ("single", "multiple", "tf", "fill"),
    # a blank for a name is ambiguous: another program or mechanism often fits it as well
    "term": ("single", "tf"),
    "program": ("single", "tf"),
    "list": ("multiple", "tf"),
    "region": ("single", "tf", "fill"),
}
QUOTE_LIMIT = 150  # characters of a sentence quoted whole in a citation
UNDERSTAND_DISTANCE = 0.3  # share of a stem's wording not taken from its clause
_ASCII_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"})


class BuildError(Exception):
    """The fact cannot make this item; ``reason`` is counted in the quiz report."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def supports(fact: Fact, item_type: str) -> bool:
    if item_type == "multiple" and len(fact.values) < 2:
        return False
    return item_type in SUPPORTS[fact.kind]


def build_item(fact: Fact, item_type: str, corpus: CorpusIndex, rng: Random, truth: bool | None = None) -> QuizItem:
    """``truth``: for a true/false item, whether its statement is the clause's (None: a coin decides); a
    false one that finds no safe typed swap raises ``too_few_distractors`` rather than turning true."""
    item = _build(fact, item_type, corpus, rng, truth)
    # a task's line is asked through its heading: the heading's words are the clause's too
    source = " ".join([fact.sentence, fact.label, fact.scope])
    value = fact.weight * value_table().form_factor(item_type, item.answer == [0] if item_type == "tf" else None)
    return grade(item.model_copy(update={"fact_key": fact.key, "value": value}), source, fact.number)


def grade(item: QuizItem, source: str, number: float | None = None) -> QuizItem:
    """The item with its Bloom level and its difficulty estimated from what answering it needs."""
    distance = paraphrase_distance(item.stem, source)
    signals = {
        "conditions": float(max(0, len(item.values()) - 1)) if item.type == "multiple" else 0.0,
        "recall": 1.0 if item.type == "fill" else 0.0,
        "paraphrase": distance,
        "closeness": closeness(item.values()[0], item.distractors, number) if item.type != "fill" else 0.0,
        "false_statement": 1.0 if item.type == "tf" and item.answer == [1] else 0.0,
        "length": round(len(strip_lead(item.stem)) / 100, 2),
    }
    level, score = estimate(signals)
    # a stem in other words than the clause's, or a program to pick for a situation, asks for understanding
    bloom = "understand" if distance >= UNDERSTAND_DISTANCE or item.fact_kind == "program" else "remember"
    return item.model_copy(
        update={"difficulty": level, "difficulty_score": score, "difficulty_signals": signals, "bloom": bloom}
    )


def _build(fact: Fact, item_type: str, corpus: CorpusIndex, rng: Random, truth: bool | None) -> QuizItem:
    chunk = corpus.by_id[fact.chunk_id]
    lead, before = _lead(fact, chunk, corpus)
    if item_type == "multiple":
        return _multiple(fact, chunk, corpus, rng, lead, before)
    if item_type == "tf" and fact.kind == "list":
        return _tf_list(fact, chunk, corpus, rng, lead, before, truth)
    key = rng.choice(fact.values) if fact.kind == "department" else fact.value
    cloze = display(lead + before + BLANK + fact.after) + "。"
    ctx = context_of(cloze, fact.doc_id, fact.scope)
    base = dict(
        key=[key],
        cloze=cloze,
        scope=fact.scope,
        citation=citation(fact, chunk),
        topics=list(fact.topics),
        fact_kind=fact.kind,
        id=item_id(fact, item_type),
        difficulty="medium",  # estimated by grade()
        value=fact.weight,
    )
    if item_type == "single":
        wrong = distractors.pick(fact, corpus, ctx, rng, 3)
        if len(wrong) < 3:
            raise BuildError("too_few_distractors")
        options = [key, *wrong]
        rng.shuffle(options)
        return QuizItem(
            type="single",
            stem=cloze,
            options=options,
            answer=[options.index(key)],
            distractors=wrong,
            explanation=explain(fact, chunk, corpus, key),
            **base,
        )
    if item_type == "fill":
        stem = cloze.replace(BLANK, FILL_BLANK)
        if len(fact.values) > 1:
            stem = stem.rstrip("。") + "（写出其中一个）。"
        answer = "、".join(fact.values)
        return QuizItem(
            type="fill",
            stem=stem,
            accepted=accepted_answers(fact),
            explanation=explain(fact, chunk, corpus, answer),
            **{**base, "key": list(fact.values)},
        )
    truth = rng.random() < 0.5 if truth is None else truth
    wrong = [] if truth else distractors.pick(fact, corpus, ctx, rng, 1, swap=True)
    if not truth and not wrong:
        raise BuildError("too_few_distractors")
    shown = key if truth else wrong[0]
    return QuizItem(
        type="tf",
        stem=cloze.replace(BLANK, _quoted(fact, shown)),
        options=TF_OPTIONS,
        answer=[0 if truth else 1],
        distractors=wrong,
        explanation=explain(fact, chunk, corpus, key, shown),
        **{**base, "key": [TF_OPTIONS[0 if truth else 1]], "clause_value": [key]},
    )


def _multiple(fact: Fact, chunk: Chunk, corpus: CorpusIndex, rng: Random, lead: str, before: str) -> QuizItem:
    cloze = display(lead + before + BLANK + fact.after) + "。"
    ctx = context_of(cloze, fact.doc_id, fact.scope)
    correct = rng.sample(list(fact.values), min(3, len(fact.values)))
    wrong = distractors.pick(fact, corpus, ctx, rng, max(2, 4 - len(correct)))
    if len(wrong) < 2:
        raise BuildError("too_few_distractors")
    options = [*correct, *wrong]
    rng.shuffle(options)
    return QuizItem(
        id=item_id(fact, "multiple"),
        type="multiple",
        stem=cloze,
        options=options,
        answer=sorted(options.index(c) for c in correct),
        key=correct,
        distractors=wrong,
        cloze=cloze,
        scope=fact.scope,
        explanation=explain(fact, chunk, corpus, "、".join(correct)),
        citation=citation(fact, chunk),
        difficulty="medium",
        topics=list(fact.topics),
        fact_kind=fact.kind,
        value=fact.weight,
    )


def _tf_list(
    fact: Fact, chunk: Chunk, corpus: CorpusIndex, rng: Random, lead: str, before: str, truth: bool | None
) -> QuizItem:
    """A list statement, true as written or with one item swapped for another of its kind."""
    i = rng.randrange(len(fact.values))
    head, tail = "、".join(fact.values[:i]), "、".join(fact.values[i + 1 :])
    middle = (head + "、" if head else "") + BLANK + ("、" + tail if tail else "")
    cloze = display(lead + before + middle + fact.after) + "。"
    ctx = context_of(cloze, fact.doc_id, fact.scope)
    truth = rng.random() < 0.5 if truth is None else truth
    wrong = [] if truth else distractors.pick(fact, corpus, ctx, rng, 1, swap=True)
    if not truth and not wrong:
        raise BuildError("too_few_distractors")
    key = fact.values[i]
    shown = key if truth else wrong[0]
    return QuizItem(
        id=item_id(fact, "tf"),
        type="tf",
        stem=cloze.replace(BLANK, shown),
        options=TF_OPTIONS,
        answer=[0 if truth else 1],
        key=[TF_OPTIONS[0 if truth else 1]],
        clause_value=[key],
        distractors=wrong,
        cloze=cloze,
        scope=fact.scope,
        explanation=explain(fact, chunk, corpus, key, shown),
        citation=citation(fact, chunk),
        difficulty="medium",
        topics=list(fact.topics),
        fact_kind=fact.kind,
        value=fact.weight,
    )


def source_of(chunk: Chunk, corpus: CorpusIndex) -> str:
    """The clause's document as a stem names it (data/sources.yaml)."""
    return source_name(chunk.title, chunk.kind, corpus.titled.get(chunk.doc_id, True))


def _lead(fact: Fact, chunk: Chunk, corpus: CorpusIndex) -> tuple[str, str]:
    """The stem's opening (source document with its year, and the region when the title does not name
    it) and the clause text before the blank, adjusted so the region reads as the sentence's subject."""
    leads = vocab().stem_leads
    if fact.kind == "region":
        return leads.region_question, fact.before
    name = source_of(chunk, corpus)
    title = name + year_note((chunk.date or "")[:4], name)
    region = gazetteer().by_name.get(fact.region)
    if not region or region.short in title or region.name in title:
        return leads.titled.format(title=title), fact.before
    lead = leads.sourced.format(title=title)
    body = fact.before or fact.value
    if region.short in fact.before:
        return lead, fact.before
    for word, replaced in leads.own_level:
        if fact.before.startswith(word):
            return lead + region.name, fact.before[len(replaced) :]
    if body[0].isdigit() or body.startswith(leads.adverbial_openers):
        return lead + leads.in_region.format(region=region.name), fact.before
    return lead + region.name, fact.before


def display(text: str) -> str:
    """Stem typography: full-width punctuation beside Chinese text and the source's typos corrected."""
    for wrong, right in vocab().stem_fixes.items():
        text = text.replace(wrong, right)
    return re.sub(r"(?<!\d)[,;:()?!]|[,;:()?!](?!\d)", lambda m: m.group().translate(_ASCII_PUNCT), text)


def _quoted(fact: Fact, value: str) -> str:
    return f"“{value}”" if fact.kind == "term" else value


def accepted_answers(fact: Fact) -> list[str]:
    out = list(fact.values)
    if fact.kind == "amount" and fact.number is not None:
        unit = vocab().unit_of(fact.unit)
        forms = [fact.unit, *(unit.forms if unit else ()), fact.category]
        numbers = [distractors.fmt_number(fact.number)]
        if float(fact.number).is_integer() and 0 < fact.number < 10000:
            numbers.append(int_to_cjk(int(fact.number)))  # 六十周岁 for 60周岁
        out += [n + f for n in numbers for f in dict.fromkeys(forms) if f]
        if fact.after.startswith(fact.unit) or not fact.unit:
            out.append(numbers[0])  # the stem prints the unit after the blank: the number alone is the answer
    elif fact.kind == "deadline" and fact.value.endswith("前"):
        out.append(fact.value[:-1])
    elif fact.kind == "region":
        region = gazetteer().by_name[fact.value]
        out += [region.short, *(a for a in region.aliases if not a.isascii())]
    elif fact.kind in ("term", "program"):
        group = vocab().program_group(fact.value) or ()
        out += [*group, *(s for g in synonym_groups() if fact.value in g for s in sorted(g))]
    return list(dict.fromkeys(out))


def explain(fact: Fact, chunk: Chunk, corpus: CorpusIndex, key: str, shown: str | None = None) -> str:
    """One sentence: the verdict (true/false items) or the answer, then where the clause says so."""
    title = source_of(chunk, corpus)
    if fact.kind == "department":
        source = f"{title}中“{display(fact.label)}”一项列明的{fact.category}为{'、'.join(fact.values)}"
    elif fact.kind == "deadline":
        source = f"{title}中“{display(fact.label)}”一项列明{display(fact.sentence.strip().rstrip('。；;'))}"
    elif fact.kind == "region" and fact.region not in chunk.title:
        source = f"{title}介绍{fact.region}的做法：“{_inner(excerpt(fact))}”"
    elif fact.kind == "region":
        source = f"{title}提出：“{_inner(excerpt(fact))}”"
    else:
        source = f"{title}原文为“{_inner(excerpt(fact))}”"
    if shown is None:
        return f"答案是{key}：{source}。"
    if shown == key:
        return f"正确：{source}。"
    return f"错误，应为{key}而不是{shown}：{source}。"


def _inner(text: str) -> str:
    """Quotes inside a quotation become single quotes."""
    return display(text).replace("“", "‘").replace("”", "’")


def excerpt(fact: Fact, limit: int = 60) -> str:
    """The deciding sentence without its numbering, cut to ``limit`` characters centred on the tested
    phrase where the fact stands (not the first occurrence of its words)."""
    raw = fact.sentence
    lead = len(raw) - len(raw.lstrip())
    m = ENUM.match(raw)
    cut = m.end() if m else lead
    text = raw[cut:].strip().rstrip("。；;")
    if len(text) <= limit:
        return text
    at = fact.at - cut if fact.at >= cut else max(0, text.find(fact.values[0]))
    middle = at + len(fact.value) // 2
    start = max(0, min(middle - limit // 2, len(text) - limit))
    return ("…" if start else "") + text[start : start + limit] + ("…" if start + limit < len(text) else "")


def citation(fact: Fact, chunk: Chunk) -> Citation:
    """The sentence the fact stands in; a sentence longer than QUOTE_LIMIT (a heading run into a
    paragraph) is quoted as far as the stem quotes it."""
    quote = fact.sentence.strip()
    s = fact.s_start + fact.sentence.index(quote)
    if len(quote) > QUOTE_LIMIT and fact.window:
        ws, we = fact.window
        quote = fact.sentence[ws:we]
        s = fact.s_start + ws
    # offsets of the sentence itself only when the clause text is an exact slice of the original
    if chunk.end - chunk.start == len(chunk.text):
        return chunk.citation(quote=quote, start=chunk.start + s, end=chunk.start + s + len(quote))
    return chunk.citation(quote=quote)


def item_id(fact: Fact, item_type: str) -> str:
    return hashlib.sha1(f"{fact.key}|{item_type}".encode()).hexdigest()[:10]

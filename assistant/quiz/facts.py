"""Facts a question can test, read from the clauses: amounts with units, deadlines and responsible
departments of a task, named mechanisms (quoted phrases), programs a sentence grants, lists of
departments or groups, and which region did what."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.models import Chunk
from indexer.regions import gazetteer

from .corpus import SENTENCE, CorpusIndex, cached_index, markers, norm, value_pattern
from .value import value_table
from .vocab import topics_of, vocab

# numbering in front of a heading or a list item: (一) 一是 三、 1. and the stray ")" the source left
ENUM = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[是、]|\d+[.．、]|[)）])\s*"
)
_TRAIL = "。；;，,：: \u3000"
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+(?:、[\u4e00-\u9fff]+)+")
_QUOTED = re.compile(r"“([^“”]{1,30})”")
_SEGMENT_END = re.compile(r"[，,：:]")
_MONTH = re.compile(r"^(\d{1,2}月(?:底前|中旬前|中旬|上旬|下旬|底|份|前))(.*)$")
STEM_LIMIT = 72  # characters of a clause sentence kept around the blank
STEM_MIN = 36  # a stem shorter than this takes in the segments after the value too


@dataclass(frozen=True)
class Fact:
    kind: str  # amount | deadline | department | term | program | list | region
    chunk_id: str
    doc_id: str
    value: str  # the answer as the clause writes it (without quotes)
    values: tuple[str, ...]  # list and department facts: every item; otherwise (value,)
    sentence: str  # the deciding sentence, exactly as in the clause text
    s_start: int
    s_end: int
    before: str  # stem body before the blank (without the "根据《…》，" prefix)
    after: str
    unit: str = ""
    number: float | None = None
    label: str = ""  # task a responsibility or deadline line belongs to
    scope: str = ""  # heading that bounds "the same context" for such lines
    category: str = ""  # amounts: base unit; terms: shape; lists: department|group; deadlines: shape
    region: str = ""
    topics: tuple[str, ...] = ()
    weight: float = 1.0  # training value (value.yaml): what the seeded order favours
    cues: tuple[str, ...] = ()  # the value cues that matched
    at: int = -1  # offset of the tested phrase in the sentence (-1: not a phrase of it)
    window: tuple[int, int] | None = None  # the part of the sentence the stem quotes

    @property
    def key(self) -> str:
        """Identity of the fact: two items with the same key test the same thing."""
        if self.kind in ("deadline", "department"):
            return f"{self.kind}|{self.doc_id}|{self.label}|{self.value}|{self.after}"
        if self.kind == "region":
            return f"region|{self.chunk_id}|{self.s_start}"
        return f"{self.kind}|{self.doc_id}|{norm(self.value)}"

    @property
    def scoped(self) -> bool:
        return self.kind in ("deadline", "department")


def corpus_index(chunks: list[Chunk]) -> CorpusIndex:
    """Sentences and facts of the loaded clauses, analysed once per index generation."""
    return cached_index(chunks, _build)


def _build(chunks: list[Chunk]) -> CorpusIndex:
    index = CorpusIndex(chunks)
    facts: list[Fact] = []
    for chunk in chunks:
        facts.extend(extract(chunk, index))
    index.pool = facts
    index.facts = _drop_ambiguous_tasks(facts)
    return index


def extract(chunk: Chunk, index: CorpusIndex) -> list[Fact]:
    out: list[Fact] = []
    region = index.regions.get(chunk.chunk_id) or ""
    for m in SENTENCE.finditer(chunk.text):
        sentence = m.group()
        if len(sentence.strip()) < 4:
            continue
        base = dict(
            chunk_id=chunk.chunk_id,
            doc_id=chunk.doc_id,
            sentence=sentence,
            s_start=m.start(),
            s_end=m.end(),
            region=region,
        )
        scoped = _responsibility(chunk, sentence.strip(), index, base)
        if scoped is not None:
            out.extend(scoped)
            continue
        lo, hi = _body(sentence)
        if hi - lo < 6:
            continue
        found = [
            *_amounts(sentence, lo, hi),
            *_terms(sentence, lo, hi),
            *_programs(sentence, lo, hi),
            *_lists(sentence, lo, hi),
        ]
        for kind, v_start, v_end, extra in found:
            ws, we = _window(sentence, lo, hi, v_start, v_end)
            value = sentence[v_start:v_end].strip("“”")
            rest = norm(sentence[ws:v_start] + " " + sentence[v_end:we])
            if any(value_pattern(v).search(rest) for v in extra["values"]):
                continue  # the answer would stand elsewhere in the stem
            if sentence[v_end:].lstrip("“”").startswith(tuple(value_table().superseded_after)):
                continue  # the old value of a change: a trainer asks for the new one
            asked = sentence[ws:we]
            # valued on the whole sentence: a stem cut short of “共筹措…亿元” still asks an achievement
            weight, cues = value_table().score(
                kind, sentence[lo:hi], extra.pop("unit_weight", 1.0), value, extra.get("category", "")
            )
            out.append(
                Fact(
                    kind=kind,
                    value=value,
                    before=sentence[ws:v_start],
                    after=sentence[v_end:we],
                    topics=tuple(topics_of(asked)),
                    weight=weight,
                    cues=tuple(cues),
                    at=v_start,
                    window=(ws, we),
                    **extra,
                    **base,
                )
            )
        statement = _region_statement(sentence, lo, hi, region, found, index)
        if statement:
            weight, cues = value_table().score("region", statement)
            out.append(
                Fact(
                    kind="region",
                    value=region,
                    values=(region,),
                    before="",
                    after=statement,
                    topics=tuple(topics_of(statement)),
                    weight=weight,
                    cues=tuple(cues),
                    **base,
                )
            )
    return out


def _body(sentence: str) -> tuple[int, int]:
    """Offsets of the part of a sentence a stem may quote: without numbering and end punctuation."""
    m = ENUM.match(sentence)
    lo = m.end() if m else len(sentence) - len(sentence.lstrip())
    hi = len(sentence.rstrip(_TRAIL))
    return lo, max(lo, hi)


def _window(sentence: str, lo: int, hi: int, v_start: int, v_end: int) -> tuple[int, int]:
    """Whole comma segments around the value, as many as fit in STEM_LIMIT characters."""
    cuts = [lo, *(m.end() for m in _SEGMENT_END.finditer(sentence, lo, hi)), hi]
    segments = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
    first = next(i for i, (a, b) in enumerate(segments) if a <= v_start < b or (i == len(segments) - 1))
    last = next(i for i, (a, b) in enumerate(segments) if a < v_end <= b or (i == len(segments) - 1))
    i, j = first, max(first, last)
    # what leads up to the value first; what follows it only while the stem is still short: a long
    # tail adds little to the question and, in a badly extracted sentence, the garbled part
    while i > 0 and segments[j][1] - segments[i - 1][0] <= STEM_LIMIT:
        i -= 1
    while (
        j + 1 < len(segments)
        and segments[j][1] - segments[i][0] < STEM_MIN
        and segments[j + 1][1] - segments[i][0] <= STEM_LIMIT
    ):
        j += 1
    start, end = segments[i][0], segments[j][1]
    return start, len(sentence[:end].rstrip(_TRAIL))


def _amounts(sentence: str, lo: int, hi: int):
    v = vocab()
    units = "|".join(re.escape(u.unit) for u in v.units)
    for m in re.finditer(rf"(?<![\d.\-—~～第])(\d+(?:\.\d+)?)({units})", sentence[:hi]):
        unit = v.unit_of(m.group(2))
        number = float(m.group(1))
        if m.start() < lo or (unit.max is not None and number > unit.max) or _in_quotes(sentence, m.start()):
            continue
        if sentence[m.start() - 1 : m.start()] == "、" or sentence[m.end() : m.end() + 1] == "、":
            continue  # one value of a list ("分别提高到3908元、4500元") makes an ambiguous blank
        yield (
            "amount",
            m.start(),
            m.end(),
            dict(
                values=(m.group(),),
                unit=unit.unit,
                number=number,
                category=unit.base,
                unit_weight=float(unit.weight),
            ),
        )


def _in_quotes(sentence: str, pos: int) -> bool:
    return sentence.count("“", 0, pos) > sentence.count("”", 0, pos)


def _terms(sentence: str, lo: int, hi: int):
    v = vocab()
    for m in _QUOTED.finditer(sentence, lo, hi + 1):
        term = m.group(1).strip()
        shape = v.term_shape(term)
        if (
            not shape
            or term in v.term_exclude
            or any(ch.isdigit() for ch in term)
            or not v.term_min <= len(term) <= v.term_max
        ):
            continue
        if sentence[m.start() - 1 : m.start()] in ("”", "、") or sentence[m.end() : m.end() + 1] in (
            "“",
            "、",
        ):
            continue  # one of several quoted names in a row
        if m.end() - m.start() >= hi - lo - 2:
            continue  # the quote is the whole sentence
        yield "term", m.start(), m.end(), dict(values=(term,), category=shape)


def _programs(sentence: str, lo: int, hi: int):
    v = vocab()
    names = sorted((n for g in v.program_groups for n in g), key=len, reverse=True)
    pattern = re.compile(rf"(?:{'|'.join(v.program_verbs)})(?:农村|城乡)?({'|'.join(map(re.escape, names))})")
    for m in pattern.finditer(sentence, lo, hi):
        if (
            sentence[m.end() :].startswith(v.open_list_markers)
            or sentence[m.end() : m.end() + 1] in ("、", "边")
            or sentence[m.end() : m.end() + 2] == "对象"
        ):
            continue  # "低保或特困" grants either, "低保等" names one of several; "低保边缘" is another group
        yield "program", m.start(1), m.end(1), dict(values=(m.group(1),), category="program")


def _lists(sentence: str, lo: int, hi: int):
    """Closed “、” lists whose items are all of one slot family (data/vocab.yaml slots)."""
    v = vocab()
    for m in _CJK_RUN.finditer(sentence, lo, hi):
        pieces = m.group().split("、")
        for family in dict.fromkeys(v.families.values()):
            names = tuple(n for members in v.family_members(family).values() for n in members)
            first = _longest(pieces[0], names, suffix=True)
            last = _longest(pieces[-1], names, suffix=False)
            middle = pieces[1:-1]
            if first and last and all(p in names for p in middle):
                items = (first, *middle, last)
                if len(set(items)) != len(items):
                    continue
                start = m.start() + len(pieces[0]) - len(first)
                end = m.end() - (len(pieces[-1]) - len(last))
                if sentence[end:].startswith(v.open_list_markers):
                    break  # an open list: its distractors could be among the items it leaves out
                yield "list", start, end, dict(values=items, category=family)
                break


def _longest(piece: str, names: tuple[str, ...], suffix: bool) -> str:
    hits = [n for n in names if (piece.endswith(n) if suffix else piece.startswith(n))]
    return max(hits, key=len, default="")


def _region_statement(sentence: str, lo: int, hi: int, region: str, found: list, index: CorpusIndex) -> str:
    """A statement distinctive enough to ask which region made it, or ""."""
    if not region or not found or any(kind == "list" for kind, *_ in found):
        return ""
    text = sentence[lo:hi]
    if len(text) > STEM_LIMIT:
        cut = max((m.start() for m in _SEGMENT_END.finditer(text, 0, STEM_LIMIT)), default=0)
        if cut < 15 or not any(v_end - lo <= cut for _, _, v_end, _ in found):
            return ""
        text = text[:cut]
    if len(text) < 15 or text.startswith(vocab().subjectless_openers) or text[0].isdigit() or "我" in text:
        return ""
    if gazetteer().find(text) or any(word in text for word in vocab().region_giveaways):
        return ""
    g = gazetteer()
    elsewhere = [s for s in index.sentences if s.region and not g.related(s.region, region)]
    if not any(all(m not in s.norm for s in elsewhere) for m in markers(text)):
        return ""  # nothing in it that only this region's clauses say
    return text


def _responsibility(chunk: Chunk, line: str, index: CorpusIndex, base: dict) -> list[Fact] | None:
    """Facts of a responsibility line (责任单位/责任股室/完成时限), None when the line is not one."""
    v = vocab()
    field_match = re.match(
        rf"^[(（]?\s*({'|'.join(v.responsibility_fields)})\s*[:：]\s*(.+?)\s*[)）]?\s*[。；;]?$", line
    )
    deadline_match = re.match(rf"^{v.deadline_field}\s*[:：]\s*(.+?)[。；;]?$", line)
    if not field_match and not deadline_match:
        return None
    label, scope = _task(chunk, index)
    kind = "department" if field_match else "deadline"
    weight, cues = value_table().score(kind, label)
    common = dict(
        label=label, scope=scope, topics=tuple(topics_of(label, scope)), weight=weight, cues=tuple(cues), **base
    )
    if field_match:
        name = field_match.group(1)
        named = tuple(
            u.strip()
            for u in re.split(r"[,，、]", field_match.group(2))
            if u.strip() and not u.strip().startswith("各")
        )
        if not named:
            return []
        return [
            Fact(
                kind="department",
                value=named[0],
                values=named,
                before=f"“{label}”一项的{name}包括",
                after="",
                category=name,
                **common,
            )
        ]
    pieces = [p.strip() for p in re.split(r"[,，]", deadline_match.group(1)) if p.strip()]
    out = []
    for piece in pieces:
        m = _MONTH.match(piece)
        if piece in v.open_deadlines and len(pieces) == 1:
            value, action = piece, ""
        elif m:
            value, action = m.group(1), m.group(2).strip()
        else:
            continue
        if action in ("", "完成") and len(pieces) == 1:
            before, after = f"“{label}”一项的完成时限是", ""
        elif action:
            before, after = f"“{label}”一项要求在", action
        else:
            continue
        out.append(
            Fact(
                kind="deadline",
                value=value,
                values=(value,),
                before=before,
                after=after,
                category=re.sub(r"\d+", "N", value),
                **common,
            )
        )
    return out


def _task(chunk: Chunk, index: CorpusIndex) -> tuple[str, str]:
    """The task a responsibility line belongs to (label for the stem) and the heading bounding it.

    A line closes the task it follows: the sub-task of the clause just before it when that clause
    sits one level deeper under an unnumbered heading, else the line's own heading."""
    path = chunk.heading_path
    scope = path[-1] if path else ""
    label = scope
    prev = index.previous(chunk)
    if prev and len(prev.heading_path) > len(path) and prev.heading_path[: len(path)] == path:
        sub = prev.heading_path[len(path)]
        if not ENUM.match(sub):
            label = sub
    return _clean_label(label), scope


def _clean_label(heading: str) -> str:
    text = ENUM.sub("", heading).strip().split("。")[0]
    if len(text) > 24:
        text = re.split(r"[，,]", text)[0]
    return text.replace("“", "‘").replace("”", "’")


def _drop_ambiguous_tasks(facts: list[Fact]) -> list[Fact]:
    """Two responsibility lines that resolve to the same task would make its deadline ambiguous."""
    owners: dict[tuple[str, str, str], set[str]] = {}
    for f in facts:
        if f.scoped:
            owners.setdefault((f.doc_id, f.kind, f.label), set()).add(f.chunk_id)
    return [f for f in facts if not f.scoped or len(owners[(f.doc_id, f.kind, f.label)]) == 1]

"""Question analysis: what a policy question asks for (its type), about which program, region, year and
area, in which language, and in how many parts. Pure: text in, a typed ``QuestionAnalysis`` out; the
language knowledge is in data/question.yaml, the regions come from the national table in indexer.regions."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field

from indexer.numerals import numeral_chars, parse_cjk
from indexer.regions import gazetteer
from indexer.text import _tokenizer, normalize

_DATA = Path(__file__).with_name("data") / "question.yaml"
AskedType = Literal["amount", "rate", "deadline", "count", "who", "list", "procedure", "definition", "yes_no", "other"]
YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?=\s*年|\D|$)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
QUOTED = re.compile(r"[“\"'「『]([^”\"'」』]{1,20})[”\"'」』]")  # terms put in quotes: wanted verbatim


class TypeRule(BaseModel):
    type: AskedType
    cues: list[str]
    evidence: list[str] = Field(default_factory=list, description="figure kinds a sentence must state")
    prefer: list[str] = Field(default_factory=list, description="figure kinds that make a sentence a better answer")
    lead: dict[str, str] = Field(default_factory=dict, description="first-line template per language")


class Program(BaseModel):
    terms: list[str]
    en: list[str] = Field(default_factory=list)


class QuestionLexicon(BaseModel):
    """The schema of data/question.yaml."""

    asked_types: list[TypeRule]
    negative_lead: dict[str, str]
    negations: list[str]
    alternative: list[str]
    permission: list[str] = Field(default_factory=list, description="words asking whether one may or can")
    figures: dict[str, str]
    change_verbs: list[str]
    asked_changes: list[str] = Field(default_factory=list, description="words asking what a figure was changed to")
    reference_verbs: list[str]
    aggregate: list[str]
    per_case: list[str] = Field(default_factory=list)
    pooled: list[str] = Field(default_factory=list)
    programs: dict[str, Program]
    areas: dict[Literal["urban", "rural"], list[str]]
    comparisons: dict[str, list[str]] = Field(default_factory=dict)
    relative_years: list[str]
    past_years: dict[str, int] = Field(default_factory=dict, description="a past year's word → years back from today")
    two_digit_year: str
    document_number: str
    part_separators: str
    per_region: list[str]
    town_suffixes: list[str]
    exclusions: list[str]
    pinyin_level_words: list[str]
    measure_heads: list[str]
    level_words: list[str] = Field(default_factory=list, description="level words after a place's short name (县, 城)")
    registration: str = Field("", description="words before the place a person is registered in (户口在)")
    comparison_reference: dict[Literal["before", "after"], list[str]] = Field(
        default_factory=dict, description="words around a place named only to compare with (跟X一样)")
    determiners: list[str] = Field(default_factory=list, description="words before 一 that make it an article (那一档)")

    def rule(self, asked: str) -> TypeRule | None:
        return next((r for r in self.asked_types if r.type == asked), None)


class QuestionPart(BaseModel):
    text: str
    asked_type: AskedType
    regions: list[str] = Field(default_factory=list, description="this part's region when the question asks per region")
    permission: bool = Field(True, description="this part, a yes/no, asks whether one may or can (可以 answers it)")


class QuestionAnalysis(BaseModel):
    raw: str
    text: str = Field(description="normalised: simplified script, half-width, lower case, arabic numerals")
    lang: Literal["zh", "en"]
    asked_type: AskedType = Field(description="the type of the first part that has one")
    parts: list[QuestionPart]
    programs: list[str] = Field(default_factory=list, description="program ids of data/question.yaml")
    regions: list[str] = Field(default_factory=list, description="the asked regions (canonical names)")
    mentioned_regions: list[str] = Field(default_factory=list, description="every region the text names")
    years: list[str] = Field(default_factory=list)
    relative_year: bool = False
    years_back: list[int] = Field(default_factory=list, description="past years a figure is asked for (前年 → 2), "
                                  "counted back from the day the question is asked")
    area: Literal["urban", "rural"] | None = None
    stated_figures: list[str] = Field(default_factory=list, description="figures the question states (三级 → 3级)")
    alternative: bool = Field(False, description="the question offers two ways (A还是B): not answered by 可以")
    permission: bool = Field(True, description="a yes/no question asks whether one may or can (能/可以): 可以 answers it")
    excluded: list[str] = Field(default_factory=list, description="what the question excludes (不属于急难的 → 急难)")
    quoted: list[str] = Field(default_factory=list, description="terms the question puts in quotes (normalised)")


@lru_cache(maxsize=1)
def question_lexicon() -> QuestionLexicon:
    return QuestionLexicon.model_validate(yaml.safe_load(_DATA.read_text(encoding="utf-8")))


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def asked_type(text: str) -> AskedType:
    rule = type_rule(text)
    return rule.type if rule else "other"


@lru_cache(maxsize=4096)
def type_rule(text: str, asked: str | None = None) -> TypeRule | None:
    """The first rule whose cue matches ``text`` (several rules may share a type: 多少元 wants yuan, 多少 any
    figure); with ``asked``, the first rule of that type when the text's own rule is of another."""
    lex = question_lexicon()
    rule = next((r for r in lex.asked_types if any(_compiled(c).search(text) for c in r.cues)), None)
    if asked is not None and (rule is None or rule.type != asked):
        return lex.rule(asked)
    return rule


def programs_in(text: str) -> list[str]:
    """Program ids named in ``text`` (normalised), longest terms first so 低保边缘 is not also 低保."""
    return list(_programs_in(text))


@lru_cache(maxsize=1 << 14)
def _programs_in(text: str) -> tuple[str, ...]:
    # cached: evidence selection asks it of the same candidate clauses for every question
    found: list[str] = []
    rest = text
    for term, pid in _program_terms():
        if term in rest:
            found.append(pid)
            rest = rest.replace(term, " ")
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1)
def _program_terms() -> tuple[tuple[str, str], ...]:
    """(term, program id), longest term first."""
    lex = question_lexicon()
    return tuple(sorted(((t, pid) for pid, p in lex.programs.items() for t in [*p.terms, *p.en]), key=lambda x: -len(x[0])))


def area_of(text: str) -> Literal["urban", "rural"] | None:
    hits = [a for a, words in question_lexicon().areas.items() if any(w in text for w in words)]
    return hits[0] if len(hits) == 1 else None


def years_in(text: str) -> list[str]:
    lex = question_lexicon()
    text = _compiled(lex.document_number).sub(" ", text)
    years = YEAR.findall(text) + [f"20{y}" for y in _compiled(lex.two_digit_year).findall(text)]
    return list(dict.fromkeys(years))


# a run after a digit is that number's multiplier (350万元 stays as written)
_CN_NUMBER = re.compile(rf"(?<![\d.多余几])[{numeral_chars()}]+(?=[岁元块个年月天日人户万倍档项小周名级类])")


def arabic_numerals(text: str) -> str:
    """六十岁 → 60岁, 两千元 → 2000元: users write numbers in words, policies in digits.
    Only numbers followed by a measure word change, so 一是 or 三保障 stay as they are."""

    names = _numeral_names()

    def repl(m: re.Match[str]) -> str:
        value = parse_cjk(m.group(0))
        if value is None or (len(m.group(0)) == 1 and value <= 1) or m.string.startswith(names, m.start()):
            return m.group(0)
        return str(int(value)) if value == int(value) else str(value)

    return _CN_NUMBER.sub(repl, text)


@lru_cache(maxsize=1)
def _numeral_names() -> tuple[str, ...]:
    """Program names that begin with a numeral (两项补贴): names, not figures."""
    chars = set(numeral_chars())
    return tuple(t for p in question_lexicon().programs.values() for t in p.terms if t[0] in chars)


_STATED = re.compile(rf"(?<![哪几多第])(\d+(?:\.\d+)?|[{numeral_chars()}]+)\s*(级|档|倍|类|项)")


def analyse_question(raw: str) -> QuestionAnalysis:
    text = arabic_numerals(normalize(raw))
    lex = question_lexicon()
    lang = "zh" if len(_CJK.findall(text)) * 3 >= len(re.findall(r"[a-z]", text)) else "en"
    parts = [QuestionPart(text=p.strip(), asked_type=asked_type(p)) for p in re.split(lex.part_separators, text) if p.strip()]
    # a part without a cue of its own belongs to the next one (context, then the question)
    merged: list[QuestionPart] = []
    pending = ""
    for p in parts:
        if p.asked_type == "other":
            pending += p.text + "，"
            continue
        merged.append(QuestionPart(text=pending + p.text, asked_type=p.asked_type))
        pending = ""
    if pending and merged:
        merged[-1] = QuestionPart(text=merged[-1].text + "，" + pending.rstrip("，"), asked_type=merged[-1].asked_type)
    if not merged:
        merged = [QuestionPart(text=text, asked_type=asked_type(text))]
    mentioned = _places(text)
    asked = _asked_regions(text, mentioned)
    if len(asked) > 1 and len(merged) == 1 and any(w in text for w in lex.per_region):
        # 黑龙江和安徽各自是怎么做的: the same question once per region
        merged = [QuestionPart(text=merged[0].text, asked_type=merged[0].asked_type, regions=[r]) for r in asked]
    # each part asks whether one may on its own (能单独纳入吗，打工收入全算吗: 可以 answers the first only)
    merged = [p.model_copy(update={"permission": _asks_permission(p.text)}) for p in merged]
    return QuestionAnalysis(
        raw=raw,
        text=text,
        lang=lang,
        asked_type=merged[0].asked_type,
        parts=merged,
        programs=programs_in(text),
        regions=asked,
        mentioned_regions=mentioned,
        years=years_in(text),
        relative_year=any(w in text for w in lex.relative_years),
        years_back=_years_back(merged),
        area=area_of(text),
        stated_figures=_stated(raw),
        alternative=any(w in text for w in lex.alternative),
        permission=_asks_permission(text),
        excluded=[m for p in lex.exclusions for m in re.findall(p, text)],
        quoted=[t.strip() for t in QUOTED.findall(text) if t.strip()],
    )


_FIGURE_ASKS = ("amount", "rate", "count")


def _asks_permission(text: str) -> bool:
    return any(_compiled(w).search(text) for w in question_lexicon().permission)


def _years_back(parts: list[QuestionPart]) -> list[int]:
    """去年/前年 said in a part that asks a figure: the figure of that calendar year is asked."""
    words = question_lexicon().past_years
    found = [n for p in parts if p.asked_type in _FIGURE_ASKS
             for w, n in sorted(words.items(), key=lambda x: -len(x[0])) if w in p.text]
    # 大前年 holds 前年: the longest word is what was said
    return found[:1]


@lru_cache(maxsize=1 << 14)
def stated_figures_in(raw: str) -> frozenset[str]:
    """The graded figures of any text, read as a question's are (三级 → 3级, 一档 → 1档)."""
    return frozenset(_stated(raw))


def _stated(raw: str) -> list[str]:
    """Figures the question states (三级残疾 → 3级), not counting those inside a program's name (两项补贴)."""
    text = normalize(raw)
    for p in question_lexicon().programs.values():
        for term in sorted(p.terms, key=len, reverse=True):
            text = text.replace(term, " ")
    out = []
    text = arabic_numerals(text)
    determiners = tuple(question_lexicon().determiners)
    for m in _STATED.finditer(text):
        n, u = m.groups()
        if n == "一" and determiners and text[: m.start()].endswith(determiners):
            continue  # 最高那一档 points at a tier, it states none
        value = n if n[0].isdigit() else parse_cjk(n)
        out.append(f"{int(float(value)) if float(value) == int(float(value)) else value}{u}")
    return out


def _places(text: str) -> list[str]:
    """Regions the text names; a short name followed by a town suffix (凤山镇) names a town, which may lie
    in any county (丰宁 has a 凤山镇, Guangxi a 凤山县), so it is no region of its own."""
    g = gazetteer()
    towns = tuple(question_lexicon().town_suffixes)
    levels = set(question_lexicon().pinyin_level_words)
    located = g.locate(text)
    named = [m for m in located if not _town(m, text, towns) and not _inside_word(m, text)
             and not (m.via == "latin" and m.text.lower() in levels and text[: m.start].rstrip()[-1:].isalpha())]
    kept = {c for m in named for c in m.candidates}
    found = [r for r in g.find(text) if r in kept]
    return found + [r for r in _latin_counties(text, found) if r not in found]


def _inside_word(m, text: str) -> bool:
    """A short name (no level suffix) one of whose edges falls inside a word of the dictionary that is no place
    itself (乡村振兴 holds 振兴, the short name of 振兴区): part of that word, not a place."""
    if m.via != "short":
        return False
    pos = 0
    for token in _tokenizer().cut(text):
        start, end = pos, pos + len(token)
        pos = end
        if end <= m.start or start >= m.end or (start >= m.start and end <= m.end):
            continue
        crosses = start < m.start < end or start < m.end < end
        rest = token.replace(m.text, "")
        after = token[m.end - start :] if end > m.end else ""
        # 河北丰宁 as one token is two places, 丰宁县城 a place and its level word: those keep the name
        if crosses and not gazetteer().canonical(token) and not gazetteer().canonical(rest) and not after.startswith(
                tuple(question_lexicon().level_words)):
            return True
    return False


def places(text: str) -> list[str]:
    """The regions a text names (Chinese, pinyin or English names), as the questions read them."""
    return _places(text)


def _latin_counties(text: str, found: list[str]) -> list[str]:
    """Counties written in pinyin (fengning, rongjiang xian): the table's latin names stop at prefectures, since
    short county syllables collide with ordinary pinyin words; one that names exactly one county is taken when
    a level word follows it, or when it is long and the only place named. Several counties of one spelling
    (fuping: 阜平 in Hebei, 富平 in Shaanxi): the one inside a place also named (Fuping county, Hebei)."""
    levels = question_lexicon().pinyin_level_words
    others = bool(found)
    g = gazetteer()
    lineages = set().union(*(g.lineage(f) for f in found)) if found else set()
    out = []
    for m in re.finditer(r"[a-z]+", text):
        word = m.group()
        after = text[m.end() :].lstrip()
        marked = any(after.startswith(w) for w in (*levels, "county"))
        names = _county_pinyin().get(word, ())
        inside = tuple(n for n in names if set(g.ancestors(n)) & lineages)
        if len(inside) == 1 and (marked or len(word) >= _MIN_LATIN_COUNTY):
            out.append(inside[0])  # Xichang, Liangshan: the county of the prefecture named
            continue
        # unmarked, only when the text names no other place and no county before it (fengxian = 风险, not 奉贤)
        if len(names) == 1 and (marked or (len(word) >= _MIN_LATIN_COUNTY and not others and not out)):
            out.append(names[0])
    return out


_MIN_LATIN_COUNTY = 7  # letters: three syllables or two long ones


@lru_cache(maxsize=1)
def _county_pinyin() -> dict[str, tuple[str, ...]]:
    from pypinyin import lazy_pinyin

    table: dict[str, list[str]] = {}
    for r in gazetteer().by_name.values():
        if r.level == "county" and r.short:
            table.setdefault("".join(lazy_pinyin(r.short)).lower(), []).append(r.name)
    return {k: tuple(v) for k, v in table.items()}


def _town(m, text: str, towns: tuple[str, ...]) -> bool:
    if m.text.endswith(towns):
        return True  # the table's few township entries (苏木乡) are no asked region either
    after = text[m.end :]
    if gazetteer().begins_town_word(after):
        return False  # 安徽乡村振兴: the suffix begins a common word (乡村), not a town's name
    suffix = next((t for t in towns if after.startswith(t)), None)
    # 凤山镇有户… is a town; 内蒙古苏木乡镇 is a province followed by the generic word for its townships
    return m.via == "short" and suffix is not None and not after[len(suffix) :].startswith(towns)


def _asked_regions(text: str, mentioned: list[str]) -> list[str]:
    """The regions the question asks about: with several named, those of the clause that asks
    (黑龙江规定X，安徽呢 → 安徽); the most specific of a chain (承德市双桥区 → 双桥区)."""
    if len(mentioned) > 1:
        clauses = [c for c in re.split(r"[，,。；;？?]", text) if c.strip()]
        references = _references(text)
        asking = next((c for c in reversed(clauses) if asked_type(c) != "other"
                       and not set(_places(c)) <= references), "")
        local = _places(asking)
        if local:
            mentioned = local
    references = _references(text)
    if references and any(r not in references for r in mentioned):
        mentioned = [r for r in mentioned if r not in references]
    mentioned = list(dict.fromkeys([*mentioned, *_registered(text)]))
    g = gazetteer()
    return [r for r in mentioned if not any(r in g.ancestors(o) for o in mentioned if o != r)]


def _registered(text: str) -> list[str]:
    """The place the question's person is registered in (户口在长汀，人在外地打工): asked about too."""
    pattern = question_lexicon().registration
    if not pattern:
        return []
    rx = _compiled(pattern)
    named = set(_places(text))
    return [r for m in gazetteer().locate(text) if rx.search(text[: m.start]) for r in m.candidates if r in named]


def _references(text: str) -> set[str]:
    """Regions the text names only to compare with (内蒙…是不是跟黑龙江一样): not the ones asked about."""
    words = question_lexicon().comparison_reference
    before, after = tuple(words.get("before", [])), tuple(words.get("after", []))
    if not before or not after:
        return set()
    out: set[str] = set()
    for m in gazetteer().locate(text):
        if text[: m.start].rstrip().endswith(before) and text[m.end :].lstrip().startswith(after):
            out.update(m.candidates)
    return out

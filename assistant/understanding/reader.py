"""The offline reader: one user message → facts merged into the conversation's ``HouseholdState``.

Two passes over each clause: the PEOPLE pass finds who is spoken of (kinship words relative to the speaker,
pronouns, the proxy applicant of 替我舅问问, a caseworker's 户主 / 老太太, shorthand 妻42), then the FACTS
pass attaches ages, amounts (as ranges), flags and negations to them or to the household. Word tables are
data (data/people.yaml, facts.yaml, amounts.yaml, dialogue.yaml); this module holds only the mechanism.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import zhconv

from assistant.understanding import kinship
from assistant.understanding.amounts import Amount, find_amounts, is_money
from assistant.understanding.pinyin import looks_like_pinyin, to_hanzi
from assistant.understanding.question import places
from assistant.understanding.state import (
    Disability,
    Fact,
    HouseholdState,
    Person,
    Quantity,
    RegionValue,
)
from assistant.understanding.tables import Flag, amounts, dialogue, english, facts, people
from indexer.numerals import tables as numeral_tables
from indexer.regions import gazetteer
from indexer.text import _tokenizer

# what the engine subtracts from income before comparing it with a standard (the household fields)
DEDUCTIONS = ("income_excluded_yearly", "rigid_expenses_yearly", "employment_costs_yearly")
_CLAUSE = re.compile(r"[^，,。；;！!？?\n]+[？?]?")
_GRADE = re.compile(r"([一二三四1-4])\s*级")


@dataclass
class Reading:
    """What one message did to the household."""

    state: HouseholdState  # the updated state (a copy; the caller stores it)
    changed: list[str] = field(default_factory=list)  # slot paths set by this message
    refers: bool = False  # the message is about the household described (re-screen it)
    what_if: bool = False  # the changes are hypothetical: screen them, do not keep them
    correction: bool = False
    answered: str | None = None  # the pending question's field, when the message answered it
    unsure: bool = False  # the user said they do not know
    question: str = ""  # the question part of the message ("" when it only states facts)
    regions: list[str] = field(default_factory=list)

    @property
    def describes(self) -> bool:
        return bool(self.changed)


def normalize(text: str) -> str:
    """Simplified script, common English read as Chinese, full-width digits as ASCII."""
    text = zhconv.convert(text, "zh-cn")
    text = text.translate({ord(c): ord("0") + i for i, c in enumerate("０１２３４５６７８９")})
    capital = amounts().capital_numerals
    plain = set(capital.values()) & set(capital)  # 万, 零, 两: in both scripts; a run needs a true capital
    text = re.sub(f"[{''.join(capital)}]{{2,}}", lambda m: m.group(0).translate(str.maketrans(capital))
                  if set(m.group(0)) - plain else m.group(0), text)
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)  # 22,000 RMB: a thousands separator, not a list
    units = "".join({w[0] for w in amounts().money_units + amounts().not_money if re.match(r"[\u4e00-\u9fff]", w)})
    # 户主 男 34 精神二级: spaces between a note's items part them as commas do (not 2019 年, 800 元)
    text = re.sub(rf"(?<=\d)\s+(?=[{units}])", "", text)  # 69 岁 → 69岁
    text = re.sub(rf"(?:(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff\d])|(?<=\d)\s+(?=[\u4e00-\u9fff])(?![{units}]))", "，", text)
    for letter, unit in amounts().letter_units.items():
        text = re.sub(rf"(\d(?:\.\d+)?)\s*{letter}(?![A-Za-z])", rf"\g<1>{unit}", text, flags=re.I)  # 3w → 3万
    if looks_like_pinyin(text):
        text = to_hanzi(text)  # wo yeye jinnian 86 sui le → 我爷爷今年86岁了
    if re.search(r"[A-Za-z]{2,}", text):
        en = english()
        low = re.sub(r"(?<=[a-z\d)])[.!?]+(?:\s+|$)", "。", text.lower())  # an English sentence ends a clause
        for pattern, replacement in en.patterns:
            low = re.sub(pattern, replacement, low)
        for word, zh in sorted(en.words.items(), key=lambda kv: len(kv[0]), reverse=True):
            low = re.sub(rf"(?<![a-z']){re.escape(word)}(?![a-z'])", zh, low)  # (also beside Chinese: 这里dibao标准)
        # the spaces between English words, once the words are Chinese, part nothing (my grandma → 我奶奶, 150 元)
        text = re.sub(r"(?<=[\u4e00-\u9fff\d])\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+(?=\d)", "", low)
    return text


@lru_cache(maxsize=1)
def _person_words() -> tuple[re.Pattern[str], dict[str, tuple[str, str | None]]]:
    t = people()
    by_word: dict[str, tuple[str, str | None]] = {}
    for entry in t.people:
        for w in entry.words:
            by_word.setdefault(w, (entry.speaker, entry.gender))
    for w in t.couple:
        by_word.setdefault(w, ("couple", None))
    for w in t.pairs:
        by_word[w] = ("pair", None)
    for w in t.pronouns:
        by_word.setdefault(w, ("focus", None))
    for w in t.reflexive:
        by_word.setdefault(w, ("subject", None))
    words = sorted(by_word, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), by_word


@lru_cache(maxsize=1)
def _short_words() -> re.Pattern[str]:
    t = people()
    words = "|".join(map(re.escape, sorted(t.short, key=len, reverse=True)))
    owners = "".join(t.possessive + t.ordinal)
    return re.compile(rf"(?:(?<=[{owners}])({words})(?![\u4e00-\u9fff]*?[{owners}]$))|(?:(?<![\u4e00-\u9fff])({words})(?=\s*[\d一二三四五六七八九十两]+|[男女]))")


def _has(text: str, words: list[str]) -> str:
    for w in sorted(words, key=len, reverse=True):
        if w in text:
            return w
    return ""


def _has_word(text: str, words: list[str]) -> str:
    """`_has`, where the word starts and ends at jieba word boundaries: 搬 is no cue inside 搬迁 (a policy noun)."""
    cuts = {0, len(text)} | {i for _, a, b in _tokenizer().tokenize(text) for i in (a, b)}
    for w in sorted(words, key=len, reverse=True):
        at = text.find(w)
        while at >= 0:
            if at in cuts and at + len(w) in cuts:
                return w
            at = text.find(w, at + 1)
    return ""


def about_a_household(message: str, reading: Reading) -> bool:
    """Whether a message may describe a household at all (a person named, a fact read, a household under
    discussion): the configured model is asked to read only those, not every policy question or quiz request."""
    if reading.changed or reading.refers or reading.state.present():
        return True
    pattern, by_word = _person_words()
    text = normalize(message)
    return any(by_word[m.group(0)][0] not in ("focus", "self") for m in pattern.finditer(text)) or bool(
        _has(text, facts().income.household))


def opens_what_if(clause: str) -> bool:
    """要是搬到县城呢: the cue opens a clause (主要是 is no what-if)."""
    cues = "|".join(map(re.escape, dialogue().what_if))
    return re.match(rf"^(?:那|那么|但|可|但是|可是)?(?:{cues})", clause.strip()) is not None


@lru_cache(maxsize=1)
def _question_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = facts().cues
    return re.compile("|".join(cues.question)), re.compile(cues.negated_indefinite)


def is_question(clause: str) -> bool:
    asks, indefinite = _question_patterns()
    # 没什么开支, 没啥收入, 没多少钱: an indefinite after a negation is no question word
    return bool(asks.search(indefinite.sub("", clause)))


@dataclass
class _Mention:
    start: int
    end: int
    word: str
    kind: str  # a people.yaml speaker value, "couple", "focus", or "of_focus:<relation>"
    gender: str | None = None
    chained: bool = False  # the relative of the person named just before (户主的老娘, 孩子爸)
    plural: bool = False  # the relative of the people counted before (两个孙子，他们爹妈)
    frame: str | None = None  # 申请人是孩子奶奶: the applicant's kinship path from the person named inside (PP)
    alias: str = ""  # the kinship word the applicant was said to be (奶奶): a later 奶奶 is the applicant


class _Reader:
    def __init__(self, state: HouseholdState, index: int, how: str, role: str, what_if: bool = False):
        self.what_if = what_if
        self.s = state
        self.index = index
        self.how = how
        self.role = role
        self.changed: list[str] = []
        self.current: list[Person] = []
        self.group: list[Person] = []  # the people of the last clause that named any
        self.shared = False  # this clause speaks of that group together (its amounts are the household's)
        self.couple_seen = 0
        self.absent: list[tuple[str, str]] = []  # (kind, words) of kin said to be absent in this clause
        self.counted: list[Person] = []  # the people named by the last count (两个孙子), in order
        self.text = ""  # the whole message
        self.clause_text = ""  # the clause being read
        self.subject: Person | None = None  # the first person of the last clause that named anyone
        self.hedged = False  # the clause being read is hearsay or a guess
        self.chain: Person | None = None  # the person a chained mention is the relative of
        self.expand: list[Person] = []  # the people a word just resolved stands for together (孩子 → 孙子们)
        self.carer: Person | None = None  # who opened the last clause caring for the others named in it

    # ---- setting facts ----------------------------------------------------------------------------
    def fact(self, value: Any, words: str, how: str | None = None) -> Fact[Any]:
        return Fact[Any](value=value, how=how or self.how, message=self.index, words=words)

    def put(self, owner: Any, name: str, value: Any, words: str, path: str, how: str | None = None) -> None:
        old = getattr(owner, name)
        if old is not None and old.value == value:
            return
        kind = how or ("corrected" if old is not None and self.how == "corrected" else self.how)
        clause = self.text.find(self.clause_text) if self.clause_text else -1
        at = clause + max(0, self.clause_text.find(words)) if clause >= 0 else None
        setattr(owner, name, Fact[Any](value=value, how=kind, message=self.index, words=words, at=at))
        self.changed.append(path)

    # ---- people pass ------------------------------------------------------------------------------
    def mentions(self, clause: str) -> list[_Mention]:
        pattern, by_word = _person_words()
        t = people()
        found: list[_Mention] = []
        last_absent = -1
        inside = _fact_spans(clause)
        skip_to = -1
        for m in pattern.finditer(clause):
            if m.start() < skip_to:
                continue  # the second word of 孩子奶奶 after 申请人是: read with the first
            if any(a <= m.start() < b and not (a == m.start() and b == m.end()) for a, b in inside):
                continue  # 小儿麻痹: a person word inside a word for a fact
            kind, gender = by_word[m.group(0)]
            word = m.group(0)
            after = clause[m.end():]
            before = clause[max(0, m.start() - 2): m.start()]
            if kind == "focus":
                around = clause[max(0, m.start() - 1): m.end() + 2]
                if any(n in around for n in t.not_pronoun):
                    continue
                nxt = pattern.match(after)
                if nxt and by_word[nxt.group(0)][0] not in ("focus", "self", "applicant", "couple"):
                    continue  # 他爸: the focus person's relative (handled at the relative)
                if any(after.startswith(w) for w in t.short):
                    continue  # 他妈
            if kind == "self":
                rest = after.lstrip()
                # 帮我看看, 给我算算: the speaker is served, not described
                talking = any(rest.startswith(w) for w in t.speaker_talking) or (
                    clause[max(0, m.start() - 1): m.start()] in t.proxy.before and not find_amounts(rest[:4]))
                described = any(rest.startswith(w) for w in t.speaker_described) or any(
                    a.start == 0 for a in find_amounts(rest[:4])) or _says_status(rest, t.apposition)
                if (talking or self.role == "caseworker") and not described:
                    continue  # (a caseworker's 我核了一下 / 我拍了照片: the one at work, not a member described)
                nxt = pattern.match(after)
                if nxt and by_word[nxt.group(0)][0] not in ("focus", "self"):
                    continue  # 我妈: the relative, not the speaker
                if any(after.startswith(w) or (after[:1] in t.ordinal and after[1:].startswith(w)) for w in t.short):
                    continue  # 我舅, 我二叔
            if kind not in ("focus", "self", "couple", "pair") and found and found[-1].kind == "self" and any(
                    re.search(a, clause[: m.start()]) for a in t.speaker_apposition):
                continue  # 我一个老婆子: the speaker, said who they are
            if kind not in ("focus", "self", "couple") and self._absent(clause, m.start(), found):
                self.absent.append((kind, clause[max(0, m.start() - 3): m.end()]))
                last_absent = m.end()
                continue  # 没有子女, 没娶过媳妇: nobody to add
            if kind not in ("focus", "self", "couple") and last_absent >= 0 and \
                    clause[last_absent: m.start()] in people().joiners:
                last_absent = m.end()
                continue  # 没有儿子闺女: the second is absent too
            prev = found[-1] if found else None
            gap = clause[prev.end: m.start()] if prev else None
            if prev is not None and prev.kind == "applicant" and gap in t.apposition and kind not in (
                    "focus", "self", "couple", "pair", "applicant") and not kind.startswith("of_focus"):
                prev.gender = prev.gender or gender  # 户主爷爷, 户主是奶奶: the applicant, said who they are
                at = m.end() + (1 if clause[m.end(): m.end() + 1] in t.chain else 0)
                whose = pattern.match(clause, at)
                role_kind, role_gender = by_word[whose.group(0)] if whose else (None, None)
                if whose and t.kin.get(role_kind) and t.kin.get(kind) is not None:
                    # 申请人是孩子奶奶: the applicant is the grandmother OF the child, who is named here
                    prev.gender, prev.frame, prev.alias = role_gender, t.kin[role_kind], whose.group(0)
                    found.append(_Mention(m.start(), m.end(), word, f"ego:{kind}", gender))
                    skip_to = whose.end()
                else:
                    prev.alias = prev.alias or word
                continue
            if kind not in ("focus", "self", "couple") and re.search(r"是[^，,。、]{0,6}$", clause[max(0, m.start() - 7): m.start()]) \
                    and found:
                continue  # 他是独生子, 我妈是他唯一的姐姐: what someone is, not someone new (家里是我、儿子: a list)
            if kind == "parent" and before[-1:] not in people().possessive and self._minor_topic() is not None:
                kind = "of_focus:parent"  # 我外甥女十六，爸爸去世了: the child's father, not the speaker's
            cues = facts().cues
            if (
                kind not in ("focus", "self")
                and before[-1:] in (*cues.third_person, *cues.third_person_written)
                and not _has(clause[m.start() - 1 : m.end()], cues.not_third_person)
            ):
                kind = f"of_focus:{kind}"
            if kind not in ("focus", "self", "couple", "pair") and not kind.startswith("of_focus") and (
                    word in t.minor_words or kind == "applicant") and _introduced(clause[:m.start()]) and not _has(
                    self.text, t.own_household + facts().income.household):
                kind = "applicant"  # 村里有个男孩: someone the speaker tells of, not the speaker's child
            plural = kind not in ("focus", "self", "couple") and clause[max(0, m.start() - 2): m.start()] in \
                facts().cues.third_plural and bool(self.counted)
            if kind == "subject":
                if not (prev is not None and prev.end == m.start()):  # 老人自己: that person, said again
                    found.append(_Mention(m.start(), m.end(), word, kind))
                continue
            chained = bool(prev and prev.kind not in ("focus", "self", "couple") and kind not in (
                "focus", "self", "couple", "applicant") and not kind.startswith("of_focus") and (
                gap in t.chain or (gap == "" and kind in ("parent", "pair"))) and word[:1] not in t.possessive)
            # (俺爹俺娘: a word that opens with its own possessive is the speaker's, not the one before's)
            focus = kind.startswith("of_focus:")
            if kind.split(":")[-1] == "pair":
                named = [(x.speaker, x.gender, x.label) for x in t.pairs[word]]
            else:
                named = [(kind.split(":")[-1], gender, word)]
            for k, g, w in named:
                k = f"of_focus:{k}" if chained or focus or plural else k
                found.append(_Mention(m.start(), m.end(), w, k, g, chained, plural))
        for which, words in t.counting.order.items():
            for w in sorted(words, key=len, reverse=True):
                at = clause.find(w)
                counted = self.counted or _count_before(clause[:at])
                if at >= 0 and counted and not any(f.start <= at < f.end or at <= f.start < at + len(w)
                                                        for f in found):
                    found.append(_Mention(at, at + len(w), w, f"order:{which}"))
                    break
        for w in t.size.couple_words:
            at = clause.find(w)
            if at >= 0 and not any(f.start <= at < f.end for f in found):
                named = self.named_couple()
                if named:
                    # 户主…老伴…，老两口的养老金: the couple already named, not two more people
                    found += [_Mention(at, at + len(w), w, f"key:{p.key}") for p in named]
                    break
                topic = self.current[0] if self.current and not found else None
                if topic is not None and topic.speaker not in ("self", "applicant", None) and topic.member and \
                        topic is self.applicant(create=False):
                    # 我爸今年七十二…，老两口: the person talked about and their spouse
                    found.append(_Mention(at, at + len(w), w, "focus"))
                    found.append(_Mention(at, at + len(w), w, "of_focus:spouse"))
                    break
                me = "applicant" if self.role == "caseworker" else "self"
                found.append(_Mention(at, at + len(w), w, me))
                found.append(_Mention(at, at + len(w), w, "spouse"))
                break
        if self.role == "caseworker":
            for pat in t.names:
                for m in re.finditer(pat, clause):
                    if any(f.start <= m.start() < f.end for f in found) or any(f.end == m.start() for f in found):
                        continue  # 户主韦某, 其子韦某某: the person just named, by name
                    found.append(_Mention(m.start(), m.end(), m.group(0), "applicant"))
        groups = t.size.group_prefix + t.size.pair_words
        for m in _short_words().finditer(clause):
            word = m.group(1) or m.group(2)
            start = m.start(1) if m.group(1) else m.start(2)
            if any(f.start <= start < f.end for f in found) or any(clause.startswith(w, start) for w in groups):
                continue  # 母女俩: a group said at once, not the mother alone
            if any(a <= start < b for a, b in inside) or (m.group(1) and any(a <= start - 1 < b for a, b in inside)):
                continue  # 小儿麻痹
            kind = t.short[word]
            if m.group(1) and clause[start - 1] in (*facts().cues.third_person, *facts().cues.third_person_written):
                kind = f"of_focus:{kind}"
            elif m.group(1):
                # 我舅, 二叔: named with the possessive or the ordinal, as the speaker will name them again
                word = clause[start - 1] + word
                if clause[start - 1] in t.ordinal and clause[start - 2: start - 1] in t.possessive:
                    word = clause[start - 2] + word
            found.append(_Mention(start, start + len(m.group(1) or m.group(2)), word, kind))
        found.sort(key=lambda x: x.start)
        return found

    @staticmethod
    def _absent(clause: str, start: int, found: list[_Mention]) -> bool:
        """A negation (and a verb of having or marrying) right before a kinship word: 没有孩子, 没娶过媳妇."""
        a = people().absence
        verbs = "|".join(map(re.escape, sorted(a.verbs, key=len, reverse=True)))
        negs = "|".join(map(re.escape, sorted(a.negations, key=len, reverse=True)))
        before = clause[max(0, start - 5): start]
        return bool(re.search(rf"(?:{negs})(?:{verbs})?(?:过)?$", before))

    def absences(self, targets: list[Person], clause: str) -> None:
        """Kin the person has none of: kinship words skipped as absent, and words of (not) marrying."""
        a = people().absence
        neg = facts().negation
        kinds = dict(self.absent)
        for kind, entry in (("spouse", a.spouse), ("child", a.child)):
            w = _has(clause, entry.outright)
            for word in entry.negated:
                at = clause.find(word)
                if at >= 0 and _has(clause[max(0, at - neg.window): at], a.negations):
                    w = w or clause[max(0, at - 2): at + len(word)]
            if w:
                kinds.setdefault(kind, w)
        self.absent = []
        if not kinds:
            return
        for p in self._target_or_applicant(targets[:1]):
            for kind, words in kinds.items():
                name = {"spouse": "no_spouse", "child": "no_children"}.get(kind)
                if name:
                    self.put(p, name, True, words, f"{p.key}.{name}")

    def _minor_topic(self) -> Person | None:
        """The child being talked about when it is someone else's child (a grandchild, a niece), if any."""
        topic = self.current[0] if self.current else None
        if topic is not None and topic.parent_of:
            topic = self.s.person(topic.parent_of)
        if topic is not None and topic.age is not None and topic.age.value.max < 18 and topic.speaker not in (
                "self", "child", None):
            return topic
        return None

    def resolve(self, mention: _Mention, clause: str) -> Person | None:
        s = self.s
        kind = mention.kind
        if kind.startswith("order:"):
            # 大的14，小的8岁: one of the people counted before
            if not self.counted:
                return None
            which = kind.split(":", 1)[1]
            index = {"first": 0, "second": 1, "third": 2, "last": -1}[which]
            return self.counted[min(index, len(self.counted) - 1)]
        if kind.startswith("key:"):
            return s.person(kind.split(":", 1)[1])
        if kind == "focus":
            found = self.current[0] if self.current else self.applicant(create=False)
            sex = facts().cues.gendered_pronouns.get(mention.word)
            if found is not None and sex is not None and found.gender not in (None, sex):
                # 她老公没了，她…: the pronoun's sex rules out the man just named; the applicant or a woman named
                app = self.applicant(create=False)
                fits = [q for q in [app, *reversed(s.present())] if q is not None and q.gender in (None, sex)]
                found = fits[0] if fits else found
            return found
        if kind == "subject":
            # 他一个人带着儿子，自己是二级残疾: 自己 is who the sentence is about, not the last person named
            return self.subject or (self.current[0] if self.current else self.applicant(create=False))
        if kind == "couple":
            self.couple_seen += 1
            existing = [p for p in s.members if p.label == mention.word]
            if existing:
                return existing[0]
            spouse = next((p for p in s.present() if p.speaker == "spouse"), None)
            app = self.applicant(create=False)
            if app is not None and spouse is not None:
                # 两口子 … 男的 / 女的: the couple already named
                return app if self.couple_seen == 1 else spouse
            if self.applicant(create=False) is None or self.couple_seen == 1 and not s.members:
                p = s.new_person(mention.word, "applicant")
                s.applicant = p.key
                return p
            return s.new_person(mention.word, "spouse")
        if kind.startswith("of_focus:"):
            rel = kind.split(":", 1)[1]
            app = self.applicant(create=False)
            # 她爸: the relative of the person talked about — the minor in the household if there is one
            minors = [p for p in s.present() if p.age is not None and p.age.value.max < 18]
            topic = self.current[0] if self.current else app
            if topic is not None and topic.parent_of:
                topic = s.person(topic.parent_of)  # 她爸…，她妈…: both of the same child
            base = self.chain or (minors[0] if len(minors) == 1 else None) or topic
            label = (base.label if base else "") + mention.word
            existing = next((p for p in s.members if p.label in (label, mention.word) and p.speaker is None), None)
            p = existing or s.new_person(label, None)
            p.gender = p.gender or mention.gender  # type: ignore[assignment]
            if rel == "parent" and base is not None:
                p.parent_of = base.key
            steps = people().kin.get(rel)
            if base is not None and _kin(base) is not None and steps is not None and p.kin is None:
                p.kin = _kin(base) + steps  # 她爸: the path to her, then one step up
            if base is not None and base is app and rel in people().engine_relation:
                self.put(p, "relation", rel, mention.word, f"{p.key}.relation", how="inferred")
            elif p.relation is None:
                self.put(p, "relation", "other", mention.word, f"{p.key}.relation", how="inferred")
            return p
        if kind == "self" and mention.word in people().applicant_self and (
                self.role == "caseworker" or s.speaker_is_member is False):
            app = self.applicant(create=False)
            if app is not None:
                return app  # 申请人张某…。本人年收入两千: the applicant, said again in a note's words
        label = "本人" if kind == "self" else mention.word
        if kind == "child" and clause[max(0, mention.start - 1): mention.start] not in people().possessive:
            # 孩子 / 男孩 without 我: the minor already described (the caseworker's 儿童, the grandchild) if one
            minors = [p for p in s.present() if (p.age is not None and p.age.value.max < 18) or (
                p.speaker == "applicant" and p.label in people().minor_words)]
            # (另有一个儿子 after 女儿14岁: another child, of the other sex)
            minors = [p for p in minors if None in (p.gender, mention.gender) or p.gender == mention.gender]
            if any(re.search(pat, clause[: mention.start]) for pat in people().introduce):
                minors = []  # 另有一个儿子: one more, introduced
            if len(minors) == 1:
                return minors[0]
            young = self.youngest() if mention.word in people().minor_words and not minors else []
            if young:
                self.expand = young  # 两个孙子 … 孩子上小学: the youngest already named, all of them
                return young[0]
        if mention.word in people().size.couple_words:
            label = "本人" if kind == "self" else ("申请人" if kind == "applicant" else "配偶")
        if kind == "applicant":
            app = self.applicant(create=False)
            if app is not None and app.speaker == "applicant":
                self._framed(app, mention)
                return app
        if kind.startswith("ego:"):
            # 申请人是孩子奶奶: the child is where the kinship words of the description start (path "")
            p = s.new_person(mention.word, kind.split(":", 1)[1], "")
            p.gender = mention.gender  # type: ignore[assignment]
            return p
        prefix = next((w for w in sorted(people().counting.ordinal_prefix, key=len, reverse=True)
                       if mention.word.startswith(w) and len(mention.word) > len(w)), None)
        counted = [p for p in self.counted if p.speaker == kind]
        if prefix is not None and len(counted) >= 2:
            index = people().counting.ordinal_prefix[prefix]
            if index < len(counted):
                return counted[index]  # 三个孩子 … 大儿子17岁, 小闺女8岁: one of those counted
        same = [p for p in s.members if p.label == label or (p.speaker == kind and _same_word(p.label, mention.word))
                or (p.speaker == kind and kind in people().unique and p.member)]
        if not same and kind == "parent" and mention.gender is not None:
            # 户主的父母都健在…父亲七十五 / father … dad: the father already named (one of each sex), not a second one
            path = people().kin["parent"]
            same = [p for p in s.present() if p.gender == mention.gender and (
                p.kin == path and p.speaker is None or p.speaker == "parent" and p.kin in (None, "", path))]
        if same:
            return same[0]
        known = self.already_counted(mention)
        if known is not None:
            return known
        # a caseworker's first person is the applicant: the kinship words that follow are relative to them
        origin = "" if (self.role == "caseworker" or kind == "applicant") and self.applicant(create=False) is None \
            else self._proxied_kin(mention, clause)
        p = s.new_person(label, kind, origin)
        p.gender = mention.gender  # type: ignore[assignment]
        self._framed(p, mention)
        p.vague = mention.word in people().size.couple_words or kind == "applicant"
        if kind == "self":
            s.speaker_is_member = True
        if kind == "other" and self.applicant(create=False) not in (None, p):
            # 邻居帮着照顾: a neighbour or friend is no member of the household
            p.gone = Fact[Any](value="apart", how="inferred", message=self.index, words=mention.word)
        return p

    @staticmethod
    def _framed(app: Person, mention: _Mention) -> None:
        """申请人是孩子奶奶: the applicant takes the path of 奶奶 from the child (so the child's parents are the
        applicant's children) and the word itself, so a later 奶奶 is the applicant."""
        if mention.frame is not None:
            app.kin = mention.frame
        if mention.alias:
            app.label = mention.alias
            app.gender = app.gender or mention.gender  # type: ignore[assignment]

    def _proxied_kin(self, mention: _Mention, clause: str) -> str | None:
        """替我表姐问…她一个人带着两个孩子: with the speaker asking for someone else, a spouse or younger kin word
        said without the speaker's own possessive (我, 俺) is the applicant's relative, not the speaker's (the
        speaker's elders, 爸爸 / 奶奶, stay the speaker's)."""
        app = self.applicant(create=False)
        steps = people().kin.get(mention.kind)
        if self.s.speaker_is_member is not False or app is None or app.speaker in ("self", "applicant") or not steps:
            return None
        own = people().possessive[:3]  # 我, 俺, 咱: the speaker's own
        if mention.word[:1] in own or clause[max(0, mention.start - 1): mention.start] in own or steps[0] == "P":
            return None
        base = _kin(app)
        return base + steps if base is not None else None

    def named_couple(self) -> list[Person]:
        """The couple a 老两口 / 两口子 speaks of when both are already named: the applicant (or the speaker)
        and their spouse, or the latest man and woman of an older kind (爷爷、奶奶); [] when none is."""
        present = self.s.present()
        spouse = next((p for p in present if p.speaker == "spouse"), None)
        me = next((p for p in present if p.speaker in ("self", "applicant") or p.kin == ""), None)
        couples = [[me, spouse]] if me is not None and spouse is not None and me is not spouse else []
        for kind in people().couple_kinds:
            same = [p for p in present if p.speaker == kind]
            men = [p for p in same if p.gender == "m"]
            women = [p for p in same if p.gender == "f"]
            if men and women:
                couples.append([men[-1], women[-1]])
        if not couples:
            return []
        order = {p.key: i for i, p in enumerate(self.s.members)}
        return max(couples, key=lambda c: max(order[p.key] for p in c))

    def applicant(self, create: bool = True) -> Person | None:
        s = self.s
        if s.applicant and s.person(s.applicant):
            return s.person(s.applicant)
        present = s.present()
        if present:
            return present[0]
        if not create:
            return None
        kind = "applicant" if self.role == "caseworker" else "self"
        p = s.new_person("申请人" if kind == "applicant" else "本人", kind)
        p.named = False
        s.applicant = p.key
        return p

    # ---- one clause -------------------------------------------------------------------------------
    def clause(self, clause: str) -> None:
        # hearsay or a guess anywhere in the clause (邻居都说他…, 残疾证办没办我真不清楚): no flag is read from it
        self.hedged = bool(_has(clause, facts().hedges))
        self.clause_text = clause
        mentions = self.mentions(clause)
        segments: list[tuple[list[Person], str, _Mention | None, int]] = []
        persons: list[Person] = []
        group: list[Person] = []
        joiners = people().joiners
        pairs: list[tuple[Person, _Mention]] = []
        joined: list[Person] = []
        lead_in: dict[int, int] = {}  # where a mention's segment starts when words before it describe them
        first = 0  # the first mention of the current group
        if mentions and _modifier(clause[: mentions[0].start]):
            lead_in[0] = mentions[0].start - len(_modifier(clause[: mentions[0].start]))
        for i, m in enumerate(mentions):
            self.expand = []
            same_word = bool(pairs) and pairs[-1][1].start == m.start  # 户主父母: the mother shares the father's base
            self.chain = (self.chain if same_word else pairs[-1][0]) if m.chained and pairs else None
            if m.plural:
                self.chain = self.counted[0]
            p = self.resolve(m, clause)
            several = self.counted_with(p, m, clause) if p is not None else []
            several = several or list(self.expand)
            if p is not None:
                pairs.append((p, m))
            for q in several or ([p] if p is not None else []):
                if q not in persons:
                    persons.append(q)
                if q not in group:
                    group.append(q)
            end = mentions[i + 1].start if i + 1 < len(mentions) else len(clause)
            between = clause[m.end:end].strip()
            modifier = _modifier(clause[m.end:end]) if i + 1 < len(mentions) else ""
            if modifier:
                end -= len(modifier)  # 照看两个上初中的孩子: 上初中 describes the children, not the carer
                between = clause[m.end:end].strip()
                lead_in[i + 1] = end
            owned = m.kind == "applicant" and between == "" and mentions[i + 1:i + 2] and mentions[i + 1].kind not in (
                "focus", "self", "couple", "applicant", "subject")  # 申请人妻子: the applicant's wife, not both
            if i + 1 < len(mentions) and between in joiners and not modifier and i not in lead_in and \
                    not mentions[i + 1].kind.startswith("order:") and not owned:
                continue  # 姥姥姥爷早就没了: the next person shares what is said
            start = lead_in.get(first, m.start) if segments else 0
            segments.append((group, clause[start:end], m, m.end - start))
            if len(group) > 1:
                joined = list(group)  # 我跟老伴, 老两口: said together
            group = []
            first = i + 1
        if not segments:
            segments = [([], clause, None, -1)]
        everyone = "都" in clause and len(persons) > 1
        if is_question(clause) and not mentions and not opens_what_if(clause):
            # 视力二级残疾的人在哪里申请？ asks about people in general; 要是…标准一年五千二呢 supposes facts
            segments = []
        # 我跟老伴…，都七十了 / 一年卖粮五千: both of them (people joined in one phrase, not 她有个儿子)
        together = not mentions and len(self.group) > 1
        others = _has(clause[:6], people().others)
        if others and not mentions:
            # 其他人没病没残疾: everyone but the person just described
            rest = [p for p in self.s.present() if p not in self.current]
            if rest:
                segments = [(rest, clause, None, -1)]
        for ps, text, m, lead in segments:
            targets = persons if everyone else ps
            if not targets and together and ("都" in clause or _has(clause, facts().income.per_person)):
                targets = list(self.group)
            elif not targets:
                targets = self.current[:1] if self.current else []
            # carried, not both: an amount is the family's (not the carer's own work: 她带着两个孩子，打零工…)
            self.shared = together and targets != self.group and targets != [self.carer]
            self.gone(targets, text)
            self.member_facts(targets, text, m, lead)
        self.absences(persons or self.current, clause)
        # the topic of the next clause: the last person named here (她有个儿子 → 儿子), a pronoun only if alone
        # (申请人是孩子奶奶: the child named inside the apposition is not the topic; the applicant is)
        named = [p for p, m in pairs if m.kind != "focus" and not m.kind.startswith("ego:") and p.member]
        if pairs and _first_kind(pairs) != "subject" and pairs[0][1].start <= 1:
            self.subject = pairs[0][0]  # a person who opens the clause is its subject (带着孙子 has none said)
        # a person named as the one cared for (带一个上高一的女儿) is not who the next clause goes on about
        caring = people().size.alone_caring
        cared = [p for p, m in pairs if _has(clause[max(0, m.start - 8): m.start], caring)]
        subject = pairs[0][0] if pairs and pairs[0][1].start <= 1 and pairs[0][1].kind not in ("subject",) else None
        if persons and self.current and clause_opens_with_care(clause, caring) and all(p in cared for p in named):
            self.group = [p for p in joined if p.member]
        elif subject is not None and subject.member and subject not in cared and cared and all(
                p in cared for p in named if p is not subject):
            # 她一个人带着两个孩子，打零工…: the carer who opens the clause stays its topic, not the children cared for
            self.current = [subject]
            self.group = [p for p in persons if p is not subject and p.member]  # (…，都上小学: the children)
            self.carer = subject
        elif persons:
            # 全靠邻居照顾 / 靠老伴照顾: the helper named is not the topic; the person described stays it
            helping = people().size.helping
            helpers = [p for p, m in pairs if _has(clause[m.end: m.end + 3], helping)]
            if not (self.current and helpers and all(p in helpers for p in persons)):
                self.current = ([named[-1]] if named else persons[-1:]) if self.s.present() else self.current
            self.group = [p for p in joined if p.member]
        sized = len(self.changed)
        self.household_facts(clause)
        size = self.s.household_size
        if not mentions and "household_size" in self.changed[sized:] and size is not None and size.value > 1:
            # 我老公残疾一级，我们家三口人，一年收入一万多: after the household is counted, an unowned figure is its own
            self.current, self.group = [], []

    def youngest(self) -> list[Person]:
        """The members two or more generations below the applicant (the grandchildren), whose ages are not
        adult: what a bare 孩子 most likely means in a household that has them."""
        app = self.applicant(create=False)
        if app is None or _kin(app) is None:
            return []
        if kinship.generation(_kin(app) or "") <= -2 and not any(
                p.kin is None and p.speaker == "child" for p in self.s.present()):
            # 我孙子他爸没了 … 孩子8岁: the grandchild talked about is the 孩子 (the speaker names no child of their own)
            return [app] if app.age is None or app.age.value.min < 18 else []
        out = []
        for p in self.s.present():
            path = _kin(p)
            if p is app or path is None or (p.age is not None and p.age.value.min >= 18):
                continue
            if kinship.generation(kinship.compose(_kin(app) or "", path)) <= -2:
                out.append(p)
        return out

    def already_counted(self, mention: _Mention) -> Person | None:
        """一户老两口 … 老爷子: with every member of a stated household size already present, a new word for a
        person of the same sex is one of those named vaguely (老两口, 户主), not one more member."""
        s = self.s
        size = s.household_size
        if size is None or size.how == "inferred" and not any(p.vague or not p.named for p in s.present()):
            return None
        present = s.present()
        if len(present) < size.value or mention.kind == "self" or mention.gender is None:
            return None
        path = people().kin.get(mention.kind)
        if path is None or kinship.generation(path) < 0:
            return None  # 孙子, 儿子 name a younger relative, never the old person named vaguely (老爷子 may)
        app = self.applicant(create=False)
        fits = [p for p in present if (p.vague or not p.named) and p.speaker != "self"
                and p.gender in (None, mention.gender)]
        fits.sort(key=lambda p: p is not app)
        if not fits:
            return None
        fits[0].gender = mention.gender  # type: ignore[assignment]
        return fits[0]

    def counted_with(self, p: Person, m: _Mention, clause: str) -> list[Person]:
        """两个孙子, 孩子俩: the people a count names with one kinship word (at least that many of the kind)."""
        c = people().counting
        if m.kind in ("self", "focus", "couple", "applicant") or m.kind.startswith(("order:", "of_focus")):
            return []
        if p.speaker in people().unique:
            return []  # 我跟老伴两个人: the count is of the list, there is one spouse
        n = _count_at(clause, m.start, m.end)
        if n < 2 or n > c.max:
            return []
        kin = [q for q in self.s.present() if q.speaker == p.speaker and q.kin == p.kin]
        kin = ([p] if p not in kin else []) + kin
        while len(kin) < n:
            kin.append(self.s.new_person(f"{p.label}{len(kin) + 1}", p.speaker, p.kin))
            self.changed.append(f"{kin[-1].key}")  # a person counted is a fact about the household
        self.counted = kin[:n]
        return self.counted

    def gone(self, targets: list[Person], text: str) -> None:
        t = people()
        for kind, words in t.gone.items():
            w = _has(text, words)
            if w and targets:
                for p in targets:
                    if p.speaker in ("self", "applicant", None) and p.key == self.s.applicant or p.kin == "" or (
                            p.speaker in ("self", "applicant") and kind == "divorced"):
                        continue  # 户主去年离婚: the applicant's marriage ended, the applicant is still here
                    if p.speaker == "self" and kind == "apart" and self.works_away(text):
                        continue  # 我四十八，在外面打零工: the speaker earning away still describes their household
                    if kind == "divorced" and self._spouse_of_someone_else(p):
                        continue  # 我弟五十多，离婚了: his marriage ended; he is still in the household
                    self.put(p, "gone", kind, w, f"{p.key}.gone")
                return

    def _spouse_of_someone_else(self, p: Person) -> bool:
        """Whether ``p`` is not the applicant's (or speaker's) spouse: a divorce said of them ends their own
        marriage, it does not take them out of the household."""
        app = self.applicant(create=False)
        if app is None or p is app:
            return False
        return _relation(app, p) != "spouse" and p.speaker != "spouse"

    @staticmethod
    def works_away(text: str) -> bool:
        kinds = facts().income.kinds
        return bool(_has(text, kinds["migrant_work"] + kinds["wage"]))

    def _target_or_applicant(self, targets: list[Person]) -> list[Person]:
        if targets:
            return targets
        app = self.applicant()
        return [app] if app else []

    def member_facts(self, targets: list[Person], text: str, mention: _Mention | None, lead: int = -1) -> None:
        f = facts()
        several = len(targets) > 1 and targets == self.counted
        ages = _each_age(text[max(lead, 0):]) if several else []
        if several and len(ages) == len(targets):
            for p, (q, words) in zip(targets, ages, strict=True):  # 三个娃分别10岁、7岁、4岁: in order
                self.put(p, "age", q, words, f"{p.key}.age")
        # a clause that is only a figure and 了 (…，七十四了) is the age of the person carried from before
        # (or only a figure, in a note's list: 赵某，女，43，离异)
        alone = bool(targets and re.fullmatch(r"[\d一二三四五六七八九十两零〇有]+(?:了|啦)", text.strip())) or bool(
            re.fullmatch(r"\d{1,3}", text.strip()))
        age = None if several else _age(text, mention is not None or alone, lead,
                                        bool(mention and mention.kind.startswith("order:")))
        if age is None and not several and re.fullmatch(r"\d{1,3}", text.strip()) and 1 <= int(text) <= f.ages.max:
            age = (Quantity.point(float(int(text))), text.strip())  # 赵某，女，43，离异: a note's bare figure
        if age is not None:
            # 他、儿子、儿媳、孙女5岁: a figure right after the last of a list is that one's, unless said of all (都)
            alone = len(targets) > 1 and not _has(text, f.cues.together) and targets != self.counted
            for p in self._target_or_applicant(targets[-1:] if alone else targets):
                self.put(p, "age", age[0], age[1], f"{p.key}.age")
        for flag in f.flags:
            if flag.scope != "member" or self.hedged:
                continue
            hit = _flag(text, flag)
            if hit is None:
                continue
            value, words, nobody = hit
            # 没大病没残疾 with nobody named in this message: said of the household, not of the applicant
            if nobody or (not targets and (value != flag.value or value is False) and self.household_of_several()):
                self.everyone(flag, words)
                continue
            for p in self._target_or_applicant(targets):
                self.member_flag(p, flag, value, words, text)
        grade = None if self.hedged else _GRADE.search(text)
        # 有智力残疾证，二级: a grade said alone right after the disability of the person carried over
        alone_grade = bool(grade) and grade.group(0) == text.strip() and any(p.disability for p in targets)
        if grade and (_has(text, facts().cues.disability_context) or alone_grade):
            for p in self._target_or_applicant(targets):
                value = int(find_amounts(grade.group(1))[0].value.min)
                d = (p.disability.value if p.disability else Disability()).model_copy(update={"grade": value})
                if d.category in (None, "none"):
                    d.category = None
                self.put(p, "disability", d, grade.group(0), f"{p.key}.disability.grade")
        self.parents(targets, text)
        self.money(targets, text)
        if mention is None and _has(text, f.income.household) and any(is_money(a, text) for a in find_amounts(text)):
            return  # 一年的养老金加起来三千多: the household's figure; what each one lives on is not said
        self.work(targets, text)

    def household_of_several(self) -> bool:
        s = self.s
        return len(s.present()) > 1 or (s.household_size is not None and s.household_size.value > 1)

    def work(self, targets: list[Person], text: str) -> None:
        """What a named person lives on (男的在建筑队干活, 我跟她爸在家种地), with or without an amount."""
        f = facts().income
        neg = facts().negation
        text = _mask(text, f.not_kinds)
        said = self.clause_text or text
        if _has(said, [w for w in neg.past if len(w) > 1]) and not _has(said, neg.now):
            return  # 原来两口子都在深圳打工: what they did before
        kinds = [(text.find(w), k, w) for k, words in f.kinds.items() if k not in ("subsidy", "other")
                 for w in words if w in text]
        # 不能上班, 没有退休金, 能下地干活: denied, or an ability (labour capacity), not what they live on
        kinds = [(at, k, w) for at, k, w in kinds
                 if not _has(text[max(0, at - 3): at], neg.cues + f.ability) or _has(text[max(0, at - 3): at], neg.not_negation)]
        if not kinds or _followed_by_none(text, [w for _, _, w in kinds]):
            return
        _, kind, word = min(kinds)
        for p in targets:
            if p.named and p.member and p.income_kind is None:
                self.put(p, "income_kind", kind, word, f"{p.key}.income_kind")

    def everyone(self, flag: Flag, words: str) -> None:
        if flag.slot.startswith("disability"):
            self.put(self.s.everyone, "no_disability", True, words, "everyone.no_disability")
        elif flag.slot == "serious_illness":
            self.put(self.s.everyone, "no_serious_illness", True, words, "everyone.no_serious_illness")

    def member_flag(self, p: Person, flag: Flag, value: Any, words: str, text: str) -> None:
        slot = flag.slot
        app = self.applicant(create=False)
        if slot == "legal_supporters" and value in ("able", "unable") and app is not None and p is not app:
            p = app  # 儿子有能力赡养: said of the supporter, it is a fact about the applicant's supporters
        if slot.startswith("disability."):
            part = slot.split(".", 1)[1]
            d = (p.disability.value if p.disability else Disability()).model_copy()
            if part == "any":
                if value is False:
                    d = Disability(category="none")
                elif d.category is None or d.category == "none":
                    if d.category == "none":
                        d = Disability()
                    else:
                        return
            elif part == "category":
                if d.category == "none":
                    d = Disability()
                d.category = value
            elif part == "certified":
                if d.category == "none" and value:
                    d = Disability()
                if value is False and d.category is None:
                    d = Disability(category="none")
                else:
                    d.certified = value
            self.put(p, "disability", d, words, f"{p.key}.{slot}")
            return
        self.put(p, slot, value, words, f"{p.key}.{slot}")

    def parents(self, targets: list[Person], text: str) -> None:
        """A parent's situation said of the applicant's (or the child's) father / mother."""
        f = facts()
        situation = next((k for k, words in f.parents.items() if k != "both" and _has(text, words)), None)
        derived = situation is None
        if situation is None:
            situation = _severe_disability_said(text)
        if situation is None:
            return
        both = bool(_has(text, f.parents["both"])) or "双" in text
        for p, child in self._children_of(targets):
            if not self._a_child(child, derived or situation in ("severe_disability", "serious_illness")):
                continue  # 我妈瘫痪了, 我妈有视力一级的证 said by an adult: the parent's own fact, not a child's
            current = list(child.parents_situation.value) if child.parents_situation else []
            slot = 0 if p.label.endswith(tuple(facts().cues.father)) else 1
            while len(current) < 2:
                current.append(None)  # type: ignore[arg-type]
            if both:
                current = [situation, situation]
            else:
                current[slot] = situation
            self.put(child, "parents_situation", current, _has(text, f.parents[situation]),
                     f"{child.key}.parents_situation")
            if situation != "normal" and p.gone is None and not derived:
                # a parent in prison, out of contact or dead does not live with the child (one whose grade was
                # said stays, with that fact: 母亲智力四级 may be screened in her own right)
                self.put(p, "gone", "deceased" if situation == "deceased" else "apart", text, f"{p.key}.gone",
                         how="inferred")
        if both and not targets:
            app = self.applicant(create=False)
            if app is not None and app.age is not None and app.age.value.max < 18:
                self.put(app, "parents_situation", [situation, situation], _has(text, f.parents[situation]),
                         f"{app.key}.parents_situation")

    def _a_child(self, p: Person, strict: bool) -> bool:
        """Whether ``p`` may be a child whose parents' situation counts: under 18 (or still at school), or of
        unknown age and named as a child; a parent's illness or disability (said of anyone's parent) needs one of
        those said."""
        asked = self.s.pending is not None and self.s.pending.field.endswith("parents_situation")
        if asked:
            return True  # the answer to the question asked about a child's parents (settled onto that child)
        if p.age is not None:
            return p.age.value.min < 18 or p.student is not None and p.student.value not in ("none", None)
        young = p.label in people().minor_words or p.speaker in (*people().young_kinds, "applicant")
        return young or not strict

    def _children_of(self, parents: list[Person]) -> list[tuple[Person, Person]]:
        """(parent, child) pairs; the parent of one of the people counted together is the parent of each."""
        out = []
        for p in parents:
            child = self.s.person(p.parent_of) if p.parent_of else self._child_of(p)
            if child is None:
                continue
            kids = self.counted if child in self.counted else [child]
            out += [(p, k) for k in kids]
        return out

    def _child_of(self, parent: Person) -> Person | None:
        """The applicant when ``parent`` is their father or mother."""
        app = self.applicant(create=False)
        if app is None or app is parent:
            return None
        rel = parent.relation.value if parent.relation else _relation(app, parent)
        if rel != "parent":
            # 申请人是孩子奶奶…父母双亡: the parents of the child the description starts from (path "")
            path = _kin(parent)
            ego = [q for q in self.s.present() if q.kin == "" and q is not app and q.speaker != "self"]
            if path is not None and len(ego) == 1 and kinship.relation("", path) == "parent":
                return ego[0]
            return None
        parent.gone = parent.gone or None
        return app

    def money(self, targets: list[Person], text: str) -> None:
        f = facts()
        s = self.s
        standard_words = [w for k, words in f.standards.items() if k != "cue" for w in words]
        # a figure right after what is paid, kept or spent (医药费也就一两百) is money too
        money_words = standard_words + f.expenses.rigid + f.expenses.employment + f.assets.words + f.income.words
        found = [a for a in find_amounts(text) if is_money(a, text) or (
            not a.unit and _has(text[max(0, a.start - 8): a.start], money_words)) or (
            not a.unit and _has(text[max(0, a.start - 20): a.start], standard_words + f.standards["cue"]))]
        income_words = ["收入", *f.income.kinds["pension"]]
        few = _vague_small(text, income_words) if not found else ""
        if few:
            # 收入没多少: some income, a small figure not said — a range from nothing, never a stated zero
            for p in self._target_or_applicant(targets):
                self.put(p, "income_yearly", _small(), few, f"{p.key}.income_yearly", how="inferred")
        none = "" if few else _has(text, f.income.none) or _followed_by_none(text, income_words)
        if none and not found:
            present = s.present()
            earned = [p for p in present if p.income_yearly is not None and p.income_yearly.message == self.index
                      and p.income_yearly.value.max > 0]
            if _has(text, f.income.household) and len(present) > 1 and not earned and (
                    not targets or set(map(id, targets)) == set(map(id, present))):
                self.put(s, "household_income_yearly", Quantity.point(0), none, "household_income_yearly")
            else:
                # 儿子一年挣两万，别的没收入: never over what this message said someone earns
                for p in self._target_or_applicant(targets):
                    if p not in earned:
                        self.put(p, "income_yearly", Quantity.point(0), none, f"{p.key}.income_yearly")
        for name, words, kinds in (("employment_costs_yearly", f.expenses.none_employment, f.expenses.employment),
                                   ("rigid_expenses_yearly", f.expenses.none_rigid, f.expenses.cost_words)):
            w = _has(text, words) or _negated_word(text, kinds)
            if w and not found:
                self.put(s, name, Quantity.point(0), w, name)
            if w:
                # 没什么大的开支，医药费也就一两百: the figure said is the expense, the rest are none
                self.no_other_deductions(w, skip=name if found else None)
        none_all = _has(text, f.expenses.none_all) or next(
            (m.group(0) for pat in f.expenses.none_all_patterns for m in [re.search(pat, text)] if m), "")
        if none_all:
            for name in DEDUCTIONS:
                if getattr(s, name) is None:  # 路费两千，没有其他扣减: a deduction said keeps its figure
                    self.put(s, name, Quantity.point(0), none_all, name)
        ok = _followed_by(text, f.assets.subject, f.assets.ok_after)
        if ok:
            self.put(s, "assets_within_limit", True, ok, "assets_within_limit")
        few = _vague_small(text, f.assets.words) if not found else ""
        if few:
            self.put(s, "assets_amount", _small(), few, "assets_amount", how="inferred")  # 存款没几个: not none
        said_none = "" if few else _has(text, f.assets.none) or _followed_by_none(text, f.assets.words)
        if said_none:
            self.put(s, "assets_amount", Quantity.point(0), said_none, "assets_amount")
            if s.assets_within_limit is None:
                # no savings at all: within any limit unless other property is mentioned (shown as inferred)
                self.put(s, "assets_within_limit", True, said_none, "assets_within_limit", how="inferred")
        for a in found:
            self.amount(targets, text, a)

    def no_other_deductions(self, words: str, skip: str | None = None) -> None:
        """"No extra spending" told about a household: the deductions nobody mentioned are taken as none
        (shown as inferred, so a caseworker sees it was not said outright and can correct the cell)."""
        s = self.s
        for name in DEDUCTIONS:
            if name != skip and getattr(s, name) is None:
                self.put(s, name, Quantity.point(0), words, name, how="inferred")

    def amount(self, targets: list[Person], text: str, a: Amount) -> None:
        f = facts()
        s = self.s
        before = text[: a.start]
        near = text[max(0, a.start - 12): a.end + 4]
        yearly = a.value.scaled(a.period)
        standard = next((k for k, words in f.standards.items() if k != "cue" and _has(before, words)), None)
        said = f.standard_said
        if standard and (_has(text, f.standards["cue"]) or (
                _has(before, said.cues) and not _has(text, said.not_with) and a.value.exact)):
            # (a figure told second-hand and said roughly, 五千六左右, is kept out: the engine would take it as exact)
            self.put(s.local, standard, yearly.min, a.text, f"local_parameters.{standard}")
            return
        if standard and _has(before, said.cues) and not _has(text, said.not_with):
            return  # 听说这边低保每月六百多: a standard told roughly, neither the standard nor anyone's income
        if _has(near, f.assets.words):
            self.put(s, "assets_amount", a.value, a.text, "assets_amount")
            return
        if _has(near, f.expenses.rigid) and not _has(near, f.income.words + sum(f.income.kinds.values(), [])):
            self.put(s, "rigid_expenses_yearly", yearly, a.text, "rigid_expenses_yearly")
            return
        if _has(near, f.expenses.employment):
            self.put(s, "employment_costs_yearly", yearly, a.text, "employment_costs_yearly")
            return
        kind = next((k for k, words in f.income.kinds.items() if _has(_mask(text, f.income.not_kinds), words)), None)
        incomeish = kind or _has(text, f.income.words + f.income.excluded)
        if not incomeish:
            # a bare money figure about a person (or the whole family), or one said per month, is what they get
            incomeish = bool(a.unit) or bool(_has(text, f.income.household)) or a.period != 1
        if not incomeish:
            return
        if _has(before, f.income.per_capita):
            self.put(s, "per_capita_income_yearly", yearly, a.text, "per_capita_income_yearly")
            return
        whole = _has(text, f.income.household)
        excluded = _has(text, f.income.excluded)
        size = s.household_size.value if s.household_size else 1
        each = _has(text, f.income.per_person)
        if each and (not whole or len(targets) > 1):
            for p in targets or s.present():  # 每人每月一百多的养老金: the same amount for each
                old = p.income_yearly.value if p.income_yearly else None
                self.put(p, "income_yearly", old.plus(yearly) if old and old.max else yearly, a.text,
                         f"{p.key}.income_yearly")
                if kind:
                    self.put(p, "income_kind", kind, _has(text, f.income.kinds[kind]), f"{p.key}.income_kind")
            return
        if not whole and self.shared:
            whole = "together"
        if not whole and size > 1 and all(not p.named for p in self._target_or_applicant(targets)):
            whole = "household"  # 五口人，一年挣一万二: said of nobody in particular, it is the family's
        if not whole and not targets and kind is None and self.household_of_several():
            whole = "household"  # 全年收入八千左右 in a message naming nobody, of a family of several: the family's
        if whole and not excluded:
            self.put(s, "household_income_yearly", yearly, a.text, "household_income_yearly")
            return
        for p in self._target_or_applicant(targets):
            if excluded:
                self.put(p, "income_excluded_yearly", yearly, a.text, f"{p.key}.income_excluded_yearly")
                old = p.income_yearly.value if p.income_yearly else None
                self.put(p, "income_yearly", old.plus(yearly) if old and old.max else yearly, a.text,
                         f"{p.key}.income_yearly")
            else:
                self.put(p, "income_yearly", yearly, a.text, f"{p.key}.income_yearly")
            if kind:
                self.put(p, "income_kind", kind, _has(text, f.income.kinds[kind]), f"{p.key}.income_kind")

    # ---- household-level facts --------------------------------------------------------------------
    def household_facts(self, clause: str) -> None:
        s = self.s
        f = facts()
        hedged = bool(_has(clause, f.hedges))
        for flag in f.flags:
            if flag.scope != "household" or hedged:
                continue
            hit = _flag(clause, flag)
            if hit is None:
                continue
            value, words, _ = hit
            if flag.slot.startswith("status.") and is_question(clause):
                continue  # 能吃低保吗 asks; it does not say the family has it
            if flag.slot == "event.kind" and value == "none" and flag.value != "none" and s.event.kind is not None:
                continue  # 着火了 … 没人受伤: one kind of event denied, not the event stated before
            if flag.slot.startswith("status.") and value is True and _has(clause, f.negation.past) \
                    and not _has(clause, f.negation.now):
                value = False  # 以前吃过低保: not now
            group, _, name = flag.slot.partition(".")
            if name:
                self.put(getattr(s, group), name, value, words, flag.slot)
            elif group == "area":
                if self.elsewhere(clause, gone_only=True):
                    continue  # 儿子儿媳在城里买了房不跟我们住: where relatives living apart live
                at = clause.find(words)
                if value == "urban" and words[-1:] in f.cues.place_suffixes and at > 0 and \
                        re.match(r"[\u4e00-\u9fff]", clause[at - 1]) and clause[at - 1] not in f.cues.before_area:
                    continue  # 土城镇: the name of a town ending in the word, not 城镇
                if value == "urban" and _has(clause, f.cues.not_residence) and not _has(
                        _mask(clause, f.cues.not_residence), f.residence):
                    continue  # 在县城打零工: where someone works, not where the household lives
                if flag.inferred:
                    if s.area is None or s.area.how == "inferred" and s.area.message != self.index:
                        self.put(s, "area", value, words, "area", how="inferred")
                    continue
                if s.area is None or s.area.how == "inferred" or self.how != "stated" or self.what_if or \
                        _has(clause, f.cues.area_change):
                    self.put(s, "area", value, words, "area")
            else:
                self.put(s, group, value, words, group)
        if s.event.kind is None and _has(clause, f.events.sudden):
            illness = next(fl for fl in f.flags if fl.slot == "serious_illness")
            hit = _flag(clause, illness)
            if hit is not None and hit[0] is True:
                self.put(s.event, "kind", "serious_illness", hit[1], "event.kind")
        self.size(clause)
        self.year(clause)
        self.region(clause)

    def size(self, clause: str) -> None:
        t = people().size
        s = self.s
        for a in find_amounts(clause):
            after = clause[a.end:]
            if any(clause.startswith(w, at) for w in t.couple_words + t.pair_words
                   for at in range(max(0, a.start - len(w) + 1), a.start + 1)):
                continue  # 两口子, 老两口 name a couple, not a household of two
            unit = next((u for u in sorted(t.units, key=len, reverse=True) if after.startswith(u)), "")
            before = clause[max(0, a.start - 4): a.start]
            prefix = any(before.endswith(w) for w in t.group_prefix)  # 祖孙三人, not 夫妻俩加三个孩子
            # (…婆婆七十，三个人: a clause that is only the count, after the people listed)
            counted = unit.startswith("口") or (unit and (_has(before, t.cues) or prefix or
                                                          clause.strip() == a.text + unit))
            pattern, _ = _person_words()
            of_one = any(m.end() == a.start for m in pattern.finditer(clause[: a.start]))
            if of_one and a.value.min < len(s.present()):
                continue  # 家里就户主一人在打工: the count of those who do something, not the household's size
            if counted and a.value.exact and 1 <= a.value.min <= 20:
                self.put(s, "household_size", int(a.value.min), clause[max(0, a.start - 2): a.end + len(unit)],
                         "household_size")
                return
            if prefix and a.value.exact and 1 < a.value.min <= 10:
                self.put(s, "household_size", int(a.value.min), before + a.text, "household_size")
                return
        listed = _listed_household(clause)
        at = self.text.find(clause)
        goes_on = at >= 0 and re.match(r"[，,、]?(?:还有|和|跟|以及|加上)", self.text[at + len(clause):])
        if listed is not None and 1 <= listed[0] <= 10 and not goes_on:
            count, words, how = listed
            self.put(s, "household_size", count, words, "household_size", how=how)
            return
        pair = _has(clause, t.pair_words)
        if pair and s.household_size is None and len(s.present()) <= 2:
            self.put(s, "household_size", 2, pair, "household_size", how="inferred")
        alone = _has(clause, t.alone)
        cares = alone and _has(clause[clause.find(alone) + len(alone):][:2], t.alone_caring)
        if alone and not cares and not _has(clause, ["不是" + alone, "不" + alone]):
            self.put(s, "household_size", 1, alone, "household_size")

    def year(self, clause: str) -> None:
        """The screening year: 按2019年, 2020年的标准, 2020年全家收入 — not the year something happened
        (2019年去世, 2019年刚脱贫)."""
        f = facts()
        cues = amounts().year_cues + f.income.words + f.income.household + [w for k, ws in f.standards.items() for w in ws]
        for a in find_amounts(clause):
            v = a.value.min
            if a.value.exact and 1990 <= v <= 2100 and clause[a.end:].startswith("年") and _has(clause, cues):
                self.put(self.s, "year", int(v), a.text + "年", "year")

    def elsewhere(self, clause: str, gone_only: bool = False) -> bool:
        """The clause speaks only of relatives other than the applicant and the speaker who are away, or
        who work or study there (闺女在苏州厂里上班, 儿子在县城读高中): a place in it is theirs."""
        persons = self.current
        if not persons or any(p.key == self.s.applicant or p.speaker in ("self", "applicant") or p.kin == ""
                              for p in persons):
            return False
        if any(p.gone is not None for p in persons):
            return True
        # (娃他爹在广东打工 said by a citizen: the speaker at home is the rest of the household)
        implied = self.role != "caseworker" and all(p.speaker in people().lives_with_speaker for p in persons)
        if _has(clause, facts().residence) or not implied and not [p for p in self.s.present() if p not in persons]:
            return False  # 住在…; or the only people named so far, who may be the household itself
        school = [w for fl in facts().flags if fl.slot == "student" and fl.value != "none" for w in fl.words]
        # (a member working or studying in a town says where they work, not for sure where the family lives: a
        # region is left out, the area kept as said — the engine's area decides between two standards)
        return not gone_only and (self.works_away(clause) or bool(_has(clause, school)))

    def region(self, clause: str) -> None:
        g = gazetteer()
        if self.elsewhere(clause) and not _has(clause, facts().residence):
            return
        if _has(clause, [w for words in people().gone.values() for w in words]) and not _has(
                clause, facts().residence):
            return  # 她妈改嫁去了广东: where someone went, not where the household lives
        masked = clause
        for a, b in _fact_spans(clause):
            masked = masked[:a] + "，" * (b - a) + masked[b:]  # 上高一的女儿: no 上高县 inside a fact word
        names = g.find(masked)
        if re.search(r"[a-z]{3,}", clause):
            # pinyin / English names (Dahua county, Fuping county + Hebei said beside it): read as questions are,
            # with the message's other places as the context that picks one of several same-spelled counties
            context = [n for n in g.find(self.text) if n not in names]
            names = [n for n in places(clause + "，" + "，".join(context)) if n not in context or n in names]
        if not names:
            return
        lineage = all(g.related(names[0], n) for n in names)
        deepest = max(names, key=lambda n: len(g.ancestors(n))) if lineage else g.most_specific(clause)
        if deepest is None:
            # names from different lineages (丰宁县凤山镇 also matches 凤山县): the first one named, refined by
            # the names of its own lineage
            first = names[0]
            deepest = max((n for n in names if g.related(first, n)), key=lambda n: len(g.ancestors(n)))
        path = g.path(deepest)
        value = RegionValue(**{k: v for k, v in path.items() if v})
        s = self.s
        if s.region is not None:
            old = s.region.value
            old_deepest = old.county or old.prefecture or old.province
            related = old_deepest is not None and g.related(old_deepest, deepest)
            if related and len(g.ancestors(deepest)) <= len(g.ancestors(old_deepest)):
                return  # 承德 after 丰宁: nothing new
            if not related and not self.what_if and not _has(clause, facts().residence):
                return  # a place someone works at, not where the household lives
        self.put(s, "region", value, "、".join(names), "region")


@lru_cache(maxsize=1)
def _status_words() -> tuple[str, ...]:
    return tuple(sorted({w for fl in facts().flags if fl.slot.startswith("status.") and fl.value is True
                         for w in fl.words if len(w) > 1}, key=len, reverse=True))


def _says_status(rest: str, apposition: list[str]) -> bool:
    """我是低保户 / 我是脱贫户: the speaker saying what they are (a status), not 我是乡民政办的 (who is asking)."""
    return any(rest.startswith(a) and rest[len(a):].startswith(_status_words()) for a in apposition)


def _severe_disability_said(text: str) -> str | None:
    """精神残疾二级 / 智力四级 said of a parent: "severe_disability" when the grade and category make them 重残."""
    f = facts()
    grade = _GRADE.search(text)
    if grade is None:
        return None
    value = int(find_amounts(grade.group(1))[0].value.min)
    category = next((fl.value for fl in f.flags if fl.slot == "disability.category" and _has(text, fl.words)), None)
    if category is None and not _has(text, f.cues.disability_context):
        return None
    if value in f.parent_severe_grades or value in f.parent_severe_categories.get(category or "", []):
        return "severe_disability"
    return None


def _negated_word(text: str, words: list[str]) -> str:
    """没啥打工成本, 不花啥钱: one of ``words`` with a negation cue right before it."""
    neg = facts().negation
    for w in words:
        at = text.find(w)
        if at >= 0 and _has(text[max(0, at - neg.window): at], neg.cues):
            return text[max(0, at - 2): at + len(w)]
    return ""


def _followed_by(text: str, words: list[str], after: list[str]) -> str:
    """财产核查没问题: one of ``words``, then one of ``after`` within a few characters."""
    for w in words:
        at = text.find(w)
        if at >= 0:
            tail = text[at + len(w): at + len(w) + 6]
            cue = _has(tail, after)
            if cue:
                return text[at: at + len(w)] + tail[: tail.find(cue) + len(cue)]
    return ""


def _vague_small(text: str, words: list[str]) -> str:
    """存款没几个, 没多少收入: one of ``words`` with a vague small amount right after or before it ("" if none)."""
    vague = amounts().vague_small
    for w in sorted(words, key=len, reverse=True):
        at = text.find(w)
        if at < 0:
            continue
        after = text[at + len(w): at + len(w) + 6].lstrip("也都还就")
        before = text[max(0, at - 6): at]
        hit = next((v for v in sorted(vague, key=len, reverse=True) if after.startswith(v) or before.endswith(v)), "")
        if hit:
            return w + hit if after.startswith(hit) else hit + w
    return ""


def _small() -> Quantity:
    return Quantity(min=0.0, max=amounts().vague_small_max)


def _followed_by_none(text: str, words: list[str]) -> str:
    """存款基本没有, 收入一分也没有: the thing, then a negation within a few characters."""
    neg = facts().negation
    for w in words:
        at = text.find(w)
        if at >= 0:
            tail = text[at + len(w): at + len(w) + neg.window + 2]
            cue = _has(tail, facts().cues.zero_after)
            # (存款没超过限额: the negation is of what follows, a finding, not of the savings)
            verb = tail[tail.find(cue) + len(cue):][:1] if cue else ""
            if cue and not find_amounts(tail) and verb not in facts().cues.zero_not_before:
                return text[at: at + len(w)] + tail
    return ""


@lru_cache(maxsize=1)
def _fact_words() -> re.Pattern[str]:
    words = {w for fl in facts().flags if fl.scope == "member" for w in fl.words if len(w) > 1}
    words |= {w for ws in people().gone.values() for w in ws if len(w) > 2}  # 自己也有家: no 自己 in it
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def _fact_spans(clause: str) -> list[tuple[int, int]]:
    """Where member-fact words (小儿麻痹, 孤儿) lie in a clause: a person word inside one names nobody."""
    return [(m.start(), m.end()) for m in _fact_words().finditer(clause)]


def _mask(text: str, words: list[str]) -> str:
    """``text`` with each of ``words`` blanked out (工作人员 holds no 工作), positions kept."""
    for w in words:
        text = text.replace(w, "，" * len(w))
    return text


def clause_opens_with_care(clause: str, caring: list[str]) -> bool:
    """带一个上高一的女儿, 照顾着瘫痪的老伴: a clause that opens with a verb of caring has the carer as subject."""
    return any(clause.startswith(w) for w in caring)


def _same_word(label: str, word: str) -> bool:
    # a one-character kin word names the person its longer form named (父母 … 父62 母60: 父亲, 母亲)
    return label == word or (len(word) == 1 and len(label) == 2 and label.startswith(word))


def _kin(p: Person) -> str | None:
    """The person's kinship path from the speaker: composed (她爸) or that of the word that named them."""
    return p.kin if p.kin is not None else people().kin.get(p.speaker or "other")


def _relation(applicant: Person, p: Person) -> str:
    if p is applicant:
        return "self"
    a_path, p_path = _kin(applicant), _kin(p)
    if a_path is not None and p_path is not None:
        return kinship.relation(a_path, p_path)
    a = applicant.speaker or "applicant"
    if a == "applicant":
        return "other" if p.speaker is None else _from_applicant(p.speaker)
    return "other"


def _from_applicant(speaker: str) -> str:
    """A caseworker's 老太太 and her 儿子: the relative words are relative to the applicant."""
    return speaker if speaker in people().engine_relation else "other"


def _flag(text: str, flag: Flag) -> tuple[Any, str, bool] | None:
    """(value, words, said of everyone) for a flag word in ``text``; None when absent or negated to nothing."""
    neg = facts().negation
    found = [(text.find(w), w) for w in sorted(flag.words, key=len, reverse=True)]
    found += [(m.start(), m.group(0)) for p in flag.patterns for m in [re.search(p, text)] if m]
    for at, w in found:
        if at < 0:
            continue
        window = text[max(0, at - neg.window): at]
        tail = text[at + len(w): at + len(w) + 4]
        nobody = bool(_has(window, neg.nobody)) or bool(_has(text[:at], neg.nobody) and len(text[:at]) <= 6)
        negated = (bool(_has(window, neg.cues)) and not _has(window, neg.not_negation)) or any(
            tail.startswith(c) for c in neg.after)
        if flag.value is None and not (negated or nobody):
            continue  # a word that says something only when negated (住的地方都没有)
        if flag.slot.startswith("status.") and flag.value is True and (
                any(tail.startswith(c) for c in neg.applied_after) or _has(window, neg.applied_before)):
            continue  # 提出特困供养申请: the program applied for, not one the household is in
        if negated or nobody:
            if flag.negated is None:
                return None
            value = None if flag.negated == "none" else flag.negated
            if flag.negated == "none":
                return ("none", text[max(0, at - 2): at + len(w)], False)
            return (value, text[max(0, at - 2): at + len(w)], nobody)
        return (flag.value, w, False)
    return None


def _age(text: str, has_person: bool, lead: int = -1, ordinal: bool = False) -> tuple[Quantity, str] | None:
    """An age: a figure with 岁, one after an age cue (今年六十二), with 了 (七十三了), or a bare figure right after
    the person word (老母亲八十二, 妻42, my mother is 67). ``lead`` is where the person word ends (-1: none)."""
    f = facts().ages
    t = amounts()
    for a in find_amounts(text):
        after = text[a.end:]
        before = text[max(0, a.start - 3): a.start]
        if a.unit in ("岁", "周岁") or any(after.startswith(x) for x in f.suffix):
            return (_age_range(a), text[a.start: a.end + 2])
        if a.unit in t.money_units or is_money(a, text) or a.unit:
            continue
        if a.value.max > f.max or a.value.min < 1 or a.text in people().counting.after:
            continue  # (他俩: a count, no age)
        if _has(before, f.before) or (after[:1] in f.after and has_person):
            return (_age_range(a), text[max(0, a.start - 2): a.end + 1])
        gap = text[lead: a.start].strip() if lead >= 0 and a.start >= lead else None
        bare = not re.match(r"[\u4e00-\u9fff]", after[:1]) or after[:1] in f.after or after[:1] in f.then or (
            ordinal and not a.unit and not _has(after[:1], amounts().not_money))  # not 一辈子, 三个; 大的14上初二
        # 大女儿16辍学在家: a figure of two digits right after the person word (not 我一分存款, 俺一家三口)
        if gap is not None and (not gap or gap in f.between) and (bare or not gap and a.value.min >= 10):
            return (_age_range(a), text[max(0, lead - 2): a.end])
    return None


def _first_kind(pairs: list[tuple[Person, _Mention]]) -> str:
    return pairs[0][1].kind


def _modifier(between: str) -> str:
    """The words describing the next person (八十多岁的老娘, 两个上初中的孩子): the run ending in 的 right before
    them, no longer than a short phrase and not across a joiner ("" when there is none)."""
    m = re.search(r"[^，,。、和跟与及\s]{1,8}的$", between)
    if not m:
        return ""
    phrase = m.group(0)
    figures = find_amounts(phrase)
    if figures:
        return phrase[figures[-1].start:]  # 带着14岁的儿子: from the figure on
    return phrase[-4:]  # 上初中的孩子: a short descriptor


def _introduced(before: str) -> bool:
    """村里有个光棍 / 有位老人: a person introduced by the speaker, not one of the speaker's family."""
    t = people()
    return any(re.search(p, before) for p in t.introduce) and not any(re.search(p, before) for p in t.own_introduce)


def _count_before(text: str) -> bool:
    """A count of people said earlier in the clause (四个孩子最大的17): 大的 / 小的 may point into it."""
    return bool(_counted_kin().search(text))


@lru_cache(maxsize=1)
def _counted_kin() -> re.Pattern[str]:
    t = people()
    words = sorted((w for e in t.people if e.speaker not in ("self", "other", "applicant") for w in e.words),
                   key=len, reverse=True)
    counters = "|".join(map(re.escape, t.counting.counters))
    return re.compile(rf"(?:{counters})(?:{'|'.join(map(re.escape, words))})")


def _count_at(clause: str, start: int, end: int) -> int:
    """The count said with the kinship word at start:end: 两个孙子, 两个上初中的孩子, 孩子两个, 孩子俩 (0: none)."""
    c = people().counting
    counters = "|".join(map(re.escape, c.counters))
    window = clause[max(0, start - 12): start]
    for a in reversed(find_amounts(window)):
        if a.value.exact and re.fullmatch(rf"(?:{counters})(?:[^，,。的]{{0,6}}的)?", window[a.end:]):
            return int(a.value.min)
    tail = clause[end: end + 5]
    found = find_amounts(tail)
    if found and found[0].start == 0 and found[0].value.exact and re.match(counters, tail[found[0].end:]):
        return int(found[0].value.min)
    if window[-1:] in c.after:
        return 2 if window[-1:] == c.after[0] else 3  # 俩娃, 仨孩子
    return 2 if tail[:1] == c.after[0] else 3 if tail[:1] in c.after[1:] else 0


def _listed_at(clause: str, pos: int) -> tuple[int, int, int, bool] | None:
    """The people listed from ``pos`` (我和我妈, 爷爷奶奶三个人, 两个老人): (count, people named, end, whether
    a count was said)."""
    pattern, by_word = _person_words()
    t = people().size
    joiners = sorted(t.list_joiners, key=len, reverse=True)
    counts = {**numeral_tables()[0], **{w: v for w, v in t.count_words.items() if len(w) == 1}}
    n = named = 0
    explicit = False
    while True:
        counted = re.match(rf"([{''.join(counts)}])(?:个|名|位)?", clause[pos:])
        if counted and pattern.match(clause, pos + counted.end()):
            pos += counted.end()
            explicit = True
        m = pattern.match(clause, pos)
        if m is None:
            break
        kind = by_word[m.group(0)][0]
        nxt = pattern.match(clause, m.end())
        if kind in ("self", "focus") and nxt and by_word[nxt.group(0)][0] not in ("self", "focus", "subject"):
            m, kind = nxt, by_word[nxt.group(0)][0]  # 我妈: one person, 我 is the possessive
        if kind == "other":
            return None  # 邻居, 亲戚: people of another household
        n += counts[counted.group(1)] if counted else 2 if kind == "pair" else 1
        named += 1
        pos = m.end()
        alone = next((w for w in t.self_alone if clause.startswith(w, pos)), "")
        pos += len(alone)  # 我一个人带着我爸
        j = next((w for w in joiners if w and clause.startswith(w, pos)), "")
        after = re.match(rf"[{''.join(counts)}](?:个|名|位)?", clause[pos + len(j):])
        following = pattern.match(clause, pos + len(j) + (after.end() if after else 0))
        # (就我一个儿子: a count right after a person says who they are, no one more)
        if following and (j or not after and by_word[following.group(0)][0] not in ("focus", "subject")):
            pos += len(j)  # 我和我妈, 婆婆和两个娃, 爷爷奶奶 side by side
            continue
        break
    if not named:
        return None
    said = re.match(t.list_count, clause[pos:])
    if said:
        word = said.group(1)
        value = t.count_words.get(word) or (int(word[0]) if word[0].isdigit() else counts.get(word[0]))
        n, pos, explicit = (value or n), pos + said.end(), True
    return n, named, pos, explicit


def _listed_household(clause: str) -> tuple[int, str, str] | None:
    """家里就我和老伴 → 2 (stated); 我跟小儿子过 → 2 (inferred): (size, words, how), or None."""
    t = people().size
    pattern, _ = _person_words()
    for w in sorted(t.only, key=len, reverse=True):
        at = clause.find(w)
        while at >= 0:
            got = _listed_at(clause, at + len(w))
            if got and re.match(t.list_end_only, clause[got[2]:]):
                return got[0], clause[at: got[2]], "stated"
            at = clause.find(w, at + 1)
    lead = _starts_with(clause, t.list_lead)
    start = len(lead)
    got = _listed_at(clause, start)
    said = got is not None and got[3]  # 两个老人, 叔叔和婶子俩人: the count is said
    first = pattern.match(clause, start)
    speaker = first is not None and _person_words()[1][first.group(0)][0] == "self" and not pattern.match(
        clause, first.end())  # 我跟小儿子, not 我爸跟她
    if got and (got[1] > 1 or said) and (said or speaker) and \
            re.match(t.list_end_living, clause[got[2]:]):
        return got[0], clause[start: got[2]], "inferred"
    return None


def _starts_with(text: str, words: list[str]) -> str:
    return next((w for w in sorted(words, key=len, reverse=True) if text.startswith(w)), "")


def _each_age(text: str) -> list[tuple[Quantity, str]]:
    """Ages said one after another (10岁、7岁、4岁 / 16和13 / 9 and 6): each figure no money, 1–120, only
    joiners between them."""
    c = people().counting
    suffix = facts().ages.suffix
    found = [a for a in find_amounts(text) if not a.unit or a.unit in suffix]
    out: list[tuple[Quantity, str]] = []
    for i, a in enumerate(found):
        if is_money(a, text) or not 0 < a.value.max <= facts().ages.max:
            return out if len(out) > 1 else []
        if out:
            gap = text[found[i - 1].end: a.start]
            gap = next((gap[len(w):] for w in sorted(suffix, key=len, reverse=True) if gap.startswith(w)), gap).strip()
            if gap and gap not in c.between:
                break
        out.append((_age_range(a), a.text))
    return out if len(out) > 1 else []


def _age_range(a: Amount) -> Quantity:
    """Whole years; an open range ends at the highest age (八十岁以上 reads as 80–160 by the amount rule, an age
    as 80–120), a stated figure stays as said (200岁 is an error to show, not an age to correct)."""
    q = a.value
    low = float(int(q.min))
    high = float(int(q.max)) - (1.0 if a.just_below else 0.0)  # 快七十了: not yet seventy
    return Quantity(min=low, max=max(low, min(high, float(facts().ages.max))))


def read(message: str, state: HouseholdState | None, role: str | None = None) -> Reading:
    """Facts of ``message`` merged into a copy of ``state``; ``role`` (citizen / caseworker) when known."""
    s = (state or HouseholdState()).model_copy(deep=True)
    role = role or s.role or "citizen"
    index = s.messages
    s.messages += 1
    text = normalize(message)
    d = dialogue()
    correction = bool(_has(text, d.corrections))
    for pattern, replacement in d.take_back:
        rewritten = re.sub(pattern, lambda m, r=replacement: _residue(m) + m.expand(r), text)
        correction = correction or rewritten != text
        text = rewritten
    for pattern, replacement in d.correction_rewrites:
        text = re.sub(pattern, replacement, text)  # the value taken back is not read at all
    what_if = any(opens_what_if(c) for c in _CLAUSE.findall(text))
    how = "corrected" if correction else "stated"
    if role != "caseworker" and _has(text, d.caseworker_cues):
        role = "caseworker"
    s.role = role  # type: ignore[assignment]
    reader = _Reader(s, index, how, role, what_if)
    reader.text = text
    clauses = [c.strip() for c in _CLAUSE.findall(text) if c.strip()]
    question = "".join(c for c in clauses if is_question(c))
    had_members = bool(state and state.present())
    proxy = _proxy(text)
    if proxy and not s.members:
        p = reader.resolve(proxy, text)
        if p is not None:
            s.applicant = p.key
            s.speaker_is_member = False
    answered = _reply(text, s, reader)
    for c in clauses:
        reader.clause(c)
    _with_speaker(s, text, role)
    _household_income_of_nobody(s, index, text)
    if what_if and state is not None:
        _what_if_leaves(s, state, reader, index)
    _finish(s)
    changed = list(dict.fromkeys(reader.changed))
    refers = had_members and (bool(changed) or bool(_has(text, d.refer)) or answered is not None)
    stated = any(not is_question(c) for c in clauses)
    if not had_members and not (correction and changed) and not _anchored(s, changed, text, stated):
        # the place asked about is kept (丰宁的低保标准是多少): a later household is most likely there
        # so are where and when a statement places it (丰宁县某乡，农村，2020年8月): the household's area and year
        place = {"area": s.area, "year": s.year} if stated else {}
        kept = (state or HouseholdState()).model_copy(update={"messages": s.messages, "role": s.role,
                                                              "region": s.region, **place})
        return Reading(state=kept, question=question or text,
                       regions=gazetteer().find(text))
    return Reading(s, changed, refers, what_if and had_members, correction, answered,
                   bool(_has(text, d.unsure)), question, gazetteer().find(text))


@lru_cache(maxsize=1)
def _with_speaker_patterns() -> list[re.Pattern[str]]:
    person = _person_words()[0].pattern
    return [re.compile(p.replace("{person}", person)) for p in people().with_speaker]


def _with_speaker(s: HouseholdState, text: str, role: str) -> None:
    """俺公公婆婆跟俺们一块住: relatives said to live with the speaker make the speaker a member (and the
    applicant, unless someone was named as the one asked for), so each keeps their kinship to the speaker."""
    if role == "caseworker" or s.speaker_is_member is not None or not s.present():
        return
    if any(p.speaker == "self" for p in s.members):
        return
    if not any(re.search(pattern, text) for pattern in _with_speaker_patterns()):
        return
    me = s.new_person("本人", "self")
    me.named = False
    s.speaker_is_member = True
    s.applicant = me.key


def _what_if_leaves(s: HouseholdState, before: HouseholdState, reader: _Reader, index: int) -> None:
    """要是二姑娘出嫁、户口迁走了呢: a what-if that takes people out of a household whose size was said leaves it
    smaller by them (whether they were named before or one of the counted), unless this message says a size."""
    size = s.household_size
    if size is None or size.message == index or before.household_size is None:
        return
    was_gone = {p.key for p in before.members if p.gone is not None}
    leaving = [p for p in s.members if p.gone is not None and p.gone.message == index and p.key not in was_gone]
    if leaving and size.value - len(leaving) >= 1:
        words = "、".join(p.gone.words for p in leaving if p.gone is not None)
        reader.put(s, "household_size", size.value - len(leaving), words, "household_size", how="inferred")


def _household_income_of_nobody(s: HouseholdState, index: int, text: str) -> None:
    """年收入两万来块，家里三口: an income this message gave to the applicant it implied without naming, in a
    household it says has several people, is the household's (the size may come after the figure)."""
    size = s.household_size.value if s.household_size else 1
    named = any(p.named for p in s.present())
    if s.household_income_yearly is not None or (size < 2 and (named or not _has(text, facts().income.household))):
        return  # (家里没有存款，每个月收入不到一千: said of the household, whoever is in it)
    for p in s.present():
        f = p.income_yearly
        if not p.named and f is not None and f.message == index and p.income_kind is None:
            s.household_income_yearly = f
            p.income_yearly = None


def _residue(taken_back: re.Match[str]) -> str:
    """What a taken-back phrase said besides its figures (每月收入八百，不对 → 收入): the new value keeps it."""
    text = taken_back.group(0)
    for a in reversed(find_amounts(text)):
        text = text[: a.start] + text[a.end + len(a.unit):]
    words = sorted([*amounts().periods, *dialogue().corrections, *dialogue().what_if], key=len, reverse=True)
    for w in words:
        text = text.replace(w, "")
    return re.sub(r"[，,\s哦噢啊嗯呃是]|不是", "", text)


def _anchored(s: HouseholdState, changed: list[str], text: str, stated: bool = False) -> bool:
    """A first message describes a household only with a person-bound fact (an age, an amount, a count, a
    kinship word of the speaker's own family) — 重残的人能单独办低保吗 describes nobody."""
    if not changed:
        return False
    # an income or savings figure alone (一年养老金1200元) describes nobody yet
    specific = [c for c in changed if c.split(".")[-1] in ("age", "household_size", "parents_situation", "gone")]
    family = bool(_has(text, facts().income.household))  # 我们家, 俺家: the speaker's own household
    if any(c.startswith("local_parameters") for c in changed):
        return True  # 我们县低保标准每年5400: the speaker's own place
    # 俺是山东菏泽曹县的，住村里: a statement (no question) placing the speaker's household
    clauses = [c for c in _CLAUSE.findall(text) if c.strip()]
    # (广西特困供养标准调整: a place named with a program is the place a policy question is about)
    programs = [w for k, words in facts().standards.items() if k != "cue" for w in words]
    gz = gazetteer()
    # (吉林 临时救助 审批时限: search words with a place, no word of anyone living there)
    if stated and any(c in ("region", "area") for c in changed) and not any(is_question(c) for c in clauses) and \
            not any(gz.find(c) and _has(c, programs) for c in clauses) and \
            (_has_word(text, facts().residence + people().own_household) or "year" in changed or any(
                c.strip().lower().endswith(tuple(facts().place_endings)) for c in clauses)):
        return True
    # a caseworker's 户主 / 老太太 with a fact, said as a statement (户主是智力二级残疾), is a person too
    described = stated and any(c.startswith("p") and "." in c for c in changed) and any(
        p.named and p.member and p.speaker in ("applicant", "self") and any(c.startswith(p.key + ".") for c in changed)
        for p in s.members)  # (我一个月两千: the speaker named, with a fact)
    # 我们是…农村低保户 / 俺家在丰宁农村: a statement about the speaker's own household (its status or place)
    statements = "，".join(c for c in _CLAUSE.findall(text) if not is_question(c))
    status_words = [w for f in facts().flags if f.slot.startswith("status.") for w in f.words]
    own = bool(_has(statements, people().own_household)) and bool(_has(statements, status_words)) and any(
        c.startswith("status.") for c in changed)
    return bool(specific) or family or described or own or any(
        p.speaker not in (None, "applicant", "self") for p in s.members)


def _proxy(text: str) -> _Mention | None:
    t = people().proxy
    pattern, by_word = _person_words()
    for b in t.before:
        for m in re.finditer(re.escape(b) + r"(?:我|俺|咱)?(?:家)?", text):
            whole = pattern.match(text, m.start() + len(b))  # 替我妈: 我妈 is one word
            if whole and by_word[whole.group(0)][0] not in ("self", "focus") and _has(
                    text[whole.end(): whole.end() + 8], t.after):
                kind, gender = by_word[whole.group(0)]
                return _Mention(whole.start(), whole.end(), whole.group(0), kind, gender)
            nxt = pattern.match(text, m.end())
            short = next((w for w in sorted(people().short, key=len, reverse=True) if text.startswith(w, m.end())), None)
            if not nxt and short:
                if _has(text[m.end() + len(short): m.end() + len(short) + 8], t.after):
                    label = text[m.end() - 1] + short if text[m.end() - 1] in people().possessive else short
                    return _Mention(m.end(), m.end() + len(short), label, people().short[short])
                continue
            if not nxt:
                continue
            kind, gender = by_word[nxt.group(0)]
            if kind in ("self", "focus"):
                continue
            if _has(text[nxt.end(): nxt.end() + 8], t.after):
                return _Mention(nxt.start(), nxt.end(), nxt.group(0), kind, gender)
    return None


def _reply(text: str, s: HouseholdState, reader: _Reader) -> str | None:
    """A bare yes / no / choice answering the assistant's pending question."""
    q = s.pending
    if q is None:
        return None
    d = dialogue()
    bare = re.sub(r"[\s，,。.！!？?~～啊呀吧呢哦的了嘛]+$", "", text.strip())
    if q.options:
        for opt in q.options:
            if bare == opt:
                text = opt
    yes = bare in d.affirm
    no = bare in d.deny
    if not (yes or no):
        return None
    target = s.person(q.person) or reader.applicant(create=False)
    field = re.sub(r"members\[\d+\]\.", "", q.field)
    words = bare
    if field == "assets_within_limit":
        reader.put(s, "assets_within_limit", yes, words, field)
    elif field == "status.dibao":
        reader.put(s.status, "dibao", yes, words, field)
    elif field.startswith("event"):
        if no:
            reader.put(s.event, "kind", "none", words, "event.kind")
    elif target is None:
        return None
    elif field == "legal_supporters":
        if no:
            reader.put(target, "legal_supporters", "none", words, f"{target.key}.legal_supporters")
    elif field.startswith("disability"):
        if no:
            reader.put(s.everyone, "no_disability", True, words, "everyone.no_disability")
    elif field == "serious_illness":
        if no:
            reader.put(s.everyone, "no_serious_illness", True, words, "everyone.no_serious_illness")
        else:
            reader.put(target, "serious_illness", True, words, f"{target.key}.serious_illness")
    elif field == "needs_long_term_care":
        reader.put(target, "needs_long_term_care", yes, words, f"{target.key}.needs_long_term_care")
    elif field in DEDUCTIONS and no:
        reader.put(s, field, Quantity.point(0), words, field)
    elif field == "income_yearly" and no:
        reader.put(target, "income_yearly", Quantity.point(0), words, f"{target.key}.income_yearly")
    else:
        return None
    return q.field


def _finish(s: HouseholdState) -> None:
    """Relations to the applicant, once the people are known."""
    if not s.members:
        if s.empty:
            return
        # 我们家着火了，一家四口: a household described without naming anyone has an applicant all the same
        kind = "applicant" if s.role == "caseworker" else "self"
        p = s.new_person("申请人" if kind == "applicant" else "本人", kind)
        p.named = False
        s.applicant = p.key
    app = s.person(s.applicant) if s.applicant else None
    if app is None or not app.member:
        if s.speaker_is_member:
            app = next((p for p in s.members if p.speaker == "self"), None)
        app = app or next((p for p in s.members if p.member and p.speaker != "self"), None) or s.members[0]
        s.applicant = app.key
    if app.speaker != "self" and s.speaker_is_member is None:
        # the speaker describing a relative: a member only when they live together (我老伴, 我儿子)
        me = next((p for p in s.members if p.speaker == "self"), None)
        together = [p for p in s.present() if p.speaker in people().lives_with_speaker]
        # (with an applicant word as the origin, 老人两个儿子, the kin words are the applicant's, not the speaker's)
        origin = any(p.speaker == "applicant" and p.kin == "" for p in s.members)
        if me is None and together and s.role != "caseworker" and not origin:
            me = Person(key=f"p{len(s.members) + 1}", label="本人", speaker="self", named=False)
            s.members.append(me)
        s.speaker_is_member = me is not None
        if me is not None:
            app = me
            s.applicant = me.key
    # (not the speaker's own child with one parent said: 娃他爸在坐牢，我一个人带俩娃 — the speaker is the other
    # parent, and the applicant; with both parents said, the speaker is neither)
    orphan = [p for p in s.present() if p.parents_situation is not None and p.speaker != "self"
              and (_kin(p) != people().kin["child"] or all(p.parents_situation.value))]
    if len(orphan) == 1 and s.speaker_is_member is not False and app is not orphan[0] and app.speaker == "self":
        # 我孙子他爸没了，他妈联系不上: the question is about the child, who is the applicant
        app = orphan[0]
        s.applicant = app.key
        for p in s.members:
            if p.relation is not None and p.relation.how == "inferred" and p.speaker is not None:
                p.relation = None
    if s.role == "caseworker" and app.speaker == "parent" and app.kin == "" and not any(
            p.speaker == "applicant" for p in s.members):
        # a note's 父亲45，母亲44 (the father the applicant): the family's two parents, a couple
        for p in s.present():
            if p is not app and p.speaker == "parent" and p.kin in (None, people().kin["parent"]) and \
                    None not in (p.gender, app.gender) and p.gender != app.gender:
                p.kin = people().kin["spouse"]
                p.relation = None
    if s.household_size is not None and s.household_size.value == 1:
        for p in s.present():
            if p is not app:  # 一个人住: the relatives named live elsewhere
                p.gone = Fact[Any](value="apart", how="inferred", message=s.household_size.message,
                                   words=s.household_size.words)
    for p in s.members:
        if p.relation is not None and p.relation.how != "inferred" or (p.relation and p.speaker is None
                                                                         and p.kin is None):
            continue
        rel = _relation(app, p)
        rel = rel if rel in people().engine_relation else "other"
        p.relation = Fact[Any](value=rel, how="inferred", message=s.messages - 1, words=p.label)
    _no_supporters(s, app)


def _no_supporters(s: HouseholdState, app: Person) -> None:
    """No spouse and no child, and parents gone or the person old: nobody owes them support (inferred)."""
    if app.legal_supporters is not None:
        return
    kin = [p for p in s.members if p is not app and p.relation is not None]
    spouse = app.no_spouse or next((p.gone for p in kin if p.relation.value == "spouse" and p.gone
                                    and p.gone.value in ("deceased", "divorced")), None)
    if spouse is None or app.no_children is None:
        return
    parents = [p for p in kin if p.relation.value == "parent"]
    gone = [p.gone for p in parents if p.gone and p.gone.value == "deceased"]
    old = app.age is not None and app.age.value.min >= people().absence.old_age
    situation = app.parents_situation.value if app.parents_situation else []
    orphaned = len(situation) == 2 and all(x == "deceased" for x in situation)
    if not (old or orphaned or (gone and len(gone) == len(parents))):
        return
    words = " ".join(f.words for f in (spouse, app.no_children) if f.words)
    app.legal_supporters = Fact[Any](value="none", how="inferred", message=s.messages - 1, words=words)

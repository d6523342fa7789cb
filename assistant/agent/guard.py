"""The citation guard, applied to every answer whichever model wrote it, sentence by sentence as it is written
(StreamGuard: a caseworker sees the answer grow, and never sees a sentence that is then taken back).

- a marker ``[n]`` must name a source a tool returned in this turn; other markers are dropped;
- a marker to a clause from a search that found no basis is dropped with its sentence (an irrelevant
  clause is not evidence), and the answer then says 政策文件中未找到依据 and whom to ask;
- every figure in a sentence must occur in a clause cited at or before it, or in the policy values the tools
  returned (the screening's standards, thresholds, computed incomes and estimates)
  (1.2万 = 12000 = 一万二), else the sentence is removed and the figure reported. The user's own facts
  (72岁, 年收入1200元) are no evidence: they may appear only where the answer restates the household (the
  我理解的情况 part, uncited), and tool texts that repeat them (a formula, a follow-up question, an error
  message) only as the tool wrote them;
- a cited sentence that quotes a heading, a preamble or an attribute line (责任领导/责任股室/完成时限) is
  removed: those are never the answer;
- when the question names a region and a cited clause is from elsewhere, a note says so;
- markers are renumbered 1..m in order of appearance, matching the returned citation list.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.agent.ledger import Ledger, Source
from assistant.agent.lexicon import prompts, starts_with
from assistant.agent.numbers import canonical, find_numbers
from assistant.retrieval.evidence import is_noise
from indexer.models import Citation
from indexer.regions import gazetteer

MARKER = re.compile(r"\[(\d+(?:\s*[,，、]\s*\d+)*)\]")
_TERMINATORS = "。！？!?；;"
_OPEN, _CLOSE = "「“『（(《", "」”』）)》"
# ids like chunk 0123456789abcdef or member p1 carry digits but are not figures
_IDENTIFIER = re.compile(r"\b(?=[A-Za-z0-9_-]*[A-Za-z])(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]+\b")
# verbatim tool texts are set aside as one character each of the Supplementary Private Use Area-A: no digit,
# letter, mark or bracket the checks look at
_FIRST_SLOT = 0xF0000
_SET_ASIDE = re.compile("[\U000f0000-\U000ffffd]")
# the household restatement: its header line and the list items under it
_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.、)）])\s+")
_MARKUP = re.compile(r"^[\s>#*_-]*")
_QUOTE = re.compile(r"「([^」]+)」")
_PARTIAL_MARKER = re.compile(r"\[[\d\s,，、]*")
_BARE = ("", "-", "*", ">")  # what a line left with only this is dropped


@dataclass
class GuardReport:
    removed_sentences: list[str] = field(default_factory=list)
    flagged_numbers: list[str] = field(default_factory=list)
    invalid_markers: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, list]:
        return {
            "removed_sentences": self.removed_sentences,
            "flagged_numbers": self.flagged_numbers,
            "invalid_markers": self.invalid_markers,
        }


@dataclass
class Guarded:
    answer: str
    citations: list[Citation]
    report: GuardReport
    no_basis: bool


def guard(answer: str, ledger: Ledger, asked_regions: list[str], stated: str = "") -> Guarded:
    """The guard on a whole answer: the same checks as a stream fed with it at once."""
    checker = StreamGuard(ledger, asked_regions, stated)
    checker.feed(answer)
    checker.close()
    return checker.result()


class StreamGuard:
    """The guard applied while the answer is written. ``feed`` takes the model's next piece and returns the text
    now safe to show; ``close`` returns the rest (with the notes that end an answer); ``result`` the Guarded answer,
    whose text is exactly what was returned: nothing shown is ever taken back or changed.

    A sentence is judged once it is complete (the character after it has arrived, so a marker or a closing quote
    after the full stop stays with it) and never cut inside a tool text the answer repeats verbatim. A figure is
    supported by the policy values of this turn and by the clauses cited up to and including its sentence: a
    reader checks a figure against the source named at or before it, and a sentence shown cannot wait for a
    citation that may never come.
    """

    def __init__(self, ledger: Ledger, asked_regions: list[str], stated: str = ""):
        self.ledger, self.asked, self.stated = ledger, asked_regions, stated
        self.texts = prompts()["texts"]
        self.report = GuardReport()
        self._raw = ""  # written but not yet judged
        self._ahead = ""
        self._shown: list[str] = []
        self._order: dict[int, int] = {}  # ledger ref -> number shown, in order of appearance
        self._cited: dict[int, None] = {}
        self._support: set[str] = set()
        self._counted: tuple[set[int], int] = (set(), 0)  # cited refs and ledger.data items in _support
        self._household: tuple[str | None, set[str]] = (None, set())
        self._header = self.texts["situation"].rstrip("：:")
        self._in_situation = False
        self._head_decided = False
        # the line being written: its kept text, how much of it is shown, whether a sentence of it survived
        self._line, self._line_shown, self._line_open, self._line_any = "", 0, False, False
        self._started = False  # some line is shown
        self._blank = False  # an empty line since the last shown one
        self._closed = False

    def feed(self, piece: str) -> str:
        if self._closed:
            raise RuntimeError("the answer is closed")
        self._raw += _SET_ASIDE.sub("", piece).replace("\r", "")
        return self._commit(final=False)

    @property
    def pending(self) -> str:
        """Written by the model and not yet judged (the sentence in progress): a draft, never part of the answer."""
        return self._raw

    def close(self) -> str:
        """The rest of the answer, then the notes: no basis, whom to ask, clauses from another region."""
        if self._closed:
            return ""
        mark = len(self._shown)
        self._commit(final=True)
        self._end_line()
        self._closed = True
        texts, ledger = self.texts, self.ledger
        if ledger.no_basis and texts["no_basis"] not in "".join(self._shown):
            # a stream that showed text before a search came up empty says so where it has got to
            self._shown.append(self._add(f"{texts['no_basis']}。"))
        body = "".join(self._shown)
        extra: list[str] = []
        if ledger.no_basis and texts["referral"] not in body:
            extra.append(texts["referral"])
        extra += _region_notes([ledger.get(old) for old in self._order], self._order, self.asked)
        if not body:
            self._shown.append(texts["guard_empty"] + ("" if ledger.no_basis else texts["referral"]))
        if extra:
            self._shown.append("\n\n" + "\n\n".join(extra))
        return "".join(self._shown[mark:])

    def result(self) -> Guarded:
        if not self._closed:
            self.close()
        sources = [self.ledger.get(old) for old in self._order]
        return Guarded("".join(self._shown), [s.citation for s in sources if s], self.report, self.ledger.no_basis)

    # ---- judging --------------------------------------------------------------------------------------------
    def _commit(self, final: bool) -> str:
        raw, verbatim = self._raw, self._verbatim()
        limit = len(raw) if final else _hold(raw, verbatim)
        if not limit:
            return ""
        text, restore = _set_aside(raw[:limit], verbatim)
        cut = len(text) if final else _complete(text)
        if not cut:
            return ""
        segment = text[:cut]
        self._raw = raw[len(restore(segment)):]
        self._ahead = restore(segment) + self._raw  # what is written and not yet shown
        segment = MARKER.sub(lambda m: "".join(f"[{n.strip()}]" for n in re.split(r"[,，、]", m.group(1))), segment)
        shown: list[str] = []
        lines = segment.split("\n")
        for i, line in enumerate(lines):
            for sentence in split_sentences(line):
                shown.append(self._sentence(sentence, restore))
            if i < len(lines) - 1:
                shown.append(self._end_line())
        self._shown.append("".join(shown))
        return self._shown[-1]

    def _sentence(self, sentence: str, restore: Callable[[str], str]) -> str:
        ledger, report = self.ledger, self.report
        status = {int(n): _status(int(n), ledger) for n in MARKER.findall(sentence)}
        report.invalid_markers.extend(r for r, s in status.items() if s == "unknown")
        if "no_basis" in status.values() and "ok" not in status.values():
            # it rested only on clauses of a search that found no basis
            report.removed_sentences.append(restore(sentence.strip()))
            return ""
        if status and any(is_noise(q) for q in _QUOTE.findall(sentence)):
            # a heading, a preamble or a 责任领导/完成时限 line quoted as if it were the rule
            report.removed_sentences.append(restore(sentence.strip()))
            return ""
        sentence = MARKER.sub(lambda m: m.group(0) if status[int(m.group(1))] == "ok" else "", sentence)
        if not self._line_any:
            # the household restatement: its header line and the list items under it
            if _MARKUP.sub("", sentence).startswith(self._header):
                self._in_situation = True
            elif self._in_situation and not _LIST_ITEM.match(sentence):
                self._in_situation = False
        self._line_any = True
        self._cited.update(dict.fromkeys(int(n) for n in MARKER.findall(sentence)))
        # an uncited sentence of the restatement may repeat the household; a cited one states policy
        allowed = self._supported()
        if self._in_situation and not MARKER.search(sentence):
            allowed = allowed | self._household_figures()
        bad = [written for written, value in figures(sentence) if value not in allowed]
        if bad:
            report.removed_sentences.append(restore(sentence.strip()))
            report.flagged_numbers.extend(bad)
            return ""
        for n in MARKER.findall(sentence):
            self._order.setdefault(int(n), len(self._order) + 1)
        text = restore(MARKER.sub(lambda m: f"[{self._order[int(m.group(1))]}]", sentence))
        if not self._head_decided:
            self._head_decided = True
            phrase = self.texts["no_basis"]
            if ledger.no_basis and phrase not in self._ahead:
                text = f"{phrase}。{text}"
        return self._add(text)

    def _supported(self) -> set[str]:
        refs, data = self._counted
        for ref in self._cited:
            source = self.ledger.get(ref)
            if ref not in refs and source is not None:
                self._support |= _numbers(source.text)
                refs.add(ref)
        for item in self.ledger.data[data:]:
            self._support |= _numbers(item)
        self._counted = (refs, len(self.ledger.data))
        return self._support

    def _household_figures(self) -> set[str]:
        """The figures the user gave (said_figures); the household a model passes to a screening may change them."""
        key = json.dumps(self.ledger.household or {}, ensure_ascii=False)
        if key != self._household[0]:
            self._household = (key, said_figures(self.ledger, self.stated))
        return self._household[1]

    def _verbatim(self) -> list[str]:
        """Tool texts that stand as written. The household restated in words stands so only while its figures are
        the user's own; else its sentence is checked like any."""
        understood = self.ledger.understood
        if understood and all(value in self._household_figures() for _, value in figures(understood)):
            return [*self.ledger.restated, understood]
        return self.ledger.restated

    # ---- layout: what _tidy did to a whole answer, done as it is written --------------------------------------
    def _add(self, text: str) -> str:
        """Kept text of the current line; shown once the line holds more than markup, trailing spaces held."""
        self._line += text
        visible = self._line.rstrip()
        if visible.strip() in _BARE:
            return ""
        out = ""
        if not self._line_open:
            self._line_open = True
            if self._started:
                out = "\n\n" if self._blank else "\n"
            else:
                self._line_shown = len(self._line) - len(self._line.lstrip())
            self._started, self._blank = True, False
        out += visible[self._line_shown:]
        self._line_shown = len(visible)
        return out

    def _end_line(self) -> str:
        if not self._line_any:
            self._in_situation = False  # an empty line ends the restatement
        if not self._line_open and self._started and not self._line.strip():
            self._blank = True  # a bare bullet or '>' left by a removal is dropped, an empty line kept (once)
        self._line, self._line_shown, self._line_open, self._line_any = "", 0, False, False
        return ""



def split_sentences(line: str) -> list[str]:
    """Sentences of one line; quoted text stays whole, and closing marks and markers stay with their sentence."""
    out, start, depth, i = [], 0, 0, 0
    while i < len(line):
        ch = line[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _TERMINATORS and depth == 0:
            i += 1
            while i < len(line):
                m = MARKER.match(line, i)
                if m:
                    i = m.end()
                elif line[i] in _CLOSE:
                    i += 1
                else:
                    break
            out.append(line[start:i])
            start = i
            continue
        i += 1
    if start < len(line):
        out.append(line[start:])
    return out


def figures(text: str) -> list[tuple[str, str]]:
    """(as written, canonical value) of each figure in ``text``: arabic numbers, and Chinese numerals
    followed by a unit (一门受理 holds no figure); markers and ids are not figures."""
    text = _IDENTIFIER.sub(lambda m: " " * len(m.group(0)), MARKER.sub(" ", text))
    out = []
    for n in find_numbers(text):
        after = text[n.end :]
        if n.text == "一" and starts_with("units", "period").match(after):
            continue  # 一年, 一个月: "per year/month" far more often than a figure of one
        if n.text[0].isdigit() or starts_with("units", "figure").match(after):
            out.append((n.text, canonical(n.value)))
    return out


def _complete(text: str) -> int:
    """Where the complete sentences of ``text`` end: its whole lines, and the sentences of the last line but the
    last one (a marker or a closing quote may still join it)."""
    start = text.rfind("\n") + 1
    parts = split_sentences(text[start:])
    if len(parts) > 1 and _PARTIAL_MARKER.fullmatch(parts[-1]):
        parts.pop()  # a marker being written belongs to the sentence before it
    return start + sum(len(p) for p in parts[:-1])


def _hold(raw: str, verbatim: list[str]) -> int:
    """How much of ``raw`` may be judged now: not from where a verbatim tool text may be being written."""
    limit = len(raw)
    for text in verbatim:
        if len(text) < 2:
            continue
        p = raw.find(text[0], max(0, len(raw) - len(text) + 1))
        while p != -1:
            if text.startswith(raw[p:]):
                limit = min(limit, p)
                break
            p = raw.find(text[0], p + 1)
    return limit


def said_figures(ledger: Ledger, stated: str) -> set[str]:
    """The figures the user gave: those of this turn's message, of the words each household fact was read
    from, and the household's exact values (a range's bounds are the reading's, not the user's: 六十多 is no
    69). Without a conversation household, those of the household a model passed to the screening."""
    if ledger.state is None:
        return _numbers("\n".join([json.dumps(ledger.household or {}, ensure_ascii=False), stated]))
    said = [stated]
    values: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "value" in node and "how" in node:
                said.append(str(node.get("words") or ""))
                value = node["value"]
                if isinstance(value, dict) and set(value) == {"min", "max"}:
                    if value["min"] == value["max"]:
                        values.add(canonical(float(value["min"])))
                    return
            for k, v in node.items():
                if k not in ("message", "messages"):  # which message a fact came from: no figure of the user's
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, int | float) and not isinstance(node, bool):
            values.add(canonical(float(node)))

    walk(ledger.state.model_dump(mode="json"))
    return _numbers("\n".join(said)) | values


def _status(ref: int, ledger: Ledger) -> str:
    source = ledger.get(ref)
    if source is None:
        return "unknown"
    return "no_basis" if source.no_basis else "ok"


def _numbers(text: str) -> set[str]:
    return {canonical(n.value) for n in find_numbers(text)}


def _set_aside(answer: str, verbatim: list[str]) -> tuple[str, Callable[[str], str]]:
    """``answer`` with each occurrence of a verbatim text replaced by one private-use character, and the function
    that puts the texts back."""
    answer = _SET_ASIDE.sub("", answer)
    slots: dict[str, str] = {}
    for text in sorted({t for t in verbatim if t.strip()}, key=len, reverse=True):
        if text in answer:
            token = chr(_FIRST_SLOT + len(slots))
            slots[token] = text
            answer = answer.replace(text, token)
    return answer, lambda text: _SET_ASIDE.sub(lambda m: slots.get(m.group(0), ""), text)


def _region_notes(sources: list[Source | None], order: dict[int, int], asked: list[str]) -> list[str]:
    if not asked:
        return []
    g = gazetteer()
    template = prompts()["texts"]["region_note"]
    notes = []
    for (_, new), source in zip(order.items(), sources, strict=True):
        if source is None or not source.region:
            continue
        named = g.find(source.region)
        own = [r for r in named if not any(r in g.ancestors(o) for o in named if o != r)]
        if own and not any(g.related(o, a) for o in own for a in asked):
            notes.append(template.format(ref=new, source="、".join(own), asked="、".join(asked)))
    return notes

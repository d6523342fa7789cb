"""The citation guard, applied to every final answer whichever model wrote it.

- a marker ``[n]`` must name a source a tool returned in this turn; other markers are dropped;
- a marker to a clause from a search that found no basis is dropped with its sentence (an irrelevant
  clause is not evidence), and the answer then says 政策文件中未找到依据 and whom to ask;
- every figure in a sentence must occur in a cited clause or in the policy values the tools returned
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
    """``stated``: the user's message of this turn; its figures, like the household's, may only be restated."""
    texts = prompts()["texts"]
    report = GuardReport()
    # a tool's own text that repeats the user's facts stands as written: it is set aside whole (its figures are
    # not checked, and `[0]` in `members[0].age` is no marker) and put back at the end. The household restated
    # in words is set aside only while its figures are the user's own; else its sentence is checked like any
    household = said_figures(ledger, stated)
    verbatim = [*ledger.restated]
    if ledger.understood and all(value in household for _, value in figures(ledger.understood)):
        verbatim.append(ledger.understood)
    answer, restore = _set_aside(answer, verbatim)
    answer = MARKER.sub(lambda m: "".join(f"[{n.strip()}]" for n in re.split(r"[,，、]", m.group(1))), answer)

    lines = []
    for line in answer.splitlines():
        kept = []
        for sentence in split_sentences(line):
            status = {int(n): _status(int(n), ledger) for n in MARKER.findall(sentence)}
            report.invalid_markers.extend(r for r, s in status.items() if s == "unknown")
            if "no_basis" in status.values() and "ok" not in status.values():
                # it rested only on clauses of a search that found no basis
                report.removed_sentences.append(sentence.strip())
                continue
            if status and any(is_noise(q) for q in _QUOTE.findall(sentence)):
                # a heading, a preamble or a 责任领导/完成时限 line quoted as if it were the rule
                report.removed_sentences.append(sentence.strip())
                continue
            kept.append(MARKER.sub(lambda m, st=status: m.group(0) if st[int(m.group(1))] == "ok" else "", sentence))
        lines.append("".join(kept))
    answer = "\n".join(lines)

    cited = _cited(answer, ledger)
    support = _numbers("\n".join([*(s.text for s in cited), *ledger.data]))
    answer = _check_numbers(answer, support, household, report)

    order: dict[int, int] = {}
    for n in MARKER.findall(answer):
        order.setdefault(int(n), len(order) + 1)
    answer = MARKER.sub(lambda m: f"[{order[int(m.group(1))]}]", answer)
    sources = [ledger.get(old) for old in order]

    extra: list[str] = []
    if ledger.no_basis and texts["no_basis"] not in answer:
        answer = f"{texts['no_basis']}。{answer}".rstrip()
    if ledger.no_basis and texts["referral"] not in answer:
        extra.append(texts["referral"])
    extra += _region_notes(sources, order, asked_regions)
    answer = restore(_tidy(answer))
    report.removed_sentences = [restore(s) for s in report.removed_sentences]
    if not answer:
        answer = texts["guard_empty"] + ("" if ledger.no_basis else texts["referral"])
    answer = "\n\n".join([answer, *extra]) if extra else answer
    return Guarded(answer, [s.citation for s in sources if s], report, ledger.no_basis)


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


def _cited(answer: str, ledger: Ledger) -> list[Source]:
    refs = dict.fromkeys(int(n) for n in MARKER.findall(answer))
    return [s for s in (ledger.get(r) for r in refs) if s is not None]


def _check_numbers(answer: str, support: set[str], household: set[str], report: GuardReport) -> str:
    header = prompts()["texts"]["situation"].rstrip("：:")
    lines = []
    in_situation = False
    for line in answer.splitlines():
        if _MARKUP.sub("", line).startswith(header):
            in_situation = True
        elif in_situation and not _LIST_ITEM.match(line):
            in_situation = False  # the restatement is its header line and the list items under it
        kept = []
        for sentence in split_sentences(line):
            # an uncited sentence of the restatement may repeat the household; a cited one states policy
            allowed = support | household if in_situation and not MARKER.search(sentence) else support
            bad = [written for written, value in figures(sentence) if value not in allowed]
            if bad:
                report.removed_sentences.append(sentence.strip())
                report.flagged_numbers.extend(bad)
                continue
            kept.append(sentence)
        lines.append("".join(kept))
    return "\n".join(lines)


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


def _tidy(answer: str) -> str:
    """Drop lines emptied by removals (a bare bullet, a header with nothing under it stays)."""
    lines = [line for line in answer.splitlines() if line.strip() not in ("-", "*", ">")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()

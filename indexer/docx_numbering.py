"""Word's automatic numbering, written out: python-docx gives a paragraph's text without the 「第一条」 or
「（一）」 that Word draws from numbering.xml, so a document numbered that way would lose its articles.

Each numbered paragraph gets its label from its level's ``lvlText`` (「第%1条」, 「（%1）」, 「%1.」) with the
counters formatted by ``numFmt`` (decimal, Chinese counting, circled numbers…); counters restart below a
level that advances, as Word does.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from indexer.numerals import int_to_cjk

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _fmt(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
               "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return int_to_cjk(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "bullet" or fmt == "none":
        return ""
    return str(n)


class Numbering:
    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[int, str, str]] = {}  # (numId, ilvl) → start, numFmt, lvlText
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
        for num in numbering.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            ref = num.find(qn("w:abstractNumId"))
            a = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            if a is None:
                continue
            for lvl in a.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                start = _val(lvl, "w:start", "1")
                self.levels[(num_id, ilvl)] = (int(start), _val(lvl, "w:numFmt", "decimal"), _val(lvl, "w:lvlText", ""))
        for style in document.styles.element.findall(qn("w:style")):
            ppr = style.find(qn("w:pPr"))
            found = _num_pr(ppr)
            if found:
                self.styles[style.get(qn("w:styleId"))] = found

    def label(self, paragraph) -> str:
        """The number Word shows before this paragraph ('' when it has none); advances the counters."""
        ppr = paragraph._p.pPr
        found = _num_pr(ppr)
        if found is None and ppr is not None and ppr.pStyle is not None:
            found = self.styles.get(ppr.pStyle.val)
        if found is None:
            return ""
        num_id, ilvl = found
        if (num_id, ilvl) not in self.levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = self.levels[(num_id, ilvl)][0]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = self.levels[(num_id, ilvl)][2]
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" in text:
                _, fmt, _ = self.levels.get((num_id, k), (1, "decimal", ""))
                text = text.replace(f"%{k + 1}", _fmt(counters.get(k, self.levels.get((num_id, k), (1,))[0]), fmt))
        return text


def _val(el, tag: str, default: str) -> str:
    child = el.find(qn(tag))
    return child.get(qn("w:val"), default) if child is not None else default


def _num_pr(ppr) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num_pr = ppr.find(qn("w:numPr"))
    if num_pr is None:
        return None
    num_id = num_pr.find(qn("w:numId"))
    ilvl = num_pr.find(qn("w:ilvl"))
    if num_id is None:
        return None
    return num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0

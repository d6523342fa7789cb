"""Metadata read from a document's own text when the manifest has no entry for it.

Title, issuer, document number (陕民发〔2023〕31号), region (the issuer's, else the title's, via the national
region table), the written date (the signature's date line), the effective date (自…起施行) and the kind (the
word the title ends with). Every value found this way is listed in ``guessed``: it is shown as a guess and
can be corrected through the documents API (which writes a manifest entry).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from indexer.models import DocumentMeta
from indexer.regions import gazetteer

_DATA = Path(__file__).with_name("data") / "doc_kinds.yaml"
_HEAD_LINES = 40
_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_DATE_LINE = re.compile(rf"^\s*{_DATE}\s*$")
_EFFECTIVE = re.compile(rf"自\s*{_DATE}\s*起\s*(?:施行|执行|实施|生效)")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［]\s*\d{4}\s*[〕\]］]\s*\d{1,4}\s*号")
_DOC_NUMBER_PARTS = re.compile(r"([\u4e00-\u9fff]{1,12})\s*[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]\s*(\d{1,4})\s*号")


def doc_numbers(text: str) -> list[tuple[str, int, int]]:
    """The document numbers (陕民发〔2023〕31号) a text names, as (issuer prefix, year, number), whatever
    brackets it is typed with."""
    return [(m.group(1), int(m.group(2)), int(m.group(3))) for m in _DOC_NUMBER_PARTS.finditer(text)]


def same_doc_number(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    """One number written twice: same year and number, one issuer prefix ending the other (a question's
    words run into the prefix: 「细则甘民发〔2024〕12号」)."""
    return a[1:] == b[1:] and (a[0].endswith(b[0]) or b[0].endswith(a[0]))
_ISSUED = re.compile(r"关于印发\s*《([^》]{4,60})》")
_LABEL = re.compile(r"^\s*(?:名\s*称|标\s*题|文件名称)\s*[:：]\s*")


@lru_cache(maxsize=1)
def _vocab() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    by_length = lambda words: tuple(sorted(words, key=len, reverse=True))  # noqa: E731 - longest match first
    return by_length(data["kinds"]), by_length(data["issuer_suffixes"])


def _iso(m: re.Match) -> str:
    y, mo, d = (int(g) for g in m.groups()[:3])
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _kind(title: str) -> str:
    kinds, _ = _vocab()
    return next((k for k in kinds if title.endswith(k)), "")


def _is_organs(line: str) -> bool:
    """A line made of issuing organs' names only: 「甲省民政厅　甲省财政厅」."""
    _, suffixes = _vocab()
    names = [n for n in re.split(r"[\s　、,，]+", line.strip()) if n]
    return bool(names) and all(2 <= len(n) <= 20 and n.endswith(suffixes) for n in names)


def guess_meta(doc_id: str, text: str) -> DocumentMeta:
    lines = [_LABEL.sub("", x).strip() for x in text.splitlines() if x.strip()]
    head = lines[:_HEAD_LINES]
    guessed: list[str] = []
    title = ""
    for line in head:
        m = _ISSUED.search(line)
        if m:
            title = m.group(1).strip()
            break
    if not title:
        title = next((x for x in head if len(x) <= 60 and _kind(x) and not _is_organs(x)), "")
    if title:
        guessed.append("title")
    else:
        title = (head[0] if head else doc_id)[:80]
    # the line naming the most organs: a notice issued jointly names them all, a site's banner above it one
    organs = [x for x in head if _is_organs(x)]
    issuer = max(organs, key=lambda x: len(re.split(r"[\s　、,，]+", x.strip())), default="")
    if not issuer:
        prefix = next((x.split("关于")[0] for x in head if "关于" in x and _is_organs(x.split("关于")[0])), "")
        issuer = prefix
    issuer = re.sub(r"[\s　]+", " ", issuer).strip()
    number = next((m.group(0) for x in head if (m := _DOC_NUMBER.search(x))), "")
    written = next((_iso(m) for x in lines if (m := _DATE_LINE.match(x))), None)
    effective = next((_iso(m) for m in [_EFFECTIVE.search(text)] if m), None)
    regions = gazetteer()
    region = regions.most_specific(issuer) if issuer else None
    region = region or regions.most_specific(title) or ""
    level = regions.by_name[region].level if region in regions.by_name else ""
    kind = _kind(title)
    for name, value in (("issuer", issuer), ("doc_number", number), ("date_written", written),
                        ("date_effective", effective), ("region", region), ("kind", kind)):
        if value:
            guessed.append(name)
    return DocumentMeta(
        doc_id=doc_id,
        title=title,
        issuer=issuer,
        region=region,
        level=level,
        doc_number=number,
        date_written=written,
        date_effective=effective,
        kind=kind or "用户上传",
        guessed=guessed,
    )

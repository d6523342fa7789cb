"""A synthetic policy library of any size from the seed corpus, for scale benchmarks (seeded, reproducible).

Document j copies seed j mod 4; past the first copy of each seed it is moved to another region of the same
level (the region, its parents and their short names replaced throughout text and metadata), its clauses
are shuffled within their sections and its numbers redrawn (years kept, so dates stay dates).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from indexer.corpus import MANIFEST, load_corpus
from indexer.regions import Region, gazetteer
from indexer.settings import ROOT

_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、])")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _chain(region: Region) -> list[Region]:
    g = gazetteer()
    out = [region]
    while out[-1].parent and out[-1].parent in g.by_name:
        out.append(g.by_name[out[-1].parent])
    return out


def _renamer(old: Region, new: Region):
    """Replace the old region and its parents, in every form, by the new region and its parents."""
    mapping: dict[str, str] = {}
    for a, b in zip(_chain(old), _chain(new), strict=False):
        for form_a, form_b in ((a.official, b.official), (a.name, b.name), (a.short, b.short)):
            if form_a and form_b and len(form_a) >= 2:
                mapping.setdefault(form_a, form_b)
    pattern = re.compile("|".join(map(re.escape, sorted(mapping, key=len, reverse=True))))
    return lambda text: pattern.sub(lambda m: mapping[m.group(0)], text) if text else text


def _region_of(region: str, level: str) -> Region | None:
    """The one region a document belongs to (its most specific named place); none for a mixed document."""
    g = gazetteer()
    if level == "mixed" or not region:
        return None
    if region in g.by_name:
        return g.by_name[region]
    found = [g.by_name[n] for n in g.find(region) if n in g.by_name]
    return max(found, key=lambda r: len(_chain(r)), default=None)


def _shuffle_sections(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    out: list[str] = []
    run: list[str] = []
    for line in lines:
        if _HEADING.match(line):
            rng.shuffle(run)
            out.extend(run)
            run = []
            out.append(line)
        else:
            run.append(line)
    rng.shuffle(run)
    out.extend(run)
    return "\n".join(out)


def _redraw_numbers(text: str, rng: random.Random) -> str:
    def repl(m: re.Match[str]) -> str:
        s = m.group(0)
        if _YEAR.fullmatch(s):
            return s
        whole, _, frac = s.partition(".")
        digits = str(rng.randint(10 ** (len(whole) - 1) if len(whole) > 1 else 0, 10 ** len(whole) - 1))
        return digits + ("." + "".join(str(rng.randint(0, 9)) for _ in frac) if frac else "")

    return _NUMBER.sub(repl, text)


def generate(out: Path, n_docs: int, seed: int = 11, seeds_dir: Path | None = None) -> list[str]:
    """Write ``n_docs`` documents and their manifest into ``out``; returns the file names."""
    seeds, _ = load_corpus(seeds_dir or ROOT / "corpus")
    g = gazetteer()
    by_level: dict[str, list[Region]] = {}
    for r in g.by_name.values():
        by_level.setdefault(r.level, []).append(r)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, dict] = {}
    names = []
    for j in range(n_docs):
        src = seeds[j % len(seeds)]
        meta = src.meta.model_dump(exclude={"doc_id", "source_path"})
        text = src.original
        if j >= len(seeds):
            old = _region_of(src.meta.region, src.meta.level)
            if old is not None:
                rename = _renamer(old, rng.choice(by_level[old.level]))
                text = rename(text)
                meta = {k: rename(v) if isinstance(v, str) and k in ("title", "issuer", "region") else v for k, v in meta.items()}
                meta["region"] = rename(src.meta.region)
            text = _redraw_numbers(_shuffle_sections(text, rng), rng)
        name = f"{j:05d}_{src.meta.doc_id}"
        (out / name).write_text(text, encoding="utf-8")
        manifest[name] = meta
        names.append(name)
    (out / MANIFEST).write_text(yaml.safe_dump({"documents": manifest}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return names

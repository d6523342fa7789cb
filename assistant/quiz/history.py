"""Which facts each trainer's quizzes have already asked, stored beside the conversations, so a new
quiz (or a regenerated item) never repeats one. Owners are the API-key digests the API uses."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import DateTime, Integer, String, create_engine, delete, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class _Base(DeclarativeBase):
    pass


class AskedFact(_Base):
    __tablename__ = "quiz_asked_facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner: Mapped[str] = mapped_column(String(64), index=True)
    fact_key: Mapped[str] = mapped_column(String(400))
    item_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class QuizHistory:
    def __init__(self, url: str):
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(url)
        _Base.metadata.create_all(self.engine)

    def asked(self, owner: str) -> set[str]:
        with Session(self.engine) as s:
            return set(s.scalars(select(AskedFact.fact_key).where(AskedFact.owner == owner)))

    def record(self, owner: str, items) -> None:
        now = datetime.now(UTC)
        with Session(self.engine) as s, s.begin():
            # an item's marks (its sentence, its value in a document) are kept beside its fact, so a later
            # quiz neither asks the fact again nor another fact of the same sentence
            s.add_all(
                AskedFact(owner=owner, fact_key=key, item_id=i.id, created_at=now)
                for i in items
                for key in dict.fromkeys([i.fact_key, *i.marks])
                if key
            )

    def forget(self, owner: str) -> int:
        with Session(self.engine) as s, s.begin():
            return s.execute(delete(AskedFact).where(AskedFact.owner == owner)).rowcount

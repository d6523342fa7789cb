"""The conversation database: an engine for SQLite or PostgreSQL, and its schema brought up to date by Alembic.

SQLite (the default) runs in WAL mode, so readers never wait for the writer, with a busy timeout, so a writer
waits for another instead of failing with "database is locked"; write transactions begin IMMEDIATE, so a
transaction that read first cannot fail when it then writes. Deleted rows are overwritten (secure_delete), so a
deleted conversation leaves no readable trace in the file. PostgreSQL: MZ_CONVERSATION_DB_URL=postgresql://…
(psycopg 3).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).resolve().parent / "alembic"
# the revision a database made before migrations existed corresponds to, by the newest column it has
# (its conversations table was created, and later altered, by the code of that time)
PRE_ALEMBIC = (("state", "0003"), ("owner", "0002"))
BUSY_TIMEOUT_S = 15.0
# an id any process migrating the same PostgreSQL database takes as an advisory lock
_PG_MIGRATION_LOCK = 0x6D7A_636F


def make_engine(url: str, busy_timeout_s: float = BUSY_TIMEOUT_S) -> Engine:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver installed
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, connect_args={"timeout": busy_timeout_s})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun below, not by the driver
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("sqlite_write") else "BEGIN")

    return engine


def writer(engine: Engine) -> Engine:
    """The engine for transactions that write (on SQLite they take the write lock at BEGIN)."""
    return engine.execution_options(sqlite_write=True)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision. A database from before migrations is stamped with the revision
    its tables match, then upgraded."""
    config = alembic_config()
    with writer(engine).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_MIGRATION_LOCK})
        config.attributes["connection"] = conn
        current = MigrationContext.configure(conn).get_current_revision()
        tables = inspect(conn).get_table_names()
        if current is None and "conversations" in tables:
            columns = {c["name"] for c in inspect(conn).get_columns("conversations")}
            command.stamp(config, next((rev for column, rev in PRE_ALEMBIC if column in columns), "0001"))
        command.upgrade(config, "head")

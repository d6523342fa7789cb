"""Alembic environment: migrations run on the connection database.migrate hands over (config.attributes), or,
from the `alembic` command line, on MZ_CONVERSATION_DB_URL."""

from __future__ import annotations

from alembic import context

from assistant.agent.store import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    from assistant.agent.database import make_engine
    from indexer.settings import get_settings

    engine = make_engine(get_settings().conversation_db_url)
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run()

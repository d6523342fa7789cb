"""Conversations keep a typed household state (HouseholdState as JSON) instead of the free-form draft.

The draft held a household's personal facts in a shape nothing reads any more, so it is dropped rather than
kept (个人信息保护法: minimum necessary).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("state", sa.JSON(), nullable=True))
        batch.drop_column("draft")


def downgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("draft", sa.JSON(), nullable=True))
        batch.drop_column("state")

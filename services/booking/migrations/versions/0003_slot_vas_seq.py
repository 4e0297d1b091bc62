"""Slots remember the VAS change-feed position they were last changed at.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("slots", sa.Column("vas_seq", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    op.drop_column("slots", "vas_seq")

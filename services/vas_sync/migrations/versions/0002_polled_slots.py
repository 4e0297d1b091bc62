"""The free times last seen per unit when polling a journal system without a change feed, and
the times VAS sync asked VAS for (written before the call) for one that keeps no reference.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "polled_slots",
        sa.Column("slot_id", sa.Text(), nullable=False),
        sa.Column("clinic_hsa_id", sa.Text(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("slot_id"),
    )
    op.create_index("ix_polled_slots_clinic_day", "polled_slots", ["clinic_hsa_id", "day"])
    op.create_table(
        "vas_attempts",
        sa.Column("appointment_id", sa.Uuid(), nullable=False),
        sa.Column("slot_id", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("appointment_id", "slot_id"),
    )


def downgrade() -> None:
    op.drop_table("vas_attempts")
    op.drop_index("ix_polled_slots_clinic_day", table_name="polled_slots")
    op.drop_table("polled_slots")

"""Initial schema: sync state per appointment, change-feed cursor, reconciliations, outbox/inbox.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from shared.messaging.tables import downgrade_messaging, upgrade_messaging

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_appointments",
        sa.Column("appointment_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("wanted", sa.Text(), nullable=True),
        sa.Column("clinic_hsa_id", sa.Text(), nullable=True),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("channel", sa.Text(), nullable=True),
        sa.Column("slot_id", sa.Text(), nullable=True),
        sa.Column("vas_appointment_id", sa.Text(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("result_code", sa.Text(), nullable=True),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("wanted IS NULL OR wanted IN ('booked', 'cancelled')", name="sync_wanted_known"),
        sa.PrimaryKeyConstraint("appointment_id"),
    )
    op.create_index("ix_sync_appointments_clinic_start", "sync_appointments", ["clinic_hsa_id", "start_at"])
    op.create_table(
        "feed_cursor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("after", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("last_change_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("id = 1", name="feed_cursor_single_row"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "reconciliations",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scope", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("checked", sa.Integer(), server_default="0", nullable=False),
        sa.Column("fixed", postgresql.JSONB(astext_type=sa.Text()), server_default="[]", nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    upgrade_messaging()


def downgrade() -> None:
    downgrade_messaging()
    op.drop_table("reconciliations")
    op.drop_table("feed_cursor")
    op.drop_index("ix_sync_appointments_clinic_start", table_name="sync_appointments")
    op.drop_table("sync_appointments")

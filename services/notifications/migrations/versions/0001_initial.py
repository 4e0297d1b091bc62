"""Initial schema: appointment replica, contact preferences, notification schedule, outbox/inbox.

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
        "appointments",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("clinic_hsa_id", sa.Text(), nullable=True),
        sa.Column("clinic_name", sa.Text(), nullable=True),
        sa.Column("time_type_code", sa.Text(), nullable=True),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("details_version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("details_kind", sa.Text(), nullable=True),
        sa.Column("prev_start_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("prev_end_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.Text(), server_default="unknown", nullable=False),
        sa.Column("confirmed_version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("rejected_version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("rejection_code", sa.Text(), nullable=True),
        sa.Column("cancelled_version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("cancelled_by", sa.Text(), nullable=True),
        sa.Column("announced_version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "status IN ('unknown', 'pending', 'booked', 'rejected', 'cancelled')", name="replica_status_known"
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "contact_preferences",
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("language", sa.Text(), server_default="sv", nullable=False),
        sa.Column("sms_consent", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("email_consent", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("language IN ('sv', 'en')", name="contact_language_known"),
        sa.PrimaryKeyConstraint("subject"),
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("appointment_id", sa.UUID(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("ref", sa.Text(), nullable=False),
        sa.Column("params", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("not_after", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.Text(), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("provider_id", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'dropped', 'skipped')",
            name="notification_status_known",
        ),
        sa.CheckConstraint("channel IN ('sms', 'email')", name="notification_channel_known"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("appointment_id", "kind", "channel", "ref", name="uq_notification_once"),
    )
    op.create_index(
        "ix_notifications_due", "notifications", ["due_at"], unique=False, postgresql_where=sa.text("status = 'pending'")
    )
    op.create_index(
        "ix_notifications_lease",
        "notifications",
        ["claimed_until"],
        unique=False,
        postgresql_where=sa.text("status = 'sending'"),
    )
    op.create_index("ix_notifications_appointment", "notifications", ["appointment_id"], unique=False)
    op.create_index(
        "ix_notifications_failed",
        "notifications",
        ["updated_at"],
        unique=False,
        postgresql_where=sa.text("status = 'failed'"),
    )
    upgrade_messaging()


def downgrade() -> None:
    downgrade_messaging()
    op.drop_index("ix_notifications_failed", table_name="notifications")
    op.drop_index("ix_notifications_appointment", table_name="notifications")
    op.drop_index("ix_notifications_lease", table_name="notifications")
    op.drop_index("ix_notifications_due", table_name="notifications")
    op.drop_table("notifications")
    op.drop_table("contact_preferences")
    op.drop_table("appointments")

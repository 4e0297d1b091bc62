"""The notifications service's own tables: the appointment replica, contact preferences and
the durable schedule of notifications (one row per message that is to go out)."""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, UUID

metadata = sa.MetaData()

appointments = sa.Table(
    "appointments",
    metadata,
    sa.Column("id", UUID(as_uuid=True), primary_key=True),
    # Null until an event with the details arrives (an outcome can come first).
    sa.Column("subject", sa.Text),
    sa.Column("clinic_hsa_id", sa.Text),
    sa.Column("clinic_name", sa.Text),
    sa.Column("time_type_code", sa.Text),
    sa.Column("start_at", sa.DateTime(timezone=True)),
    sa.Column("end_at", sa.DateTime(timezone=True)),
    sa.Column("details_version", sa.Integer, nullable=False, server_default="0"),
    sa.Column("details_kind", sa.Text),
    # The last time announced to the resident, where a refused move leaves the appointment.
    sa.Column("prev_start_at", sa.DateTime(timezone=True)),
    sa.Column("prev_end_at", sa.DateTime(timezone=True)),
    sa.Column("status", sa.Text, nullable=False, server_default="unknown"),
    sa.Column("confirmed_version", sa.Integer, nullable=False, server_default="0"),
    sa.Column("rejected_version", sa.Integer, nullable=False, server_default="0"),
    sa.Column("rejection_code", sa.Text),
    sa.Column("cancelled_version", sa.Integer, nullable=False, server_default="0"),
    sa.Column("cancelled_by", sa.Text),
    # The version whose confirmation (or rebooking notice) went into the schedule.
    sa.Column("announced_version", sa.Integer, nullable=False, server_default="0"),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.CheckConstraint(
        "status IN ('unknown', 'pending', 'booked', 'rejected', 'cancelled')", name="replica_status_known"
    ),
)

contact_preferences = sa.Table(
    "contact_preferences",
    metadata,
    sa.Column("subject", sa.Text, primary_key=True),
    sa.Column("phone", sa.Text),
    sa.Column("email", sa.Text),
    sa.Column("language", sa.Text, nullable=False, server_default="sv"),
    sa.Column("sms_consent", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("email_consent", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.CheckConstraint("language IN ('sv', 'en')", name="contact_language_known"),
)

notifications = sa.Table(
    "notifications",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("appointment_id", UUID(as_uuid=True), nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("channel", sa.Text, nullable=False),
    # What makes the message one of a kind: a reminder's offset and appointment start, a notice's version.
    sa.Column("ref", sa.Text, nullable=False),
    # Date, time and clinic for the text (never the time type or the reason).
    sa.Column("params", JSONB, nullable=False, server_default="{}"),
    sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
    # Not sent after this (a reminder is useless once the visit is about to start).
    sa.Column("not_after", sa.DateTime(timezone=True)),
    sa.Column("status", sa.Text, nullable=False, server_default="pending"),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("claimed_until", sa.DateTime(timezone=True)),
    sa.Column("outcome", sa.Text),
    sa.Column("last_error", sa.Text),
    sa.Column("provider_id", sa.Text),
    sa.Column("sent_at", sa.DateTime(timezone=True)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.CheckConstraint(
        "status IN ('pending', 'sending', 'sent', 'failed', 'dropped', 'skipped')", name="notification_status_known"
    ),
    sa.CheckConstraint("channel IN ('sms', 'email')", name="notification_channel_known"),
    # "Never sent twice" lives here: one row per appointment, kind, channel and ref.
    sa.UniqueConstraint("appointment_id", "kind", "channel", "ref", name="uq_notification_once"),
)
sa.Index("ix_notifications_due", notifications.c.due_at, postgresql_where=notifications.c.status == "pending")
sa.Index("ix_notifications_lease", notifications.c.claimed_until, postgresql_where=notifications.c.status == "sending")
sa.Index("ix_notifications_appointment", notifications.c.appointment_id)
sa.Index("ix_notifications_failed", notifications.c.updated_at, postgresql_where=notifications.c.status == "failed")

# Who changed or read a resident's personal data here, and when; details never hold the values.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(always=False), primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("actor_id", sa.Text),
    sa.Column("subject", sa.Text),
    sa.Column("details", JSONB, nullable=False, server_default="{}"),
    sa.Index("ix_audit_log_subject", "subject"),
)

"""VAS sync's own tables: what each appointment should be in VAS and what it is, the change-feed
cursor or the polled free times, and reconciliation reports (plus the toolkit's outbox and inbox)."""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData()

# One row per booking-service appointment: the newest version applied to VAS and VAS's answer.
# The row lock serialises every change of one appointment (across replicas) while VAS is called.
sync_appointments = sa.Table(
    "sync_appointments",
    metadata,
    sa.Column("appointment_id", sa.Uuid, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False, server_default="0"),  # 0: nothing applied yet
    sa.Column("wanted", sa.Text),  # booked | cancelled
    sa.Column("clinic_hsa_id", sa.Text),
    sa.Column("start_at", sa.DateTime(timezone=True)),
    sa.Column("subject", sa.Text),
    sa.Column("channel", sa.Text),
    sa.Column("slot_id", sa.Text),  # the slot the appointment is on in VAS
    sa.Column("vas_appointment_id", sa.Text),
    sa.Column("outcome", sa.Text),  # confirmed | rejected | cancelled
    sa.Column("result_code", sa.Text),
    sa.Column("synced_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("wanted IS NULL OR wanted IN ('booked', 'cancelled')", name="sync_wanted_known"),
    sa.Index("ix_sync_appointments_clinic_start", "clinic_hsa_id", "start_at"),
)

feed_cursor = sa.Table(
    "feed_cursor",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("after", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("last_change_at", sa.DateTime(timezone=True)),  # VAS's time of the newest change taken
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.CheckConstraint("id = 1", name="feed_cursor_single_row"),
)

# Every time VAS sync asked VAS to put an appointment on, written and committed before the call:
# a journal system that keeps no reference of ours (crm:scheduling) is searched on these times
# after an attempt whose outcome no commit records (a crash, a lost answer, a skipped version).
vas_attempts = sa.Table(
    "vas_attempts",
    metadata,
    sa.Column("appointment_id", sa.Uuid, primary_key=True),
    sa.Column("slot_id", sa.Text, primary_key=True),
    sa.Column("subject", sa.Text),  # whose booking it is (a time is another resident's too, later)
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

# The free times last seen per unit and day, when VAS is polled (crm:scheduling has no change
# feed): the next poll of that unit and day publishes only the difference.
polled_slots = sa.Table(
    "polled_slots",
    metadata,
    sa.Column("slot_id", sa.Text, primary_key=True),
    sa.Column("clinic_hsa_id", sa.Text, nullable=False),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Index("ix_polled_slots_clinic_day", "clinic_hsa_id", "day"),
)

reconciliations = sa.Table(
    "reconciliations",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(always=False), primary_key=True),
    sa.Column("trigger", sa.Text, nullable=False),  # periodic | manual
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.Column("scope", JSONB, nullable=False),
    sa.Column("checked", sa.Integer, nullable=False, server_default="0"),
    sa.Column("fixed", JSONB, nullable=False, server_default="[]"),
    sa.Column("error", sa.Text),
)

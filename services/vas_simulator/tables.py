"""The simulator's own tables: the schedule, the change feed and the fault setting."""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData()

timeslots = sa.Table(
    "timeslots",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("clinic_hsa_id", sa.Text, nullable=False),  # stored upper-case
    sa.Column("time_type_code", sa.Text, nullable=False),
    sa.Column("practitioner_id", sa.Text),
    sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("end_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", sa.Text, nullable=False, server_default="free"),
    sa.CheckConstraint("status IN ('free', 'booked', 'withdrawn')", name="timeslot_status_known"),
    sa.CheckConstraint("end_at > start_at", name="timeslot_ends_after_start"),
    sa.Index("ix_timeslots_clinic_start", "clinic_hsa_id", "start_at"),
)

appointments = sa.Table(
    "appointments",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("timeslot_id", sa.Text, sa.ForeignKey("timeslots.id"), nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("reference", sa.Text),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("channel", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("cancelled_reason", sa.Text),
    sa.Column("cancelled_by", sa.Text),
    sa.CheckConstraint("status IN ('booked', 'cancelled')", name="appointment_status_known"),
    sa.CheckConstraint("channel IN ('web', 'phone', 'clinic')", name="appointment_channel_known"),
    # A slot holds at most one appointment; a reference at most one live booking.
    sa.Index("uq_appointments_booked_slot", "timeslot_id", unique=True, postgresql_where=sa.text("status = 'booked'")),
    sa.Index(
        "uq_appointments_booked_reference", "reference", unique=True, postgresql_where=sa.text("status = 'booked'")
    ),
    sa.Index("ix_appointments_reference", "reference"),
    sa.Index("ix_appointments_subject", "subject"),
)

changes = sa.Table(
    "changes",
    metadata,
    sa.Column("seq", sa.BigInteger, sa.Identity(always=False), primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("payload", JSONB, nullable=False),
)

faults = sa.Table(
    "faults",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("mode", sa.Text, nullable=False, server_default="none"),
    sa.Column("rate", sa.Float, nullable=False, server_default="1.0"),
    sa.Column("latency_ms", sa.Integer, nullable=False, server_default="0"),
    sa.Column("retry_after_s", sa.Integer, nullable=False, server_default="5"),
    sa.CheckConstraint("id = 1", name="faults_single_row"),
)

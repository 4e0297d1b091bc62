"""The booking service's own tables (its database; no other service reads them)."""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, UUID

metadata = sa.MetaData()

clinics = sa.Table(
    "clinics",
    metadata,
    sa.Column("hsa_id", sa.Text, primary_key=True),  # stored upper-case: HSA-ids compare case-insensitively
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("municipality", sa.Text, nullable=False),
    sa.Column("address", sa.Text, nullable=False, server_default=""),
    sa.Column("phone", sa.Text, nullable=False, server_default=""),
    sa.Column("web_booking_enabled", sa.Boolean, nullable=False, server_default=sa.true()),
)

practitioners = sa.Table(
    "practitioners",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("clinic_hsa_id", sa.Text, sa.ForeignKey("clinics.hsa_id"), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("role", sa.Text, nullable=False),
)

time_types = sa.Table(
    "time_types",
    metadata,
    sa.Column("code", sa.Text, primary_key=True),
    sa.Column("name_sv", sa.Text, nullable=False),
    sa.Column("name_en", sa.Text, nullable=False),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("length_minutes", sa.Integer, nullable=False),
    sa.Column("mode", sa.Text, nullable=False),
    sa.Column("web_bookable", sa.Boolean, nullable=False),
    sa.Column("hidden", sa.Boolean, nullable=False),
    sa.Column("restricted", sa.Boolean, nullable=False),
    sa.Column("max_live_per_person", sa.Integer),
    sa.Column("information_sv", sa.Text, nullable=False, server_default=""),
    sa.Column("information_en", sa.Text, nullable=False, server_default=""),
    sa.Column("rules", JSONB, nullable=False),
    sa.Column("reminder_offsets_hours", JSONB, nullable=False, server_default="[48]"),
)

conditions = sa.Table(
    "time_type_conditions",
    metadata,
    sa.Column("time_type_code", sa.Text, sa.ForeignKey("time_types.code"), primary_key=True),
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text_sv", sa.Text, nullable=False),
    sa.Column("text_en", sa.Text, nullable=False),
)

# The replica of the clinics' free times; VAS is the source of truth.
slots = sa.Table(
    "slots",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("clinic_hsa_id", sa.Text, nullable=False),
    sa.Column("time_type_code", sa.Text, nullable=False),
    sa.Column("practitioner_id", sa.Text),
    sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("end_at", sa.DateTime(timezone=True), nullable=False),
    # free | held | busy | withdrawn
    sa.Column("status", sa.Text, nullable=False, server_default="free"),
    sa.Column("web_bookable", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("held_by", sa.Text),
    sa.Column("hold_expires_at", sa.DateTime(timezone=True)),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    # VAS change-feed position of the last schedule change applied: an older one arriving late is ignored.
    sa.Column("vas_seq", sa.BigInteger),
    sa.CheckConstraint("end_at > start_at", name="slot_ends_after_start"),
    sa.CheckConstraint("status IN ('free', 'held', 'busy', 'withdrawn')", name="slot_status_known"),
)
sa.Index("ix_slots_search", slots.c.clinic_hsa_id, slots.c.time_type_code, slots.c.start_at)
sa.Index("ix_slots_start", slots.c.start_at)
# What a search can list: free or held times only, in the order it lists them, so a search reads
# the first page's rows and stops, however many times are already taken (slot_repo.search).
OPEN_SLOT_STATUSES = ("free", "held")
OPEN_SLOTS = slots.c.status.in_([sa.literal_column(f"'{s}'") for s in OPEN_SLOT_STATUSES])
sa.Index(
    "ix_slots_open_by_clinic",
    slots.c.clinic_hsa_id,
    slots.c.time_type_code,
    slots.c.start_at,
    slots.c.id,
    postgresql_where=OPEN_SLOTS,
)
sa.Index("ix_slots_open_by_type", slots.c.time_type_code, slots.c.start_at, slots.c.id, postgresql_where=OPEN_SLOTS)
sa.Index("ix_slots_open", slots.c.start_at, slots.c.id, postgresql_where=OPEN_SLOTS)

LIVE_STATUSES = ("pending", "booked")

appointments = sa.Table(
    "appointments",
    metadata,
    sa.Column("id", UUID(as_uuid=True), primary_key=True),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("slot_id", sa.Text, nullable=False),
    # Where a rescheduled appointment was before: it returns there if VAS refuses the move.
    sa.Column("previous_slot_id", sa.Text),
    sa.Column("previous_start_at", sa.DateTime(timezone=True)),
    sa.Column("previous_end_at", sa.DateTime(timezone=True)),
    sa.Column("clinic_hsa_id", sa.Text, nullable=False),
    sa.Column("time_type_code", sa.Text, nullable=False),
    sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("end_at", sa.DateTime(timezone=True), nullable=False),
    # pending | booked | rejected | cancelled
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("channel", sa.Text, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("actor_id", sa.Text),
    sa.Column("reason", sa.Text),
    sa.Column("invitation_code", sa.Text),
    sa.Column("vas_appointment_id", sa.Text, unique=True),
    sa.Column("rejection_code", sa.Text),
    sa.Column("cancelled_by", sa.Text),
    sa.Column("self_declared", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.CheckConstraint("status IN ('pending', 'booked', 'rejected', 'cancelled')", name="appointment_status_known"),
)
# Double booking is impossible in the database: one live appointment per slot.
sa.Index(
    "uq_appointments_live_slot",
    appointments.c.slot_id,
    unique=True,
    postgresql_where=appointments.c.status.in_(LIVE_STATUSES),
)
sa.Index("ix_appointments_subject", appointments.c.subject, appointments.c.start_at)
sa.Index("ix_appointments_clinic_start", appointments.c.clinic_hsa_id, appointments.c.start_at, appointments.c.id)
# One invitation, one live booking: a letter's code cannot be used twice, even by racing requests.
sa.Index(
    "uq_appointments_live_invitation",
    appointments.c.invitation_code,
    unique=True,
    postgresql_where=sa.and_(appointments.c.status.in_(LIVE_STATUSES), appointments.c.invitation_code.isnot(None)),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("actor_id", sa.Text),
    sa.Column("channel", sa.Text, nullable=False),
    sa.Column("appointment_id", UUID(as_uuid=True)),
    sa.Column("subject", sa.Text),
    sa.Column("details", JSONB, nullable=False, server_default="{}"),
)
sa.Index("ix_audit_appointment", audit_log.c.appointment_id)

idempotency_keys = sa.Table(
    "idempotency_keys",
    metadata,
    sa.Column("owner", sa.Text, primary_key=True),
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("request_hash", sa.Text, nullable=False),
    sa.Column("status_code", sa.Integer, nullable=False),
    sa.Column("response", JSONB, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

# Web booking closed for the region, a clinic, a time type, or a time type at one clinic.
closures = sa.Table(
    "web_booking_closures",
    metadata,
    sa.Column("id", UUID(as_uuid=True), primary_key=True),
    sa.Column("clinic_hsa_id", sa.Text),
    sa.Column("time_type_code", sa.Text),
    sa.Column("message_sv", sa.Text, nullable=False),
    sa.Column("message_en", sa.Text, nullable=False),
    sa.Column("phone", sa.Text, nullable=False),
    sa.Column("closed_by", sa.Text, nullable=False),
    sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("reopened_at", sa.DateTime(timezone=True)),
)

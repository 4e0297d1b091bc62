"""The eligibility service's own tables (its database; no other service reads them)."""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, UUID

metadata = sa.MetaData()

# The campaign as in force now; every version is kept in campaign_versions.
campaigns = sa.Table(
    "campaigns",
    metadata,
    sa.Column("code", sa.Text, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("document", JSONB, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

campaign_versions = sa.Table(
    "campaign_versions",
    metadata,
    sa.Column("code", sa.Text, primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("document", JSONB, nullable=False),
    sa.Column("changed_by", sa.Text, nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("actor_id", sa.Text, nullable=False),
    sa.Column("details", JSONB, nullable=False, server_default="{}"),
)

home_care = sa.Table(
    "home_care",
    metadata,
    sa.Column("personnummer", sa.Text, primary_key=True),
    sa.Column("kind", sa.Text, nullable=False),  # home_care | home_health_care
    sa.Column("municipality", sa.Text, nullable=False),
    sa.Column("import_id", UUID(as_uuid=True), nullable=False),
)

households = sa.Table(
    "households",
    metadata,
    sa.Column("personnummer", sa.Text, primary_key=True),
    sa.Column("care_recipient", sa.Text, nullable=False),
    sa.Column("import_id", UUID(as_uuid=True), nullable=False),
)

staff_roster = sa.Table(
    "staff_roster",
    metadata,
    sa.Column("hsa_id", sa.Text, primary_key=True),  # upper-case
    sa.Column("personnummer", sa.Text, nullable=False),
    sa.Column("workplace", sa.Text, nullable=False),
    sa.Column("import_id", UUID(as_uuid=True), nullable=False),
)

invitations = sa.Table(
    "invitations",
    metadata,
    sa.Column("code", sa.Text, primary_key=True),  # canonical: no dashes, upper-case
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("campaign_code", sa.Text, nullable=False),
    sa.Column("phase", sa.Text, nullable=False),
    sa.Column("batch_id", UUID(as_uuid=True), nullable=False),
    sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
    sa.Column("valid_until", sa.DateTime(timezone=True), nullable=False),
    # Printing only: name and postal address for the letter.
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("address", JSONB, nullable=False),
    # The live booking the invitation is redeemed by (NULL: free to use).
    sa.Column("redeemed_by", UUID(as_uuid=True)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.UniqueConstraint("subject", "campaign_code", "phase", name="uq_invitation_per_person_phase"),
)
sa.Index("ix_invitations_batch", invitations.c.batch_id)

# What eligibility knows of bookings of campaign time types, from booking's appointment events.
bookings = sa.Table(
    "bookings",
    metadata,
    sa.Column("appointment_id", UUID(as_uuid=True), primary_key=True),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("time_type_code", sa.Text, nullable=False),
    sa.Column("clinic_hsa_id", sa.Text, nullable=False),
    sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", sa.Text, nullable=False),  # live | cancelled | rejected
    sa.Column("version", sa.Integer, nullable=False),
)
sa.Index("ix_bookings_subject", bookings.c.subject)

# Every decision, for audit, and to act on the booking it was asked for.
decisions = sa.Table(
    "decisions",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("time_type_code", sa.Text, nullable=False),
    sa.Column("appointment_id", UUID(as_uuid=True)),
    sa.Column("channel", sa.Text, nullable=False),
    sa.Column("actor_id", sa.Text),
    sa.Column("purpose", sa.Text, nullable=False),
    sa.Column("eligible", sa.Boolean, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("rule_version", sa.Text),
    sa.Column("self_declared", sa.Boolean, nullable=False),
    sa.Column("needs_review", sa.Boolean, nullable=False),
    sa.Column("invitation_code", sa.Text),
    sa.Column("evidence", JSONB, nullable=False),
)
sa.Index("ix_decisions_appointment", decisions.c.appointment_id)

# The region's call-back list.
follow_ups = sa.Table(
    "follow_ups",
    metadata,
    sa.Column("appointment_id", UUID(as_uuid=True), primary_key=True),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("time_type_code", sa.Text, nullable=False),
    sa.Column("clinic_hsa_id", sa.Text, nullable=False),
    sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("rule_version", sa.Text),
    sa.Column("channel", sa.Text, nullable=False),
    # open | confirmed | cancelling | cancelled
    sa.Column("status", sa.Text, nullable=False, server_default="open"),
    sa.Column("decided_by", sa.Text),
    sa.Column("decided_at", sa.DateTime(timezone=True)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

"""The console's own tables: the audit of every action, and the samples behind its history."""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData()

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("actor_id", sa.Text, nullable=False),  # the staff member's HSA-id
    sa.Column("action", sa.Text, nullable=False),  # retry | discard | reconcile
    sa.Column("target", sa.Text, nullable=False),  # a group key, a message id, a clinic and day
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("details", JSONB, nullable=False, server_default="{}"),
)

samples = sa.Table(
    "samples",
    metadata,
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("series", sa.Text, nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Index("ix_samples_series_at", "series", "at"),
)

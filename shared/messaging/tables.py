"""Outbox and inbox tables. Every service's first migration creates them in its own database."""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, UUID

messaging_metadata = sa.MetaData()

outbox = sa.Table(
    "outbox",
    messaging_metadata,
    sa.Column("id", UUID(as_uuid=True), primary_key=True),
    sa.Column("seq", sa.BigInteger, sa.Identity(), nullable=False, unique=True),
    sa.Column("exchange", sa.Text, nullable=False),
    sa.Column("routing_key", sa.Text, nullable=False),
    sa.Column("message_type", sa.Text, nullable=False),
    sa.Column("correlation_id", sa.Text, nullable=False),
    sa.Column("body", sa.LargeBinary, nullable=False),
    sa.Column("headers", JSONB, nullable=False, server_default="{}"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("published_at", sa.DateTime(timezone=True)),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)
# The relay's work list: unpublished rows in write order.
sa.Index(
    "ix_outbox_pending",
    outbox.c.seq,
    postgresql_where=outbox.c.published_at.is_(None),
)

inbox = sa.Table(
    "inbox",
    messaging_metadata,
    sa.Column("consumer", sa.Text, primary_key=True),
    sa.Column("message_id", UUID(as_uuid=True), primary_key=True),
    sa.Column("message_type", sa.Text, nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)
sa.Index("ix_inbox_received_at", inbox.c.received_at)

OUTBOX_CHANNEL = "tidbok_outbox"

# A transaction that wakes its own process's relay itself, after its commit, sends this with its
# BEGIN: its outbox rows then raise no NOTIFY. A transaction that notifies takes a database-wide
# lock at commit and holds it through the commit's WAL flush, so notifying commits go one at a
# time (no group commit); under a booking rush that lock was the database's longest wait
# (docs/benchmarks.md, "Performance round two, step 2").
QUIET_OUTBOX = "SET LOCAL tidbok.outbox_notify = 'off'"

# NOTIFY is delivered at commit, so the relay wakes only for rows it can see.
OUTBOX_NOTIFY_DDL = (
    f"""
    CREATE OR REPLACE FUNCTION tidbok_outbox_notify() RETURNS trigger AS $$
    BEGIN
        IF current_setting('tidbok.outbox_notify', true) = 'off' THEN
            RETURN NULL;
        END IF;
        PERFORM pg_notify('{OUTBOX_CHANNEL}', '');
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS outbox_notify ON outbox",
    """
    CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION tidbok_outbox_notify()
    """,
)


def upgrade_messaging() -> None:
    """Create the outbox and inbox tables and the outbox trigger (call from a migration)."""
    from alembic import op

    bind = op.get_bind()
    messaging_metadata.create_all(bind)
    for statement in OUTBOX_NOTIFY_DDL:
        op.execute(statement)


def downgrade_messaging() -> None:
    from alembic import op

    op.execute("DROP TRIGGER IF EXISTS outbox_notify ON outbox")
    op.execute("DROP FUNCTION IF EXISTS tidbok_outbox_notify()")
    messaging_metadata.drop_all(op.get_bind())

"""The outbox trigger raises no NOTIFY in a transaction that set tidbok.outbox_notify = 'off'
(shared.messaging.tables.QUIET_OUTBOX): the booking hot path wakes its own relay after commit,
and its commits no longer queue for NOTIFY's database-wide lock.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

from alembic import op

from shared.messaging.tables import OUTBOX_CHANNEL, OUTBOX_NOTIFY_DDL

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(OUTBOX_NOTIFY_DDL[0])  # CREATE OR REPLACE FUNCTION tidbok_outbox_notify()


def downgrade() -> None:
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION tidbok_outbox_notify() RETURNS trigger AS $$
        BEGIN
            PERFORM pg_notify('{OUTBOX_CHANNEL}', '');
            RETURN NULL;
        END;
        $$ LANGUAGE plpgsql
        """
    )

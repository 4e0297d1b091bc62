"""Initial schema: catalogue, slot replica, appointments, audit, idempotency, closures, outbox/inbox.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

from alembic import op

from services.booking.adapters.tables import metadata
from shared.messaging.tables import downgrade_messaging, upgrade_messaging

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The schema as of this revision is the tables module at this commit; later revisions
    # change it with explicit operations.
    metadata.create_all(op.get_bind())
    upgrade_messaging()


def downgrade() -> None:
    downgrade_messaging()
    metadata.drop_all(op.get_bind())

"""One live booking per invitation: the database refuses a second use of the same code.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "uq_appointments_live_invitation",
        "appointments",
        ["invitation_code"],
        unique=True,
        postgresql_where=sa.text("status IN ('pending', 'booked') AND invitation_code IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_appointments_live_invitation", table_name="appointments")

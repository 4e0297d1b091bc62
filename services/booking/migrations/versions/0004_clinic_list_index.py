"""A clinic's appointments are listed by start time, a page at a time (GET /v1/staff/appointments).

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_appointments_clinic_start", "appointments", ["clinic_hsa_id", "start_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_appointments_clinic_start", table_name="appointments")

"""Searches read only the times they can list: partial indexes over free and held slots, in the
order a search lists them (start, then id), so a search reads its page and stops however many
times are already taken. Before them, a search without a clinic read every coming slot of the
time type and sorted: 7 ms of the database's time with 1,300 free times, more as a day fills up.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = "status IN ('free', 'held')"


def upgrade() -> None:
    op.execute(f"CREATE INDEX ix_slots_open_by_clinic ON slots (clinic_hsa_id, time_type_code, start_at, id) WHERE {OPEN}")
    op.execute(f"CREATE INDEX ix_slots_open_by_type ON slots (time_type_code, start_at, id) WHERE {OPEN}")
    op.execute(f"CREATE INDEX ix_slots_open ON slots (start_at, id) WHERE {OPEN}")


def downgrade() -> None:
    op.execute("DROP INDEX ix_slots_open")
    op.execute("DROP INDEX ix_slots_open_by_type")
    op.execute("DROP INDEX ix_slots_open_by_clinic")

"""The call-back list's rows: listed, locked and decided within a staff member's clinics."""

import uuid
from datetime import datetime

import sqlalchemy as sa

from services.eligibility.adapters.tables import follow_ups
from services.eligibility.domain.records import FollowUp
from shared.db import Executor, record, records


def _in_scope(scope: frozenset[str] | None) -> sa.ColumnElement[bool]:
    """`scope`: the clinics (HSA-ids, upper case) one acts for; None for the whole region."""
    return sa.true() if scope is None else sa.func.upper(follow_ups.c.clinic_hsa_id).in_(sorted(scope))


async def listed(
    session: Executor,
    *,
    scope: frozenset[str] | None,
    status: str | None,
    start_from: datetime | None = None,
    start_to: datetime | None = None,
    after: tuple[datetime, uuid.UUID] | None = None,
    limit: int | None = None,
) -> list[FollowUp]:
    """By (start, appointment id); `after` is a keyset position, `limit` None for every row."""
    f = follow_ups.c
    query = sa.select(follow_ups).where(_in_scope(scope)).order_by(f.start_at, f.appointment_id).limit(limit)
    if status:
        query = query.where(f.status == status)
    if start_from is not None:
        query = query.where(f.start_at >= start_from)
    if start_to is not None:
        query = query.where(f.start_at < start_to)
    if after is not None:
        query = query.where(
            sa.tuple_(f.start_at, f.appointment_id) > sa.tuple_(sa.literal(after[0]), sa.literal(after[1]))
        )
    return records(FollowUp, (await session.execute(query)).all())


async def locked(session: Executor, appointment_id: uuid.UUID, *, scope: frozenset[str] | None) -> FollowUp | None:
    """The follow-up, locked for a decision, if it is within `scope`; else None."""
    query = (
        sa.select(follow_ups).where(follow_ups.c.appointment_id == appointment_id, _in_scope(scope)).with_for_update()
    )
    row = (await session.execute(query)).first()
    return None if row is None else record(FollowUp, row)


async def decide(session: Executor, appointment_id: uuid.UUID, *, status: str, decided_by: str) -> None:
    await session.execute(
        follow_ups.update()
        .where(follow_ups.c.appointment_id == appointment_id)
        .values(status=status, decided_by=decided_by, decided_at=sa.func.now())
    )

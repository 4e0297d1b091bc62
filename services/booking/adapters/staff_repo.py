"""What staff read and change besides appointments: a clinic's list, closures, the rollout switch."""

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from services.booking.adapters.tables import appointments, clinics, closures, slots
from services.booking.domain.appointment import Appointment
from services.booking.domain.catalogue import Closure
from shared.db import Executor, record, records


async def clinic_of_slot(session: Executor, slot_id: str) -> str | None:
    found = await session.scalar(sa.select(slots.c.clinic_hsa_id).where(slots.c.id == slot_id))
    return None if found is None else str(found)


async def clinic_appointments(
    session: Executor,
    clinic_hsa_id: str,
    *,
    start_from: datetime,
    start_to: datetime,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Appointment]:
    """By (start, id), from `start_from` up to `start_to`, after the keyset position `after`."""
    a = appointments.c
    query = sa.select(appointments).where(
        a.clinic_hsa_id == clinic_hsa_id.upper(), a.start_at >= start_from, a.start_at < start_to
    )
    if after is not None:
        query = query.where(sa.tuple_(a.start_at, a.id) > sa.tuple_(sa.literal(after[0]), sa.literal(after[1])))
    query = query.order_by(a.start_at, a.id).limit(limit)
    return records(Appointment, (await session.execute(query)).all())


async def add_closure(session: Executor, closure_id: uuid.UUID, *, closed_by: str, **values: Any) -> None:
    await session.execute(closures.insert().values(id=closure_id, closed_by=closed_by, **values))


async def closures_in_force(session: Executor) -> list[Closure]:
    query = sa.select(closures).where(closures.c.reopened_at.is_(None)).order_by(closures.c.closed_at)
    return records(Closure, (await session.execute(query)).all())


async def locked_closure(session: Executor, closure_id: uuid.UUID) -> Closure | None:
    row = (await session.execute(sa.select(closures).where(closures.c.id == closure_id).with_for_update())).first()
    return None if row is None else record(Closure, row)


async def reopen(session: Executor, closure_id: uuid.UUID) -> None:
    await session.execute(closures.update().where(closures.c.id == closure_id).values(reopened_at=sa.func.now()))


async def set_web_booking(session: Executor, hsa_id: str, *, enabled: bool) -> bool:
    """Whether there is such a clinic."""
    result = await session.execute(
        clinics.update()
        .where(clinics.c.hsa_id == hsa_id.upper())
        .values(web_booking_enabled=enabled)
        .returning(clinics.c.hsa_id)
    )
    return result.first() is not None

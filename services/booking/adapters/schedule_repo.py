"""The replica of the clinics' schedules as VAS reports it: times published and withdrawn, and
appointments known by their VAS id (what the schedule handlers read and write)."""

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from services.booking.adapters.tables import LIVE_STATUSES, appointments, clinics, slots
from services.booking.domain.appointment import Appointment
from shared.db import Executor, record, records


def _newer(seq: int | None) -> sa.ColumnElement[bool]:
    """The change is not older than what the row holds (events without a sequence always apply)."""
    if seq is None:
        return sa.true()
    return sa.or_(slots.c.vas_seq.is_(None), slots.c.vas_seq < seq)


async def publish(session: Executor, *, slot_id: str, vas_seq: int | None, **values: Any) -> None:
    """The time as VAS published it; re-publishing a withdrawn time frees it, a held or booked one
    keeps its state; an older change than the row's is ignored."""
    values = {**values, "vas_seq": vas_seq}
    statement = insert(slots).values(id=slot_id, status="free", **values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[slots.c.id],
            set_={
                **values,
                "updated_at": sa.func.now(),
                "status": sa.case((slots.c.status == "withdrawn", "free"), else_=slots.c.status),
            },
            where=_newer(vas_seq),
        )
    )


async def withdraw(
    session: Executor,
    *,
    slot_id: str,
    vas_seq: int | None,
    clinic_hsa_id: str | None,
    time_type_code: str | None,
    start: datetime | None,
    end: datetime | None,
) -> None:
    withdrawn = {
        "status": sa.case((slots.c.status.in_(("free", "held")), "withdrawn"), else_=slots.c.status),
        "held_by": sa.case((slots.c.status == "held", None), else_=slots.c.held_by),
        "hold_expires_at": sa.case((slots.c.status == "held", None), else_=slots.c.hold_expires_at),
        "vas_seq": sa.func.coalesce(vas_seq, slots.c.vas_seq),
        "updated_at": sa.func.now(),
    }
    if vas_seq is None or start is None or end is None:
        await session.execute(slots.update().where(slots.c.id == slot_id, _newer(vas_seq)).values(**withdrawn))
        return
    # One statement, so that a "published" handled at the same moment cannot slip in between:
    # withdrawn before we saw it published (events overtook each other), the time is remembered
    # withdrawn and the older "published" that arrives later cannot offer it.
    statement = insert(slots).values(
        id=slot_id,
        clinic_hsa_id=(clinic_hsa_id or "").upper(),
        time_type_code=time_type_code or "",
        start_at=start,
        end_at=end,
        status="withdrawn",
        vas_seq=vas_seq,
    )
    await session.execute(
        statement.on_conflict_do_update(index_elements=[slots.c.id], set_=withdrawn, where=_newer(vas_seq))
    )


async def mark_busy(session: Executor, slot_id: str) -> None:
    await session.execute(
        slots.update().where(slots.c.id == slot_id).values(status="busy", held_by=None, hold_expires_at=None)
    )


async def times(session: Executor, slot_id: str, /) -> tuple[datetime, datetime] | None:
    found = (await session.execute(sa.select(slots.c.start_at, slots.c.end_at).where(slots.c.id == slot_id))).first()
    return (found.start_at, found.end_at) if found is not None else None


async def clinic_name(session: Executor, hsa_id: str) -> str | None:
    name = await session.scalar(sa.select(clinics.c.name).where(clinics.c.hsa_id == hsa_id))
    return None if name is None else str(name)


async def exists(session: Executor, appointment_id: uuid.UUID) -> bool:
    return await session.scalar(sa.select(appointments.c.id).where(appointments.c.id == appointment_id)) is not None


async def id_by_vas_appointment(session: Executor, vas_appointment_id: str) -> uuid.UUID | None:
    query = sa.select(appointments.c.id).where(appointments.c.vas_appointment_id == vas_appointment_id)
    found = await session.scalar(query)
    return None if found is None else uuid.UUID(str(found))


async def locked_by_vas_appointment(
    session: Executor, vas_appointment_id: str, *, or_id: uuid.UUID | None = None
) -> Appointment | None:
    """The appointment VAS knows by `vas_appointment_id` (or, given, ours by id), locked."""
    condition = appointments.c.vas_appointment_id == vas_appointment_id
    if or_id is not None:
        condition = sa.or_(condition, appointments.c.id == or_id)
    row = (await session.execute(sa.select(appointments).where(condition).with_for_update())).first()
    return None if row is None else record(Appointment, row)


async def live_holders(session: Executor, slot_id: str, /, *, besides: uuid.UUID | None) -> list[Appointment]:
    """The live appointments of `slot_id` (other than `besides`), locked."""
    query = sa.select(appointments).where(appointments.c.slot_id == slot_id, appointments.c.status.in_(LIVE_STATUSES))
    if besides is not None:
        query = query.where(appointments.c.id != besides)
    return records(Appointment, (await session.execute(query.with_for_update())).all())

"""Reading and writing the appointment replica (one row per appointment, locked while an event is applied)."""

import dataclasses
import uuid

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from services.notifications.adapters.tables import appointments
from services.notifications.domain.replica import Replica
from shared.db import Executor

_FIELDS = [f.name for f in dataclasses.fields(Replica)]


async def lock(session: Executor, appointment_id: uuid.UUID, /) -> Replica:
    """The replica row, created empty when this is the first event seen, locked until commit
    (two events for one appointment are applied one after the other)."""
    await session.execute(insert(appointments).values(id=appointment_id).on_conflict_do_nothing())
    row = (
        await session.execute(sa.select(appointments).where(appointments.c.id == appointment_id).with_for_update())
    ).one()
    return Replica(**{name: row._mapping[name] for name in _FIELDS})


async def save(session: Executor, replica: Replica, /) -> None:
    values = {name: getattr(replica, name) for name in _FIELDS if name != "id"}
    await session.execute(
        sa.update(appointments).where(appointments.c.id == replica.id).values(**values, updated_at=sa.func.now())
    )

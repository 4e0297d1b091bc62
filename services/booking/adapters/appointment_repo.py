"""Appointment rows, their audit trail and the idempotency record of each booking request."""

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from services.booking.adapters.tables import appointments, audit_log
from services.booking.domain.appointment import Appointment, AuditEntry
from shared.db import Executor, record, records

# Built once: constructing statements per call costs more CPU than running them.
_INSERT_APPOINTMENT = appointments.insert()
_INSERT_AUDIT = audit_log.insert()


async def insert_appointment(session: Executor, **values: Any) -> None:
    await session.execute(_INSERT_APPOINTMENT, values)


async def get(session: Executor, appointment_id: uuid.UUID, /, *, for_update: bool = False) -> Appointment | None:
    query = sa.select(appointments).where(appointments.c.id == appointment_id)
    if for_update:
        query = query.with_for_update()
    row = (await session.execute(query)).first()
    return None if row is None else record(Appointment, row)


async def get_for_subject(
    session: Executor, *, appointment_id: uuid.UUID, subject: str, for_update: bool = False
) -> Appointment | None:
    """Someone else's appointment is indistinguishable from a missing one."""
    query = sa.select(appointments).where(appointments.c.id == appointment_id, appointments.c.subject == subject)
    if for_update:
        query = query.with_for_update()
    row = (await session.execute(query)).first()
    return None if row is None else record(Appointment, row)


async def list_for_subject(
    session: Executor, *, subject: str, after: tuple[datetime, uuid.UUID] | None, limit: int
) -> list[Appointment]:
    query = (
        sa.select(appointments)
        .where(appointments.c.subject == subject)
        .order_by(appointments.c.start_at, appointments.c.id)
        .limit(limit)
    )
    if after:
        query = query.where(
            sa.tuple_(appointments.c.start_at, appointments.c.id)
            > sa.tuple_(sa.literal(after[0]), sa.literal(after[1]))
        )
    return records(Appointment, (await session.execute(query)).all())


async def update(session: Executor, appointment_id: uuid.UUID, /, **values: Any) -> None:
    await session.execute(
        appointments.update().where(appointments.c.id == appointment_id).values(updated_at=sa.func.now(), **values)
    )


async def audit(
    session: Executor,
    /,
    *,
    action: str,
    actor: str,
    actor_id: str | None,
    channel: str,
    appointment_id: uuid.UUID | None,
    subject: str | None,
    details: dict[str, Any] | None = None,
) -> None:
    await session.execute(
        _INSERT_AUDIT,
        {
            "action": action,
            "actor": actor,
            "actor_id": actor_id,
            "channel": channel,
            "appointment_id": appointment_id,
            "subject": subject,
            "details": details or {},
        },
    )


async def audit_trail(session: Executor, appointment_id: uuid.UUID) -> list[AuditEntry]:
    query = sa.select(audit_log).where(audit_log.c.appointment_id == appointment_id).order_by(audit_log.c.id)
    return records(AuditEntry, (await session.execute(query)).all())

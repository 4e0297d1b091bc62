"""Appointment rows, their audit trail and the idempotency record of each booking request."""

import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.booking.adapters.tables import appointments, audit_log, idempotency_keys


async def insert_appointment(session: AsyncSession, **values: Any) -> None:
    await session.execute(appointments.insert().values(**values))


async def get(session: AsyncSession, appointment_id: uuid.UUID, *, for_update: bool = False) -> Any:
    query = sa.select(appointments).where(appointments.c.id == appointment_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).first()


async def get_for_subject(
    session: AsyncSession, *, appointment_id: uuid.UUID, subject: str, for_update: bool = False
) -> Any:
    """Someone else's appointment is indistinguishable from a missing one."""
    query = sa.select(appointments).where(appointments.c.id == appointment_id, appointments.c.subject == subject)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).first()


async def list_for_subject(
    session: AsyncSession, *, subject: str, after: tuple[Any, uuid.UUID] | None, limit: int
) -> list[Any]:
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
    return list((await session.execute(query)).all())


async def update(session: AsyncSession, appointment_id: uuid.UUID, **values: Any) -> None:
    await session.execute(
        appointments.update().where(appointments.c.id == appointment_id).values(updated_at=sa.func.now(), **values)
    )


async def audit(
    session: AsyncSession,
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
        audit_log.insert().values(
            action=action,
            actor=actor,
            actor_id=actor_id,
            channel=channel,
            appointment_id=appointment_id,
            subject=subject,
            details=details or {},
        )
    )


async def audit_trail(session: AsyncSession, appointment_id: uuid.UUID) -> list[Any]:
    query = sa.select(audit_log).where(audit_log.c.appointment_id == appointment_id).order_by(audit_log.c.id)
    return list((await session.execute(query)).all())


async def stored_response(session: AsyncSession, *, owner: str, key: str) -> Any:
    query = sa.select(idempotency_keys).where(idempotency_keys.c.owner == owner, idempotency_keys.c.key == key)
    return (await session.execute(query)).first()


async def store_response(
    session: AsyncSession, *, owner: str, key: str, request_hash: str, status_code: int, response: dict[str, Any]
) -> bool:
    """False when a concurrent request with the same key got there first."""
    result = await session.execute(
        insert(idempotency_keys)
        .values(owner=owner, key=key, request_hash=request_hash, status_code=status_code, response=response)
        .on_conflict_do_nothing()
        .returning(idempotency_keys.c.key)
    )
    return result.first() is not None

"""Eligibility's view of booking's appointments: live bookings per person and time type, the
invitations they redeemed and the follow-ups they need (one table each)."""

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from services.eligibility.adapters.tables import bookings, decisions, follow_ups, invitations
from services.eligibility.domain.records import Decision
from shared.db import Executor, record

_COVERED = sa.text("SELECT EXISTS (SELECT 1 FROM campaigns WHERE document->'time_types' ? :time_type)")


async def covered(session: Executor, time_type: str, /) -> bool:
    """Whether a campaign covers `time_type` (others are none of eligibility's business)."""
    return bool(await session.scalar(_COVERED, {"time_type": time_type}))


async def record_live(
    session: Executor,
    /,
    *,
    appointment_id: uuid.UUID,
    subject: str,
    time_type_code: str,
    clinic_hsa_id: str,
    start: datetime,
    version: int,
) -> None:
    """The booking as live at `version`, unless it is known already."""
    await session.execute(
        insert(bookings)
        .values(
            appointment_id=appointment_id,
            subject=subject,
            time_type_code=time_type_code,
            clinic_hsa_id=clinic_hsa_id,
            start_at=start,
            status="live",
            version=version,
        )
        .on_conflict_do_nothing()
    )


async def decision_for(session: Executor, appointment_id: uuid.UUID, /) -> Decision | None:
    """The latest positive decision to book this appointment, or None. Not a later one to move it:
    the resident may move it before its booking's event is handled here, and the move's decision
    carries no invitation to redeem and no self-declaration to follow up."""
    query = (
        sa.select(decisions)
        .where(decisions.c.appointment_id == appointment_id, decisions.c.eligible, decisions.c.purpose == "book")
        .order_by(decisions.c.id.desc())
        .limit(1)
    )
    row = (await session.execute(query)).first()
    return None if row is None else record(Decision, row)


async def redeem_invitation(session: Executor, code: str, appointment_id: uuid.UUID, /) -> None:
    await session.execute(
        invitations.update()
        .where(invitations.c.code == code, invitations.c.redeemed_by.is_(None))
        .values(redeemed_by=appointment_id)
    )


async def add_follow_up(session: Executor, /, **values: Any) -> None:
    await session.execute(insert(follow_ups).values(**values).on_conflict_do_nothing())


async def move(session: Executor, appointment_id: uuid.UUID, /, *, start: datetime, version: int) -> None:
    await session.execute(
        bookings.update()
        .where(bookings.c.appointment_id == appointment_id, bookings.c.version < version)
        .values(start_at=start, version=version)
    )


async def end(session: Executor, appointment_id: uuid.UUID, /, *, status: str, version: int) -> None:
    """The booking ended (cancelled, refused): its invitation works again, its follow-up goes."""
    result = await session.execute(
        bookings.update()
        .where(bookings.c.appointment_id == appointment_id, bookings.c.version <= version)
        .values(status=status, version=version)
        .returning(bookings.c.appointment_id)
    )
    if result.first() is None:
        return
    await session.execute(
        invitations.update().where(invitations.c.redeemed_by == appointment_id).values(redeemed_by=None)
    )
    await session.execute(
        follow_ups.update()
        .where(follow_ups.c.appointment_id == appointment_id, follow_ups.c.status != "cancelled")
        .values(status="cancelled")
    )

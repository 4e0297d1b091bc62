"""VAS's confirmation of a booking (or its change) in one statement on the driver connection
(`shared.direct`): the appointment turns `booked` only if it is still pending at the confirmed
version (the UPDATE takes the row lock and re-checks that under it), with its audit record and
the NOTIFY that wakes requests waiting on its status — or nothing at all, for a stale answer."""

import uuid

import asyncpg
import sqlalchemy as sa

from services.booking.adapters.status_signal import CHANNEL
from services.booking.adapters.tables import appointments, audit_log
from services.booking.domain.appointment import Status
from shared.contracts.common import Actor, Channel
from shared.direct import Direct

_AUDIT_COLUMNS = ["action", "actor", "actor_id", "channel", "appointment_id", "subject", "details"]


def _statement() -> sa.Select[tuple[str]]:
    booked = (
        appointments.update()
        .where(
            appointments.c.id == sa.bindparam("row_id", type_=appointments.c.id.type),
            appointments.c.version == sa.bindparam("row_version", type_=sa.Integer),
            appointments.c.status == Status.PENDING.value,
        )
        .values(
            status=Status.BOOKED.value,
            vas_appointment_id=sa.bindparam("vas_id", type_=sa.Text),
            previous_slot_id=None,
            previous_start_at=None,
            previous_end_at=None,
            updated_at=sa.func.now(),
        )
        .returning(appointments.c.id, appointments.c.subject)
        .cte("booked")
    )
    audited = (
        sa.insert(audit_log)
        .from_select(
            _AUDIT_COLUMNS,
            sa.select(
                sa.literal("confirmed_in_vas"),
                sa.literal(Actor.SYSTEM.value),
                sa.null(),
                sa.literal(Channel.VAS.value),
                booked.c.id,
                booked.c.subject,
                sa.bindparam("details", type_=audit_log.c.details.type),
            ).select_from(booked),
        )
        .cte("audited")
    )
    notify = sa.func.pg_notify(sa.literal(CHANNEL), sa.cast(booked.c.id, sa.Text))
    return sa.select(notify).select_from(booked).add_cte(audited)


_CONFIRM = Direct(_statement())


async def confirm(
    db: asyncpg.Connection, appointment_id: uuid.UUID, /, *, version: int, vas_appointment_id: str
) -> bool:
    """True when the appointment was pending at `version` and is booked now."""
    params = {
        "row_id": appointment_id,
        "row_version": version,
        "vas_id": vas_appointment_id,
        "details": {"version": version},
    }
    return await _CONFIRM.fetchrow(db, params) is not None

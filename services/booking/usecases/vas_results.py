"""VAS sync's answers: the booking (or its change) was confirmed in VAS, or refused.

Idempotent and version-aware: an answer for an older version than the appointment's current
one is stale (the resident changed it since) and changes nothing.
"""

import uuid
from datetime import datetime
from typing import Any

from services.booking.domain.appointment import Appointment, Status
from services.booking.usecases.ports import SQL, Store
from services.booking.usecases.slot_taken_in_vas import reject_unmade_bookings
from shared.contracts.appointments import AppointmentConfirmed, AppointmentRejected
from shared.contracts.common import Actor, Channel
from shared.db import Executor


async def confirmed(session: Any, event: AppointmentConfirmed, *, store: Store = SQL) -> None:
    """`session`: the driver connection of the consumer's transaction (handlers/vas_results.py)."""
    await store.confirm(
        session, event.appointment_id, version=event.version, vas_appointment_id=event.vas_appointment_id
    )


async def rejected(session: Executor, event: AppointmentRejected, *, store: Store = SQL) -> None:
    row = await store.appointments.get(session, event.appointment_id, for_update=True)
    if row is None or row.version != event.version or row.status != Status.PENDING:
        return
    taken = event.code == "REQUESTED_TIME_IS_ALREADY_RESERVED"
    # VAS says someone else has the time: the replica shows it busy, otherwise it is free again.
    await store.slots.release(session, slot_id=row.slot_id, status="busy" if taken else "free")
    # A refused move leaves the appointment where VAS kept it (answers from before VAS sync told
    # what it kept: where it was before the move).
    back_to = event.kept_slot_id if event.kept_known else row.previous_slot_id
    times = await _times_of(session, row, back_to, store) if back_to else None
    if back_to and times and await _take_back(session, row, back_to, vas_says_so=event.kept_known, store=store):
        await store.appointments.update(
            session,
            row.id,
            status=Status.BOOKED,
            slot_id=back_to,
            start_at=times[0],
            end_at=times[1],
            previous_slot_id=None,
            previous_start_at=None,
            previous_end_at=None,
            rejection_code=event.code,
            vas_appointment_id=event.kept_vas_appointment_id or row.vas_appointment_id,
        )
        action = "reschedule_rejected_by_vas"
    else:
        await store.appointments.update(session, row.id, status=Status.REJECTED, rejection_code=event.code)
        action = "rejected_by_vas"
    await _audit_rejection(session, store, row.id, row.subject, action, {"code": event.code, "version": event.version})
    await store.signal(session, row.id)


async def _times_of(
    session: Executor, row: Appointment, slot_id: str, store: Store
) -> tuple[datetime, datetime] | None:
    if slot_id == row.previous_slot_id and row.previous_start_at is not None and row.previous_end_at is not None:
        return row.previous_start_at, row.previous_end_at
    return await store.schedule.times(session, slot_id)


async def _take_back(session: Executor, row: Appointment, slot_id: str, *, vas_says_so: bool, store: Store) -> bool:
    """Claim the time the appointment goes back to. When VAS said it kept the appointment
    there, a web booking that took the time in the replica meanwhile cannot be made in VAS: it
    has lost, and the time is ours again."""
    if await store.slots.claim(session, slot_id=slot_id, subject=row.subject):
        return True
    if not vas_says_so or not await reject_unmade_bookings(session, slot_id, besides=row.id, store=store):
        return False
    await store.slots.release(session, slot_id=slot_id, status="busy")
    return True


async def _audit_rejection(
    session: Executor, store: Store, appointment_id: uuid.UUID, subject: str, action: str, details: dict[str, Any]
) -> None:
    await store.appointments.audit(
        session,
        action=action,
        actor=Actor.SYSTEM,
        actor_id=None,
        channel=Channel.VAS,
        appointment_id=appointment_id,
        subject=subject,
        details=details,
    )

"""VAS holds a slot (a booking of its own, or ours it kept): web bookings of that slot that VAS
never made have lost — VAS has one appointment per slot."""

import uuid

from services.booking.domain.appointment import Status
from services.booking.usecases.ports import SQL, Store
from shared.contracts.common import Actor, Channel
from shared.db import Executor

TAKEN = "REQUESTED_TIME_IS_ALREADY_RESERVED"


async def reject_unmade_bookings(
    session: Executor, slot_id: str, *, besides: uuid.UUID | None = None, store: Store = SQL
) -> bool:
    """Reject the live appointments of `slot_id` (other than `besides`) that VAS never made.
    Answers False, changing nothing, when one VAS did make still holds the slot: the cancel or
    move that freed it in VAS (or VAS sync's refusal of a move there) is still to be handled."""
    holders = await store.schedule.live_holders(session, slot_id, besides=besides)
    if any(h.vas_appointment_id is not None for h in holders):
        return False
    for loser in holders:
        await store.appointments.update(session, loser.id, status=Status.REJECTED, rejection_code=TAKEN)
        await store.appointments.audit(
            session,
            action="rejected_by_vas",
            actor=Actor.CLINIC,
            actor_id=None,
            channel=Channel.VAS,
            appointment_id=loser.id,
            subject=loser.subject,
            details={"code": TAKEN},
        )
        await store.signal(session, loser.id)
    return True

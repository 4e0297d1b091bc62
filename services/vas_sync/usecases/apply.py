"""Bring VAS to what the newest appointment event wants — exactly one VAS appointment per booking.

Runs in the consumer's transaction with the appointment's sync row locked, so one appointment is
never worked on twice at once. What VAS holds is taken from the row when the last commit knows
it; when an earlier attempt may have done something without committing (a redelivery, a retry, a
call that timed out) it is looked up first (by our reference where VAS keeps one, else in the resident's schedule at the
unit), so a create is never repeated blind.
"""

from collections.abc import Awaitable, Callable

import structlog
from prometheus_client import Counter

from services.vas_sync.adapters import sync_repo
from services.vas_sync.domain.found import this_bookings
from services.vas_sync.domain.sync_state import SyncState
from services.vas_sync.domain.vas_port import OurBooking, VasAppointment, VasRefused, VasSchedule
from services.vas_sync.domain.wanted import ALREADY_GONE, REFUSALS_THAT_REJECT, Wanted
from services.vas_sync.usecases.ports import SyncRows, Tx
from shared.contracts.appointments import AppointmentConfirmed, AppointmentRejected
from shared.messaging.envelope import Contract
from shared.messaging.errors import PermanentError

log = structlog.get_logger(__name__)

OUTCOMES = Counter("tidbok_vas_sync_outcomes_total", "Appointment changes applied to VAS", ["outcome"])
DUPLICATES_REMOVED = Counter("tidbok_vas_duplicates_removed_total", "Extra VAS appointments cancelled")


Emit = Callable[[Contract], Awaitable[object]]


async def apply(
    session: Tx,
    vas: VasSchedule,
    wanted: Wanted,
    *,
    look_first: bool,
    emit: Emit,
    rows: SyncRows = sync_repo,
) -> None:
    row = await rows.lock(session, wanted.appointment_id)
    if row.version >= wanted.version:
        OUTCOMES.labels("stale").inc()
        return  # an older event, or this one applied already
    known = _held(row) if row.outcome in ("confirmed", "rejected") else None
    if row.version == 0 and wanted.version > 1 and wanted.vas_appointment_id:
        # Nothing applied here yet, and booking knows the VAS appointment: a phone booking whose
        # `appointment.booked_in_vas` is still on its way (in a retry tier, say). VAS holds it
        # without our reference: that one is moved or cancelled, never a second made beside it.
        known = (wanted.vas_appointment_id, wanted.previous_slot_id or wanted.slot_id)
    # Versions come one by one: a gap means an earlier version may have changed VAS without its
    # commit (its answer lost, its message now in a retry tier), so the row may be out of date.
    gap = row.version > 0 and wanted.version != row.version + 1
    # A VAS without our reference: the times asked for (recorded before each call) say where an
    # attempt no commit records may have left a booking — and that one may have.
    attempted: list[str] = []
    if not vas.keeps_reference:
        attempted = await rows.attempted(session, wanted.appointment_id)
        gap = gap or bool(set(attempted) - {row.slot_id})
    if look_first or gap or (not wanted.booked and not known):
        # A cancel for an appointment no commit knows in VAS looks too: an attempt that crashed
        # after VAS made it (and before its commit) may have left one under our reference.
        current = await _current_in_vas(session, vas, wanted, row, attempted, rows, known)
    elif known:
        current = known
    else:
        current = None
    common = {
        "version": wanted.version,
        "wanted": "booked" if wanted.booked else "cancelled",
        "clinic_hsa_id": wanted.clinic_hsa_id,
        "start_at": wanted.start,
        "subject": wanted.subject,
        "channel": wanted.vas_channel,
    }
    if not wanted.booked:
        if current is not None:
            await _cancel(vas, current[0], wanted)
        await rows.record_outcome(session, wanted.appointment_id, **common, outcome="cancelled", result_code=None)
        OUTCOMES.labels("cancelled").inc()
        return
    try:
        if not vas.keeps_reference and (current is None or current[1] != wanted.slot_id):
            await rows.note_attempt(session, wanted.appointment_id, wanted.slot_id, wanted.subject)
        if current is None:
            made = await vas.make(wanted)
            if made.timeslot_id != wanted.slot_id:
                # VAS answered with the appointment an uncommitted attempt made under our reference,
                # on an earlier time (the booking was moved since): move that one.
                current = (made.id, made.timeslot_id)
                made = await vas.move(made.id, wanted)
        elif current[1] != wanted.slot_id:
            made = await vas.move(current[0], wanted)
        else:
            made = None
    except VasRefused as refusal:
        if refusal.code not in REFUSALS_THAT_REJECT:
            raise PermanentError(f"VAS refused with {refusal.code}") from None
        kept = current  # a refused move leaves the appointment where it was
        await rows.record_outcome(
            session,
            wanted.appointment_id,
            **common,
            slot_id=kept[1] if kept else None,
            vas_appointment_id=kept[0] if kept else None,
            outcome="rejected",
            result_code=refusal.code,
        )
        await emit(
            AppointmentRejected(
                appointment_id=wanted.appointment_id,
                version=wanted.version,
                code=refusal.code,
                message=refusal.message,
                kept_known=True,
                kept_slot_id=kept[1] if kept else None,
                kept_vas_appointment_id=kept[0] if kept else None,
            )
        )
        OUTCOMES.labels("rejected").inc()
        return
    vas_id = made.id if made is not None else current[0] if current else ""
    await rows.record_outcome(
        session,
        wanted.appointment_id,
        **common,
        slot_id=wanted.slot_id,
        vas_appointment_id=vas_id,
        outcome="confirmed",
        result_code=None,
    )
    await emit(
        AppointmentConfirmed(appointment_id=wanted.appointment_id, version=wanted.version, vas_appointment_id=vas_id)
    )
    OUTCOMES.labels("confirmed").inc()


async def _current_in_vas(
    session: Tx,
    vas: VasSchedule,
    wanted: Wanted,
    row: SyncState,
    attempted: list[str],
    rows: SyncRows,
    known: tuple[str, str] | None,
) -> tuple[str, str] | None:
    """The booked VAS appointment that is this booking; extras (a duplicate) are cancelled.

    One the clinic made in VAS itself (by phone) carries no reference of ours: when its VAS id is
    `known` (the row holds it, or booking named it) and nothing found is that appointment, that
    is the answer."""
    times = (wanted.slot_id, wanted.previous_slot_id, row.slot_id, *attempted)
    ours = OurBooking(
        reference=wanted.reference,
        clinic_hsa_id=wanted.clinic_hsa_id,
        subject=wanted.subject,
        slot_ids=tuple(dict.fromkeys(t for t in times if t)),
        vas_appointment_id=known[0] if known else row.vas_appointment_id,
    )
    found = await vas.find(ours)
    if not vas.keeps_reference:
        found = await _not_anothers(session, rows, wanted, ours.vas_appointment_id, found)
    booked = [a for a in found if a.booked]
    if not booked:
        # A VAS that keeps our reference cannot find by it one the clinic made (by phone): what is
        # known of it is the answer (the row's, also after a refused move, which kept it; or
        # booking's). One that lists the resident's schedule (crm:scheduling) would have shown
        # the held booking by its id: not there, it is gone (a cancel whose answer was lost).
        made_in_vas = known if vas.keeps_reference else None
        if made_in_vas and all(a.id != made_in_vas[0] for a in found):
            return made_in_vas
        return None
    keep = next((a for a in booked if a.timeslot_id == wanted.slot_id), booked[0])
    for extra in booked:
        if extra.id != keep.id:
            await _cancel_duplicate(vas, extra)
    return keep.id, keep.timeslot_id


async def _not_anothers(
    session: Tx, rows: SyncRows, wanted: Wanted, known_id: str | None, found: list[VasAppointment]
) -> list[VasAppointment]:
    """Found by the resident's schedule: without another booking of theirs (domain/found.py)."""
    if not found or not wanted.subject:
        return found
    held, asked = await rows.held_elsewhere(
        session, wanted.appointment_id, [a.id for a in found], [a.timeslot_id for a in found], wanted.subject
    )
    return this_bookings(found, known_id=known_id, held=held, asked=asked)


def _held(row: SyncState) -> tuple[str, str] | None:
    """(VAS appointment id, slot) as the last commit knows it, if it knows both."""
    if row.vas_appointment_id and row.slot_id:
        return row.vas_appointment_id, row.slot_id
    return None


async def _cancel_duplicate(vas: VasSchedule, extra: VasAppointment) -> None:
    try:
        await vas.cancel(extra.clinic_hsa_id, extra.id, reason="Dubblett / duplicate", by="clinic")
    except VasRefused as refusal:
        if refusal.code not in ALREADY_GONE:
            raise
    DUPLICATES_REMOVED.inc()
    log.warning("vas_duplicate_cancelled", vas_appointment_id=extra.id)


async def _cancel(vas: VasSchedule, vas_id: str, wanted: Wanted) -> None:
    try:
        await vas.cancel(
            wanted.clinic_hsa_id, vas_id, reason=wanted.cancel_reason, by=wanted.cancelled_by, subject=wanted.subject
        )
    except VasRefused as refusal:
        if refusal.code not in ALREADY_GONE:
            raise PermanentError(f"VAS refused the cancellation with {refusal.code}") from None

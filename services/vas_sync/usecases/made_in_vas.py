"""An appointment the clinic made in VAS itself (by phone), as booking recorded it. VAS sync
learns its VAS id and time, so the resident's later cancel or move on the web reaches that
appointment: it carries no reference of ours to be looked up by."""

from services.vas_sync.adapters import sync_repo
from services.vas_sync.usecases.ports import SyncRows
from shared.contracts.appointments import AppointmentBookedInVas
from shared.contracts.common import Channel
from shared.db import Executor


async def record_made_in_vas(session: Executor, event: AppointmentBookedInVas, *, rows: SyncRows = sync_repo) -> None:
    row = await rows.lock(session, event.appointment_id)
    if row.version >= event.version:
        return  # a repeat, or a change of it was applied already
    await rows.record_outcome(
        session,
        event.appointment_id,
        version=event.version,
        wanted="booked",
        clinic_hsa_id=event.clinic_hsa_id.upper(),
        start_at=event.start,
        subject=event.subject,
        channel="phone" if event.channel == Channel.PHONE else "clinic",
        slot_id=event.slot_id,
        vas_appointment_id=event.vas_appointment_id,
        outcome="confirmed",
        result_code=None,
    )

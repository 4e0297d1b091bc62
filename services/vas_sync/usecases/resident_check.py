"""A resident opened their list: their bookings in VAS that nobody told booking of — made by phone
or by the clinic in a journal system without a change feed — are published as made in VAS.

With crm:scheduling this is GetSubjectOfCareSchedule at each unit (a few at a time). What a sync
row holds, and any time VAS sync has asked VAS for (a change of ours may be in flight there), is
ours and skipped; booking drops a VAS appointment it knows already, so a repeated check adds
nothing. Best effort: VAS unavailable ends the check (the next opening of the list asks again).
"""

import asyncio

import structlog
from prometheus_client import Counter

from services.vas_sync.adapters import sync_repo
from services.vas_sync.domain.vas_port import VasAppointment, VasSchedule, VasUnavailable
from services.vas_sync.usecases.apply import Emit
from shared.contracts.common import Channel
from shared.contracts.schedule import VasAppointmentBooked
from shared.db import Executor

log = structlog.get_logger(__name__)
FOUND_ELSEWHERE = Counter("tidbok_vas_found_elsewhere_total", "Bookings found in residents' VAS schedules")
IN_FLIGHT = 8


async def check_resident(session: Executor, vas: VasSchedule, subject: str, *, units: list[str], emit: Emit) -> int:
    """Answers how many bookings made elsewhere it published."""
    gate = asyncio.Semaphore(IN_FLIGHT)

    async def at(unit: str) -> list[VasAppointment] | None:
        async with gate:
            return await vas.schedule_of(unit, subject)

    try:
        answers = await asyncio.gather(*(at(unit) for unit in units))
    except VasUnavailable as exc:
        log.info("resident_check_skipped", error=str(exc)[:200])
        return 0
    found = [a for answer in answers if answer for a in answer if a.booked]
    held, asked = await sync_repo.known_in_vas(session, [a.id for a in found], [a.timeslot_id for a in found], subject)
    elsewhere = [a for a in found if a.id not in held and a.timeslot_id not in asked]
    for appointment in elsewhere:
        await emit(
            VasAppointmentBooked(
                vas_appointment_id=appointment.id,
                slot_id=appointment.timeslot_id,
                clinic_hsa_id=appointment.clinic_hsa_id,
                time_type_code=appointment.time_type_code,
                start=appointment.start,
                end=appointment.end,
                subject=subject,
                channel=Channel.VAS,
            )
        )
    FOUND_ELSEWHERE.inc(len(elsewhere))
    return len(elsewhere)

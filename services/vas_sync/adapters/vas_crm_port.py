"""The VAS port over crm:scheduling: what an appointment event wants, as the contract's calls.

The contract has no timeslot id and no caller reference. A time is named by our id for it
(`shared.crm_scheduling.slot_ids`, which carries unit, time type, start, end and performer); a
booking of ours is found in the resident's schedule at the unit (GetSubjectOfCareSchedule) by its
time or by the bookingId a commit knows. MakeBooking needs the resident's first and last names:
without them the booking is refused here (`SUBJECT_NAME_MISSING`) rather than sent.

The actor on each call is the resident when they act, else VAS sync itself as the clinic's agent
(`actor_hsa_id`): the contract's actor is for the producer's audit trail.
"""

from dataclasses import replace
from datetime import date, datetime

from services.vas_sync.adapters.vas_crm import CrmVas
from services.vas_sync.domain.vas_port import FreeTime, OurBooking, VasAppointment, VasRefused
from services.vas_sync.domain.wanted import Wanted
from shared.crm_scheduling import messages as m
from shared.crm_scheduling import soap
from shared.crm_scheduling.slot_ids import is_slot_id, slot_id, timeslot_of

_CHANNEL = {"web": "web", "phone": "phone", "clinic": "clinic"}


class CrmSchedule:
    keeps_reference = False  # MakeBooking carries no id of ours

    def __init__(self, client: CrmVas, *, actor_hsa_id: str, poll_subject: str) -> None:
        """`poll_subject`: the subject_of_care that GetAvailableTimeslots 1.1 requires when the
        replica is polled for no resident in particular (agreed with the producer)."""
        self.client = client
        self._agent = soap.Actor(actor_id=actor_hsa_id, actor_type="subject_of_care_agent")
        self._poll_subject = _subject(poll_subject)

    async def units(self, address: str) -> list[str]:
        """The units served at `address` (the care giver's HSA-id), to poll when none are set."""
        found = await self.client.facilities(address, self._poll_subject, actor=self._agent)
        return sorted({f.hsa_id.upper() for f in found if f.hsa_id})

    async def free_times(self, clinic_hsa_id: str, *, first_day: date, last_day: date) -> list[FreeTime]:
        found = await self.client.available(
            clinic_hsa_id, self._poll_subject, first_day=first_day, last_day=last_day, time_type=None, actor=self._agent
        )
        return [
            FreeTime(
                slot_id=slot_id(t),
                clinic_hsa_id=t.healthcare_facility.upper(),
                time_type_code=t.time_type_id,
                start=t.start,
                end=t.end,
                practitioner_id=t.performer,
            )
            for t in found
            if t.start is not None and t.end is not None and t.time_type_id
        ]

    async def make(self, wanted: Wanted) -> VasAppointment:
        slot = _time(wanted.slot_id, subject=_subject(wanted.subject))
        if not (wanted.given_name and wanted.family_name):
            raise VasRefused(
                "SUBJECT_NAME_MISSING", "Journalsystemet kräver patientens namn / the journal system needs the name"
            )
        person = m.Person(first_name=wanted.given_name, last_name=wanted.family_name)
        booking_id = await self.client.make(slot, person, actor=self._actor(wanted))
        return _appointment(booking_id, slot, wanted.reference, channel=wanted.vas_channel)

    async def move(self, appointment_id: str, wanted: Wanted) -> VasAppointment:
        slot = _time(wanted.slot_id, subject=_subject(wanted.subject), booking_id=appointment_id)
        await self.client.move(slot, actor=self._actor(wanted))
        return _appointment(appointment_id, slot, wanted.reference, channel=wanted.vas_channel)

    async def cancel(
        self, clinic_hsa_id: str, appointment_id: str, *, reason: str | None, by: str, subject: str | None = None
    ) -> None:
        actor = self._agent
        if by == "patient" and subject:
            actor = soap.Actor(actor_id=_subject(subject), actor_type="subject_of_care")
        await self.client.cancel(clinic_hsa_id, appointment_id, message=reason, actor=actor)

    async def find(self, ours: OurBooking) -> list[VasAppointment]:
        """The resident's bookings at the unit on one of the booking's times (compared as the wire's
        Swedish wall-clock time, with the time type) or with the bookingId a commit knows.

        A booking reported without its performer (optional in the contract) at one of our times is
        that time: it keeps our id for it, so that it is not taken for a move to another time."""
        if not ours.subject or not ours.clinic_hsa_id:
            return []
        times: dict[tuple[str, str | None], str] = {}
        for known in ours.slot_ids:
            if is_slot_id(known):
                slot = timeslot_of(known)
                assert slot.start is not None
                times[(m.to_ts(slot.start), slot.time_type_id)] = known
        mine = await self.client.schedule_of(ours.clinic_hsa_id, _subject(ours.subject), actor=self._agent)
        found = []
        for booking in mine:
            if not booking.booking_id or booking.start is None or booking.end is None or not booking.time_type_id:
                continue
            known_id = times.get((m.to_ts(booking.start), booking.time_type_id))
            if booking.booking_id == ours.vas_appointment_id or known_id:
                appointment = _appointment(booking.booking_id, booking, ours.reference, channel="web")
                if known_id and not booking.performer:
                    appointment = replace(appointment, timeslot_id=known_id)
                found.append(appointment)
        return found

    async def schedule_of(self, clinic_hsa_id: str, subject: str) -> list[VasAppointment] | None:
        mine = await self.client.schedule_of(clinic_hsa_id, _subject(subject), actor=self._agent)
        return [
            _appointment(b.booking_id, b, None, channel="clinic")
            for b in mine
            if b.booking_id and b.start is not None and b.end is not None and b.time_type_id
        ]

    async def in_clinic(self, clinic_hsa_id: str, *, start: datetime, end: datetime) -> list[VasAppointment] | None:
        return None  # the contract lists a resident's bookings, never a clinic's

    async def close(self) -> None:
        await self.client.close()

    def _actor(self, wanted: Wanted) -> soap.Actor:
        if wanted.by_staff is None and wanted.vas_channel == "web":
            return soap.Actor(actor_id=_subject(wanted.subject), actor_type="subject_of_care")
        return soap.Actor(actor_id=wanted.by_staff or self._agent.actor_id, actor_type="subject_of_care_agent")


def _subject(personnummer: str) -> str:
    """The contract's form: twelve digits, no separator."""
    return personnummer.replace("-", "").replace("+", "")


def _time(slot: str, *, subject: str, booking_id: str | None = None) -> m.Timeslot:
    if not is_slot_id(slot):
        raise VasRefused("INVALID_REQUEST", "not a time from this journal system")
    try:
        return timeslot_of(slot, booking_id=booking_id, subject=subject)
    except m.MessageError:
        raise VasRefused("INVALID_REQUEST", "not a time from this journal system") from None


def _appointment(booking_id: str, slot: m.Timeslot, reference: str | None, *, channel: str) -> VasAppointment:
    assert slot.start is not None
    assert slot.end is not None
    return VasAppointment(
        id=booking_id,
        timeslot_id=slot_id(slot),
        reference=reference,
        status="booked",
        channel=_CHANNEL.get(channel, "web"),
        clinic_hsa_id=slot.healthcare_facility.upper(),
        time_type_code=slot.time_type_id or "",
        start=slot.start,
        end=slot.end,
    )

"""Appointment commands and events between booking and VAS sync.

`version` is the appointment's version in the booking service; VAS sync uses it to ignore
an old event that arrives after a newer one. `subject` is the personnummer (or
samordningsnummer) of the subject of care — it travels in message bodies, never in routing
keys, headers or logs.
"""

import uuid

from pydantic import AwareDatetime, Field

from shared.contracts.common import Actor, Channel
from shared.messaging.envelope import Contract


class AppointmentRequested(Contract):
    message_type = "appointment.requested"

    appointment_id: uuid.UUID
    version: int = Field(ge=1)
    slot_id: str
    clinic_hsa_id: str
    clinic_name: str | None = None
    time_type_code: str
    start: AwareDatetime
    end: AwareDatetime
    subject: str
    # The resident's names from their login (the population register's), when the actor is the
    # resident; a journal system on crm:scheduling needs them to make a booking.
    subject_given_name: str | None = None
    subject_family_name: str | None = None
    actor: Actor
    actor_id: str | None = None
    channel: Channel
    reason: str | None = None


class AppointmentBookedInVas(Contract):
    """An appointment made in VAS itself (by phone at the clinic), as booking recorded it: the
    other services learn of it (eligibility counts it as a dose given or booked; VAS sync
    records its VAS id, so the resident's cancel or move on the web reaches it). Nobody makes it
    in VAS again: it is there already."""

    message_type = "appointment.booked_in_vas"

    appointment_id: uuid.UUID
    version: int = Field(ge=1)
    vas_appointment_id: str
    slot_id: str
    clinic_hsa_id: str
    time_type_code: str
    start: AwareDatetime
    end: AwareDatetime
    subject: str
    channel: Channel


class AppointmentRescheduled(Contract):
    message_type = "appointment.rescheduled"

    appointment_id: uuid.UUID
    version: int = Field(ge=1)
    old_slot_id: str
    slot_id: str
    clinic_hsa_id: str
    clinic_name: str | None = None
    time_type_code: str
    start: AwareDatetime
    end: AwareDatetime
    subject: str
    # The resident's names from their login (the population register's), when the actor is the
    # resident; a journal system on crm:scheduling needs them to make a booking.
    subject_given_name: str | None = None
    subject_family_name: str | None = None
    actor: Actor
    actor_id: str | None = None
    channel: Channel
    # The VAS appointment booking knows it as (one the clinic made by phone, or confirmed), if any:
    # the one to move where VAS sync has not yet applied an earlier version of this appointment.
    vas_appointment_id: str | None = None


class AppointmentCancelled(Contract):
    message_type = "appointment.cancelled"

    appointment_id: uuid.UUID
    version: int = Field(ge=1)
    slot_id: str
    clinic_hsa_id: str
    time_type_code: str
    start: AwareDatetime
    subject: str
    actor: Actor
    actor_id: str | None = None
    channel: Channel
    reason: str | None = None
    # As on `appointment.rescheduled`: the one to cancel where VAS sync has not yet applied an
    # earlier version (a phone booking carries no reference of ours to be found by).
    vas_appointment_id: str | None = None


class AppointmentConfirmed(Contract):
    """VAS accepted the booking (or the change) at this version."""

    message_type = "appointment.confirmed"

    appointment_id: uuid.UUID
    version: int = Field(ge=1)
    vas_appointment_id: str


class AppointmentRejected(Contract):
    """VAS refused; `code` is the contract's result code (e.g. REQUESTED_TIME_IS_ALREADY_RESERVED)."""

    message_type = "appointment.rejected"

    appointment_id: uuid.UUID
    version: int = Field(ge=1)
    code: str
    message: str | None = None
    # What VAS kept after refusing a move: the appointment is still there (None: VAS holds none).
    # `kept_known` is false in answers from before these fields existed.
    kept_known: bool = False
    kept_slot_id: str | None = None
    kept_vas_appointment_id: str | None = None


class ResidentScheduleCheckRequested(Contract):
    """The resident opened their list: VAS sync looks in their schedule in VAS for bookings made
    elsewhere (by phone, by the clinic) that no change feed reported — with crm:scheduling,
    GetSubjectOfCareSchedule at each unit — and publishes the ones booking does not know. At most
    one per resident per interval (booking throttles)."""

    message_type = "resident.schedule_check.requested"

    subject: str

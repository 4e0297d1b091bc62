"""Appointment events as the booking service would publish them."""

import uuid
from datetime import UTC, datetime, timedelta

from shared.contracts.appointments import (
    AppointmentBookedInVas,
    AppointmentCancelled,
    AppointmentRequested,
    AppointmentRescheduled,
)
from shared.contracts.common import Actor, Channel
from shared.messaging.envelope import Envelope
from shared.messaging.publisher import Publisher
from tests.support.broker import OwnerPublisher


def requested(
    appointment_id: uuid.UUID,
    slot_id: str,
    clinic: str,
    subject: str,
    version: int = 1,
    start: datetime | None = None,
) -> AppointmentRequested:
    start = start or datetime.now(UTC) + timedelta(days=3)
    return AppointmentRequested(
        appointment_id=appointment_id,
        version=version,
        slot_id=slot_id,
        clinic_hsa_id=clinic,
        clinic_name="Testmottagningen",
        time_type_code="nurse-visit",
        start=start,
        end=start + timedelta(minutes=20),
        subject=subject,
        subject_given_name="Tolvan",
        subject_family_name="Tolvansson",
        actor=Actor.CITIZEN,
        channel=Channel.WEB,
    )


def rescheduled(
    appointment_id: uuid.UUID, old_slot: str, slot_id: str, clinic: str, subject: str, version: int
) -> AppointmentRescheduled:
    start = datetime.now(UTC) + timedelta(days=4)
    return AppointmentRescheduled(
        appointment_id=appointment_id,
        version=version,
        old_slot_id=old_slot,
        slot_id=slot_id,
        clinic_hsa_id=clinic,
        time_type_code="nurse-visit",
        start=start,
        end=start + timedelta(minutes=20),
        subject=subject,
        subject_given_name="Tolvan",
        subject_family_name="Tolvansson",
        actor=Actor.CITIZEN,
        channel=Channel.WEB,
    )


def cancelled(
    appointment_id: uuid.UUID, slot_id: str, clinic: str, subject: str, version: int, start: datetime | None = None
) -> AppointmentCancelled:
    return AppointmentCancelled(
        appointment_id=appointment_id,
        version=version,
        slot_id=slot_id,
        clinic_hsa_id=clinic,
        time_type_code="nurse-visit",
        start=start or datetime.now(UTC) + timedelta(days=3),
        subject=subject,
        actor=Actor.CITIZEN,
        channel=Channel.WEB,
    )


def booked_in_vas(
    appointment_id: uuid.UUID, vas_id: str, slot_id: str, clinic: str, subject: str, start: datetime
) -> AppointmentBookedInVas:
    """A phone booking the clinic made in VAS, as booking records it (version 1)."""
    return AppointmentBookedInVas(
        appointment_id=appointment_id,
        version=1,
        vas_appointment_id=vas_id,
        slot_id=slot_id,
        clinic_hsa_id=clinic,
        time_type_code="nurse-visit",
        start=start,
        end=start + timedelta(minutes=20),
        subject=subject,
        channel=Channel.PHONE,
    )


async def publish(
    publisher: Publisher | OwnerPublisher, *events: AppointmentRequested | AppointmentRescheduled | AppointmentCancelled
) -> list[Envelope]:
    envelopes = [Envelope.wrap(event) for event in events]
    for envelope in envelopes:
        await publisher.publish(envelope)
    return envelopes

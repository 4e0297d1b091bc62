"""Appointment events as the booking service and VAS sync publish them."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from shared.contracts.appointments import (
    AppointmentCancelled,
    AppointmentConfirmed,
    AppointmentRejected,
    AppointmentRequested,
    AppointmentRescheduled,
)
from shared.contracts.common import Actor, Channel
from tests.support.people import personnummer

CLINIC = "SE2321000115-O10001"
CLINIC_NAME = "Vårdcentralen Andersberg"
# A time type and reason whose words must never reach a text message.
TIME_TYPE = "psychologist-visit"
REASON = "Ångest och sömnproblem"


@dataclass
class Booking:
    start: datetime
    subject: str = field(default_factory=personnummer)
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    version: int = 1
    time_type: str = TIME_TYPE

    def requested(self) -> AppointmentRequested:
        return AppointmentRequested(
            appointment_id=self.id,
            version=self.version,
            slot_id=f"s-{self.id.hex[:8]}",
            clinic_hsa_id=CLINIC,
            clinic_name=CLINIC_NAME,
            time_type_code=self.time_type,
            start=self.start,
            end=self.start + timedelta(minutes=30),
            subject=self.subject,
            actor=Actor.CITIZEN,
            channel=Channel.WEB,
            reason=REASON,
        )

    def confirmed(self, version: int | None = None) -> AppointmentConfirmed:
        return AppointmentConfirmed(
            appointment_id=self.id, version=version or self.version, vas_appointment_id=f"vas-{self.id.hex[:8]}"
        )

    def rejected(self, code: str = "REQUESTED_TIME_IS_ALREADY_RESERVED") -> AppointmentRejected:
        return AppointmentRejected(appointment_id=self.id, version=self.version, code=code)

    def rescheduled(self, start: datetime) -> AppointmentRescheduled:
        self.version += 1
        old, self.start = self.start, start
        return AppointmentRescheduled(
            appointment_id=self.id,
            version=self.version,
            old_slot_id=f"s-{old.isoformat()}",
            slot_id=f"s-{start.isoformat()}",
            clinic_hsa_id=CLINIC,
            clinic_name=CLINIC_NAME,
            time_type_code=self.time_type,
            start=start,
            end=start + timedelta(minutes=30),
            subject=self.subject,
            actor=Actor.CITIZEN,
            channel=Channel.WEB,
        )

    def cancelled(self, actor: Actor = Actor.CITIZEN) -> AppointmentCancelled:
        self.version += 1
        return AppointmentCancelled(
            appointment_id=self.id,
            version=self.version,
            slot_id="s",
            clinic_hsa_id=CLINIC,
            time_type_code=self.time_type,
            start=self.start,
            subject=self.subject,
            actor=actor,
            channel=Channel.WEB if actor == Actor.CITIZEN else Channel.VAS,
            reason=REASON,
        )

"""What the catalogue and the schedule replica hold: clinics, time types, free times, closures."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Clinic:
    hsa_id: str
    name: str
    municipality: str
    address: str
    phone: str
    web_booking_enabled: bool


@dataclass(frozen=True, slots=True)
class Condition:
    """Something a resident confirms before booking a time type (e.g. "no fever today")."""

    time_type_code: str
    id: str
    position: int
    text_sv: str
    text_en: str


@dataclass(frozen=True, slots=True)
class TimeType:
    code: str
    name_sv: str
    name_en: str
    role: str
    length_minutes: int
    mode: str
    web_bookable: bool
    hidden: bool
    restricted: bool
    max_live_per_person: int | None
    information_sv: str
    information_en: str
    rules: dict[str, Any]
    reminder_offsets_hours: list[int]


@dataclass(frozen=True, slots=True)
class FreeTime:
    """A time the web may book, as search lists it."""

    id: str
    clinic_hsa_id: str
    time_type_code: str
    start_at: datetime
    end_at: datetime
    practitioner_id: str | None
    # Its time type needs eligibility's decision (vaccination): a booking of it asks first.
    restricted: bool = False


@dataclass(frozen=True, slots=True)
class Closure:
    """Web booking closed for the region, a clinic, a time type, or a time type at one clinic."""

    id: uuid.UUID
    clinic_hsa_id: str | None
    time_type_code: str | None
    message_sv: str
    message_en: str
    phone: str
    closed_by: str
    closed_at: datetime
    reopened_at: datetime | None

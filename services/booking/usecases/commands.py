"""What the entrypoints ask the use cases to do (actor and channel always recorded)."""

import uuid
from dataclasses import dataclass, field

from shared.contracts.common import Actor, Channel

# Staff who book by phone on a resident's behalf (and see what the phone line may book).
PHONE_BOOKING_ROLES = frozenset({"booking_staff", "clinic_staff", "regional_admin"})


@dataclass(frozen=True)
class Who:
    """The actor behind a change, and through which channel."""

    actor: Actor
    channel: Channel
    actor_id: str | None = None  # staff HSA-id; None for the resident themself
    # The resident's names from their login, when the resident acts (a journal system on the
    # national scheduling contract needs them to book); never logged, never stored by booking.
    given_name: str | None = field(default=None, repr=False, compare=False)
    family_name: str | None = field(default=None, repr=False, compare=False)

    @property
    def is_staff(self) -> bool:
        return self.actor == Actor.HEALTH_PROFESSIONAL


@dataclass(frozen=True)
class Book:
    subject: str
    slot_id: str
    confirmed_conditions: frozenset[str]
    who: Who
    reason: str | None = None
    invitation_code: str | None = None
    guide_ticket: str | None = None
    control_questions_answered: bool = False
    appointment_id: uuid.UUID | None = None
    self_declared_group: str | None = None


@dataclass(frozen=True)
class Cancel:
    subject: str | None  # None: staff acting on a clinic's appointment
    appointment_id: uuid.UUID
    who: Who
    reason: str | None = None


@dataclass(frozen=True)
class Reschedule:
    subject: str | None
    appointment_id: uuid.UUID
    new_slot_id: str
    who: Who
    confirmed_conditions: frozenset[str] = frozenset()
    reason: str | None = None

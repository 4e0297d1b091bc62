"""The notifications service's view of one appointment, and what each event means for the resident.

Events for one appointment may arrive in any order and more than once. Detail events
(requested, rescheduled) carry the appointment's version; outcomes (confirmed, rejected) name
the version VAS answered. A confirmation is announced once the details *and* the confirmation
of the same version are both known, whichever came first. Cancelled is final.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from shared.contracts.common import Actor

RESIDENT_ACTORS = frozenset({Actor.CITIZEN, Actor.GUARDIAN})


@dataclass
class Replica:
    id: uuid.UUID
    subject: str | None = None
    clinic_hsa_id: str | None = None
    clinic_name: str | None = None
    time_type_code: str | None = None
    start_at: datetime | None = None
    end_at: datetime | None = None
    details_version: int = 0
    details_kind: str | None = None
    prev_start_at: datetime | None = None
    prev_end_at: datetime | None = None
    status: str = "unknown"
    confirmed_version: int = 0
    rejected_version: int = 0
    rejection_code: str | None = None
    cancelled_version: int = 0
    cancelled_by: str | None = None
    announced_version: int = 0


@dataclass(frozen=True)
class Notice:
    kind: str  # confirmation | rescheduled | cancelled | rejected | change_rejected
    ref: str
    start: datetime | None
    cancelled_by: str | None = None


@dataclass
class Effects:
    notices: list[Notice] = field(default_factory=list)
    drop_reminders: str | None = None  # the reason, when unsent reminders are dropped
    plan_reminders: bool = False


@dataclass(frozen=True)
class Details:
    version: int
    kind: str  # requested | rescheduled
    subject: str
    clinic_hsa_id: str
    clinic_name: str | None
    time_type_code: str
    start: datetime
    end: datetime


def on_details(r: Replica, d: Details) -> Effects:
    if r.status == "cancelled" or d.version <= r.details_version:
        return Effects()  # stale or duplicate
    if r.details_version > 0:
        # The time it was at: where it stays if VAS refuses this change (also when the earlier
        # version's confirmation has not arrived yet — it may come after this event).
        r.prev_start_at, r.prev_end_at = r.start_at, r.end_at
    r.subject, r.clinic_hsa_id, r.time_type_code = d.subject, d.clinic_hsa_id, d.time_type_code
    r.clinic_name = d.clinic_name or r.clinic_name
    r.start_at, r.end_at = d.start, d.end
    r.details_version, r.details_kind = d.version, d.kind
    r.status = "pending"
    return _settle(r)


def on_confirmed(r: Replica, version: int) -> Effects:
    r.confirmed_version = max(r.confirmed_version, version)
    moved_from = r.prev_start_at is not None and 0 < version < r.details_version == r.rejected_version
    if r.status == "rejected" and moved_from:
        # The refusal was of a move, and the time it was at had been confirmed after all (its
        # confirmation came last): the appointment stays booked there.
        return _back_to_earlier(r, r.details_version, late=True)
    return _settle(r)


def on_rejected(r: Replica, version: int, code: str) -> Effects:
    if version > r.rejected_version:
        r.rejected_version, r.rejection_code = version, code
    return _settle(r)


def on_cancelled(r: Replica, *, version: int, actor: Actor, subject: str, start: datetime) -> Effects:
    if r.status in ("cancelled", "rejected"):
        return Effects()
    r.subject = r.subject or subject
    r.start_at = r.start_at or start
    r.status, r.cancelled_version = "cancelled", version
    r.cancelled_by = "resident" if actor in RESIDENT_ACTORS else "clinic"
    notice = Notice("cancelled", "", start, cancelled_by=r.cancelled_by)
    return Effects(notices=[notice], drop_reminders="cancelled")


def _settle(r: Replica) -> Effects:
    """Act once the pending version's outcome is known."""
    if r.status != "pending" or r.details_version == 0:
        return Effects()
    version = r.details_version
    if r.confirmed_version == version:
        kind = "confirmation" if r.announced_version == 0 else "rescheduled"
        r.status, r.announced_version = "booked", version
        r.prev_start_at = r.prev_end_at = None
        return Effects(
            notices=[Notice(kind, str(version), r.start_at)],
            drop_reminders="rescheduled" if kind == "rescheduled" else None,
            plan_reminders=True,
        )
    if r.rejected_version == version:
        earlier_confirmed = r.announced_version > 0 or 0 < r.confirmed_version < version
        if earlier_confirmed and r.prev_start_at is not None:
            # VAS refused a move: the appointment stays where it was, and so do its reminders.
            return _back_to_earlier(r, version, late=r.announced_version == 0)
        r.status = "rejected"
        return Effects(notices=[Notice("rejected", str(version), r.start_at)], drop_reminders="rejected")
    return Effects()


def _back_to_earlier(r: Replica, version: int, *, late: bool) -> Effects:
    """A refused move (`version`): booked at the time it was at, its reminders kept — planned
    now (`late`) when that time's confirmation had not been announced before."""
    r.start_at, r.end_at = r.prev_start_at, r.prev_end_at
    r.prev_start_at = r.prev_end_at = None
    r.status = "booked"
    r.announced_version = r.announced_version or r.confirmed_version
    return Effects(notices=[Notice("change_rejected", str(version), r.start_at)], plan_reminders=late)

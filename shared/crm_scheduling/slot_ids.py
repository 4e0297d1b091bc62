"""Our ids for crm:scheduling times. The contract has no timeslot id: a time is named by its unit,
time type, start, end and performer. The id carries exactly those (each part percent-encoded,
joined by `~`), so a time listed from GetAvailableTimeslots can be booked from its id alone and
the same time always gets the same id, whichever poll saw it."""

from urllib.parse import quote, unquote

from shared.crm_scheduling.messages import MessageError, Timeslot, from_ts, to_ts

PREFIX = "crm"
_SEP = "~"


def slot_id(slot: Timeslot) -> str:
    if slot.start is None or slot.end is None or not slot.time_type_id:
        raise MessageError("a time needs its start, end and time type to be named")
    parts = [
        slot.healthcare_facility.upper(),
        slot.time_type_id,
        to_ts(slot.start),
        to_ts(slot.end),
        slot.performer or "",
    ]
    return _SEP.join([PREFIX, *(_quote(p) for p in parts)])


def _quote(part: str) -> str:
    """Percent-encoded, the separator too (`quote` leaves "~" alone: it is URL-safe)."""
    return quote(part, safe="").replace(_SEP, "%7E")


def same_time_prefix(value: str) -> str:
    """What every id of the same time at the unit starts with (unit, time type, start): a producer
    may leave the performer (optional in the contract) out of a booking it reports."""
    if not is_slot_id(value):
        return value
    return _SEP.join(value.split(_SEP)[:4]) + _SEP


def is_slot_id(value: str) -> bool:
    return value.startswith(PREFIX + _SEP)


def timeslot_of(value: str, *, booking_id: str | None = None, subject: str | None = None) -> Timeslot:
    """The time an id names (with the booking and resident a request adds)."""
    parts = value.split(_SEP)
    if len(parts) != 6 or parts[0] != PREFIX:
        raise MessageError(f"not a crm:scheduling time id: {value[:40]!r}")
    facility, time_type, start, end, performer = (unquote(p) for p in parts[1:])
    if not facility or not time_type:
        raise MessageError(f"not a crm:scheduling time id: {value[:40]!r}")
    return Timeslot(
        healthcare_facility=facility,
        start=from_ts(start),
        end=from_ts(end),
        performer=performer or None,
        time_type_id=time_type,
        booking_id=booking_id,
        subject_of_care=subject,
    )

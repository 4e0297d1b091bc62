"""Which of the bookings found in a resident's schedule are one booking of ours.

A VAS that keeps no reference of ours (crm:scheduling) is searched by the resident's schedule on
the booking's times; a booking of the same resident on one of those times may be another booking
of theirs — made on a time this one has left, or in flight. Not this one: an appointment another
sync row holds, or one on a time asked for on the resident's behalf for another booking and not
yet settled. The appointment this booking's row holds always is."""

from services.vas_sync.domain.vas_port import VasAppointment


def this_bookings(
    found: list[VasAppointment], *, known_id: str | None, held: set[str], asked: set[str]
) -> list[VasAppointment]:
    """`held`: VAS ids other sync rows hold; `asked`: times asked for for another booking."""
    return [a for a in found if a.id == known_id or (a.id not in held and a.timeslot_id not in asked)]

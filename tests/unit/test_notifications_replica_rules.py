"""What each event means, in any order: the per-appointment state machine on its own (no I/O)."""

import itertools
import uuid
from datetime import UTC, datetime

from services.notifications.domain import replica as rules
from services.notifications.domain.replica import Details, Effects, Replica
from shared.contracts.common import Actor

START = datetime(2026, 3, 6, 8, tzinfo=UTC)
LATER = datetime(2026, 3, 9, 8, tzinfo=UTC)


def details(version: int, start: datetime = START, kind: str = "requested") -> Details:
    return Details(version, kind, "199001011234", "SE2321000115-O10001", "VC", "nurse-visit", start, start)


def run(r: Replica, steps: list[tuple[str, int]]) -> list[str]:
    kinds: list[str] = []
    for step, version in steps:
        effects: Effects
        if step == "requested":
            effects = rules.on_details(r, details(version))
        elif step == "rescheduled":
            effects = rules.on_details(r, details(version, LATER, "rescheduled"))
        elif step == "confirmed":
            effects = rules.on_confirmed(r, version)
        elif step == "rejected":
            effects = rules.on_rejected(r, version, "REQUESTED_TIME_IS_ALREADY_RESERVED")
        else:
            effects = rules.on_cancelled(r, version=version, actor=Actor.CLINIC, subject="199001011234", start=START)
        kinds += [n.kind for n in effects.notices]
    return kinds


def test_booked_in_every_order_gives_one_confirmation() -> None:
    steps = [("requested", 1), ("confirmed", 1), ("requested", 1), ("confirmed", 1)]
    for order in itertools.permutations(steps):
        r = Replica(uuid.uuid4())
        assert run(r, list(order)) == ["confirmation"], order
        assert r.status == "booked"


def test_a_move_confirmed_in_either_order_is_one_notice_at_the_new_time() -> None:
    for tail in itertools.permutations([("rescheduled", 2), ("confirmed", 2)]):
        r = Replica(uuid.uuid4())
        assert run(r, [("requested", 1), ("confirmed", 1), *tail]) == ["confirmation", "rescheduled"]
        assert (r.status, r.start_at) == ("booked", LATER)


def test_a_late_stale_confirmation_changes_nothing() -> None:
    r = Replica(uuid.uuid4())
    assert run(r, [("requested", 1), ("rescheduled", 2), ("confirmed", 1)]) == []
    assert run(r, [("confirmed", 2)]) == ["confirmation"]


def test_cancelled_is_final_whatever_arrives_after() -> None:
    r = Replica(uuid.uuid4())
    assert run(r, [("cancelled", 2), ("requested", 1), ("confirmed", 1), ("cancelled", 2)]) == ["cancelled"]
    assert r.status == "cancelled" and r.cancelled_by == "clinic"


def test_a_refused_move_returns_to_the_booked_time() -> None:
    r = Replica(uuid.uuid4())
    notices = run(r, [("requested", 1), ("confirmed", 1), ("rescheduled", 2), ("rejected", 2)])
    assert notices == ["confirmation", "change_rejected"]
    assert (r.status, r.start_at) == ("booked", START)
    r2 = Replica(uuid.uuid4())
    assert run(r2, [("rejected", 1), ("requested", 1)]) == ["rejected"]
    assert r2.status == "rejected"


def test_a_refused_move_keeps_the_appointment_whichever_order_its_first_confirmation_came_in() -> None:
    """The move's details can come before the first version's confirmation (a redelivery): when
    VAS then refuses the move, the appointment ends booked at its first time, and the resident's
    last notice says so — not "your booking was refused"."""
    steps = [("requested", 1), ("confirmed", 1), ("rescheduled", 2), ("rejected", 2)]
    for order in itertools.permutations(steps):
        if order.index(("requested", 1)) > order.index(("rescheduled", 2)):
            continue  # details come in order of version (a later detail makes an older one stale)
        r = Replica(uuid.uuid4())
        kinds = run(r, list(order))
        assert (r.status, r.start_at) == ("booked", START), order
        assert kinds[-1] in ("change_rejected", "confirmation"), (order, kinds)  # the last word: booked

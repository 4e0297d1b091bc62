"""The hints a search leaves for booking: restricted times only, refreshed when a time moves,
bounded (the oldest make room)."""

from datetime import UTC, datetime, timedelta

from services.booking.domain.catalogue import FreeTime
from services.booking.domain.slot_hints import SlotHints

START = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


def time(slot_id: str, *, restricted: bool = True, start: datetime = START) -> FreeTime:
    return FreeTime(
        slot_id, "SE2321000115-O10001", "covid19-dose1", start, start + timedelta(minutes=10), None, restricted
    )


def test_only_restricted_times_are_remembered() -> None:
    hints = SlotHints()
    hints.remember([time("a"), time("b", restricted=False)])
    assert hints.restricted("b") is None
    hint = hints.restricted("a")
    assert hint is not None
    assert (hint.clinic_hsa_id, hint.time_type_code, hint.start) == ("SE2321000115-O10001", "covid19-dose1", START)


def test_a_time_listed_again_with_a_new_start_is_remembered_as_it_is_now() -> None:
    hints = SlotHints()
    hints.remember([time("a")])
    later = START + timedelta(hours=1)
    hints.remember([time("a", start=later)])
    hint = hints.restricted("a")
    assert hint is not None and hint.start == later
    assert len(hints) == 1


def test_the_oldest_hints_make_room() -> None:
    hints = SlotHints(max_size=3)
    hints.remember([time(str(i)) for i in range(5)])
    assert len(hints) == 3
    assert [hints.restricted(str(i)) is not None for i in range(5)] == [False, False, True, True, True]
    hints.remember([time("2")])  # listed again: keeps its place, takes no room
    assert len(hints) == 3

"""What this process's searches last showed of restricted times, so that booking one asks eligibility
first.

A restricted time (vaccination) needs eligibility's decision, and which times are restricted is
only known from the slot's row. Without a hint a booking reads the slot under the person's lock
(BEGIN with the lock, the read, ROLLBACK), asks, then locks and reads again to book: seven round
trips to the database for a booking, four for a refusal. A resident books a time they have just
seen in a search; the search's rows say which are restricted, and with that hint the question
goes first: four round trips for a booking, one for a refusal.

A hint is only a reason to ask early, never trusted: the booking's own read of the slot decides,
and a decision asked for a hint that no longer matches the slot (its time type, clinic or start
changed) is asked again. Bounded: the oldest hints make room for new ones.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from services.booking.domain.booking_context import BookingContext
from services.booking.domain.catalogue import FreeTime

MAX_HINTS = 20_000


@dataclass(frozen=True, slots=True)
class SlotHint:
    """A restricted time as a search listed it: what eligibility is asked about."""

    clinic_hsa_id: str
    time_type_code: str
    start: datetime

    def matches(self, ctx: BookingContext) -> bool:
        """Whether a decision asked for this hint holds for the slot as read."""
        return (
            ctx.time_type_code == self.time_type_code
            and ctx.clinic_hsa_id == self.clinic_hsa_id
            and ctx.start == self.start
        )


class SlotHints:
    def __init__(self, max_size: int = MAX_HINTS) -> None:
        self.max_size = max_size
        self._hints: dict[str, SlotHint] = {}

    def remember(self, times: Iterable[FreeTime]) -> None:
        """Keep the restricted ones among times a search listed."""
        hints = self._hints
        for t in times:
            if not t.restricted:
                continue
            known = hints.get(t.id)
            if known is not None and known.start == t.start_at:
                continue  # the usual case: listed again as it was
            if known is None and len(hints) >= self.max_size:
                del hints[next(iter(hints))]
            hints[t.id] = SlotHint(t.clinic_hsa_id, t.time_type_code, t.start_at)

    def restricted(self, slot_id: str) -> SlotHint | None:
        """The hint for `slot_id`, if a search listed it as restricted."""
        return self._hints.get(slot_id)

    def __len__(self) -> int:
        return len(self._hints)

"""What a booking reads, in one round trip on its asyncpg transaction (after the person's lock):
the answer stored for its Idempotency-Key, and the rules' context of the slot.

Read under the lock, the stored answer includes one committed by a retry of the same request
that held the lock first; the context counts that person's bookings as they stand."""

from dataclasses import dataclass

import asyncpg
import sqlalchemy as sa

from services.booking.adapters.slot_repo import BOOKING_CONTEXT_SQL, context_of
from services.booking.adapters.tables import idempotency_keys
from services.booking.domain.booking_context import BookingContext
from services.booking.domain.idempotency import StoredAnswer
from shared.direct import Direct

_READ = Direct(
    sa.text(
        f"""
        SELECT i.request_hash AS stored_request_hash, i.status_code AS stored_status_code,
               i.response AS stored_response, ctx.*
        FROM (SELECT 1) AS one
        LEFT JOIN idempotency_keys i ON i.owner = :owner AND i.key = :key
        LEFT JOIN LATERAL ({BOOKING_CONTEXT_SQL}) AS ctx ON true
        """
    ).bindparams(sa.bindparam("exclude", type_=sa.Uuid))
)

_STORED = Direct(
    sa.select(idempotency_keys.c.request_hash, idempotency_keys.c.status_code, idempotency_keys.c.response).where(
        idempotency_keys.c.owner == sa.bindparam("owner", type_=sa.String),
        idempotency_keys.c.key == sa.bindparam("key", type_=sa.String),
    )
)


@dataclass(frozen=True, slots=True)
class BookingReads:
    stored: StoredAnswer | None
    context: BookingContext | None  # None: no such slot


async def read(db: asyncpg.Connection, *, owner: str, key: str, slot_id: str, subject: str) -> BookingReads:
    row = await _READ.fetchrow(
        db, {"owner": owner, "key": key, "slot_id": slot_id, "subject": subject, "exclude": None}
    )
    assert row is not None  # the outer row always exists
    stored = (
        None
        if row["stored_request_hash"] is None
        else StoredAnswer(row["stored_request_hash"], row["stored_status_code"], row["stored_response"])
    )
    return BookingReads(stored=stored, context=None if row["id"] is None else context_of(row))


async def stored_answer(db: asyncpg.Connection, *, owner: str, key: str) -> StoredAnswer | None:
    """The answer stored for `owner`'s Idempotency-Key, on its own (a refused booking looks once
    more, outside its transaction: a first attempt may have committed meanwhile)."""
    row = await _STORED.fetchrow(db, {"owner": owner, "key": key})
    return None if row is None else StoredAnswer(row["request_hash"], row["status_code"], row["response"])

"""A booking's writes in one round trip: claim the slot, insert the appointment, its audit record,
its outbox event and the answer stored for its Idempotency-Key, as data-modifying CTEs.

Each part after the claim selects from the one before, so nothing is written unless the claim
matched; PostgreSQL runs every part exactly once. The stored answer is inserted with
ON CONFLICT DO NOTHING: when a request with the same key got there first, the statement says so
and the caller rolls the whole booking back. created_at and updated_at are the database's now().
"""

import enum
import uuid
from typing import Any

import asyncpg
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert

from services.booking.adapters.slot_repo import CLAIM
from services.booking.adapters.tables import appointments, audit_log, idempotency_keys
from services.booking.domain.appointment import Appointment
from shared.direct import Direct
from shared.messaging.outbox import ROW_COLUMNS
from shared.messaging.tables import outbox

APPOINTMENT_COLUMNS = (
    "id",
    "subject",
    "slot_id",
    "clinic_hsa_id",
    "time_type_code",
    "start_at",
    "end_at",
    "status",
    "version",
    "channel",
    "actor",
    "actor_id",
    "reason",
    "invitation_code",
    "self_declared",
)
AUDIT_COLUMNS = ("action", "actor", "actor_id", "channel", "appointment_id", "subject", "details")
OUTBOX_COLUMNS = ROW_COLUMNS
ANSWER_COLUMNS = ("owner", "key", "request_hash", "status_code", "response")


class Written(enum.Enum):
    BOOKED = "booked"
    NOT_CLAIMABLE = "not_claimable"  # someone else has the slot: nothing written
    KEY_TAKEN = "key_taken"  # a request with the same key answered first: roll back, replay theirs


def _values(table: sa.Table, columns: tuple[str, ...], prefix: str) -> list[sa.Label[Any]]:
    return [sa.bindparam(prefix + name, type_=table.c[name].type).label(name) for name in columns]


def _insert_from(table: sa.Table, columns: tuple[str, ...], prefix: str, source: sa.CTE) -> sa.Insert:
    return sa.insert(table).from_select(list(columns), sa.select(*_values(table, columns, prefix)).select_from(source))


def _statement() -> sa.Select[Any]:
    claimed = CLAIM.cte("claimed")
    inserted = (
        _insert_from(appointments, APPOINTMENT_COLUMNS, "a_", claimed).returning(appointments.c.id).cte("inserted")
    )
    audited = _insert_from(audit_log, AUDIT_COLUMNS, "l_", inserted).cte("audited")
    staged = _insert_from(outbox, OUTBOX_COLUMNS, "o_", inserted).cte("staged")
    answer = sa.select(*_values(idempotency_keys, ANSWER_COLUMNS, "k_")).select_from(inserted)
    stored = (
        pg_insert(idempotency_keys)
        .from_select(list(ANSWER_COLUMNS), answer)
        .on_conflict_do_nothing()
        .returning(idempotency_keys.c.key)
        .cte("stored")
    )
    return sa.select(
        sa.select(inserted.c.id).scalar_subquery().label("booked"),
        sa.select(stored.c.key).scalar_subquery().label("stored"),
    ).add_cte(audited, staged)


_BOOK = Direct(_statement())  # compiled once: building it per call would cost more than running it


async def write_booking(
    db: asyncpg.Connection,
    *,
    slot_id: str,
    appointment: Appointment,
    audit: dict[str, Any],
    outbox_row: dict[str, Any],
    answer: dict[str, Any],
) -> Written:
    """Claim the slot for the appointment's subject and write everything a booking writes. The
    unique indexes may still refuse the insert (asyncpg's UniqueViolationError), as with a plain
    insert; the failed statement aborts the transaction."""
    params: dict[str, Any] = {"claim_slot_id": slot_id, "claim_subject": appointment.subject}
    params |= {f"a_{name}": getattr(appointment, name) for name in APPOINTMENT_COLUMNS}
    params |= {f"l_{name}": audit.get(name) for name in AUDIT_COLUMNS}
    params |= {f"o_{name}": outbox_row[name] for name in OUTBOX_COLUMNS}
    params |= {f"k_{name}": answer[name] for name in ANSWER_COLUMNS}
    row = await _BOOK.fetchrow(db, params)
    booked: uuid.UUID | None = None if row is None else row["booked"]
    if booked is None:
        return Written.NOT_CLAIMABLE
    return Written.BOOKED if row is not None and row["stored"] is not None else Written.KEY_TAKEN

"""A booking's writes in one round trip: claim the slot, insert the appointment and its audit
record, as data-modifying CTEs. The appointment is inserted only if the claim matched, and the
audit record only if the appointment was inserted; PostgreSQL runs every part exactly once.
created_at and updated_at are the database's now()."""

from typing import Any

import sqlalchemy as sa

from services.booking.adapters.slot_repo import CLAIM
from services.booking.adapters.tables import appointments, audit_log
from services.booking.domain.appointment import Appointment
from shared.db import Executor

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


def _values(table: sa.Table, columns: tuple[str, ...], prefix: str) -> list[sa.Label[Any]]:
    return [sa.bindparam(prefix + name, type_=table.c[name].type).label(name) for name in columns]


def _statement() -> sa.Select[Any]:
    claimed = CLAIM.cte("claimed")
    inserted = (
        sa.insert(appointments)
        .from_select(
            list(APPOINTMENT_COLUMNS), sa.select(*_values(appointments, APPOINTMENT_COLUMNS, "a_")).select_from(claimed)
        )
        .returning(appointments.c.id)
        .cte("inserted")
    )
    audited = sa.insert(audit_log).from_select(
        list(AUDIT_COLUMNS), sa.select(*_values(audit_log, AUDIT_COLUMNS, "l_")).select_from(inserted)
    )
    return sa.select(inserted.c.id).add_cte(audited.cte("audited"))


_BOOK = _statement()  # built once: constructing it per call would cost more than running it


async def claim_and_insert(
    session: Executor, *, slot_id: str, subject: str, appointment: Appointment, audit: dict[str, Any]
) -> bool:
    """Claim the slot for `subject` and insert the appointment and its audit record. False (and
    nothing written) when the slot is not claimable; the unique indexes may still refuse the
    insert (IntegrityError), as with a plain insert."""
    params: dict[str, Any] = {"claim_slot_id": slot_id, "claim_subject": subject}
    params |= {f"a_{name}": getattr(appointment, name) for name in APPOINTMENT_COLUMNS}
    params |= {f"l_{name}": audit.get(name) for name in AUDIT_COLUMNS}
    return (await session.execute(_BOOK, params)).first() is not None

"""The per-appointment sync rows."""

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from services.vas_sync.adapters.tables import sync_appointments, vas_attempts
from services.vas_sync.domain.sync_state import SyncState
from shared.crm_scheduling.slot_ids import same_time_prefix
from shared.db import Executor, record, records

# Creates the row if it is new and locks it either way, in one statement: concurrent deliveries
# for one appointment (two replicas, a duplicate publish) queue here, one VAS call at a time.
LOCK = (
    insert(sync_appointments)
    .values(appointment_id=sa.bindparam("appointment_id", type_=sa.Uuid))
    .on_conflict_do_update(
        index_elements=[sync_appointments.c.appointment_id],
        set_={"appointment_id": insert(sync_appointments).excluded.appointment_id},
    )
    .returning(*sync_appointments.c)
)


async def lock(session: Executor, appointment_id: uuid.UUID, /) -> SyncState:
    return record(SyncState, (await session.execute(LOCK, {"appointment_id": appointment_id})).one())


async def save(session: Executor, appointment_id: uuid.UUID, /, **values: Any) -> None:
    await session.execute(
        sync_appointments.update()
        .where(sync_appointments.c.appointment_id == appointment_id)
        .values(**values, synced_at=sa.func.now())
    )


async def note_attempt(session: Executor, appointment_id: uuid.UUID, slot_id: str, subject: str | None, /) -> None:
    """Committed at once on a connection of its own, before VAS is called: it must outlive the
    caller's transaction if that never commits (no lock is shared with it: another table)."""
    engine = session.bind if isinstance(session, AsyncSession) else session.engine
    assert isinstance(engine, AsyncEngine)
    async with engine.begin() as own:
        await own.execute(
            insert(vas_attempts)
            .values(appointment_id=appointment_id, slot_id=slot_id, subject=subject)
            .on_conflict_do_nothing()
        )


async def attempted(session: Executor, appointment_id: uuid.UUID, /) -> list[str]:
    query = sa.select(vas_attempts.c.slot_id).where(vas_attempts.c.appointment_id == appointment_id)
    return list((await session.scalars(query.order_by(vas_attempts.c.at))).all())


def outcome_statement(columns: Iterable[str]) -> sa.Update:
    """Settles and saves in one statement: the row gets the named columns (bound as `set_<name>`,
    the row as `row_id`: see `outcome_params`) and `synced_at`, and the times asked for are
    deleted (a data-modifying CTE runs whether or not the statement reads it)."""
    settled = (
        vas_attempts.delete()
        .where(vas_attempts.c.appointment_id == sa.bindparam("row_id", type_=sa.Uuid))
        .cte("settled")
    )
    return (
        sync_appointments.update()
        .where(sync_appointments.c.appointment_id == sa.bindparam("row_id", type_=sa.Uuid))
        .values({name: sa.bindparam(f"set_{name}", type_=sync_appointments.c[name].type) for name in columns})
        .values(synced_at=sa.func.now())
        .add_cte(settled)
    )


async def record_outcome(session: Executor, appointment_id: uuid.UUID, /, **values: Any) -> None:
    """The outcome is known (in the same transaction as the row that records it): saved, and the
    times asked for accounted for — what VAS holds was looked at, the rest refused or cancelled."""
    await session.execute(outcome_statement(sorted(values)), outcome_params(appointment_id, values))


def outcome_params(appointment_id: uuid.UUID, values: dict[str, Any]) -> dict[str, Any]:
    return {"row_id": appointment_id, **{f"set_{name}": value for name, value in values.items()}}


async def known_in_vas(
    session: Executor, vas_ids: list[str], slot_ids: list[str], subject: str
) -> tuple[set[str], set[str]]:
    """Of these VAS appointments and times: those a sync row holds, and the times VAS sync has
    asked VAS for on this resident's behalf and not yet settled (a change of ours in flight)."""
    if not vas_ids and not slot_ids:
        return set(), set()
    held = await session.scalars(
        sa.select(sync_appointments.c.vas_appointment_id).where(sync_appointments.c.vas_appointment_id.in_(vas_ids))
    )
    # The same time, whatever the producer said of its performer (crm:scheduling's ids).
    prefixes = sorted({same_time_prefix(s) for s in slot_ids})
    near = [vas_attempts.c.slot_id.startswith(p, autoescape=True) for p in prefixes]
    asked = await session.scalars(
        sa.select(vas_attempts.c.slot_id).where(vas_attempts.c.subject == subject, sa.or_(sa.false(), *near))
    )
    asked_prefixes = {same_time_prefix(str(s)) for s in asked.all()}
    return {str(v) for v in held.all()}, {s for s in slot_ids if same_time_prefix(s) in asked_prefixes}


def _starts_with(prefix: str) -> str:
    """A LIKE pattern for text that starts with `prefix` (its own %, _ and \\ taken literally)."""
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# Of some VAS appointments and times, those that are another booking's (see `held_elsewhere`).
HELD_ELSEWHERE = sa.select(sync_appointments.c.vas_appointment_id).where(
    sync_appointments.c.vas_appointment_id == sa.any_(sa.bindparam("vas_ids", type_=ARRAY(sa.Text))),
    sync_appointments.c.appointment_id != sa.bindparam("appointment_id", type_=sa.Uuid),
)
ASKED_ELSEWHERE = sa.select(vas_attempts.c.slot_id).where(
    vas_attempts.c.subject == sa.bindparam("subject", type_=sa.Text),
    vas_attempts.c.appointment_id != sa.bindparam("appointment_id", type_=sa.Uuid),
    vas_attempts.c.slot_id.like(sa.any_(sa.bindparam("patterns", type_=ARRAY(sa.Text)))),
)


def elsewhere_params(
    appointment_id: uuid.UUID, vas_ids: list[str], slot_ids: list[str], subject: str
) -> dict[str, Any]:
    patterns = sorted({_starts_with(same_time_prefix(s)) for s in slot_ids})
    return {"appointment_id": appointment_id, "vas_ids": vas_ids, "subject": subject, "patterns": patterns}


def asked_times(slot_ids: list[str], asked: Iterable[str]) -> set[str]:
    """Those of `slot_ids` at the same time as one of `asked` (whatever the performer)."""
    prefixes = {same_time_prefix(str(s)) for s in asked}
    return {s for s in slot_ids if same_time_prefix(s) in prefixes}


async def held_elsewhere(
    session: Executor, appointment_id: uuid.UUID, vas_ids: list[str], slot_ids: list[str], subject: str, /
) -> tuple[set[str], set[str]]:
    """Of these VAS appointments and times, found for `appointment_id` by its resident's schedule:
    the appointments another sync row holds, and the times VAS sync has asked VAS for on this
    resident's behalf for another booking and not yet settled (that booking's change in flight)."""
    params = elsewhere_params(appointment_id, vas_ids, slot_ids, subject)
    held = {str(v) for v in (await session.scalars(HELD_ELSEWHERE, params)).all()}
    asked = (await session.scalars(ASKED_ELSEWHERE, params)).all() if slot_ids else []
    return held, asked_times(slot_ids, asked)


async def in_clinic_day(session: Executor, clinic_hsa_id: str, start: datetime, end: datetime) -> list[SyncState]:
    query = sa.select(sync_appointments).where(
        sync_appointments.c.clinic_hsa_id == clinic_hsa_id,
        sync_appointments.c.start_at >= start,
        sync_appointments.c.start_at < end,
    )
    return records(SyncState, (await session.execute(query)).all())


async def known_appointments(session: Executor, references: list[str]) -> set[str]:
    """Those of `references` that are appointments we sync (VAS references that are not our
    appointment ids — a clinic's own — are never among them)."""
    ids = [_uuid(r) for r in references]
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return set()
    # version 0: a row reconciliation locked for a reference no booking event has named
    query = sa.select(sync_appointments.c.appointment_id).where(
        sync_appointments.c.appointment_id.in_(wanted), sync_appointments.c.version > 0
    )
    return {str(found) for found in (await session.scalars(query)).all()}


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None

"""The schedule's operations. Each change and its change-feed row commit in one transaction."""

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.exc
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from services.vas_simulator import errors
from services.vas_simulator.schemas import Appointment, MakeAppointment, Timeslot, TimeslotIn
from services.vas_simulator.tables import appointments, changes, timeslots

# Taken before each change-feed insert and held to commit, so `seq` order is commit order and a
# reader following the cursor never skips a change that commits late.
_CHANGE_FEED_LOCK = 0x7A5C4A6E

_APPOINTMENT_COLUMNS = (
    appointments,
    timeslots.c.start_at,
    timeslots.c.end_at,
    timeslots.c.clinic_hsa_id,
    timeslots.c.time_type_code,
)


_SLOT_FIELDS = ("start_at", "end_at", "clinic_hsa_id", "time_type_code")


def _appointments() -> sa.Select[Any]:
    return sa.select(*_APPOINTMENT_COLUMNS).select_from(
        appointments.join(timeslots, appointments.c.timeslot_id == timeslots.c.id)
    )


def _appointment(row: sa.Row[Any] | Mapping[str, Any]) -> Appointment:
    m = row._mapping if isinstance(row, sa.Row) else row
    return Appointment(
        id=m["id"],
        timeslot_id=m["timeslot_id"],
        reference=m["reference"],
        subject=m["subject"],
        status=m["status"],
        channel=m["channel"],
        start=m["start_at"],
        end=m["end_at"],
        clinic_hsa_id=m["clinic_hsa_id"],
        time_type_code=m["time_type_code"],
        cancelled_reason=m["cancelled_reason"],
        cancelled_by=m["cancelled_by"],
        created_at=m["created_at"],
        updated_at=m["updated_at"],
    )


def _timeslot(row: sa.Row[Any]) -> Timeslot:
    m = row._mapping
    return Timeslot(
        id=m["id"],
        clinic_hsa_id=m["clinic_hsa_id"],
        time_type_code=m["time_type_code"],
        practitioner_id=m["practitioner_id"],
        start=m["start_at"],
        end=m["end_at"],
        status=m["status"],
    )


# The feed lock and the insert in one round trip (the lock is held to commit: the shorter the
# stretch after it, the more changes per second). A CTE with a volatile function is evaluated on
# its own, before the insert forms its row, so `seq` is drawn under the lock.
_RECORD_CHANGE = sa.text(
    """
    WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock(:lock))
    INSERT INTO changes (kind, payload) SELECT :kind, :payload FROM locked
    """
).bindparams(
    sa.bindparam("lock", _CHANGE_FEED_LOCK, type_=sa.BigInteger),
    sa.bindparam("kind", type_=sa.Text),
    sa.bindparam("payload", type_=JSONB),
)


async def record_change(conn: AsyncConnection, kind: str, payload: dict[str, Any]) -> None:
    await conn.execute(_RECORD_CHANGE, {"kind": kind, "payload": payload})


async def _load_appointment(conn: AsyncConnection, appointment_id: str) -> Appointment:
    row = (await conn.execute(_appointments().where(appointments.c.id == appointment_id))).first()
    if row is None:
        raise errors.appointment_does_not_exist()
    return _appointment(row)


async def _lock_slot(conn: AsyncConnection, slot_id: str) -> sa.Row[Any] | None:
    return (await conn.execute(sa.select(timeslots).where(timeslots.c.id == slot_id).with_for_update())).first()


def _check_bookable(slot: sa.Row[Any] | None) -> sa.Row[Any]:
    if slot is None:
        raise errors.no_longer_available(404)
    if slot.start_at <= datetime.now(UTC):
        raise errors.already_passed()
    if slot.status == "booked":
        raise errors.already_reserved()
    if slot.status != "free":
        raise errors.no_longer_available()
    return slot


async def _set_slot_status(conn: AsyncConnection, slot_id: str, status: str) -> None:
    await conn.execute(timeslots.update().where(timeslots.c.id == slot_id).values(status=status))


# ------------------------------------------------------------------------------------ timeslots


async def publish_timeslots(engine: AsyncEngine, slots: Sequence[TimeslotIn]) -> list[Timeslot]:
    """Adds free times. A time whose id exists is left as it is (publishing is idempotent), except
    a withdrawn one, which is free again."""
    if not slots:
        return []
    rows = [
        {
            "id": slot.id or f"VAS-TS-{uuid.uuid4().hex}",
            "clinic_hsa_id": slot.clinic_hsa_id.upper(),
            "time_type_code": slot.time_type_code,
            "practitioner_id": slot.practitioner_id,
            "start_at": slot.start,
            "end_at": slot.end,
            "status": "free",
        }
        for slot in slots
    ]
    order = {row["id"]: n for n, row in enumerate(rows)}
    async with engine.begin() as conn:
        statement = insert(timeslots).values(rows)
        query = statement.on_conflict_do_update(
            index_elements=["id"], set_={"status": "free"}, where=timeslots.c.status == "withdrawn"
        ).returning(timeslots)
        published = sorted((_timeslot(r) for r in (await conn.execute(query)).all()), key=lambda t: order[t.id])
        if published:
            await conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_CHANGE_FEED_LOCK)))
            await conn.execute(
                changes.insert(), [{"kind": "slot_published", "payload": t.model_dump(mode="json")} for t in published]
            )
    return published


async def withdraw_timeslot(engine: AsyncEngine, slot_id: str) -> Timeslot:
    async with engine.begin() as conn:
        slot = await _lock_slot(conn, slot_id)
        if slot is None:
            raise errors.no_longer_available(404)
        if slot.status == "booked":
            raise errors.already_reserved()
        if slot.status == "withdrawn":
            return _timeslot(slot)
        await _set_slot_status(conn, slot_id, "withdrawn")
        withdrawn = _timeslot(slot).model_copy(update={"status": "withdrawn"})
        await record_change(conn, "slot_withdrawn", withdrawn.model_dump(mode="json"))
    return withdrawn


async def time_types(engine: AsyncEngine, *, clinic: str | None) -> list[dict[str, Any]]:
    """GetAvailableTimeTypes-like: the time types a clinic's schedule offers, with free-time counts."""
    free = sa.func.count().filter(timeslots.c.status == "free", timeslots.c.start_at > sa.func.now())
    query = sa.select(timeslots.c.time_type_code, free.label("free")).group_by(timeslots.c.time_type_code)
    if clinic:
        query = query.where(timeslots.c.clinic_hsa_id == clinic.upper())
    async with engine.connect() as conn:
        rows = (await conn.execute(query.order_by(timeslots.c.time_type_code))).all()
    return [{"code": r.time_type_code, "free_timeslots": int(r.free)} for r in rows]


async def free_timeslots(
    engine: AsyncEngine, *, clinic: str | None, start: datetime | None, end: datetime | None, limit: int
) -> list[Timeslot]:
    """Free times that have not started (the contract never returns passed times)."""
    query = sa.select(timeslots).where(timeslots.c.status == "free", timeslots.c.start_at > sa.func.now())
    if clinic:
        query = query.where(timeslots.c.clinic_hsa_id == clinic.upper())
    if start:
        query = query.where(timeslots.c.start_at >= start)
    if end:
        query = query.where(timeslots.c.start_at < end)
    async with engine.connect() as conn:
        rows = (await conn.execute(query.order_by(timeslots.c.start_at, timeslots.c.id).limit(limit))).all()
    return [_timeslot(r) for r in rows]


async def timeslot_at(
    engine: AsyncEngine, *, clinic: str, start: datetime, time_type_code: str | None, practitioner_id: str | None
) -> Timeslot | None:
    """The time a crm:scheduling request names by its facility, start, time type and performer
    (the contract has no timeslot id): a free one first, else a taken one (to say it is taken)."""
    query = sa.select(timeslots).where(
        timeslots.c.clinic_hsa_id == clinic.upper(), timeslots.c.start_at == start, timeslots.c.status != "withdrawn"
    )
    if time_type_code:
        query = query.where(timeslots.c.time_type_code == time_type_code)
    if practitioner_id:
        query = query.where(timeslots.c.practitioner_id == practitioner_id)
    free_first = sa.case((timeslots.c.status == "free", 0), else_=1)
    async with engine.connect() as conn:
        row = (await conn.execute(query.order_by(free_first, timeslots.c.id).limit(1))).first()
    return None if row is None else _timeslot(row)


async def clinics(engine: AsyncEngine) -> list[str]:
    """Every clinic with a schedule (GetAllHealthcareFacilities)."""
    async with engine.connect() as conn:
        found = await conn.execute(sa.select(timeslots.c.clinic_hsa_id).distinct().order_by(timeslots.c.clinic_hsa_id))
    return list(found.scalars())


# --------------------------------------------------------------------------------- appointments


async def _booked_by_reference(conn: AsyncConnection, reference: str) -> Appointment | None:
    query = _appointments().where(appointments.c.reference == reference, appointments.c.status == "booked")
    row = (await conn.execute(query)).first()
    return _appointment(row) if row is not None else None


# The slot, locked, with the id of a booking already made under the caller's reference. The
# look-up reads the snapshot taken before any wait for the lock: a repeat that committed during
# the wait shows as a taken slot or a duplicate reference, and is looked up again (below).
_LOCK_SLOT_AND_REFERENCE = (
    sa.select(
        timeslots,
        sa.select(appointments.c.id)
        .where(appointments.c.reference == sa.bindparam("reference"), appointments.c.status == "booked")
        .scalar_subquery()
        .label("booked_by_reference"),
    )
    .where(timeslots.c.id == sa.bindparam("timeslot_id"))
    .with_for_update(of=timeslots)
)


def _make_statement() -> sa.Select[Any]:
    """Insert the appointment and mark its time booked, in one round trip; answers the new row."""
    made = (
        appointments.insert()
        .values(
            id=sa.bindparam("new_id"),
            timeslot_id=sa.bindparam("new_timeslot_id"),
            subject=sa.bindparam("new_subject"),
            reference=sa.bindparam("new_reference"),
            status="booked",
            channel=sa.bindparam("new_channel"),
        )
        .returning(appointments)
        .cte("made")
    )
    taken = timeslots.update().where(timeslots.c.id == sa.bindparam("slot")).values(status="booked").cte("taken")
    # (bind names differ from column names: an update takes a parameter named like a column as
    # a value to set)
    return sa.select(made).add_cte(taken)


_MAKE = _make_statement()


async def make_appointment(engine: AsyncEngine, request: MakeAppointment) -> tuple[Appointment, bool]:
    """MakeAppointment. Answers (appointment, created); a repeated reference gets its booking back."""
    try:
        async with engine.begin() as conn:
            found = (
                await conn.execute(
                    _LOCK_SLOT_AND_REFERENCE, {"timeslot_id": request.timeslot_id, "reference": request.reference}
                )
            ).first()
            if found is not None and found.booked_by_reference is not None and request.reference is not None:
                # Read again under the slot lock: it may have been cancelled while we waited.
                existing = await _booked_by_reference(conn, request.reference)
                if existing is not None:
                    return existing, False
            try:
                slot = _check_bookable(found)
            except errors.VasError:
                existing = await _booked_by_reference(conn, request.reference) if request.reference else None
                if existing is None:
                    raise
                return existing, False
            values = {
                "new_id": f"VAS-{uuid.uuid4().hex}",
                "new_timeslot_id": request.timeslot_id,
                "slot": request.timeslot_id,
                "new_subject": request.subject,
                "new_reference": request.reference,
                "new_channel": request.channel,
            }
            row = (await conn.execute(_MAKE, values)).one()
            # the row as inserted, with the times of its (locked) slot
            made = _appointment({**row._mapping, **{c: slot._mapping[c] for c in _SLOT_FIELDS}})
            await record_change(conn, "appointment_booked", made.model_dump(mode="json"))
            return made, True
    except sqlalchemy.exc.IntegrityError as exc:
        if request.reference is None or "uq_appointments_booked_reference" not in str(exc.orig):
            raise errors.already_reserved() from None
    # The same reference was booked concurrently (on another slot): that booking is the answer.
    async with engine.connect() as conn:
        existing = await _booked_by_reference(conn, request.reference)
    if existing is None:
        raise errors.already_reserved()
    return existing, False


async def _lock_appointment(conn: AsyncConnection, appointment_id: str) -> sa.Row[Any]:
    query = sa.select(appointments).where(appointments.c.id == appointment_id).with_for_update()
    row = (await conn.execute(query)).first()
    if row is None:
        raise errors.appointment_does_not_exist()
    if row.status == "cancelled":
        raise errors.already_cancelled()
    return row


async def update_appointment(engine: AsyncEngine, appointment_id: str, timeslot_id: str) -> Appointment:
    """UpdateAppointment: moves a booking to another free time of the same clinic."""
    async with engine.begin() as conn:
        current = await _lock_appointment(conn, appointment_id)
        if current.timeslot_id == timeslot_id:
            return await _load_appointment(conn, appointment_id)
        locked = {i: await _lock_slot(conn, i) for i in sorted({current.timeslot_id, timeslot_id})}  # no deadlocks
        old = locked[current.timeslot_id]
        new = _check_bookable(locked[timeslot_id])
        assert old is not None
        if new.clinic_hsa_id != old.clinic_hsa_id:
            raise errors.VasError(
                409, "APPOINTMENT_IS_NOT_ALLOWED", "An appointment can only be moved within the same clinic."
            )
        await _set_slot_status(conn, old.id, "free")
        await _set_slot_status(conn, new.id, "booked")
        await conn.execute(
            appointments.update()
            .where(appointments.c.id == appointment_id)
            .values(timeslot_id=timeslot_id, updated_at=sa.func.now())
        )
        moved = await _load_appointment(conn, appointment_id)
        payload = moved.model_dump(mode="json") | {"previous_timeslot_id": old.id}
        await record_change(conn, "appointment_updated", payload)
    return moved


async def cancel_appointment(engine: AsyncEngine, appointment_id: str, *, reason: str | None, by: str) -> Appointment:
    """CancelAppointment: the time is bookable again at once."""
    async with engine.begin() as conn:
        current = await _lock_appointment(conn, appointment_id)
        slot = await _lock_slot(conn, current.timeslot_id)
        await conn.execute(
            appointments.update()
            .where(appointments.c.id == appointment_id)
            .values(status="cancelled", cancelled_reason=reason, cancelled_by=by, updated_at=sa.func.now())
        )
        if slot is not None and slot.status == "booked":
            await _set_slot_status(conn, slot.id, "free")
        cancelled = await _load_appointment(conn, appointment_id)
        await record_change(conn, "appointment_cancelled", cancelled.model_dump(mode="json"))
    return cancelled


async def get_appointment(engine: AsyncEngine, appointment_id: str) -> Appointment:
    async with engine.connect() as conn:
        return await _load_appointment(conn, appointment_id)


async def find_appointments(
    engine: AsyncEngine,
    *,
    reference: str | None = None,
    subject: str | None = None,
    clinic: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[Appointment]:
    query = _appointments().order_by(appointments.c.created_at, appointments.c.id)
    if reference is not None:
        query = query.where(appointments.c.reference == reference)
    if subject is not None:
        query = query.where(appointments.c.subject == subject)
    if clinic is not None:
        query = query.where(timeslots.c.clinic_hsa_id == clinic.upper())
    if start is not None:
        query = query.where(timeslots.c.start_at >= start)
    if end is not None:
        query = query.where(timeslots.c.start_at < end)
    async with engine.connect() as conn:
        return [_appointment(r) for r in (await conn.execute(query)).all()]


# -------------------------------------------------------------------------------------- changes


async def changes_after(engine: AsyncEngine, after: int, limit: int) -> list[dict[str, Any]]:
    query = sa.select(changes).where(changes.c.seq > after).order_by(changes.c.seq).limit(limit)
    async with engine.connect() as conn:
        rows = (await conn.execute(query)).all()
    return [{**r.payload, "seq": r.seq, "at": r.at.isoformat(), "kind": r.kind} for r in rows]

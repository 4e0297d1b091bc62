"""Slot replica queries: search, claim, hold, release."""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from services.booking.adapters.tables import OPEN_SLOTS, appointments, clinics, closures, slots, time_types
from services.booking.domain.booking_context import BookingContext
from services.booking.domain.catalogue import FreeTime
from services.booking.domain.listing import Viewer
from shared.db import Executor
from shared.direct import Direct

# The rules' context of one slot for one person (the slot, its clinic and time type, the person's
# live bookings); also read, with the stored answer, as booking_reads.py's one statement.
BOOKING_CONTEXT_SQL = """
    SELECT s.id, s.clinic_hsa_id, s.time_type_code, s.start_at, s.end_at, s.status, s.held_by,
           s.hold_expires_at, s.web_bookable AS slot_web_bookable,
           c.web_booking_enabled, c.phone AS clinic_phone, c.name AS clinic_name,
           t.web_bookable AS type_web_bookable, t.hidden, t.restricted, t.max_live_per_person, t.rules,
           ARRAY(SELECT k.id FROM time_type_conditions k WHERE k.time_type_code = t.code) AS condition_ids,
           (SELECT row_to_json(w) FROM (
               SELECT message_sv, message_en, phone FROM web_booking_closures x
               WHERE x.reopened_at IS NULL
                 AND (x.clinic_hsa_id IS NULL OR x.clinic_hsa_id = s.clinic_hsa_id)
                 AND (x.time_type_code IS NULL OR x.time_type_code = s.time_type_code)
               ORDER BY x.closed_at LIMIT 1) w) AS closure,
           (SELECT count(*) FROM appointments a
             WHERE a.subject = :subject AND a.time_type_code = s.time_type_code
               AND a.status IN ('pending', 'booked') AND a.id IS DISTINCT FROM :exclude) AS live_same_type,
           (SELECT count(*) FROM appointments a
             WHERE a.subject = :subject AND a.channel IN ('web', 'staff_link') AND a.end_at > now()
               AND a.status IN ('pending', 'booked') AND a.id IS DISTINCT FROM :exclude) AS live_web,
           EXISTS (SELECT 1 FROM appointments a
             WHERE a.subject = :subject AND a.status IN ('pending', 'booked')
               AND ((a.start_at < s.end_at AND a.end_at > s.start_at)
                    -- a move VAS has not answered yet: it may go back to where it was
                    OR (a.status = 'pending' AND a.previous_start_at < s.end_at AND a.previous_end_at > s.start_at))
               AND a.id IS DISTINCT FROM :exclude) AS occupied
    FROM slots s
    JOIN time_types t ON t.code = s.time_type_code
    JOIN clinics c ON c.hsa_id = s.clinic_hsa_id
    WHERE s.id = :slot_id
"""
_BOOKING_CONTEXT = sa.text(BOOKING_CONTEXT_SQL).bindparams(sa.bindparam("exclude", type_=sa.Uuid))
_LOCK_PERSON = sa.text("SELECT pg_advisory_xact_lock(:key)").bindparams(sa.bindparam("key", type_=sa.BigInteger))


def person_lock_key(subject: str) -> int:
    """The advisory lock key of one person: 64 bits of a hash of the personnummer, computed here
    so the hot path can send the lock as plain SQL with its BEGIN (an integer, nothing quoted)."""
    return int.from_bytes(hashlib.blake2b(subject.encode(), digest_size=8).digest(), "big", signed=True)


async def lock_person(session: Executor, subject: str) -> None:
    """Serialise one person's bookings so per-person limits and overlap checks hold under races."""
    await session.execute(_LOCK_PERSON, {"key": person_lock_key(subject)})


async def booking_context(
    session: Executor, *, slot_id: str, subject: str, exclude_appointment: uuid.UUID | None = None
) -> BookingContext | None:
    """What the rules need to know about booking `slot_id` for `subject`, in one statement."""
    params = {"slot_id": slot_id, "subject": subject, "exclude": exclude_appointment}
    row = (await session.execute(_BOOKING_CONTEXT, params)).first()
    return None if row is None else context_of(row._mapping)


def context_of(row: Any) -> BookingContext:
    """A row of BOOKING_CONTEXT_SQL's columns (by name) as the rules' context."""
    return BookingContext(
        slot_id=row["id"],
        clinic_hsa_id=row["clinic_hsa_id"],
        time_type_code=row["time_type_code"],
        start=row["start_at"],
        end=row["end_at"],
        status=row["status"],
        held_by=row["held_by"],
        hold_expires_at=row["hold_expires_at"],
        slot_web_bookable=row["slot_web_bookable"],
        web_booking_enabled=row["web_booking_enabled"],
        clinic_phone=row["clinic_phone"],
        clinic_name=row["clinic_name"],
        type_web_bookable=row["type_web_bookable"],
        hidden=row["hidden"],
        restricted=row["restricted"],
        max_live_per_person=row["max_live_per_person"],
        rules=row["rules"],
        condition_ids=list(row["condition_ids"]),
        closure=row["closure"],
        live_same_type=int(row["live_same_type"]),
        live_web=int(row["live_web"]),
        occupied=bool(row["occupied"]),
    )


def _claimable(
    subject: str | sa.BindParameter[str] | None, now: sa.ColumnElement[datetime] | None = None
) -> sa.ColumnElement[bool]:
    """Free, or held by this person, or held with the hold run out (holds expire by themselves);
    `now`: the time the rules read (the database's clock unless given)."""
    at = sa.func.now() if now is None else now
    expired_hold = sa.and_(slots.c.status == "held", slots.c.hold_expires_at <= at)
    if subject is None:
        return sa.or_(slots.c.status == "free", expired_hold)
    mine = sa.and_(slots.c.status == "held", slots.c.held_by == subject)
    return sa.or_(slots.c.status == "free", expired_hold, mine)


# The claim as a statement of its own (`claim`), and as the first step of a booking's writes.
CLAIM = (
    slots.update()
    .where(slots.c.id == sa.bindparam("claim_slot_id"), _claimable(sa.bindparam("claim_subject")))
    .values(status="busy", held_by=None, hold_expires_at=None, updated_at=sa.func.now())
    .returning(slots.c.id)
)


async def claim(session: Executor, /, *, slot_id: str, subject: str) -> bool:
    """Mark the slot busy if it is claimable by `subject`; False when someone else has it."""
    result = await session.execute(CLAIM, {"claim_slot_id": slot_id, "claim_subject": subject})
    return result.first() is not None


async def hold(session: Executor, *, slot_id: str, subject: str, until: datetime) -> bool:
    """Hold `slot_id` for `subject`. One hold per person: a new one gives back the person's
    others, so one login cannot keep a day's times from everyone else. Under the person's lock,
    so parallel holds cannot each see no other and all stay."""
    await lock_person(session, subject)
    await session.execute(
        slots.update()
        .where(slots.c.held_by == subject, slots.c.status == "held", slots.c.id != slot_id)
        .values(status="free", held_by=None, hold_expires_at=None, updated_at=sa.func.now())
    )
    result = await session.execute(
        slots.update()
        .where(slots.c.id == slot_id, _claimable(subject))
        .values(status="held", held_by=subject, hold_expires_at=until, updated_at=sa.func.now())
        .returning(slots.c.id)
    )
    return result.first() is not None


async def release(session: Executor, /, *, slot_id: str, status: str = "free") -> None:
    """Give a slot back (cancelled, rescheduled away, rejected). A withdrawn slot stays withdrawn."""
    await session.execute(
        slots.update()
        .where(slots.c.id == slot_id, slots.c.status != "withdrawn")
        .values(status=status, held_by=None, hold_expires_at=None, updated_at=sa.func.now())
    )


# A search's statement depends on its shape (who asks, which filters are given), not on the values:
# each shape is built once with every value a named parameter, compiled once (shared/direct.py)
# and prepared by asyncpg on each connection. A rush is mostly searches (docs/benchmarks.md).
_LIVE: sa.ColumnClause[Any] = sa.literal_column("ARRAY['pending', 'booked']")
_WEB_CHANNELS: sa.ColumnClause[Any] = sa.literal_column("ARRAY['web', 'staff_link']")
_NOW = sa.bindparam("now", type_=sa.DateTime(timezone=True))
_SUBJECT = sa.bindparam("subject", type_=sa.String)
_TEXTS = postgresql.ARRAY(sa.Text)


@dataclass(frozen=True)
class _Shape:
    phone_line: bool
    by_clinics: bool  # the phone line, limited to some clinics
    subject: bool
    exclude: bool
    web_limit: bool
    clinic: bool
    time_type: bool
    after: bool


_SEARCHES: dict[_Shape, Direct] = {}


async def search(
    db: asyncpg.Connection,
    *,
    viewer: Viewer,
    now: datetime,
    clinic: str | None,
    time_type: str | None,
    start_from: datetime,
    start_to: datetime,
    after: tuple[datetime, str] | None,
    limit: int,
    exclude_appointment: uuid.UUID | None = None,
) -> list[FreeTime]:
    """The times `viewer` could book at `now`, in start order: the same rules as a booking's
    checks (usecases/checks.py and the booking context above), as one statement."""
    shape = _Shape(
        phone_line=viewer.phone_line,
        by_clinics=viewer.phone_line and viewer.clinics is not None,
        subject=viewer.subject is not None,
        exclude=exclude_appointment is not None,
        web_limit=not viewer.phone_line and viewer.web_limit is not None,
        clinic=bool(clinic),
        time_type=bool(time_type),
        after=after is not None,
    )
    statement = _SEARCHES.get(shape)
    if statement is None:
        statement = _SEARCHES.setdefault(shape, Direct(_search_query(shape)))
    params = {
        "now": now,
        "start_from": start_from,
        "start_to": start_to,
        "limit": limit,
        "subject": viewer.subject,
        "exclude": exclude_appointment,
        "clinics": sorted(viewer.clinics or ()),
        "unlocked": sorted(viewer.unlocked),
        "web_limit": viewer.web_limit,
        "clinic": clinic.upper() if clinic else None,
        "time_type": time_type,
        "after_start": after[0] if after else None,
        "after_id": after[1] if after else None,
    }
    return [FreeTime(*row) for row in await statement.fetch(db, params)]


def _search_query(shape: _Shape) -> sa.Select[Any]:
    """The search statement of one shape, every value a bound parameter."""
    rules: list[sa.ColumnElement[bool]] = [
        # Implied by the next rule, and written as constants so that every plan of the statement,
        # generic ones too, may read the partial indexes of open times (tables.py).
        OPEN_SLOTS,
        _claimable(_SUBJECT if shape.subject else None, _NOW),
        slots.c.start_at > _NOW,
        slots.c.start_at >= sa.bindparam("start_from", type_=sa.DateTime(timezone=True)),
        slots.c.start_at < sa.bindparam("start_to", type_=sa.DateTime(timezone=True)),
    ]
    if shape.phone_line:
        if shape.by_clinics:
            rules.append(sa.func.upper(slots.c.clinic_hsa_id) == sa.any_(sa.bindparam("clinics", type_=_TEXTS)))
    else:
        book_deadline_h = sa.func.coalesce(time_types.c.rules["book"]["deadline_hours"].as_float(), 0.0)
        closed = sa.exists().where(
            closures.c.reopened_at.is_(None),
            sa.or_(closures.c.clinic_hsa_id.is_(None), closures.c.clinic_hsa_id == slots.c.clinic_hsa_id),
            sa.or_(closures.c.time_type_code.is_(None), closures.c.time_type_code == slots.c.time_type_code),
        )
        rules += [
            slots.c.start_at >= _NOW + _hours(book_deadline_h),
            slots.c.web_bookable,
            time_types.c.web_bookable,
            clinics.c.web_booking_enabled,
            ~closed,
            sa.or_(sa.not_(time_types.c.hidden), time_types.c.code == sa.any_(sa.bindparam("unlocked", type_=_TEXTS))),
        ]
    exclude = sa.bindparam("exclude", type_=sa.Uuid) if shape.exclude else sa.null()
    if shape.subject and not shape.exclude:
        rules += _within_person_limits(web_limit=shape.web_limit)
    if shape.subject:
        a = appointments.alias("mine")
        rules.append(
            ~sa.exists().where(
                a.c.subject == _SUBJECT,
                a.c.status == sa.any_(_LIVE),
                a.c.id.is_distinct_from(exclude),
                sa.or_(
                    sa.and_(a.c.start_at < slots.c.end_at, a.c.end_at > slots.c.start_at),
                    # a move VAS has not answered yet may go back to where it was
                    sa.and_(
                        a.c.status == "pending",
                        a.c.previous_start_at < slots.c.end_at,
                        a.c.previous_end_at > slots.c.start_at,
                    ),
                ),
            )
        )
    if shape.clinic:
        rules.append(slots.c.clinic_hsa_id == sa.bindparam("clinic", type_=sa.String))
    if shape.time_type:
        rules.append(slots.c.time_type_code == sa.bindparam("time_type", type_=sa.String))
    if shape.after:
        after = sa.tuple_(
            sa.bindparam("after_start", type_=sa.DateTime(timezone=True)), sa.bindparam("after_id", type_=sa.String)
        )
        rules.append(sa.tuple_(slots.c.start_at, slots.c.id) > after)
    return (
        sa.select(
            slots.c.id,
            slots.c.clinic_hsa_id,
            slots.c.time_type_code,
            slots.c.start_at,
            slots.c.end_at,
            slots.c.practitioner_id,
            time_types.c.restricted,
        )
        .join(time_types, time_types.c.code == slots.c.time_type_code)
        .join(clinics, clinics.c.hsa_id == slots.c.clinic_hsa_id)
        .where(*rules)
        .order_by(slots.c.start_at, slots.c.id)
        .limit(sa.bindparam("limit", type_=sa.Integer))
    )


def _within_person_limits(*, web_limit: bool) -> list[sa.ColumnElement[bool]]:
    """A new booking's limits per person (usecases/checks.check_person): the time type's own
    limit, and on the web the cap on coming web bookings across every time type."""
    a = appointments.alias("counted")
    live = a.c.status == sa.any_(_LIVE)
    same_type = (
        sa.select(sa.func.count())
        .where(a.c.subject == _SUBJECT, live, a.c.time_type_code == slots.c.time_type_code)
        .scalar_subquery()
    )
    rules = [sa.or_(time_types.c.max_live_per_person.is_(None), same_type < time_types.c.max_live_per_person)]
    if web_limit:
        coming_web = (
            sa.select(sa.func.count())
            .where(a.c.subject == _SUBJECT, live, a.c.channel == sa.any_(_WEB_CHANNELS), a.c.end_at > _NOW)
            .scalar_subquery()
        )
        rules.append(coming_web < sa.bindparam("web_limit", type_=sa.Integer))
    return rules


def _hours(hours: sa.ColumnElement[float]) -> sa.ColumnElement[Any]:
    """An interval of `hours` (fractions allowed), as PostgreSQL's make_interval takes seconds."""
    return sa.func.make_interval(0, 0, 0, 0, 0, 0, hours * 3600)

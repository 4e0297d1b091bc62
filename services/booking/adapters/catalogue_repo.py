"""Catalogue reads: clinics, time types and their conditions."""

from typing import Any

import sqlalchemy as sa

from services.booking.adapters.tables import clinics, conditions, slots, time_types
from services.booking.domain.catalogue import Clinic, Condition, TimeType
from shared.db import Executor, record, records


async def time_type_rules(session: Executor, code: str) -> dict[str, Any]:
    rules = await session.scalar(sa.select(time_types.c.rules).where(time_types.c.code == code))
    return dict(rules or {})


async def list_clinics(session: Executor) -> list[Clinic]:
    query = sa.select(clinics).order_by(clinics.c.municipality, clinics.c.name)
    return records(Clinic, (await session.execute(query)).all())


async def get_clinic(session: Executor, hsa_id: str) -> Clinic | None:
    row = (await session.execute(sa.select(clinics).where(clinics.c.hsa_id == hsa_id.upper()))).first()
    return None if row is None else record(Clinic, row)


async def list_time_types(session: Executor, *, codes: list[str] | None = None) -> list[TimeType]:
    query = sa.select(time_types).order_by(time_types.c.code)
    if codes is not None:
        query = query.where(time_types.c.code.in_(codes))
    return records(TimeType, (await session.execute(query)).all())


async def conditions_by_type(session: Executor) -> dict[str, list[Condition]]:
    rows = (
        await session.execute(sa.select(conditions).order_by(conditions.c.time_type_code, conditions.c.position))
    ).all()
    result: dict[str, list[Condition]] = {}
    for condition in records(Condition, rows):
        result.setdefault(condition.time_type_code, []).append(condition)
    return result


async def time_types_offered_at(session: Executor, hsa_id: str) -> list[str]:
    """Time types this clinic has (had) times for in its schedule."""
    query = sa.select(slots.c.time_type_code).distinct().where(slots.c.clinic_hsa_id == hsa_id.upper())
    return [str(code) for code in (await session.scalars(query)).all()]

"""What anyone may read: clinics, the time types they offer, and the conditions to confirm."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from services.booking.adapters import catalogue_repo
from services.booking.domain.catalogue import Clinic, Condition, TimeType
from services.booking.domain.errors import BookingCode, BookingError


@dataclass(frozen=True)
class TimeTypes:
    """Time type rows and, per code, the conditions a resident confirms before booking."""

    rows: list[TimeType]
    conditions: dict[str, list[Condition]]

    def conditions_of(self, code: str) -> list[Condition]:
        return self.conditions.get(code, [])


async def clinics(engine: AsyncEngine) -> list[Clinic]:
    async with engine.connect() as conn:
        return await catalogue_repo.list_clinics(conn)


async def clinic(engine: AsyncEngine, hsa_id: str) -> Clinic:
    async with engine.connect() as conn:
        row = await catalogue_repo.get_clinic(conn, hsa_id)
    if row is None:
        raise BookingError(BookingCode.CLINIC_DOES_NOT_EXIST)
    return row


async def time_types(engine: AsyncEngine, *, codes: list[str] | None) -> TimeTypes:
    async with engine.connect() as conn:
        rows = await catalogue_repo.list_time_types(conn, codes=codes)
        conditions = await catalogue_repo.conditions_by_type(conn)
    return TimeTypes(rows, conditions)


async def offered_on_the_web(engine: AsyncEngine, hsa_id: str) -> TimeTypes:
    """The time types a clinic has times for that the web may book (hidden ones excluded)."""
    await clinic(engine, hsa_id)
    async with engine.connect() as conn:
        offered = await catalogue_repo.time_types_offered_at(conn, hsa_id)
    found = await time_types(engine, codes=offered)
    return TimeTypes([r for r in found.rows if r.web_bookable and not r.hidden], found.conditions)


async def time_type(engine: AsyncEngine, code: str) -> TimeTypes:
    found = await time_types(engine, codes=[code])
    if not found.rows:
        raise BookingError(BookingCode.TIME_TYPE_DOES_NOT_EXIST)
    return found

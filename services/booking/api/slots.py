"""Free times, and the short hold that keeps one while the resident reads the conditions (usecases/slots.py)."""

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query

from services.booking.api import views
from services.booking.api.deps import AppDep
from services.booking.api.paging import decode_cursor, encode_cursor
from services.booking.api.schemas import HoldRequest
from services.booking.usecases import slots
from shared.bounds import Moment
from shared.web.principals import ResidentDep

router = APIRouter(prefix="/v1/slots", tags=["slots"])


@router.get("", summary="Bookable times: never past, held or booked; at any clinic")
async def search(
    app: AppDep,
    clinic: Annotated[str | None, Query(max_length=64)] = None,
    time_type: Annotated[str | None, Query(max_length=64)] = None,
    start_from: Annotated[Moment | None, Query(alias="from")] = None,
    start_to: Annotated[Moment | None, Query(alias="to")] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    low = _aware(start_from) if start_from else datetime.now(UTC)
    high = _aware(start_to) if start_to else low + timedelta(days=31)
    rows = await slots.search(
        app,
        clinic=clinic,
        time_type=time_type,
        start_from=low,
        start_to=high,
        after=decode_cursor(cursor),
        limit=limit + 1,
    )
    page = rows[:limit]
    next_cursor = encode_cursor(page[-1].start_at, page[-1].id) if len(rows) > limit else None
    return {"items": [views.slot(r) for r in page], "next": next_cursor}


@router.post("/{slot_id}/hold", summary="Hold a time for a few minutes while you confirm the conditions")
async def hold(slot_id: str, me: ResidentDep, app: AppDep, body: HoldRequest | None = None) -> dict[str, Any]:
    until = await slots.hold(
        app,
        me.personnummer,
        slot_id,
        guide_ticket=body.guide_ticket if body else None,
        invitation_code=body.invitation_code if body else None,
    )
    return {"slot_id": slot_id, "held_until": views.local(until)}


def _aware(value: datetime) -> datetime:
    """A time without offset is read as Stockholm local time."""
    return value if value.tzinfo else value.replace(tzinfo=views.STOCKHOLM)

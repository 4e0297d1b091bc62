"""Numbers and times from outside, bounded by what the database and Python can hold: a 30-digit id
or a time in year 1 at +14:00 is a 422, not an overflow inside asyncpg and a 500."""

from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

BIGINT_MAX = 2**63 - 1
# Any time a booking system has reason to be asked about.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200

# A row id (PostgreSQL bigint identity) in a path or query.
RowId = Annotated[int, Field(ge=1, le=BIGINT_MAX)]


def time_out_of_range() -> PydanticCustomError:
    return PydanticCustomError("time_out_of_range", f"times must lie between {EARLIEST_YEAR} and {LATEST_YEAR}")


def checked_time(value: Any) -> Any:
    """`value` if it is no date or time, or one within the years a booking can concern."""
    if isinstance(value, datetime):
        try:
            year = value.astimezone(UTC).year if value.tzinfo else value.year
        except (OverflowError, ValueError):
            raise time_out_of_range() from None
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise time_out_of_range()
    elif isinstance(value, date) and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise time_out_of_range()
    return value


# A time in a query string (request bodies are checked by `shared.request.RequestModel`).
Moment = Annotated[datetime, AfterValidator(checked_time)]

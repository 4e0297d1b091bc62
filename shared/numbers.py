"""Integers from outside, bounded by what the database stores (a 30-digit id is a 422, not an
overflow inside asyncpg and a 500)."""

from typing import Annotated

from pydantic import Field

BIGINT_MAX = 2**63 - 1

# A row id (PostgreSQL bigint identity) in a path or query.
RowId = Annotated[int, Field(ge=1, le=BIGINT_MAX)]

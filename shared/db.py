"""SQLAlchemy 2 async engine and sessions (asyncpg) for a service's own database."""

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def make_engine(
    database_url: str, *, pool_size: int = 10, max_overflow: int = 0, application_name: str = "tidbok"
) -> AsyncEngine:
    """A fixed pool: connections are opened once and reused. Overflow connections would be
    opened and closed per burst, which costs more CPU than the queries themselves."""
    return create_async_engine(
        database_url,
        pool_size=pool_size,
        max_overflow=max_overflow,
        # No ping per checkout (a round trip per request): a connection found dead raises a
        # disconnect error, which invalidates the pool, and the request answers 503.
        pool_pre_ping=False,
        pool_recycle=1800,
        # Bound parameters may hold personal data: keep them out of error messages and logs.
        hide_parameters=True,
        # Fail fast when PostgreSQL is down or saturated: the API answers 503 instead of hanging.
        pool_timeout=5,
        connect_args={"timeout": 5, "command_timeout": 30, "server_settings": {"application_name": application_name}},
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def asyncpg_dsn(database_url: str) -> str:
    """The plain libpq URL asyncpg takes (without SQLAlchemy's ``+asyncpg`` driver part)."""
    return database_url.replace("postgresql+asyncpg://", "postgresql://", 1)


T = TypeVar("T")

# What repositories take: an ORM session, or a plain Core connection where the ORM's
# bookkeeping is not worth its cost (the booking hot path).
Executor = AsyncSession | AsyncConnection


def record(kind: type[T], row: Row[*tuple[Any, ...]]) -> T:
    """A stored row as the domain type whose fields are named like its columns."""
    return kind(**row._mapping)


def records(kind: type[T], rows: Sequence[Row[*tuple[Any, ...]]]) -> list[T]:
    return [kind(**row._mapping) for row in rows]

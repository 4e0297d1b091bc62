"""A hot path's statements on asyncpg directly, under SQLAlchemy's pool.

SQLAlchemy's work around each statement (the compiled-cache lookup, the asyncpg adapter's
cursor emulation and its greenlet switch, result rows) costs about 0.13 ms of CPU per statement
on this machine, several times what asyncpg itself spends sending it (docs/benchmarks.md,
"Performance round two, step 2"). A path that runs a few statements per request compiles each
once with the asyncpg dialect and runs it on the driver connection, in a transaction of its own.
The statements stay SQLAlchemy constructs or text with named parameters, defined once; only
their execution skips the layer. asyncpg prepares each statement once per connection (its
statement cache) and reuses it.

The codecs are the ones SQLAlchemy's dialect installed on the connection: json and jsonb come
back decoded; parameters go through each bound type's processor (JSON is serialised).
"""

import contextlib
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import sqlalchemy as sa
import sqlalchemy.exc
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql.compiler import SQLCompiler

_DIALECT = asyncpg_dialect()  # type: ignore[no-untyped-call]
_MISSING = object()

# SQLSTATE classes meaning "the database cannot serve you now" (as shared.problems reads them).
_UNAVAILABLE_CLASSES = frozenset({"08", "53", "57"})


class Direct:
    """One statement compiled once for asyncpg: positional `$n` SQL and how to order, default and
    process the named parameters."""

    def __init__(self, statement: sa.ClauseElement) -> None:
        compiled = statement.compile(dialect=_DIALECT)
        assert isinstance(compiled, SQLCompiler)
        self.sql = str(compiled)
        if "POSTCOMPILE" in self.sql:
            # An IN list of bound values is rendered per execution, which a statement compiled
            # once cannot do: bind an array and compare with ANY instead.
            raise ValueError("an expanding IN parameter cannot be compiled once; use = ANY(array)")
        self._args: list[tuple[str, Any, Callable[[Any], Any] | None]] = []
        for name in compiled.positiontup or ():
            bind = compiled.binds[name]
            default = _MISSING if bind.required else bind.effective_value
            self._args.append((name, default, bind.type.bind_processor(_DIALECT)))

    def args(self, params: Mapping[str, Any]) -> list[Any]:
        values: list[Any] = []
        for name, default, process in self._args:
            value = params[name] if default is _MISSING else params.get(name, default)
            values.append(value if process is None or value is None else process(value))
        return values

    async def fetchrow(self, db: asyncpg.Connection, params: Mapping[str, Any]) -> asyncpg.Record | None:
        return await db.fetchrow(self.sql, *self.args(params))

    async def fetch(self, db: asyncpg.Connection, params: Mapping[str, Any]) -> list[asyncpg.Record]:
        return list(await db.fetch(self.sql, *self.args(params)))

    async def execute(self, db: asyncpg.Connection, params: Mapping[str, Any]) -> str:
        """Run it; the command's status (e.g. `UPDATE 1`)."""
        return str(await db.execute(self.sql, *self.args(params)))


def unavailable(exc: BaseException) -> bool:
    """Whether an asyncpg failure means the database is out of reach, rather than a bug."""
    # InternalClientError: the protocol is in a state it cannot leave (a FATAL that arrived while
    # the connection sat idle in the pool, e.g. after pg_terminate_backend).
    if isinstance(
        exc, asyncpg.InterfaceError | asyncpg.InternalClientError | asyncpg.PostgresConnectionError | OSError
    ):
        return True
    state = getattr(exc, "sqlstate", None)
    return isinstance(state, str) and state[:2] in _UNAVAILABLE_CLASSES


@asynccontextmanager
async def connection(engine: AsyncEngine) -> AsyncIterator[asyncpg.Connection]:
    """The asyncpg connection under one of the engine's pooled connections, outside a transaction:
    each statement commits on its own — for a read of one statement, which then costs one round
    trip (SQLAlchemy's connection would send BEGIN before it and ROLLBACK after).

    A connection left broken or inside a transaction, or whose user was cancelled (a statement
    may still be on the wire), is invalidated, not handed out again; a failure that means the
    database is out of reach is raised as SQLAlchemy's `OperationalError`
    (the API's 503), every other database error as asyncpg raised it."""
    async with engine.connect() as conn:
        raw = await conn.get_raw_connection()
        db = raw.driver_connection
        assert isinstance(db, asyncpg.Connection)
        broken = False
        try:
            yield db
        except (asyncpg.PostgresError, asyncpg.InterfaceError, asyncpg.InternalClientError, OSError) as exc:
            if unavailable(exc):
                broken = True
                raise sqlalchemy.exc.OperationalError("direct statement", None, exc) from exc
            raise
        except Exception:
            raise  # the caller's own failure, between statements: the connection is as it was
        except BaseException:
            # A cancellation (a closed channel, a timeout, shutdown) may land while a statement is
            # on the wire. asyncpg learns what it did — even whether BEGIN began a transaction —
            # only from the answer it has not read yet: `is_in_transaction()` still says no. Back
            # in the pool, the connection would carry that transaction (an inbox row, an advisory
            # lock) into the next user's, and the next COMMIT would commit it.
            broken = True
            raise
        finally:
            if broken or db.is_closed() or db.is_in_transaction():
                await conn.invalidate()


async def driver_of(conn: AsyncConnection) -> asyncpg.Connection:
    """The asyncpg connection under a SQLAlchemy connection, to run `Direct` statements in the
    transaction SQLAlchemy has open on it (if any)."""
    raw = await conn.get_raw_connection()
    db = raw.driver_connection
    assert isinstance(db, asyncpg.Connection)
    return db


@asynccontextmanager
async def transaction(
    engine: AsyncEngine, *, advisory_lock: int | None = None, settings: tuple[str, ...] = ()
) -> AsyncIterator[asyncpg.Connection]:
    """A transaction on the asyncpg connection under one of the engine's pooled connections (see
    `opened_transaction`). `advisory_lock`: a transaction-scoped advisory lock on an integer key;
    `settings`: constant statements (`SET LOCAL ...`); both go with BEGIN, in one round trip."""
    lock = [] if advisory_lock is None else [f"SELECT pg_advisory_xact_lock({int(advisory_lock)})"]
    async with opened_transaction(engine, (*settings, *lock)) as (db, _):
        yield db


@asynccontextmanager
async def opened_transaction(
    engine: AsyncEngine, opening: tuple[str, ...] = (), *, closing: list[str] | None = None
) -> AsyncIterator[tuple[asyncpg.Connection, str]]:
    """A transaction on the asyncpg connection under one of the engine's pooled connections, and
    the status of the last `opening` statement (or of BEGIN).

    `opening`: statements sent with BEGIN as one simple query, in one round trip — constants
    (`SET LOCAL ...`), an advisory lock on an integer key, an inbox row whose values the caller
    has checked cannot leave their literals; never text taken from input as it came.
    `closing`: a list the body may add such statements to; they go with COMMIT, in one round
    trip, and commit only if every one of them succeeds.

    A connection left broken or still inside a transaction (a failed rollback, a cancellation)
    is invalidated, not handed to the next request. A failure that means the database is out of
    reach is raised as SQLAlchemy's `OperationalError`, which the API answers with 503 like any
    other database outage; every other database error is raised as asyncpg raised it."""
    begin = "; ".join(["BEGIN", *opening])
    async with connection(engine) as db:
        status = str(await db.execute(begin))
        try:
            yield db, status
        except BaseException:
            # A rollback that fails leaves the connection in its transaction or closed: then
            # `connection` invalidates it. The first error stands.
            with contextlib.suppress(Exception):
                if not db.is_closed():
                    await db.execute("ROLLBACK")
            raise
        await db.execute("; ".join([*(closing or ()), "COMMIT"]))

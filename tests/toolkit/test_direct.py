"""shared/direct.py: statements compiled once and run on asyncpg under SQLAlchemy's pool."""

import asyncio
import json

import asyncpg
import pytest
import sqlalchemy as sa
import sqlalchemy.exc
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db import asyncpg_dsn, make_engine
from shared.direct import Direct, opened_transaction, transaction
from shared.messaging.envelope import Envelope
from shared.messaging.tables import OUTBOX_CHANNEL, QUIET_OUTBOX
from tests.support.infra import Infra
from tests.support.toolkit.effects import ThingHappened, new_key


def test_a_statement_keeps_its_literal_values_and_serialises_json() -> None:
    statement = Direct(
        sa.select(sa.literal_column("1")).where(
            sa.bindparam("n", type_=sa.Integer) > 0,
            sa.cast(sa.bindparam("doc", type_=JSONB), JSONB).is_not(None),
            sa.literal("fixed") == sa.bindparam("kind"),
        )
    )
    args = statement.args({"n": 3, "doc": {"a": 1}, "kind": "x"})
    assert args.count("fixed") == 1 and 3 in args and "x" in args
    assert json.loads(next(a for a in args if isinstance(a, str) and a.startswith("{"))) == {"a": 1}
    with pytest.raises(KeyError):
        statement.args({"n": 3, "doc": {}})  # a parameter left out is an error, not a NULL


async def test_a_broken_connection_is_a_503_kind_of_error_and_is_not_handed_out_again(infra: Infra) -> None:
    engine = make_engine(infra.database_url(await infra.create_database("direct_broken")), pool_size=1)
    try:
        async with transaction(engine) as db:
            pid = await db.fetchval("SELECT pg_backend_pid()")
            assert db.is_in_transaction()
        admin = await asyncpg.connect(infra.pg_admin_url)
        try:
            await admin.execute("SELECT pg_terminate_backend($1)", pid)
        finally:
            await admin.close()

        async def select_one() -> None:
            async with transaction(engine) as db:
                await db.fetchval("SELECT 1")

        with pytest.raises(sqlalchemy.exc.OperationalError):
            await select_one()
        async with transaction(engine) as db:  # the pool's one connection is a new one
            assert await db.fetchval("SELECT pg_backend_pid()") != pid
    finally:
        await engine.dispose()


async def test_a_failed_statement_rolls_back_and_the_connection_stays_usable(infra: Infra) -> None:
    engine = make_engine(infra.database_url(await infra.create_database("direct_failed")), pool_size=1)
    try:
        pids: list[int] = []

        async def divide_by_zero() -> None:
            async with transaction(engine) as db:
                pids.append(await db.fetchval("SELECT pg_backend_pid()"))
                await db.fetchval("SELECT 1 / 0")

        with pytest.raises(asyncpg.DivisionByZeroError):
            await divide_by_zero()
        async with transaction(engine) as db:
            assert [await db.fetchval("SELECT pg_backend_pid()")] == pids
            assert db.is_in_transaction()
    finally:
        await engine.dispose()


async def test_a_transaction_cancelled_at_any_point_commits_nothing_and_holds_no_lock(infra: Infra) -> None:
    """A task cancelled while its BEGIN (with the opening statements) is still on the wire: asyncpg
    learns the transaction began only from the answer it has not read yet, so the connection must
    not go back to the pool as if idle — the next user's COMMIT would commit the cancelled
    transaction's opening (an inbox row: a message then counted as handled), and its advisory
    lock would stay held."""
    url = infra.database_url(await infra.create_database("direct_cancelled"))
    engine = make_engine(url, pool_size=1)
    lock = 4242
    try:
        async with transaction(engine) as db:
            await db.execute("CREATE TABLE marks (k INTEGER PRIMARY KEY)")
        for steps in range(1, 30):

            async def never_finishes(k: int = steps) -> None:
                opening = (f"INSERT INTO marks VALUES ({k})", f"SELECT pg_advisory_xact_lock({lock})")
                async with opened_transaction(engine, opening):
                    await asyncio.Event().wait()

            task = asyncio.create_task(never_finishes())
            for _ in range(steps):
                await asyncio.sleep(0)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            async with transaction(engine) as db:  # the pool's one connection, or a new one
                committed = await db.fetchval("SELECT count(*) FROM marks")
            assert committed == 0, f"cancelled after {steps} steps: its opening committed by the next transaction"
        admin = await asyncpg.connect(asyncpg_dsn(url))
        try:
            for _ in range(50):  # a closed connection's backend ends a moment after the close
                if await admin.fetchval("SELECT pg_try_advisory_lock($1)", lock):
                    break
                await asyncio.sleep(0.05)
            else:
                pytest.fail("the cancelled transaction's advisory lock is still held")
        finally:
            await admin.close()
    finally:
        await engine.dispose()


async def test_closing_statements_commit_with_the_transaction_or_not_at_all(infra: Infra) -> None:
    engine = make_engine(infra.database_url(await infra.create_database("direct_closing")), pool_size=1)
    try:
        async with transaction(engine) as db:
            await db.execute("CREATE TABLE marks (n int PRIMARY KEY)")

        async def mark(first: int, closing_statement: str) -> None:
            closing: list[str] = []
            async with opened_transaction(engine, closing=closing) as (db, _):
                await db.execute("INSERT INTO marks VALUES ($1)", first)
                closing.append(closing_statement)

        await mark(1, "INSERT INTO marks VALUES (2)")
        with pytest.raises(asyncpg.UniqueViolationError):
            await mark(3, "INSERT INTO marks VALUES (4); INSERT INTO marks VALUES (4)")  # fails with COMMIT
        async with transaction(engine) as db:
            assert [r[0] for r in await db.fetch("SELECT n FROM marks ORDER BY n")] == [1, 2]
        async with transaction(engine) as db:  # the connection was not left in a failed transaction
            assert await db.fetchval("SELECT count(*) FROM marks") == 2
    finally:
        await engine.dispose()


async def test_a_quiet_outbox_row_raises_no_notify_and_any_other_does(
    messaging_db: tuple[str, AsyncEngine],
) -> None:
    """The booking hot path commits without NOTIFY (its relay is woken in-process): NOTIFY's
    database-wide commit lock made every booking's commit wait for the one before."""
    url, engine = messaging_db
    listener = await asyncpg.connect(asyncpg_dsn(url))
    heard: list[str] = []
    await listener.add_listener(OUTBOX_CHANNEL, lambda *args: heard.append(str(args[2])))
    try:
        for settings in ((QUIET_OUTBOX,), ()):
            envelope = Envelope.wrap(ThingHappened(key=new_key()), correlation_id="quiet-test")
            async with transaction(engine, settings=settings) as db:
                await db.execute(
                    "INSERT INTO outbox (id, exchange, routing_key, message_type, correlation_id, body)"
                    " VALUES ($1, 'x', 'y', 'z', 'c', $2)",
                    envelope.id,
                    envelope.to_json(),
                )
            # A round trip on the listening connection delivers whatever NOTIFY was sent.
            await listener.execute("SELECT 1")
            await asyncio.sleep(0.2)
            await listener.execute("SELECT 1")
            heard_after = len(heard)
            assert heard_after == (0 if settings else 1), (settings, heard)
    finally:
        await listener.close()

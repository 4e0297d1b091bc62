"""shared/direct.py: statements compiled once and run on asyncpg under SQLAlchemy's pool."""

import json

import asyncpg
import pytest
import sqlalchemy as sa
import sqlalchemy.exc
from sqlalchemy.dialects.postgresql import JSONB

from shared.db import make_engine
from shared.direct import Direct, transaction
from tests.support.infra import Infra


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

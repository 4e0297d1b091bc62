"""A toy service for exercising the toolkit: contracts, an effects table, and counting."""

import uuid

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.messaging.consumer import Handler, HandlerContext
from shared.messaging.envelope import Contract
from shared.messaging.tables import OUTBOX_NOTIFY_DDL, messaging_metadata

effects_metadata = sa.MetaData()
effects = sa.Table(
    "effects",
    effects_metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("consumer", sa.Text, nullable=False),
)


class ThingHappened(Contract):
    message_type = "test.thing.happened"
    key: str


class ThingFailed(Contract):
    message_type = "test.thing.failed"
    key: str
    mode: str  # "permanent", "crash", or "transient:N" (fails the first N attempts)


async def create_schema(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.run_sync(messaging_metadata.create_all)
        await conn.run_sync(effects_metadata.create_all)
        for statement in OUTBOX_NOTIFY_DDL:
            await conn.execute(sa.text(statement))


def effect_recorder(consumer: str) -> Handler:
    """A handler that records one effect row per message, labelled with `consumer`."""

    async def record(ctx: HandlerContext) -> None:
        assert isinstance(ctx.message, ThingHappened | ThingFailed)
        await ctx.session.execute(effects.insert().values(key=ctx.message.key, consumer=consumer))

    return record


record_effect = effect_recorder("main")


async def count_effects(engine: AsyncEngine, consumer: str = "main") -> tuple[int, int, int]:
    """(rows, distinct keys, keys with more than one row) for one consumer's effects."""
    mine = effects.c.consumer == consumer
    async with engine.connect() as conn:
        rows = (await conn.execute(sa.select(sa.func.count()).where(mine))).scalar_one()
        distinct = (await conn.execute(sa.select(sa.func.count(sa.distinct(effects.c.key))).where(mine))).scalar_one()
        doubled = (
            await conn.execute(
                sa.select(sa.func.count()).select_from(
                    sa.select(effects.c.key).where(mine).group_by(effects.c.key).having(sa.func.count() > 1).subquery()
                )
            )
        ).scalar_one()
    return int(rows), int(distinct), int(doubled)


def new_key() -> str:
    return uuid.uuid4().hex

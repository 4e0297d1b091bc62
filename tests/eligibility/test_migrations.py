"""The eligibility migrations build exactly the schema the code expects (no drift)."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from services.eligibility.adapters.tables import metadata
from shared.messaging.tables import messaging_metadata
from tests.support.eligibility import Env


async def test_migrated_schema_matches_the_models(env: Env) -> None:
    engine = create_async_engine(env.eligibility.database_url)
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(lambda sync: compare_metadata(MigrationContext.configure(sync), metadata))
    finally:
        await engine.dispose()
    others = {"alembic_version_eligibility", *messaging_metadata.tables}
    unexplained = [
        d
        for d in diff
        if not (d[0] == "remove_table" and d[1].name in others)
        and not (d[0] == "remove_index" and d[1].table.name in others)
    ]
    assert unexplained == []

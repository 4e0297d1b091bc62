"""The migrations build exactly the schema the code expects (no drift between the two)."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from services.booking.adapters.tables import metadata
from shared.messaging.tables import messaging_metadata
from tests.booking.conftest import BookingEnv


async def test_migrated_schema_matches_the_models(booking_env: BookingEnv) -> None:
    engine = create_async_engine(booking_env.settings.database_url)
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), [metadata, messaging_metadata])
            )
    finally:
        await engine.dispose()
    # The migration helper's own version table is the only thing the models do not describe.
    assert [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("alembic_version"))] == []

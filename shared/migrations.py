"""Per-service Alembic migrations: each service has its own database and version table.

`python -m shared.migrations booking vas_sync ...` creates each service's database when
missing and upgrades it to head; `make run` and the test harness both call this.
"""

import asyncio
import os
import sys
from pathlib import Path

import asyncpg
import sqlalchemy as sa
from alembic import command, context
from alembic.config import Config
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from shared.db import asyncpg_dsn
from shared.settings import development_database_url

ROOT = Path(__file__).resolve().parent.parent


def version_table(service: str) -> str:
    return f"alembic_version_{service}"


async def ensure_database(database_url: str) -> None:
    """CREATE DATABASE if it does not exist (connecting to the server's `postgres` database)."""
    url = make_url(database_url)
    name = url.database
    if not name:
        raise ValueError("database URL has no database name")
    admin = asyncpg_dsn(url.set(database="postgres").render_as_string(hide_password=False))
    conn = await asyncpg.connect(admin, timeout=10)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def alembic_config(service: str, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(ROOT / "services" / service / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["version_table"] = version_table(service)
    return config


def upgrade(service: str, database_url: str) -> None:
    asyncio.run(ensure_database(database_url))
    command.upgrade(alembic_config(service, database_url), "head")


def run_env(target_metadata: sa.MetaData | None) -> None:
    """The body of every service's migrations/env.py (online, async, own version table)."""
    config = context.config
    url = config.get_main_option("sqlalchemy.url")
    table = config.attributes.get("version_table", "alembic_version")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, version_table=table, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return

    def migrate(connection: sa.Connection) -> None:
        context.configure(connection=connection, target_metadata=target_metadata, version_table=table)
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        assert url is not None
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            await connection.run_sync(migrate)
            await connection.commit()
        await engine.dispose()

    connection = config.attributes.get("connection")
    if connection is not None:
        migrate(connection)
    else:
        asyncio.run(run())


def database_url_for(service: str) -> str:
    """``{SERVICE}_DATABASE_URL`` from the environment, else the local default for that service."""
    return os.environ.get(f"{service.upper()}_DATABASE_URL", development_database_url(service))


def main(argv: list[str]) -> None:
    for service in argv:
        upgrade(service, database_url_for(service))
        print(f"migrated {service}")


if __name__ == "__main__":
    main(sys.argv[1:])

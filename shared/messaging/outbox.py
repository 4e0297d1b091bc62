"""Writing to the transactional outbox: in the same transaction as the state change."""

from typing import Any

import sqlalchemy as sa

from shared.db import Executor
from shared.direct import Direct
from shared.messaging.envelope import Envelope
from shared.messaging.tables import outbox
from shared.messaging.topology import events_exchange_name

_INSERT = outbox.insert()  # built once: statement construction per call is the costly part
# What `outbox_row` fills in (the rest are defaults).
ROW_COLUMNS = ("id", "exchange", "routing_key", "message_type", "correlation_id", "body", "headers")
# The insert for a transaction on the driver connection (shared/direct.py).
DRIVER_INSERT = Direct(
    outbox.insert().values({name: sa.bindparam(name, type_=outbox.c[name].type) for name in ROW_COLUMNS})
)


async def add_to_outbox(
    session: Executor,
    envelope: Envelope,
    *,
    namespace: str,
    routing_key: str | None = None,
    exchange: str | None = None,
    headers: dict[str, Any] | None = None,
) -> None:
    """Stage `envelope` for publishing; it goes out only if the surrounding transaction commits."""
    await session.execute(
        _INSERT, outbox_row(envelope, namespace=namespace, routing_key=routing_key, exchange=exchange, headers=headers)
    )


def outbox_row(
    envelope: Envelope,
    *,
    namespace: str,
    routing_key: str | None = None,
    exchange: str | None = None,
    headers: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The outbox row that publishes `envelope` (for a statement that writes it with others)."""
    return {
        "id": envelope.id,
        "exchange": events_exchange_name(namespace) if exchange is None else exchange,
        "routing_key": routing_key or envelope.type,
        "message_type": envelope.type,
        "correlation_id": envelope.correlation_id,
        "body": envelope.to_json(),
        "headers": headers or {},
    }


async def add_many_to_outbox(session: Executor, envelopes: list[Envelope], *, namespace: str) -> None:
    """Stage several envelopes in one round trip (executemany), in the given order."""
    if not envelopes:
        return
    exchange = events_exchange_name(namespace)
    await session.execute(
        _INSERT,
        [
            {
                "id": envelope.id,
                "exchange": exchange,
                "routing_key": envelope.type,
                "message_type": envelope.type,
                "correlation_id": envelope.correlation_id,
                "body": envelope.to_json(),
                "headers": {},
            }
            for envelope in envelopes
        ],
    )

"""Staging appointment events in the outbox (same transaction as the change)."""

from shared.db import Executor
from shared.logging import structlog_correlation_id
from shared.messaging.envelope import Contract, Envelope
from shared.messaging.outbox import add_to_outbox


async def emit(session: Executor, event: Contract, *, namespace: str, causation: Envelope | None = None) -> None:
    envelope = Envelope.wrap(
        event, correlation_id=None if causation else structlog_correlation_id(), causation=causation
    )
    await add_to_outbox(session, envelope, namespace=namespace)

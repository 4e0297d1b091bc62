"""Staging appointment events in the outbox (same transaction as the change)."""

from shared.db import Executor
from shared.logging import structlog_correlation_id
from shared.messaging.envelope import Contract, Envelope
from shared.messaging.outbox import add_to_outbox


def wrap(event: Contract, *, causation: Envelope | None = None) -> Envelope:
    """The event's envelope: caused by a message, or correlated with the request being served."""
    return Envelope.wrap(event, correlation_id=None if causation else structlog_correlation_id(), causation=causation)


async def emit(session: Executor, event: Contract, *, namespace: str, causation: Envelope | None = None) -> None:
    await add_to_outbox(session, wrap(event, causation=causation), namespace=namespace)

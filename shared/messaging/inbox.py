"""The idempotent-consumer inbox: one row per (consumer, message id), written with the effect."""

import uuid

from sqlalchemy.dialects.postgresql import insert

from shared.db import Executor
from shared.messaging.tables import inbox


async def first_delivery(session: Executor, *, consumer: str, message_id: uuid.UUID, message_type: str) -> bool:
    """Record the message in this transaction; False when it was already handled.

    A concurrent duplicate blocks on the primary key until the first transaction ends,
    then sees the conflict: two deliveries never both get True.
    """
    result = await session.execute(
        insert(inbox)
        .values(consumer=consumer, message_id=message_id, message_type=message_type)
        .on_conflict_do_nothing()
        .returning(inbox.c.message_id)
    )
    return result.first() is not None

"""The idempotent-consumer inbox: one row per (consumer, message id), written with the effect."""

import re
import uuid
from collections.abc import Sequence

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


# What may stand between the quotes of `opening_record`: consumer names and message types are
# code constants of this shape, and a UUID's text is hex and dashes.
_SAFE = re.compile(r"[A-Za-z0-9_.:-]{1,200}")
FIRST = "INSERT 0 1"


def opening_record(*, consumer: str, message_id: uuid.UUID, message_type: str) -> str:
    """The inbox row as a statement with its values inline, to go with BEGIN in one simple query
    (`shared.direct.opened_transaction`); its status is FIRST when the message is new.

    Inline, not bound: the simple-query protocol has no parameters. Each value is checked to be
    of a shape that cannot leave its literal (a message type from the handler table, not the
    envelope's text as it came), so the statement is never anything but this insert."""
    return opening_records(consumer, [(message_id, message_type)])[0]


def opening_records(consumer: str, messages: Sequence[tuple[uuid.UUID, str]]) -> tuple[str, str]:
    """Several messages' inbox rows as one such statement (see `opening_record`), and the status
    it has when every one of them is new (`INSERT 0 n`). Any other status means at least one was
    handled before — or is twice in `messages` — and the caller cannot tell which."""
    if not messages:
        raise ValueError("no messages to record")
    rows = []
    for message_id, message_type in messages:
        values = (consumer, str(message_id), message_type)
        if not all(_SAFE.fullmatch(value) for value in values):
            raise ValueError(f"not a consumer name or message type: {consumer!r}, {message_type!r}")
        rows.append("(" + ", ".join(f"'{value}'" for value in values) + ")")
    statement = (
        f"INSERT INTO {inbox.name} (consumer, message_id, message_type) VALUES {', '.join(rows)} ON CONFLICT DO NOTHING"
    )
    return statement, f"INSERT 0 {len(rows)}"

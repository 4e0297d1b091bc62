"""Which service sent a delivery, and whether it may send that type.

The sender is the AMQP `user_id`, which RabbitMQ validates against the publishing connection's
login. A message this service moved to its own retry or parking queue, or that operations
replayed from parking, carries the sender verified on first receipt in a header instead.
"""

from collections.abc import Mapping
from typing import Any

from aio_pika.abc import AbstractIncomingMessage

from shared.messaging.identities import OPERATIONS, SENDER_HEADER, broker_user

UNTRUSTED_SENDER = "UNTRUSTED_SENDER"


class SenderCheck:
    def __init__(self, *, me: str, owners: Mapping[str, str]) -> None:
        """`me` is this service's broker login; `owners` maps message type to owning service."""
        self._relayers = {me, broker_user(OPERATIONS)}
        self._owner_login = {message_type: broker_user(owner) for message_type, owner in owners.items()}

    def sender(self, message: AbstractIncomingMessage) -> str | None:
        """The verified login of the service that sent `message` (None: unknown)."""
        user = message.user_id
        if user in self._relayers:
            relayed: Any = (message.headers or {}).get(SENDER_HEADER)
            return relayed if isinstance(relayed, str) else None
        return user

    def trusted(self, message_type: str, sender: str | None) -> bool:
        expected = self._owner_login.get(message_type)
        return expected is not None and sender == expected

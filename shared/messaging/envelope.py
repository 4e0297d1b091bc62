"""The message envelope every Tidbok message travels in, and the contract base class.

The AMQP body is the whole envelope as JSON, so a parked message can be read and replayed
as it was; the AMQP properties mirror id, type and correlation id for tooling.
"""

import os
import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class Contract(BaseModel):
    """Base of every message payload. Subclasses set `message_type` (and `schema_version` when it changes).

    Commands are named in the imperative (``MakeAppointment``), events in the past tense
    (``AppointmentBooked``). The routing key of a message is its `message_type`.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    message_type: ClassVar[str]
    schema_version: ClassVar[int] = 1


def new_traceparent(trace_id: str | None = None) -> str:
    """A W3C traceparent with a new span id (and a new trace id unless one is given)."""
    return f"00-{trace_id or os.urandom(16).hex()}-{os.urandom(8).hex()}-01"


class Envelope(BaseModel):
    """Transport fields shared by every message."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    type: str = Field(min_length=1, max_length=200)
    version: int = Field(ge=1)
    occurred_at: AwareDatetime = Field(default_factory=lambda: datetime.now(UTC))
    correlation_id: str = Field(min_length=1, max_length=200)
    causation_id: str | None = Field(default=None, max_length=200)
    traceparent: str = Field(pattern=r"^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")
    payload: dict[str, Any]

    @classmethod
    def wrap(
        cls,
        message: Contract,
        *,
        correlation_id: str | None = None,
        causation: "Envelope | None" = None,
        message_id: uuid.UUID | None = None,
    ) -> Self:
        """Put a contract in a new envelope; a caused message inherits correlation and trace."""
        trace_id = causation.traceparent.split("-")[1] if causation else None
        return cls(
            id=message_id or uuid.uuid4(),
            type=message.message_type,
            version=message.schema_version,
            correlation_id=correlation_id or (causation.correlation_id if causation else str(uuid.uuid4())),
            causation_id=str(causation.id) if causation else None,
            traceparent=new_traceparent(trace_id),
            payload=message.model_dump(mode="json"),
        )

    def to_json(self) -> bytes:
        return self.model_dump_json().encode()

    @classmethod
    def from_json(cls, body: bytes) -> Self:
        return cls.model_validate_json(body)


class ContractRegistry:
    """Maps (type, version) to the pydantic model that validates its payload."""

    def __init__(self, *contracts: type[Contract]) -> None:
        self._by_key: dict[tuple[str, int], type[Contract]] = {}
        for contract in contracts:
            self.register(contract)

    def register(self, contract: type[Contract]) -> None:
        self._by_key[(contract.message_type, contract.schema_version)] = contract

    def get(self, message_type: str, version: int) -> type[Contract] | None:
        return self._by_key.get((message_type, version))

    def types(self) -> list[str]:
        return sorted({key[0] for key in self._by_key})

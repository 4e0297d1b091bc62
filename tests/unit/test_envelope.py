"""The envelope: ids, correlation and trace context carried from cause to effect; bad input refused."""

import pytest
from pydantic import ValidationError

from shared.messaging.envelope import ContractRegistry, Envelope
from tests.support.toolkit.effects import ThingFailed, ThingHappened


def test_caused_message_inherits_correlation_and_trace() -> None:
    cause = Envelope.wrap(ThingHappened(key="a"), correlation_id="req-1")
    effect = Envelope.wrap(ThingHappened(key="b"), causation=cause)
    assert effect.correlation_id == "req-1"
    assert effect.causation_id == str(cause.id)
    assert effect.traceparent.split("-")[1] == cause.traceparent.split("-")[1]
    assert effect.traceparent.split("-")[2] != cause.traceparent.split("-")[2]
    assert effect.id != cause.id


def test_round_trip_and_registry() -> None:
    envelope = Envelope.wrap(ThingFailed(key="k", mode="permanent"))
    again = Envelope.from_json(envelope.to_json())
    assert again == envelope
    registry = ContractRegistry(ThingHappened, ThingFailed)
    contract = registry.get(again.type, again.version)
    assert contract is ThingFailed
    assert contract.model_validate(again.payload) == ThingFailed(key="k", mode="permanent")
    assert registry.get(again.type, 2) is None


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b'{"type": "x", "version": 1}',
        b'{"id": "00000000-0000-0000-0000-000000000001", "type": "x", "version": 1,'
        b' "occurred_at": "2026-01-01T00:00:00", "correlation_id": "c", "traceparent": "00-aa-bb-01", "payload": {}}',
    ],
)
def test_invalid_envelopes_are_refused(body: bytes) -> None:
    with pytest.raises(ValidationError):
        Envelope.from_json(body)

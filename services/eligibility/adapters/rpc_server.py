"""Serving booking's decision requests on `{ns}.eligibility.decisions` (shared.messaging.rpc):
only booking asks; a request that is not a valid question is answered "not eligible"."""

from collections.abc import Awaitable, Callable

from pydantic import ValidationError

from shared.contracts.eligibility import DecideEligibility, EligibilityDecided, decision_queue
from shared.contracts.owners import OWNER_OF_TYPE
from shared.messaging.envelope import Envelope
from shared.messaging.identities import broker_user
from shared.messaging.rpc import RpcServer

Answer = Callable[[DecideEligibility], Awaitable[EligibilityDecided]]


class DecisionServer(RpcServer):
    def __init__(
        self, *, amqp_url: str, namespace: str, answer: Answer, prefetch: int = 32, heartbeat_s: int = 10
    ) -> None:
        async def answer_request(envelope: Envelope) -> EligibilityDecided:
            try:
                question = DecideEligibility.model_validate(envelope.payload)
            except ValidationError:
                return EligibilityDecided(eligible=False, reason="INVALID_REQUEST")
            return await answer(question)

        super().__init__(
            amqp_url,
            queue=decision_queue(namespace),
            asker=broker_user(OWNER_OF_TYPE[DecideEligibility.message_type]),
            answer=answer_request,
            name="eligibility-decisions",
            prefetch=prefetch,
            heartbeat_s=heartbeat_s,
        )

"""Asking the eligibility service over RabbitMQ (shared.messaging.rpc): whatever goes wrong — no
server, broker down, no answer in time, an answer from anyone but eligibility — the booking fails
closed (503 ELIGIBILITY_UNAVAILABLE, nothing booked)."""

from services.booking.domain.eligibility import Decision, EligibilityQuestion
from services.booking.domain.errors import BookingCode, BookingError
from shared.contracts.common import Channel
from shared.contracts.eligibility import DecideEligibility, EligibilityDecided, decision_queue
from shared.contracts.owners import OWNER_OF_TYPE
from shared.messaging.identities import broker_user
from shared.messaging.rpc import RpcClient, RpcUnavailable


def unavailable() -> BookingError:
    return BookingError(BookingCode.ELIGIBILITY_UNAVAILABLE, headers={"Retry-After": "5"})


class RpcEligibility:
    def __init__(self, *, amqp_url: str, namespace: str, timeout_s: float, heartbeat_s: int = 10) -> None:
        self._client = RpcClient(
            amqp_url,
            queue=decision_queue(namespace),
            answerer=broker_user(OWNER_OF_TYPE[EligibilityDecided.message_type]),
            timeout_s=timeout_s,
            name="booking-eligibility",
            heartbeat_s=heartbeat_s,
        )

    async def decide(self, question: EligibilityQuestion) -> Decision:
        request = DecideEligibility(
            subject=question.subject,
            time_type_code=question.time_type_code,
            clinic_hsa_id=question.clinic_hsa_id,
            start=question.start,
            channel=Channel(question.channel),
            actor_id=question.actor_id,
            invitation_code=question.invitation_code,
            staff_attested=question.staff_attested,
            self_declared_group=question.self_declared_group,
            appointment_id=question.appointment_id,
            purpose=question.purpose,
        )
        try:
            reply = await self._client.ask(request, EligibilityDecided)
        except RpcUnavailable:
            raise unavailable() from None
        return Decision(
            eligible=reply.eligible,
            reason=reply.reason,
            rule_version=reply.rule_version,
            self_declared=reply.self_declared,
            evidence=dict(reply.evidence),
        )

    async def close(self) -> None:
        await self._client.close()

"""Booking's eligibility client fails closed when the broker cannot be reached at all."""

from datetime import UTC, datetime

import pytest

from services.booking.adapters.eligibility_rpc import RpcEligibility
from services.booking.domain.eligibility import EligibilityQuestion
from services.booking.domain.errors import BookingError
from tests.support.people import personnummer
from tests.support.servers import free_port


async def test_no_broker_means_eligibility_unavailable() -> None:
    client = RpcEligibility(amqp_url=f"amqp://guest:guest@127.0.0.1:{free_port()}/", namespace="nobroker", timeout_s=2)
    question = EligibilityQuestion(
        subject=personnummer(),
        time_type_code="covid19-dose1",
        clinic_hsa_id="SE2321000115-O10001",
        start=datetime.now(UTC),
        channel="web",
        actor_id=None,
        invitation_code=None,
        staff_attested=False,
    )
    with pytest.raises(BookingError) as refused:
        await client.decide(question)
    assert refused.value.code == "ELIGIBILITY_UNAVAILABLE"
    assert refused.value.status == 503 and refused.value.headers["Retry-After"]
    await client.close()

"""The decision an appointment was booked on, whatever was decided for it since."""

import uuid

import sqlalchemy as sa

from services.eligibility.adapters.bookings_repo import decision_for
from services.eligibility.adapters.tables import decisions
from shared.db import make_engine
from tests.support.eligibility import Env


async def test_a_move_decided_before_the_booking_is_handled_does_not_replace_the_booking_decision(env: Env) -> None:
    """A self-declared booking moved at once: its booking event, handled after the move's decision,
    must still redeem the invitation and put it on the call-back list."""
    engine = make_engine(env.eligibility.database_url, pool_size=1)
    appointment = uuid.uuid4()
    common = {"subject": "191212121212", "time_type_code": "vaccination", "appointment_id": appointment}
    common |= {"channel": "web", "eligible": True, "rule_version": "c:1", "evidence": {}}
    try:
        async with engine.begin() as conn:
            await conn.execute(
                sa.insert(decisions).values(
                    **common, purpose="book", reason="SELF_DECLARED", self_declared=True, needs_review=True,
                    invitation_code="K7QM",
                )
            )  # fmt: skip
            await conn.execute(
                sa.insert(decisions).values(
                    **common, purpose="reschedule", reason="RESCHEDULED", self_declared=False, needs_review=False
                )
            )
        async with engine.connect() as conn:
            found = await decision_for(conn, appointment)
        assert found is not None and (found.purpose, found.invitation_code, found.needs_review) == (
            "book",
            "K7QM",
            True,
        )
    finally:
        await engine.dispose()

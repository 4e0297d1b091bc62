"""A restricted time a search has just listed: eligibility is asked before the database, so a yes
books in one transaction and a no is answered from one read — and the answers stay what they
would be without the hint (domain/slot_hints.py)."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from services.booking.adapters.tables import audit_log, slots
from services.booking.domain.eligibility import Decision, EligibilityQuestion
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.usecases import place
from tests.support.booking import Api, EligibilityApi
from tests.support.booking.helpers import (
    COVID1_CONDITIONS,
    NOTHING,
    booked,
    count_transactions,
    listed,
    post_booking,
    problem,
    slot_status,
    written_for,
)

NO = Decision(eligible=False, reason="AGE_BELOW_80", rule_version="halland-2021-1")


async def listed_dose(api: Api) -> str:
    (slot,) = await api.new_slots(1, time_type="covid19-dose1", length_min=10)
    assert await listed(api, slot)
    return slot


async def test_a_listed_restricted_time_is_booked_in_one_transaction(
    eligibility_api: EligibilityApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the hint: a transaction to find the time restricted, the question, a second one to book."""
    api, eligibility = eligibility_api.api, eligibility_api.eligibility
    slot = await listed_dose(api)
    pnr, me = await api.resident()
    opened = count_transactions(monkeypatch)
    made = await booked(api, me, slot, conditions=COVID1_CONDITIONS)
    assert len(opened) == 1
    assert [(q.subject, q.time_type_code, q.channel) for q in eligibility.questions] == [(pnr, "covid19-dose1", "web")]
    assert await slot_status(api, slot) == "busy"
    async with api.engine.connect() as conn:
        details = await conn.scalar(
            sa.select(audit_log.c.details).where(audit_log.c.subject == pnr, audit_log.c.action == "book")
        )
    assert details["eligibility"]["reason"] == "TEST_ELIGIBLE"
    assert made["slot_id"] == slot


async def test_a_listed_restricted_time_refused_opens_no_transaction(
    eligibility_api: EligibilityApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    api, eligibility = eligibility_api.api, eligibility_api.eligibility
    eligibility.decision = NO
    slot = await listed_dose(api)
    pnr, me = await api.resident()
    opened = count_transactions(monkeypatch)
    looked: list[object] = []

    async def replay(*args: Any) -> None:
        looked.append(args)

    monkeypatch.setattr(place, "_replay", replay)
    body = problem(await post_booking(api, me, slot, conditions=COVID1_CONDITIONS), 403, "NOT_ELIGIBLE")
    assert (body["reason"], body["rule_version"]) == ("AGE_BELOW_80", "halland-2021-1")
    assert opened == [] and looked == []
    assert len(eligibility.questions) == 1
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, slot) == "free"


async def test_an_earlier_rule_still_answers_before_a_no(eligibility_api: EligibilityApi) -> None:
    """The rules answer in their order whichever way the question went: a time someone else has
    taken is 409 and missing conditions 422, as for a resident eligibility would accept."""
    api, eligibility = eligibility_api.api, eligibility_api.eligibility
    slot = await listed_dose(api)
    _, other = await api.resident()
    eligibility.decision = NO
    pnr, me = await api.resident()
    problem(await post_booking(api, me, slot, conditions=[]), 422, "CONDITIONS_NOT_CONFIRMED")
    eligibility.decision = Decision(eligible=True, reason="TEST_ELIGIBLE", rule_version="test-1")
    await booked(api, other, slot, conditions=COVID1_CONDITIONS)
    eligibility.decision = NO
    problem(await post_booking(api, me, slot, conditions=COVID1_CONDITIONS), 409, "REQUESTED_TIME_IS_ALREADY_RESERVED")
    assert await written_for(api, pnr) == NOTHING


async def test_a_replay_is_answered_whatever_eligibility_says_now(eligibility_api: EligibilityApi) -> None:
    api, eligibility = eligibility_api.api, eligibility_api.eligibility
    slot = await listed_dose(api)
    _, me = await api.resident()
    key = str(uuid.uuid4())
    first = await booked(api, me, slot, conditions=COVID1_CONDITIONS, key=key)
    eligibility.decision = NO
    again = await post_booking(api, me, slot, conditions=COVID1_CONDITIONS, key=key)
    assert (again.status_code, again.json()) == (201, first)
    other = await post_booking(api, me, slot, conditions=COVID1_CONDITIONS[:1], key=key)
    problem(other, 422, "IDEMPOTENCY_KEY_REUSED")


@pytest.mark.parametrize("eligible", [True, False])
async def test_a_time_moved_since_it_was_listed_is_asked_about_again(
    eligibility_api: EligibilityApi, eligible: bool
) -> None:
    """A decision holds for the time it was asked about: the hint's start is not the slot's now."""
    api, eligibility = eligibility_api.api, eligibility_api.eligibility
    eligibility.decision = Decision(eligible=True, reason="TEST_ELIGIBLE") if eligible else NO
    slot = await listed_dose(api)
    async with api.engine.begin() as conn:
        await conn.execute(
            sa.update(slots)
            .where(slots.c.id == slot)
            .values(start_at=slots.c.start_at + timedelta(hours=1), end_at=slots.c.end_at + timedelta(hours=1))
        )
        now_starts = await conn.scalar(sa.select(slots.c.start_at).where(slots.c.id == slot))
    _, me = await api.resident()
    answer = await post_booking(api, me, slot, conditions=COVID1_CONDITIONS)
    asked = [q.start for q in eligibility.questions]
    assert len(asked) == 2 and asked[0] != now_starts and asked[1] == now_starts
    if eligible:
        assert answer.status_code == 201, answer.text
    else:
        problem(answer, 403, "NOT_ELIGIBLE")
        assert await slot_status(api, slot) == "free"


async def test_no_answer_from_eligibility_is_asked_once_and_refused_closed(
    eligibility_api: EligibilityApi,
) -> None:
    api, eligibility = eligibility_api.api, eligibility_api.eligibility
    slot = await listed_dose(api)
    pnr, me = await api.resident()
    asked: list[EligibilityQuestion] = []

    async def silent(question: EligibilityQuestion) -> Decision:
        asked.append(question)
        raise BookingError(BookingCode.ELIGIBILITY_UNAVAILABLE, headers={"Retry-After": "5"})

    eligibility.decide = silent  # type: ignore[method-assign]
    problem(await post_booking(api, me, slot, conditions=COVID1_CONDITIONS), 503, "ELIGIBILITY_UNAVAILABLE")
    assert len(asked) == 1
    # An earlier rule's refusal still comes first.
    problem(await post_booking(api, me, slot, conditions=[]), 422, "CONDITIONS_NOT_CONFIRMED")
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, slot) == "free"

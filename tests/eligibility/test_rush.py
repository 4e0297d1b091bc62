"""The rush, reduced: scarce covid-19 times, ~20% of residents eligible, all at once, some
double-submitting and retrying; booking and eligibility on real ports, real broker and databases."""

import asyncio
import random
import uuid
from typing import Any

from bench.rush import drop, prepare
from bench.rush_sim import Plan, mint_tokens, passed, population, simulate, verify
from services.booking.main import create_app as create_booking
from services.booking.settings import BookingSettings
from services.eligibility.main import create_app as create_eligibility
from services.eligibility.settings import EligibilitySettings
from tests.support.infra import Infra
from tests.support.servers import free_port, serve_in_thread

PLAN = Plan(clinics=8, times=60, residents=400, clients=32)


def test_rush_books_only_the_eligible_never_twice_and_answers_everyone(infra: Infra, idp_url: str) -> None:
    rng = random.Random(5)
    people = population(PLAN, rng)
    dbs, clinics = asyncio.run(prepare(infra.pg_admin_url, PLAN, people))
    common: dict[str, Any] = {
        "environment": "test",
        "namespace": f"tr{uuid.uuid4().hex[:8]}",
        "jwks_url": f"{idp_url}/.well-known/jwks.json",
        "token_issuer": idp_url,
        "log_level": "WARNING",
    }
    eligibility = create_eligibility(
        EligibilitySettings(database_url=dbs.url(1), amqp_url=infra.amqp_url_for("eligibility"), **common)
    )
    booking = create_booking(
        BookingSettings(
            database_url=dbs.url(0), amqp_url=infra.amqp_url_for("booking"), eligibility_mode="rpc", **common
        )
    )
    try:
        with serve_in_thread(eligibility, free_port()), serve_in_thread(booking, free_port()) as booking_url:

            async def rush() -> dict[str, Any]:
                tokens = await mint_tokens(idp_url, people)
                outcome = await simulate(booking_url, tokens, people, clinics, PLAN, rng)
                return await verify(dbs.dsn(0), people, outcome, PLAN)

            summary = asyncio.run(rush())
    finally:
        asyncio.run(drop(dbs))
    assert summary["eligible"] > PLAN.times  # the times do run out
    assert summary["booked"] == PLAN.times
    assert summary["ineligible_bookings"] == 0
    assert summary["double_bookings"] == 0
    assert summary["eligible_turned_away_while_times_left"] == 0
    assert summary["status_5xx"] == 0
    assert summary["replay_mismatches"] == 0
    assert passed(summary)

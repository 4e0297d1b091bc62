"""Fault injection: down, error rate, latency, throttle with Retry-After, apply-then-timeout."""

import time
import uuid

import httpx
import pytest

from services.vas_simulator.main import create_app
from services.vas_simulator.settings import VasSettings
from tests.support.people import personnummer
from tests.support.servers import free_port, serve_in_thread
from tests.support.vas_simulator import Vas


async def test_down_answers_503_on_api_and_changes_but_not_admin(vas: Vas) -> None:
    [slot] = await vas.new_slots()
    assert (await vas.http.post("/admin/faults", json={"mode": "down"})).json()["mode"] == "down"
    for response in (
        await vas.http.get("/api/timeslots"),
        await vas.book(slot, personnummer()),
        await vas.http.get("/changes"),
    ):
        assert response.status_code == 503 and response.json()["result_code"] == "SERVICE_UNAVAILABLE"
    assert (await vas.http.get("/admin/faults")).json()["mode"] == "down"
    assert (await vas.http.get("/livez")).status_code == 200
    assert (await vas.http.delete("/admin/faults")).json()["mode"] == "none"
    assert (await vas.book(slot, personnummer())).status_code == 201


async def test_error_rate_fails_before_applying(vas: Vas) -> None:
    [slot] = await vas.new_slots()
    await vas.http.post("/admin/faults", json={"mode": "error", "rate": 1.0})
    ref = uuid.uuid4().hex
    failed = await vas.book(slot, personnummer(), reference=ref)
    assert failed.status_code == 500
    await vas.http.post("/admin/faults", json={"mode": "error", "rate": 0.5})
    statuses = {(await vas.http.get("/api/timeslots", params={"clinic": vas.clinic})).status_code for _ in range(40)}
    assert statuses == {200, 500}
    await vas.http.delete("/admin/faults")
    assert (await vas.http.get("/api/appointments", params={"reference": ref})).json()["items"] == []


async def test_latency(vas: Vas) -> None:
    await vas.http.post("/admin/faults", json={"mode": "latency", "latency_ms": 300})
    started = time.monotonic()
    assert (await vas.http.get("/api/timeslots", params={"clinic": vas.clinic})).status_code == 200
    assert time.monotonic() - started >= 0.3


async def test_throttle_answers_429_with_retry_after(vas: Vas) -> None:
    await vas.http.post("/admin/faults", json={"mode": "throttle", "retry_after_s": 5})
    answer = await vas.http.get("/api/timeslots")
    assert answer.status_code == 429 and answer.headers["Retry-After"] == "5"
    assert answer.json()["result_code"] == "TOO_MANY_REQUESTS"


async def test_invalid_fault_is_refused(vas: Vas) -> None:
    answer = await vas.http.post("/admin/faults", json={"mode": "meltdown"})
    assert answer.status_code == 422 and answer.json()["result_code"] == "INVALID_REQUEST"


@pytest.mark.timeout(30)
async def test_apply_then_timeout_applies_but_never_answers_in_time(vas: Vas, vas_settings: VasSettings) -> None:
    """Over a real socket: the client gives up after 0.5 s, yet the booking exists in VAS."""
    [slot] = await vas.new_slots()
    ref = uuid.uuid4().hex
    port = free_port()
    with serve_in_thread(create_app(vas_settings), port) as url:
        # Only the faulty call gets the short deadline: the others (the first opens the simulator's
        # database connections) may take longer on a busy machine.
        async with httpx.AsyncClient(base_url=url, timeout=10) as client:
            await client.post("/admin/faults", json={"mode": "apply_then_timeout", "rate": 1.0})
            with pytest.raises(httpx.ReadTimeout):
                await client.post(
                    "/api/appointments",
                    json={"timeslot_id": slot, "subject": personnummer(), "reference": ref},
                    timeout=0.5,
                )
            await client.delete("/admin/faults")
            found = (await client.get("/api/appointments", params={"reference": ref})).json()["items"]
    assert len(found) == 1 and found[0]["status"] == "booked"

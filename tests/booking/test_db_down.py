"""PostgreSQL down: the booking API answers 503 with Retry-After — never a 500, never a 201 for
something it did not store — and the same request works once the database is back."""

import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy.engine import make_url

from tests.support.booking import Api, BookingEnv
from tests.support.booking.helpers import NOTHING, booked, post_booking, problem, written_for
from tests.support.infra import Infra


@asynccontextmanager
async def database_down(infra: Infra, env: BookingEnv) -> AsyncIterator[None]:
    """Refuse new connections to the booking database and cut the ones it has.

    CONNECTION LIMIT 0 alone does not stop a superuser (which the test PostgreSQL user may
    be), so ALLOW_CONNECTIONS false is set as well; both are restored afterwards."""
    name = make_url(env.settings.database_url).database
    assert name and name.startswith("tidbok_t"), name  # only ever this run's own database
    admin = await asyncpg.connect(infra.pg_admin_url, timeout=10)
    try:
        await admin.execute(f'ALTER DATABASE "{name}" CONNECTION LIMIT 0')
        await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            name,
        )
        yield
    finally:
        await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        await admin.execute(f'ALTER DATABASE "{name}" CONNECTION LIMIT -1')
        await admin.close()


async def test_database_down_means_503_and_nothing_stored(api: Api, infra: Infra, booking_env: BookingEnv) -> None:
    slot, earlier_slot = await api.new_slots(2, gap_min=24 * 60)
    pnr, me = await api.resident()
    earlier = await booked(api, me, earlier_slot)
    assert (await api.http.get("/readyz")).status_code == 200
    key = str(uuid.uuid4())

    async with database_down(infra, booking_env):
        started = time.monotonic()
        answer = await post_booking(api, me, slot, key=key)
        body = problem(answer, 503, "SERVICE_UNAVAILABLE")
        assert int(answer.headers["retry-after"]) > 0
        assert "nothing was saved" in body["detail"]
        assert time.monotonic() - started < 15  # fails fast instead of hanging
        # The outage shows everywhere the database is needed, as 503 — never a 500.
        cancel = await api.http.post(f"/v1/appointments/{earlier['id']}/cancel", headers=me, json={})
        problem(cancel, 503, "SERVICE_UNAVAILABLE")
        problem(await api.http.get("/v1/appointments", headers=me), 503, "SERVICE_UNAVAILABLE")
        problem(await api.http.get("/v1/clinics"), 503, "SERVICE_UNAVAILABLE")
        problem(await api.http.post(f"/v1/slots/{slot}/hold", headers=me), 503, "SERVICE_UNAVAILABLE")
        staff = await api.staff(roles=["regional_admin"], clinics=[])
        problem(
            await api.http.put(
                f"/v1/staff/clinics/{earlier['clinic']}/web-booking", json={"web_booking_enabled": False}, headers=staff
            ),
            503,
            "SERVICE_UNAVAILABLE",
        )
        assert (await api.http.get("/readyz")).status_code == 503

    # Nothing of the refused requests was stored: one appointment (from before), still pending.
    written = await written_for(api, pnr)
    assert (written.appointments, written.outbox) == (1, 1)
    assert (await api.http.get(f"/v1/appointments/{earlier['id']}", headers=me)).json()["status"] == "pending"
    assert (await api.http.get(f"/v1/clinics/{earlier['clinic']}")).json()["web_booking_enabled"] is True

    # The very same request (same Idempotency-Key) now books — once.
    retry = await post_booking(api, me, slot, key=key)
    assert retry.status_code == 201, retry.text
    again = await post_booking(api, me, slot, key=key)
    assert again.json()["id"] == retry.json()["id"]
    assert (await written_for(api, pnr)).appointments == 2
    other_pnr, _ = await api.resident()
    assert await written_for(api, other_pnr) == NOTHING

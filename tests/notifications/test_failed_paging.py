"""Operations' list of notifications that failed for good pages like every other list: newest
first, `limit` a page, `next` until the last page, `from`/`to` on when they failed."""

from datetime import datetime, timedelta
from typing import Any

from tests.support.notifications import Gateway, Notifications, local, mobile
from tests.support.notifications.events import Booking


async def _pages(notif: Notifications, ops: dict[str, str], **params: str) -> list[list[dict[str, Any]]]:
    pages: list[list[dict[str, Any]]] = []
    cursor: str | None = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        answer = await notif.http.get("/v1/ops/notifications/failed", params=query, headers=ops)
        assert answer.status_code == 200, answer.text
        pages.append(answer.json()["items"])
        cursor = answer.json()["next"]
        if cursor is None:
            return pages


async def test_failed_notifications_page_newest_first(notif: Notifications, gateway: Gateway) -> None:
    bookings = [Booking(start=local(2026, 3, 6 + i, 9)) for i in range(3)]
    for booking in bookings:
        await notif.consent(booking.subject, phone=mobile())
        await notif.publish(booking.requested(), booking.confirmed())
    await gateway.faults(fail_next=3, status=400)
    await notif.dispatch()
    await notif.dispatch(notif.clock.now() + timedelta(hours=1))
    ops = await notif.token(hsa_id="SE2321000115-E9001", roles=["operations"], clinics=[])

    pages = await _pages(notif, ops, limit="2")
    assert [len(p) for p in pages] == [2, 1]
    rows = [row for page in pages for row in page]
    assert sorted(r["appointment_id"] for r in rows) == sorted(str(b.id) for b in bookings)
    failed_at = [datetime.fromisoformat(r["failed_at"]) for r in rows]
    assert failed_at == sorted(failed_at, reverse=True)
    assert all(r["failed_at"].endswith(("+01:00", "+02:00")) for r in rows), "times in Stockholm time"

    later = (failed_at[0] + timedelta(seconds=1)).isoformat()
    assert await _pages(notif, ops, **{"from": later}) == [[]]
    bad = await notif.http.get("/v1/ops/notifications/failed", params={"cursor": "x"}, headers=ops)
    assert (bad.status_code, bad.json()["code"]) == (400, "INVALID_CURSOR")
    backwards = {"from": later, "to": failed_at[0].isoformat()}
    reversed_window = await notif.http.get("/v1/ops/notifications/failed", params=backwards, headers=ops)
    assert (reversed_window.status_code, reversed_window.json()["code"]) == (422, "INVALID_TIME_RANGE")

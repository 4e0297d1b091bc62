"""The change feed: every change, in commit order, behind a working cursor."""

import asyncio

from tests.support.people import personnummer
from tests.support.vas_simulator import Vas


async def test_feed_lists_changes_in_order_with_a_cursor(vas: Vas) -> None:
    start = await vas.last_seq()
    [a, b, c] = await vas.new_slots(3)
    web = (await vas.book(a, personnummer(), reference="feed-ref")).json()
    phone = (await vas.book(b, personnummer(), channel="phone")).json()
    await vas.http.post(f"/api/appointments/{web['id']}/update", json={"timeslot_id": c})
    await vas.http.post(f"/api/appointments/{phone['id']}/cancel", json={"by": "clinic"})
    await vas.http.post(f"/api/timeslots/{b}/withdraw")

    page = (await vas.http.get("/changes", params={"after": start})).json()
    kinds = [item["kind"] for item in page["items"]]
    assert kinds == ["slot_published"] * 3 + [
        "appointment_booked",
        "appointment_booked",
        "appointment_updated",
        "appointment_cancelled",
        "slot_withdrawn",
    ]
    seqs = [item["seq"] for item in page["items"]]
    assert seqs == sorted(seqs) and page["next_after"] == seqs[-1]
    booked = page["items"][3]
    assert booked["id"] == web["id"] and booked["reference"] == "feed-ref" and booked["channel"] == "web"
    assert page["items"][5]["previous_timeslot_id"] == a
    assert page["items"][6]["cancelled_by"] == "clinic"

    first = (await vas.http.get("/changes", params={"after": start, "limit": 2})).json()
    rest = (await vas.http.get("/changes", params={"after": first["next_after"]})).json()
    assert [i["seq"] for i in first["items"] + rest["items"]] == seqs
    empty = (await vas.http.get("/changes", params={"after": page["next_after"]})).json()
    assert empty == {"items": [], "next_after": page["next_after"]}


async def test_feed_has_no_gaps_under_concurrent_writes(vas: Vas) -> None:
    start = await vas.last_seq()
    slots = await vas.new_slots(20)
    seen: list[int] = []

    async def follow(stop: asyncio.Event) -> None:
        after = start
        while True:
            done = stop.is_set()
            page = (await vas.http.get("/changes", params={"after": after})).json()
            seen.extend(i["seq"] for i in page["items"])
            after = page["next_after"]
            if done and not page["items"]:
                return

    stop = asyncio.Event()
    follower = asyncio.create_task(follow(stop))
    await asyncio.gather(*(vas.book(s, personnummer()) for s in slots))
    stop.set()
    await follower
    everything = (await vas.http.get("/changes", params={"after": start, "limit": 1000})).json()["items"]
    assert seen == [i["seq"] for i in everything]
    assert len(everything) == 40

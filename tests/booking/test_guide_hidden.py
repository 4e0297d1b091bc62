"""The booking guide and hidden time types: a physiotherapy visit is bookable only after the
guide pointed this person there (its ticket), never by knowing the slot's id."""

from datetime import timedelta
from typing import Any

from services.booking.domain.eligibility import Decision
from tests.support.booking import Api, EligibilityApi
from tests.support.booking.helpers import (
    HOME_CLINIC,
    NOTHING,
    PHYSIO_CONDITIONS,
    booked,
    in_hours,
    listed,
    post_booking,
    problem,
    slot_status,
    written_for,
)


async def _guide_result(api: Api, headers: dict[str, str], need: str, lang: str = "sv") -> dict[str, Any]:
    response = await api.http.get(f"/v1/guide/{need}", headers={**headers, "Accept-Language": lang})
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_the_guide_lists_needs_and_sends_urgent_ones_to_112(api: Api) -> None:
    guide = (await api.http.get("/v1/guide", headers={"Accept-Language": "en"})).json()
    assert guide["next"] is None
    needs = {n["id"]: n["label"] for n in guide["items"]}
    assert {"back-joint-pain", "chest-pain-breathing", "blood-pressure"} <= set(needs)
    assert "112" in guide["intro"]
    _, me = await api.resident()
    urgent = await _guide_result(api, me, "chest-pain-breathing")
    assert (urgent["call"], urgent["time_types"]) == ("112", [])
    routine = await _guide_result(api, me, "renew-prescription", lang="en")
    assert [t["code"] for t in routine["time_types"]] == ["doctor-video", "nurse-phone"]
    assert routine["time_types"][0]["name"] == "Video visit with a doctor"
    problem(await api.http.get("/v1/guide/back-joint-pain"), 401, "UNAUTHORIZED")  # the result is personal


async def test_hidden_time_type_needs_the_guides_ticket(api: Api) -> None:
    start = in_hours(24 * 3 + 7)
    (slot,) = await api.new_slots(1, time_type="physio-visit", length_min=45, start=start)
    pnr, me = await api.resident()
    other_pnr, other = await api.resident()

    # Not offered in general lists, only when the guide (or an invitation) names the type.
    offered = (await api.http.get(f"/v1/clinics/{HOME_CLINIC}/time-types")).json()["items"]
    assert "physio-visit" not in {t["code"] for t in offered}
    around = {"from": (start - timedelta(minutes=1)).isoformat(), "to": (start + timedelta(minutes=1)).isoformat()}
    general = (await api.http.get("/v1/slots", params={"clinic": HOME_CLINIC, **around})).json()["items"]
    assert slot not in {s["id"] for s in general}
    assert not await listed(api, slot), "naming the hidden type is not enough"

    body = problem(await post_booking(api, me, slot, conditions=PHYSIO_CONDITIONS), 403, "APPOINTMENT_IS_NOT_ALLOWED")
    assert "guide" in body["detail"]
    forged = await post_booking(api, me, slot, conditions=PHYSIO_CONDITIONS, guide_ticket="physio-visit.9999999999.x")
    problem(forged, 403, "APPOINTMENT_IS_NOT_ALLOWED")

    # A ticket is personal: someone else's does not open it.
    theirs = await _guide_result(api, other, "back-joint-pain")
    their_ticket = theirs["time_types"][0]["guide_ticket"]
    borrowed = await post_booking(api, me, slot, conditions=PHYSIO_CONDITIONS, guide_ticket=their_ticket)
    problem(borrowed, 403, "APPOINTMENT_IS_NOT_ALLOWED")
    # ...and a ticket for one type does not open another.
    nurse_ticket = (await _guide_result(api, me, "blood-pressure"))["time_types"][0]["guide_ticket"]
    wrong_type = await post_booking(api, me, slot, conditions=PHYSIO_CONDITIONS, guide_ticket=nurse_ticket)
    problem(wrong_type, 403, "APPOINTMENT_IS_NOT_ALLOWED")
    assert await written_for(api, pnr) == NOTHING
    assert await written_for(api, other_pnr) == NOTHING
    assert await slot_status(api, slot) == "free"

    result = await _guide_result(api, me, "back-joint-pain")
    physio = result["time_types"][0]
    assert physio["code"] == "physio-visit"
    assert await listed(api, slot, me, guide_ticket=physio["guide_ticket"]), "the guide's ticket lists it"
    assert not await listed(api, slot, other, guide_ticket=physio["guide_ticket"]), "only for whom it was issued"
    assert sorted(c["id"] for c in physio["conditions"]) == PHYSIO_CONDITIONS
    made = await booked(api, me, slot, conditions=PHYSIO_CONDITIONS, guide_ticket=physio["guide_ticket"])
    assert (made["time_type"], made["status"]) == ("physio-visit", "pending")


async def test_hidden_time_type_still_asks_for_its_conditions(api: Api) -> None:
    (slot,) = await api.new_slots(1, time_type="physio-visit", length_min=45)
    pnr, me = await api.resident()
    ticket = (await _guide_result(api, me, "back-joint-pain"))["time_types"][0]["guide_ticket"]
    body = problem(
        await post_booking(api, me, slot, conditions=["not-urgent"], guide_ticket=ticket),
        422,
        "CONDITIONS_NOT_CONFIRMED",
    )
    assert body["missing_conditions"] == ["no-back-red-flags"]
    assert await written_for(api, pnr) == NOTHING


async def test_an_invitation_opens_a_hidden_type_only_if_the_eligibility_service_redeems_it(
    eligibility_api: EligibilityApi,
) -> None:
    api, eligibility = eligibility_api.api, eligibility_api.eligibility
    first, second = await api.new_slots(2, time_type="physio-visit", length_min=45, gap_min=24 * 60)
    pnr, me = await api.resident()
    eligibility.decision = Decision(eligible=False, reason="INVITATION_NOT_VALID")
    refused = await post_booking(api, me, first, conditions=PHYSIO_CONDITIONS, invitation_code="MADE-UP-123")
    assert problem(refused, 403, "NOT_ELIGIBLE")["reason"] == "INVITATION_NOT_VALID"
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, first) == "free"

    eligibility.decision = Decision(eligible=True, reason="INVITATION", rule_version="physio-2026")
    made = await booked(api, me, second, conditions=PHYSIO_CONDITIONS, invitation_code="KALLELSE-42")
    assert made["time_type"] == "physio-visit"
    assert [(q.subject, q.invitation_code) for q in eligibility.questions] == [
        (pnr, "MADE-UP-123"),
        (pnr, "KALLELSE-42"),
    ]


async def test_a_made_up_invitation_does_not_open_a_hidden_type_while_eligibility_is_down(api: Api) -> None:
    (slot,) = await api.new_slots(1, time_type="physio-visit", length_min=45)
    pnr, me = await api.resident()
    answer = await post_booking(api, me, slot, conditions=PHYSIO_CONDITIONS, invitation_code="anything")
    problem(answer, 503, "ELIGIBILITY_UNAVAILABLE")
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, slot) == "free"


async def test_a_hidden_time_type_is_held_only_with_the_guides_ticket(api: Api) -> None:
    (slot,) = await api.new_slots(1, time_type="physio-visit", length_min=45, start=in_hours(24 * 3 + 9))
    _, me = await api.resident()
    refused = await api.http.post(f"/v1/slots/{slot}/hold", headers=me)
    problem(refused, 403, "APPOINTMENT_IS_NOT_ALLOWED")
    assert await slot_status(api, slot) == "free"
    ticket = (await _guide_result(api, me, "back-joint-pain"))["time_types"][0]["guide_ticket"]
    held = await api.http.post(f"/v1/slots/{slot}/hold", headers=me, json={"guide_ticket": ticket})
    assert held.status_code == 200, held.text
    assert await slot_status(api, slot) == "held"

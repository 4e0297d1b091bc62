"""Contact preferences over the API; no consent means nothing on that channel; opt-out is immediate."""

from tests.support.notifications import Gateway, Notifications, e164, local, mobile
from tests.support.notifications.events import Booking
from tests.support.people import personnummer


async def test_preferences_are_stored_normalised_and_returned(notif: Notifications) -> None:
    me = await notif.token(personnummer=personnummer())
    assert (await notif.http.get("/v1/me/contact-preferences", headers=me)).json() == {
        "phone": None,
        "email": None,
        "language": "sv",
        "consent": {"sms": False, "email": False},
    }
    body = {"phone": "070-123 45 67", "email": "anna@example.se", "language": "en", "consent": {"sms": True}}
    response = await notif.http.put("/v1/me/contact-preferences", json=body, headers=me)
    assert response.status_code == 200, response.text
    expected = {"phone": "+46701234567", "email": "anna@example.se", "language": "en"}
    assert response.json() == {**expected, "consent": {"sms": True, "email": False}}
    assert (await notif.http.get("/v1/me/contact-preferences", headers=me)).json() == response.json()


async def test_bad_contact_details_are_refused_with_a_stable_code(notif: Notifications) -> None:
    me = await notif.token(personnummer=personnummer())
    cases = [
        ({"phone": "12345", "consent": {"sms": True}}, "INVALID_PHONE_NUMBER"),
        ({"phone": "inte ett nummer"}, "INVALID_PHONE_NUMBER"),
        ({"email": "anna@", "consent": {"email": True}}, "INVALID_EMAIL_ADDRESS"),
        ({"consent": {"sms": True}}, "CONTACT_DETAILS_REQUIRED"),
        ({"language": "de"}, "INVALID_REQUEST"),
    ]
    for body, code in cases:
        response = await notif.http.put("/v1/me/contact-preferences", json=body, headers=me)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        problem = response.json()
        assert problem["code"] == code and problem["detail"] and problem["detail_sv"]
        assert "inte ett nummer" not in response.text  # input is not echoed back
    assert (await notif.http.get("/v1/me/contact-preferences", headers=me)).json()["phone"] is None
    assert (await notif.http.get("/v1/me/contact-preferences")).status_code == 401


async def test_no_consent_means_nothing_is_sent(notif: Notifications, gateway: Gateway) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))
    phone = mobile()
    await notif.consent(booking.subject, phone=phone, sms=False)
    await notif.publish(booking.requested(), booking.confirmed())
    await notif.dispatch()
    await notif.dispatch(local(2026, 3, 4, 9))
    assert await gateway.texts(e164(phone)) == []
    assert {(r["status"], r["outcome"]) for r in await notif.rows(booking.id)} == {("skipped", "no_consent")}


async def test_withdrawn_consent_stops_a_pending_reminder(notif: Notifications, gateway: Gateway) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))
    phone = mobile()
    await notif.consent(booking.subject, phone=phone)
    await notif.publish(booking.requested(), booking.confirmed())
    await notif.dispatch()
    assert len(await gateway.texts(e164(phone))) == 1

    await notif.consent(booking.subject, phone=phone, sms=False)
    await notif.dispatch(local(2026, 3, 4, 9))
    assert len(await gateway.texts(e164(phone))) == 1, "no reminder after the opt-out"

"""Texts hold only date, time, clinic, that it is a healthcare visit, and how to cancel."""

from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from services.notifications.adapters.texts import KINDS, Texts
from tests.support.notifications import Gateway, Notifications, e164, local, mobile
from tests.support.notifications.events import REASON, TIME_TYPE, Booking

PORTAL = "https://e-tjanster.1177.se/mvk"
PARAMS = {"start": local(2026, 3, 6, 9).isoformat(), "clinic_name": "Vårdcentralen Andersberg"}


def _time_type_words() -> set[str]:
    """Every time type's code and name in the demo catalogue, and their role names."""
    data = yaml.safe_load(Path("services/booking/demo/time_types.yaml").read_text(encoding="utf-8"))
    words = set()
    for t in data["time_types"]:
        words |= {t["code"], t["name_sv"], t["name_en"], t["role"]}
    return {w.lower() for w in words}


FORBIDDEN = _time_type_words() | {REASON.lower(), "ångest", "psykolog"}


def test_every_text_in_both_languages_says_when_where_and_how_to_cancel() -> None:
    texts = Texts(tz=ZoneInfo("Europe/Stockholm"), portal_url=PORTAL)
    for kind in KINDS:
        sv = texts.render(kind, "sv", {**PARAMS, "cancelled_by": "clinic"}).body
        en = texts.render(kind, "en", {**PARAMS, "cancelled_by": "clinic"}).body
        assert "vårdbesök" in sv and "6 mars" in sv and "09:00" in sv, sv
        assert "healthcare appointment" in en.lower() and "6 March" in en and "09:00" in en, en
        for body in (sv, en):
            assert "Vårdcentralen Andersberg" in body and PORTAL in body
            assert not any(word in body.lower() for word in FORBIDDEN), body
            assert len(body) <= 306, "two SMS parts at most"


def test_the_no_show_cost_variant_is_configurable() -> None:
    plain = Texts(tz=ZoneInfo("Europe/Stockholm"), portal_url=PORTAL)
    costly = Texts(tz=ZoneInfo("Europe/Stockholm"), portal_url=PORTAL, no_show_cost_kr=450)
    assert "kronor" not in plain.render("reminder", "sv", PARAMS).body
    assert costly.render("reminder", "sv", PARAMS).body.endswith(
        "Ett uteblivet besök kostar vården 450 kronor och tar tiden från någon annan."
    )
    assert "A missed visit costs the care 450 kronor" in costly.render("reminder", "en", PARAMS).body
    assert costly.render("confirmation", "sv", PARAMS).body.count("450 kronor") == 1


async def test_what_the_gateway_received_reveals_no_time_type_or_reason(notif: Notifications, gateway: Gateway) -> None:
    booking = Booking(start=local(2026, 3, 6, 9), time_type=TIME_TYPE)
    phone = mobile()
    await notif.consent(booking.subject, phone=phone)
    await notif.publish(booking.requested(), booking.confirmed())
    await notif.publish(booking.rescheduled(local(2026, 3, 10, 9)), booking.confirmed())
    await notif.dispatch()
    await notif.dispatch(local(2026, 3, 8, 9))
    await notif.publish(booking.cancelled())
    await notif.dispatch()
    texts = await gateway.texts(e164(phone))
    assert [t.split(" ")[0] for t in texts] == ["Bokat", "Ditt", "Påminnelse:", "Ditt"]
    for text in texts:
        assert not any(word in text.lower() for word in FORBIDDEN), text
        assert booking.subject not in text and booking.subject[2:8] not in text


async def test_a_clinic_name_that_is_no_plain_name_never_reaches_an_sms(notif: Notifications, gateway: Gateway) -> None:
    """Finding 5 of the security review: a message's free text went straight into the SMS."""
    booking = Booking(start=local(2026, 3, 6, 9))
    phone = mobile()
    await notif.consent(booking.subject, phone=phone)
    lure = "Vårdcentralen – logga in på http://bankid-verify.example nu"
    await notif.publish(booking.requested().model_copy(update={"clinic_name": lure}), booking.confirmed())
    await notif.dispatch()
    (text,) = await gateway.texts(e164(phone))
    assert "bankid" not in text.lower() and text.count("http") == 1  # the portal link only
    assert "på din vårdcentral" in text

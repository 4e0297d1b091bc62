"""Notifications' door (findings 10 and 11 of the security review: a 30-digit id answered 500 from an
integer overflow, the 500 text spoke of bookings, and contact-preference changes left no record)."""

import sqlalchemy as sa

from services.notifications.adapters.tables import audit_log
from shared.problems import internal_error
from tests.support.notifications import Notifications
from tests.support.people import personnummer


async def test_an_id_larger_than_the_database_stores_is_422(notif: Notifications) -> None:
    ops = await notif.token(hsa_id="SE2321000115-E4004", roles=["operations"], clinics=[])
    answer = await notif.http.post(f"/v1/ops/notifications/{'9' * 30}/retry", headers=ops)
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "INVALID_REQUEST"
    unexpected = internal_error()
    assert "Idempotency" not in unexpected.detail_en + unexpected.detail_sv  # shared by every service


async def test_contact_preferences_refuse_control_characters_and_changes_are_audited(notif: Notifications) -> None:
    pnr = personnummer()
    me = await notif.token(personnummer=pnr)
    bad = {"phone": "070-123 45 67", "email": "a@b.se\x00", "consent": {"sms": True, "email": True}}
    refused = await notif.http.put("/v1/me/contact-preferences", json=bad, headers=me)
    assert (refused.status_code, refused.json()["code"]) == (422, "INVALID_CHARACTERS")
    await notif.consent(pnr, phone="070-123 45 67")
    await notif.consent(pnr, phone="070-123 45 67", email="tolvan@example.se")
    async with notif.app.state.notifications.engine.connect() as conn:
        changes = (
            await conn.execute(
                sa.select(audit_log.c.action, audit_log.c.actor, audit_log.c.details)
                .where(audit_log.c.subject == pnr)
                .order_by(audit_log.c.id)
            )
        ).all()
    assert [(c.action, c.actor) for c in changes] == [("contact_preferences_changed", "citizen")] * 2
    assert changes[0].details["phone"] == "changed" and changes[1].details["phone"] == "unchanged"
    assert changes[1].details["email"] == "changed"
    assert "tolvan" not in str(changes) and "070" not in str(changes) and "+4670" not in str(changes)

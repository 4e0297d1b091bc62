"""Logins that do not hold and input that cannot be read: the right 4xx as problem+json, and
nothing written — against the running app, its real database and the development IdP."""

import json
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.web.paging import encode_cursor
from tests.support.booking import Api
from tests.support.booking.helpers import HOME_CLINIC, NOTHING, NURSE_CONDITIONS, problem, slot_status, written_for
from tests.support.idp import DevIdp
from tests.support.people import personnummer


async def test_missing_token_is_401_and_books_nothing(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    for headers in ({}, {"Authorization": "Basic dXNlcjpwYXNz"}, {"Authorization": "Bearer "}):
        answer = await api.http.post(
            "/v1/appointments",
            json={"slot_id": slot, "confirmed_conditions": NURSE_CONDITIONS},
            headers={**headers, "Idempotency-Key": str(uuid.uuid4())},
        )
        problem(answer, 401, "UNAUTHORIZED")
        assert answer.headers["www-authenticate"] == "Bearer"
    problem(await api.http.get("/v1/appointments"), 401, "UNAUTHORIZED")
    problem(await api.http.post(f"/v1/slots/{slot}/hold"), 401, "UNAUTHORIZED")
    assert await slot_status(api, slot) == "free"


async def test_expired_token_is_401(api: Api, dev_idp: DevIdp) -> None:
    (slot,) = await api.new_slots(1)
    pnr = personnummer()
    # Expired 100 s ago: beyond the 60 s allowed for clocks that differ.
    token = dev_idp.resident_token(pnr, issued_at=time.time() - 700, lifetime_s=600)
    headers = {"Authorization": f"Bearer {token}"}
    body = problem(await api.http.get("/v1/appointments", headers=headers), 401, "UNAUTHORIZED")
    assert "expired" in body["detail"]
    answer = await api.http.post(
        "/v1/appointments",
        json={"slot_id": slot, "confirmed_conditions": NURSE_CONDITIONS},
        headers={**headers, "Idempotency-Key": str(uuid.uuid4())},
    )
    problem(answer, 401, "UNAUTHORIZED")
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, slot) == "free"


async def test_token_for_another_audience_is_401(api: Api) -> None:
    token = await api.token(personnummer=personnummer(), audience="other")
    body = problem(
        await api.http.get("/v1/appointments", headers={"Authorization": f"Bearer {token}"}), 401, "UNAUTHORIZED"
    )
    assert "not meant for this service" in body["detail"]
    staff_token = await api.token(hsa_id="SE2321000115-E1", roles=["regional_admin"], audience="other")
    problem(
        await api.http.get(
            "/v1/staff/closures",
            headers={"Authorization": f"Bearer {staff_token}"},
        ),
        401,
        "UNAUTHORIZED",
    )


async def test_garbled_and_forged_tokens_are_401(api: Api) -> None:
    problem(await api.http.get("/v1/appointments", headers={"Authorization": "Bearer abc.def"}), 401, "UNAUTHORIZED")
    # Same claims and key id as the IdP's, signed with someone else's key.
    async with httpx.AsyncClient() as client:
        jwks = (await client.get(api.env.settings.jwks_url)).json()
    kid = jwks["keys"][0]["kid"]
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = int(time.time())
    claims = {
        "iss": api.env.settings.token_issuer,
        "aud": api.env.settings.token_audience,
        "sub": "191212121212",
        "kind": "resident",
        "iat": now,
        "exp": now + 600,
    }
    forged = jwt.encode(claims, forger, algorithm="RS256", headers={"kid": kid})
    problem(await api.http.get("/v1/appointments", headers={"Authorization": f"Bearer {forged}"}), 401, "UNAUTHORIZED")
    unsigned = jwt.encode(claims, "", algorithm="none")
    problem(
        await api.http.get("/v1/appointments", headers={"Authorization": f"Bearer {unsigned}"}), 401, "UNAUTHORIZED"
    )


async def test_wrong_kind_of_login_is_403(api: Api) -> None:
    staff = await api.staff(roles=["regional_admin"], clinics=[])
    problem(await api.http.get("/v1/appointments", headers=staff), 403, "FORBIDDEN")
    problem(await api.http.get("/v1/guide/blood-pressure", headers=staff), 403, "FORBIDDEN")
    _, resident = await api.resident()
    problem(
        await api.http.get("/v1/staff/appointments", params={"clinic": HOME_CLINIC}, headers=resident),
        403,
        "FORBIDDEN",
    )
    problem(await api.http.get("/v1/staff/closures", headers=resident), 403, "FORBIDDEN")
    operations = await api.staff(roles=["operations"], clinics=[HOME_CLINIC])
    problem(
        await api.http.get("/v1/staff/appointments", params={"clinic": HOME_CLINIC}, headers=operations),
        403,
        "FORBIDDEN",
    )


async def test_malformed_json_is_400_and_books_nothing(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    pnr, me = await api.resident()
    # Bad syntax; bytes that are not UTF-8, also inside a string; nesting deeper than the parser
    # goes, and an integer longer than Python reads (FastAPI answered those with an uncatalogued
    # HTTP_ERROR).
    deep = b"[" * 5000 + b"]" * 5000
    for raw in (
        b'{"slot_id": "' + slot.encode() + b'", ',
        b"not json at all",
        b"\xff\xfe",
        b'{"slot_id": "\xff\xfe"}',
        deep,
        b'{"slot_id": ' + b"9" * 5000 + b"}",
    ):
        answer = await api.http.post(
            "/v1/appointments",
            content=raw,
            headers={**me, "Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())},
        )
        problem(answer, 400, "MALFORMED_JSON")
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, slot) == "free"


async def test_oversized_body_is_413_and_books_nothing(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    pnr, me = await api.resident()
    big = json.dumps(
        {"slot_id": slot, "confirmed_conditions": NURSE_CONDITIONS, "reason": "x" * 20_000},
    ).encode()
    assert len(big) > 16 * 1024
    headers = {**me, "Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())}
    body = problem(await api.http.post("/v1/appointments", content=big, headers=headers), 413, "PAYLOAD_TOO_LARGE")
    assert "16384" in body["detail"]

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted while it streams in
        for start in range(0, len(big), 4096):
            yield big[start : start + 4096]

    streamed = await api.http.post("/v1/appointments", content=chunks(), headers=headers)
    problem(streamed, 413, "PAYLOAD_TOO_LARGE")
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, slot) == "free"


async def test_invalid_booking_request_is_422_without_echoing_input(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    pnr, me = await api.resident()
    secret = "191212121212-should-not-echo"
    cases: list[dict[str, object]] = [
        {"confirmed_conditions": NURSE_CONDITIONS},  # no slot
        {"slot_id": slot, "confirmed_conditions": NURSE_CONDITIONS, "personnummer": secret},  # unknown field
        {"slot_id": slot, "confirmed_conditions": secret},  # wrong type
        {"slot_id": "", "confirmed_conditions": []},
    ]
    for body in cases:
        answer = await api.http.post(
            "/v1/appointments", json=body, headers={**me, "Idempotency-Key": str(uuid.uuid4())}
        )
        found = problem(answer, 422, "INVALID_REQUEST")
        assert found["errors"] and all({"field", "error"} <= set(e) for e in found["errors"])
        assert secret not in answer.text
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, slot) == "free"


async def test_unknown_route_and_method_are_problems(api: Api) -> None:
    problem(await api.http.get("/v1/nothing-here"), 404, "NOT_FOUND")
    problem(await api.http.delete("/v1/clinics"), 405, "METHOD_NOT_ALLOWED")
    _, me = await api.resident()
    problem(await api.http.get("/v1/appointments/not-a-uuid", headers=me), 422, "INVALID_REQUEST")


async def test_catalogue_lookups_of_things_that_do_not_exist(api: Api) -> None:
    problem(await api.http.get("/v1/clinics/SE2321000115-NOPE"), 404, "CLINIC_DOES_NOT_EXIST")
    problem(await api.http.get("/v1/clinics/SE2321000115-NOPE/time-types"), 404, "CLINIC_DOES_NOT_EXIST")
    problem(await api.http.get("/v1/time-types/no-such-type"), 404, "TIME_TYPE_DOES_NOT_EXIST")
    _, me = await api.resident()
    problem(await api.http.get("/v1/guide/no-such-need", headers=me), 404, "GUIDE_NEED_DOES_NOT_EXIST")
    # HSA-ids compare case-insensitively.
    assert (await api.http.get(f"/v1/clinics/{HOME_CLINIC.lower()}")).json()["hsa_id"] == HOME_CLINIC


async def test_bad_search_and_paging_input(api: Api) -> None:
    reversed_range = {"from": "2030-01-02T00:00:00+01:00", "to": "2030-01-01T00:00:00+01:00"}
    problem(await api.http.get("/v1/slots", params=reversed_range), 422, "INVALID_TIME_RANGE")
    too_long = {"from": "2030-01-01T00:00:00+01:00", "to": "2030-06-01T00:00:00+01:00"}
    problem(await api.http.get("/v1/slots", params=too_long), 422, "INVALID_TIME_RANGE")
    problem(await api.http.get("/v1/slots", params={"cursor": "%%%not-a-cursor"}), 400, "INVALID_CURSOR")
    problem(await api.http.get("/v1/slots", params={"limit": 0}), 422, "INVALID_REQUEST")
    problem(await api.http.get("/v1/slots", params={"from": "yesterday-ish"}), 422, "INVALID_REQUEST")
    _, me = await api.resident()
    problem(await api.http.get("/v1/appointments", params={"cursor": "bm9wZQ"}, headers=me), 400, "INVALID_CURSOR")
    # a well-formed cursor from another list (its key is a slot id, not an appointment id)
    from_slots = encode_cursor(datetime.now(UTC), "t-0123456789ab")
    problem(await api.http.get("/v1/appointments", params={"cursor": from_slots}, headers=me), 400, "INVALID_CURSOR")

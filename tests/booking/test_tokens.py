"""Tokens and keys at the booking API (finding 6 of the security review: a withdrawn key stayed
trusted until restart, made-up key ids each cost a JWKS fetch, no clock leeway, no maximum
lifetime)."""

import asyncio
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI
from jwt.algorithms import RSAAlgorithm

from tests.support.booking import Api, BookingEnv, running_api
from tests.support.idp import DevIdp
from tests.support.people import personnummer
from tests.support.servers import free_port, serve_in_thread
from tests.support.waiting import wait_for


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_fifty_made_up_key_ids_cost_one_jwks_fetch(api: Api, dev_idp: DevIdp) -> None:
    pnr = personnummer()
    forged = [dev_idp.resident_token(pnr, kid=f"made-up-{i}") for i in range(50)]
    answers = await asyncio.gather(*(api.http.get("/v1/appointments", headers=_bearer(t)) for t in forged))
    assert {a.status_code for a in answers} == {401}
    assert api.app.state.booking.verifier.fetches == 1
    # The real key still works without another fetch.
    assert (await api.http.get("/v1/appointments", headers=_bearer(dev_idp.resident_token(pnr)))).status_code == 200
    assert api.app.state.booking.verifier.fetches == 1


async def test_an_idp_clock_two_seconds_fast_locks_nobody_out(api: Api, dev_idp: DevIdp) -> None:
    token = dev_idp.resident_token(personnummer(), issued_at=time.time() + 2)
    assert (await api.http.get("/v1/appointments", headers=_bearer(token))).status_code == 200


async def test_a_token_claiming_ten_years_is_refused(api: Api, dev_idp: DevIdp) -> None:
    token = dev_idp.resident_token(personnummer(), lifetime_s=10 * 365 * 24 * 3600)
    answer = await api.http.get("/v1/appointments", headers=_bearer(token))
    assert answer.status_code == 401
    assert answer.json()["code"] == "UNAUTHORIZED"


class KeySet:
    """A JWKS endpoint whose keys a test adds and withdraws."""

    def __init__(self) -> None:
        self.keys: dict[str, rsa.RSAPrivateKey] = {}

    def add(self) -> str:
        kid = uuid.uuid4().hex
        self.keys[kid] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return kid

    def jwks(self) -> dict[str, Any]:
        return {
            "keys": [
                {**RSAAlgorithm.to_jwk(k.public_key(), as_dict=True), "kid": kid, "alg": "RS256", "use": "sig"}
                for kid, k in self.keys.items()
            ]
        }

    def token(self, kid: str, issuer: str, pnr: str) -> str:
        now = int(time.time())
        claims = {"iss": issuer, "aud": "tidbok", "sub": pnr, "kind": "resident", "iat": now, "exp": now + 600}
        return jwt.encode(claims, self.keys[kid], algorithm="RS256", headers={"kid": kid})


@contextmanager
def serving(keys: KeySet) -> Iterator[str]:
    app = FastAPI()
    app.add_api_route("/jwks", keys.jwks)
    port = free_port()
    with serve_in_thread(app, port) as url:
        yield url


async def test_a_key_the_idp_withdraws_stops_working_within_the_refresh_interval(booking_env: BookingEnv) -> None:
    keys = KeySet()
    kept, withdrawn = keys.add(), keys.add()
    pnr = personnummer()
    with serving(keys) as url:
        settings = booking_env.settings.model_copy(
            update={"jwks_url": f"{url}/jwks", "token_issuer": url, "jwks_refresh_s": 1.0}
        )
        good, stolen = _bearer(keys.token(kept, url, pnr)), _bearer(keys.token(withdrawn, url, pnr))
        async for api in running_api(BookingEnv(settings=settings, idp_url=booking_env.idp_url)):
            for headers in (good, stolen):
                assert (await api.http.get("/v1/appointments", headers=headers)).status_code == 200
            del keys.keys[withdrawn]  # e.g. after the key leaked

            async def refused(http: httpx.AsyncClient = api.http) -> bool:
                return (await http.get("/v1/appointments", headers=stolen)).status_code == 401

            # Within the refresh interval (1 s), with room for the fetch on a busy machine.
            await wait_for(refused, timeout=3, interval=0.1)
            assert (await api.http.get("/v1/appointments", headers=good)).status_code == 200


async def test_an_idp_out_of_reach_is_503_for_everyone_not_a_logout(booking_env: BookingEnv, dev_idp: DevIdp) -> None:
    """No keys yet and the IdP cannot be reached: every request waiting on that fetch hears "try
    again" (503), none is told its login is bad (401)."""
    dead = f"http://127.0.0.1:{free_port()}"
    settings = booking_env.settings.model_copy(update={"jwks_url": f"{dead}/jwks"})
    token = _bearer(dev_idp.resident_token(personnummer()))
    async for api in running_api(BookingEnv(settings=settings, idp_url=booking_env.idp_url)):
        answers = await asyncio.gather(*(api.http.get("/v1/appointments", headers=token) for _ in range(5)))
        assert [a.status_code for a in answers] == [503] * 5
        assert {a.json()["code"] for a in answers} == {"IDENTITY_PROVIDER_UNAVAILABLE"}

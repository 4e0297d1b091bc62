"""Resident and staff tokens that verify against the served JWKS; discovery and health."""

import asyncio
import time

import httpx
import jwt
import pytest

from tests.support.idp import ISSUER, verified_claims


async def mint(client: httpx.AsyncClient, body: dict[str, object]) -> str:
    response = await client.post("/token", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["token_type"] == "Bearer"
    assert response.headers["cache-control"] == "no-store"
    token: str = response.json()["access_token"]
    return token


async def test_resident_token_verifies_against_the_jwks_with_the_right_claims(client: httpx.AsyncClient) -> None:
    before = int(time.time())
    response = await client.post("/token", json={"personnummer": "19121212-1212"})

    assert response.json()["expires_in"] == 3600
    claims = await verified_claims(client, response.json()["access_token"])
    assert claims["iss"] == ISSUER
    assert claims["aud"] == "tidbok"
    assert claims["sub"] == "191212121212"
    assert claims["kind"] == "resident"
    assert claims["acr"] == "loa3"
    assert before <= claims["iat"] <= int(time.time())
    assert claims["exp"] - claims["iat"] == 3600
    assert len(claims["jti"]) >= 16
    assert "name" not in claims
    assert "hsa_id" not in claims


@pytest.mark.parametrize(
    ("given", "sub"),
    [
        ("191212121212", "191212121212"),
        ("121212+1212", "191212121212"),  # '+': a centenarian, born 1912
        (" 19121212-1212 ", "191212121212"),
        ("701063-2391", "197010632391"),  # samordningsnummer: day + 60
    ],
)
async def test_every_written_form_gives_the_twelve_digit_subject(
    client: httpx.AsyncClient, given: str, sub: str
) -> None:
    claims = await verified_claims(client, await mint(client, {"personnummer": given}))

    assert claims["sub"] == sub


async def test_name_is_carried_when_given(client: httpx.AsyncClient) -> None:
    token = await mint(client, {"personnummer": "19121212-1212", "name": "Tolvan Tolvansson"})

    assert (await verified_claims(client, token))["name"] == "Tolvan Tolvansson"


async def test_tokens_get_a_fresh_id_each(client: httpx.AsyncClient) -> None:
    first = await verified_claims(client, await mint(client, {"personnummer": "19121212-1212"}))
    second = await verified_claims(client, await mint(client, {"personnummer": "19121212-1212"}))

    assert first["jti"] != second["jti"]


async def test_staff_token_carries_hsa_id_roles_and_clinics(client: httpx.AsyncClient) -> None:
    token = await mint(
        client,
        {
            "hsa_id": "SE2321000115-E123",
            "roles": ["booking_staff", "clinic_staff", "booking_staff"],
            "clinics": ["SE2321000115-O1234", "se2321000115-o5678"],
            "name": "Bo Bokare",
        },
    )

    claims = await verified_claims(client, token)
    assert claims["kind"] == "staff"
    assert claims["sub"] == claims["hsa_id"] == "SE2321000115-E123"
    assert claims["roles"] == ["booking_staff", "clinic_staff"]
    # HSA-ids compare case-insensitively, so tokens carry one spelling.
    assert claims["clinics"] == ["SE2321000115-O1234", "SE2321000115-O5678"]
    assert claims["name"] == "Bo Bokare"


async def test_staff_without_clinics_gets_an_empty_list(client: httpx.AsyncClient) -> None:
    token = await mint(client, {"hsa_id": "SE2321000115-E9", "roles": ["operations"]})

    assert (await verified_claims(client, token))["clinics"] == []


async def test_a_token_for_another_audience_is_refused_for_ours(client: httpx.AsyncClient) -> None:
    token = await mint(client, {"personnummer": "19121212-1212", "audience": "someone-else"})

    with pytest.raises(jwt.InvalidAudienceError):
        await verified_claims(client, token)
    assert (await verified_claims(client, token, audience="someone-else"))["aud"] == "someone-else"


async def test_a_short_lived_token_expires(client: httpx.AsyncClient) -> None:
    response = await client.post("/token", json={"personnummer": "19121212-1212", "expires_in": 1})
    token = response.json()["access_token"]

    assert response.json()["expires_in"] == 1
    claims = await verified_claims(client, token)
    assert claims["exp"] - claims["iat"] == 1
    # `exp` is whole seconds from a whole-second `iat`: past it within about a second.
    await asyncio.sleep(max(0.0, claims["exp"] - time.time()) + 0.05)
    with pytest.raises(jwt.ExpiredSignatureError):
        await verified_claims(client, token)


async def test_the_header_names_the_served_key(client: httpx.AsyncClient) -> None:
    token = await mint(client, {"personnummer": "19121212-1212"})
    jwks = (await client.get("/.well-known/jwks.json")).json()

    header = jwt.get_unverified_header(token)
    assert header["alg"] == "RS256"
    assert [key["kid"] for key in jwks["keys"]] == [header["kid"]]
    assert all("d" not in key for key in jwks["keys"]), "the JWKS must hold no private material"


async def test_openid_configuration_points_at_this_idp(client: httpx.AsyncClient) -> None:
    config = (await client.get("/.well-known/openid-configuration")).json()

    assert config["issuer"] == ISSUER
    assert config["jwks_uri"] == f"{ISSUER}/.well-known/jwks.json"
    assert config["token_endpoint"] == f"{ISSUER}/token"
    assert config["id_token_signing_alg_values_supported"] == ["RS256"]
    assert (await client.get(config["jwks_uri"].removeprefix(ISSUER))).status_code == 200


async def test_health_endpoints(client: httpx.AsyncClient) -> None:
    assert (await client.get("/livez")).json() == {"status": "ok"}
    assert (await client.get("/readyz")).status_code == 200
    assert (await client.get("/metrics")).status_code == 200

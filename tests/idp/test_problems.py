"""Bad input gets problem+json with a stable code, and nothing personal is echoed back."""

import httpx
import pytest

PROBLEM = "application/problem+json"


async def test_an_invalid_personnummer_is_refused_without_echoing_it(client: httpx.AsyncClient) -> None:
    response = await client.post("/token", json={"personnummer": "19121212-1213"})

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["code"] == "INVALID_PERSONNUMMER"
    assert body["status"] == 422
    assert body["detail"] and body["detail_sv"] and body["title"]
    assert "1212" not in response.text


@pytest.mark.parametrize("personnummer", ["19121313-1212", "1912121212", "abc", "", "19121212-1212-1"])
async def test_other_bad_personnummer_get_the_same_code(client: httpx.AsyncClient, personnummer: str) -> None:
    response = await client.post("/token", json={"personnummer": personnummer})

    assert response.status_code == 422
    assert response.json()["code"] == "INVALID_PERSONNUMMER"


@pytest.mark.parametrize(
    "body",
    [
        {"hsa_id": "SE23-E123", "roles": ["booking_staff"]},
        {"hsa_id": "19121212-1212", "roles": ["booking_staff"]},
        {"hsa_id": "SE2321000115-E123", "roles": ["booking_staff"], "clinics": ["Vårdcentralen"]},
    ],
)
async def test_a_bad_hsa_id_is_refused(client: httpx.AsyncClient, body: dict[str, object]) -> None:
    response = await client.post("/token", json=body)

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["code"] == "INVALID_HSA_ID"
    assert "1212" not in response.text


@pytest.mark.parametrize("roles", [["superuser"], [], None])
async def test_staff_need_known_roles(client: httpx.AsyncClient, roles: list[str] | None) -> None:
    body: dict[str, object] = {"hsa_id": "SE2321000115-E123"}
    if roles is not None:
        body["roles"] = roles

    response = await client.post("/token", json=body)

    assert response.status_code == 422
    assert response.json()["code"] == "INVALID_ROLE"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"personnummer": "19121212-1212", "hsa_id": "SE2321000115-E123", "roles": ["operations"]},
        {"personnummer": "19121212-1212", "expires_in": 0},
        {"personnummer": "19121212-1212", "expires_in": 86401},
        {"personnummer": "19121212-1212", "kind": "staff"},
        ["19121212-1212"],
    ],
)
async def test_a_malformed_request_is_refused(client: httpx.AsyncClient, body: object) -> None:
    response = await client.post("/token", json=body)

    assert response.status_code == 422
    assert response.json()["code"] == "INVALID_REQUEST"
    assert "1212" not in response.text


async def test_a_body_that_is_not_json_is_a_bad_request(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/token", content=b'{"personnummer": "19121212-1212"', headers={"content-type": "application/json"}
    )

    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["code"] == "INVALID_REQUEST"
    assert "1212" not in response.text


async def test_unknown_paths_are_problems_too(client: httpx.AsyncClient) -> None:
    response = await client.get("/no-such-page")

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["code"] == "NOT_FOUND"

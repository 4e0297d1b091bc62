"""The demo login page: a form in, a verifiable token out, the personnummer never in a URL."""

import html
import re

import httpx

from tests.support.idp import verified_claims


async def test_the_page_offers_a_form_that_posts(client: httpx.AsyncClient) -> None:
    response = await client.get("/")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<form method="post" action="/login">' in response.text
    assert 'value="19121212-1212"' in response.text
    assert "Logga in" in response.text and "Log in" in response.text


async def test_logging_in_shows_a_token_that_verifies(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/login", data={"personnummer": "701063-2391", "given_name": "Tolvan", "family_name": "Tolvansson"}
    )

    assert response.status_code == 200
    match = re.search(r"<textarea[^>]*>([^<]+)</textarea>", response.text)
    assert match is not None
    claims = await verified_claims(client, html.unescape(match.group(1)))
    assert claims["sub"] == "197010632391"
    assert claims["kind"] == "resident"
    assert (claims["given_name"], claims["family_name"]) == ("Tolvan", "Tolvansson")


async def test_an_invalid_personnummer_is_explained_not_repeated(client: httpx.AsyncClient) -> None:
    response = await client.post("/login", data={"personnummer": "701063-2392"})

    assert response.status_code == 422
    assert "inte giltigt" in response.text and "not valid" in response.text
    assert "2392" not in response.text
    assert "<textarea" not in response.text

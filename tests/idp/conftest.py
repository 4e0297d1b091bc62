"""One IdP app per module (an RSA key takes a moment to generate) and a client per test."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import jwt
import pytest
import pytest_asyncio
from fastapi import FastAPI

from services.idp.main import create_app
from services.idp.settings import IdpSettings

ISSUER = "http://idp.test"


@pytest.fixture(scope="module")
def settings() -> IdpSettings:
    return IdpSettings(environment="test", issuer=ISSUER)


@pytest.fixture(scope="module")
def app(settings: IdpSettings) -> FastAPI:
    return create_app(settings)


@pytest_asyncio.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=ISSUER) as client:
        yield client


async def verified_claims(
    client: httpx.AsyncClient, token: str, *, audience: str = "tidbok", **options: Any
) -> dict[str, Any]:
    """Verify a token the way a service would: against the JWKS the IdP serves."""
    keys = jwt.PyJWKSet.from_dict((await client.get("/.well-known/jwks.json")).json())
    kid = jwt.get_unverified_header(token)["kid"]
    key = next(k for k in keys.keys if k.key_id == kid)
    return jwt.decode(token, key, algorithms=["RS256"], audience=audience, issuer=ISSUER, **options)

"""The token endpoint and the OIDC discovery documents."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Response

from services.idp.keys import ALGORITHM, SigningKey
from services.idp.settings import IdpSettings
from services.idp.token_request import TokenRequest
from services.idp.tokens import mint

JWKS_PATH = "/.well-known/jwks.json"
TOKEN_PATH = "/token"  # noqa: S105 - a URL path, not a secret
CLAIMS = [
    "iss",
    "aud",
    "sub",
    "iat",
    "exp",
    "jti",
    "acr",
    "kind",
    "name",
    "given_name",
    "family_name",
    "hsa_id",
    "roles",
    "clinics",
]


def idp_router(*, settings: IdpSettings, key: SigningKey) -> APIRouter:
    router = APIRouter(tags=["idp"])

    @router.get(JWKS_PATH)
    async def jwks() -> dict[str, list[dict[str, Any]]]:
        return {"keys": [key.public_jwk()]}

    @router.get("/.well-known/openid-configuration")
    async def openid_configuration() -> dict[str, Any]:
        issuer = settings.issuer.rstrip("/")
        return {
            "issuer": settings.issuer,
            "jwks_uri": issuer + JWKS_PATH,
            "token_endpoint": issuer + TOKEN_PATH,
            "id_token_signing_alg_values_supported": [ALGORITHM],
            "token_endpoint_auth_methods_supported": ["none"],
            "subject_types_supported": ["public"],
            "claims_supported": CLAIMS,
        }

    @router.post(TOKEN_PATH)
    async def token(request: Annotated[TokenRequest, Body()], response: Response) -> dict[str, Any]:
        minted = mint(request, key=key, settings=settings)
        # RFC 6749 §5.1: token responses must not be cached.
        response.headers["Cache-Control"] = "no-store"
        return {"access_token": minted.access_token, "token_type": "Bearer", "expires_in": minted.expires_in}

    return router

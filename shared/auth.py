"""Verifying bearer tokens (OIDC/JWT) against the identity provider's JWKS.

Services only ever verify: residents' tokens carry the personnummer as `sub`; staff tokens
carry `hsa_id`, `roles` and `clinics`. Keys are cached and refetched when an unknown `kid`
shows up (key rotation), at most once per `min_refresh_s`.
"""

import asyncio
import functools
import ssl
import time
from dataclasses import dataclass
from typing import Any

import httpx
import jwt

from shared.identity import InvalidPersonnummer, normalize
from shared.problems import Problem


@dataclass(frozen=True)
class Resident:
    personnummer: str


@dataclass(frozen=True)
class Staff:
    hsa_id: str
    roles: frozenset[str]
    clinics: frozenset[str]

    def serves(self, clinic_hsa_id: str) -> bool:
        """HSA-ids compare case-insensitively; regional admins serve every clinic."""
        return "regional_admin" in self.roles or clinic_hsa_id.upper() in {c.upper() for c in self.clinics}


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every JWKS fetch: building one costs 100-400 ms of CPU, which every
    request waiting on a key refresh (a new app instance, a key rotation) would otherwise pay."""
    return httpx.create_ssl_context()


def unauthorized(detail_en: str, detail_sv: str) -> Problem:
    return Problem(401, "UNAUTHORIZED", detail_en, detail_sv, headers={"WWW-Authenticate": "Bearer"})


def forbidden() -> Problem:
    return Problem(403, "FORBIDDEN", "Your role does not allow this.", "Din roll tillåter inte detta.")


class TokenVerifier:
    def __init__(
        self, *, jwks_url: str, issuer: str, audience: str, min_refresh_s: float = 30, cache_size: int = 10_000
    ) -> None:
        self._jwks_url = jwks_url
        self._issuer = issuer
        self._audience = audience
        self._min_refresh_s = min_refresh_s
        self._keys: dict[str, Any] = {}
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()
        self._cache_size = cache_size
        self._verified: dict[str, tuple[float, dict[str, Any]]] = {}

    async def _key(self, kid: str) -> Any:
        if kid not in self._keys and time.monotonic() - self._fetched_at > self._min_refresh_s:
            async with self._lock:
                if kid not in self._keys:
                    await self._refresh()
        key = self._keys.get(kid)
        if key is None:
            raise unauthorized("The token was signed with an unknown key.", "Token är signerad med okänd nyckel.")
        return key

    async def _refresh(self) -> None:
        try:
            async with httpx.AsyncClient(timeout=5, verify=_tls()) as client:
                response = await client.get(self._jwks_url)
                response.raise_for_status()
            keyset = jwt.PyJWKSet.from_dict(response.json())
        except (httpx.HTTPError, jwt.PyJWTError, ValueError) as exc:
            raise Problem(
                503,
                "IDENTITY_PROVIDER_UNAVAILABLE",
                "Cannot verify logins right now.",
                "Det går inte att kontrollera inloggningar just nu.",
                headers={"Retry-After": "5"},
            ) from exc
        self._keys = {key.key_id: key.key for key in keyset.keys if key.key_id}
        self._fetched_at = time.monotonic()

    async def claims(self, token: str) -> dict[str, Any]:
        """Verified claims. A token verified before is answered from a small cache until it
        expires (an RSA verification per request would cost more than the booking itself)."""
        cached = self._verified.get(token)
        if cached is not None and cached[0] > time.time():
            return cached[1]
        claims = await self._verify(token)
        if len(self._verified) >= self._cache_size:
            self._verified.pop(next(iter(self._verified)))
        self._verified[token] = (float(claims["exp"]), claims)
        return claims

    async def _verify(self, token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise unauthorized("The token is malformed.", "Token är felaktigt formaterad.") from None
        key = await self._key(str(header.get("kid", "")))
        try:
            return dict(
                jwt.decode(
                    token,
                    key,
                    algorithms=["RS256"],
                    audience=self._audience,
                    issuer=self._issuer,
                    options={"require": ["exp", "iat", "sub", "aud", "iss"]},
                )
            )
        except jwt.ExpiredSignatureError:
            raise unauthorized(
                "The token has expired; log in again.", "Inloggningen har gått ut; logga in igen."
            ) from None
        except jwt.InvalidAudienceError:
            raise unauthorized(
                "The token is not meant for this service.", "Token är inte avsedd för denna tjänst."
            ) from None
        except jwt.PyJWTError:
            raise unauthorized("The token is not valid.", "Token är inte giltig.") from None

    async def resident(self, token: str) -> Resident:
        claims = await self.claims(token)
        if claims.get("kind") != "resident":
            raise forbidden()
        try:
            return Resident(personnummer=normalize(str(claims["sub"])))
        except InvalidPersonnummer:
            raise unauthorized("The token does not identify a person.", "Token identifierar ingen person.") from None

    async def staff(self, token: str) -> Staff:
        claims = await self.claims(token)
        if claims.get("kind") != "staff" or not claims.get("hsa_id"):
            raise forbidden()
        return Staff(
            hsa_id=str(claims["hsa_id"]),
            roles=frozenset(str(r) for r in claims.get("roles", [])),
            clinics=frozenset(str(c) for c in claims.get("clinics", [])),
        )


def bearer_token(authorization: str | None) -> str:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise unauthorized("Log in: a bearer token is required.", "Logga in: en bearer-token krävs.")
    return authorization[7:].strip()

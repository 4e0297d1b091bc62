"""Verifying bearer tokens (OIDC/JWT) against the identity provider's JWKS.

Services only ever verify: residents' tokens carry the personnummer as `sub`; staff tokens
carry `hsa_id`, `roles` and `clinics`.

Keys: fetched again every `refresh_s` (so a key the IdP withdrew after a compromise stops working
within that time), and for a token with an unknown `kid` (key rotation) at most once per
`min_fetch_interval_s`, one fetch at a time: a flood of tokens with made-up key ids costs at most
one fetch per interval. If the IdP cannot be reached for a scheduled refresh, the keys in hand
stay in use and the next request tries again after the interval.
"""

import asyncio
import functools
import ssl
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt

from shared.errors import CommonCode
from shared.identity import InvalidPersonnummer, normalize
from shared.problems import Problem
from shared.settings import ApiSettings


@dataclass(frozen=True)
class Resident:
    personnummer: str
    # OIDC's given_name / family_name, as the e-ID login takes them from the population register.
    given_name: str | None = field(default=None, repr=False)
    family_name: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Staff:
    hsa_id: str
    roles: frozenset[str]
    clinics: frozenset[str]

    def clinic_scope(self) -> frozenset[str] | None:
        """The clinics (HSA-ids upper case) this member acts for; None for the whole region."""
        return None if "regional_admin" in self.roles else frozenset(c.upper() for c in self.clinics)

    def serves(self, clinic_hsa_id: str) -> bool:
        """HSA-ids compare case-insensitively; regional admins serve every clinic."""
        scope = self.clinic_scope()
        return scope is None or clinic_hsa_id.upper() in scope


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every JWKS fetch: building one costs 100-400 ms of CPU, which every
    request waiting on a key refresh (a new app instance, a key rotation) would otherwise pay."""
    return httpx.create_ssl_context()


def unauthorized(detail_en: str, detail_sv: str) -> Problem:
    return Problem.of(
        CommonCode.UNAUTHORIZED, detail_en=detail_en, detail_sv=detail_sv, headers={"WWW-Authenticate": "Bearer"}
    )


def forbidden() -> Problem:
    return Problem.of(CommonCode.FORBIDDEN)


def _idp_unavailable() -> Problem:
    return Problem.of(
        CommonCode.IDENTITY_PROVIDER_UNAVAILABLE,
        headers={"Retry-After": "5"},
    )


class TokenVerifier:
    def __init__(
        self,
        *,
        jwks_url: str,
        issuer: str,
        audience: str,
        refresh_s: float = 300,
        min_fetch_interval_s: float = 30,
        leeway_s: int = 60,
        max_lifetime_s: int = 12 * 3600,
        cache_size: int = 10_000,
    ) -> None:
        self._jwks_url = jwks_url
        self._issuer = issuer
        self._audience = audience
        self._refresh_s = refresh_s
        self._min_fetch_interval_s = min_fetch_interval_s
        self._leeway_s = leeway_s
        self._max_lifetime_s = max_lifetime_s
        self._keys: dict[str, Any] = {}
        self._fetched_at: float | None = None  # last successful fetch
        self._tried_at: float | None = None  # last attempt, successful or not
        self._lock = asyncio.Lock()
        self._cache_size = cache_size
        # token -> (expiry, key id, claims)
        self._verified: dict[str, tuple[float, str, dict[str, Any]]] = {}
        self.fetches = 0

    def _since(self, at: float | None) -> float:
        return float("inf") if at is None else time.monotonic() - at

    async def _key(self, kid: str) -> Any:
        if self._since(self._fetched_at) > self._refresh_s:
            await self._refresh(unless_tried_within=min(self._min_fetch_interval_s, self._refresh_s), required=False)
        if kid not in self._keys:
            await self._refresh(unless_tried_within=self._min_fetch_interval_s, required=True)
        key = self._keys.get(kid)
        if key is None and not self._keys:
            raise _idp_unavailable()  # no keys at all yet: the IdP could not be reached, the token may be fine
        if key is None:
            raise unauthorized("The token was signed with an unknown key.", "Token är signerad med okänd nyckel.")
        return key

    async def _refresh(self, *, unless_tried_within: float, required: bool) -> None:
        """Fetch the key set, one fetch at a time; skipped when one was tried too recently
        (the callers waiting on the lock see the result of the fetch they queued behind)."""
        if not required and self._keys and self._lock.locked():
            return  # a fetch is under way; the keys in hand serve meanwhile
        async with self._lock:
            if self._since(self._tried_at) < unless_tried_within:
                return
            self._tried_at = time.monotonic()
            self.fetches += 1
            try:
                async with httpx.AsyncClient(timeout=5, verify=_tls()) as client:
                    response = await client.get(self._jwks_url)
                    response.raise_for_status()
                keyset = jwt.PyJWKSet.from_dict(response.json())
            except (httpx.HTTPError, jwt.PyJWTError, ValueError) as exc:
                if required or not self._keys:
                    raise _idp_unavailable() from exc
                return  # keep the keys in hand; the next request after the interval tries again
            self._keys = {key.key_id: key.key for key in keyset.keys if key.key_id}
            self._fetched_at = time.monotonic()
            # Tokens signed with a key the IdP no longer publishes are not answered from the cache.
            self._verified = {t: v for t, v in self._verified.items() if v[1] in self._keys}

    async def claims(self, token: str) -> dict[str, Any]:
        """Verified claims. A token verified before is answered from a small cache until it
        expires (an RSA verification per request would cost more than the booking itself)."""
        if self._since(self._fetched_at) > self._refresh_s and self._verified:
            await self._refresh(unless_tried_within=min(self._min_fetch_interval_s, self._refresh_s), required=False)
        cached = self._verified.get(token)
        if cached is not None and cached[0] + self._leeway_s > time.time():
            return cached[2]
        kid, claims = await self._verify(token)
        if len(self._verified) >= self._cache_size:
            self._verified.pop(next(iter(self._verified)))
        self._verified[token] = (float(claims["exp"]), kid, claims)
        return claims

    async def _verify(self, token: str) -> tuple[str, dict[str, Any]]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise unauthorized("The token is malformed.", "Token är felaktigt formaterad.") from None
        kid = str(header.get("kid", ""))[:200]
        key = await self._key(kid)
        try:
            claims = dict(
                jwt.decode(
                    token,
                    key,
                    algorithms=["RS256"],
                    audience=self._audience,
                    issuer=self._issuer,
                    leeway=self._leeway_s,
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
        try:
            lifetime = float(claims["exp"]) - float(claims["iat"])
        except (TypeError, ValueError):
            raise unauthorized("The token is not valid.", "Token är inte giltig.") from None
        if lifetime > self._max_lifetime_s:
            raise unauthorized("The token claims to be valid for too long.", "Token påstår sig gälla för länge.")
        return kid, claims

    async def resident(self, token: str) -> Resident:
        return _resident(await self.claims(token))

    async def staff(self, token: str) -> Staff:
        return _staff(await self.claims(token))

    async def anyone(self, token: str) -> "Resident | Staff":
        """A resident or a staff member, whichever the token is for."""
        claims = await self.claims(token)
        return _resident(claims) if claims.get("kind") == "resident" else _staff(claims)


def _resident(claims: dict[str, Any]) -> Resident:
    if claims.get("kind") != "resident":
        raise forbidden()
    try:
        return Resident(
            personnummer=normalize(str(claims["sub"])),
            given_name=_name(claims.get("given_name")),
            family_name=_name(claims.get("family_name")),
        )
    except InvalidPersonnummer:
        raise unauthorized("The token does not identify a person.", "Token identifierar ingen person.") from None


def _name(value: Any) -> str | None:
    """A name claim as text of a sane length, else none (a token is signed, but not a schema)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if 0 < len(value) <= 200 else None


def _staff(claims: dict[str, Any]) -> Staff:
    if claims.get("kind") != "staff" or not claims.get("hsa_id"):
        raise forbidden()
    roles, clinics = claims.get("roles", []), claims.get("clinics", [])
    if not isinstance(roles, list) or not isinstance(clinics, list):
        raise unauthorized("The token is not valid.", "Token är inte giltig.")
    return Staff(
        hsa_id=str(claims["hsa_id"]),
        roles=frozenset(str(r) for r in roles),
        clinics=frozenset(str(c) for c in clinics),
    )


def verifier_from(settings: ApiSettings) -> TokenVerifier:
    """The verifier an API's settings (`shared.settings.ApiSettings`) describe."""
    return TokenVerifier(
        jwks_url=settings.jwks_url,
        issuer=settings.token_issuer,
        audience=settings.token_audience,
        refresh_s=settings.jwks_refresh_s,
        min_fetch_interval_s=settings.jwks_min_fetch_interval_s,
        leeway_s=settings.token_leeway_s,
        max_lifetime_s=settings.token_max_lifetime_s,
    )


def bearer_token(authorization: str | None) -> str:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise unauthorized("Log in: a bearer token is required.", "Logga in: en bearer-token krävs.")
    return authorization[7:].strip()

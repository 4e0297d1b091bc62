"""Turning a validated token request into signed claims."""

import time
import uuid
from dataclasses import dataclass
from typing import Any

import jwt

from services.idp.keys import ALGORITHM, SigningKey
from services.idp.settings import IdpSettings
from services.idp.token_request import ResidentTokenRequest, StaffTokenRequest
from shared.logging import get_logger

log = get_logger(__name__)

# Swedish eID assurance level 3, what BankID (residents) and SITHS (staff) give in the real login.
ACR = "loa3"


@dataclass(frozen=True)
class MintedToken:
    access_token: str
    expires_in: int


def mint(
    request: ResidentTokenRequest | StaffTokenRequest,
    *,
    key: SigningKey,
    settings: IdpSettings,
    now: float | None = None,
) -> MintedToken:
    issued_at = int(time.time() if now is None else now)
    lifetime = request.expires_in or settings.token_lifetime_s
    audience = request.audience or settings.audience
    jti = uuid.uuid4().hex
    claims: dict[str, Any] = {
        "iss": settings.issuer,
        "aud": audience,
        "iat": issued_at,
        "exp": issued_at + lifetime,
        "jti": jti,
        "acr": ACR,
        **_identity_claims(request),
    }
    if request.name is not None:
        claims["name"] = request.name
    token = jwt.encode(claims, key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid})
    # Nothing personal: no personnummer, HSA-id or name, only what operations needs to count.
    log.info("token_issued", kind=claims["kind"], audience=audience, expires_in=lifetime, jti=jti)
    return MintedToken(access_token=token, expires_in=lifetime)


def _identity_claims(request: ResidentTokenRequest | StaffTokenRequest) -> dict[str, Any]:
    if isinstance(request, ResidentTokenRequest):
        names = {"given_name": request.given_name, "family_name": request.family_name}
        return {"sub": request.personnummer, "kind": "resident", **{k: v for k, v in names.items() if v}}
    return {
        "sub": request.hsa_id,
        "kind": "staff",
        "hsa_id": request.hsa_id,
        # Order kept, duplicates dropped: verifiers treat these as sets.
        "roles": list(dict.fromkeys(request.roles)),
        "clinics": list(dict.fromkeys(request.clinics)),
    }

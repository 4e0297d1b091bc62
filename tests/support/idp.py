"""The development IdP on a real port for the tests, tokens it would never issue (expired long
ago, valid for ten years, from a clock that runs fast) signed with its own key, and what the IdP's
own tests share (one app per module: an RSA key takes a moment to generate)."""

import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jwt

from services.idp.keys import ALGORITHM, SigningKey, load_signing_key
from services.idp.main import create_app
from services.idp.settings import IdpSettings
from tests.support.servers import free_port, serve_in_thread


@dataclass(frozen=True)
class DevIdp:
    url: str
    settings: IdpSettings
    key: SigningKey

    @property
    def jwks_url(self) -> str:
        return f"{self.url}/.well-known/jwks.json"

    def sign(
        self, *, issued_at: float | None = None, lifetime_s: int = 600, kid: str | None = None, **claims: Any
    ) -> str:
        """A token with the IdP's key and issuer; `claims` add to or replace the usual ones."""
        iat = int(time.time() if issued_at is None else issued_at)
        body: dict[str, Any] = {
            "iss": self.settings.issuer,
            "aud": self.settings.audience,
            "iat": iat,
            "exp": iat + lifetime_s,
            "jti": uuid.uuid4().hex,
            **claims,
        }
        return jwt.encode(body, self.key.private_key, algorithm=ALGORITHM, headers={"kid": kid or self.key.kid})

    def resident_token(self, personnummer: str, **kwargs: Any) -> str:
        return self.sign(sub=personnummer, kind="resident", **kwargs)


@contextmanager
def running_idp(key_dir: Path) -> Iterator[DevIdp]:
    port = free_port()
    settings = IdpSettings(
        environment="test", port=port, issuer=f"http://127.0.0.1:{port}", key_file=key_dir / "idp-key.pem"
    )
    app = create_app(settings)
    with serve_in_thread(app, port) as url:
        yield DevIdp(url=url, settings=settings, key=load_signing_key(settings))


_RUN: ExitStack | None = None
_IDP: DevIdp | None = None


def the_idp() -> DevIdp:
    """The run's one development IdP, started on first use (helpers that build settings or sign
    tokens reach it without a fixture being passed through every layer)."""
    global _RUN, _IDP
    if _IDP is None:
        _RUN = ExitStack()
        key_dir = Path(_RUN.enter_context(tempfile.TemporaryDirectory(prefix="tidbok-idp-")))
        _IDP = _RUN.enter_context(running_idp(key_dir))
    return _IDP


def stop_the_idp() -> None:
    global _RUN, _IDP
    if _RUN is not None:
        _RUN.close()
    _RUN, _IDP = None, None


def staff_headers(*roles: str, clinics: tuple[str, ...] = (), hsa_id: str = "SE2321000115-E9001") -> dict[str, str]:
    token = the_idp().sign(sub=hsa_id, kind="staff", hsa_id=hsa_id, roles=list(roles), clinics=list(clinics))
    return {"Authorization": f"Bearer {token}"}


# The issuer of the IdP the IdP's own tests run in-process.
ISSUER = "http://idp.test"


async def verified_claims(
    client: httpx.AsyncClient, token: str, *, audience: str = "tidbok", **options: Any
) -> dict[str, Any]:
    """Verify a token the way a service would: against the JWKS the IdP serves."""
    keys = jwt.PyJWKSet.from_dict((await client.get("/.well-known/jwks.json")).json())
    kid = jwt.get_unverified_header(token)["kid"]
    key = next(k for k in keys.keys if k.key_id == kid)
    return jwt.decode(token, key, algorithms=["RS256"], audience=audience, issuer=ISSUER, **options)

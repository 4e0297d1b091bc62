"""The signing key: loaded, generated or persisted, and published as a JWKS."""

import base64
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from services.idp.settings import IdpSettings

ALGORITHM = "RS256"
KEY_SIZE = 2048


@dataclass(frozen=True)
class SigningKey:
    private_key: rsa.RSAPrivateKey
    kid: str

    def public_jwk(self) -> dict[str, Any]:
        jwk = dict(RSAAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True))
        return {**jwk, "kid": self.kid, "alg": ALGORITHM}


def load_signing_key(settings: IdpSettings) -> SigningKey:
    """The configured key, else one persisted in `key_file`, else a fresh in-memory key."""
    if settings.private_key_path is not None:
        return signing_key(_read_pem(settings.private_key_path))
    if settings.key_file is not None:
        if settings.key_file.exists():
            return signing_key(_read_pem(settings.key_file))
        key = _generate()
        _write_pem(settings.key_file, key)
        return signing_key(key)
    return signing_key(_generate())


def signing_key(private_key: rsa.RSAPrivateKey) -> SigningKey:
    public = RSAAlgorithm.to_jwk(private_key.public_key(), as_dict=True)
    return SigningKey(private_key=private_key, kid=jwk_thumbprint(public))


def jwk_thumbprint(jwk: Mapping[str, Any]) -> str:
    """RFC 7638 SHA-256 thumbprint of an RSA JWK: stable for the key, whatever else the JWK says."""
    required = {name: jwk[name] for name in ("e", "kty", "n")}
    canonical = json.dumps(required, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(hashlib.sha256(canonical).digest()).rstrip(b"=").decode()


def _generate() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)


def _read_pem(path: Path) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < KEY_SIZE:
        raise ValueError(f"{path} must hold an unencrypted RSA private key of at least {KEY_SIZE} bits")
    return key


def _write_pem(path: Path, key: rsa.RSAPrivateKey) -> None:
    pem = key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    # Owner-only from the first byte: a private key must never be world-readable, even briefly.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(pem)

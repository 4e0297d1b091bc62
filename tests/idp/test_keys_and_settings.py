"""The signing key's id and persistence, and the settings that keep the IdP out of production."""

import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import ValidationError

from services.idp.keys import jwk_thumbprint, load_signing_key
from services.idp.settings import IdpSettings

# RFC 7638 §3.1: the worked example and its thumbprint.
RFC_7638_JWK = {
    "kty": "RSA",
    "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3"
    "oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdA"
    "ZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur"
    "-kEgU8awapJzKnqDKgw",
    "e": "AQAB",
    "alg": "RS256",
    "kid": "2011-04-29",
}


def test_key_id_is_the_rfc_7638_thumbprint() -> None:
    assert jwk_thumbprint(RFC_7638_JWK) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def test_defaults() -> None:
    settings = IdpSettings(environment="test")

    assert settings.port == 8099
    assert settings.issuer == "http://127.0.0.1:8099"
    assert settings.audience == "tidbok"
    assert settings.token_lifetime_s == 3600
    assert settings.private_key_path is None


def test_refuses_to_start_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIDBOK_ENVIRONMENT", "production")

    with pytest.raises(ValidationError, match="never runs in production"):
        IdpSettings()


def test_refuses_two_key_sources(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="at most one"):
        IdpSettings(environment="test", private_key_path=tmp_path / "a.pem", key_file=tmp_path / "b.pem")


def test_without_a_key_file_each_start_has_a_new_key() -> None:
    settings = IdpSettings(environment="test")

    assert load_signing_key(settings).kid != load_signing_key(settings).kid


def test_a_key_file_is_written_owner_only_and_reused(tmp_path: Path) -> None:
    key_file = tmp_path / ".run" / "idp-key.pem"
    settings = IdpSettings(environment="test", key_file=key_file)

    first = load_signing_key(settings)

    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert load_signing_key(settings).kid == first.kid


def test_a_configured_private_key_is_used(tmp_path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = tmp_path / "key.pem"
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )

    loaded = load_signing_key(IdpSettings(environment="test", private_key_path=path))

    assert loaded.private_key.private_numbers() == key.private_numbers()


def test_a_short_key_is_refused(tmp_path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    path = tmp_path / "weak.pem"
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )

    with pytest.raises(ValueError, match="at least 2048"):
        load_signing_key(IdpSettings(environment="test", private_key_path=path))

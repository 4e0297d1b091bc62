"""What production refuses: development trust (the development IdP, the broker's guest user, a
database without a password) and secrets that are placeholders or easy to guess.

Every function returns the reasons it found, as short sentences naming the setting; the settings
base turns them into one line that the process prints before it exits.
"""

import ipaddress
import math
from collections import Counter

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from yarl import URL

# Fragments that mark a value someone meant to replace.
PLACEHOLDER_WORDS = (
    "changeme",
    "change-me",
    "secret",
    "password",
    "passwd",
    "dev-",
    "-dev",
    "example",
    "placeholder",
    "xxxx",
)
MIN_SECRET_LENGTH = 24
# Shannon estimate over the value's own characters: 24 random base64 characters give ~110 bits.
MIN_SECRET_BITS = 90.0
DEV_IDP_PORTS = frozenset({8099})


def secret_problem(name: str, value: str) -> str | None:
    """Why `value` is no production secret, or None."""
    lowered = value.lower()
    if not value or any(word in lowered for word in PLACEHOLDER_WORDS):
        return f"{name} is a placeholder"
    if len(value) < MIN_SECRET_LENGTH:
        return f"{name} is shorter than {MIN_SECRET_LENGTH} characters"
    counts = Counter(value)
    bits = -sum(n * math.log2(n / len(value)) for n in counts.values())
    if bits < MIN_SECRET_BITS:
        return f"{name} is too easy to guess (about {bits:.0f} bits; at least {MIN_SECRET_BITS:.0f} needed)"
    return None


def _loopback(host: str | None) -> bool:
    if not host or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def identity_provider_problems(name: str, jwks_url: str, issuer: str) -> list[str]:
    """Tokens must come from the region's IdP over TLS, never from the development IdP."""
    problems = []
    jwks, iss = URL(jwks_url), URL(issuer)
    if jwks.scheme != "https":
        problems.append(f"{name}_JWKS_URL must use https")
    if _loopback(jwks.host) or jwks.port in DEV_IDP_PORTS:
        problems.append(f"{name}_JWKS_URL points at the development IdP")
    if iss.scheme != "https" or _loopback(iss.host):
        problems.append(f"{name}_TOKEN_ISSUER must be the region's IdP (https)")
    return problems


def database_problems(name: str, url: str) -> list[str]:
    try:
        parsed = make_url(url)
    except ArgumentError:
        return [f"{name}_DATABASE_URL is not a database URL"]
    problems = []
    if parsed.username in (None, "", "postgres"):
        problems.append(f"{name}_DATABASE_URL must name the service's own role, not the superuser")
    weak = secret_problem(f"the password in {name}_DATABASE_URL", parsed.password or "")
    if weak:
        problems.append(weak)
    return problems


def broker_problems(name: str, url: str, login: str) -> list[str]:
    """The service logs in as `login`, its own broker user: the consumers know senders by it."""
    parsed = URL(url)
    problems = []
    if parsed.user != login:
        problems.append(f"{name}_AMQP_URL must log in as the service's own broker user {login}, not {parsed.user}")
    weak = secret_problem(f"the password in {name}_AMQP_URL", parsed.password or "")
    if weak:
        problems.append(weak)
    return problems

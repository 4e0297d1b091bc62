"""Guide tickets: proof that the guide pointed this person to a hidden time type.

An HMAC over (subject, time type, expiry), so it is useless to anyone else and runs out.
"""

import base64
import hashlib
import hmac
import time


def _sign(secret: str, message: str) -> str:
    digest = hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


def issue(*, secret: str, subject: str, time_type_code: str, ttl_s: int = 3600, now: float | None = None) -> str:
    expires = int((now or time.time()) + ttl_s)
    return f"{time_type_code}.{expires}.{_sign(secret, f'{subject}|{time_type_code}|{expires}')}"


def valid(ticket: str | None, *, secret: str, subject: str, time_type_code: str, now: float | None = None) -> bool:
    if not ticket:
        return False
    try:
        code, expires_text, signature = ticket.rsplit(".", 2)
        expires = int(expires_text)
    except ValueError:
        return False
    if code != time_type_code or expires < (now or time.time()):
        return False
    # As bytes: compare_digest refuses a str with characters outside ASCII (a TypeError, a 500).
    expected = _sign(secret, f"{subject}|{time_type_code}|{expires}").encode()
    return hmac.compare_digest(signature.encode("utf-8", "surrogatepass"), expected)

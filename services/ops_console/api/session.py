"""Who is at the console: a staff member with the `operations` role (or a regional admin), known
by a verified token from the IdP — in a Bearer header, or in the console's session cookie
(HttpOnly, SameSite=Strict). An action sent with the cookie must also carry the console's own
header, which another site's form cannot send (cross-site request forgery)."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from shared.auth import Staff, TokenVerifier, forbidden, unauthorized
from shared.problems import Problem
from shared.web.gate import session_token

ROLES = frozenset({"operations", "regional_admin"})
ACTION_HEADER = "x-tidbok-console"


@dataclass(frozen=True)
class Operator:
    staff: Staff
    token: str

    @property
    def hsa_id(self) -> str:
        return self.staff.hsa_id


def token_of(request: Request) -> tuple[str | None, bool]:
    """The token, and whether it came from the cookie."""
    authorization = request.headers.get("authorization")
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip(), False
    cookie = request.app.state.session_cookie
    return session_token(request.headers.get("cookie", ""), cookie), True


async def check(request: Request) -> Operator:
    token, from_cookie = token_of(request)
    if not token:
        raise unauthorized("Log in as operations staff.", "Logga in som driftpersonal.")
    verifier: TokenVerifier = request.app.state.verifier
    staff = await verifier.staff(token)
    if not staff.roles & ROLES:
        raise forbidden()
    if from_cookie and request.method not in ("GET", "HEAD") and request.headers.get(ACTION_HEADER) != "1":
        raise forbidden()
    return Operator(staff, token)


async def operator(request: Request) -> Operator:
    return await check(request)


async def maybe_operator(request: Request) -> Operator | Problem:
    """For pages: the refusal itself instead of raising it (a page answers with a login form)."""
    try:
        return await check(request)
    except Problem as refusal:
        return refusal


OperatorDep = Annotated[Operator, Depends(operator)]
MaybeOperatorDep = Annotated[Operator | Problem, Depends(maybe_operator)]

"""Request-scoped dependencies: the app's wiring and the caller's staff identity and role."""

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from sqlalchemy.ext.asyncio import AsyncEngine

from services.eligibility.settings import EligibilitySettings
from shared.auth import Staff, TokenVerifier, bearer_token, forbidden


@dataclass
class EligibilityApp:
    settings: EligibilitySettings
    engine: AsyncEngine
    verifier: TokenVerifier


async def eligibility_app(request: Request) -> EligibilityApp:
    app: EligibilityApp = request.app.state.eligibility
    return app


AppDep = Annotated[EligibilityApp, Depends(eligibility_app)]


def staff_with(*roles: str) -> Callable[..., Coroutine[Any, Any, Staff]]:
    async def check(app: AppDep, authorization: Annotated[str | None, Header()] = None) -> Staff:
        member = await app.verifier.staff(bearer_token(authorization))
        if not member.roles & set(roles):
            raise forbidden()
        return member

    return check


# Campaign rules, registers and invitations are the region's to change.
Admin = Annotated[Staff, Depends(staff_with("regional_admin"))]
# The call-back list is worked by booking staff too.
FollowUpStaff = Annotated[Staff, Depends(staff_with("regional_admin", "booking_staff"))]

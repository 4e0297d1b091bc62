"""Request-scoped dependencies: the app's wiring and the caller's staff identity and role."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncEngine

from services.eligibility.settings import EligibilitySettings
from shared.auth import Staff, TokenVerifier
from shared.web.principals import staff_with


@dataclass
class EligibilityApp:
    settings: EligibilitySettings
    engine: AsyncEngine
    verifier: TokenVerifier


async def eligibility_app(request: Request) -> EligibilityApp:
    app: EligibilityApp = request.app.state.eligibility
    return app


AppDep = Annotated[EligibilityApp, Depends(eligibility_app)]


# Campaign rules, registers and invitations are the region's to change.
Admin = Annotated[Staff, Depends(staff_with("regional_admin"))]
# The call-back list is worked by booking staff too.
FollowUpStaff = Annotated[Staff, Depends(staff_with("regional_admin", "booking_staff"))]

"""Request-scoped dependencies: the app's wiring and the caller's staff identity and role."""

from typing import Annotated

from fastapi import Depends, Request

from services.eligibility.state import EligibilityApp
from shared.auth import Staff
from shared.web.principals import staff_with


async def eligibility_app(request: Request) -> EligibilityApp:
    app: EligibilityApp = request.app.state.eligibility
    return app


AppDep = Annotated[EligibilityApp, Depends(eligibility_app)]


# Campaign rules, registers and invitations are the region's to change.
Admin = Annotated[Staff, Depends(staff_with("regional_admin"))]
# The call-back list is worked by booking staff too.
FollowUpStaff = Annotated[Staff, Depends(staff_with("regional_admin", "booking_staff"))]

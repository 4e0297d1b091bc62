"""What a service lists as public is what needs no login: a route that asks for a resident or staff
member must not be on the list (the gate would let strangers reach it), and everything else is
closed by default."""

from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from services.booking.main import PUBLIC
from services.booking.main import create_app as create_booking
from services.booking.settings import BookingSettings
from services.eligibility.main import create_app as create_eligibility
from services.eligibility.settings import EligibilitySettings
from services.notifications.main import create_app as create_notifications
from services.notifications.settings import NotificationsSettings
from services.vas_sync.main import create_app as create_vas_sync
from services.vas_sync.settings import VasSyncSettings
from shared.web import principals

LOGINS = {principals.resident, principals.staff}


def _asks_for_login(dependant: Dependant) -> bool:
    return any(d.call in LOGINS or _asks_for_login(d) for d in dependant.dependencies)


def _api_routes(app: Any) -> list[Any]:
    """Every API route (FastAPI keeps included routers as wrappers: their routes, flattened)."""
    found = []
    for route in app.router.routes:
        if hasattr(route, "effective_route_contexts"):
            found += list(route.effective_route_contexts())
        elif isinstance(route, APIRoute):
            found.append(route)
    return [r for r in found if r.include_in_schema]


def _apps() -> list[tuple[str, Any, set[tuple[str, str]]]]:
    return [
        ("booking", create_booking(BookingSettings(environment="test")), set(PUBLIC)),
        ("eligibility", create_eligibility(EligibilitySettings(environment="test")), set()),
        ("notifications", create_notifications(NotificationsSettings(environment="test")), set()),
        ("vas_sync", create_vas_sync(VasSyncSettings(environment="test")), set()),
    ]


def test_each_service_lists_as_public_exactly_the_routes_without_a_login() -> None:
    listed, closed_without_login = [], []
    for service, app, public in _apps():
        routes = _api_routes(app)
        assert routes, service
        for route in routes:
            for method in route.methods:
                is_public = (method, route.path) in public
                if is_public and _asks_for_login(route.dependant):
                    listed.append(f"{service}: {method} {route.path}")
                if not is_public and not _asks_for_login(route.dependant):
                    closed_without_login.append(f"{service}: {method} {route.path}")
    assert listed == [], "public routes that ask for a login"
    # Closed by the gate although the route itself asks for nobody: each must be on purpose.
    assert closed_without_login == [], "routes that rely on the gate alone"

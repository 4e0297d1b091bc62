"""Demo patient portal settings (environment prefix ``PORTAL_``). The portal is a caller of the
public APIs, like 1177 would be: no database, no broker."""

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from shared.settings import ApiSettings


class PortalSettings(ApiSettings):
    model_config = SettingsConfigDict(env_prefix="PORTAL_", extra="ignore", populate_by_name=True)
    service: ClassVar[str] = "portal"
    # A demo of a caller: the residents' real portal is 1177's.
    development_only: ClassVar[bool] = True
    uses_database: ClassVar[bool] = False
    uses_broker: ClassVar[bool] = False

    port: int = 8090
    booking_url: str = "http://127.0.0.1:8000"
    notifications_url: str = "http://127.0.0.1:8002"
    call_timeout_s: float = 10.0
    # Development only: the login page asks the development IdP for a resident's token.
    development_login_url: str | None = "http://127.0.0.1:8099/token"
    session_cookie: str = "tidbok_portal"
    # How long the confirmation page waits for VAS before it answers (then the page polls).
    wait_for_vas_s: float = 5.0

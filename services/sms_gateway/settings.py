"""SMS gateway stand-in settings (environment prefix ``SMS_GATEWAY_``)."""

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class SmsGatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="SMS_GATEWAY_", extra="ignore", populate_by_name=True)
    service: ClassVar[str] = "sms_gateway"
    development_only: ClassVar[bool] = True
    uses_broker: ClassVar[bool] = False
    uses_database: ClassVar[bool] = False

    port: int = 8097
    # The API user and password the notifications service sends (basic auth, as at 46elks).
    username: str = "tidbok"
    password: str = "dev-secret"
    # How many messages the stand-in remembers (the oldest are forgotten first).
    keep_messages: int = 200_000
    page_refresh_s: int = 3

    def secrets(self) -> dict[str, str]:
        return {"password": self.password}

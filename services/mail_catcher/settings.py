"""Mail catcher settings (environment prefix ``MAIL_CATCHER_``)."""

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class MailCatcherSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="MAIL_CATCHER_", extra="ignore", populate_by_name=True)
    service: ClassVar[str] = "mail_catcher"
    development_only: ClassVar[bool] = True
    uses_broker: ClassVar[bool] = False
    uses_database: ClassVar[bool] = False

    port: int = 8098
    smtp_port: int = 1025
    keep_messages: int = 100_000
    page_refresh_s: int = 3

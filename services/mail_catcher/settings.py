"""Mail catcher settings (environment prefix ``MAIL_CATCHER_``)."""

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class MailCatcherSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="MAIL_CATCHER_", extra="ignore")

    port: int = 8098
    smtp_port: int = 1025
    keep_messages: int = 100_000
    page_refresh_s: int = 3

"""Settings base: one prefixed pydantic-settings class per service derives from this."""

from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Environment = Literal["development", "test", "production"]

PLACEHOLDER_SECRETS = frozenset({"", "changeme", "dev-secret", "secret"})


class ServiceSettings(BaseSettings):
    """Common settings. A subclass sets `env_prefix` (e.g. ``BOOKING_``)."""

    model_config = SettingsConfigDict(extra="ignore", env_file=None)

    environment: Environment = "development"
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/tidbok"
    amqp_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    # Prefix of every exchange and queue name; tests give each test its own.
    namespace: str = "tidbok"
    heartbeat_s: int = 10
    log_level: str = "INFO"
    host: str = "127.0.0.1"
    port: int = 8000
    outbox_batch_size: int = 200
    outbox_poll_interval_s: float = 1.0
    # Concurrent handlers per consumer; keep below the database pool size.
    consumer_prefetch: int = 16
    # Deliveries handled in one transaction by consumers whose handlers stay in the database
    # (`shared.messaging.batching`); consumers that call out keep one per transaction.
    consumer_batch_size: int = 8
    retry_delays_s: tuple[int, ...] = (5, 30, 300)

    @model_validator(mode="after")
    def _no_placeholder_secrets_outside_development(self) -> "ServiceSettings":
        if self.environment == "production":
            for name, value in self.secrets().items():
                if value in PLACEHOLDER_SECRETS:
                    raise ValueError(f"{name} must be set to a real secret in production")
        return self

    def secrets(self) -> dict[str, str]:
        """Secrets that must not keep a placeholder value in production."""
        return {}

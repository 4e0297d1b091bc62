"""Ops console settings (environment prefix ``OPS_CONSOLE_``)."""

from typing import ClassVar
from urllib.parse import unquote

from pydantic import Field
from pydantic_settings import SettingsConfigDict
from yarl import URL

from shared.broker_logins import broker_user, development_password
from shared.messaging.identities import OPERATIONS
from shared.production import broker_problems
from shared.settings import ApiSettings, development_broker_url

# What `make run` starts, as the console finds it (name → base URL).
DEVELOPMENT_SERVICES = {
    "booking": "http://127.0.0.1:8000",
    "eligibility": "http://127.0.0.1:8001",
    "notifications": "http://127.0.0.1:8002",
    "vas_sync": "http://127.0.0.1:8003",
}


class OpsConsoleSettings(ApiSettings):
    model_config = SettingsConfigDict(env_prefix="OPS_CONSOLE_", extra="ignore", populate_by_name=True)
    service: ClassVar[str] = "ops_console"
    # The console logs in to the broker as operations staff do (tidbok-operations: reads and
    # empties parking queues, publishes a replay to a consumer queue, "monitoring" in the API).
    uses_broker: ClassVar[bool] = False

    port: int = 8080
    amqp_url: str = Field(default_factory=lambda: development_broker_url(OPERATIONS))
    # RabbitMQ's management HTTP API (rabbitmq_management), with the same login.
    rabbitmq_api_url: str = "http://127.0.0.1:15672"
    rabbitmq_api_user: str = broker_user(OPERATIONS)
    rabbitmq_api_password: str = development_password(OPERATIONS)
    # The vhost to read; the one `amqp_url` names when not set.
    rabbitmq_vhost: str | None = None
    services: dict[str, str] = Field(default_factory=lambda: dict(DEVELOPMENT_SERVICES))
    # A queue with messages and no progress for this long (or with no consumer) is stuck.
    stuck_after_s: float = 300.0
    # The pages fetch fresh figures this often; the console samples for its history this often.
    refresh_s: float = 5.0
    sample_interval_s: float = 30.0
    history_hours: int = 24
    call_timeout_s: float = 3.0
    # At most this many parked messages are read per parking queue for a view.
    parked_read_limit: int = 500
    # Development only: the login page asks the development IdP for an operations token.
    development_login_url: str | None = "http://127.0.0.1:8099/token"
    session_cookie: str = "tidbok_ops"
    db_pool_size: int = 5

    @property
    def vhost(self) -> str:
        return self.rabbitmq_vhost or unquote(URL(self.amqp_url).raw_path.lstrip("/")) or "/"

    def secrets(self) -> dict[str, str]:
        return {"rabbitmq_api_password": self.rabbitmq_api_password}

    def production_problems(self) -> list[str]:
        problems = super().production_problems()
        problems += broker_problems("OPS_CONSOLE", self.amqp_url, broker_user(OPERATIONS))
        if self.development_login_url:
            problems.append("OPS_CONSOLE_DEVELOPMENT_LOGIN_URL is the development IdP's login: unset it in production")
        if not self.rabbitmq_api_url.startswith("https://"):
            problems.append("OPS_CONSOLE_RABBITMQ_API_URL must be https in production")
        return problems

"""Settings base: one prefixed pydantic-settings class per service derives from this.

One switch for the whole system: ``TIDBOK_ENVIRONMENT`` (development, test or production), read
by every service. In production a service refuses to start, with one line saying why, while any
setting still trusts development (see `shared.production`); the development stand-ins (IdP, VAS
simulator, SMS gateway, mail catcher) refuse production altogether.
"""

import os
import sys
from typing import ClassVar, Literal, NoReturn, Self, TypeVar

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.broker_logins import broker_user, development_password
from shared.production import broker_problems, database_problems, identity_provider_problems, secret_problem

Environment = Literal["development", "test", "production"]
ENVIRONMENT_VARIABLE = "TIDBOK_ENVIRONMENT"


class NotProductionReady(ValueError):
    """The settings still trust development; `reasons` says what, one short sentence each."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def development_database_url(service: str) -> str:
    """The service's own database on the local server, as `make run` and `make migrate` use it."""
    return f"postgresql+asyncpg://postgres@127.0.0.1:5432/tidbok_{service}"


def development_broker_url(service: str) -> str:
    """The broker login `make run` and the tests create for `service` (see shared.messaging.identities)."""
    return f"amqp://{broker_user(service)}:{development_password(service)}@127.0.0.1:5672/"


class ServiceSettings(BaseSettings):
    """Common settings. A subclass sets `env_prefix` (e.g. ``BOOKING_``) and `service`."""

    model_config = SettingsConfigDict(extra="ignore", env_file=None, populate_by_name=True)

    service: ClassVar[str] = "service"
    # Stand-ins for the region's systems: anyone can do anything there, so never in production.
    development_only: ClassVar[bool] = False
    uses_database: ClassVar[bool] = True
    uses_broker: ClassVar[bool] = True

    # Read from TIDBOK_ENVIRONMENT only (no service prefix); `environment=` when built in code.
    environment: Environment = Field(default="development", validation_alias=ENVIRONMENT_VARIABLE)
    # The service's own database (`tidbok_<service>` on the local server when not set).
    database_url: str = ""
    # Each service logs in to the broker as itself (`tidbok-<service>`); see shared.messaging.identities.
    amqp_url: str = ""
    # Prefix of every exchange and queue name; tests give each test its own.
    namespace: str = "tidbok"
    heartbeat_s: int = 10
    log_level: str = "INFO"
    host: str = "127.0.0.1"
    port: int = 8000
    # The HTTP edge (shared.web): a request body larger than this is refused (413); one that has
    # not arrived within `body_timeout_s` is refused (408) and costs nothing else.
    max_body_bytes: int = Field(default=65_536, ge=1)
    body_timeout_s: float = Field(default=10.0, gt=0)
    # A connection's request line and headers must be complete within this time (slowloris).
    header_timeout_s: float = Field(default=10.0, gt=0)
    # /metrics on a port of its own (for Prometheus on an internal network) instead of the API's.
    metrics_port: int | None = None
    # Worker processes behind the one port (shared/web/workers.py), each a replica of its own.
    workers: int = Field(default=1, ge=1, le=16)
    # The interactive API documentation (/docs); off in production unless asked for.
    api_docs: bool | None = None
    outbox_batch_size: int = 200
    outbox_poll_interval_s: float = 1.0
    # Concurrent handlers per consumer; keep below the database pool size.
    consumer_prefetch: int = 16
    # Deliveries handled in one transaction by consumers whose handlers stay in the database
    # (`shared.messaging.batching`); consumers that call out keep one per transaction.
    consumer_batch_size: int = 8
    retry_delays_s: tuple[int, ...] = (5, 30, 300)

    @model_validator(mode="after")
    def _defaults_and_production(self) -> Self:
        if not self.amqp_url:
            self.amqp_url = development_broker_url(self.service)
        if not self.database_url:
            self.database_url = development_database_url(self.service)
        if self.api_docs is None:
            self.api_docs = self.environment != "production"
        if self.environment == "production":
            reasons = self.production_problems()
            if reasons:
                raise NotProductionReady(reasons)
        return self

    @property
    def prefix(self) -> str:
        return str(self.model_config.get("env_prefix", "")).upper()

    def secrets(self) -> dict[str, str]:
        """Secrets that must not keep a placeholder (or guessable) value in production."""
        return {}

    def production_problems(self) -> list[str]:
        """Why these settings must not run in production; empty when they may."""
        if self.development_only:
            return [f"the {self.service} stand-in is for development only and never runs in production"]
        name = self.prefix.rstrip("_")
        problems = []
        if self.uses_database:
            problems += database_problems(name, self.database_url)
        if self.uses_broker:
            problems += broker_problems(name, self.amqp_url, broker_user(self.service))
        for field, value in self.secrets().items():
            weak = secret_problem(f"{self.prefix}{field.upper()}", value)
            if weak:
                problems.append(weak)
        return problems


class ApiSettings(ServiceSettings):
    """A service whose API verifies bearer tokens (OIDC/JWT) from the region's IdP."""

    jwks_url: str = "http://127.0.0.1:8099/.well-known/jwks.json"
    token_issuer: str = "http://127.0.0.1:8099"
    token_audience: str = "tidbok"
    # Keys are fetched again this often (a key the IdP removed stops working within this time),
    # and at most once per `jwks_min_fetch_interval_s` for a token signed with an unknown key.
    jwks_refresh_s: float = Field(default=300.0, gt=0)
    jwks_min_fetch_interval_s: float = Field(default=30.0, ge=0)
    # Clocks differ: a token is accepted this many seconds either side of its times.
    token_leeway_s: int = Field(default=60, ge=0, le=300)
    # A token that claims to live longer than this is refused, whoever signed it.
    token_max_lifetime_s: int = Field(default=12 * 3600, ge=60)

    def production_problems(self) -> list[str]:
        return [
            *super().production_problems(),
            *identity_provider_problems(self.prefix.rstrip("_"), self.jwks_url, self.token_issuer),
        ]


Settings = TypeVar("Settings", bound=ServiceSettings)


def load_settings(cls: type[Settings]) -> Settings:
    """The settings from the environment; on a refusal, one clear line on stderr and exit 2."""
    stray = os.environ.get(f"{cls.model_config.get('env_prefix', '')}ENVIRONMENT")
    if stray is not None and stray != os.environ.get(ENVIRONMENT_VARIABLE):
        _refuse(cls.service, f"set {ENVIRONMENT_VARIABLE} (one switch for every service), not a per-service one")
    try:
        return cls()
    except ValidationError as exc:
        reasons = []
        for error in exc.errors(include_input=False, include_url=False):
            cause = (error.get("ctx") or {}).get("error")
            if isinstance(cause, NotProductionReady):
                reasons += cause.reasons
            else:
                where = ".".join(str(p) for p in error.get("loc", ())) or "settings"
                reasons.append(f"{where}: {error.get('msg', 'invalid')}")
        _refuse(cls.service, "; ".join(reasons))


def _refuse(service: str, why: str) -> NoReturn:
    print(f"{service} refuses to start: {why}", file=sys.stderr, flush=True)
    sys.exit(2)

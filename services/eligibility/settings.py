"""Eligibility service settings (environment prefix ``ELIGIBILITY_``)."""

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class EligibilitySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ELIGIBILITY_", extra="ignore")

    port: int = 8001
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/tidbok_eligibility"
    jwks_url: str = "http://127.0.0.1:8099/.well-known/jwks.json"
    token_issuer: str = "http://127.0.0.1:8099"
    token_audience: str = "tidbok"
    db_pool_size: int = 20
    # Decision requests served at once (each holds one database connection while it runs).
    decision_prefetch: int = 16
    max_import_bytes: int = 20_000_000
    # What the invitation letter tells the resident.
    booking_url: str = "1177.se"
    region_phone: str = "010-476 00 00"

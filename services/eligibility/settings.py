"""Eligibility service settings (environment prefix ``ELIGIBILITY_``)."""

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from shared.settings import ApiSettings


class EligibilitySettings(ApiSettings):
    model_config = SettingsConfigDict(env_prefix="ELIGIBILITY_", extra="ignore", populate_by_name=True)
    service: ClassVar[str] = "eligibility"

    port: int = 8001
    db_pool_size: int = 20
    # Decision requests served at once (each holds one database connection while it runs).
    decision_prefetch: int = 16
    max_import_bytes: int = 20_000_000
    # What the invitation letter tells the resident.
    booking_url: str = "1177.se"
    region_phone: str = "010-476 00 00"

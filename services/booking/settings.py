"""Booking service settings (environment prefix ``BOOKING_``)."""

from typing import Literal

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class BookingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BOOKING_", extra="ignore")

    port: int = 8000
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/tidbok_booking"
    jwks_url: str = "http://127.0.0.1:8099/.well-known/jwks.json"
    token_issuer: str = "http://127.0.0.1:8099"
    token_audience: str = "tidbok"
    # Signs the guide's tickets for hidden time types.
    guide_secret: str = "dev-secret"
    hold_minutes: int = 5
    max_body_bytes: int = 16_384
    # Longest `Prefer: wait=N` honoured.
    max_wait_s: float = 10.0
    # "closed": restricted time types are refused with 503 until the eligibility service answers.
    eligibility_mode: Literal["closed", "rpc"] = "closed"
    eligibility_timeout_s: float = 3.0
    # Booking attempts (book, hold, staff-only link) per identity: a brake on bots.
    attempts_per_minute: float = 30
    attempts_burst: int = 10
    region_phone: str = "010-476 00 00"
    db_pool_size: int = 20
    # Admission control (shared/admission.py): requests worked on at once, and how long one may
    # wait for its turn before a 503 SERVICE_BUSY. Measured in bench/rush.py.
    max_in_flight: int = 24
    admission_timeout_s: float = 30.0
    public_base_url: str = "http://127.0.0.1:8000"

    def secrets(self) -> dict[str, str]:
        return {"guide_secret": self.guide_secret}

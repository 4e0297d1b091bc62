"""Booking service settings (environment prefix ``BOOKING_``)."""

from typing import ClassVar, Literal

from pydantic_settings import SettingsConfigDict

from shared.settings import ApiSettings


class BookingSettings(ApiSettings):
    model_config = SettingsConfigDict(env_prefix="BOOKING_", extra="ignore", populate_by_name=True)
    service: ClassVar[str] = "booking"

    port: int = 8000
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
    # Coming appointments one person may hold booked on the web, across every time type.
    max_live_web_bookings: int | None = 4
    region_phone: str = "010-476 00 00"
    db_pool_size: int = 20
    # Admission control (shared/web/admission.py): requests worked on at once, and how long one may
    # wait for its turn before a 503 SERVICE_BUSY. Measured in bench/rush.py.
    max_in_flight: int = 24
    admission_timeout_s: float = 30.0
    public_base_url: str = "http://127.0.0.1:8000"

    def secrets(self) -> dict[str, str]:
        return {"guide_secret": self.guide_secret}

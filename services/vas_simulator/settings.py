"""VAS simulator settings (environment prefix ``VAS_``)."""

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class VasSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="VAS_", extra="ignore", populate_by_name=True)
    service: ClassVar[str] = "vas_simulator"
    development_only: ClassVar[bool] = True
    uses_broker: ClassVar[bool] = False

    port: int = 8010
    db_pool_size: int = 20
    # Clinics (and tests) publish thousands of times in one request.
    max_body_bytes: int = 16_000_000
    # How long `apply_then_timeout` keeps the caller waiting after the change is committed.
    fault_hang_s: float = 30.0
    # How long another process's fault setting may take to be seen (faults are cached in memory).
    fault_cache_s: float = 1.0
    # The demo clinics and time types (YAML files read as data; no code is shared).
    demo_folder: str = "services/booking/demo"
    page_refresh_s: int = 3

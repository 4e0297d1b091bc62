"""VAS sync settings (environment prefix ``VAS_SYNC_``)."""

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from shared.settings import ApiSettings


class VasSyncSettings(ApiSettings):
    model_config = SettingsConfigDict(env_prefix="VAS_SYNC_", extra="ignore", populate_by_name=True)
    service: ClassVar[str] = "vas_sync"

    port: int = 8003
    vas_url: str = "http://127.0.0.1:8010"
    # A VAS call that has not answered by then counts as "may have been applied".
    vas_timeout_s: float = 2.0
    vas_max_connections: int = 64
    # Tries per delivery before the message goes to the delayed-retry tiers.
    vas_attempts: int = 3
    breaker_failure_threshold: int = 5
    breaker_probe_interval_s: float = 2.0
    feed_poll_interval_s: float = 0.5
    feed_page_size: int = 500
    # Periodic reconciliation: every N seconds, today and the coming days.
    reconcile_interval_s: float = 900.0
    reconcile_days: int = 14
    db_pool_size: int = 24

    def production_problems(self) -> list[str]:
        problems = super().production_problems()
        if not self.vas_url.startswith("https://"):
            problems.append("VAS_SYNC_VAS_URL must use https (the region's journal system, not the simulator)")
        return problems

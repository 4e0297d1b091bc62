"""Notifications service settings (environment prefix ``NOTIFICATIONS_``)."""

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from shared.settings import ApiSettings


class NotificationsSettings(ApiSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore", populate_by_name=True)
    service: ClassVar[str] = "notifications"

    port: int = 8002
    db_pool_size: int = 10
    max_body_bytes: int = 16_384

    # Channels. The SMS gateway speaks a 46elks-shaped REST API (the stand-in on 8097 in development).
    sms_gateway_url: str = "http://127.0.0.1:8097"
    sms_username: str = "tidbok"
    sms_password: str = "dev-secret"
    sms_sender: str = "Region"
    sms_timeout_s: float = 5.0
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    # STARTTLS to the mail relay (off only for the development mail catcher).
    smtp_start_tls: bool = False
    smtp_timeout_s: float = 5.0
    mail_from: str = "Tidbok <no-reply@tidbok.local>"

    # What the texts link to for cancelling or rebooking (the resident portal).
    portal_url: str = "https://e-tjanster.1177.se/mvk"
    # The "a missed visit costs the care N kronor" variant; None leaves the sentence out.
    no_show_cost_kr: int | None = None
    # Reminder offsets per time type (YAML); the default is an SMS 48 h before.
    reminders_file: str = "services/notifications/reminders.yaml"

    # Quiet hours for SMS, local time in `timezone`: nothing is sent from `quiet_start` to `quiet_end`.
    timezone: str = "Europe/Stockholm"
    quiet_start: str = "21:00"
    quiet_end: str = "08:00"
    # A late reminder (after downtime) still goes out until this many minutes before the start.
    reminder_latest_minutes_before: int = 60

    # The scheduler: how many due notifications one claim takes, and how often an idle replica looks.
    dispatch_batch: int = 200
    dispatch_concurrency: int = 50
    dispatch_poll_interval_s: float = 1.0
    # A claimed notification not finished within the lease is claimed again (same idempotency key).
    dispatch_lease_s: int = 120
    # Delivery failures retry with exponential backoff (base * 2^(attempt-1), capped), then fail for good.
    retry_base_s: float = 30.0
    retry_max_s: float = 3600.0
    max_attempts: int = 8
    run_dispatcher: bool = True

    def secrets(self) -> dict[str, str]:
        return {"sms_password": self.sms_password}

    def production_problems(self) -> list[str]:
        problems = super().production_problems()
        if not self.sms_gateway_url.startswith("https://"):
            problems.append("NOTIFICATIONS_SMS_GATEWAY_URL must use https (the SMS provider, not the stand-in)")
        if self.smtp_host in ("127.0.0.1", "localhost", "::1") and self.smtp_port == 1025:
            problems.append("NOTIFICATIONS_SMTP_HOST/PORT point at the development mail catcher (the region's relay)")
        if not self.smtp_start_tls:
            problems.append("NOTIFICATIONS_SMTP_START_TLS must be on (reminders name a resident's appointment)")
        return problems

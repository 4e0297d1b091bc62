"""One production switch, and production refuses development trust (finding 4 of the security
review: booking ran in production on the development IdP, the broker's guest user and a
passwordless superuser, and each service had its own switch)."""

import os
import subprocess
import sys
from typing import Any

import pytest

from services.booking.settings import BookingSettings
from services.eligibility.settings import EligibilitySettings
from services.notifications.settings import NotificationsSettings
from services.ops_console.settings import OpsConsoleSettings
from services.vas_sync.settings import VasSyncSettings
from shared.settings import ServiceSettings

STRONG = "q3Vx9LmT2pZr8KwY4nBs7HdJ6fGc"
READY = {
    "TIDBOK_ENVIRONMENT": "production",
    "JWKS_URL": "https://login.regionhalland.se/.well-known/jwks.json",
    "TOKEN_ISSUER": "https://login.regionhalland.se",
}


def _start_all(*runs: tuple[str, dict[str, str]]) -> list[tuple[int, str]]:
    """Start each (module, environment) at once; each one's exit code and stderr."""
    clean = {k: v for k, v in os.environ.items() if not k.endswith("_ENVIRONMENT")}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", module],
            env=clean | env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for module, env in runs
    ]
    results = []
    for process in processes:
        _, stderr = process.communicate(timeout=60)
        results.append((process.returncode, stderr))
    return results


def _start(module: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    [(code, stderr)] = _start_all((module, env))
    return subprocess.CompletedProcess([module], code, "", stderr)


def test_booking_on_the_development_idp_in_production_exits_with_one_clear_line() -> None:
    started = _start(
        "services.booking",
        {"TIDBOK_ENVIRONMENT": "production", "BOOKING_JWKS_URL": "http://127.0.0.1:8099/.well-known/jwks.json"},
    )
    assert started.returncode != 0
    lines = [line for line in started.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, started.stderr
    assert lines[0].startswith("booking refuses to start: ")
    for reason in (
        "BOOKING_JWKS_URL must use https",
        "BOOKING_JWKS_URL points at the development IdP",
        "BOOKING_AMQP_URL",
        "BOOKING_DATABASE_URL",
        "BOOKING_GUIDE_SECRET is a placeholder",
    ):
        assert reason in lines[0]


@pytest.mark.parametrize(
    "module", ["services.idp", "services.vas_simulator", "services.sms_gateway", "services.mail_catcher"]
)
def test_the_development_stand_ins_refuse_production(module: str) -> None:
    started = _start(module, {"TIDBOK_ENVIRONMENT": "production"})
    assert started.returncode != 0
    assert "for development only" in started.stderr


def test_a_per_service_switch_is_refused_in_favour_of_the_one_switch() -> None:
    started = _start("services.booking", {"BOOKING_ENVIRONMENT": "production"})
    assert started.returncode != 0
    assert "TIDBOK_ENVIRONMENT" in started.stderr


def _production(cls: type[ServiceSettings], **values: str | None) -> ServiceSettings:
    prefix = str(cls.model_config.get("env_prefix", ""))
    base: dict[str, Any] = {
        "environment": "production",
        "jwks_url": READY["JWKS_URL"],
        "token_issuer": READY["TOKEN_ISSUER"],
        "database_url": f"postgresql+asyncpg://{prefix.lower()}svc:{STRONG}@db.internal:5432/tidbok",
        "amqp_url": f"amqps://tidbok-{cls.service}:{STRONG}@mq.internal:5671/",
    }
    return cls(**(base | values))


@pytest.mark.parametrize(
    ("cls", "secrets"),
    [
        (BookingSettings, {"guide_secret": STRONG + "x"}),
        (EligibilitySettings, {}),
        (
            NotificationsSettings,
            {
                "sms_password": STRONG + "y",
                "sms_gateway_url": "https://api.46elks.com",
                "smtp_host": "smtp.regionhalland.se",
                "smtp_port": "587",
                "smtp_start_tls": "true",
            },
        ),
        (
            VasSyncSettings,
            {
                "vas_protocol": "crm-scheduling",
                "vas_crm_endpoint": "https://ntjp.example.se/vp/crm/scheduling/{operation}/1/rivtabp21",
                "vas_crm_cert_file": "/etc/tidbok/vas-sync.pem",
                "vas_crm_key_file": "/etc/tidbok/vas-sync.key",
                "vas_crm_poll_subject": "191212121212",
                "vas_crm_care_giver": "SE2321000115-0000",
                "vas_crm_actor_hsa_id": "SE2321000115-TIDBOKVS",
            },
        ),
        (
            OpsConsoleSettings,
            {
                "amqp_url": f"amqps://tidbok-operations:{STRONG}@mq.internal:5671/",
                "rabbitmq_api_url": "https://mq.internal:15671",
                "rabbitmq_api_password": STRONG + "z",
                "development_login_url": None,
            },
        ),
    ],
)
def test_real_production_settings_are_accepted(cls: type[ServiceSettings], secrets: dict[str, str | None]) -> None:
    settings = _production(cls, **secrets)
    assert settings.environment == "production"
    assert settings.api_docs is False  # /docs is off in production unless asked for


@pytest.mark.parametrize(
    ("setting", "value", "reason"),
    [
        ("guide_secret", "changeme-changeme-changeme", "placeholder"),
        ("guide_secret", "Aa1" * 3, "shorter than"),
        ("guide_secret", "abababababababababababababab", "too easy to guess"),
        ("amqp_url", f"amqps://guest:{STRONG}@mq.internal/", "own broker user tidbok-booking, not guest"),
        ("amqp_url", f"amqps://tidbok-vas_sync:{STRONG}@mq.internal/", "not tidbok-vas_sync"),
        ("database_url", "postgresql+asyncpg://postgres@db.internal/tidbok", "not the superuser"),
        ("database_url", "postgresql+asyncpg://booking@db.internal/tidbok", "is a placeholder"),
        ("jwks_url", "https://localhost:8099/.well-known/jwks.json", "points at the development IdP"),
    ],
)
def test_each_kind_of_development_trust_is_named(setting: str, value: str, reason: str) -> None:
    values = {"guide_secret": STRONG, setting: value}
    with pytest.raises(ValueError, match=reason):
        _production(BookingSettings, **values)


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"smtp_host": "127.0.0.1", "smtp_port": "1025", "smtp_start_tls": "true"}, "development mail catcher"),
        ({"smtp_host": "smtp.regionhalland.se", "smtp_port": "587", "smtp_start_tls": "false"}, "START_TLS must be on"),
    ],
)
def test_reminders_by_email_go_to_the_regions_relay_over_tls(values: dict[str, str], reason: str) -> None:
    """E-mail reminders went silently to a local port (the development mail catcher) in production."""
    sms = {"sms_password": STRONG + "y", "sms_gateway_url": "https://api.46elks.com"}
    with pytest.raises(ValueError, match=reason):
        _production(NotificationsSettings, **sms, **values)

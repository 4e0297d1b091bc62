"""The broker logins checked into deploy/ (for Docker) are the ones the code defines."""

import json
from pathlib import Path

import yaml

from deploy.broker import ANY_NAMESPACE, definitions
from shared.messaging.identities import SERVICES, broker_user, development_password

DEPLOY = Path("deploy")


def _without_hashes(document: dict[str, object]) -> dict[str, object]:
    users = [{k: v for k, v in u.items() if k != "password_hash"} for u in document["users"]]  # type: ignore[attr-defined]
    return {**document, "users": users}


def test_the_checked_in_definitions_match_the_code() -> None:
    checked_in = json.loads((DEPLOY / "rabbitmq" / "definitions.json").read_text())
    assert _without_hashes(checked_in) == _without_hashes(definitions("/", ANY_NAMESPACE))


def test_compose_logs_each_service_in_as_itself() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]
    for service in SERVICES:
        url = compose[service]["environment"][f"{service.upper()}_AMQP_URL"]
        assert url == f"amqp://{broker_user(service)}:{development_password(service)}@rabbitmq:5672/"

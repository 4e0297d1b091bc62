"""Broker login names: each service logs in to RabbitMQ as `tidbok-<service>` (permissions and
sender checks: shared.messaging.identities)."""

USER_PREFIX = "tidbok-"


def broker_user(service: str) -> str:
    return f"{USER_PREFIX}{service}"


def development_password(service: str) -> str:
    """The password `make run` and the tests give `service`'s login (production refuses it)."""
    return f"{broker_user(service)}-dev"

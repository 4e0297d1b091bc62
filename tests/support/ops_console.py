"""The ops console's settings in tests: operations staff's broker login (for parking and the
management API) on the test run's vhost, the test IdP, a database of its own."""

from typing import Any

from yarl import URL

from services.ops_console.settings import OpsConsoleSettings
from tests.support.idp import the_idp
from tests.support.infra import Infra


def console_settings(infra: Infra, namespace: str, database_url: str, **extra: Any) -> OpsConsoleSettings:
    login = URL(infra.amqp_url_for("operations"))
    values: dict[str, Any] = {
        "environment": "test",
        "database_url": database_url,
        "amqp_url": str(login),
        "rabbitmq_api_user": login.user or "",
        "rabbitmq_api_password": login.password or "",
        "namespace": namespace,
        "services": {},
        "sample_interval_s": 3600.0,
        "jwks_url": the_idp().jwks_url,
        "token_issuer": the_idp().settings.issuer,
    }
    return OpsConsoleSettings(**(values | extra))

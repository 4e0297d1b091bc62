"""Broker identities: each service logs in to RabbitMQ as itself, with only the permissions it needs.

Every publish carries the login as the AMQP `user_id` (RabbitMQ refuses a publish whose `user_id`
is not the connection's user), so a consumer knows which service sent a message. Operations
staff have a login of their own for replaying and discarding parked messages.

Permissions per vhost (regular expressions over exchange and queue names, ``N`` the namespace):

| user | configure | write | read |
| --- | --- | --- | --- |
| `tidbok-<service>` | `N.events`, `N.<service>.*` | the same and `amq.default` | `N.events`, `N.<service>.*` |
| `tidbok-booking`, in addition | `amq.gen-*` | | `amq.gen-*` |
| `tidbok-operations` | nothing | `amq.default` | `N.*.parking` |

(`amq.gen-*` is the server-named, exclusive queue booking's eligibility client takes its replies on.)

`amq.default` (the default exchange) carries retries and parking moves to a service's own queues,
and eligibility's request/reply; what arrives that way is still checked against its `user_id`.
"""

import re
from dataclasses import dataclass

from yarl import URL

from shared.broker_logins import broker_user, development_password

__all__ = ["broker_user", "development_password"]

SERVICES = ("booking", "eligibility", "notifications", "vas_sync")
OPERATIONS = "operations"
# The header in which a service keeps the verified sender when it moves a message to its own retry
# or parking queue (it republishes it, so `user_id` becomes its own).
SENDER_HEADER = "x-sender"


def login_of(amqp_url: str) -> str:
    return URL(amqp_url).user or "guest"


@dataclass(frozen=True)
class Permissions:
    user: str
    configure: str
    write: str
    read: str


def permissions(service: str, namespace: str = r"tidbok") -> Permissions:
    """`namespace` is a regular expression (e.g. ``tidbok``, or ``[a-z0-9_-]+`` for any)."""
    n = namespace
    if service == OPERATIONS:
        return Permissions(broker_user(OPERATIONS), "^$", r"^amq\.default$", rf"^{n}\..+\.parking$")
    own = rf"{n}\.{re.escape(service)}\..+"
    replies = r"|amq\.gen-.+" if service == "booking" else ""
    return Permissions(
        broker_user(service),
        configure=rf"^({n}\.events|{own}{replies})$",
        write=rf"^({n}\.events|{own}|amq\.default)$",
        read=rf"^({n}\.events|{own}{replies})$",
    )

"""The broker's users and permissions as RabbitMQ definitions, and applying them locally.

`python -m deploy.broker [--vhost V] [--namespace REGEX] [--print]` creates (or updates) one login
per service and one for operations, each with least-privilege permissions on the vhost
(shared.messaging.identities), in one `rabbitmqctl import_definitions`. `make run` and the test
harness call it; for a broker elsewhere, `--print` writes the definitions to load through the
management UI or `rabbitmqctl import_definitions` there (give each user its real password first:
`TIDBOK_BROKER_PASSWORD_<SERVICE>`).
"""

import argparse
import base64
import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
from typing import Any

from shared.messaging.identities import OPERATIONS, SERVICES, broker_user, development_password, permissions

# Any namespace (development and tests, where benchmarks and tests choose their own).
ANY_NAMESPACE = r"[a-z0-9_-]+"


def password_hash(password: str) -> str:
    """RabbitMQ's rabbit_password_hashing_sha256: base64(salt + sha256(salt + password))."""
    salt = secrets.token_bytes(4)
    return base64.b64encode(salt + hashlib.sha256(salt + password.encode()).digest()).decode()


def definitions(vhost: str, namespace: str, passwords: dict[str, str] | None = None) -> dict[str, Any]:
    passwords = passwords or {}
    logins = [*SERVICES, OPERATIONS]
    return {
        "users": [
            {
                "name": broker_user(s),
                "password_hash": password_hash(passwords.get(s) or development_password(s)),
                "hashing_algorithm": "rabbit_password_hashing_sha256",
                # Operations watch queues in the management UI and API (read-only "monitoring").
                "tags": ["monitoring"] if s == OPERATIONS else [],
            }
            for s in logins
        ],
        "vhosts": [{"name": vhost}],
        "permissions": [
            {"user": p.user, "vhost": vhost, "configure": p.configure, "write": p.write, "read": p.read}
            for p in (permissions(s, namespace) for s in logins)
        ],
    }


def apply_locally(vhost: str, namespace: str) -> str | None:
    """Import the definitions with the local rabbitmqctl; the error, or None when done."""
    rabbitmqctl = shutil.which("rabbitmqctl")
    if rabbitmqctl is None:
        return "rabbitmqctl is not on this machine: load `python -m deploy.broker --print` into the broker"
    done = subprocess.run(
        [rabbitmqctl, "import_definitions", "--format", "json"],
        input=json.dumps(definitions(vhost, namespace)),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return None if done.returncode == 0 else (done.stderr or done.stdout).strip()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.broker", description=__doc__)
    parser.add_argument("--vhost", default="/")
    parser.add_argument("--namespace", default=ANY_NAMESPACE, help="regex of the exchange/queue prefix")
    parser.add_argument("--print", action="store_true", help="print the definitions instead of applying them")
    args = parser.parse_args(argv)
    if args.print:
        passwords = {s: os.environ.get(f"TIDBOK_BROKER_PASSWORD_{s.upper()}", "") for s in [*SERVICES, OPERATIONS]}
        print(json.dumps(definitions(args.vhost, args.namespace, passwords), indent=2))
        return 0
    error = apply_locally(args.vhost, args.namespace)
    if error:
        print(f"broker users not created: {error}", file=sys.stderr)
        return 1
    print(f"  broker users: {', '.join(broker_user(s) for s in [*SERVICES, OPERATIONS])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

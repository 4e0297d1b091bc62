"""`make run`: check the services, migrate every database, start every process, print the URLs.

Ctrl-C (or SIGTERM) stops all of them cleanly.
"""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

from deploy.broker import main as broker_users
from deploy.local.check_services import main as check_services
from deploy.local.services import SERVICES, LocalService
from shared.migrations import database_url_for, upgrade


def _wait_ready(service: LocalService, process: subprocess.Popen[bytes], seconds: float = 60) -> bool:
    if service.port is None:
        return process.poll() is None
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{service.port}/livez", timeout=1):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def _protocol_env() -> dict[str, str]:
    """`make run VAS_PROTOCOL=crm-scheduling`: VAS sync speaks the national scheduling contract to
    the simulator's producer stand-in and polls the demo clinics' free times (no change feed)."""
    protocol = os.environ.get("VAS_PROTOCOL") or "simulator-api"
    if protocol not in ("simulator-api", "crm-scheduling"):
        raise SystemExit(f"VAS_PROTOCOL must be simulator-api or crm-scheduling, not {protocol!r}")
    if protocol == "simulator-api":
        return {}
    clinics = yaml.safe_load(Path("services/booking/demo/clinics.yaml").read_text(encoding="utf-8"))["clinics"]
    units = [str(c["hsa_id"]).upper() for c in clinics]
    return {"VAS_SYNC_VAS_PROTOCOL": protocol, "VAS_SYNC_VAS_CRM_UNITS": json.dumps(units)}


def main() -> int:
    if check_services() != 0:
        return 1
    protocol_env = _protocol_env()
    # Each service logs in to the broker as itself (shared.messaging.identities).
    if broker_users(["--vhost", "/"]) != 0:
        return 1
    os.makedirs(".run", exist_ok=True)
    for service in SERVICES:
        if service.database:
            upgrade(service.name, database_url_for(service.name))
            print(f"  migrated {service.name}")
        for module in service.before_start:
            subprocess.run([sys.executable, "-m", module], check=True)
    processes: list[tuple[LocalService, subprocess.Popen[bytes]]] = []
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        # Every service starts at once (each waits for the broker and database itself, and VAS sync
        # follows VAS's feed once the simulator answers); then each is waited for, in order.
        for service in SERVICES:
            env = {**os.environ, **service.env, **protocol_env}
            process = subprocess.Popen([sys.executable, "-m", service.module], env=env, start_new_session=True)
            processes.append((service, process))
        for service, process in processes:
            if not _wait_ready(service, process):
                print(f"!! {service.name} did not start; see its log above", file=sys.stderr)
                return 1
            for module in service.after_start:
                # One-shot helpers (demo data over AMQP) run beside the services, not before the URLs.
                subprocess.Popen([sys.executable, "-m", module], start_new_session=True)
        print("\nTidbok is running:")
        for service in SERVICES:
            for url in service.urls:
                print(f"  {service.name:<16} {url}")
        if not SERVICES:
            print("  (no services yet)")
        print("Press Ctrl-C to stop.\n")
        while not stopping:
            for service, process in processes:
                if process.poll() is not None:
                    print(f"!! {service.name} exited with {process.returncode}", file=sys.stderr)
                    return 1
            time.sleep(0.5)
        return 0
    finally:
        for _, process in reversed(processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _, process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        print("Stopped.")


if __name__ == "__main__":
    sys.exit(main())

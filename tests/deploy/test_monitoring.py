"""Prometheus, alerts and Grafana as checked in: valid for promtool, and every metric they use is
exported by a Tidbok service or by RabbitMQ's own plugin (a rule on a metric nobody exports never
fires)."""

import importlib
import json
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest
import yaml
from prometheus_client import REGISTRY

ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS = ROOT / "deploy" / "prometheus"
DASHBOARDS = ROOT / "deploy" / "grafana" / "dashboards"
SERVICES = ("booking", "eligibility", "notifications", "vas_sync", "ops_console")
RABBITMQ_METRICS = (
    "http://127.0.0.1:15692/metrics",
    "http://127.0.0.1:15692/metrics/detailed?family=queue_coarse_metrics&family=queue_consumer_count",
)
# Names in PromQL: ours, RabbitMQ's, and Prometheus's own `up`.
_METRIC = re.compile(r"\b(tidbok_[a-z0-9_]+|rabbitmq_[a-z0-9_]+|up)\b")


def _promtool() -> str:
    found = shutil.which("promtool")
    assert found, "promtool is needed: apt-get install prometheus"
    return found


@pytest.mark.parametrize(("what", "file"), [("config", "prometheus.yml"), ("rules", "alerts.yml")])
def test_promtool_accepts_the_files(what: str, file: str) -> None:
    checked = subprocess.run(  # noqa: S603 - fixed arguments
        [_promtool(), "check", what, str(PROMETHEUS / file)], capture_output=True, text=True, timeout=60, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _exported_by_services() -> set[str]:
    for service in SERVICES:
        importlib.import_module(f"services.{service}.main")  # registers every metric the service has
    names: set[str] = set()
    for family in REGISTRY.collect():
        suffixes = {
            "counter": ("_total", "_created"),
            "histogram": ("_bucket", "_sum", "_count"),
            "summary": ("_sum", "_count"),
        }.get(family.type, ("",))
        names |= {family.name + s for s in suffixes} | {family.name}
    return names


def _exported_by_rabbitmq() -> set[str]:
    names: set[str] = set()
    for url in RABBITMQ_METRICS:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - the local broker's plugin
            names |= set(re.findall(r"^# TYPE (\S+)", answer.read().decode(), flags=re.M))
    return names


def _used() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for group in yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())["groups"]:
        for rule in group["rules"]:
            used[f"alert {rule['alert']}"] = set(_METRIC.findall(rule["expr"]))
    for board in DASHBOARDS.glob("*.json"):
        for panel in json.loads(board.read_text())["panels"]:
            for target in panel.get("targets", []):
                used[f"{board.name}: {panel['title']}"] = set(_METRIC.findall(target["expr"]))
    return used


def test_every_metric_the_alerts_and_dashboards_use_is_exported() -> None:
    exported = _exported_by_services() | _exported_by_rabbitmq() | {"up"}
    used = _used()
    assert len(used) >= 20, used
    missing = {where: sorted(names - exported) for where, names in used.items() if names - exported}
    assert not missing, missing


def test_every_alert_has_a_runbook_entry() -> None:
    runbook = (ROOT / "docs" / "operations.md").read_text()
    alerts = [r for g in yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())["groups"] for r in g["rules"]]
    wanted = {"QueueWithoutConsumer", "MessagesParked", "OutboxNotDraining", "VasCircuitOpen"}
    wanted |= {"VasChangesLagging", "ServiceNotReady", "RemindersOverdue"}
    assert {r["alert"] for r in alerts} == wanted
    for rule in alerts:
        assert f"### {rule['alert']}" in runbook, rule["alert"]
        assert rule["annotations"]["runbook"] == f"docs/operations.md#{rule['alert'].lower()}"

"""The Kubernetes manifests as kustomize renders the production overlay (`kubectl kustomize`, or
the base's files themselves where kubectl is missing): every service, probes on the right paths
and ports, replicas, disruption budgets, migrations as a Job, and no secret in a ConfigMap."""

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from deploy.local.services import SERVICES
from services.booking.settings import BookingSettings
from services.eligibility.settings import EligibilitySettings
from services.notifications.settings import NotificationsSettings
from services.ops_console.settings import OpsConsoleSettings
from services.vas_sync.settings import VasSyncSettings
from shared.settings import ServiceSettings

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
# Development stand-ins and the demo portal (the residents' real portal is 1177): not deployed.
STAND_INS = {"idp", "vas_simulator", "sms_gateway", "mail_catcher", "portal"}
RUN: dict[str, type[ServiceSettings]] = {
    "booking": BookingSettings,
    "eligibility": EligibilitySettings,
    "notifications": NotificationsSettings,
    "vas_sync": VasSyncSettings,
    "ops_console": OpsConsoleSettings,
}
SECRET_LIKE = re.compile(r"PASSWORD|SECRET|TOKEN(?!_ISSUER)|_KEY\b|PRIVATE", re.I)
CREDENTIALS_IN_URL = re.compile(r"://[^/@\s]+:[^/@\s]+@")


def _rendered() -> list[dict[str, Any]]:
    kubectl = shutil.which("kubectl")
    if kubectl:
        out = subprocess.run(  # noqa: S603 - fixed arguments
            [kubectl, "kustomize", str(K8S / "overlays" / "production")],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        return [d for d in yaml.safe_load_all(out) if d]
    base = yaml.safe_load((K8S / "base" / "kustomization.yaml").read_text())
    docs = []
    for resource in base["resources"]:
        docs += [d for d in yaml.safe_load_all((K8S / "base" / resource).read_text()) if d]
    return docs


@pytest.fixture(scope="module")
def manifests() -> list[dict[str, Any]]:
    return _rendered()


def _of(manifests: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in manifests if d["kind"] == kind}


def test_every_service_runs_with_probes_on_its_port_replicas_and_a_disruption_budget(
    manifests: list[dict[str, Any]],
) -> None:
    assert {s.name for s in SERVICES} - STAND_INS == set(RUN), "a new service needs its manifests"
    deployments, budgets = _of(manifests, "Deployment"), _of(manifests, "PodDisruptionBudget")
    services = _of(manifests, "Service")
    for service, settings in RUN.items():
        name = service.replace("_", "-")
        deployment = deployments[name]
        assert deployment["spec"]["replicas"] >= 2, name
        [container] = deployment["spec"]["template"]["spec"]["containers"]
        port = settings.model_fields["port"].default
        assert container["ports"] == [{"name": "http", "containerPort": port}], name
        assert container["livenessProbe"]["httpGet"] == {"path": "/livez", "port": "http"}, name
        assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}, name
        assert container["resources"]["requests"] and container["resources"]["limits"], name
        assert container["command"] == ["python", "-m", f"services.{service}"], name
        selector = deployment["spec"]["selector"]["matchLabels"]
        assert budgets[name]["spec"]["selector"]["matchLabels"] == selector, name
        assert services[name]["spec"]["ports"][0]["port"] == port, name
        config = next(r["configMapRef"]["name"] for r in container["envFrom"] if "configMapRef" in r)
        assert _of(manifests, "ConfigMap")[config]["data"]["TIDBOK_ENVIRONMENT"] == "production"


def test_migrations_run_as_a_job_for_every_database(manifests: list[dict[str, Any]]) -> None:
    job = _of(manifests, "Job")["tidbok-migrate"]
    [container] = job["spec"]["template"]["spec"]["containers"]
    assert container["command"][:3] == ["python", "-m", "shared.migrations"]
    assert set(container["command"][3:]) == set(RUN)


def test_no_secret_value_sits_in_a_config_map(manifests: list[dict[str, Any]]) -> None:
    maps = _of(manifests, "ConfigMap")
    assert len(maps) >= len(RUN)
    for name, config in maps.items():
        for key, value in (config.get("data") or {}).items():
            assert not SECRET_LIKE.search(key), (name, key)
            assert not CREDENTIALS_IN_URL.search(str(value)), (name, key)


def test_the_broker_and_the_database_are_clusters_of_three(manifests: list[dict[str, Any]]) -> None:
    [rabbit] = _of(manifests, "RabbitmqCluster").values()
    assert rabbit["spec"]["replicas"] == 3
    assert "default_queue_type = quorum" in rabbit["spec"]["rabbitmq"]["additionalConfig"]
    [postgres] = _of(manifests, "Cluster").values()
    assert postgres["spec"]["instances"] >= 3

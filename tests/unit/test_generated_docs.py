"""Documents generated from the code stay what the code says (deploy/docs.py, deploy/asyncapi.py)."""

import subprocess
from pathlib import Path

import pytest
from pydantic import Field

from deploy import asyncapi, docs
from shared.contracts.appointments import AppointmentConfirmed
from shared.contracts.owners import OWNERS
from shared.contracts.subscriptions import SUBSCRIPTIONS

ROOT = Path(__file__).parents[2]


def test_every_error_code_says_when_it_is_answered() -> None:
    assert docs.missing_when() == []


def test_docs_errors_md_is_what_the_catalogues_say() -> None:
    assert docs.ERRORS_MD.read_text(encoding="utf-8") == docs.errors_markdown(), "run: python -m deploy.docs"


def test_docs_asyncapi_yaml_is_what_the_contracts_say() -> None:
    assert docs.ASYNCAPI_YAML.read_text(encoding="utf-8") == asyncapi.asyncapi_yaml(), "run: python -m deploy.docs"


def test_a_changed_contract_changes_the_asyncapi_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sync test above bites: a field added to a contract is a different document."""

    class Changed(AppointmentConfirmed):
        confirmed_by: str = Field(default="", max_length=64)

    Changed.__name__ = AppointmentConfirmed.__name__
    owners = {(Changed if kind is AppointmentConfirmed else kind): who for kind, who in OWNERS.items()}
    subscriptions = {
        key: tuple(Changed if kind is AppointmentConfirmed else kind for kind in kinds)
        for key, kinds in SUBSCRIPTIONS.items()
    }
    monkeypatch.setattr(asyncapi, "OWNERS", owners)
    monkeypatch.setattr(asyncapi, "SUBSCRIPTIONS", subscriptions)
    changed = asyncapi.asyncapi_yaml()
    assert "confirmed_by" in changed
    assert changed != docs.ASYNCAPI_YAML.read_text(encoding="utf-8")


def test_the_asyncapi_document_names_every_type_its_publisher_and_its_queues() -> None:
    doc = asyncapi.document()
    messages = doc["components"]["messages"]
    for kind, owner in OWNERS.items():
        assert messages[kind.__name__]["name"] == kind.message_type
        assert messages[kind.__name__]["x-publisher"] == owner
    for (service, consumer), kinds in SUBSCRIPTIONS.items():
        queue = doc["channels"][f"{service}.{consumer}"]
        assert queue["address"] == f"tidbok.{service}.{consumer}"
        assert set(queue["messages"]) == {kind.__name__ for kind in kinds}
        assert doc["channels"][f"{service}.{consumer}.parking"]["address"] == f"tidbok.{service}.{consumer}.parking"
        assert doc["operations"][f"{service}.{consumer}.receive"]["action"] == "receive"
        for delay in asyncapi.RETRY_DELAYS_S:
            assert f"{service}.{consumer}.retry.{delay}s" in doc["channels"]


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", str(ROOT / "deploy" / "validate_asyncapi.mjs"), str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_asyncapi_document_validates_with_the_asyncapi_parser() -> None:
    result = _validate(docs.ASYNCAPI_YAML)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid AsyncAPI 3.1.0" in result.stdout


def test_the_validator_refuses_a_broken_document(tmp_path: Path) -> None:
    broken = docs.ASYNCAPI_YAML.read_text(encoding="utf-8").replace(
        "#/components/messages/AppointmentConfirmed", "#/components/messages/Missing"
    )
    (tmp_path / "asyncapi.yaml").write_text(broken, encoding="utf-8")
    result = _validate(tmp_path / "asyncapi.yaml")
    assert result.returncode == 1
    assert "does not exist" in result.stdout


def test_the_booking_client_is_what_the_openapi_document_generates() -> None:
    from deploy import client

    assert client.main(["--check"]) == 0, "run: python -m deploy.client"

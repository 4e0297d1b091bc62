"""Every list in every service's OpenAPI document pages the same way (shared/web/paging.py):
`{"items", "next"}`; a list that can grow takes `cursor` and `limit`; `from` comes with `to`; and the
document names the refusals these parameters bring (INVALID_CURSOR, INVALID_TIME_RANGE)."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from services.booking.main import create_app as booking
from services.eligibility.main import create_app as eligibility
from services.notifications.main import create_app as notifications
from services.vas_sync.main import create_app as vas_sync

APPS: dict[str, Callable[[], FastAPI]] = {
    "booking": booking,
    "eligibility": eligibility,
    "notifications": notifications,
    "vas_sync": vas_sync,
}
# Short lists, never cut: one page always (`next` is null). Everything else must page.
ONE_PAGE = {
    ("booking", "clinics"),  # the region's clinics
    ("booking", "clinic_time_types"),  # a clinic's time types
    ("booking", "guide"),  # the guide's needs
    ("booking", "list_closures"),  # closures in force
    ("booking", "web_booking_closures"),  # the same, as the public sees them
    ("booking", "audit_trail"),  # one appointment's history
    ("eligibility", "campaign_versions"),  # one campaign's rule versions
}


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _lists() -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    for service, create in APPS.items():
        document = create().openapi()
        for item in document["paths"].values():
            operation = item.get("get")
            if operation is None:
                continue
            content = operation["responses"].get("200", {}).get("content", {}).get("application/json")
            if content is None:
                continue
            answer = _resolve(document, content["schema"])
            if "items" in answer.get("properties", {}):
                yield service, operation["operationId"], operation, answer


LISTS = list(_lists())


def test_the_lists_are_found() -> None:
    found = {(service, name) for service, name, _, _ in LISTS}
    assert found >= ONE_PAGE
    for growing in [("booking", "search"), ("booking", "list_mine"), ("booking", "clinic_appointments")]:
        assert growing in found
    assert ("eligibility", "list_follow_ups") in found
    assert ("notifications", "failed") in found


@pytest.mark.parametrize(("service", "name", "operation", "answer"), LISTS, ids=[f"{s}.{n}" for s, n, _, _ in LISTS])
def test_every_list_pages_alike(service: str, name: str, operation: dict[str, Any], answer: dict[str, Any]) -> None:
    assert "next" in answer["properties"], "a list answers {items, next}"
    queries = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    if (service, name) not in ONE_PAGE:
        assert {"cursor", "limit"} <= queries, "a list that can grow pages by cursor and limit"
    assert ("from" in queries) == ("to" in queries), "`from` and `to` go together"
    described = " ".join(
        str(operation["responses"][status]["description"]) for status in operation["responses"] if status >= "400"
    )
    if "cursor" in queries:
        assert "INVALID_CURSOR" in described
    if "from" in queries:
        assert "INVALID_TIME_RANGE" in described

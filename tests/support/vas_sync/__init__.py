"""What the vas_sync tests share (their fixtures: tests/vas_sync/conftest.py)."""

import uuid

import pytest


@pytest.fixture(scope="session")
def new_reference() -> uuid.UUID:
    return uuid.uuid4()

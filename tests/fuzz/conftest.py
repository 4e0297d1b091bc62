"""The fleet of services the contract fuzzer calls (started once for the module)."""

from collections.abc import Iterator

import pytest

from tests.support.fleet import Fleet, running_fleet
from tests.support.idp import DevIdp
from tests.support.infra import Infra


@pytest.fixture(scope="module")
def fleet(infra: Infra, dev_idp: DevIdp) -> Iterator[Fleet]:
    with running_fleet(infra, dev_idp) as value:
        yield value

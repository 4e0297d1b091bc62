"""The whole system as `make run` starts it (demo catalogue, campaign and free times), with the
portal in front: the portal's journeys in a real browser."""

from collections.abc import Iterator

import pytest

from tests.support.fleet import Fleet, running_fleet
from tests.support.idp import DevIdp
from tests.support.infra import Infra


@pytest.fixture(scope="module")
def fleet(infra: Infra, dev_idp: DevIdp) -> Iterator[Fleet]:
    # Five days of free times from today hold at least two working days, whatever today is.
    with running_fleet(infra, dev_idp, days=5) as value:
        yield value

"""The circuit's and the HTTP adapter's small rules, without I/O."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from services.vas_sync.adapters.breaker import CircuitBreaker, CircuitState
from services.vas_sync.adapters.vas_http import retry_after_s


def test_a_call_under_way_when_the_circuit_opened_does_not_close_it() -> None:
    breaker = CircuitBreaker(probe_interval_s=2.0)
    breaker.failure("429", retry_after_s=30)  # one call was throttled ...
    breaker.success()  # ... while another, sent before, still succeeded
    assert breaker.state is CircuitState.OPEN and breaker.remaining_s() > 25
    assert not breaker.allow()


def test_the_probe_closes_the_circuit() -> None:
    breaker = CircuitBreaker(probe_interval_s=0.0)
    breaker.failure("503", retry_after_s=0)
    assert breaker.allow()  # the wait is over: this call is the probe
    probing = breaker.state
    breaker.success()
    assert (probing, breaker.state) == (CircuitState.HALF_OPEN, CircuitState.CLOSED)


def test_retry_after_in_seconds_or_as_an_http_date() -> None:
    assert retry_after_s("7") == 7.0
    assert retry_after_s(None) is None
    assert retry_after_s("soon") is None
    in_a_minute = format_datetime(datetime.now(UTC) + timedelta(seconds=60), usegmt=True)
    assert 55 <= (retry_after_s(in_a_minute) or 0) <= 60
    assert retry_after_s(format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True)) == 0.0

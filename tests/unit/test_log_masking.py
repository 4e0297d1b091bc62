"""Personnummer never in logs: one inside a free text (a handler's exception, an answer from VAS)
is masked by the logging itself, whoever logged it; digits that only look like one stay."""

import json

import pytest
import structlog

from shared.identity import mask_in_text
from shared.logging import configure_logging


def test_a_personnummer_in_any_logged_text_is_masked(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("test")
    try:
        structlog.get_logger("t").error(
            "message_parked", error="VAS answered 422 for 19121212-1212: unknown clinic", other="201212121212 x"
        )
        line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    finally:
        structlog.reset_defaults()
    assert line["error"] == "VAS answered 422 for 19121212-****: unknown clinic"
    assert line["other"] == "20121212-**** x"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("correlation 12345678-1234-4abc-8def-0123456789ab", True),  # not a date
        ("at 1733240000 s", True),  # an epoch time
        ("19121212-1212", False),
        ("121212-1212", False),
        ("121212+1212", False),
    ],
)
def test_only_what_is_a_personnummer_is_masked(text: str, kept: bool) -> None:
    assert (mask_in_text(text) == text) is kept

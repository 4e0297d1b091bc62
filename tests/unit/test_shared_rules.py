"""The shared rules at the door, on plain values: text, bounds, CSV cells, names in texts, senders."""

from datetime import UTC, date, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import ValidationError

from shared.bounds import checked_time
from shared.csv_safe import csv_text, safe_cell
from shared.identity import InvalidPersonnummer, normalize
from shared.messaging.identities import SENDER_HEADER, broker_user
from shared.messaging.senders import SenderCheck
from shared.request import RequestModel
from shared.text import display_name, has_forbidden_characters


class Body(RequestModel):
    name: str
    tags: list[str] = []
    when: datetime | None = None
    document: dict[str, Any] = {}


@pytest.mark.parametrize("bad", ["a\x00b", "\x1b[2J", "left\u202eright", "\ud800", "x\x7f"])
def test_control_characters_are_refused_anywhere_in_a_body(bad: str) -> None:
    assert has_forbidden_characters(bad)
    for body in ({"name": bad}, {"name": "ok", "tags": [bad]}, {"name": "ok", "document": {"k": [bad]}}):
        with pytest.raises(ValidationError) as refused:
            Body.model_validate(body)
        assert refused.value.errors()[0]["type"] == "invalid_characters"


def test_ordinary_text_passes_and_unknown_fields_do_not() -> None:
    assert Body(name="Åsa Öberg\ttab\nrad").name.startswith("Åsa")
    with pytest.raises(ValidationError):
        Body.model_validate({"name": "x", "extra": 1})


def test_times_a_database_cannot_hold_are_refused() -> None:
    far_east = timezone(timedelta(hours=14))
    for bad in (datetime(1, 1, 1, tzinfo=far_east), datetime(9999, 12, 31, tzinfo=UTC), date(1850, 1, 1)):
        with pytest.raises(ValueError, match="between"):
            checked_time(bad)
    assert checked_time(datetime(2026, 3, 29, 2, 30, tzinfo=UTC))
    with pytest.raises(ValidationError):
        Body(name="x", when=datetime(1, 1, 1, tzinfo=far_east))


def test_a_personnummer_is_only_ascii_digits() -> None:
    assert normalize("19121212-1212") == "191212121212"
    for digits in ("٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９"):
        with pytest.raises(InvalidPersonnummer):
            normalize("19121212-1212".translate(str.maketrans("0123456789", digits)))


def test_csv_cells_that_start_like_formulas_are_text() -> None:
    assert [safe_cell(v) for v in ("=1+1", "+46", "-x", "@SUM", "Anna", 5)] == [
        "'=1+1",
        "'+46",
        "'-x",
        "'@SUM",
        "Anna",
        5,
    ]
    assert csv_text(["name"], [['=HYPERLINK("x")']]).splitlines()[1] == '"\'=HYPERLINK(""x"")"'


def test_only_a_plain_clinic_name_goes_into_a_text() -> None:
    assert display_name("S:t Görans vårdcentral") == "S:t Görans vårdcentral"
    assert display_name("Dr. Anna Berg, Vårdcentralen Väst") == "Dr. Anna Berg, Vårdcentralen Väst"
    lures = ["Ring http://x.example", "www.bank.se", "Namn\u202e", "a" * 70]
    # A phone makes a link of any domain-like word, with or without a scheme or "www".
    lures += ["Vårdcentralen bit.ly/boka-om", "Boka om på vard.nu", "evil.com", "Mottagning 1/2"]
    for lure in lures:
        assert display_name(lure) is None, lure


def _message(user_id: str | None, **headers: str) -> Any:
    return SimpleNamespace(user_id=user_id, headers=headers)


def test_a_type_is_taken_only_from_its_owner_and_a_relayed_sender_only_from_a_relayer() -> None:
    check = SenderCheck(me=broker_user("booking"), owners={"appointment.confirmed": "vas_sync"})
    vas_sync = broker_user("vas_sync")
    assert check.trusted("appointment.confirmed", check.sender(_message(vas_sync)))
    assert not check.trusted("appointment.confirmed", check.sender(_message(broker_user("notifications"))))
    assert not check.trusted("appointment.confirmed", check.sender(_message(None)))
    forged = _message(broker_user("notifications"), **{SENDER_HEADER: vas_sync})
    assert not check.trusted("appointment.confirmed", check.sender(forged))
    for relayer in ("booking", "operations"):
        relayed = _message(broker_user(relayer), **{SENDER_HEADER: vas_sync})
        assert check.trusted("appointment.confirmed", check.sender(relayed))
    assert not check.trusted("no.such.type", vas_sync)

"""Answers rendered the fast way say exactly what the slow way said (shared/web/local_time.py,
shared/web/json_answer.py): Stockholm times with the right offset on both sides of a clock
change, from a cached instant or not, and the same JSON bytes as Starlette's encoder."""

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from starlette.responses import JSONResponse

from shared.web.json_answer import JsonAnswer
from shared.web.local_time import STOCKHOLM, stockholm_iso


def test_times_carry_the_offset_in_force_at_that_instant() -> None:
    # 2027-10-31: 02:30 local happens twice (00:30 UTC at +02:00, 01:30 UTC at +01:00).
    first, second = datetime(2027, 10, 31, 0, 30, tzinfo=UTC), datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    for _ in range(2):  # the second round answers from the cache
        assert stockholm_iso(first) == "2027-10-31T02:30:00+02:00"
        assert stockholm_iso(second) == "2027-10-31T02:30:00+01:00"
    assert stockholm_iso(datetime(2027, 3, 28, 1, 30, tzinfo=UTC)) == "2027-03-28T03:30:00+02:00"
    assert stockholm_iso(datetime(2027, 12, 1, 8, 0, 0, 250000, tzinfo=UTC)) == "2027-12-01T09:00:00.250000+01:00"


def test_an_instant_given_in_another_zone_reads_the_same_as_in_utc() -> None:
    at = datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    helsinki = at.astimezone(ZoneInfo("Europe/Helsinki"))
    assert stockholm_iso(helsinki) == stockholm_iso(at) == "2027-10-31T02:30:00+01:00"
    assert stockholm_iso(at.astimezone(timezone(timedelta(hours=-5)))) == stockholm_iso(at)
    # Both readings of the repeated hour in Stockholm's own zone, which compare equal to each other.
    early = datetime(2027, 10, 31, 2, 30, tzinfo=STOCKHOLM)
    late = early.replace(fold=1)
    assert early == late
    assert (stockholm_iso(early), stockholm_iso(late)) == ("2027-10-31T02:30:00+02:00", "2027-10-31T02:30:00+01:00")


def test_the_json_answer_is_the_bytes_starlette_would_send() -> None:
    body = {
        "items": [{"id": "slot-1", "start": "2027-10-31T02:30:00+01:00", "practitioner_id": None, "n": 3}],
        "next": None,
        "text": 'Åsa på vårdcentralen – "välkommen"\n',
        "ok": True,
        "ratio": 0.5,
    }
    fast = JsonAnswer(body, status_code=201, headers={"Location": "/x"})
    slow = JSONResponse(body, 201, {"Location": "/x"})
    assert fast.body == slow.body
    assert fast.headers == slow.headers and fast.status_code == 201
    problem = JsonAnswer({"code": "X"}, status_code=409, media_type="application/problem+json")
    assert problem.headers["content-type"] == "application/problem+json"
    key = uuid.uuid4()
    assert json.loads(bytes(JsonAnswer({"id": key}).body)) == {"id": str(key)}

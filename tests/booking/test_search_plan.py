"""A search reads the open times in the order it lists them and stops at its page, however many
times are already taken: every shape of the search statement can be answered from a partial
index of free and held slots without sorting — in a generic plan too, which is what a statement
prepared once (shared/direct.py) ends up with (issue 17: without them, a search without a
clinic read every coming slot of the time type and sorted, 7 ms of the database's time in the
rush)."""

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.booking.adapters.slot_repo import _search_query, _Shape
from shared.direct import Direct
from tests.support.booking import Api


def _literal(value: Any) -> str:
    """A test's own parameter values as SQL literals (EXECUTE takes no bound parameters)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool | int | float):
        return str(value).lower() if isinstance(value, bool) else str(value)
    if isinstance(value, list):
        return "'{" + ",".join(value) + "}'"
    return "'" + str(value).replace("'", "''") + "'"


def _nodes(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [plan, *(node for child in plan.get("Plans", []) for node in _nodes(child))]


@pytest.mark.parametrize(("clinic", "time_type"), [(True, True), (False, True), (True, False), (False, False)], ids=str)
async def test_every_search_shape_reads_open_times_in_order(api: Api, clinic: bool, time_type: bool) -> None:
    statement = Direct(
        _search_query(
            _Shape(
                phone_line=False,
                by_clinics=False,
                subject=True,
                exclude=False,
                web_limit=True,
                clinic=clinic,
                time_type=time_type,
                after=False,
            )
        )
    )
    now = datetime.now(UTC)
    params = {
        "now": now,
        "start_from": now,
        "start_to": now + timedelta(days=30),
        "limit": 41,
        "subject": "191212121212",
        "web_limit": 4,
        "unlocked": [],
        "clinic": "SE2321000115-O10001",
        "time_type": "covid19-dose1",
        "exclude": None,
        "clinics": [],
        "after_start": None,
        "after_id": None,
    }
    async with api.engine.connect() as conn:
        raw = await conn.get_raw_connection()
        db = raw.driver_connection
        assert db is not None
        async with db.transaction():
            # The plan a prepared statement settles on, and no way round an index.
            await db.execute("SET LOCAL plan_cache_mode = force_generic_plan")
            await db.execute("SET LOCAL enable_seqscan = off")
            await db.execute("SET LOCAL enable_bitmapscan = off")
            await db.execute(f"PREPARE search_plan AS {statement.sql}")
            try:
                values = ", ".join(_literal(v) for v in statement.args(params))
                explained = await db.fetchval(f"EXPLAIN (FORMAT JSON) EXECUTE search_plan({values})")
            finally:
                await db.execute("DEALLOCATE search_plan")

    # SQLAlchemy's dialect has taught the connection to decode JSON already.
    document = explained if isinstance(explained, list) else json.loads(explained)
    nodes = _nodes(document[0]["Plan"])
    slot_scans = [n for n in nodes if n.get("Relation Name") == "slots"]
    assert [n.get("Index Name", "")[: len("ix_slots_open")] for n in slot_scans] == ["ix_slots_open"], slot_scans
    assert not [n for n in nodes if n["Node Type"] in ("Sort", "Incremental Sort")]

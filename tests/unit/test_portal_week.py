"""The week of free times the portal shows first: this week while it has a free time left, else the
week of the first free time (seen on a Friday: the phone line's page opened on an empty week)."""

from datetime import date

from services.portal.api.common import week_context

FRIDAY = date(2026, 12, 4)
MONDAY = date(2026, 11, 30)


def _free(*starts: str) -> list[dict[str, str]]:
    return [{"id": f"s{i}", "start": start, "practitioner_id": "p"} for i, start in enumerate(starts)]


def _shown(context: dict[str, object]) -> list[str]:
    return [time["id"] for day in context["days"] for time in day["times"]]  # type: ignore[attr-defined]


def test_this_week_while_it_has_a_free_time() -> None:
    context = week_context(
        _free("2026-12-04T15:00:00+01:00", "2026-12-08T09:00:00+01:00"), MONDAY, FRIDAY, "sv", asked=None
    )
    assert _shown(context) == ["s0"]
    assert context["previous"] is None and context["following"] == "2026-12-07"


def test_an_empty_week_gives_way_to_the_week_of_the_first_free_time() -> None:
    context = week_context(
        _free("2026-12-15T09:00:00+01:00", "2026-12-16T09:00:00+01:00"), MONDAY, FRIDAY, "sv", asked=None
    )
    assert _shown(context) == ["s0", "s1"]
    assert context["days"][0]["label"] == "måndag 14/12"
    assert context["previous"] == "2026-12-07"  # and back, week by week


def test_a_week_asked_for_is_the_week_shown_even_when_empty() -> None:
    context = week_context(_free("2026-12-15T09:00:00+01:00"), MONDAY, FRIDAY, "sv", asked=FRIDAY)
    assert _shown(context) == []

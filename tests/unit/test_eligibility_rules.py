"""The eligibility rules at their boundaries: pure domain tests with facts built by hand."""

from datetime import UTC, date, datetime, timedelta

import pytest

from services.eligibility.domain.campaign import STOCKHOLM, Campaign
from services.eligibility.domain.facts import Facts, InvitationFact
from services.eligibility.domain.rules import decide
from shared.contracts.common import Channel
from shared.contracts.eligibility import DecideEligibility
from tests.support.people import personnummer

CAMPAIGN = Campaign.model_validate(
    {
        "code": "covid19-2021",
        "time_types": ["covid19-dose1", "covid19-dose2"],
        "dose_rules": [{"time_type": "covid19-dose2", "after": "covid19-dose1", "min_days": 21}],
        "phases": [
            {
                "code": "80plus",
                "starts": "2021-01-18",
                "criteria": [
                    {"kind": "age", "min_age": 80, "reference_date": "2021-12-31"},
                    {"kind": "home_care"},
                    {"kind": "household"},
                ],
            },
            {"code": "staff", "starts": "2021-01-18", "criteria": [{"kind": "staff_roster"}]},
            {
                "code": "70plus",
                "starts": "2021-03-01",
                "criteria": [{"kind": "birth_years", "first": 1942, "last": 1951}],
            },
            {"code": "letters", "starts": "2021-04-01", "criteria": [{"kind": "invitation"}]},
        ],
    }
)
# Midnight Europe/Stockholm, in UTC (winter: UTC+1; 2021-04-01 is after the March DST change: UTC+2).
OPEN_80 = datetime(2021, 1, 17, 23, 0, tzinfo=UTC)
OPEN_70 = datetime(2021, 2, 28, 23, 0, tzinfo=UTC)
OPEN_LETTERS = datetime(2021, 3, 31, 22, 0, tzinfo=UTC)
TICK = timedelta(microseconds=1)


def ask(subject: str, **overrides: object) -> DecideEligibility:
    values: dict[str, object] = {
        "subject": subject,
        "time_type_code": "covid19-dose1",
        "clinic_hsa_id": "SE2321000115-O10001",
        "start": datetime(2021, 6, 1, 9, 0, tzinfo=STOCKHOLM),
        "channel": Channel.WEB,
    }
    values.update(overrides)
    return DecideEligibility.model_validate(values)


def run(facts: Facts, now: datetime, **overrides: object) -> tuple[bool, str]:
    decision = decide(campaign=CAMPAIGN, version=3, question=ask(personnummer(), **overrides), facts=facts, now=now)
    assert decision.rule_version == "covid19-2021@3"
    return decision.eligible, decision.reason


def test_phase_opens_at_midnight_stockholm() -> None:
    assert CAMPAIGN.phases[0].opens_at == OPEN_80
    assert CAMPAIGN.phases[3].opens_at == OPEN_LETTERS  # summer time


def test_80_plus_from_the_first_second_of_the_phase() -> None:
    old = Facts(birth_date=date(1940, 5, 5))
    assert run(old, OPEN_80 - TICK) == (False, "NOT_ELIGIBLE_PHASE_NOT_OPEN")
    assert run(old, OPEN_80) == (True, "AGE_80_PLUS")


def test_age_is_counted_on_the_reference_date() -> None:
    turns_80_on_new_years_eve = Facts(birth_date=date(1941, 12, 31))
    turns_80_next_year = Facts(birth_date=date(1942, 1, 1))
    assert run(turns_80_on_new_years_eve, OPEN_80) == (True, "AGE_80_PLUS")
    assert run(turns_80_next_year, OPEN_80) == (False, "NOT_ELIGIBLE_NOT_IN_PRIORITY_GROUP")


def test_home_care_and_household_open_with_the_80_phase() -> None:
    young = date(1990, 1, 1)
    for facts, reason in (
        (Facts(birth_date=young, home_care=True), "HOME_CARE"),
        (Facts(birth_date=young, household=True), "HOUSEHOLD"),
    ):
        assert run(facts, OPEN_80 - TICK) == (False, "NOT_ELIGIBLE_PHASE_NOT_OPEN")
        assert run(facts, OPEN_80) == (True, reason)


def test_staged_birth_years_open_at_their_own_midnight() -> None:
    born_1945 = Facts(birth_date=date(1945, 7, 1))
    born_1952 = Facts(birth_date=date(1952, 1, 1))
    assert run(born_1945, OPEN_70 - TICK) == (False, "NOT_ELIGIBLE_NOT_IN_PRIORITY_GROUP")
    assert run(born_1945, OPEN_70) == (True, "BIRTH_YEAR_RANGE")
    assert run(born_1952, OPEN_70) == (False, "NOT_ELIGIBLE_NOT_IN_PRIORITY_GROUP")


def test_not_in_group_is_told_when_the_next_phase_opens() -> None:
    decision = decide(
        campaign=CAMPAIGN,
        version=1,
        question=ask(personnummer()),
        facts=Facts(birth_date=date(1990, 1, 1)),
        now=OPEN_80,
    )
    assert decision.evidence == {"next_phase_opens": "2021-03-01"}


def test_staff_roster_needs_the_staff_link_and_the_roster_binding() -> None:
    pnr = personnummer(year=1985)
    facts = Facts(birth_date=date(1985, 1, 1), roster_subject=pnr)
    link = {"channel": Channel.STAFF_LINK, "actor_id": "SE2321000115-E77"}
    q = ask(pnr, **link)
    assert (
        decide(campaign=CAMPAIGN, version=1, question=q, facts=facts, now=OPEN_80 - TICK).reason
        == "NOT_ELIGIBLE_PHASE_NOT_OPEN"
    )
    assert decide(campaign=CAMPAIGN, version=1, question=q, facts=facts, now=OPEN_80).reason == "STAFF_ROSTER"
    # A leaked link: a staff token not on the roster, or someone else's personnummer, gets nobody in.
    off_roster = Facts(birth_date=date(1985, 1, 1))
    assert (
        decide(campaign=CAMPAIGN, version=1, question=q, facts=off_roster, now=OPEN_80).reason
        == "NOT_ELIGIBLE_NOT_ON_STAFF_ROSTER"
    )
    other = ask(personnummer(year=1985), **link)
    assert decide(campaign=CAMPAIGN, version=1, question=other, facts=facts, now=OPEN_80).eligible is False
    # The roster is no web criterion.
    assert decide(campaign=CAMPAIGN, version=1, question=ask(pnr), facts=facts, now=OPEN_80).eligible is False


@pytest.mark.parametrize(
    ("days_after", "expected"),
    [(20, (False, "NOT_ELIGIBLE_DOSE_INTERVAL")), (21, (True, "DOSE_INTERVAL_MET")), (40, (True, "DOSE_INTERVAL_MET"))],
)
def test_dose_two_no_sooner_than_21_days_after_dose_one(days_after: int, expected: tuple[bool, str]) -> None:
    # Dose 1 late in the evening, dose 2 early in the morning: days count in Stockholm, not UTC.
    dose1 = datetime(2021, 3, 20, 23, 30, tzinfo=STOCKHOLM)
    dose2 = datetime(2021, 3, 20, 7, 0, tzinfo=STOCKHOLM) + timedelta(days=days_after)
    facts = Facts(birth_date=date(1990, 1, 1), live_starts={"covid19-dose1": [dose1]})
    assert run(facts, OPEN_80, time_type_code="covid19-dose2", start=dose2) == expected


def test_dose_two_needs_dose_one() -> None:
    assert run(Facts(birth_date=date(1930, 1, 1)), OPEN_80, time_type_code="covid19-dose2") == (
        False,
        "NOT_ELIGIBLE_NO_EARLIER_DOSE",
    )


def test_one_live_booking_per_dose() -> None:
    assert run(Facts(birth_date=date(1930, 1, 1), live_same_type=1), OPEN_80) == (False, "NOT_ELIGIBLE_ALREADY_BOOKED")


def _invitation(redeemed: bool = False) -> InvitationFact:
    return InvitationFact(
        campaign="covid19-2021",
        phase="letters",
        valid_from=OPEN_LETTERS,
        valid_until=OPEN_LETTERS + timedelta(days=30),
        redeemed=redeemed,
    )


def test_invitation_is_a_ticket_once_within_its_window() -> None:
    young = date(1995, 1, 1)
    code = {"invitation_code": "ABCD-EFGH-23"}
    assert run(Facts(birth_date=young, invitation=_invitation()), OPEN_LETTERS - TICK, **code) == (
        False,
        "NOT_ELIGIBLE_INVITATION_NOT_VALID_NOW",
    )
    assert run(Facts(birth_date=young, invitation=_invitation()), OPEN_LETTERS, **code) == (True, "INVITATION")
    assert run(Facts(birth_date=young, invitation=_invitation(redeemed=True)), OPEN_LETTERS, **code) == (
        False,
        "NOT_ELIGIBLE_INVITATION_USED",
    )
    end = OPEN_LETTERS + timedelta(days=30)
    assert run(Facts(birth_date=young, invitation=_invitation()), end, **code)[0] is False
    assert run(Facts(birth_date=young), OPEN_LETTERS, **code) == (False, "NOT_ELIGIBLE_INVITATION_INVALID")


def test_phone_attestation_passes_but_is_followed_up() -> None:
    q = {"channel": Channel.PHONE, "staff_attested": True, "actor_id": "SE2321000115-E1"}
    decision = decide(
        campaign=CAMPAIGN,
        version=1,
        question=ask(personnummer(), **q),
        facts=Facts(birth_date=date(1990, 1, 1)),
        now=OPEN_80,
    )
    assert (decision.eligible, decision.reason, decision.needs_review) == (True, "STAFF_ATTESTED", True)
    unattested = ask(personnummer(), channel=Channel.PHONE, staff_attested=False)
    assert (
        decide(
            campaign=CAMPAIGN, version=1, question=unattested, facts=Facts(birth_date=date(1990, 1, 1)), now=OPEN_80
        ).eligible
        is False
    )


def test_self_declared_only_when_switched_on_and_flagged() -> None:
    facts = Facts(birth_date=date(1990, 1, 1))
    q = ask(personnummer(), self_declared_group="household")
    assert decide(campaign=CAMPAIGN, version=1, question=q, facts=facts, now=OPEN_80).eligible is False
    lenient = CAMPAIGN.model_copy(update={"self_declared_allowed": True})
    decision = decide(campaign=lenient, version=2, question=q, facts=facts, now=OPEN_80)
    assert (decision.eligible, decision.self_declared, decision.needs_review) == (True, True, True)
    not_open_yet = ask(personnummer(), self_declared_group="birth_years")
    assert decide(campaign=lenient, version=2, question=not_open_yet, facts=facts, now=OPEN_80).eligible is False


def test_evidence_holds_no_birth_date() -> None:
    decision = decide(
        campaign=CAMPAIGN,
        version=1,
        question=ask(personnummer()),
        facts=Facts(birth_date=date(1931, 2, 3)),
        now=OPEN_80,
    )
    assert decision.evidence == {"phase": "80plus"}


def test_a_moved_dose_two_must_still_come_21_days_after_dose_one() -> None:
    dose1 = datetime(2021, 3, 1, 9, 0, tzinfo=STOCKHOLM)
    # The booking being moved is left out of the facts; only dose 1 is live besides it.
    facts = Facts(birth_date=date(1990, 1, 1), live_starts={"covid19-dose1": [dose1]})
    moved = {"time_type_code": "covid19-dose2", "purpose": "reschedule"}
    too_soon = dose1 + timedelta(days=20)
    in_time = dose1 + timedelta(days=21)
    assert run(facts, OPEN_80, start=too_soon, **moved) == (False, "NOT_ELIGIBLE_DOSE_INTERVAL")
    assert run(facts, OPEN_80, start=in_time, **moved) == (True, "RESCHEDULED")


def test_a_moved_dose_one_may_not_come_too_close_to_a_booked_dose_two() -> None:
    dose2 = datetime(2021, 4, 1, 9, 0, tzinfo=STOCKHOLM)
    facts = Facts(birth_date=date(1990, 1, 1), live_starts={"covid19-dose2": [dose2]})
    later = dose2 - timedelta(days=20)
    earlier = dose2 - timedelta(days=21)
    moved = {"time_type_code": "covid19-dose1", "purpose": "reschedule"}
    assert run(facts, OPEN_80, start=later, **moved) == (False, "NOT_ELIGIBLE_DOSE_INTERVAL")
    assert run(facts, OPEN_80, start=earlier, **moved) == (True, "RESCHEDULED")


def test_a_moved_booking_keeps_its_eligibility_whoever_it_was_for() -> None:
    # Someone not in any open group (e.g. booked with an invitation, now spent) may still move it.
    facts = Facts(birth_date=date(1990, 1, 1))
    assert run(facts, OPEN_80, purpose="reschedule") == (True, "RESCHEDULED")
    assert run(facts, OPEN_80) == (False, "NOT_ELIGIBLE_NOT_IN_PRIORITY_GROUP")

"""The decision: pure rules over a campaign version, the question and the person's facts."""

from datetime import date, datetime

from services.eligibility.domain.campaign import STOCKHOLM, AgeCriterion, BirthYearsCriterion, Campaign, Phase
from services.eligibility.domain.facts import Facts
from shared.contracts.common import Channel
from shared.contracts.eligibility import DecideEligibility, EligibilityDecided


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def local_day(moment: datetime) -> date:
    return moment.astimezone(STOCKHOLM).date()


class _Answer:
    def __init__(self, rule_version: str) -> None:
        self.rule_version = rule_version

    def no(self, reason: str, **evidence: str) -> EligibilityDecided:
        return EligibilityDecided(eligible=False, reason=reason, rule_version=self.rule_version, evidence=evidence)

    def yes(self, reason: str, *, review: bool = False, declared: bool = False, **evidence: str) -> EligibilityDecided:
        return EligibilityDecided(
            eligible=True,
            reason=reason,
            rule_version=self.rule_version,
            self_declared=declared,
            needs_review=review,
            evidence=evidence,
        )


def decide(
    *, campaign: Campaign, version: int, question: DecideEligibility, facts: Facts, now: datetime
) -> EligibilityDecided:
    """Whether `question.subject` may book `question.time_type_code` now, and why."""
    q = question
    answer = _Answer(f"{campaign.code}@{version}")
    if q.channel == Channel.STAFF_LINK and not _on_roster(q, facts):
        # A staff-only link is nothing without a roster HSA-id bound to the person booking.
        return answer.no("NOT_ELIGIBLE_NOT_ON_STAFF_ROSTER")
    if facts.live_same_type >= campaign.max_live_per_person:
        return answer.no("NOT_ELIGIBLE_ALREADY_BOOKED", limit=str(campaign.max_live_per_person))
    if q.purpose == "reschedule":
        return _moved(answer, campaign, q, facts)
    dose = campaign.dose_rule(q.time_type_code)
    if dose is not None:
        earlier = facts.live_starts.get(dose.after, [])
        if not earlier:
            return answer.no("NOT_ELIGIBLE_NO_EARLIER_DOSE", requires=dose.after)
        first = min(local_day(s) for s in earlier)
        if (local_day(q.start) - first).days < dose.min_days:
            return answer.no("NOT_ELIGIBLE_DOSE_INTERVAL", min_days=str(dose.min_days))
        return answer.yes("DOSE_INTERVAL_MET", requires=dose.after, min_days=str(dose.min_days))
    if q.invitation_code:
        return _invitation(answer, campaign, facts, now)
    open_phases = campaign.open_phases(now)
    if not open_phases:
        return answer.no("NOT_ELIGIBLE_PHASE_NOT_OPEN", **_next(campaign, now))
    for phase in open_phases:
        reason = _matching_criterion(phase, q, facts, now)
        if reason is not None:
            return answer.yes(reason, phase=phase.code)
    if q.channel == Channel.PHONE and q.staff_attested and campaign.phone_attestation_allowed:
        # The caller answered the control questions; no register says so, so the region calls back.
        return answer.yes("STAFF_ATTESTED", review=True, attested_by=q.actor_id or "")
    declarable = {c.kind for p in open_phases for c in p.criteria} - {"staff_roster", "invitation"}
    if campaign.self_declared_allowed and q.channel == Channel.WEB and q.self_declared_group in declarable:
        return answer.yes("SELF_DECLARED", review=True, declared=True, group=str(q.self_declared_group))
    return answer.no("NOT_ELIGIBLE_NOT_IN_PRIORITY_GROUP", **_next(campaign, now))


def _on_roster(q: DecideEligibility, facts: Facts) -> bool:
    return bool(q.actor_id) and facts.roster_subject is not None and facts.roster_subject == q.subject


def _matching_criterion(phase: Phase, q: DecideEligibility, facts: Facts, now: datetime) -> str | None:
    for criterion in phase.criteria:
        if isinstance(criterion, AgeCriterion):
            if age_on(facts.birth_date, criterion.reference_date or local_day(now)) >= criterion.min_age:
                return f"AGE_{criterion.min_age}_PLUS"
        elif isinstance(criterion, BirthYearsCriterion):
            if criterion.first <= facts.birth_date.year <= criterion.last:
                return "BIRTH_YEAR_RANGE"
        elif criterion.kind == "home_care" and facts.home_care:
            return "HOME_CARE"
        elif criterion.kind == "household" and facts.household:
            return "HOUSEHOLD"
        elif criterion.kind == "staff_roster" and q.channel == Channel.STAFF_LINK and _on_roster(q, facts):
            return "STAFF_ROSTER"
    return None


def _moved(answer: _Answer, campaign: Campaign, q: DecideEligibility, facts: Facts) -> EligibilityDecided:
    """A booking already decided eligible moves to another time (the facts leave it out).

    Phases only ever open and an invitation was spent on the booking itself, so what can change
    with the date is the interval between doses: the moved dose must still come late enough
    after the earlier one, and early enough before a later dose already booked."""
    new_day = local_day(q.start)
    dose = campaign.dose_rule(q.time_type_code)
    if dose is not None:
        earlier = facts.live_starts.get(dose.after, [])
        if not earlier:
            return answer.no("NOT_ELIGIBLE_NO_EARLIER_DOSE", requires=dose.after)
        if (new_day - min(local_day(s) for s in earlier)).days < dose.min_days:
            return answer.no("NOT_ELIGIBLE_DOSE_INTERVAL", min_days=str(dose.min_days))
    for later in campaign.dose_rules:
        if later.after != q.time_type_code:
            continue
        for start in facts.live_starts.get(later.time_type, []):
            if (local_day(start) - new_day).days < later.min_days:
                return answer.no("NOT_ELIGIBLE_DOSE_INTERVAL", min_days=str(later.min_days), before=later.time_type)
    return answer.yes("RESCHEDULED")


def _invitation(answer: _Answer, campaign: Campaign, facts: Facts, now: datetime) -> EligibilityDecided:
    invitation = facts.invitation
    # An unknown code and someone else's code answer the same: a code's existence is not revealed.
    if invitation is None or invitation.campaign != campaign.code:
        return answer.no("NOT_ELIGIBLE_INVITATION_INVALID")
    if invitation.redeemed:
        return answer.no("NOT_ELIGIBLE_INVITATION_USED")
    if not invitation.valid_from <= now < invitation.valid_until:
        return answer.no("NOT_ELIGIBLE_INVITATION_NOT_VALID_NOW")
    return answer.yes("INVITATION", phase=invitation.phase)


def _next(campaign: Campaign, now: datetime) -> dict[str, str]:
    upcoming = campaign.next_phase(now)
    return {"next_phase_opens": upcoming.starts.isoformat()} if upcoming else {}

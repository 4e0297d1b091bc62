"""Every refusal the portal can meet reads as words in Swedish and English, never as a raw code;
every reason eligibility gives has its own sentence."""

import re
from pathlib import Path

import pytest

from services.booking.domain.errors import BookingCode
from services.notifications.domain.errors import NotificationsCode
from services.portal.api.texts import NOT_ELIGIBLE_REASONS, REFUSALS, refusal_text, why_not_eligible
from shared.errors import CommonCode

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("code", [c.name for c in BookingCode] + [c.name for c in CommonCode])
def test_each_code_reads_as_words(code: str, lang: str) -> None:
    catalogue = BookingCode if code in BookingCode.__members__ else CommonCode
    _, detail_en, detail_sv = catalogue[code].value
    text = refusal_text(code, lang, detail_sv, detail_en)
    assert text and code not in text and not re.fullmatch(r"[A-Z_]+", text)


# The residents' portal calls booking (its resident and phone-booking parts) and the
# notifications service's contact preferences; every code they can answer has our own words,
# with a next step, in both languages (not just the API's detail).
MET = {c.name for c in BookingCode} | {c.name for c in CommonCode} | {c.name for c in NotificationsCode}
STAFF_ONLY = {"NOTIFICATION_NOT_FOUND", "NOTIFICATION_NOT_FAILED"}


def test_every_code_the_portal_meets_has_its_own_words_in_both_languages() -> None:
    missing = sorted(MET - STAFF_ONLY - set(REFUSALS))
    assert not missing
    for code, words in REFUSALS.items():
        assert words["sv"] != words["en"] and words["sv"].endswith(".") and words["en"].endswith("."), code


def test_every_reason_eligibility_gives_has_words() -> None:
    given = set(re.findall(r'"(NOT_ELIGIBLE_[A-Z_]+)"', (ROOT / "services/eligibility/domain/rules.py").read_text()))
    assert given and given <= set(NOT_ELIGIBLE_REASONS), given - set(NOT_ELIGIBLE_REASONS)
    lines = why_not_eligible(
        {"reason": "NOT_ELIGIBLE_PHASE_NOT_OPEN", "evidence": {"next_phase_opens": "2026-12-10T00:00:00+01:00"}}, "en"
    )
    assert lines == ["Booking for your group has not opened yet.", "You can book from 10/12 2026."]

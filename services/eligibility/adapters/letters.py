"""Printable invitation letters in Swedish (one page per person), with fpdf2.

Names in Sweden are written in many alphabets' letters (Jovanović, Łukasz, Ørsted, Nguyễn,
Κωνσταντίνος, Сергей): the letters use Source Sans Pro, a TTF shipped as a Python package (Latin,
Greek and Cyrillic), never a font fetched at run time. A character even that font lacks is
printed as its closest plain form or "?", and the letter is reported as incomplete instead of
failing the batch; so is a letter that fails to render for any other reason.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import font_source_sans_pro
from fontTools.ttLib import TTFont
from fpdf import FPDF

from services.eligibility.domain.campaign import STOCKHOLM
from services.eligibility.domain.invitation_codes import printed
from services.eligibility.domain.records import Invitation
from shared.logging import get_logger

log = get_logger(__name__)
FONTS = Path(font_source_sans_pro.__file__).parent / "files"
REGULAR, BOLD = FONTS / "SourceSansPro-Regular.ttf", FONTS / "SourceSansPro-Bold.ttf"
FAMILY = "SourceSans"


@dataclass
class Letters:
    pdf: bytes
    # Places in the batch (1 = first) of letters printed with "?" for characters, or not at all.
    incomplete: list[int] = field(default_factory=list)


@cache
def _covered() -> frozenset[int]:
    return frozenset(TTFont(REGULAR).getBestCmap())


def printable(text: str) -> tuple[str, bool]:
    """`text` as the font can print it, and whether anything had to be replaced."""
    covered = _covered()
    out, replaced = [], False
    for char in text:
        if ord(char) in covered or char in "\n ":
            out.append(char)
            continue
        replaced = True
        plain = "".join(c for c in unicodedata.normalize("NFKD", char) if ord(c) in covered)
        out.append(plain or "?")
    return "".join(out), replaced


def letters_pdf(rows: Iterable[Invitation], *, campaign_name: str, booking_url: str, phone: str) -> Letters:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(25, 25, 25)
    pdf.add_font(FAMILY, "", str(REGULAR))
    pdf.add_font(FAMILY, "B", str(BOLD))
    result = Letters(pdf=b"")
    for place, row in enumerate(rows, start=1):
        pdf.add_page()
        try:
            if _letter(pdf, row, campaign_name=campaign_name, booking_url=booking_url, phone=phone):
                result.incomplete.append(place)
        except Exception as exc:  # noqa: BLE001 - one letter never fails the batch
            log.warning("letter_not_rendered", place=place, error=type(exc).__name__)
            result.incomplete.append(place)
            pdf.set_font(FAMILY, size=11)
            pdf.set_xy(25, 25)
            pdf.multi_cell(0, 6, f"Brev {place} kunde inte skrivas ut. Letter {place} could not be printed.")
    result.pdf = bytes(pdf.output())
    return result


def _letter(pdf: FPDF, row: Invitation, *, campaign_name: str, booking_url: str, phone: str) -> bool:
    """One letter on the current page; True when some character had to be replaced."""
    address = row.address or {}
    lines = [
        printable(str(text).strip())
        for text in (
            row.name,
            address.get("street", ""),
            f"{address.get('postal_code', '')} {address.get('city', '')}",
        )
    ]
    pdf.set_font(FAMILY, size=11)
    for line, _ in lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(18)
    pdf.set_font(FAMILY, style="B", size=16)
    title, title_replaced = printable(f"Kallelse: {campaign_name}")
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FAMILY, size=11)
    until = row.valid_until.astimezone(STOCKHOLM).strftime("%Y-%m-%d")
    since = row.valid_from.astimezone(STOCKHOLM).strftime("%Y-%m-%d")
    pdf.multi_cell(
        0,
        6,
        "Nu är det din tur att boka tid. Det här brevet är din biljett till bokningen: koden nedan "
        "gäller bara för dig och kan användas för en bokning. Om du avbokar kan du använda koden igen.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(6)
    pdf.set_font("Courier", style="B", size=22)
    pdf.cell(0, 12, printed(row.code), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=11)
    pdf.ln(6)
    pdf.multi_cell(
        0,
        6,
        f"Koden gäller från {since} till och med {until}.\n"
        f"Boka på {booking_url}: logga in, välj tid och skriv in koden.\n"
        f"Kan du inte boka på webben? Ring {phone}, så hjälper vi dig.\n\n"
        "Ta med legitimation till besöket. Vaccinationen är kostnadsfri.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return title_replaced or any(replaced for _, replaced in lines)

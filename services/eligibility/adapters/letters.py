"""Printable invitation letters in Swedish (one page per person), with fpdf2."""

from collections.abc import Iterable
from typing import Any

from fpdf import FPDF

from services.eligibility.domain.campaign import STOCKHOLM
from services.eligibility.domain.invitation_codes import printed


def letters_pdf(rows: Iterable[Any], *, campaign_name: str, booking_url: str, phone: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(25, 25, 25)
    for row in rows:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        address = row.address or {}
        for line in (
            row.name,
            address.get("street", ""),
            f"{address.get('postal_code', '')} {address.get('city', '')}",
        ):
            pdf.cell(0, 6, line.strip(), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(18)
        pdf.set_font("Helvetica", style="B", size=16)
        pdf.multi_cell(0, 8, f"Kallelse: {campaign_name}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font("Helvetica", size=11)
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
        pdf.set_font("Helvetica", size=11)
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
    return bytes(pdf.output())

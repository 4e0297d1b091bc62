"""Validating register and invitation CSV files row by row: all rows good, or a report of
every bad row and nothing imported."""

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from shared.identity import InvalidPersonnummer, normalize
from shared.text import has_forbidden_characters

MAX_ROWS = 200_000


@dataclass
class RowReport:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)


class BadRow(ValueError):
    pass


def personnummer(value: str) -> str:
    try:
        return normalize(value)
    except InvalidPersonnummer:
        raise BadRow("not a valid personnummer or samordningsnummer") from None


def required(value: str, name: str) -> str:
    if not value.strip():
        raise BadRow(f"{name} is empty")
    return value.strip()


def parse(text: str, columns: tuple[str, ...], row: Callable[[dict[str, str]], dict[str, Any]]) -> RowReport:
    """Rows numbered as in the file (header = line 1). Error texts never echo the value."""
    report = RowReport()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=_delimiter(text))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        report.errors.append({"line": 1, "error": f"missing columns: {', '.join(missing)}"})
        return report
    seen: dict[str, int] = {}
    for count, (line, raw) in enumerate(_numbered(reader, report), start=1):
        if count > MAX_ROWS:
            report.errors.append({"line": line, "error": f"more than {MAX_ROWS} rows"})
            break
        cells = {k: v if isinstance(v, str) else "" for k, v in raw.items() if k}
        try:
            # csv keeps extra fields under None and fills missing ones with None: either way the
            # row does not say what the header says (a comma in a name, say), so it is not guessed at.
            if None in raw:
                raise BadRow("more fields than the header has")
            if any(v is None for v in raw.values()):
                raise BadRow("fewer fields than the header has")
            if any(has_forbidden_characters(v) for v in cells.values()):
                raise BadRow("control characters are not allowed")
            values = row(cells)
        except BadRow as exc:
            report.errors.append({"line": line, "error": str(exc)})
            continue
        key = str(values.get("key", ""))
        if key in seen:
            report.errors.append({"line": line, "error": f"same person or id as line {seen[key]}"})
            continue
        seen[key] = line
        report.rows.append(values)
    if not report.rows and not report.errors:
        report.errors.append({"line": 1, "error": "no rows"})
    return report


def _numbered(reader: "csv.DictReader[str]", report: RowReport) -> Iterator[tuple[int, dict[str, Any]]]:
    """The rows with the file's line each ends on (blank lines skipped, a quoted line break
    counted); a line the csv module cannot read ends the file with an error."""
    while True:
        try:
            raw = next(reader)
        except StopIteration:
            return
        except csv.Error:
            report.errors.append({"line": reader.line_num, "error": "not readable as CSV (e.g. a NUL character)"})
            return
        yield reader.line_num, raw


def _delimiter(text: str) -> str:
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","

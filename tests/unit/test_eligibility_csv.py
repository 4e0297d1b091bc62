"""CSV imports (registers, invitations): a row report numbered as the file is, nothing guessed."""

from typing import Any

from services.eligibility.domain.csv_rows import BadRow, parse


def _row(cells: dict[str, str]) -> dict[str, Any]:
    if not cells["personnummer"].isdigit():
        raise BadRow("not a personnummer")
    return {"key": cells["personnummer"], **cells}


COLUMNS = ("personnummer", "group", "municipality")


def test_lines_are_the_files_lines_whatever_blank_lines_and_quoted_line_breaks() -> None:
    text = 'personnummer,group,municipality\n\n191212121212,a,"Malmö\nSkåne"\nnot-a-number,a,Lund\n'
    report = parse(text, COLUMNS, _row)
    assert [r["key"] for r in report.rows] == ["191212121212"]
    assert report.errors == [{"line": 5, "error": "not a personnummer"}]


def test_a_row_with_more_or_fewer_fields_than_the_header_is_refused_not_guessed() -> None:
    text = "personnummer,group,municipality\n191212121212,a,Malmö, Skåne län\n191212121213,a\n191212121214,a,Lund\n"
    report = parse(text, COLUMNS, _row)
    assert [r["key"] for r in report.rows] == ["191212121214"]
    assert report.errors == [
        {"line": 2, "error": "more fields than the header has"},
        {"line": 3, "error": "fewer fields than the header has"},
    ]

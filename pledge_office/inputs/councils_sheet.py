"""The councils sheet: many councils in one workbook (or CSV), one row each, for 'batch'.

Its columns are declared once here and used both to write the blank sheet
('init --councils', in documents/councils_workbook.py) and to read it back,
so the two cannot drift.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Dict, List, Optional

from pledge_office.model.council import Council
from pledge_office.model.council_fields import sheet_fields

from pledge_office.inputs.council_file import council_from_mapping
from pledge_office.errors import CouncilFileError, PledgeOfficeError

SHEET = "Councils"


@dataclass(frozen=True)
class SheetColumn:
    """One column: the header officers see, the council-file field it fills, and help."""

    header: str
    field: str
    width: int = 22
    prompt: str = ""
    kind: str = "text"  # text | date | yesno
    required: bool = False


def _columns_from_fields():
    for header, path, item, required in sheet_fields():
        prompt = item.help[:1].upper() + item.help[1:] if item.help else ""
        if item.kind == "date":
            prompt = f"{prompt}, as DD/MM/YYYY" if prompt else "A date, as DD/MM/YYYY"
        yield SheetColumn(header, path, item.width, prompt, item.kind if item.kind in ("date", "yesno") else "text",
                          required)


COLUMNS = tuple(_columns_from_fields())
BY_HEADER = {c.header.lower(): c for c in COLUMNS}
REQUIRED_HEADERS = tuple(c.header for c in COLUMNS if c.required)


@dataclass
class CouncilRow:
    """One row of the sheet: its council, or why it could not be read."""

    number: int
    label: str
    council: Optional[Council] = None
    error: Optional[str] = None
    name: str = ""  # the council's name as the row gives it, even when the row has an error
    cause: Optional[PledgeOfficeError] = None  # the row's error, with its file and cell
    due: Optional[date] = None  # when its review is due back, as the row gives it, even when the row has an error
    period: str = ""


def read_councils(path: Path, check_logos: bool = True) -> List[CouncilRow]:
    """Read every row of a councils sheet (.xlsx or .csv); a bad row is reported, not fatal.

    Without ``check_logos`` the logo files are not looked at (a summary needs none).
    """
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        raise CouncilFileError("is a council file for one council; 'batch' takes a councils sheet (.xlsx or .csv) "
                               "from 'pledge-office init --councils'; for one council use 'adoption-pack'", file=path)
    if path.suffix.lower() == ".csv":
        header, rows, where = _read_csv(path)
    else:
        header, rows, where = _read_xlsx(path)
    columns = _columns(header, path, where)
    result = []
    for number, values, texts in rows:
        if not any(str(v).strip() for v in values if v is not None):
            continue
        result.append(_council_row(path, number, values, texts, columns, where, check_logos))
    if not result:
        raise CouncilFileError("has no councils in it; fill in a row for each council", file=path)
    return result


def _read_xlsx(path: Path):
    from io import BytesIO

    from openpyxl import load_workbook

    from pledge_office.office.sheets import TableTooLong, read_table
    from pledge_office.office.safe_zip import WORKBOOK_LIMITS, check_office_zip

    check_office_zip(path, kind="an Excel workbook (.xlsx)", main_part="xl/workbook.xml", limits=WORKBOOK_LIMITS)
    try:
        book = load_workbook(BytesIO(path.read_bytes()), read_only=True, data_only=True)
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        table = read_table(sheet)  # every row, whatever the blank gaps (as a .csv is read)
        rows, texts = table.values, table.texts
        title = sheet.title
        book.close()
    except PledgeOfficeError:
        raise
    except TableTooLong as exc:
        raise CouncilFileError(exc.describe("a councils sheet"), file=path) from None
    except Exception as exc:
        raise CouncilFileError(f"cannot be read as a councils sheet ({type(exc).__name__}); save it again as .xlsx",
                               file=path) from None
    if not rows:
        raise CouncilFileError("is empty; start from 'pledge-office init --councils'", file=path)

    def where(row: int, column: int) -> str:
        from openpyxl.utils import get_column_letter

        return f"{title}!{get_column_letter(column)}{row}"

    # Text columns take the text shown in the cell: a phone number typed 01632 960000 into a
    # General cell is stored as a number, but the officer saw (and meant) the text.
    return list(rows[0]), [(i, list(r), list(t)) for i, (r, t) in enumerate(zip(rows[1:], texts[1:]), start=2)], where


def _read_csv(path: Path):
    from pledge_office.office.files import check_regular

    check_regular(path, 50_000_000, "a councils sheet (.csv)")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except UnicodeDecodeError:
        raise CouncilFileError("is not UTF-8 text; save it as 'CSV UTF-8'", file=path) from None
    if not rows:
        raise CouncilFileError("is empty; start from 'pledge-office init --councils'", file=path)
    headers = rows[0]

    def where(row: int, column: int) -> str:
        name = headers[column - 1] if column - 1 < len(headers) else f"column {column}"
        return f"row {row}, column '{name}'"

    return headers, [(i, r, r) for i, r in enumerate(rows[1:], start=2)], where


def _columns(header, path: Path, where) -> Dict[int, SheetColumn]:
    import difflib

    columns: Dict[int, SheetColumn] = {}
    for index, value in enumerate(header, start=1):
        name = " ".join(str(value or "").split())
        if not name:
            continue
        column = BY_HEADER.get(name.lower())
        if column is None:
            close = difflib.get_close_matches(name, [c.header for c in COLUMNS], n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise CouncilFileError(f"unknown column '{name}'{hint}", file=path, where=where(1, index))
        columns[index] = column
    missing = [header for header in REQUIRED_HEADERS if BY_HEADER[header.lower()] not in columns.values()]
    if missing:
        raise CouncilFileError(f"has no '{missing[0]}' column, which every council needs; add it back "
                               "(start from 'pledge-office init --councils')", file=path)
    return columns


def _council_row(path: Path, number: int, values, texts, columns: Dict[int, SheetColumn], where,
                 check_logos: bool = True) -> CouncilRow:
    data: dict = {}
    locations: Dict[str, str] = {}
    for index, column in columns.items():
        value = values[index - 1] if index - 1 < len(values) else None
        if column.kind != "date" and value is not None:
            value = texts[index - 1]
        if isinstance(value, datetime):
            value = value.date()
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        _put(data, column.field, value if isinstance(value, date) else str(value).strip())
        locations[column.field] = where(number, index)
    for index, column in columns.items():
        locations.setdefault(column.field, where(number, index))
    _tidy_lists(data, locations)
    given = str((data.get("council") or {}).get("name") or "")
    label = f"row {number} ({given or f'row {number}'})"
    try:
        council = council_from_mapping(data, locations, path, path.parent, check_logos=check_logos)
        return CouncilRow(number, label, council=council, name=given)
    except PledgeOfficeError as exc:
        review = data.get("review") or {}
        return CouncilRow(number, label, error=str(exc), name=given, cause=exc, due=_date_or_none(review.get("due")),
                          period=str(review.get("period") or ""))


def _date_or_none(value) -> Optional[date]:
    """The date a cell gives, or None when it gives none (a row in error is still placed in time if it can be)."""
    from pledge_office.model.dates import DateProblem, parse_uk_date

    if isinstance(value, date):
        return value
    try:
        return parse_uk_date(str(value)) if value else None
    except DateProblem:
        return None


def _put(data: dict, dotted: str, value) -> None:
    import re

    parts = re.findall(r"[^.\[\]]+|\[\d+\]", dotted)
    target = data
    for part, following in zip(parts, parts[1:] + [None]):
        if part.startswith("["):
            continue
        if following is None:
            target[part] = value
        elif following.startswith("["):
            items = target.setdefault(part, [])
            index = int(following[1:-1]) - 1
            while len(items) <= index:
                items.append({})
            target = items[index]
        else:
            target = target.setdefault(part, {})


def _tidy_lists(data: dict, locations: Dict[str, str]) -> None:
    """Drop empty slots of the numbered lists (signatories, co-signatories, partners), and renumber locations."""
    for key in ("signatories", "co_signatories", "partners"):
        if key not in data and key != "signatories":
            continue  # no partners on the row: the pledge's own (placeholder) logos, as in a council file
        people = data.get(key) or []
        kept = [(i, p) for i, p in enumerate(people, start=1) if p]
        data[key] = [p for _, p in kept]
        moved = {}
        for new, (old, _) in enumerate(kept, start=1):
            for field_path, location in list(locations.items()):
                if field_path.startswith(f"{key}[{old}]."):
                    moved[f"{key}[{new}]." + field_path.split(".", 1)[1]] = location
        locations.update(moved)
        if not data[key]:
            locations.setdefault(key, locations.get(f"{key}[1].name", ""))

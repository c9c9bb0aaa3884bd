"""Dates as British officers write them, read without guessing."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Optional

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{2}|\d{4})$")
# Excel's day zero: serial 1 is 1900-01-01, and Excel counts a 29 Feb 1900 that never was.
_EXCEL_EPOCH = datetime(1899, 12, 30)
_EXCEL_1904_EPOCH = datetime(1904, 1, 1)


class DateProblem(ValueError):
    """Text that is not a date, or not a real one."""


def format_uk(value: Optional[date]) -> str:
    """Return a date as 31 March 2027, the way council documents print it."""
    if value is None:
        return ""
    return f"{value.day} {value.strftime('%B %Y')}"


def parse_uk_date(text: str) -> date:
    """Read a date typed in a British form; DD/MM/YYYY, never MM/DD."""
    text = " ".join(str(text).split())
    for pattern, order in ((_ISO, "ymd"), (_NUMERIC, "dmy")):
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups())))
            return _make_date(parts["y"], parts["m"], parts["d"], text, day_first=order == "dmy")
    match = _WORDS.match(text)
    if match:
        day, month_name, year = match.groups()
        month = MONTHS.get(month_name.lower())
        if month is None:
            raise DateProblem(f"'{text}' has an unknown month '{month_name}'")
        return _make_date(int(year), month, int(day), text)
    raise DateProblem(f"'{text}' is not a date; write it as DD/MM/YYYY, e.g. 31/03/2027")


def from_excel_serial(serial: float, epoch1904: bool = False) -> date:
    """Turn an Excel serial day number (a date cell formatted as General) into a date.

    A workbook saved with the 1904 date system (old Mac Excel) counts from 1 January 1904.
    """
    if not 1 <= serial < 2958466:
        raise DateProblem(f"{serial:g} is not a date; write it as DD/MM/YYYY")
    if epoch1904:
        return (_EXCEL_1904_EPOCH + timedelta(days=int(serial))).date()
    # Before Excel's phantom 29 February 1900 (serial 60) the count is one day off.
    days = int(serial) + (1 if serial < 60 else 0)
    return (_EXCEL_EPOCH + timedelta(days=days)).date()


def _make_date(year: int, month: int, day: int, text: str, day_first: bool = False) -> date:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        # '03/13/2027' was typed month first: say how dates are read. ('2027-13-01' is simply wrong.)
        hint = "; dates are read day first (DD/MM/YYYY)" if day_first and month > 12 and day <= 12 else ""
        raise DateProblem(f"'{text}' is not a real date (day {day}, month {month}){hint}") from None


def parse_iso(value: str) -> Optional[date]:
    """Return the date an ISO string such as '2027-03-31' names, or None for '' or nonsense."""
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None

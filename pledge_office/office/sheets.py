"""Spreadsheet helpers shared by every workbook the tool writes or reads."""

from __future__ import annotations

from typing import Iterator

HEADER_SEARCH_ROWS = 30
MAX_TABLE_ROWS = 2_000
EMPTY_ROWS_END_TABLE = 30
MAX_COLUMNS = 100


def set_text(cell, value: str) -> None:
    """Store text as text: a value starting with '=' must never become a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def table_rows(sheet, limit: int = MAX_TABLE_ROWS, max_columns: int = MAX_COLUMNS) -> Iterator[tuple]:
    """Yield row values until the table ends: a sheet may claim a million rows."""
    empty_run = 0
    for count, row in enumerate(sheet.iter_rows(max_col=max_columns, values_only=True)):
        if count >= limit:
            return
        if any(v is not None and str(v).strip() for v in row):
            empty_run = 0
        else:
            empty_run += 1
            if empty_run > EMPTY_ROWS_END_TABLE and count > HEADER_SEARCH_ROWS:
                return
        yield tuple(row)

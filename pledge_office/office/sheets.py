"""Spreadsheet helpers shared by every workbook the tool writes or reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator, List, Optional, Tuple
from weakref import WeakKeyDictionary

from pledge_office.office.text import clean_text

HEADER_SEARCH_ROWS = 30
MAX_COLUMNS = 100
# A review has 8 commitments and a few further actions; a councils sheet a few hundred
# councils. A sheet with more rows than this holding anything is refused, never cut short.
MAX_TABLE_ROWS = 5_000
MAX_TABLE_CELLS = 100_000  # cells holding something, in one sheet
EXCEL_CELL_LIMIT = 32_767  # characters Excel keeps in one cell


class TableTooLong(Exception):
    """A sheet has content further down (or more cells) than any real table of ours."""

    def __init__(self, row: int, cells: int = 0) -> None:
        super().__init__(row)
        self.row, self.cells = row, cells

    def describe(self, what: str) -> str:
        if self.cells:
            return (f"has more than {self.cells:,} cells filled in (by row {self.row}), far more than {what} "
                    "holds; delete what does not belong to the table and save it again")
        return (f"has something in row {self.row}, below the {MAX_TABLE_ROWS:,} rows {what} can have; "
                "delete what is below the table and save it again")


@dataclass
class Table:
    """A sheet's cells read once, to the last row holding anything.

    ``values`` holds what the file stores (numbers, dates, text), ``texts`` what the
    officer saw in each cell (see office/cell_text.py). Row i of the lists is sheet row
    i + 1. ``outside`` lists (row, column) of cells holding something beyond the columns
    read, so a reader can say it did not use them.
    """

    values: List[tuple] = field(default_factory=list)
    texts: List[tuple] = field(default_factory=list)
    outside: List[Tuple[int, int]] = field(default_factory=list)


def set_text(cell, value: str) -> None:
    """Store text as text: never a formula, never a control character Excel cannot hold.

    Text longer than a cell holds is never cut silently: the cell says what is missing.
    """
    if isinstance(value, str):
        value = within_cell(clean_text(value))
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def style_like(cell, key, style: Callable[[object], None]) -> None:
    """Style ``cell`` with ``style``, or copy the style it gave the first cell with the same ``key``.

    openpyxl registers every Font, Border, Alignment ... assigned to a cell by
    hashing it: styling a review's rows one attribute at a time was most of the
    cost of writing the workbook. Copying a finished cell style is how openpyxl's
    own documentation copies styles. The styles belong to one workbook, so the
    copies are kept per workbook.
    """
    from copy import copy

    made = _STYLES.setdefault(cell.parent.parent, {})
    if key in made:
        cell._style = copy(made[key])
        return
    style(cell)
    made[key] = copy(cell._style)


_STYLES: "WeakKeyDictionary" = WeakKeyDictionary()


def within_cell(text: str) -> str:
    """Return text that fits one cell; over the limit, cut with a note saying how much is not shown."""
    if len(text) <= EXCEL_CELL_LIMIT:
        return text
    kept = text[:EXCEL_CELL_LIMIT - 160]
    return (f"{kept}\n[... {len(text) - len(kept):,} more characters not shown: a spreadsheet cell holds "
            f"{EXCEL_CELL_LIMIT:,}. The full text is in the returned workbook.]")


def read_table(sheet, max_columns: int = MAX_COLUMNS, max_rows: int = MAX_TABLE_ROWS) -> Table:
    """Read an openpyxl sheet to its real end, whatever blank gap comes before the last row."""
    return table_from_rows(_rows_with_cells(sheet), max_columns, max_rows)


def table_from_rows(rows, max_columns: int = MAX_COLUMNS, max_rows: int = MAX_TABLE_ROWS) -> Table:
    """Build a sheet's table from the rows its file holds: (row number, [(column, value, number format)]).

    Only rows that hold a cell come in (a sheet may claim a million rows); blank rows
    between them are kept as empty tuples so row numbers stay true.
    """
    from pledge_office.office.cell_text import cell_text

    table = Table()
    filled = 0
    for row_number, cells in rows:
        values = [None] * max_columns
        texts = [""] * max_columns
        used = 0
        for column, value, number_format in cells:
            if value is None or (isinstance(value, str) and value == ""):
                continue
            if column > max_columns:
                if len(table.outside) < 1000:
                    table.outside.append((row_number, column))
                continue
            values[column - 1] = value
            texts[column - 1] = clean_text(cell_text(value, number_format))
            used = max(used, column)
            filled += 1
        if filled > MAX_TABLE_CELLS:
            raise TableTooLong(row_number, MAX_TABLE_CELLS)
        if not used:
            continue
        if row_number > max_rows:
            raise TableTooLong(row_number)
        while len(table.values) < row_number - 1:
            table.values.append(())
            table.texts.append(())
        table.values.append(tuple(values[:used]))  # trimmed: memory follows what is there
        table.texts.append(tuple(texts[:used]))
    return table


def table_rows(sheet, limit: int = MAX_TABLE_ROWS, max_columns: int = MAX_COLUMNS) -> Iterator[tuple]:
    """Yield row values to the real end of the sheet (blank rows as all-None rows)."""
    for row in read_table(sheet, max_columns, limit).values:
        yield row if row else (None,) * max_columns


def _rows_with_cells(sheet) -> Iterator[Tuple[int, list]]:
    """Yield (row number, [(column, value, number format)]) for each row the file holds."""
    parse = getattr(sheet, "_get_source", None)
    if parse is None:  # an ordinary (not read-only) worksheet, already in memory
        for row in sheet.iter_rows():
            cells = [(c.column, c.value, c.number_format) for c in row if c.value is not None]
            if cells:
                yield row[0].row, cells
        return
    from openpyxl.worksheet._reader import WorkSheetParser

    book = sheet.parent
    formats = _number_formats(book)
    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=book.data_only, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for row_number, cells in parser.parse():
            yield row_number, [(c["column"], c["value"], formats(c.get("style_id", 0))) for c in cells]


def _number_formats(book):
    """Return a function from a cell's style id to its number format code."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    styles = book._cell_styles
    custom = book._number_formats

    def lookup(style_id) -> str:
        try:
            number_format_id = styles[int(style_id or 0)].numFmtId
        except (IndexError, ValueError, TypeError):
            return "General"
        if number_format_id < 164:
            return BUILTIN_FORMATS.get(number_format_id, "General")
        try:
            return custom[number_format_id - 164]
        except IndexError:
            return "General"

    return lookup


def save_workbook(book, path, properties,
                  change_part: Optional[Callable[[str, bytes], bytes]] = None) -> None:
    """Save ``book`` with its title, subject, author, company and English (UK) language, in Excel's order.

    ``properties`` is an ooxml.FileProperties. openpyxl names itself the
    author, sets no title or language, and writes fonts in an order the
    schema does not allow: the saved file is put right part by part, and
    ``change_part(name, data)`` may change any other part on the way.
    """
    from io import BytesIO

    from pledge_office.office.ooxml import LANGUAGE, written_at

    when = written_at()
    props = book.properties
    props.title, props.subject, props.keywords = properties.title, properties.subject, properties.keywords
    props.creator = properties.author or properties.company or "pledge-office"
    last = properties.last_modified_by
    props.lastModifiedBy = props.creator if last is None else (last or None)
    props.language = LANGUAGE
    props.created = when
    written = BytesIO()
    _write_uncompressed(book, written)
    _put_parts_right(written, path, props, when, properties.company, change_part)


def _write_uncompressed(book, buffer) -> None:
    """Write the workbook as openpyxl's ``save`` does, but stored: every part is compressed once, below."""
    from zipfile import ZIP_STORED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    ExcelWriter(book, ZipFile(buffer, "w", ZIP_STORED, allowZip64=True)).save()


def _put_parts_right(written, path, props, when, company: str, change_part) -> None:
    import zipfile

    from lxml import etree
    from openpyxl.xml.functions import tostring

    from pledge_office.office.ooxml import app_properties, put_fonts_in_order

    with zipfile.ZipFile(written) as package:
        parts = [(info, package.read(info)) for info in package.infolist()]
    props.modified = when  # openpyxl stamps its own clock on save
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in parts:
            if info.filename == "xl/styles.xml":
                root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
                put_fonts_in_order(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif info.filename == "docProps/app.xml":
                data = app_properties(company)
            elif info.filename == "docProps/core.xml":
                data = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + tostring(props.to_tree())
            elif change_part:
                data = change_part(info.filename, data)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, data)

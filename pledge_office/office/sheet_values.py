"""A returned workbook's cell values, read with openpyxl's own parsers and nothing more.

openpyxl's ``load_workbook`` builds every part of a workbook as objects: fonts, fills,
borders, named styles, data validations, conditional formats, page set-up. A returned
workbook is read for what the officer typed, so this reads only the parts that hold it
(the sheet list, shared strings, number formats, custom properties and the rows), with the
same openpyxl parsers ``load_workbook`` uses, and skips the rest. On a review workbook
that is about half the time, which is what a county summary over many returns waits for.

``tests/test_sheet_values.py`` checks that every kind of workbook (ours, re-saved by
LibreOffice, 1904 dates, formulas, inline and rich text, chart sheets) reads exactly as it
does through ``load_workbook``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from typing import Callable, Dict, Iterator, List, Tuple
from zipfile import ZipFile

Rows = Iterator[Tuple[int, List[Tuple[int, object, str]]]]  # (row, [(column, value, number format)])


@dataclass
class WorkbookValues:
    """The worksheets of one workbook, by name in workbook order, ready to be read row by row."""

    sheet_names: List[str]
    properties: Dict[str, object]
    epoch1904: bool
    _archive: ZipFile
    _parts: Dict[str, str]
    _strings: list
    _number_format: Callable[[object], str]
    _date_styles: set = field(default_factory=set)
    _timedelta_styles: set = field(default_factory=set)

    def rows(self, name: str, data_only: bool = True) -> Rows:
        """Yield each row the sheet holds as (row number, [(column, value, number format)]).

        With ``data_only`` a formula cell gives its saved value, else its formula.
        """
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH

        epoch = CALENDAR_MAC_1904 if self.epoch1904 else WINDOWS_EPOCH
        with self._archive.open(self._parts[name]) as source:
            for row_number, cells in _parse_rows(source, self._strings, data_only=data_only, epoch=epoch,
                                                 date_formats=self._date_styles,
                                                 timedelta_formats=self._timedelta_styles):
                yield row_number, [(c["column"], c["value"], self._number_format(c.get("style_id", 0)))
                                   for c in cells]

    def close(self) -> None:
        self._archive.close()

    def __enter__(self) -> "WorkbookValues":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_values(data: bytes) -> WorkbookValues:
    """Open an (already checked) .xlsx held in memory; any parsing failure is raised as it comes."""
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.reader.excel import _find_workbook_part
    from openpyxl.reader.strings import read_string_table
    from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS
    from openpyxl.xml.functions import fromstring

    archive = ZipFile(BytesIO(data))
    try:
        names = set(archive.namelist())
        manifest = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES)))
        strings: list = []
        strings_part = manifest.find(SHARED_STRINGS)
        if strings_part is not None:
            with archive.open(strings_part.PartName[1:]) as source:
                strings = read_string_table(source)
        sheet_parts, epoch1904 = _worksheets(archive, _find_workbook_part(manifest).PartName[1:], names)
        codes = _number_format_codes(archive, names)
        return WorkbookValues(
            sheet_names=list(sheet_parts), properties=_custom_properties(archive, names), epoch1904=epoch1904,
            _archive=archive, _parts=sheet_parts, _strings=strings, _number_format=_lookup(codes),
            _date_styles=_styles_where(codes, "date"), _timedelta_styles=_styles_where(codes, "timedelta"),
        )
    except BaseException:
        archive.close()
        raise


def _worksheets(archive: ZipFile, workbook_part: str, names: set) -> Tuple[Dict[str, str], bool]:
    """Return {sheet name: its part} for the worksheets (not chart sheets), in order, and the 1904 flag.

    As ``load_workbook`` does, a sheet whose part is missing from the package is left out.
    """
    from openpyxl.packaging.relationship import get_dependents, get_rels_path
    from openpyxl.packaging.workbook import WorkbookPackage
    from openpyxl.xml.functions import fromstring

    package = WorkbookPackage.from_tree(fromstring(archive.read(workbook_part)))
    relations = get_dependents(archive, get_rels_path(workbook_part)).to_dict()
    parts: Dict[str, str] = {}
    for sheet in package.sheets:
        if not sheet.id:
            continue
        relation = relations[sheet.id]
        if relation.target in names and "chartsheet" not in relation.Type:
            parts[sheet.name] = relation.target
    return parts, bool(package.properties is not None and package.properties.date1904)


def _number_format_codes(archive: ZipFile, names: set) -> List[str]:
    """Return each cell style's number format code, by style index (as openpyxl numbers them)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS
    from openpyxl.xml.constants import ARC_STYLE, SHEET_MAIN_NS
    from openpyxl.xml.functions import fromstring

    if ARC_STYLE not in names:
        return []
    main = "{%s}" % SHEET_MAIN_NS
    root = fromstring(archive.read(ARC_STYLE))
    custom = {int(f.get("numFmtId")): f.get("formatCode") or "General"
              for f in root.iterfind(f"{main}numFmts/{main}numFmt")}
    codes = []
    for style in root.iterfind(f"{main}cellXfs/{main}xf"):
        number = int(style.get("numFmtId") or 0)
        # A format the file defines wins over a built-in one with the same number, as in openpyxl.
        codes.append(custom[number] if number in custom else BUILTIN_FORMATS.get(number, "General"))
    return codes


def _lookup(codes: List[str]) -> Callable[[object], str]:
    def number_format(style_id) -> str:
        try:
            return codes[int(style_id or 0)]
        except (IndexError, ValueError, TypeError):
            return "General"

    return number_format


def _styles_where(codes: List[str], kind: str) -> set:
    """The style indexes whose format shows a date (or a duration): their numbers are read as dates."""
    from openpyxl.styles.numbers import is_date_format, is_timedelta_format

    test = is_date_format if kind == "date" else is_timedelta_format
    return {index for index, code in enumerate(codes) if test(code)}


def _custom_properties(archive: ZipFile, names: set) -> Dict[str, object]:
    from openpyxl.packaging.custom import CustomPropertyList
    from openpyxl.xml.constants import ARC_CUSTOM
    from openpyxl.xml.functions import fromstring

    if ARC_CUSTOM not in names:
        return {}
    return {str(p.name): p.value for p in CustomPropertyList.from_tree(fromstring(archive.read(ARC_CUSTOM)))}


def _parse_rows(source, strings: list, **options) -> Iterator[tuple]:
    """openpyxl's worksheet parser, keeping the rows and passing over everything else."""
    from openpyxl.worksheet import _reader
    from openpyxl.xml.functions import iterparse

    parser = _reader.WorkSheetParser(source, strings, **options)
    # The sheet's other parts (validations, formats, page set-up) are let go as they end.
    passed_over = {getattr(_reader, f"{name}_TAG") for name in (
        "COL", "PROT", "EXT", "CF", "LEGACY", "ROW_BREAK", "COL_BREAK", "CUSTOM_VIEWS", "PRINT", "MARGINS", "PAGE",
        "HEADER", "FILTER", "VALIDATION", "PROPERTIES", "VIEWS", "FORMAT", "SCENARIOS", "TABLE", "HYPERLINK", "MERGE")}
    for _, element in iterparse(source):
        if element.tag == _reader.ROW_TAG:
            row = parser.parse_row(element)
            element.clear()
            yield row
        elif element.tag in passed_over:
            element.clear()

"""The quick values reader (office/sheet_values.py) reads exactly what openpyxl's load_workbook reads.

Each workbook is read both ways: through ``open_values`` (what the review and progress
readers use) and through ``load_workbook`` with the same table builder. Any difference in a
value, a displayed text, a number format, a formula, a property, the sheet list or the
date system fails here.
"""

import re
from datetime import datetime, time
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.chart import BarChart, Reference
from openpyxl.packaging.custom import StringProperty
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from conftest import convert
from review_factory import blank_workbook, fill
from pledge_office.office.sheet_values import open_values
from pledge_office.office.sheets import _rows_with_cells, read_table, table_from_rows

ROOT = Path(__file__).resolve().parents[1]


def both_ways(data: bytes):
    """Return (quick, openpyxl) readings: sheets with values and texts, formulas, properties, 1904 flag."""
    with open_values(data) as book:
        quick = ({name: table_from_rows(book.rows(name)) for name in book.sheet_names},
                 {name: table_from_rows(book.rows(name, data_only=False)).values for name in book.sheet_names},
                 dict(book.properties), book.epoch1904)
    values = load_workbook(BytesIO(data), read_only=True, data_only=True)
    formulas = load_workbook(BytesIO(data), read_only=True, data_only=False)
    try:
        slow = ({ws.title: read_table(ws) for ws in values.worksheets if hasattr(ws, "iter_rows")},
                {ws.title: read_table(ws).values for ws in formulas.worksheets if hasattr(ws, "iter_rows")},
                {str(p.name): p.value for p in values.custom_doc_props}, values.epoch == CALENDAR_MAC_1904)
    finally:
        values.close()
        formulas.close()
    return quick, slow


def number_formats_both_ways(data: bytes):
    """Return (quick, openpyxl) number formats: {sheet: [(row, column, format)]} for each filled cell."""
    with open_values(data) as book:
        quick = {name: [(row, column, fmt) for row, cells in book.rows(name) for column, value, fmt in cells
                        if value is not None] for name in book.sheet_names}
    values = load_workbook(BytesIO(data), read_only=True, data_only=True)
    try:
        slow = {ws.title: [(row, column, fmt) for row, cells in _rows_with_cells(ws) for column, value, fmt in cells
                           if value is not None] for ws in values.worksheets if hasattr(ws, "iter_rows")}
    finally:
        values.close()
    return quick, slow


def assert_same(data: bytes):
    quick, slow = both_ways(data)
    quick_formats, slow_formats = number_formats_both_ways(data)
    assert quick_formats == slow_formats, "the number formats, cell by cell"
    assert list(quick[0]) == list(slow[0]), "the sheets, in order"
    for name in slow[0]:
        assert quick[0][name].values == slow[0][name].values, name
        assert quick[0][name].texts == slow[0][name].texts, name
        assert quick[0][name].outside == slow[0][name].outside, name
    assert quick[1:] == slow[1:]
    return quick


def saved(book: Workbook) -> bytes:
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def everything_workbook(epoch1904: bool = False) -> Workbook:
    """A workbook with what officers' files hold: formats of every kind, formulas, rich text, a chart sheet."""
    book = Workbook()
    if epoch1904:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "Review"
    rows = [
        ("Ref", "Typed", "Amount", "Share", "Date", "Time", "Flag", "Formula"),
        ("a", "Met", 5000, 0.1, datetime(2027, 4, 1), time(14, 30), True, "=C2*2"),
        ("b", "  spaced  ", 1234.5, 0.125, datetime(2027, 12, 31, 9, 15), time(0, 0, 5), False, "=SUM(C2:C3)"),
        ("c", "=not a formula", -3, 1, 45000, 0.5, None, "=A2&B2"),
    ]
    for row in rows:
        sheet.append(row)
    sheet["B4"].data_type = "s"
    for cell in ("C2", "C3"):
        sheet[cell].number_format = '"£"#,##0.00'
    for cell in ("D2", "D3", "D4"):
        sheet[cell].number_format = "0%"
    sheet["E2"].number_format = "DD/MM/YYYY"
    sheet["E3"].number_format = "d mmmm yyyy hh:mm"
    sheet["E4"].number_format = "DD/MM/YYYY"
    sheet["F2"].number_format = "hh:mm"
    sheet["F3"].number_format = "[h]:mm:ss"
    sheet["F4"].number_format = "0.00"
    sheet["B6"] = CellRichText(["Partly ", TextBlock(InlineFont(b=True), "met"), " in bold"])
    sheet["B40"] = "after a blank gap"
    sheet["AA7"] = "far to the right"
    hidden = book.create_sheet("Identity")
    hidden.sheet_state = "hidden"
    hidden.append(("council", "Exampleshire County Council"))
    hidden.append(("generated", datetime(2026, 11, 1)))
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=3, min_row=1, max_row=4), titles_from_data=True)
    book.create_chartsheet("Chart").add_chart(chart)
    book.create_sheet("Last")["A1"] = "the last sheet"
    book.custom_doc_props.append(StringProperty(name="pledge-office.council", value="Exampleshire"))
    return book


@pytest.mark.parametrize("epoch1904", [False, True], ids=["1900 dates", "1904 dates"])
def test_every_kind_of_cell_reads_as_load_workbook_reads_it(epoch1904):
    quick = assert_same(saved(everything_workbook(epoch1904)))
    sheets, _formulas, properties, flag = quick
    assert list(sheets) == ["Review", "Identity", "Last"], "the chart sheet is not a table"
    assert flag is epoch1904
    assert properties == {"pledge-office.council": "Exampleshire"}
    assert sheets["Review"].texts[1][2:4] == ("£5,000.00", "10%")
    assert sheets["Review"].texts[1][4] == "01/04/2027"
    assert sheets["Review"].texts[39][1] == "after a blank gap"


def test_formulas_are_read_as_formulas_and_values_as_saved():
    data = saved(everything_workbook())
    quick = assert_same(data)
    assert quick[1]["Review"][1][7] == "=C2*2"
    assert len(quick[0]["Review"].values[1]) == 7, "openpyxl saves no value for a formula; none is made up"


def test_a_format_the_file_defines_over_a_built_in_number_wins():
    """Some writers define numFmtId 14 (a built-in date number) with their own code; openpyxl lets theirs win."""
    book = everything_workbook()
    book["Review"]["E2"].number_format = "mm-dd-yy"  # built-in 14, written with no numFmt of its own
    data = _replace_styles(saved(book), lambda xml: re.sub(
        rb'<numFmts count="\d+">', b'<numFmts><numFmt numFmtId="14" formatCode="yyyy-mm-dd"/>', xml, count=1))
    quick = assert_same(data)
    assert quick[0]["Review"].texts[1][4] == "2027-04-01"


def test_a_workbook_without_styles_reads_as_general(tmp_path):
    assert_same(_without(saved(everything_workbook()), "xl/styles.xml"))


@pytest.mark.parametrize("name", ["blank", "filled"])
def test_our_review_workbook_reads_the_same(tmp_path, name):
    path = blank_workbook(tmp_path, "review.xlsx")
    if name == "filled":
        path = fill(path)
    assert_same(path.read_bytes())


@pytest.mark.parametrize("path", ["samples/exampleshire-returned.xlsx",
                                  "tests/fixtures/review-returned-before-progress.xlsx"])
def test_shipped_workbooks_read_the_same(path):
    assert_same((ROOT / path).read_bytes())


@pytest.mark.office
def test_workbooks_resaved_by_libreoffice_read_the_same(tmp_path, soffice):
    original = fill(blank_workbook(tmp_path, "review.xlsx"))
    extra = tmp_path / "everything.xlsx"
    extra.write_bytes(saved(everything_workbook()))
    convert(soffice, [original, extra], tmp_path / "xlsx", "xlsx:Calc MS Excel 2007 XML")
    for path in (tmp_path / "xlsx").glob("*.xlsx"):
        quick = assert_same(path.read_bytes())
        assert quick[0], path
    resaved = assert_same((tmp_path / "xlsx" / "everything.xlsx").read_bytes())
    assert resaved[0]["Review"].values[1][7] == 10000, "LibreOffice saves the formula's value; it is read"


def general_workbook() -> bytes:
    """A sheet whose first row is in General (1234.5 shows as 1234.5) and second in '0.0'."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Review"
    sheet.append((1234.5, "Met", 0.125))
    sheet["A2"] = 1234.5
    sheet["A2"].number_format = "0.0"
    return saved(book)


def test_a_style_that_names_no_format_is_general():
    """numFmtId is optional on a cell style; without it the style is General (0), not '0' (1)."""
    data = _replace_styles(general_workbook(), lambda xml: re.sub(rb'(<xf [^>]*?)numFmtId="\d+" ', rb"\1", xml))
    assert b"numFmtId" not in re.search(rb"<cellXfs.*</cellXfs>", _part(data, "xl/styles.xml")).group()
    quick = assert_same(data)
    assert quick[0]["Review"].texts[0] == ("1234.5", "Met", "0.125"), "not rounded to whole numbers"
    assert quick[0]["Review"].texts[1] == ("1234.5",)


@pytest.mark.parametrize("number", [30, 200], ids=["unknown built-in number", "undefined custom number"])
def test_a_style_whose_format_number_is_defined_nowhere_is_general(number):
    data = _replace_styles(general_workbook(), lambda xml: re.sub(
        rb'(<cellXfs[^>]*><xf )numFmtId="0"', b'\\1numFmtId="%d"' % number, xml))
    assert_same(data)
    with open_values(data) as book:
        assert [fmt for _, cells in book.rows("Review") for _, _, fmt in cells] == ["General"] * 3 + ["0.0"]


def test_a_workbook_without_styles_gives_every_cell_general():
    data = _without(general_workbook(), "xl/styles.xml")
    quick = assert_same(data)
    assert quick[0]["Review"].texts == [("1234.5", "Met", "0.125"), ("1234.5",)]
    with open_values(data) as book:
        assert {fmt for _, cells in book.rows("Review") for _, _, fmt in cells} == {"General"}


def test_a_format_with_no_code_reads_as_general():
    """load_workbook refuses a numFmt without formatCode; the values reader shows those cells as General."""
    data = _replace_styles(general_workbook(), lambda xml: xml.replace(b' formatCode="0.0"', b""))
    with open_values(data) as book:
        assert [cells for _, cells in book.rows("Review")][1] == [(1, 1234.5, "General")]


def test_a_sheet_without_a_relationship_is_left_out_and_the_sheets_after_it_are_read():
    """As load_workbook does (with a warning), a <sheet> with no r:id is passed over, not the end of the list."""
    data = _replace_part(saved(everything_workbook()), "xl/workbook.xml",
                         lambda xml: re.sub(rb'(name="Identity"[^>]*?) r:id="rId2"', rb"\1", xml))
    with pytest.warns(UserWarning):
        quick = assert_same(data)
    assert list(quick[0]) == ["Review", "Last"]
    assert quick[0]["Last"].texts == [("the last sheet",)]


def _part(data: bytes, part: str) -> bytes:
    from zipfile import ZipFile

    with ZipFile(BytesIO(data)) as archive:
        return archive.read(part)


def _replace_styles(data: bytes, change) -> bytes:
    return _replace_part(data, "xl/styles.xml", change)


def _replace_part(data: bytes, part: str, change) -> bytes:
    from zipfile import ZipFile

    source, target = ZipFile(BytesIO(data)), BytesIO()
    with ZipFile(target, "w") as out:
        for item in source.infolist():
            body = source.read(item)
            out.writestr(item, change(body) if item.filename == part else body)
    return target.getvalue()


def _without(data: bytes, part: str) -> bytes:
    from zipfile import ZipFile

    source, target = ZipFile(BytesIO(data)), BytesIO()
    with ZipFile(target, "w") as out:
        for item in source.infolist():
            if item.filename != part:
                out.writestr(item, source.read(item))
    return target.getvalue()

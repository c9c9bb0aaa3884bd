"""The LibreOffice fill helper works: it types, inserts rows, sorts, encrypts, and reports errors.

Each test starts LibreOffice at most once (about 1.5 s each). They skip when LibreOffice or
python3-uno is missing, unless PLEDGE_OFFICE_REQUIRE_OFFICE=1 (then they fail).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Protection
from openpyxl.worksheet.datavalidation import DataValidation

from office_fill import OfficeFillError, fill_with_libreoffice

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # an encrypted OOXML file is an OLE file

pytestmark = pytest.mark.office




def make_workbook(path: Path) -> Path:
    """A small review workbook shaped like ours: header on row 5, rows a-d, protected sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Review"
    ws["A1"] = "Review title"
    headers = ["Ref", "Commitment", "Rating", "Evidence", "Action", "Lead", "Target date"]
    for col, text in enumerate(headers, 1):
        ws.cell(row=5, column=col, value=text)
    for row, ref in enumerate("abcd", 6):
        ws.cell(row=row, column=1, value=ref)
        ws.cell(row=row, column=2, value=f"Commitment {ref}")
        for col in range(3, 8):
            ws.cell(row=row, column=col).protection = Protection(locked=False)
        ws.cell(row=row, column=7).number_format = "DD/MM/YYYY"
    rating = DataValidation(type="list", formula1='"Fully met,Partly met,Not met,Not applicable"',
                            allow_blank=True, showErrorMessage=True, showInputMessage=True)
    rating.add("C6:C100")
    ws.add_data_validation(rating)
    ws.protection.sheet = True
    ws.protection.insertRows = False  # allowed
    ws.protection.formatCells = False  # allowed
    hidden = wb.create_sheet("pledge-office")
    hidden["A1"], hidden["B1"] = "review_id", "TEST-1"
    hidden.sheet_state = "hidden"
    wb.custom_doc_props.append(StringProperty(name="pledge-office review_id", value="TEST-1"))
    wb.save(path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_typing_and_inserting_a_row_round_trips_through_libreoffice(uno, tmp_path):
    src = make_workbook(tmp_path / "review.xlsx")
    before = digest(src)
    dst = tmp_path / "filled.xlsx"
    fill_with_libreoffice(src, dst, [
        {"op": "type", "sheet": "Review", "cell": "C6", "text": "Partly met"},
        {"op": "type", "sheet": "Review", "cell": "D6", "text": "We fund a forum\nand meet monthly"},
        {"op": "type", "sheet": "Review", "cell": "G6", "text": "2027-04-03"},  # ISO: any locale
        {"op": "insert_row_after", "sheet": "Review", "row": 6},
        {"op": "type", "sheet": "Review", "cell": "C7", "text": "Not met"},
        {"op": "type", "sheet": "Review", "cell": "B7", "text": "Our own extra row", "force": True},
    ])
    assert digest(src) == before
    assert not list(tmp_path.glob(".~lock*"))

    wb = openpyxl.load_workbook(dst)
    ws = wb["Review"]
    assert ws["C6"].value == "Partly met"
    assert ws["D6"].value == "We fund a forum\nand meet monthly"
    assert ws["G6"].value == dt.datetime(2027, 4, 3)  # a real date, not text
    assert (ws["A7"].value, ws["B7"].value, ws["C7"].value) == (None, "Our own extra row", "Not met")
    assert [ws.cell(row=r, column=1).value for r in range(8, 11)] == ["b", "c", "d"]
    assert ws.protection.sheet is True  # protected again after the structural step
    assert ws.protection.insertRows is False
    assert any(dv.type == "list" and "Partly met" in dv.formula1
               for dv in ws.data_validations.dataValidation)
    assert wb["pledge-office"].sheet_state == "hidden"
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["pledge-office review_id"] == "TEST-1"


def test_sort_delete_insert_column_and_rename(uno, tmp_path):
    src = make_workbook(tmp_path / "review.xlsx")
    dst = tmp_path / "moved.xlsx"
    fill_with_libreoffice(src, dst, [
        {"op": "type", "sheet": "Review", "cell": "C6", "text": "Partly met"},
        {"op": "type", "sheet": "Review", "cell": "C7", "text": "Fully met"},
        {"op": "type", "sheet": "Review", "cell": "C8", "text": "Not met"},
        {"op": "type", "sheet": "Review", "cell": "C9", "text": "Not applicable"},
        {"op": "sort", "sheet": "Review", "range": "A6:G9", "column": 2, "ascending": True},
        {"op": "delete_row", "sheet": "Review", "row": 6},
        {"op": "insert_column_before", "sheet": "Review", "column": "C"},
        {"op": "rename_sheet", "sheet": "Review", "to": "Other"},
    ])
    wb = openpyxl.load_workbook(dst)
    assert wb.sheetnames == ["Other", "pledge-office"]
    ws = wb["Other"]
    # sorted: Fully met (b), Not applicable (d), Not met (c), Partly met (a); then b deleted
    assert [ws.cell(row=r, column=1).value for r in range(6, 9)] == ["d", "c", "a"]
    assert [ws.cell(row=r, column=3).value for r in range(5, 9)] == [None] * 4
    assert [ws.cell(row=r, column=4).value for r in range(6, 9)] == [
        "Not applicable", "Not met", "Partly met"]
    assert ws.protection.sheet is True


def test_password_encrypts_the_stored_workbook(uno, tmp_path):
    src = make_workbook(tmp_path / "review.xlsx")
    dst = tmp_path / "locked.xlsx"
    fill_with_libreoffice(src, dst, [
        {"op": "type", "sheet": "Review", "cell": "C6", "text": "Fully met"},
    ], password="s3cret")
    assert dst.read_bytes()[:8] == OLE_MAGIC
    with pytest.raises(Exception, match="zip"):
        openpyxl.load_workbook(dst)


def test_errors_carry_the_scripts_message(uno, tmp_path):
    # fails before LibreOffice starts, so this costs no office start
    with pytest.raises(OfficeFillError, match="does not exist"):
        fill_with_libreoffice(tmp_path / "missing.xlsx", tmp_path / "out.xlsx", [])
    with pytest.raises(OfficeFillError, match="filter must be one of"):
        fill_with_libreoffice(make_workbook(tmp_path / "r.xlsx"), tmp_path / "o.xlsx", [],
                              filter="xlsx")
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "o.xlsx").exists()


def test_a_locked_cell_of_a_protected_sheet_cannot_be_typed_into(uno, tmp_path):
    src = make_workbook(tmp_path / "review.xlsx")
    with pytest.raises(OfficeFillError, match="locked cell of a protected sheet"):
        fill_with_libreoffice(src, tmp_path / "out.xlsx", [
            {"op": "type", "sheet": "Review", "cell": "A6", "text": "z"}])
    assert not (tmp_path / "out.xlsx").exists()

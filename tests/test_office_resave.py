"""Workbooks re-saved by LibreOffice, as an officer's office suite would."""


import pytest
from openpyxl import load_workbook

from conftest import convert
from review_factory import blank_workbook, fill
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.inputs.review_reader import read_review

pytestmark = pytest.mark.office
PLEDGE = load_pledge()


@pytest.fixture(scope="module")
def resaved(tmp_path_factory, soffice):
    """The same filled workbook: original, re-saved as xlsx, and via ods back to xlsx."""
    base = tmp_path_factory.mktemp("resave")
    original = fill(blank_workbook(base, "review.xlsx"))
    (base / "xlsx").mkdir()
    (base / "ods").mkdir()
    (base / "via-ods").mkdir()
    blank = blank_workbook(base, "blank.xlsx")
    convert(soffice, [original, blank], base / "xlsx", "xlsx:Calc MS Excel 2007 XML")
    convert(soffice, [original, blank], base / "ods", "ods")
    convert(soffice, [base / "ods" / original.with_suffix(".ods").name, base / "ods" / "blank.ods"],
            base / "via-ods", "xlsx:Calc MS Excel 2007 XML")
    return {
        "original": original,
        "xlsx": base / "xlsx" / original.name,
        "via-ods": base / "via-ods" / original.name,
        "blank-xlsx": base / "xlsx" / "blank.xlsx",
        "blank-via-ods": base / "via-ods" / "blank.xlsx",
    }


@pytest.mark.parametrize("route", ["xlsx", "via-ods"])
def test_resaved_workbook_reads_the_same(resaved, route):
    before = read_review(resaved["original"], PLEDGE)
    after = read_review(resaved[route], PLEDGE)
    assert after.errors == [], [str(p) for p in after.problems]
    assert [e.to_json() for e in after.entries] == [e.to_json() for e in before.entries]
    assert after.identity.review_id == before.identity.review_id
    assert after.identity.council == before.identity.council
    assert after.identity.fingerprints == before.identity.fingerprints


@pytest.mark.parametrize("route", ["blank-xlsx", "blank-via-ods"])
def test_identity_validations_and_protection_survive(resaved, route):
    book = load_workbook(resaved[route])
    assert "pledge-office" in book.sheetnames and book["pledge-office"].sheet_state == "hidden"
    props = {p.name: str(p.value) for p in book.custom_doc_props}
    assert props.get("pledge-office review_id")
    ws = book["Review"]
    types = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"list", "date"} <= types
    ratings = next(dv for dv in ws.data_validations.dataValidation if dv.type == "list")
    assert "Partly met" in ratings.formula1 and ratings.showErrorMessage
    assert ws.protection.sheet
    assert ws["A6"].protection.locked and not ws["C6"].protection.locked
    assert ws["B3"].value.startswith("Review reference:")


def test_resaved_workbook_with_identity_sheet_lost_still_reads(resaved, tmp_path):
    book = load_workbook(resaved["xlsx"])
    book.remove(book["pledge-office"])
    book.save(tmp_path / "no-sheet.xlsx")
    review = read_review(tmp_path / "no-sheet.xlsx", PLEDGE)
    assert review.errors == [] and review.identity.council == "Exampleshire County Council"


def test_formula_values_cached_by_an_office_suite_are_read(soffice, tmp_path):
    def then(book, ws):
        ws["G7"] = "=DATE(2027,3,31)"
        ws["G7"].number_format = "DD/MM/YYYY"
        ws["C7"] = '=IF(1=1,"Partly met","Not met")'
    original = fill(blank_workbook(tmp_path, "formulas.xlsx"), then=then)
    assert read_review(original, PLEDGE).errors  # openpyxl never caches a value
    (tmp_path / "saved").mkdir()
    convert(soffice, [original], tmp_path / "saved", "xlsx:Calc MS Excel 2007 XML")
    review = read_review(tmp_path / "saved" / original.name, PLEDGE)
    assert review.errors == [], [str(p) for p in review.problems]
    assert review.entry("b").rating == "Partly met"
    from datetime import date

    assert review.entry("b").actions[0].target_date == date(2027, 3, 31)

"""What the officer typed is what the plan says (issue 14, point 1).

Values are typed into the review workbook through LibreOffice Calc with an en-GB
profile, the way an officer types them (the cell's FormulaLocal: Calc's own input
parser with the locale and the cell's format, as the UI's Enter does), saved as .xlsx,
and read back by `action-plan --json`.
"""

import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from office_fill import fill_with_libreoffice
from pledge_office.cli import cli

pytestmark = pytest.mark.office
SAMPLE = "samples/exampleshire.yaml"

# column letter of the fresh layout -> the JSON field it reaches (for row c, the 3rd commitment)
TYPED = [  # (column, typed, JSON key)
    ("H", "£5,000", "support_requested"),
    ("D", "10%", "evidence"),
    ("I", "01/04/2025", "comments"),
    ("E", "3-4", "action"),
    ("F", "14:30", "lead_officer"),
]
MORE = [("D", "TRUE"), ("D", "01632960000"), ("D", "1/2"), ("D", "1e5"), ("D", "=1+1")]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def plan_json(tmp_path, workbook):
    out = tmp_path / "plan.json"
    result = run("action-plan", workbook, "-o", tmp_path / "plan.docx", "--json", out, "--as-of", "01/01/2027")
    assert result.exit_code == 0, result.output
    return {c["ref"]: c for c in json.loads(out.read_text())["commitments"]}


def test_free_text_typed_in_calc_reaches_the_plan_as_typed(uno, tmp_path):
    blank = tmp_path / "review.xlsx"
    assert run("review-workbook", SAMPLE, "-o", blank).exit_code == 0
    steps = [{"op": "type", "sheet": "Review", "cell": f"C{row}", "text": "Fully met", "via": "FormulaLocal"}
             for row in range(6, 14)]
    # row 8 is commitment c; one value per free-text column
    steps += [{"op": "type", "sheet": "Review", "cell": f"{col}8", "text": text, "via": "FormulaLocal"}
              for col, text, _ in TYPED]
    # a further action for c on a row the officer inserts: the inserted row is Text-formatted too
    steps += [{"op": "insert_row_after", "sheet": "Review", "row": 8},
              {"op": "type", "sheet": "Review", "cell": "E9", "text": "Meet on 3-4 May", "via": "FormulaLocal"},
              {"op": "type", "sheet": "Review", "cell": "H9", "text": "£250", "via": "FormulaLocal"}]
    # evidence typed the other way Calc can be driven, the UI's own Enter
    steps += [{"op": "type", "sheet": "Review", "cell": "D6", "text": "12.5%", "via": "EnterString"},
              {"op": "type", "sheet": "Review", "cell": "I6", "text": "TRUE", "via": "EnterString"}]
    returned = tmp_path / "returned.xlsx"
    fill_with_libreoffice(blank, returned, steps, locale="en-GB")

    data = plan_json(tmp_path, returned)
    c = data["c"]
    assert c["evidence"] == "10%"
    assert c["comments"] == "01/04/2025"
    assert c["actions"][0] == {"action": "3-4", "lead_officer": "14:30", "target_date": None,
                               "support_requested": "£5,000"}
    assert c["actions"][1]["action"] == "Meet on 3-4 May" and c["actions"][1]["support_requested"] == "£250"
    assert data["a"]["evidence"] == "12.5%" and data["a"]["comments"] == "TRUE"


@pytest.mark.parametrize("column", ["D"])
def test_general_cells_of_an_older_workbook_read_as_shown(uno, tmp_path, column):
    """A workbook whose free-text cells are General (made before they were Text): what Calc shows is read."""
    blank = tmp_path / "review.xlsx"
    assert run("review-workbook", SAMPLE, "-o", blank).exit_code == 0
    book = load_workbook(blank)
    sheet = book["Review"]
    for row in range(6, 14):
        for letter in "DEFHI":
            sheet[f"{letter}{row}"].number_format = "General"
    for letter in "DEFHI":
        sheet.column_dimensions[letter].number_format = "General"
    book.save(blank)
    typed = {"a": "£5,000", "b": "10%", "c": "01/04/2025", "d": "14:30", "e": "TRUE",
             "f": "01632960000", "g": "1e5", "h": "3-4"}
    steps = [{"op": "type", "sheet": "Review", "cell": f"{column}{row}", "text": text, "via": "FormulaLocal"}
             for row, text in zip(range(6, 14), typed.values())]
    steps += [{"op": "type", "sheet": "Review", "cell": f"C{row}", "text": "Not met"} for row in range(6, 14)]
    returned = tmp_path / "returned.xlsx"
    fill_with_libreoffice(blank, returned, steps, locale="en-GB")
    data = plan_json(tmp_path, returned)
    # Calc converted each value; the plan holds what Calc showed in the cell, never str(value)
    assert {ref: data[ref]["evidence"] for ref in typed} == {
        "a": "£5,000.00", "b": "10.00%", "c": "01/04/25", "d": "14:30:00", "e": "TRUE",
        "f": "1632960000", "g": "1.00E+05", "h": "03/04/26"}


def test_councils_sheet_typed_in_calc_keeps_phone_numbers_and_reads_every_row(uno, tmp_path):
    import shutil
    from pathlib import Path

    from pledge_office.inputs.councils_sheet import COLUMNS, read_councils

    sheet = tmp_path / "councils.xlsx"
    assert run("init", "--councils", sheet).exit_code == 0
    shutil.copy(Path(SAMPLE).with_name("exampleshire-logo.png"), tmp_path / "exampleshire-logo.png")
    from openpyxl.utils import get_column_letter

    letters = {c.header: get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
    book = load_workbook(sheet)
    example = [c.value for c in book["Councils"][2]]
    steps = []
    # the example row copied far down, after a gap of 40 blank rows, then typed into
    for row in (2, 43):
        steps += [{"op": "type", "sheet": "Councils", "cell": f"{get_column_letter(i + 1)}{row}",
                   "text": value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else str(value),
                   "via": "FormulaLocal"}
                  for i, value in enumerate(example) if value not in (None, "")]
    steps += [{"op": "type", "sheet": "Councils", "cell": f"{letters['Contact phone']}{row}", "text": "01632960000",
               "via": "FormulaLocal"} for row in (2, 43)]
    steps += [{"op": "type", "sheet": "Councils", "cell": f"{letters['Wards affected']}43", "text": "3-4",
               "via": "FormulaLocal"},
              {"op": "type", "sheet": "Councils", "cell": f"{letters['Short name']}43", "text": "Second",
               "via": "FormulaLocal"}]
    typed = tmp_path / "typed.xlsx"
    fill_with_libreoffice(sheet, typed, steps, locale="en-GB")
    rows = read_councils(typed)
    assert [r.number for r in rows] == [2, 43]
    assert all(r.error is None for r in rows), [r.error for r in rows]
    assert [r.council.contact_officer.phone for r in rows] == ["01632960000", "01632960000"]
    assert rows[1].council.wards_affected == "3-4"


def test_sorting_after_adding_a_further_action_is_reported_with_its_cells(uno, tmp_path):
    """Issue 14 'Moved': a further action under c, then the table sorted by Rating, lands under another
    commitment; check now names the row and the commitment it was read with."""
    blank = tmp_path / "review.xlsx"
    assert run("review-workbook", SAMPLE, "-o", blank).exit_code == 0
    ratings = ["Fully met", "Partly met", "Not met", "Fully met", "Not applicable", "Partly met", "Fully met", "Not met"]
    steps = [{"op": "type", "sheet": "Review", "cell": f"C{row}", "text": rating, "via": "FormulaLocal"}
             for row, rating in zip(range(6, 14), ratings)]
    steps += [{"op": "insert_row_after", "sheet": "Review", "row": 8},
              {"op": "type", "sheet": "Review", "cell": "E9", "text": "Publish a calendar", "via": "FormulaLocal"},
              {"op": "sort", "sheet": "Review", "range": "A6:K14", "column": 2, "ascending": True}]
    returned = tmp_path / "returned.xlsx"
    fill_with_libreoffice(blank, returned, steps, locale="en-GB")
    refs = [load_workbook(returned)["Review"].cell(r, 1).value for r in range(6, 15)]
    moved_to = refs.index(None) + 6  # where the sort put the further action
    above = next(ref for ref in reversed(refs[:moved_to - 6]) if ref)
    result = run("check", returned)
    assert f"Review!A{moved_to}: warning: the rows are no longer in commitment order (sorted?), so this " \
           f"further action was read as belonging to commitment '{above}'" in result.output


def test_vertical_tab_pasted_from_word_reaches_summary_and_next_review(uno, tmp_path):
    """Issue 14: a vertical tab (Word's line break; Calc stores _x000B_) passed check, then crashed
    'summary' and 'review-workbook --previous' with IllegalCharacterError."""
    blank = tmp_path / "review.xlsx"
    assert run("review-workbook", SAMPLE, "-o", blank, "--period", "2025/26").exit_code == 0
    steps = [{"op": "type", "sheet": "Review", "cell": f"C{row}", "text": "Partly met", "via": "FormulaLocal"}
             for row in range(6, 14)]
    steps += [{"op": "type", "sheet": "Review", "cell": "E7", "text": "First line\x0bsecond line", "via": "FormulaLocal"},
              {"op": "type", "sheet": "Review", "cell": "F7", "text": "Jo\x01 Bloggs", "via": "FormulaLocal"}]
    returned = tmp_path / "returned.xlsx"
    fill_with_libreoffice(blank, returned, steps, locale="en-GB")
    assert run("check", returned).exit_code == 0
    result = run("summary", returned, "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 0, result.output
    result = run("review-workbook", SAMPLE, "-o", tmp_path / "next.xlsx", "--previous", returned)
    assert result.exit_code == 0, result.output
    data = plan_json(tmp_path, returned)
    assert data["b"]["actions"][0]["action"] == "First line\nsecond line"
    assert data["b"]["actions"][0]["lead_officer"] == "Jo Bloggs"

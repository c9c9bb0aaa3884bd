"""The whole review cycle with LibreOffice as the officer's office suite.

review-workbook -> typed into cells by LibreOffice (sorted by rating, a further
action inserted, saved) -> action-plan: the plan holds exactly what was typed.
"""

import json

import pytest

from pledge_office.documents.review_workbook import FIRST_ROW, column_letters
from click.testing import CliRunner
from docx import Document

from docx_read import table_headed
from office_fill import fill_with_libreoffice
from pledge_office.cli import cli

pytestmark = pytest.mark.office
SAMPLE = "samples/exampleshire.yaml"




def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result


TYPED = {  # ref: (rating as typed, evidence, action, lead, target as typed)
    "a": ("fully met", "Strategy names the sector", "", "", ""),
    "b": ("Partly met", "Two forums agreed aims", "Agree aims with health forum", "Jordan Sample", "2027-06-30"),
    "c": ("NOT MET", "Short consultation notice", "Publish a consultation calendar", "Priya Example", "31 May 2027"),
    "d": ("Fully met", "Elected representatives", "", "", ""),
    "e": ("Not applicable", "", "", "", ""),
    "f": ("Partly met", "Not in the economic strategy", "Add VCSE employers to the strategy", "Chris Placeholder", "30/09/2027"),
    "g": ("Fully met", "Social value at 10%", "", "", ""),
    "h": ("Not met", "Not discussed yet", "", "", ""),
}


def test_fill_in_libreoffice_then_action_plan(uno, tmp_path):
    blank = tmp_path / "review.xlsx"
    assert run("review-workbook", SAMPLE, "-o", blank).exit_code == 0
    steps = []
    letters = column_letters()
    typed_columns = [letters[key] for key in ("rating", "evidence", "action", "lead", "target_date")]
    for row, (ref, (rating, evidence, action, lead, target)) in enumerate(TYPED.items(), start=FIRST_ROW):
        for column, text in zip(typed_columns, (rating, evidence, action, lead, target)):
            if text:
                steps.append({"op": "type", "sheet": "Review", "cell": f"{column}{row}", "text": text})
    # sort a-h by rating (column C is index 2 of A:I), as an officer tidying up would
    steps.append({"op": "sort", "sheet": "Review", "range": "A6:I13", "column": 2, "ascending": True})
    returned = tmp_path / "returned.xlsx"
    fill_with_libreoffice(blank, returned, steps, locale="en-GB")

    # then a further action directly below f, wherever sorting put it
    from openpyxl import load_workbook

    refs = [load_workbook(returned)["Review"].cell(r, 1).value for r in range(6, 14)]
    assert refs != list("abcdefgh")  # the sort really moved rows
    f_row = 6 + refs.index("f")
    final = tmp_path / "final.xlsx"
    fill_with_libreoffice(returned, final, [
        {"op": "insert_row_after", "sheet": "Review", "row": f_row},
        {"op": "type", "sheet": "Review", "cell": f"E{f_row + 1}", "text": "Meet the Chamber of Commerce"},
        {"op": "type", "sheet": "Review", "cell": f"F{f_row + 1}", "text": "Chris Placeholder"},
        {"op": "type", "sheet": "Review", "cell": f"G{f_row + 1}", "text": "31/12/2027"},
    ], locale="en-GB")

    check = run("check", final)
    assert check.exit_code == 0, check.output
    result = run("action-plan", final, "-o", tmp_path / "plan.docx", "--json", tmp_path / "plan.json",
                 "--as-of", "01/01/2027")
    assert result.exit_code == 0, result.output
    data = {c["ref"]: c for c in json.loads((tmp_path / "plan.json").read_text())["commitments"]}
    expected_ratings = {"a": "Fully met", "b": "Partly met", "c": "Not met", "d": "Fully met",
                        "e": "Not applicable", "f": "Partly met", "g": "Fully met", "h": "Not met"}
    assert {ref: c["rating"] for ref, c in data.items()} == expected_ratings
    assert data["b"]["actions"] == [{"action": "Agree aims with health forum", "lead_officer": "Jordan Sample",
                                     "target_date": "2027-06-30", "support_requested": ""}]
    assert data["c"]["actions"][0]["target_date"] == "2027-05-31"
    assert [(a["action"], a["target_date"]) for a in data["f"]["actions"]] == [
        ("Add VCSE employers to the strategy", "2027-09-30"), ("Meet the Chamber of Commerce", "2027-12-31")]
    assert data["h"]["evidence"] == "Not discussed yet" and data["h"]["actions"] == []

    doc = Document(str(tmp_path / "plan.docx"))
    actions = [[c.text for c in r.cells] for r in table_headed(doc, "No.").rows[1:]]
    assert [a[2] for a in actions] == ["Publish a consultation calendar", "Agree aims with health forum",
                                       "Add VCSE employers to the strategy", "Meet the Chamber of Commerce",
                                       "Action to be agreed"]
    assert actions[0][5].startswith("31 May 2027")

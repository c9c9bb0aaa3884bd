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
    actions = [[c.text for c in r.cells] for r in table_headed(doc, "Action ref").rows[1:]]
    assert [a[2] for a in actions] == ["Publish a consultation calendar", "Agree aims with health forum",
                                       "Add VCSE employers to the strategy", "Meet the Chamber of Commerce",
                                       "Action to be agreed"]
    assert actions[0][5].startswith("31 May 2027")


# -- between reviews: the progress loop, through LibreOffice with a UK locale ---------------

REVIEW_TYPED = {  # ref: rating, action, lead, target as typed, outcome, lead's post
    "b": ("Partly met", "Agree aims with the health forum", "Jordan Sample", "30/04/2027",
          "Joint aims published", "Community Partnerships Manager"),
    "c": ("Not met", "Publish a consultation calendar", "Priya Example", "31/05/2027",
          "Six weeks' notice for every consultation", "Consultation Officer"),
    "f": ("Partly met", "Add VCSE employers to the strategy", "Chris Placeholder", "30/06/2027",
          "VCSE jobs counted in the strategy", "Head of Economic Growth"),
}
PROGRESS_TYPED = {  # action ref: status, progress update, revised target date as typed, evidence
    "b1": ("On track", "Workshop held on 12 May – aims drafted; the forum’s reply is due in June", "", ""),
    "c1": ("Complete", "Calendar published and kept up to date", "", "Calendar on the council website"),
    "f1": ("Off track", "Strategy refresh delayed by the spending review", "30/09/2027", ""),
}


def test_progress_loop_through_libreoffice(uno, tmp_path):
    from openpyxl import load_workbook

    from pledge_office.model.progress_schema import PROGRESS_COLUMNS

    # a review returned, typed in Calc as an officer would
    blank = tmp_path / "review.xlsx"
    assert run("review-workbook", SAMPLE, "-o", blank).exit_code == 0
    letters = column_letters()
    keys = ("rating", "action", "lead", "target_date", "outcome", "lead_post")
    steps = [{"op": "type", "sheet": "Review", "cell": f"{letters['rating']}{row}", "text": "Fully met"}
             for row in range(FIRST_ROW, FIRST_ROW + 8)]
    for ref, typed in REVIEW_TYPED.items():
        row = FIRST_ROW + "abcdefgh".index(ref)
        steps += [{"op": "type", "sheet": "Review", "cell": f"{letters[key]}{row}", "text": text, "via": "FormulaLocal"}
                  for key, text in zip(keys, typed)]
    returned = tmp_path / "returned.xlsx"
    fill_with_libreoffice(blank, returned, steps, locale="en-GB")

    # the plan written, and the progress workbook
    assert run("action-plan", returned, "-o", tmp_path / "plan.docx", "--council", SAMPLE).exit_code == 0
    plan = {r.cells[2].text: [c.text for c in r.cells] for r in table_headed(Document(str(tmp_path / "plan.docx")), "Action ref").rows[1:]}
    assert plan["Add VCSE employers to the strategy"][3:] == [
        "VCSE jobs counted in the strategy", "Chris Placeholder, Head of Economic Growth", "30 June 2027", "Not started"]
    progress = tmp_path / "progress.xlsx"
    result = run("progress-workbook", SAMPLE, returned, "-o", progress)
    assert result.exit_code == 0, result.output

    # statuses and updates typed in Calc (UK locale), a revised date typed as 30/09/2027, the rows sorted
    column = {c.key: chr(ord("A") + i) for i, c in enumerate(PROGRESS_COLUMNS)}
    sheet = load_workbook(progress)["Progress"]
    rows = {sheet.cell(r, 1).value: r for r in range(FIRST_ROW, FIRST_ROW + 3)}
    assert sorted(rows) == ["b1", "c1", "f1"]
    steps = []
    for ref, typed in PROGRESS_TYPED.items():
        for key, text in zip(("status", "update", "revised_date", "evidence"), typed):
            if text:
                steps.append({"op": "type", "sheet": "Progress", "cell": f"{column[key]}{rows[ref]}", "text": text,
                              "via": "FormulaLocal"})
    last = column["comments"]
    steps.append({"op": "sort", "sheet": "Progress", "range": f"A{FIRST_ROW}:{last}{FIRST_ROW + 2}",
                  "column": list(column).index("status"), "ascending": False})
    back = tmp_path / "progress-returned.xlsx"
    fill_with_libreoffice(progress, back, steps, locale="en-GB")
    sheet = load_workbook(back)["Progress"]
    assert [sheet.cell(r, 1).value for r in range(FIRST_ROW, FIRST_ROW + 3)] == ["b1", "f1", "c1"]  # sorted
    assert sheet[f"{column['revised_date']}{FIRST_ROW + 1}"].is_date  # Calc took 30/09/2027 as a UK date

    # read back: the report holds exactly what was typed
    assert run("check", back).exit_code == 0
    result = run("progress-report", back, "-o", tmp_path / "report.docx", "--json", tmp_path / "report.json",
                 "--council", SAMPLE, "--as-of", "01/07/2027")
    assert result.exit_code == 0, result.output
    data = {a["ref"]: a for a in json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["actions"]}
    for ref, (status, update, revised, evidence) in PROGRESS_TYPED.items():
        assert (data[ref]["status"], data[ref]["progress_update"], data[ref]["evidence_of_completion"]) == (
            status, update, evidence)
    assert data["f1"]["revised_target_date"] == "2027-09-30" and data["b1"]["revised_target_date"] is None
    doc = Document(str(tmp_path / "report.docx"))
    summary = {r.cells[0].text: r.cells[1].text for r in table_headed(doc, "Status").rows[1:]}
    assert summary == {"Not started": "0", "On track": "1", "At risk": "0", "Off track": "1", "Complete": "1"}
    overdue = [r.cells[0].text for r in table_headed(doc, "Ref").rows[1:]]
    assert overdue == ["b1"]  # 30 April passed, on track but not complete; f1 now due 30 September
    texts = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    assert ["f1", "f. Seeing the sector as businesses and employers", "Add VCSE employers to the strategy",
            "30 June 2027", "30 September 2027", "3 months later"] in texts
    assert any(row[:2] == ["c1", "c. Engaging and consulting the sector fairly"] and
               row[-1] == "Calendar on the council website" for row in texts)
    assert any(PROGRESS_TYPED["b1"][1] in cell for row in texts for cell in row)

    # next year's review starts from where the actions stand
    nxt = tmp_path / "next.xlsx"
    assert run("review-workbook", SAMPLE, "-o", nxt, "--period", "2027/28", "--previous", back).exit_code == 0
    review = load_workbook(nxt)["Review"]
    shown = {review.cell(r, 1).value: review.cell(r, 4).value for r in range(FIRST_ROW, FIRST_ROW + 8)}
    assert shown["b"].endswith("by 30 April 2027): On track")
    assert shown["f"].endswith("by 30 September 2027): Off track")
    assert shown["c"] is None  # complete: no longer open

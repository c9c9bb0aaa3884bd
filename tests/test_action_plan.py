"""The action plan: read back as Word, and as PDF through LibreOffice."""

import json
import shutil
from datetime import date

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import convert, pdf_text
from docx_read import all_text, heading_levels, table_headed
from review_factory import blank_workbook, fill
from pledge_office.documents.action_plan import plan_actions, write_action_plan
from pledge_office.cli import cli
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.inputs.review_reader import read_review

PLEDGE = load_pledge()


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    return blank_workbook(tmp_path_factory.mktemp("blank"))


@pytest.fixture
def filled(tmp_path, blank):
    copy = tmp_path / "review.xlsx"
    shutil.copy(blank, copy)
    return fill(copy)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_plan_tables_hold_ratings_and_actions_in_date_order(filled, tmp_path):
    out = write_action_plan(read_review(filled, PLEDGE), PLEDGE, tmp_path / "plan.docx", as_of=date(2027, 6, 1))
    doc = Document(str(out))
    summary, actions = table_headed(doc, "Ref"), table_headed(doc, "Action ref")
    assert [c.text for c in summary.rows[0].cells] == ["Ref", "Commitment", "Rating", "Actions"]
    assert [r.cells[2].text for r in summary.rows[1:]] == [
        "Fully met", "Partly met", "Partly met", "Fully met", "Not applicable", "Not met", "Partly met", "Fully met"]
    fills = [r.cells[2]._tc.tcPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd")
             .get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill") for r in summary.rows[1:]]
    assert fills[:2] == ["C6EFCE", "FFEB9C"] and fills[5] == "FFC7CE"
    assert [c.text for c in actions.rows[0].cells] == [
        "Action ref", "Commitment", "Action", "Outcome or measure of success", "Lead officer", "Target date", "Status"]
    rows = [[c.text for c in r.cells] for r in actions.rows[1:]]
    assert [r[2].split("\n")[0] for r in rows] == [
        "Publish a consultation calendar", "Agree joint aims with the health forum",
        "Include VCSE employers in the economic strategy", "Action to be agreed"]
    assert rows[0][5].startswith("31 May 2027") and "Overdue" in rows[0][5]
    assert "Overdue" not in rows[1][5]
    assert {r[6] for r in rows} == {"Not started"}  # every action starts there
    assert rows[1][1] == "b. Working together on shared aims"  # short title; the full text is in the appendix
    assert "Support requested: Facilitation of a workshop" in rows[1][2]
    assert rows[3][1].startswith("g.")  # g is partly met with no action
    assert [r[0] for r in rows] == ["c1", "b1", "f1", "g"]  # the refs the progress workbook uses too


def test_plan_has_title_page_evidence_appendix_and_headings_in_order(filled, tmp_path):
    out = write_action_plan(read_review(filled, PLEDGE), PLEDGE, tmp_path / "plan.docx", as_of=date(2027, 1, 1))
    text = all_text(out)
    assert "Action plan 2026/27" in text and "Exampleshire County Council" in text
    assert "Jordan Sample" in text
    assert "Appendix: each commitment in full, with the evidence" in text
    assert "Our Communities Strategy names the VCSE sector as a partner." in text
    for c in PLEDGE.commitments:
        assert c.text in text
    levels = heading_levels(out)
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))
    doc = Document(str(out))
    assert doc.sections[1].page_width > doc.sections[1].page_height  # landscape for the tables
    assert doc.core_properties.title.startswith("VCSE Pledge for Local Authorities action plan 2026/27")


def test_changes_since_previous_review_are_shown(tmp_path, blank):
    first = fill(shutil.copy(blank, tmp_path / "first.xlsx") and tmp_path / "first.xlsx")
    assert run("review-workbook", "samples/exampleshire.yaml", "-o", tmp_path / "second.xlsx",
               "--previous", first).exit_code == 0
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "second.xlsx")
    ws = book["Review"]
    headers = [c.value for c in ws[5]]
    assert headers[2:4] == ["Previous rating", "Previous open actions"]
    assert ws["C6"].value == "Fully met" and ws["C6"].protection.locked
    assert "Publish a consultation calendar" in ws["D8"].value
    for row in range(6, 14):
        ws.cell(row, 5).value = "Fully met"
    book.save(tmp_path / "second-returned.xlsx")
    review = read_review(tmp_path / "second-returned.xlsx", PLEDGE)
    assert review.errors == [] and review.entry("f").previous_rating == "Not met"
    out = write_action_plan(review, PLEDGE, tmp_path / "plan.docx")
    text = all_text(out)
    assert "Changes since the previous review" in text and "Improved" in text


def test_no_changes_section_without_a_previous_review(filled, tmp_path):
    text = all_text(write_action_plan(read_review(filled, PLEDGE), PLEDGE, tmp_path / "p.docx"))
    assert "Changes since the previous review" not in text


def test_cli_check_reports_each_problem_with_file_and_cell(tmp_path, blank):
    bad = fill(shutil.copy(blank, tmp_path / "bad.xlsx") and tmp_path / "bad.xlsx",
               then=lambda book, ws: ws.__setitem__("C7", "Mostly"))
    result = run("check", bad)
    assert result.exit_code == 1
    assert f"{bad}: Review!C7: error: 'Mostly' is not a rating" in result.stdout
    good = fill(shutil.copy(blank, tmp_path / "good.xlsx") and tmp_path / "good.xlsx")
    assert run("check", good).exit_code == 0


def test_cli_check_unreadable_file_is_one_line(tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 truncated")
    result = run("check", junk)
    assert result.exit_code == 1
    assert result.stdout.strip() == f"{junk}: error: is damaged or truncated, not a readable Excel workbook (.xlsx); ask for it to be sent again"


def test_cli_action_plan_and_json(filled, tmp_path):
    result = run("action-plan", filled, "-o", tmp_path / "plan.docx", "--json", tmp_path / "review.json",
                 "--council", "samples/exampleshire.yaml")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "review.json").read_text())
    assert data["council"] == "Exampleshire County Council"
    b = next(c for c in data["commitments"] if c["ref"] == "b")
    assert b["rating"] == "Partly met" and b["actions"][0]["target_date"] == "2027-06-30"
    doc = Document(str(tmp_path / "plan.docx"))
    assert [d.get("descr") for d in doc.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")] == ["Exampleshire County Council logo"]


def test_cli_action_plan_refuses_a_workbook_with_errors(tmp_path, blank):
    bad = fill(shutil.copy(blank, tmp_path / "bad.xlsx") and tmp_path / "bad.xlsx",
               then=lambda book, ws: ws.__setitem__("G7", "31/02/2027"))
    result = run("action-plan", bad, "-o", tmp_path / "plan.docx")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {bad}: Review!G7: Target date '31/02/2027' is not a real date (day 31, month 2)"
    assert not (tmp_path / "plan.docx").exists()


def test_merging_departments_reports_differences(tmp_path, blank):
    def saved_by(name):  # two departments: each officer saves their own copy
        return lambda book, ws: setattr(book.properties, "lastModifiedBy", name)

    one = fill(shutil.copy(blank, tmp_path / "one.xlsx") and tmp_path / "one.xlsx", then=saved_by("Priya Example"))
    two = fill(shutil.copy(blank, tmp_path / "two.xlsx") and tmp_path / "two.xlsx",
               then=lambda book, ws: (ws.__setitem__("C7", "Not met"), ws.__setitem__("E6", "Map VCSE services"),
                                      saved_by("Chris Placeholder")(book, ws)))
    result = run("action-plan", one, two, "-o", tmp_path / "plan.docx", "--json", tmp_path / "r.json")
    assert result.exit_code == 0, result.output
    assert "commitment 'b' is rated differently ('Partly met' in returned-one.xlsx; 'Not met' in returned-two.xlsx); the plan shows 'Not met'" in result.stderr
    data = json.loads((tmp_path / "r.json").read_text())
    a = next(c for c in data["commitments"] if c["ref"] == "a")
    assert [x["action"] for x in a["actions"]] == ["Map VCSE services"]


def test_workbooks_of_different_reviews_are_refused_unless_allowed(tmp_path, blank):
    one = fill(shutil.copy(blank, tmp_path / "one.xlsx") and tmp_path / "one.xlsx")
    other = fill(blank_workbook(tmp_path, "other.xlsx"))
    result = run("action-plan", one, other, "-o", tmp_path / "plan.docx")
    assert result.exit_code == 1 and "belongs to review" in result.stderr and "--allow-mixed" in result.stderr
    assert not (tmp_path / "plan.docx").exists()
    assert run("action-plan", one, other, "-o", tmp_path / "plan.docx", "--allow-mixed").exit_code == 0


def test_workbook_from_another_council_is_refused(tmp_path, make_council):
    other_council = make_council(**{"council.name": "Otherton Borough Council", "council.short_name": "Otherton"})
    theirs = fill(blank_workbook(tmp_path, "theirs.xlsx", council_file=other_council))
    result = run("check", theirs, "--council", "samples/exampleshire.yaml")
    assert result.exit_code == 1
    assert "this workbook is for Otherton Borough Council, not Exampleshire County Council" in result.stdout
    result = run("action-plan", theirs, "-o", tmp_path / "p.docx", "--council", "samples/exampleshire.yaml")
    assert result.exit_code == 1 and "Otherton" in result.stderr


def test_to_be_agreed_rows_only_for_partly_or_not_met():
    from pledge_office.model.review import Entry

    entries = [Entry("a", "x", rating="Not met"), Entry("b", "y", rating="Fully met")]
    assert [a["text"] for a in plan_actions(entries, date(2027, 1, 1))] == ["Action to be agreed"]


@pytest.mark.office
def test_plan_converts_to_pdf_with_its_text(soffice, filled, tmp_path):
    out = write_action_plan(read_review(filled, PLEDGE), PLEDGE, tmp_path / "plan.docx", as_of=date(2027, 6, 1))
    convert(soffice, [out], tmp_path)
    text = " ".join(pdf_text(tmp_path / "plan.pdf").split())
    assert "Summary of ratings" in text and "Publish a consultation calendar" in text and "Overdue" in text
    for c in PLEDGE.commitments:
        assert " ".join(c.text.split()) in text


def test_plan_is_a_monitoring_document_with_a_governance_block(make_council, tmp_path):
    council = make_council(monitoring={"approved_by": "Cabinet", "approved_on": "09/06/2027",
                                       "reported_to": "Communities Overview and Scrutiny Committee",
                                       "frequency": "every six months", "next_update": "14/10/2027",
                                       "next_review": "31/03/2028"})
    returned = "samples/exampleshire-returned.xlsx"
    draft, approved = tmp_path / "draft.docx", tmp_path / "approved.docx"
    assert run("action-plan", returned, "-o", draft, "--council", council, "--as-of", "01/05/2027").exit_code == 0
    assert run("action-plan", returned, "-o", approved, "--council", council, "--as-of", "01/07/2027").exit_code == 0
    rows = lambda path: {r.cells[0].text: r.cells[1].text for r in table_headed(Document(str(path)), "Item").rows[1:]}
    assert rows(draft)["Status"] == "Draft"
    assert rows(draft)["Approved by"] == "To be approved by Cabinet on 9 June 2027"
    about = rows(approved)
    assert about["Status"] == "Approved" and about["Approved by"] == "Cabinet on 9 June 2027"
    assert about["Progress reported to"] == "Communities Overview and Scrutiny Committee"
    assert about["How often"] == "every six months"
    assert (about["Next progress update"], about["Next review"]) == ("14 October 2027", "31 March 2028")
    assert about["Contact officer"].startswith("Jordan Sample, Community Partnerships Manager (01632 960000")
    actions = [[c.text for c in r.cells] for r in table_headed(Document(str(approved)), "Action ref").rows[1:]]
    b = next(a for a in actions if a[2].startswith("Agree joint aims"))
    assert b[3] == "Joint aims agreed and published with the Health and Wellbeing VCSE forum"
    assert b[4] == "Jordan Sample, Community Partnerships Manager"


def test_plan_without_council_file_says_what_is_still_to_agree(tmp_path):
    out = tmp_path / "plan.docx"
    assert run("action-plan", "samples/exampleshire-returned.xlsx", "-o", out).exit_code == 0
    about = {r.cells[0].text: r.cells[1].text for r in table_headed(Document(str(out)), "Item").rows[1:]}
    assert (about["Status"], about["Approved by"], about["Progress reported to"]) == (
        "Draft", "Not yet approved", "To be agreed")

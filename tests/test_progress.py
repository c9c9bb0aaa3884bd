"""Between reviews: the progress workbook, its return, the progress report, and the next review."""

import email
import email.policy
import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

import hostile
from docx_read import all_text, heading_levels, table_headed
from pledge_office.cli import cli
from pledge_office.documents.progress_report import moved_by
from pledge_office.documents.sample_return import fill_progress_as_officer

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "exampleshire.yaml"
RETURNED = ROOT / "samples" / "exampleshire-returned.xlsx"
HEADERS = ["Action ref", "Commitment", "Action", "Outcome or measure of success", "Lead officer", "Target date",
           "Status at last update", "Status", "Progress update", "Revised target date", "Evidence of completion",
           "Comments"]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def progress(tmp_path):
    out = tmp_path / "progress.xlsx"
    result = run("progress-workbook", SAMPLE, RETURNED, "-o", out, "--due", "30/09/2027", "--as-of", "01/07/2027")
    assert result.exit_code == 0, result.output
    return out


def edit(path: Path, out: Path, cells: dict, saved_by: str = "") -> Path:
    book = load_workbook(path)
    for cell, value in cells.items():
        book["Progress"][cell] = value
    if saved_by:  # who last saved it, as Excel records: one return per officer
        book.properties.lastModifiedBy = saved_by
    book.save(out)
    return out


def test_progress_workbook_has_one_locked_row_per_action_and_a_status_drop_down(progress):
    book = load_workbook(progress)
    assert book.sheetnames == ["Instructions", "Progress", "pledge-office"]
    ws = book["Progress"]
    assert [c.value for c in ws[5]] == HEADERS
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=6, max_row=10)]
    assert [r[0] for r in rows] == ["b1", "c1", "f1", "g1", "g2"]
    h = [c.value for c in ws[11]]
    assert h[0] == "h" and h[2] == "Action to be agreed"  # in the plan, so in every update until agreed
    b1 = rows[0]
    assert b1[1] == "b. Working together on shared aims"
    assert b1[2] == "Agree joint aims with the Health and Wellbeing VCSE forum"
    assert b1[4] == "Jordan Sample, Community Partnerships Manager"
    assert b1[5] == datetime(2027, 6, 30) and b1[6] == "Not started" and b1[7] is None
    assert ws["A6"].protection.locked and ws["F6"].protection.locked and not ws["H6"].protection.locked
    assert ws.protection.sheet and not ws.protection.autoFilter  # filtering by status is allowed
    status = next(v for v in ws.data_validations.dataValidation if "H6" in v.sqref)
    assert status.formula1 == '"Not started,On track,At risk,Off track,Complete"' and status.showErrorMessage
    revised = next(v for v in ws.data_validations.dataValidation if "J6" in v.sqref)
    assert revised.type == "date" and "DD/MM/YYYY" in revised.prompt
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$5:$5"
    assert "Progress reference: EXAMPLESHIRE-2026-27-" in ws["B3"].value
    assert book["pledge-office"].sheet_state == "hidden"
    props = {p.name: p.value for p in book.custom_doc_props}
    assert props["pledge-office progress_id"] == ws["B3"].value.split(": ")[1]


def test_progress_report_holds_what_was_reported(progress, tmp_path):
    returned = fill_progress_as_officer(progress, tmp_path / "returned.xlsx")
    out, data = tmp_path / "report.docx", tmp_path / "report.json"
    result = run("progress-report", returned, "-o", out, "--json", data, "--council", SAMPLE, "--as-of", "01/07/2027")
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    summary = {r.cells[0].text: r.cells[1].text for r in table_headed(doc, "Status").rows[1:]}
    # h has no action yet: it is in the update as 'Action to be agreed', so scrutiny sees it
    assert summary == {"Not started": "1", "On track": "2", "At risk": "1", "Off track": "1", "Complete": "1"}
    overdue = [[c.text for c in r.cells] for r in table_headed(doc, "Ref").rows[1:]]
    assert [(r[0], r[4], r[5]) for r in overdue] == [("b1", "30 June 2027", "1")]  # on track, yet past its date
    text = all_text(out)
    assert "1 action was completed since the last update." in text
    assert "It is for the Communities Overview and Scrutiny Committee." in text  # a committee takes 'the'
    assert "Consultation calendar on the council website; VCSE network told on 3 June" in text
    moved = {r.cells[0].text: [c.text for c in r.cells] for t in doc.tables for r in t.rows[1:]
             if t.rows[0].cells[-1].text == "Moved by"}
    assert moved["f1"][3:] == ["30 September 2027", "31 December 2027", "3 months later"]
    assert moved["g1"][3:] == ["31 January 2027", "30 September 2027", "8 months later"]
    about = {r.cells[0].text: r.cells[1].text for r in table_headed(doc, "Item").rows[1:]}
    assert about["Progress reported to"] == "Communities Overview and Scrutiny Committee, every six months"
    assert about["Plan status"] == "Draft" and about["Next review"] == "31 March 2028"
    levels = heading_levels(out)
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))
    parsed = {a["ref"]: a for a in json.loads(data.read_text())["actions"]}
    assert parsed["f1"]["status"] == "At risk" and parsed["f1"]["revised_target_date"] == "2027-12-31"
    assert run("accessibility", out).exit_code == 0


def test_next_progress_workbook_carries_statuses_and_revised_dates_forward(progress, tmp_path):
    returned = fill_progress_as_officer(progress, tmp_path / "returned.xlsx")
    second = tmp_path / "second.xlsx"
    assert run("progress-workbook", SAMPLE, returned, "-o", second, "--as-of", "01/10/2027").exit_code == 0
    ws = load_workbook(second)["Progress"]
    rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows(min_row=6, max_row=10)}
    assert rows["f1"][6] == "At risk" and rows["f1"][9] == datetime(2027, 12, 31)
    assert rows["c1"][6] == "Complete"
    assert "progress update 2" in ws["B1"].value and ws["B3"].value.endswith("-U2")


def test_next_review_shows_each_open_action_with_its_latest_status(progress, tmp_path):
    returned = fill_progress_as_officer(progress, tmp_path / "returned.xlsx")
    nxt = tmp_path / "next.xlsx"
    result = run("review-workbook", SAMPLE, "-o", nxt, "--period", "2027/28", "--previous", returned)
    assert result.exit_code == 0, result.output
    ws = load_workbook(nxt)["Review"]
    assert (ws["C5"].value, ws["D5"].value) == ("Previous rating", "Previous open actions")
    rows = {ws.cell(r, 1).value: (ws.cell(r, 3).value, ws.cell(r, 4).value) for r in range(6, 14)}
    assert rows["f"][0] == "Not met" and rows["f"][1].endswith("by 31 December 2027): At risk")
    assert rows["c"][1] is None  # its only action is complete
    assert rows["g"][1].split("\n")[1].endswith(": Not started")


def test_progress_email_draft_goes_to_the_officer(tmp_path):
    out, draft = tmp_path / "progress.xlsx", tmp_path / "progress.eml"
    assert run("progress-workbook", SAMPLE, RETURNED, "-o", out, "--email", draft, "--due", "30/09/2027").exit_code == 0
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert message["X-Unsent"] == "1" and "jordan.sample@exampleshire.example" in message["To"]
    assert "progress update 1" in message["Subject"] and "30 September 2027" in message["Subject"]
    attachment = next(p for p in message.walk() if p.get_filename())
    assert attachment.get_payload(decode=True) == out.read_bytes()


def test_check_reads_a_progress_workbook_cell_by_cell(progress, tmp_path):
    bad = edit(progress, tmp_path / "bad.xlsx", {"H6": "Mostly done", "J7": "31/02/2028", "H8": "on TRACK",
                                                 "H9": "Done", "H10": "Off track", "H11": "On track"})
    result = run("check", bad)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{bad}: Progress!H6: error: 'Mostly done' is not a status; use one of: Not started, On track, " \
           "At risk, Off track, Complete" in lines
    assert f"{bad}: Progress!J7: error: Revised target date '31/02/2028' is not a real date (day 31, month 2)" in lines
    assert f"{bad}: Progress!H7: warning: no status for action 'c1'; pick one from the list" in lines
    assert f"{bad}: Progress!K9: warning: action 'g1' is marked Complete with no evidence" in " ".join(lines)
    assert len(lines) == 4


@pytest.mark.parametrize("cells,expected", [
    ({"A7": "z9"}, "Progress!A7: Action ref 'z9' is not an action of this plan (b1, c1, f1, g1, g2, h)"),
    ({"A7": "b1"}, "Progress!A7: Action ref 'b1' appears twice (first in row 6)"),
    ({"H5": "State"}, "Progress!H5: the heading should read 'Status'"),
    ({"B3": "Progress reference: OTHER-U1"}, "the progress reference differs between places in the workbook"),
])
def test_broken_progress_workbook_gets_a_one_line_message(progress, tmp_path, cells, expected):
    bad = edit(progress, tmp_path / "bad.xlsx", cells)
    result = run("progress-report", bad, "-o", tmp_path / "report.docx")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and expected in result.stderr
    assert not (tmp_path / "report.docx").exists()


def test_a_deleted_action_row_is_named(progress, tmp_path):
    book = load_workbook(progress)
    book["Progress"].delete_rows(8)
    book.save(tmp_path / "bad.xlsx")
    result = run("progress-report", tmp_path / "bad.xlsx", "-o", tmp_path / "report.docx")
    assert result.exit_code == 1 and "action 'f1' is missing (its row was deleted?)" in result.stderr


@pytest.mark.parametrize("make,expected", [
    (lambda tmp, valid: hostile.zip_bomb(tmp / "bomb.xlsx", valid), "bomb"),
    (lambda tmp, valid: (tmp / "text.xlsx").write_text("hello") and tmp / "text.xlsx", "text"),
    (lambda tmp, valid: hostile.corrupt_crc(tmp / "crc.xlsx", valid), "crc"),
])
def test_hostile_progress_files_get_the_review_workbooks_messages(progress, tmp_path, make, expected):
    path = make(tmp_path, progress)
    result = run("progress-report", path, "-o", tmp_path / "report.docx")
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {path}: ")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "report.docx").exists()


def test_each_command_refuses_the_other_kind_of_workbook(progress, tmp_path):
    wrong = run("progress-report", RETURNED, "-o", tmp_path / "report.docx")
    assert wrong.exit_code == 1 and "is a review workbook, not a progress workbook" in wrong.stderr
    plan = run("action-plan", progress, "-o", tmp_path / "plan.docx")
    assert plan.exit_code == 1 and "is a progress workbook, not a review" in plan.stderr


def test_a_workbook_made_before_progress_existed_starts_a_progress_workbook(tmp_path):
    old = ROOT / "tests" / "fixtures" / "review-returned-before-progress.xlsx"
    out = tmp_path / "progress.xlsx"
    assert run("progress-workbook", SAMPLE, old, "-o", out).exit_code == 0
    ws = load_workbook(out)["Progress"]
    assert ws["D6"].value == "To be agreed" and ws["E6"].value == "Jordan Sample"  # no outcome or post then


@pytest.mark.parametrize("before,after,words", [
    ((2027, 9, 30), (2027, 12, 31), "3 months later"), ((2027, 6, 30), (2027, 6, 16), "2 weeks earlier"),
    ((2027, 6, 30), (2027, 7, 1), "1 day later"),
])
def test_moved_by_says_how_far_in_words(before, after, words):
    from datetime import date

    assert moved_by(date(*before), date(*after)) == words


def _emailed(path: Path, workbook: Path, sent: str, sender="Jordan Sample <jordan.sample@exampleshire.example>"):
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["To"] = sender, "Casey Umbrella <casey.umbrella@support.example>"
    message["Subject"], message["Date"] = "RE: progress update", sent
    message.set_content("Progress attached.")
    message.add_attachment(workbook.read_bytes(), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename="progress.xlsx")
    path.write_bytes(bytes(message))
    return path


def test_progress_comes_back_by_email_outlook_and_winmail_dat(progress, tmp_path):
    from mail_builders import build_msg, build_tnef

    returned = fill_progress_as_officer(progress, tmp_path / "returned.xlsx")
    eml = _emailed(tmp_path / "reply.eml", returned, "Tue, 06 Jul 2027 10:00:00 +0000")
    msg = build_msg(tmp_path / "reply.msg", subject="RE: progress", sender="jordan.sample@exampleshire.example",
                    to="casey.umbrella@support.example", body="Attached.",
                    attachments=[("winmail.dat", build_tnef(attachments=[("progress.xlsx", returned.read_bytes())]))])
    for carrier in (eml, msg):
        data = tmp_path / f"{carrier.suffix[1:]}.json"
        result = run("progress-report", carrier, "-o", tmp_path / f"{carrier.suffix[1:]}.docx", "--json", data)
        assert result.exit_code == 0, result.output
        assert json.loads(data.read_text())["actions"][1]["status"] == "Complete"
    assert run("check", eml).exit_code == 0


def test_a_later_email_replaces_an_earlier_one_and_departments_are_combined(progress, tmp_path):
    first = edit(progress, tmp_path / "first.xlsx", {"H6": "At risk"})
    second = edit(progress, tmp_path / "second.xlsx", {"H6": "On track"})
    early = _emailed(tmp_path / "early.eml", first, "Tue, 06 Jul 2027 10:00:00 +0000")
    late = _emailed(tmp_path / "late.eml", second, "Wed, 07 Jul 2027 10:00:00 +0000")
    data = tmp_path / "report.json"
    result = run("progress-report", early, late, "-o", tmp_path / "report.docx", "--json", data)
    assert result.exit_code == 0, result.output
    assert json.loads(data.read_text())["actions"][0]["status"] == "On track"
    assert "a later return replaces an earlier one" in result.stderr
    # two departments, each reporting on its own actions, and disagreeing on one
    finance = edit(progress, tmp_path / "finance.xlsx", {"H6": "On track", "H9": "Off track"}, "Finance Officer")
    policy = edit(progress, tmp_path / "policy.xlsx", {"H6": "At risk", "H7": "Complete"}, "Policy Officer")
    result = run("progress-report", finance, policy, "-o", tmp_path / "both.docx", "--json", tmp_path / "both.json")
    assert result.exit_code == 0, result.output
    statuses = {a["ref"]: a["status"] for a in json.loads((tmp_path / "both.json").read_text())["actions"]}
    # The most cautious status, whatever order the files came in (was: the first file's).
    assert statuses == {"b1": "At risk", "c1": "Complete", "f1": None, "g1": "Off track", "g2": None, "h": None}
    assert ("action 'b1' has different statuses ('On track' in finance.xlsx; 'At risk' in policy.xlsx); the report "
            "shows 'At risk', the most cautious") in result.stderr


def test_departments_words_and_dates_are_all_kept_whatever_the_order(progress, tmp_path):
    housing = edit(progress, tmp_path / "housing.xlsx", {"H6": "On track", "I6": "Workshop held in May."},
                   "Housing Officer")
    planning = edit(progress, tmp_path / "planning.xlsx", {"I6": "Venue booked for the forum.", "J6": "31/08/2027",
                                                           "H9": "Off track", "J9": "30/06/2027"}, "Planning Officer")
    health = edit(progress, tmp_path / "health.xlsx", {"H9": "At risk", "J9": "31/12/2027"}, "Health Officer")
    reports = []
    for order in ([housing, planning, health], [health, planning, housing]):
        data = tmp_path / f"{order[0].stem}.json"
        result = run("progress-report", *order, "-o", tmp_path / f"{order[0].stem}.docx", "--json", data)
        assert result.exit_code == 0, result.output
        reports.append({a["ref"]: a for a in json.loads(data.read_text())["actions"]})
        assert "action 'g1' has different revised target dates" in result.stderr
        assert "no status for action 'b1'" not in result.stderr, "another copy gives b1 a status"
    first, second = reports
    for ref in first:  # the order of the files changes no status or date, and loses no words
        assert (first[ref]["status"], first[ref]["revised_target_date"]) == (
            second[ref]["status"], second[ref]["revised_target_date"])
        assert sorted(first[ref]["progress_update"].split("\n")) == sorted(second[ref]["progress_update"].split("\n"))
    b1, g1 = first["b1"], first["g1"]
    assert b1["status"] == "On track" and b1["revised_target_date"] == "2027-08-31"
    assert "Workshop held in May." in b1["progress_update"] and "Venue booked for the forum." in b1["progress_update"]
    assert g1["status"] == "Off track" and g1["revised_target_date"] == "2027-12-31"


def test_an_exported_progress_report_template_is_used_when_restyled(progress, tmp_path, make_council):
    assert run("templates", "export", tmp_path / "mine").exit_code == 0
    template = tmp_path / "mine" / "progress-report.docx"
    from docx import Document as Open

    doc = Open(str(template))
    doc.paragraphs[0].insert_paragraph_before("Our house style")
    doc.save(str(template))
    assert run("templates", "check", template).exit_code == 0
    returned = fill_progress_as_officer(progress, tmp_path / "returned.xlsx")
    council = make_council(templates={"progress_report": str(template)})
    out = tmp_path / "styled.docx"
    result = run("progress-report", returned, "-o", out, "--council", council)
    assert result.exit_code == 0, result.output
    assert "Our house style" in all_text(out) and "Summary by status" in all_text(out)


def test_progress_is_due_when_given_never_on_the_reviews_due_date(tmp_path):
    out = tmp_path / "progress.xlsx"
    assert run("progress-workbook", SAMPLE, RETURNED, "-o", out).exit_code == 0
    ws = load_workbook(out)["Progress"]
    assert "return by" not in ws["B2"].value and "31 March 2027" not in ws["B2"].value  # the review's due date


def test_strict_makes_a_missing_status_an_error(progress, tmp_path):
    result = run("progress-report", progress, "-o", tmp_path / "report.docx", "--strict")
    assert result.exit_code == 1 and "Progress!H6: no status for action 'b1'; pick one from the list" in result.stderr


def test_next_progress_workbook_combines_departments_returns(progress, tmp_path):
    finance = edit(progress, tmp_path / "finance.xlsx", {"H9": "Off track", "J9": "30/09/2027"}, "Finance Officer")
    policy = edit(progress, tmp_path / "policy.xlsx", {"H7": "Complete"}, "Policy Officer")
    second = tmp_path / "second.xlsx"
    result = run("progress-workbook", SAMPLE, finance, policy, "-o", second)
    assert result.exit_code == 0, result.output
    ws = load_workbook(second)["Progress"]
    rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows(min_row=6, max_row=10)}
    assert (rows["g1"][6], rows["g1"][9], rows["c1"][6], rows["b1"][6]) == (
        "Off track", datetime(2027, 9, 30), "Complete", "Not started")
    mixed = run("progress-workbook", SAMPLE, finance, RETURNED, "-o", tmp_path / "mixed.xlsx")
    assert mixed.exit_code == 1 and "not both" in mixed.stderr


def test_the_plan_names_the_scrutiny_committee_as_a_sentence_does(tmp_path):
    out = tmp_path / "plan.docx"
    assert run("action-plan", RETURNED, "-o", out, "--council", SAMPLE).exit_code == 0
    assert "Progress is reported to the Communities Overview and Scrutiny Committee;" in all_text(out)
    workbook = tmp_path / "progress.xlsx"
    assert run("progress-workbook", SAMPLE, RETURNED, "-o", workbook).exit_code == 0
    instructions = " ".join(str(c.value) for row in load_workbook(workbook)["Instructions"].iter_rows() for c in row)
    assert "Progress is reported to the Communities Overview and Scrutiny Committee, every six months." in instructions


def test_overdue_sentence_agrees_with_its_number():
    from pledge_office.documents.progress_report import _count_sentence

    detail = " (past {its} target or revised date and not complete)"
    assert _count_sentence(1, "is overdue", "are overdue", "None.", detail) == (
        "1 action is overdue (past its target or revised date and not complete).")
    assert _count_sentence(2, "is overdue", "are overdue", "None.", detail) == (
        "2 actions are overdue (past their target or revised date and not complete).")


def test_an_action_complete_at_the_last_update_stays_complete_when_its_status_is_left_blank(progress, tmp_path):
    returned = fill_progress_as_officer(progress, tmp_path / "returned.xlsx")
    second = tmp_path / "second.xlsx"
    assert run("progress-workbook", SAMPLE, returned, "-o", second, "--as-of", "01/10/2027").exit_code == 0
    ws = load_workbook(second)["Progress"]
    row = next(r for r in range(6, 20) if ws.cell(r, 1).value == "c1")
    assert ws.cell(row, 7).value == "Complete"  # its status at the last update
    filled = edit(second, tmp_path / "second-returned.xlsx", {f"H{r}": "On track" for r in range(6, 20)
                                                               if ws.cell(r, 1).value not in (None, "c1")})
    report = tmp_path / "report.docx"
    result = run("progress-report", filled, "-o", report, "--as-of", "01/01/2028", "--json", tmp_path / "r.json")
    assert result.exit_code == 0, result.output
    assert (f"Progress!H{row}: warning: no status for action 'c1'; it was Complete at the last update, so it is "
            "taken as still complete (pick 'Complete' to say so)") in result.output
    parsed = {a["ref"]: a for a in json.loads((tmp_path / "r.json").read_text())["actions"]}
    assert parsed["c1"]["status"] == "Complete"
    summary = {r.cells[0].text: r.cells[1].text for r in table_headed(Document(str(report)), "Status").rows[1:]}
    assert summary.get("Complete") == "1" and "No status given" not in summary, summary
    nxt = tmp_path / "next.xlsx"
    assert run("review-workbook", SAMPLE, "-o", nxt, "--period", "2028/29", "--previous", filled).exit_code == 0
    review = load_workbook(nxt)["Review"]
    rows = {review.cell(r, 1).value: review.cell(r, 4).value for r in range(6, 14)}
    assert rows["c"] is None, "a complete action is not listed as open"


def test_a_revised_date_before_the_workbook_was_issued_is_warned(progress, tmp_path):
    returned = fill_progress_as_officer(progress, tmp_path / "returned.xlsx")
    ws = load_workbook(returned)["Progress"]
    row = next(r for r in range(6, 20) if ws.cell(r, 1).value == "f1")
    slipped = edit(returned, tmp_path / "slipped.xlsx", {f"J{row}": datetime(2020, 1, 2)})
    result = run("check", slipped)
    assert result.exit_code == 0
    assert f"Progress!J{row}: warning: Revised target date 02/01/2020 is before the workbook was issued" in result.stdout


def test_the_progress_json_names_every_field_of_an_action_and_an_action_due_today_is_not_yet_overdue(progress,
                                                                                                      tmp_path):
    returned = fill_progress_as_officer(progress, tmp_path / "returned.xlsx")
    out, data = tmp_path / "report.docx", tmp_path / "report.json"
    result = run("progress-report", returned, "-o", out, "--json", data, "--as-of", "30/06/2027")
    assert result.exit_code == 0, result.output
    f1 = {a["ref"]: a for a in json.loads(data.read_text())["actions"]}["f1"]
    assert f1 == {
        "ref": "f1", "commitment": "f", "action": "Include VCSE employers in the next Economic Growth Strategy",
        "outcome": "The Economic Growth Strategy counts VCSE jobs and employers",
        "lead_officer": "Chris Placeholder, Head of Economic Growth", "target_date": "2027-09-30",
        "status_at_last_update": "Not started", "status": "At risk",
        "progress_update": "Refresh of the Economic Growth Strategy delayed by the spending review; VCSE data gathered.",
        "revised_target_date": "2027-12-31", "evidence_of_completion": "", "comments": ""}
    whole = json.loads(data.read_text())
    assert {k: v for k, v in whole.items() if k not in ("progress_id", "review_id", "actions")} == {
        "council": "Exampleshire County Council", "period": "2026/27", "update": "1", "officer": "Jordan Sample",
        "generated": "2027-07-01", "due": "2027-09-30", "files": [str(returned)], "warnings": []}
    assert whole["progress_id"] == whole["review_id"] + "-U1" and whole["review_id"].startswith("EXAMPLESHIRE-2026-27-")
    # b1 is on track and due 30 June 2027: on that day it is not yet overdue (the day after, it is)
    assert "No action is overdue." in all_text(out)


def test_departments_statuses_combine_by_caution_and_each_disagreement_is_said_once(progress, tmp_path):
    a = edit(progress, tmp_path / "a.xlsx", {"H6": "At risk", "H7": "Not started", "H8": "Complete", "K8": "Strategy published",
                                             "H9": "On track", "J9": "31/08/2027", "H10": "Off track"}, "A Officer")
    b = edit(progress, tmp_path / "b.xlsx", {"H6": "Not started", "H7": "On track", "H8": "On track", "H9": "On track",
                                             "J9": "31/12/2027", "J10": "30/11/2027"}, "B Officer")
    shown = []
    for order in ([a, b], [b, a]):
        data = tmp_path / f"{order[0].stem}.json"
        result = run("progress-report", *order, "-o", tmp_path / f"{order[0].stem}.docx", "--json", data)
        assert result.exit_code == 0, result.output
        parsed = json.loads(data.read_text())
        shown.append({x["ref"]: (x["status"], x["revised_target_date"]) for x in parsed["actions"]})
        # h has no status in either copy, so both copies say so; g2's blank in b is given in a, so not said
        assert parsed["files"] == [str(f) for f in order]
        assert parsed["warnings"] == [f"{f}: Progress!H11: warning: no status for action 'h'; pick one from the list"
                                      for f in order]
    assert shown[0] == shown[1] == {"b1": ("At risk", None), "c1": ("Not started", None), "f1": ("On track", None),
                                    "g1": ("On track", "2027-12-31"), "g2": ("Off track", "2027-11-30"),
                                    "h": (None, None)}
    assert result.stderr.splitlines() == [  # the last order: b first; copies that agree (g1's status) say nothing
        f"{b}: Progress!H11: warning: no status for action 'h'; pick one from the list",
        f"{a}: Progress!H11: warning: no status for action 'h'; pick one from the list",
        f"{b}: warning: action 'b1' has different statuses ('Not started' in b.xlsx; 'At risk' in a.xlsx); "
        "the report shows 'At risk', the most cautious",
        f"{b}: warning: action 'c1' has different statuses ('On track' in b.xlsx; 'Not started' in a.xlsx); "
        "the report shows 'Not started', the most cautious",
        f"{b}: warning: action 'f1' has different statuses ('On track' in b.xlsx; 'Complete' in a.xlsx); "
        "the report shows 'On track', the most cautious",
        f"{b}: warning: action 'g1' has different revised target dates (31/12/2027 in b.xlsx; 31/08/2027 in a.xlsx); "
        "the report shows the later"]


def test_returns_of_two_different_progress_updates_are_refused_not_combined(progress, tmp_path):
    first = fill_progress_as_officer(progress, tmp_path / "first.xlsx")
    blank = tmp_path / "update2.xlsx"
    assert run("progress-workbook", SAMPLE, first, "-o", blank, "--as-of", "01/10/2027").exit_code == 0
    second = edit(blank, tmp_path / "second.xlsx", {"H6": "On track"})
    result = run("progress-report", first, second, "-o", tmp_path / "report.docx")
    assert result.exit_code == 1 and not (tmp_path / "report.docx").exists()
    said = re.fullmatch(rf"Error: {re.escape(str(second))}: is progress update (\S+)-U2, but {re.escape(str(first))} "
                        r"is \1-U1; give the returns of one progress update at a time", result.stderr.strip())
    assert said, result.stderr

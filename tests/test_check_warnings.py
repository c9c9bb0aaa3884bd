"""'check' never misleads: suggestions that keep a negation, and warnings for what would mislead a plan."""

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from review_factory import GOOD_ANSWERS, blank_workbook, fill
from pledge_office.cli import cli
from pledge_office.model.review_checks import suggest_rating


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    # Issued on a known date, so that a target date before it can be told.
    folder = tmp_path_factory.mktemp("blank")
    return blank_workbook(folder)


def checked(tmp_path, blank, edit):
    path = fill(shutil.copy(blank, tmp_path / "review.xlsx") and tmp_path / "review.xlsx", then=edit)
    return run("check", path)


@pytest.mark.parametrize("typed, suggested", [
    ("Mostly met", "Partly met"), ("Not mett", "Not met"), ("Fuly met", "Fully met"), ("Not aplicable", "Not applicable"),
    ("Partially mett", "Partly met"), ("Unmet", "Not met"), ("Met fully", None),
])
def test_suggestions_never_cross_a_negation(typed, suggested):
    assert suggest_rating(typed) == suggested


def test_mostly_met_is_not_suggested_as_not_met(tmp_path, blank):
    result = checked(tmp_path, blank, lambda book, ws: ws.__setitem__("C6", "Mostly met"))
    assert result.exit_code == 1
    assert "Review!C6: error: 'Mostly met' is not a rating (did you mean 'Partly met'?)" in result.stdout
    assert "did you mean 'Not met'" not in result.stdout


def test_not_applicable_without_a_reason_is_warned(tmp_path, blank):
    # Commitment e is Not applicable with a comment in the good answers; take the comment away.
    result = checked(tmp_path, blank, lambda book, ws: ws.__setitem__("I10", None))
    assert result.exit_code == 0
    assert ("Review!I10: warning: commitment 'e' is rated Not applicable with no reason; say why it does not "
            "apply in Comments") in result.stdout


def test_action_without_a_lead_or_a_target_date_is_warned(tmp_path, blank):
    def edit(book, ws):
        ws["F7"], ws["G8"] = None, None
    result = checked(tmp_path, blank, edit)
    assert result.exit_code == 0
    assert "Review!F7: warning: the action for commitment 'b' has no lead officer; name who will lead it" in result.stdout
    assert "Review!G8: warning: the action for commitment 'c' has no target date; give one as DD/MM/YYYY" in result.stdout


def test_support_requested_with_no_action_is_warned_and_not_counted_as_an_action(tmp_path, blank):
    """It is not an action until described: the plan, progress workbook and summary agree, and check says so."""
    result = checked(tmp_path, blank, lambda book, ws: ws.__setitem__("H13", "Help with a venue"))
    assert result.exit_code == 0
    assert ("Review!E13: warning: support is requested but no action is described; describe the action it is for "
            "(until then it is not counted as an action, and progress updates leave it out)") in result.stdout
    assert "8 commitments rated, 3 action(s) and 1 row(s) with no action described" in result.stderr


def test_target_date_before_the_workbook_was_issued_suggests_swapped_day_and_month(tmp_path, blank):
    from datetime import date, timedelta

    # The blank workbook was issued today. A US-set office suite stores a typed 11/12 as 12 November:
    # a date before the issue date whose day and month, swapped, give a date after it.
    today = date.today()
    stored = next(d for d in (today - timedelta(days=n) for n in range(1, 400))
                  if d.day <= 12 and d.day != d.month and date(d.year, d.day, d.month) >= today)
    meant = date(stored.year, stored.day, stored.month)
    result = checked(tmp_path, blank, lambda book, ws: ws.__setitem__("G7", stored))
    assert result.exit_code == 0
    line = next(l for l in result.stdout.splitlines() if f"Review!G7: warning: Target date {stored:%d/%m/%Y}" in l)
    assert "is before the workbook was issued" in line
    assert "day and month may have been swapped" in line and f"did you mean {meant:%d/%m/%Y}?" in line


def test_no_swap_is_suggested_that_would_still_be_before_the_issue_date(tmp_path, blank):
    from datetime import date

    # 05/06/2020 is years before the workbook; 06/05/2020 would be too: the year is what to check.
    result = checked(tmp_path, blank, lambda book, ws: ws.__setitem__("G7", date(2020, 6, 5)))
    line = next(l for l in result.stdout.splitlines() if "Review!G7: warning: Target date 05/06/2020" in l)
    assert "did you mean" not in line
    assert "would be even with day and month swapped: check the year" in line


def test_an_invalid_email_in_a_council_file_is_refused_with_its_line(tmp_path, make_council):
    path = make_council(**{"review.officer.email": "tom.whitehouse at staffordbc"})
    result = run("review-workbook", path, "-o", tmp_path / "r.xlsx", "--email", tmp_path / "r.eml")
    assert result.exit_code == 1
    line = result.stderr.strip()
    assert line.startswith(f"Error: {path}: line ") and "field 'review.officer.email'" in line
    assert "'tom.whitehouse at staffordbc' is not an email address" in line
    assert not (tmp_path / "r.eml").exists() and not (tmp_path / "r.xlsx").exists()


def test_an_invalid_email_on_the_councils_sheet_names_its_cell(tmp_path):
    import csv

    from pledge_office.inputs.councils_sheet import read_councils

    path = tmp_path / "councils.csv"
    assert run("init", "--councils", path).exit_code == 0
    shutil.copy("samples/exampleshire-logo.png", tmp_path / "exampleshire-logo.png")
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    column = rows[0].index("Contact email")
    rows[1][column] = "jordan.sample@"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    row = read_councils(path)[0]
    assert row.council is None
    assert "row 2, column 'Contact email'" in row.error and "'jordan.sample@' is not an email address" in row.error


def test_an_invalid_officer_email_option_is_refused(tmp_path):
    result = run("review-workbook", "samples/exampleshire.yaml", "-o", tmp_path / "r.xlsx", "--officer", "Tom",
                 "--officer-email", "tom.whitehouse at staffordbc", "--email", tmp_path / "r.eml")
    assert result.exit_code == 2 and "'tom.whitehouse at staffordbc' is not an email address" in result.stderr
    assert not (tmp_path / "r.eml").exists()


def pasted_into_a_new_file(source, out):
    """Copy the Review sheet's values into a new workbook, as an officer pasting 'values only' would."""
    from openpyxl import Workbook, load_workbook

    old = load_workbook(source)["Review"]
    book = Workbook()
    sheet = book.active
    sheet.title = "Review"
    for row in old.iter_rows():
        for cell in row:
            if cell.value is not None:
                sheet.cell(cell.row, cell.column).value = cell.value
    book.save(out)
    return out


def test_a_plan_from_pasted_values_has_no_blank_in_a_sentence(tmp_path, blank):
    from docx_read import all_text

    returned = fill(shutil.copy(blank, tmp_path / "review.xlsx") and tmp_path / "review.xlsx")
    pasted = pasted_into_a_new_file(returned, tmp_path / "pasted.xlsx")
    result = run("action-plan", pasted, "-o", tmp_path / "plan.docx")
    assert result.exit_code == 0, result.output
    text = all_text(tmp_path / "plan.docx")
    for line in text.splitlines():  # a blank field leaves a gap: ' ’s', '  ', ' ,', ' .'
        assert not re.search(r" ’s|\S  \S| [,.;:](\s|$)|\(\s*\)", line), line
    assert "does not say which council it is for" in text and "against the council’s day-to-day practice" in text
    assert "Action plan 20" in text  # the period, from the review's reference


@pytest.mark.parametrize("document, args", [
    ("report", ["samples/exampleshire.yaml"]), ("signing-copy", ["samples/exampleshire.yaml"]),
])
def test_a_finished_document_given_as_a_template_is_refused(tmp_path, make_council, document, args):
    finished = tmp_path / f"finished-{document}.docx"
    assert run(document, *args, "-o", finished).exit_code == 0
    other = make_council(**{"council.name": "Northshire District Council", "council.short_name": "Northshire"})
    result = run(document, other, "-o", tmp_path / "out.docx", "--template", finished)
    assert result.exit_code == 1
    assert "looks like a finished document" in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_a_template_with_another_councils_name_is_refused(tmp_path, make_council):
    from docx import Document

    assert run("templates", "export", tmp_path / "t").exit_code == 0
    doc = Document(str(tmp_path / "t" / "report.docx"))
    doc.add_paragraph("Approved by Eastvale Borough Council on 1 March 2027.")
    doc.save(str(tmp_path / "edited.docx"))
    result = run("report", make_council(), "-o", tmp_path / "out.docx", "--template", tmp_path / "edited.docx")
    assert result.exit_code == 1
    assert "names Eastvale Borough Council in its own text, but this document is for Exampleshire County Council: " \
           "it looks like a finished document for another council" in result.stderr


def test_every_exported_template_renders_for_a_first_year_review_and_one_with_a_previous(tmp_path, blank):
    assert run("templates", "export", tmp_path / "t").exit_code == 0
    from openpyxl import load_workbook

    first_year = fill(shutil.copy(blank, tmp_path / "first.xlsx") and tmp_path / "first.xlsx")
    result = run("review-workbook", "samples/exampleshire.yaml", "-o", tmp_path / "second.xlsx", "--previous", first_year)
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "second.xlsx")
    for row in range(6, 14):  # after the two 'Previous' columns, the rating is column E
        book["Review"].cell(row, 5).value = "Fully met"
    book.save(tmp_path / "second-returned.xlsx")
    second = tmp_path / "second-returned.xlsx"
    for name, returned in (("first", first_year), ("second", second)):
        plan = run("action-plan", returned, "-o", tmp_path / f"plan-{name}.docx", "--template",
                   tmp_path / "t" / "action-plan.docx")
        assert plan.exit_code == 0, plan.output
    assert run("report", "samples/exampleshire.yaml", "-o", tmp_path / "r.docx", "--template",
               tmp_path / "t" / "report.docx").exit_code == 0
    assert run("signing-copy", "samples/exampleshire.yaml", "-o", tmp_path / "s.docx", "--template",
               tmp_path / "t" / "signing-copy.docx").exit_code == 0


def test_an_action_marked_complete_without_evidence_is_warned(tmp_path):
    from openpyxl import load_workbook

    samples = Path(__file__).resolve().parents[1] / "samples"
    blank = tmp_path / "progress.xlsx"
    assert run("progress-workbook", samples / "exampleshire.yaml", samples / "exampleshire-returned.xlsx",
               "-o", blank).exit_code == 0
    book = load_workbook(blank)
    ws = book["Progress"]
    row = next(r for r in range(6, 20) if ws.cell(r, 1).value == "h")  # 'Action to be agreed'
    ws.cell(row, 8).value = "Complete"
    book.save(tmp_path / "returned.xlsx")
    result = run("check", tmp_path / "returned.xlsx")
    assert (f"Progress!K{row}: warning: action 'h' is marked Complete with no evidence; say in 'Evidence of "
            "completion' what shows it is done (the report for scrutiny lists it)") in result.stdout

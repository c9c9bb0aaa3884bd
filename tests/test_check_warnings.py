"""'check' never misleads: suggestions that keep a negation, and warnings for what would mislead a plan."""

import shutil

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


def test_target_date_before_the_workbook_was_issued_suggests_swapped_day_and_month(tmp_path, blank):
    from datetime import date

    # The blank workbook was issued today; 05/06/2020 is years before it.
    result = checked(tmp_path, blank, lambda book, ws: ws.__setitem__("G7", date(2020, 6, 5)))
    assert result.exit_code == 0
    line = next(l for l in result.stdout.splitlines() if "Review!G7: warning: Target date 05/06/2020" in l)
    assert "is before the workbook was issued" in line
    assert "day and month may have been swapped" in line and "did you mean 06/05/2020?" in line


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

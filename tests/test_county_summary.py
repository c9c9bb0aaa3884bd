"""A county's returns as they really arrive, and the summary an umbrella body can trust.

Six councils on the councils sheet: one corrects its emailed reply, one sends a
DRAFT and a FINAL workbook by hand, one has two departments reply separately,
one has not replied yet, one is overdue, and one returns a workbook with an
error; plus a file that is not a workbook at all.
"""

import re
import shutil
import zipfile
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from councils_factory import councils_sheet_of
from review_factory import GOOD_ANSWERS, blank_workbook, fill
from pledge_office.cli import cli

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "01/06/2027"
COUNCILS = {  # place -> review due (on the councils sheet)
    "Northshire": date(2027, 3, 31), "Southmoor": date(2027, 3, 31), "Eastvale": date(2027, 3, 31),
    "Westfield": date(2027, 6, 30), "Upton": date(2027, 4, 30), "Downham": date(2027, 3, 31),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def council_file(folder: Path, place: str) -> Path:
    sample = (ROOT / "samples" / "exampleshire.yaml").read_text(encoding="utf-8")
    path = folder / f"{place.lower()}.yaml"
    path.write_text(sample.replace("Exampleshire County Council", f"{place} District Council")
                    .replace("short_name: Exampleshire", f"short_name: {place}"), encoding="utf-8")
    shutil.copy(ROOT / "samples" / "exampleshire-logo.png", folder / "exampleshire-logo.png")
    return path


def councils_sheet(folder: Path) -> Path:
    return councils_sheet_of(folder, [{"Council name": f"{place} District Council", "Short name": place,
                                       "Logo file": "logo.png", "Review due": due} for place, due in COUNCILS.items()])


def answers(**changes):
    return {ref: ((changes[ref],) + values[1:]) if ref in changes else values for ref, values in GOOD_ANSWERS.items()}


def saved_as(path: Path, by: str, when: str) -> Path:
    """Give a workbook the 'last saved by' and 'last saved' properties Excel would have written."""
    book = load_workbook(path)
    book.properties.lastModifiedBy = by
    book.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts["docProps/core.xml"] = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + when.encode(),
                                        parts["docProps/core.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def email(path: Path, sender: str, sent: str, *attachments: Path) -> Path:
    message = EmailMessage()
    message["From"], message["To"] = sender, "Casey Umbrella <casey.umbrella@support.example>"
    message["Subject"], message["Date"] = "RE: VCSE Pledge review", sent
    message.set_content("Please find the review attached.")
    for attachment in attachments:
        message.add_attachment(attachment.read_bytes(), maintype="application", subtype=XLSX.split("/")[1],
                               filename="VCSE Pledge review.xlsx")
    path.write_bytes(bytes(message))
    return path


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    made = tmp_path_factory.mktemp("county")
    work, inbox = made / "work", made / "returned"
    work.mkdir()
    inbox.mkdir()
    blank = {place: blank_workbook(work, f"{place}.xlsx", council_file=council_file(work, place))
             for place in COUNCILS}
    # Northshire: replied by email, then sent a correction from the same address.
    first = fill(blank["Northshire"], answers(a="Not met"), out=work / "north-first.xlsx")
    second = fill(blank["Northshire"], answers(a="Fully met"), out=work / "north-second.xlsx")
    officer = "Robin Example <robin.example@northshire.example>"
    email(inbox / "northshire reply.eml", officer, "Tue, 02 Mar 2027 10:00:00 +0000", first)
    email(inbox / "northshire correction.eml", officer, "Wed, 03 Mar 2027 09:30:00 +0000", second)
    # Southmoor: a DRAFT and a FINAL workbook, saved by the same officer, handed over as files.
    saved_as(fill(blank["Southmoor"], answers(c="Not met"), out=inbox / "Southmoor DRAFT.xlsx"),
             "Pat Sample", "2027-03-10T09:00:00Z")
    saved_as(fill(blank["Southmoor"], answers(c="Fully met"), out=inbox / "Southmoor FINAL.xlsx"),
             "Pat Sample", "2027-03-20T16:45:00Z")
    # Eastvale: two departments reply, each from their own address; they disagree on b.
    housing = fill(blank["Eastvale"], answers(b="Not met"), out=work / "housing.xlsx")
    planning = fill(blank["Eastvale"], answers(b="Partly met"), out=work / "planning.xlsx")
    email(inbox / "eastvale housing.eml", "Housing Lead <housing@eastvale.example>",
          "Mon, 15 Mar 2027 12:00:00 +0000", housing)
    email(inbox / "eastvale planning.eml", "Planning Lead <planning@eastvale.example>",
          "Tue, 16 Mar 2027 12:00:00 +0000", planning)
    # Downham: a target date that is not a real date.
    fill(blank["Downham"], out=inbox / "downham.xlsx", then=lambda book, ws: ws.__setitem__("G7", "31/02/2027"))
    # And something that is not a review workbook at all.
    (inbox / "notes.txt").write_text("Westfield say they will reply next month.\n", encoding="utf-8")
    return made, councils_sheet(made), sorted(inbox.iterdir())


@pytest.fixture(scope="module")
def summary(county):
    folder, sheet, files = county
    out = folder / "county.xlsx"
    result = run("summary", *files, "--councils", sheet, "-o", out, "--as-of", AS_OF)
    return result, load_workbook(out)


def rows_of(ws):
    headers = [c.value for c in ws[1]]
    return [dict(zip(headers, (c.value for c in row))) for row in ws.iter_rows(min_row=2) if row[0].value]


def test_exit_code_is_1_because_files_were_left_out(summary):
    result, _ = summary
    assert result.exit_code == 1
    assert "Wrote " in result.stdout
    assert "2 file(s) left out for errors: see the 'Not included' sheet" in result.stderr


def test_register_accounts_for_every_council(summary):
    _, book = summary
    register = {r["Council"]: r for r in rows_of(book["Register"])}
    assert {name: r["Status"] for name, r in register.items()} == {
        "Downham District Council": "Returned with errors", "Eastvale District Council": "Returned",
        "Northshire District Council": "Returned", "Southmoor District Council": "Returned",
        "Upton District Council": "Overdue", "Westfield District Council": "Not yet returned"}
    north = register["Northshire District Council"]
    assert north["Returned"].date() == date(2027, 3, 3) and north["Date taken from"] == "date of the email"
    south = register["Southmoor District Council"]
    assert south["Returned"].date() == date(2027, 3, 20) and south["Date taken from"] == "workbook last saved"
    assert south["Files used"] == "Southmoor FINAL.xlsx"
    assert register["Eastvale District Council"]["Returned"].date() == date(2027, 3, 16)  # its last part
    assert "eastvale housing.eml" in register["Eastvale District Council"]["Files used"]
    assert "eastvale planning.eml" in register["Eastvale District Council"]["Files used"]
    assert register["Downham District Council"]["Checked"] == "1 error(s) in downham.xlsx (not used)"  # names the file
    assert register["Downham District Council"]["Returned"] is not None
    assert register["Upton District Council"]["Due back"].date() == date(2027, 4, 30)


def test_each_rating_shown_is_from_the_file_that_should_win(summary):
    _, book = summary
    ratings = {r["Council"]: r for r in rows_of(book["Ratings"])}
    assert sorted(ratings) == ["Eastvale District Council", "Northshire District Council",
                               "Southmoor District Council"]
    assert ratings["Northshire District Council"]["Commitment a"] == "Fully met"   # the correction, not the reply
    assert ratings["Southmoor District Council"]["Commitment c"] == "Fully met"    # FINAL, not DRAFT
    assert ratings["Eastvale District Council"]["Commitment b"] == "Not met"       # departments merged: most to do
    assert ratings["Eastvale District Council"]["Commitment a"] == "Fully met"


def test_not_included_sheet_names_each_file_and_why(summary):
    _, book = summary
    left = {Path(r["File"]).name: r for r in rows_of(book["Not included"])}
    assert set(left) == {"northshire reply.eml: VCSE Pledge review.xlsx", "Southmoor DRAFT.xlsx",
                         "downham.xlsx", "notes.txt"}
    assert "a later return replaces an earlier one" in left["northshire reply.eml: VCSE Pledge review.xlsx"][
        "Left out because"]
    assert "draft" in left["Southmoor DRAFT.xlsx"]["Left out because"]
    assert left["downham.xlsx"]["Council"] == "Downham District Council"
    assert "Target date '31/02/2027' is not a real date" in left["downham.xlsx"]["First problems"]
    assert left["notes.txt"]["Council"] == "Not known"


def test_messages_name_every_file_not_used_and_the_overdue_council(summary):
    result, _ = summary
    err = result.stderr
    assert "northshire correction.eml: VCSE Pledge review.xlsx: note: used this return of review" in err
    assert "rather than " in err and "northshire reply.eml: VCSE Pledge review.xlsx, sent 02/03/2027 10:00" in err
    assert "Southmoor DRAFT.xlsx: note: not used: its name says it is a draft" in err
    assert "commitment 'b' is rated differently ('Not met' in eastvale housing.eml: VCSE Pledge review.xlsx; " in err
    assert "downham.xlsx: Review!G7: error: Target date '31/02/2027' is not a real date" in err
    assert "notes.txt" in err
    assert "Upton District Council: overdue: its review was due back on 30/04/2027" in err


def test_overdue_actions_are_named_with_council_lead_and_date(summary):
    _, book = summary
    overdue = rows_of(book["Overdue actions"])
    assert {(r["Council"], r["Action ref"], r["Lead officer"], r["Target date"].date()) for r in overdue} == {
        (f"{place} District Council", "c1", "Priya Example", date(2027, 5, 31))
        for place in ("Eastvale", "Northshire", "Southmoor")}


def test_the_same_rule_in_check_and_action_plan(county, tmp_path):
    folder, _, files = county
    south = [f for f in files if f.name.startswith("Southmoor")]
    result = run("check", *south)
    assert result.exit_code == 0
    assert "Southmoor DRAFT.xlsx: note: not used: its name says it is a draft" in result.stdout
    plan = run("action-plan", *south, "-o", tmp_path / "plan.docx", "--json", tmp_path / "r.json")
    assert plan.exit_code == 0, plan.output
    assert "Southmoor DRAFT.xlsx: note: not used" in plan.stderr
    import json

    data = json.loads((tmp_path / "r.json").read_text())
    assert next(c for c in data["commitments"] if c["ref"] == "c")["rating"] == "Fully met"


def smallest_text_pt(pdf: Path) -> float:
    """The smallest word on any page, in points (the height pdftotext gives a word is about 1.15 times its size)."""
    import subprocess

    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    heights = [float(y1) - float(y0) for y0, y1 in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', html)]
    return min(heights) / 1.15


@pytest.mark.office
def test_summaries_print_legibly(soffice, county, tmp_path):
    from conftest import convert, pdf_text

    folder, sheet, files = county
    result = run("summary", *files, "--councils", sheet, "-o", tmp_path / "county.xlsx", "--docx",
                 tmp_path / "county-report.docx", "--as-of", AS_OF, "--umbrella-name", "Support Exampleshire")
    assert result.exit_code == 1 and (tmp_path / "county-report.docx").exists()
    convert(soffice, [tmp_path / "county.xlsx", tmp_path / "county-report.docx"], tmp_path)
    for pdf in (tmp_path / "county.pdf", tmp_path / "county-report.pdf"):
        assert smallest_text_pt(pdf) >= 9, pdf.name
    text = " ".join(pdf_text(tmp_path / "county-report.pdf").split())
    for words in ("Prepared by Support Exampleshire", "Upton District Council Overdue", "Commentary", "Contact",
                  "Returns not included", "Overdue actions", "Valuing the sector's role"):
        assert words in text
    from docx import Document

    doc = Document(str(tmp_path / "county-report.docx"))
    section = doc.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin
    for table in doc.tables:  # every table within the page's width
        assert sum(int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w")) for c in
                   table._tbl.tblGrid.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")
                   ) * 635 <= usable


def test_the_excel_chart_has_alternative_text(summary, county):
    folder, _, _ = county
    with zipfile.ZipFile(folder / "county.xlsx") as package:
        drawing = package.read("xl/drawings/drawing1.xml").decode("utf-8")
    assert 'descr="Bar chart of ratings per commitment across 3 councils. commitment a: 3 fully met;' in drawing


def test_register_shows_which_documents_batch_has_written(county, tmp_path):
    folder, sheet, files = county
    assert run("batch", sheet, "-o", tmp_path / "written", "--jobs", "1", "--email").exit_code == 0
    (tmp_path / "written" / "upton" / "upton-action-plan.docx").write_bytes(b"")  # as if a plan were made
    result = run("summary", *files, "--councils", sheet, "--documents", tmp_path / "written",
                 "-o", tmp_path / "county.xlsx", "--as-of", AS_OF)
    assert result.exit_code == 1  # Downham's errors still leave a file out
    register = {r["Council"]: r for r in rows_of(load_workbook(tmp_path / "county.xlsx")["Register"])}
    north = register["Northshire District Council"]
    assert north["Documents written"].date() == date.today() and north["Email draft written"].date() == date.today()
    assert north["Action plan written"] == "No"
    assert register["Upton District Council"]["Action plan written"].date() == date.today()


def test_documents_are_not_credited_to_a_council_batch_refused_for_a_repeated_short_name(county, tmp_path):
    _, _, files = county
    sheet = councils_sheet_of(tmp_path / "sheet", [
        {"Council name": "Northshire District Council", "Short name": "Northshire", "Logo file": "logo.png"},
        {"Council name": "Northshire Parish Council", "Short name": "Northshire", "Logo file": "logo.png"}])
    batch = run("batch", sheet, "-o", tmp_path / "written", "--jobs", "1")
    assert "short name 'Northshire' is also used by row 2" in batch.output
    result = run("summary", *files, "--councils", sheet, "--documents", tmp_path / "written",
                 "-o", tmp_path / "county.xlsx", "--as-of", AS_OF)
    register = {r["Council"]: r for r in rows_of(load_workbook(tmp_path / "county.xlsx")["Register"])}
    assert register["Northshire District Council"]["Documents written"].date() == date.today()
    assert register["Northshire Parish Council"]["Documents written"] == "Not known"
    assert ("row 3 (Northshire Parish Council): warning: its short name 'Northshire' is also Northshire District "
            "Council's, so 'batch' wrote no documents for it") in result.stderr


def test_word_summary_names_the_umbrella_body_from_the_pledge_file_or_the_options(county, tmp_path):
    from docx import Document

    folder, sheet, files = county
    result = run("summary", *files, "--councils", sheet, "-o", tmp_path / "a.xlsx", "--docx", tmp_path / "a.docx",
                 "--as-of", AS_OF)
    assert (tmp_path / "a.docx").exists(), result.output
    doc = Document(str(tmp_path / "a.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Prepared by Support Staffordshire as at 1 June 2027" in text  # the bundled pledge's umbrella body
    alts = [d.get("descr") for d in doc.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert alts[0] == "Support Staffordshire logo"
    run("summary", *files, "--councils", sheet, "-o", tmp_path / "b.xlsx", "--docx", tmp_path / "b.docx",
        "--as-of", AS_OF, "--umbrella-name", "Exampleshire Voluntary Action")
    text = "\n".join(p.text for p in Document(str(tmp_path / "b.docx")).paragraphs)
    assert "Prepared by Exampleshire Voluntary Action" in text and "Commentary" in text


def test_a_council_whose_row_has_a_problem_is_still_accounted_for(county, tmp_path):
    """A summary needs no logos; a row with another error is named in a warning and still listed."""
    _, _, files = county
    sheet = councils_sheet_of(tmp_path, [
        {"Council name": "Northshire District Council", "Short name": "Northshire", "Logo file": "gone.png"},
        {"Council name": "Lowfield District Council", "Short name": "Lowfield", "Contact email": "pat at lowfield"},
        {"Council name": "Highfield District Council", "Short name": "Highfield"},
    ])
    out = tmp_path / "county.xlsx"
    result = run("summary", *files, "--councils", sheet, "-o", out, "--as-of", AS_OF)
    register = {r["Council"]: r["Status"] for r in rows_of(load_workbook(out)["Register"])}
    assert register["Northshire District Council"] == "Returned", "a missing logo hides no council"
    assert register["Lowfield District Council"] == "Overdue", "its due date is still read"
    assert register["Highfield District Council"] == "Overdue"
    assert "gone.png" not in result.stderr
    warning = next(line for line in result.stderr.splitlines() if "Lowfield" in line)
    assert warning.startswith(f"{sheet}: Councils!") and ": warning: " in warning
    assert warning.endswith("Lowfield District Council is still listed as expected")
    assert warning.count(str(sheet)) == 1, "the file is named once"


def test_files_no_officer_has_saved_are_merged_as_departments_not_superseded(tmp_path):
    """Workbooks saved by a program that keeps pledge-office's own 'last modified by' name no officer."""
    import time

    blank = blank_workbook(tmp_path, "review.xlsx")
    one = fill(blank, answers(b="Partly met"), out=tmp_path / "one.xlsx")
    time.sleep(1.1)  # a later 'last saved' time must not make it a correction
    two = fill(blank, answers(b="Not met"), out=tmp_path / "two.xlsx")
    result = run("action-plan", one, two, "-o", tmp_path / "plan.docx")
    assert result.exit_code == 0, result.output
    assert "note: used this return" not in result.stderr
    assert "commitment 'b' is rated differently ('Partly met' in one.xlsx; 'Not met' in two.xlsx)" in result.stderr

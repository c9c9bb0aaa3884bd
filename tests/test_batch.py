"""Many councils at once: the councils sheet, batch, progress and PDFs."""

import os
import pty
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import pdf_pages, pdf_text
from councils_factory import councils_sheet_of
from docx_read import all_text
from pledge_office.cli import cli
from pledge_office.inputs.councils_sheet import COLUMNS, read_councils

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["Northshire", "Southmoor", "Eastvale", "Westfield", "Upton", "Downham", "Midcaster", "Lowbridge",
          "Highcombe", "Riverton", "Oakleigh", "Ashby Parva"]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def councils_sheet(folder: Path, broken=True) -> Path:
    """A sheet of 12 fictional councils; with ``broken``, rows 5, 8 and 11 have mistakes."""
    councils = []
    for number, place in enumerate(PLACES, start=2):
        values = {"Council name": f"{place} District Council", "Short name": place,
                  "Logo file": "logo.png", "Meeting date": date(2027, 3, number)}
        if broken and number == 5:
            values["Logo file"] = "missing-logo.png"
        if broken and number == 8:
            values["Council name"] = None
        if broken and number == 11:
            values["Meeting date"] = "31/02/2027"
        councils.append(values)
    return councils_sheet_of(folder, councils)


def test_init_councils_sheet_has_headers_prompts_and_an_example(tmp_path):
    path = tmp_path / "councils.xlsx"
    result = run("init", "--councils", path)
    assert result.exit_code == 0
    sheet = load_workbook(path)["Councils"]
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS]
    assert sheet["A2"].value == "Exampleshire County Council"
    prompts = {dv.prompt for dv in sheet.data_validations.dataValidation if dv.prompt}
    assert "Cabinet, Full Council or a named committee" in prompts
    assert any(dv.type == "date" for dv in sheet.data_validations.dataValidation)
    assert run("init", "--councils", tmp_path / "councils.csv").exit_code == 0
    assert (tmp_path / "councils.csv").read_text(encoding="utf-8-sig").startswith("Council name,Short name,")


def test_rows_are_read_with_their_mistakes_named(tmp_path):
    rows = read_councils(councils_sheet(tmp_path / "sheet"))
    assert len(rows) == 12
    bad = {r.number: r.error for r in rows if r.error}
    assert sorted(bad) == [5, 8, 11]
    assert "Councils!C5: field 'council.logo': logo file 'missing-logo.png' not found" in bad[5]
    assert "Councils!A8: field 'council.name': is missing or empty" in bad[8]
    assert "Councils!F11: field 'meeting.date': '31/02/2027' is not a real date" in bad[11]
    good = next(r for r in rows if r.number == 2).council
    assert good.name == "Northshire District Council" and good.meeting_date == date(2027, 3, 2)
    assert [p.name for p in good.signatories] == ["Councillor Alex Placeholder", "Sam Exemplar"]


def test_csv_sheet_reads_the_same(tmp_path):
    path = tmp_path / "councils.csv"
    assert run("init", "--councils", path).exit_code == 0
    shutil.copy(ROOT / "samples" / "exampleshire-logo.png", tmp_path / "exampleshire-logo.png")
    rows = read_councils(path)
    assert rows[0].council.name == "Exampleshire County Council"
    assert rows[0].council.meeting_date == date(2027, 2, 10)


def test_batch_writes_good_councils_and_names_each_failed_row(tmp_path):
    sheet = councils_sheet(tmp_path / "sheet")
    out = tmp_path / "out"
    result = run("batch", sheet, "-o", out, "--jobs", "2", "--email")
    assert result.exit_code == 1
    assert "9 council(s) written, 0 skipped (already written), 3 failed." in result.stdout
    assert "Note: 9 signing copies carry PLACEHOLDER partner logos" in result.stderr
    failed = [l for l in result.stderr.splitlines() if l.startswith("Failed:")]
    assert len(failed) == 3
    assert failed[0].startswith("Failed: row 5 (Westfield District Council): ") and "missing-logo.png" in failed[0]
    assert failed[1].startswith("Failed: row 8 (row 8): ") and "council.name" in failed[1]
    assert failed[2].startswith("Failed: row 11 (Riverton District Council): ") and "31/02/2027" in failed[2]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.lower().replace(" ", "-") for p in PLACES
                                                          if p not in ("Westfield", "Midcaster", "Riverton"))
    folder = out / "northshire"
    # Beside the documents, a hidden record of what they were written from (to tell a changed row; issue 16).
    assert (folder / ".pledge-office-written-from.json").exists()
    assert sorted(p.name for p in folder.iterdir() if p.name != ".pledge-office-written-from.json") == [
        "northshire-review-email.eml", "northshire-review-workbook.xlsx",
        "northshire-vcse-pledge-report.docx", "northshire-vcse-pledge-signing-copy.docx"]
    assert "Northshire District Council" in all_text(folder / "northshire-vcse-pledge-report.docx")
    assert "Ashby Parva District Council" in all_text(out / "ashby-parva" / "ashby-parva-vcse-pledge-signing-copy.docx")


def test_batch_again_skips_what_is_written_unless_forced(tmp_path):
    sheet = councils_sheet(tmp_path / "sheet", broken=False)
    out = tmp_path / "out"
    assert run("batch", sheet, "-o", out, "--jobs", "1").exit_code == 0
    report = out / "upton" / "upton-vcse-pledge-report.docx"
    stamp = report.stat().st_mtime_ns
    again = run("batch", sheet, "-o", out)
    assert again.exit_code == 0 and "0 council(s) written, 12 skipped" in again.stdout
    assert report.stat().st_mtime_ns == stamp
    forced = run("batch", sheet, "-o", out, "--force", "--jobs", "2")
    assert "12 council(s) written" in forced.stdout and report.stat().st_mtime_ns != stamp
    # The files each rewrite replaced are not left behind, whichever process wrote the council.
    assert sorted(out.rglob("*.part")) == []
    assert run("batch", sheet, "-o", out, "--force", "--jobs", "1").exit_code == 0
    assert sorted(out.rglob("*.part")) == []


def _run_in(args, terminal: bool, cwd: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    command = [sys.executable, "-m", "pledge_office", *map(str, args)]
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=300)
        return done.returncode, done.stderr
    leader, follower = pty.openpty()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=follower, stdin=follower, env=env,
                          cwd=cwd, timeout=300)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return done.returncode, b"".join(chunks).decode(errors="replace")


def test_progress_bar_on_a_terminal_not_in_a_pipe(tmp_path):
    sheet = councils_sheet(tmp_path / "sheet", broken=False)
    code, terminal = _run_in(["batch", sheet, "-o", tmp_path / "a", "--jobs", "2"], True, tmp_path)
    assert code == 0 and "Councils" in terminal and "12/12" in terminal
    code, piped = _run_in(["batch", sheet, "-o", tmp_path / "b", "--jobs", "2"], False, tmp_path)
    assert code == 0 and "Councils" not in piped and "12/12" not in piped


@pytest.mark.office
def test_batch_pdfs_have_their_pages_and_text(soffice, tmp_path):
    sheet = councils_sheet(tmp_path / "sheet", broken=False)
    book = load_workbook(sheet)
    book["Councils"].delete_rows(5, 20)  # three councils are enough for PDFs
    book.save(sheet)
    result = run("batch", sheet, "-o", tmp_path / "out", "--pdf")
    assert result.exit_code == 0, result.output
    for place in PLACES[:3]:
        stem = place.lower()
        report = tmp_path / "out" / stem / f"{stem}-vcse-pledge-report.pdf"
        signing = tmp_path / "out" / stem / f"{stem}-vcse-pledge-signing-copy.pdf"
        assert pdf_pages(signing) == 1 and pdf_pages(report) >= 3
        assert f"{place} District Council" in pdf_text(report) and f"{place} District Council" in pdf_text(signing)
    # A document an officer keeps in a council's folder is theirs: --pdf leaves it alone.
    folder = tmp_path / "out" / PLACES[0].lower()
    shutil.copy(next(folder.glob("*-report.docx")), folder / "my-notes.docx")
    assert run("batch", sheet, "-o", tmp_path / "out", "--pdf", "--force").exit_code == 0
    assert not (folder / "my-notes.pdf").exists()


def test_each_council_result_names_its_own_word_documents(tmp_path):
    from pledge_office.steps.batch import BatchOptions, run_batch

    sheet = councils_sheet(tmp_path / "sheet", broken=False)
    first = run_batch(sheet, BatchOptions(folder=tmp_path / "out"), jobs=1)
    (first[0].documents[0].parent / "my-notes.docx").write_bytes(b"not ours")
    again = run_batch(sheet, BatchOptions(folder=tmp_path / "out"), jobs=1)
    for result in (first[0], again[0]):
        assert [p.name.rsplit("-", 1)[-1] for p in result.documents] == ["report.docx", "copy.docx"]
    assert again[0].status == "skipped"


def test_pdf_without_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = run("report", "samples/exampleshire.yaml", "-o", tmp_path / "r.docx", "--pdf")
    assert result.exit_code == 1
    assert "LibreOffice is not installed, so no PDF can be made" in result.stderr
    assert not (tmp_path / "r.docx").exists()


def test_example_row_uses_yes_and_no(tmp_path):
    path = tmp_path / "councils.xlsx"
    run("init", "--councils", path)
    sheet = load_workbook(path)["Councils"]
    headers = [c.value for c in sheet[1]]
    assert sheet.cell(2, headers.index("Key decision") + 1).value == "No"
    assert sheet.cell(2, headers.index("Exempt") + 1).value == "No"


def test_batch_given_a_council_file_says_what_it_wants(tmp_path):
    result = run("batch", "samples/exampleshire.yaml", "-o", tmp_path / "out")
    assert result.exit_code == 1 and "'batch' takes a councils sheet" in result.stderr


def test_batch_again_with_email_adds_the_drafts(tmp_path):
    sheet = councils_sheet(tmp_path / "sheet", broken=False)
    out = tmp_path / "out"
    assert run("batch", sheet, "-o", out, "--jobs", "1").exit_code == 0
    again = run("batch", sheet, "-o", out, "--email")
    assert again.exit_code == 0, again.output
    assert (out / "upton" / "upton-review-email.eml").exists()


def test_sheet_missing_a_needed_column_is_one_clear_error(tmp_path):
    sheet = councils_sheet(tmp_path / "sheet", broken=False)
    book = load_workbook(sheet)
    headers = [c.value for c in book["Councils"][1]]
    book["Councils"].delete_cols(headers.index("Meeting date") + 1)
    book.save(sheet)
    result = run("batch", sheet, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "has no 'Meeting date' column, which every council needs" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_every_row_is_read_whatever_the_gap_or_the_count(tmp_path):
    """Issue 14: a gap of more than 30 blank rows, or more than 1,999 rows, lost councils silently."""
    path = councils_sheet(tmp_path / "sheet", broken=False)
    book = load_workbook(path)
    sheet = book["Councils"]
    first = [c.value for c in sheet[2]]
    for row in (60, 2105):
        for column, value in enumerate(first, start=1):
            sheet.cell(row, column).value = value
    sheet.cell(2105, 1).value = "Far Down District Council"
    book.save(path)
    rows = read_councils(path)
    assert [r.number for r in rows][-2:] == [60, 2105]
    assert rows[-1].council.name == "Far Down District Council"


def test_number_typed_in_a_general_text_column_reads_as_shown(tmp_path):
    path = councils_sheet(tmp_path / "sheet", broken=False)
    book = load_workbook(path)
    sheet = book["Councils"]
    phone = 1 + [c.header for c in COLUMNS].index("Contact phone")
    sheet.cell(2, phone).value = 1632960000
    sheet.cell(2, phone).number_format = '00000" "000000'  # a format showing the leading 0
    book.save(path)
    assert read_councils(path)[0].council.contact_officer.phone == "01632 960000"


def test_batch_names_the_reports_whose_equality_screening_is_to_fill_in(tmp_path):
    from councils_factory import councils_sheet_of

    sheet = councils_sheet_of(tmp_path / "sheet", [
        {"Council name": "Upton District Council", "Short name": "Upton", "Logo file": "logo.png"},
        {"Council name": "Downby Borough Council", "Short name": "Downby", "Logo file": "logo.png",
         "Equality screening": None}])
    result = run("batch", sheet, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert ("Note: 1 report(s) mark the equality screening [To fill in], as their rows give none (row 3 (Downby "
            "Borough Council)); fill in 'Equality screening' with what the screening found, in a sentence.") in result.stderr
    # The rows keep the example row's people from 'init': as 'report' does for a council file, batch says so.
    assert ("Note: 2 row(s) still have example values from 'pledge-office init' (row 2 (Upton District Council): "
            "Jordan Sample") in result.stderr
    from docx_read import all_text

    assert "[To fill in: whether an equality impact screening" in all_text(
        next((tmp_path / "out" / "downby").glob("*-report.docx")))
    assert "[To fill in" not in all_text(next((tmp_path / "out" / "upton").glob("*-report.docx")))

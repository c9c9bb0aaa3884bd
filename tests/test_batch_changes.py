"""The councils sheet carries what a council file can, and batch never leaves a council's documents stale."""

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from docx_read import all_text
from pledge_office.cli import cli
from pledge_office.inputs.councils_sheet import COLUMNS, read_councils

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["Northshire", "Southmoor", "Eastvale"]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def sheet(folder: Path, **rows) -> Path:
    """A councils sheet of three councils; ``rows`` gives a place's extra or changed columns."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "councils.xlsx"
    if not path.exists():
        assert run("init", "--councils", path).exit_code == 0
    for name in ("logo.png", "partner.png"):
        if not (folder / name).exists():
            shutil.copy(ROOT / "samples" / "exampleshire-logo.png", folder / name)
    book = load_workbook(path)
    ws = book["Councils"]
    headers = [c.header for c in COLUMNS]
    example = {h: ws.cell(2, i).value for i, h in enumerate(headers, start=1)}
    for row, place in enumerate(PLACES, start=2):
        values = dict(example, **{"Council name": f"{place} District Council", "Short name": place,
                                  "Logo file": "logo.png", "Meeting date": date(2027, 3, row)}, **rows.get(place, {}))
        for column, header in enumerate(headers, start=1):
            ws.cell(row, column).value = values.get(header)
    book.save(path)
    return path


NORTH = {"Partner 1 name": "Northshire Voluntary Action", "Partner 1 logo": "partner.png",
         "Co-signatory 1 name": "Casey Umbrella", "Co-signatory 1 role": "Chief Executive",
         "Co-signatory 1 organisation": "Northshire Voluntary Action", "Return to job title": "Partnership Officer"}


def test_the_sheet_carries_partners_co_signatories_templates_and_return_to(tmp_path):
    assert run("templates", "export", tmp_path / "t").exit_code == 0
    path = sheet(tmp_path, Northshire={**NORTH, "Report template": "t/report.docx"})
    north = read_councils(path)[0].council
    assert [p.name for p in north.partners] == ["Northshire Voluntary Action"]
    assert north.partners[0].logo.path.name == "partner.png"
    assert north.co_signatories[0].organisation == "Northshire Voluntary Action"
    assert north.templates["report"] == tmp_path / "t" / "report.docx"
    assert north.review_return_to.role == "Partnership Officer"
    from pledge_office.inputs.pledge_file import load_pledge

    pledge = load_pledge()
    assert not north.uses_placeholder_logos(pledge) and read_councils(path)[1].council.uses_placeholder_logos(pledge)


def test_batch_says_which_signing_copies_have_placeholder_logos(tmp_path):
    path = sheet(tmp_path, Northshire=NORTH)
    result = run("batch", path, "-o", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert ("Note: 2 signing copies carry PLACEHOLDER partner logos, as their rows name no partners "
            "(row 3 (Southmoor District Council), row 4 (Eastvale District Council))") in result.stderr
    report = all_text(tmp_path / "out" / "northshire" / "northshire-vcse-pledge-report.docx")
    assert "Casey Umbrella" in report  # the co-signatory from the sheet


def test_batch_template_is_used_for_every_council(tmp_path):
    assert run("templates", "export", tmp_path / "t").exit_code == 0
    doc = Document(str(tmp_path / "t" / "report.docx"))
    doc.add_paragraph("House style of the Exampleshire umbrella body.")
    doc.save(str(tmp_path / "ours.docx"))
    path = sheet(tmp_path)
    result = run("batch", path, "-o", tmp_path / "out", "--jobs", "1", "--template", tmp_path / "ours.docx")
    assert result.exit_code == 0, result.output
    for place in PLACES:
        stem = place.lower()
        assert "House style of the Exampleshire umbrella body." in all_text(
            tmp_path / "out" / stem / f"{stem}-vcse-pledge-report.docx")


def test_batch_template_for_another_document_is_refused(tmp_path):
    assert run("templates", "export", tmp_path / "t").exit_code == 0
    result = run("batch", sheet(tmp_path), "-o", tmp_path / "out", "--template", tmp_path / "t" / "action-plan.docx")
    assert result.exit_code == 2 and "is a template for the action-plan" in result.stderr


def test_a_broken_batch_template_is_refused_once_before_any_council(tmp_path):
    assert run("templates", "export", tmp_path / "t").exit_code == 0
    doc = Document(str(tmp_path / "t" / "report.docx"))
    doc.add_paragraph("Our website: {{ council.webiste }}")
    doc.save(str(tmp_path / "broken.docx"))
    result = run("batch", sheet(tmp_path), "-o", tmp_path / "out", "--jobs", "1", "--template", tmp_path / "broken.docx")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"Error: {tmp_path / 'broken.docx'}: ")
    assert "council.webiste" in lines[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.docx")), "no council written"


def test_a_changed_row_or_logo_is_named_and_rewritten_only_when_asked(tmp_path):
    path = sheet(tmp_path)
    out = tmp_path / "out"
    assert run("batch", path, "-o", out, "--jobs", "1").exit_code == 0
    report = out / "northshire" / "northshire-vcse-pledge-report.docx"
    sheet(tmp_path, Northshire={"Portfolio holder": "Councillor Robin Newname, Cabinet Member for Communities"})
    (tmp_path / "logo.png").write_bytes((ROOT / "pledge_office" / "data" / "logos").joinpath(
        sorted(p.name for p in (ROOT / "pledge_office" / "data" / "logos").iterdir())[0]).read_bytes())
    again = run("batch", path, "-o", out, "--jobs", "1")
    assert again.exit_code == 0
    changed = [l for l in again.stderr.splitlines() if l.startswith("Changed:")]
    assert len(changed) == 3  # the logo is every council's; the row is Northshire's
    assert changed[0].startswith("Changed: row 2 (Northshire District Council): its row, logo or template has changed")
    assert "0 council(s) written, 0 skipped (already written), 3 changed (not rewritten), 0 failed." in again.stdout
    assert "Robin Newname" not in all_text(report)
    stale_pdf = report.with_suffix(".pdf")
    stale_pdf.write_bytes(b"%PDF-1.4 as made from the old report")  # as an earlier run with --pdf left it
    rewrite = run("batch", path, "-o", out, "--jobs", "1", "--changed")
    assert rewrite.exit_code == 0 and "3 council(s) written" in rewrite.stdout
    assert "Robin Newname" in all_text(report)
    assert not stale_pdf.exists(), "a PDF of the replaced report is never left beside the new one"
    assert ("Note: row 2 (Northshire District Council): rewritten: its row, logo or template had changed; its PDFs, "
            "made from the documents it replaced, were removed: give --pdf to make them again") in rewrite.stderr
    steady = run("batch", path, "-o", out, "--jobs", "1")
    assert "0 council(s) written, 3 skipped (already written), 0 failed." in steady.stdout
    assert "Changed:" not in steady.stderr


def test_running_from_another_folder_is_not_a_change(tmp_path, monkeypatch):
    path = sheet(tmp_path / "county")
    assert run("batch", path, "-o", tmp_path / "out", "--jobs", "1").exit_code == 0
    monkeypatch.chdir(tmp_path / "county")
    again = run("batch", "councils.xlsx", "-o", tmp_path / "out", "--jobs", "1")
    assert "0 council(s) written, 3 skipped (already written), 0 failed." in again.stdout, again.output

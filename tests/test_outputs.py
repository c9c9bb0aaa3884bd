"""Nothing is lost: atomic outputs, --force, failures mid-write, untouched inputs."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from docx_read import all_text
from review_factory import blank_workbook, fill
from pledge_office.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def returned(tmp_path):
    return fill(blank_workbook(tmp_path))


def test_failure_while_writing_leaves_no_partial_file_and_keeps_the_old_one(tmp_path, returned, monkeypatch):
    plan = tmp_path / "plan.docx"
    plan.write_bytes(b"the previous plan")
    import docxtpl

    def broken_save(self, filename, *args, **kwargs):
        Path(filename).write_bytes(b"half a document")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docxtpl.DocxTemplate, "save", broken_save)
    result = run("action-plan", returned, "-o", plan, "--force")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert plan.read_bytes() == b"the previous plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([plan.name, returned.name, "review.xlsx"])


def test_killed_half_way_leaves_no_output(tmp_path, returned):
    """SIGKILL the command while it writes: the final name never holds a partial file."""
    plan = tmp_path / "plan.docx"
    plan.write_bytes(b"the previous plan")
    code = (
        "import sys, time, docxtpl\n"
        "orig = docxtpl.DocxTemplate.save\n"
        "def slow(self, f, *a, **k):\n"
        "    open(f, 'wb').write(b'partial'); print('WRITING', flush=True); time.sleep(30)\n"
        "docxtpl.DocxTemplate.save = slow\n"
        "from pledge_office.cli import main\n"
        f"sys.argv = ['pledge-office', 'action-plan', {str(returned)!r}, '-o', {str(plan)!r}, '--force']\n"
        "main()\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "WRITING"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert plan.read_bytes() == b"the previous plan"


def test_existing_output_is_not_overwritten_without_force(tmp_path, returned):
    plan = tmp_path / "plan.docx"
    plan.write_bytes(b"keep me")
    result = run("action-plan", returned, "-o", plan)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {plan}: already exists; choose another name, or add --force to replace it"
    assert plan.read_bytes() == b"keep me"
    assert run("action-plan", returned, "-o", plan, "--force").exit_code == 0
    Document(str(plan))


def test_missing_output_folders_are_created(tmp_path, returned):
    out = tmp_path / "new" / "deeper" / "plan.docx"
    assert run("action-plan", returned, "-o", out).exit_code == 0
    assert out.exists()


def test_debug_shows_a_traceback_for_bug_reports(tmp_path):
    bad = tmp_path / "junk.yaml"
    bad.write_text("council: [\n")
    quiet = run("report", bad, "-o", tmp_path / "r.docx")
    assert quiet.exit_code == 1 and "Traceback" not in quiet.output
    loud = CliRunner().invoke(cli, ["--debug", "report", str(bad), "-o", str(tmp_path / "r.docx")])
    assert loud.exception is not None  # raised, so Python prints the traceback


def test_hostile_text_reaches_the_plan_intact(tmp_path):
    longest = "x" * 32_000 + " end"
    text = {
        "D6": "Line\x0bbreak\x0cpage\x07bell",
        "D7": "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u05e2\u05d1\u05e8\u05d9\u05ea \u4e2d\u6587 \U0001F91D\u200d",
        "D8": longest,
        "D9": "=HYPERLINK(\"http://example.invalid\")",
    }

    def then(book, ws):
        for cell, value in text.items():
            ws[cell] = value.replace("\x0b", "_x000B_").replace("\x0c", "_x000C_").replace("\x07", "_x0007_")
            ws[cell].data_type = "s"

    returned = fill(blank_workbook(tmp_path), then=then)
    result = run("action-plan", returned, "-o", tmp_path / "plan.docx")
    assert result.exit_code == 0, result.output
    body = all_text(tmp_path / "plan.docx")
    assert "Line" in body and "break" in body and "\x0b" not in body and "\x07" not in body
    assert text["D7"] in body
    assert longest in body
    assert text["D9"] in body


@pytest.mark.parametrize("command, out", [
    (["review-workbook", "samples/exampleshire.yaml"], "r.xlsx"),
    (["report", "samples/exampleshire.yaml"], "r.docx"),
])
def test_full_disk_is_one_line_naming_the_output(tmp_path, monkeypatch, command, out):
    """Issue 14: a full disk gave 'unexpected problem' naming no file."""
    import errno
    import zipfile

    from click.testing import CliRunner

    from pledge_office.cli import cli

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    result = CliRunner().invoke(cli, command + ["-o", str(tmp_path / out)])
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: {tmp_path / out}: cannot be written (No space left on device); "
                                     "nothing was written or replaced; free some space and run it again")
    assert list(tmp_path.iterdir()) == []


# -- issue 14: all outputs or none; stray temporary files; two runs; output that is an input -------------

def _rated(tmp_path):
    return fill(blank_workbook(tmp_path))


def test_document_is_removed_when_its_json_cannot_be_written(tmp_path):
    returned = _rated(tmp_path)
    (tmp_path / "afile").write_text("x")
    result = run("action-plan", returned, "-o", tmp_path / "plan.docx", "--json", tmp_path / "afile" / "r.json")
    assert result.exit_code == 1
    assert not (tmp_path / "plan.docx").exists()  # before: the plan stayed, and the message said nothing was written
    assert not list(tmp_path.glob(".*.part"))


def test_replaced_document_is_put_back_when_the_json_fails(tmp_path):
    returned = _rated(tmp_path)
    (tmp_path / "plan.docx").write_text("the earlier plan")
    (tmp_path / "afile").write_text("x")
    result = run("action-plan", returned, "-o", tmp_path / "plan.docx", "--json", tmp_path / "afile" / "r.json",
                 "--force")
    assert result.exit_code == 1
    assert (tmp_path / "plan.docx").read_text() == "the earlier plan"


def test_workbook_is_removed_when_its_email_cannot_be_written(tmp_path):
    (tmp_path / "afile").write_text("x")
    result = run("review-workbook", "samples/exampleshire.yaml", "-o", tmp_path / "review.xlsx",
                 "--email", tmp_path / "afile" / "review.eml")
    assert result.exit_code == 1
    assert not (tmp_path / "review.xlsx").exists()


@pytest.mark.parametrize("args", [
    ["review-workbook", "samples/exampleshire.yaml", "--previous", "{ret}", "-o", "{ret}", "--force"],
    ["report", "samples/exampleshire.yaml", "--template", "{tpl}", "-o", "{tpl}", "--force"],
    ["templates", "check", "{tpl}", "--fix", "{tpl}"],
    ["action-plan", "{ret}", "-o", "{ret_docx}", "--json", "{ret_json}", "--template", "{ret_docx}"],
])
def test_output_that_is_also_an_input_is_refused_even_with_force(tmp_path, args):
    returned = _rated(tmp_path)
    template = tmp_path / "t.docx"
    template.write_bytes((ROOT / "templates" / "report.docx").read_bytes())
    (tmp_path / "plan.docx").write_bytes(template.read_bytes())
    names = {"ret": returned, "tpl": template, "ret_docx": tmp_path / "plan.docx", "ret_json": tmp_path / "p.json"}
    before = {p: p.read_bytes() for p in (returned, template, tmp_path / "plan.docx")}
    result = run(*[a.format(**names) for a in args])
    assert result.exit_code == 2, result.output
    assert "is also an input" in result.output and "--force or not" in result.output
    assert {p: p.read_bytes() for p in before} == before


def test_stray_temporary_files_of_a_killed_run_are_cleaned(tmp_path):
    stale = tmp_path / ".review.xlsx.999999999.abcd1234.part"  # no such process
    stale.write_bytes(b"half a workbook")
    mine = tmp_path / f".review.xlsx.{os.getpid()}.abcd1234.part"  # a live process's: left alone
    mine.write_bytes(b"in progress")
    assert run("review-workbook", "samples/exampleshire.yaml", "-o", tmp_path / "review.xlsx").exit_code == 0
    assert not stale.exists() and mine.exists()


def test_two_runs_cannot_both_write_one_file(tmp_path, monkeypatch):
    """Another run writes the file while this one is writing: this one stops and removes what it wrote."""
    import pledge_office.office.outputs as outputs

    real = outputs._create_exclusively
    calls = []

    def other_run_first(tmp, path):
        calls.append(path)
        if path.suffix == ".xlsx":
            path.write_text("the other run's workbook")
        return real(tmp, path)

    monkeypatch.setattr(outputs, "_create_exclusively", other_run_first)
    result = run("review-workbook", "samples/exampleshire.yaml", "-o", tmp_path / "review.xlsx")
    assert result.exit_code == 2
    assert "was written by another run meanwhile" in result.output
    assert (tmp_path / "review.xlsx").read_text() == "the other run's workbook"

"""End-to-end runs of the pledge-office command, as an officer types them."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pledge_office.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_version_and_help():
    version = run("--version").output
    assert version.startswith("pledge-office, version")
    for library in ("python-docx", "docxtpl", "openpyxl"):  # what a bug report needs
        assert re.search(rf"^{library} \d+\.\d+", version, re.M), version
    assert re.search(r"^(LibreOffice \d|LibreOffice not found)", version, re.M), version
    result = run("--help")
    assert result.exit_code == 0
    for command in ("init", "report", "signing-copy", "adoption-pack", "demo"):
        assert command in result.output


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from pledge_office.cli import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('docx', 'docxtpl', 'openpyxl', 'PIL', 'yaml', 'lxml') if m in sys.modules]\n"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip().endswith("[]")


def test_init_writes_a_council_file_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "c.yaml"
    assert run("init", target).exit_code == 0
    assert "council:" in target.read_text()
    before = target.read_bytes()
    result = run("init", target)
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert target.read_bytes() == before


def test_adoption_pack_writes_both_documents_named_for_the_council(make_council, tmp_path):
    out = tmp_path / "pack"
    result = run("adoption-pack", make_council(), "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "exampleshire-vcse-pledge-report.docx", "exampleshire-vcse-pledge-signing-copy.docx"]


def test_adoption_pack_refuses_to_overwrite_without_force(make_council, tmp_path):
    out = tmp_path / "pack"
    council = make_council()
    run("adoption-pack", council, "-o", out)
    report = out / "exampleshire-vcse-pledge-report.docx"
    before = report.read_bytes()
    result = run("adoption-pack", council, "-o", out)
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert report.read_bytes() == before
    assert run("adoption-pack", council, "-o", out, "--force").exit_code == 0


def test_report_and_signing_copy_commands(make_council, tmp_path):
    council = make_council()
    assert run("report", council, "-o", tmp_path / "r.docx").exit_code == 0
    assert run("signing-copy", council, "-o", tmp_path / "s.docx", "--paper", "a4").exit_code == 0
    assert (tmp_path / "r.docx").stat().st_size > 0 and (tmp_path / "s.docx").stat().st_size > 0


def test_missing_logo_is_reported_before_anything_is_written(make_council, tmp_path):
    out = tmp_path / "pack"
    result = run("adoption-pack", make_council(**{"council.logo": "gone.png"}), "-o", out)
    assert result.exit_code == 1
    assert "gone.png" in result.stderr and "council.logo" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_bad_pledge_file_option(make_council, tmp_path):
    bad = tmp_path / "p.yaml"
    bad.write_text("title: T\n")
    result = run("report", make_council(), "-o", tmp_path / "r.docx", "--pledge", bad)
    assert result.exit_code == 1
    assert "field 'commitments' must be a list" in result.stderr and "p.yaml" in result.stderr
    assert not (tmp_path / "r.docx").exists()


def test_revised_pledge_file_is_used(make_council, tmp_path):
    pledge = tmp_path / "p.yaml"
    pledge.write_text("version: '9'\ntitle: Another Area Pledge\ncommitments:\n  - {ref: a, short_title: Listening, text: We will listen.}\n")
    assert run("report", make_council(), "-o", tmp_path / "r.docx", "--pledge", pledge).exit_code == 0
    from docx_read import all_text

    text = all_text(tmp_path / "r.docx")
    assert "Another Area Pledge" in text and "We will listen." in text


def test_usage_error_exits_2():
    result = run("report")
    assert result.exit_code == 2


def test_demo_writes_the_sample_pack(tmp_path):
    result = run("demo", tmp_path / "demo")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "exampleshire-vcse-pledge-report.docx").exists()


def test_installed_command_runs_from_another_folder(tmp_path):
    """After 'pip install .', the console script finds its templates, pledge and samples anywhere."""
    import os
    import shutil

    command = shutil.which("pledge-office")
    if command is None:
        pytest.skip("pledge-office is not installed in this environment (pip install .)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([command, "demo", "out"], cwd=tmp_path, capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "exampleshire-action-plan.docx", "exampleshire-progress-report.docx", "exampleshire-progress-workbook.xlsx",
        "exampleshire-returned-progress.xlsx", "exampleshire-returned-review.xlsx", "exampleshire-review-workbook.xlsx",
        "exampleshire-vcse-pledge-report.docx", "exampleshire-vcse-pledge-signing-copy.docx"]
    version = subprocess.run([command, "--version"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert version.stdout.startswith("pledge-office, version")


def test_output_piped_into_head_stops_quietly_with_success(tmp_path):
    """`pledge-office templates fields | head -1`: the pipe closes early, and that is not an error."""
    import sys

    command = [sys.executable, "-m", "pledge_office", "templates", "fields", "report"]
    pipeline = subprocess.run(f"{' '.join(command)} | head -1; exit ${{PIPESTATUS[0]}}", shell=True,
                              executable="/bin/bash", capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert pipeline.returncode == 0, pipeline.stderr
    assert pipeline.stderr == ""
    assert len(pipeline.stdout.splitlines()) == 1


def test_a_document_written_stays_written_when_its_messages_meet_a_closed_pipe(tmp_path):
    """`pledge-office signing-copy ... 2>&1 | head -1` printed 'Wrote ...' and exited 0, then removed the file."""
    import sys
    import zipfile

    out = tmp_path / "signing-copy.docx"
    command = [sys.executable, "-m", "pledge_office", "signing-copy", "samples/exampleshire.yaml", "-o", str(out),
               "--paper", "A4"]
    pipeline = subprocess.run(f"{' '.join(command)} 2>&1 | head -1; exit ${{PIPESTATUS[0]}}", shell=True,
                              executable="/bin/bash", capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert pipeline.returncode == 0 and pipeline.stdout == f"Wrote {out}\n", pipeline.stdout + pipeline.stderr
    assert zipfile.ZipFile(out).testzip() is None  # there, and whole
    failing = subprocess.run(f"{sys.executable} -m pledge_office report missing.yaml -o {tmp_path / 'r.docx'} 2>&1 "
                             "| head -0; exit ${PIPESTATUS[0]}", shell=True, executable="/bin/bash",
                             capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert failing.returncode == 2  # a usage mistake is still one, with nobody reading


def test_openpyxl_reads_xml_through_defusedxml():
    """openpyxl uses defusedxml only when it is installed: entity-expansion attacks depend on it."""
    from openpyxl import xml

    assert xml.DEFUSEDXML is True


def test_checking_a_logo_leaves_pillows_process_wide_limit_alone(make_council):
    from PIL import Image

    from pledge_office.inputs.council_file import load_council

    before = Image.MAX_IMAGE_PIXELS
    load_council(make_council())
    assert Image.MAX_IMAGE_PIXELS == before


@pytest.mark.parametrize("args,expected", [
    (["report", "nosuch.yaml", "-o", "r.docx"], "Error: Invalid value for 'COUNCIL_FILE': File 'nosuch.yaml' does not exist."),
    (["report"], "Error: Missing argument 'COUNCIL_FILE'."),
    (["nosuchcommand"], "Error: No such command 'nosuchcommand'."),
])
def test_usage_mistakes_are_one_line_with_exit_2(args, expected):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(expected) and "--help" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1

"""Inside every file the tool writes: properties an officer sees in File > Info, and no schema errors.

Every kind of .docx and .xlsx output is written once (the demo, the A4 signing
copy, a review workbook with last year's answers, the councils sheet, the
county summary in both forms, the exported templates) and checked:

- the independent validator openxml-audit finds no error that an empty
  python-docx or openpyxl file does not also have (those are the libraries');
- each file is dated when it was written (SOURCE_DATE_EPOCH here), names an
  author and a title, carries no template comment, is in English (UK), and a
  Word document does not open in Compatibility Mode.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import os

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from pledge_office.cli import cli

EPOCH = 1_800_000_000  # 15 January 2027
WRITTEN = datetime.fromtimestamp(EPOCH, tz=timezone.utc).replace(tzinfo=None)


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Write one of every kind of document and workbook; return {kind: path}."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    out = tmp_path_factory.mktemp("outputs")
    try:
        run("demo", out / "demo")
        council = out / "council"
        shutil.copytree(SAMPLES, council)
        returned = out / "demo" / "exampleshire-returned-review.xlsx"
        run("signing-copy", council / "exampleshire.yaml", "-o", out / "signing-a4.docx", "--paper", "A4")
        run("review-workbook", council / "exampleshire.yaml", "-o", out / "review-previous.xlsx",
            "--previous", returned, "--period", "2027/28")
        run("init", "--councils", out / "councils.xlsx")
        run("summary", returned, "-o", out / "summary.xlsx", "--docx", out / "summary.docx")
        # A pledge in groups: its summaries have a merged group heading row above the ratings.
        run("demo", out / "grouped", "--example", "sampleshire")
        run("summary", out / "grouped" / "sampleton-returned-review.xlsx", "--pledge",
            SAMPLES / "sampleshire-compact.yaml", "-o", out / "grouped-summary.xlsx", "--docx",
            out / "grouped-summary.docx")
        run("templates", "export", out / "templates")
    finally:
        monkeypatch.undo()
    files = {
        "report": out / "demo" / "exampleshire-vcse-pledge-report.docx",
        "signing copy A3": out / "demo" / "exampleshire-vcse-pledge-signing-copy.docx",
        "signing copy A4": out / "signing-a4.docx",
        "action plan": out / "demo" / "exampleshire-action-plan.docx",
        "review workbook": out / "demo" / "exampleshire-review-workbook.xlsx",
        "review workbook with the previous review": out / "review-previous.xlsx",
        "demo's returned workbook": returned,
        "councils sheet": out / "councils.xlsx",
        "summary workbook": out / "summary.xlsx",
        "summary report": out / "summary.docx",
        "summary workbook of a pledge in groups": out / "grouped-summary.xlsx",
        "summary report of a pledge in groups": out / "grouped-summary.docx",
        "progress workbook": out / "demo" / "exampleshire-progress-workbook.xlsx",
        "demo's returned progress workbook": out / "demo" / "exampleshire-returned-progress.xlsx",
        "progress report": out / "demo" / "exampleshire-progress-report.docx",
    }
    files.update({f"template {p.name}": p for p in sorted((out / "templates").glob("*.docx"))})
    for kind, path in files.items():
        assert path.exists(), f"{kind} was not written"
    return files


KINDS = ["report", "signing copy A3", "signing copy A4", "action plan", "review workbook",
         "review workbook with the previous review", "demo's returned workbook", "councils sheet",
         "summary workbook", "summary report", "summary workbook of a pledge in groups",
         "summary report of a pledge in groups", "progress workbook", "demo's returned progress workbook",
         "progress report"]


# -- openxml-audit ---------------------------------------------------------------

@pytest.fixture(scope="module")
def validator():
    if os.environ.get("PLEDGE_OFFICE_REQUIRE_OFFICE") == "1":  # CI: the audit must run, never skip
        import openxml_audit
    else:
        openxml_audit = pytest.importorskip("openxml_audit")
    return openxml_audit.OpenXmlValidator(max_errors=0)


def findings(validator, path: Path) -> set:
    """Every error (not warning) as (id, part, element, description): where in the part varies."""
    from openxml_audit import ValidationSeverity

    return {(e.id or e.error_type.value, e.part_uri, e.node, e.description)
            for e in validator.validate(path).errors if e.severity is ValidationSeverity.ERROR}


@pytest.fixture(scope="module")
def baseline(validator, tmp_path_factory):
    """What openxml-audit says about the libraries' own empty files: not ours to fix."""
    import docx
    import openpyxl

    folder = tmp_path_factory.mktemp("baseline")
    docx.Document().save(folder / "empty.docx")
    openpyxl.Workbook().save(folder / "empty.xlsx")
    return findings(validator, folder / "empty.docx") | findings(validator, folder / "empty.xlsx")


def test_every_kind_of_output_is_audited(outputs):
    assert {k for k in outputs if k.startswith("template ")} == {
        "template report.docx", "template signing-copy.docx", "template action-plan.docx",
        "template progress-report.docx"}


@pytest.mark.parametrize("kind", KINDS + ["template report.docx", "template signing-copy.docx",
                                          "template action-plan.docx", "template progress-report.docx"])
def test_no_schema_errors_beyond_the_libraries_own(kind, outputs, validator, baseline):
    added = sorted(findings(validator, outputs[kind]) - baseline)
    assert added == [], f"{kind}: openxml-audit errors the tool added:\n" + "\n".join(map(str, added))


def test_shipped_templates_have_no_schema_errors_beyond_the_libraries_own(validator, baseline):
    from pledge_office.office.resources import shipped_template

    folder = shipped_template("report.docx").parent
    for template in sorted(folder.glob("*.docx")):
        added = sorted(findings(validator, template) - baseline)
        assert added == [], f"{template.name}:\n" + "\n".join(map(str, added))


def test_the_audit_catches_what_word_would_repair(tmp_path, validator, baseline):
    """The comparison can fail: footer references after w:type, as the signing copy once had."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    section = document.sections[0]
    section.footer.paragraphs[0].text = "footer"
    sect_pr = document.element.body.sectPr
    kind = OxmlElement("w:type")
    kind.set(qn("w:val"), "continuous")
    sect_pr.insert(0, kind)
    document.save(tmp_path / "bad.docx")
    assert findings(validator, tmp_path / "bad.docx") - baseline


# -- properties ------------------------------------------------------------------

def core_properties(path: Path) -> dict:
    """The core properties as text, read from the XML (the same for .docx and .xlsx)."""
    with zipfile.ZipFile(path) as package:
        xml = package.read("docProps/core.xml").decode("utf-8")
    return {name: value for name, value in re.findall(r"<(?:\w+:)?(\w+)[^>]*>([^<]*)</", xml)}


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8") if name in package.namelist() else ""


@pytest.mark.parametrize("kind", KINDS)
def test_properties_say_when_and_by_whom_it_was_written(kind, outputs):
    props = core_properties(outputs[kind])
    written = WRITTEN.strftime("%Y-%m-%dT%H:%M:%SZ")
    officer_saved = kind in ("demo's returned workbook", "demo's returned progress workbook")
    if not officer_saved:  # the officer saved it later: openpyxl's clock
        assert props.get("created") == written, props
    assert props.get("modified") == written or officer_saved
    assert props.get("title") and props.get("subject"), props
    assert props.get("language") == "en-GB"
    assert props.get("creator") not in (None, "", "python-docx", "openpyxl"), props
    if kind != "councils sheet":  # a blank form for any council: the tool is its only author
        assert props["creator"] != "pledge-office", props
    if kind in ("review workbook", "review workbook with the previous review", "progress workbook"):
        assert props.get("lastModifiedBy") in (None, ""), props  # a form: whoever saves it next returned it
    else:
        assert props.get("lastModifiedBy") == props.get("creator")
    assert "Template for pledge-office" not in props.get("description", "")
    assert "2013-12-23" not in str(props)
    app = part(outputs[kind], "docProps/app.xml")
    assert "Microsoft Macintosh Word" not in app


def test_the_adoption_documents_name_the_report_author_and_the_council(outputs):
    report = core_properties(outputs["report"])
    assert report["creator"] == "Jordan Sample"
    for kind in ("report", "signing copy A3", "action plan", "review workbook", "progress workbook", "progress report"):
        assert "<Company>Exampleshire County Council</Company>" in part(outputs[kind], "docProps/app.xml"), kind
    assert core_properties(outputs["signing copy A3"])["creator"] == "Exampleshire County Council"


WORD_KINDS = ["report", "signing copy A3", "signing copy A4", "action plan", "summary report", "progress report",
              "template report.docx", "template signing-copy.docx", "template action-plan.docx",
              "template progress-report.docx"]


@pytest.mark.parametrize("kind", WORD_KINDS)
def test_word_documents_do_not_open_in_compatibility_mode(kind, outputs):
    settings = part(outputs[kind], "word/settings.xml")
    mode = re.search(r'w:name="compatibilityMode"[^>]*w:val="(\d+)"', settings)
    assert mode and int(mode.group(1)) >= 15, mode and mode.group(0)


@pytest.mark.parametrize("kind", WORD_KINDS)
def test_word_documents_carry_no_picture_of_a_blank_page_as_their_thumbnail(kind, outputs):
    """python-docx's starting document has one: file browsers would show every document as an empty page."""
    with zipfile.ZipFile(outputs[kind]) as package:
        assert not [n for n in package.namelist() if "thumbnail" in n.lower()]
        assert "relationships/metadata/thumbnail" not in package.read("_rels/.rels").decode()

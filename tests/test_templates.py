"""Officers' own templates: export, fields, and the check that finds Word's damage."""

import re
from datetime import date
import zipfile

import pytest
from docx_factory import add_hyperlink_text
from click.testing import CliRunner
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from docx_read import all_text
from pledge_office.cli import cli
from pledge_office.steps.templates import check_template
from pledge_office.documents.template_fields import fields
from pledge_office.office.template_check import flatten

SAMPLE = "samples/exampleshire.yaml"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def uk_document():
    """A blank Word document in UK English with one heading, as a council template would start."""
    doc = Document()
    styles = doc.styles.element
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), "en-GB")
    doc.core_properties.title = "Test template"
    doc.add_heading("Report", level=1)
    return doc


def word_template(path, *paragraphs):
    """A .docx whose paragraphs are given as lists of run texts, split as Word splits them."""
    doc = uk_document()
    for runs in paragraphs:
        p = doc.add_paragraph()
        for i, text in enumerate([runs] if isinstance(runs, str) else runs):
            run = p.add_run(text)
            if i % 2:  # Word marks runs it split with revision ids and proofing marks
                run.font.bold = False
                p._p.insert(len(p._p) - 1, OxmlElement("w:proofErr"))
    doc.save(path)
    return path


def findings(path, **kwargs):
    return [f"{f.severity}: {f.message}" for f in check_template(path, **kwargs).findings]


def test_export_writes_every_template_and_refuses_to_overwrite(tmp_path):
    result = run("templates", "export", tmp_path / "mine")
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == [
        "action-plan.docx", "progress-report.docx", "report.docx", "signing-copy.docx"]
    again = run("templates", "export", tmp_path / "mine")
    assert again.exit_code == 2 and "already exists" in again.stderr


@pytest.mark.parametrize("document,writer", [("report", "report"), ("signing-copy", "signing_copy"),
                                             ("action-plan", "action_plan"), ("progress-report", "progress_report")])
def test_fields_listed_are_exactly_the_fields_rendered(document, writer, monkeypatch, tmp_path):
    import importlib

    module = importlib.import_module(f"pledge_office.documents.{writer}")
    rendered = {}

    def capture(template, context, out, **kwargs):
        rendered.update(context)
        return out

    monkeypatch.setattr(module, "render_document", capture)
    if document == "action-plan":
        from pledge_office.documents.action_plan import write_action_plan
        from pledge_office.inputs.pledge_file import load_pledge
        from pledge_office.inputs.review_reader import read_review

        review = read_review("samples/exampleshire-returned.xlsx", load_pledge())
        for entry in review.entries:
            entry.previous_rating = "Not met"
        write_action_plan(review, load_pledge(), tmp_path / "x.docx")
    elif document == "progress-report":
        from pledge_office.documents.progress_workbook import example_progress
        from pledge_office.inputs.council_file import load_inputs

        council, pledge = load_inputs(SAMPLE)
        module.write_progress_report(example_progress(council, pledge), pledge, tmp_path / "x.docx",
                                     as_of=date(2027, 7, 1))
    else:
        from pledge_office.documents.template_fields import merge_examples
        from pledge_office.inputs.council_file import load_inputs
        from pledge_office.office.resources import example_files

        council, pledge = load_inputs(SAMPLE)
        getattr(module, f"write_{writer}")(council, pledge, tmp_path / "x.docx")
        # Issue 18: a list the bundled pledge leaves empty (co-signatories) is listed from the second example.
        first = dict(rendered)
        pledge_file, council_file = example_files("sampleshire")
        council, pledge = load_inputs(council_file, pledge_file)
        getattr(module, f"write_{writer}")(council, pledge, tmp_path / "y.docx")
        rendered.update(merge_examples(first, dict(rendered)))
    listed = {f.path for f in fields(document)}
    assert {path for path, _ in flatten(rendered)} == listed
    assert all(f.description for f in fields(document))


def test_shipped_templates_pass_their_own_check():
    for name in ("report", "signing-copy", "action-plan", "progress-report"):
        report = check_template(f"templates/{name}.docx")
        assert report.document == name and report.errors == [], report.findings


FAULTS = [
    ("split across runs", [["Dear {{ coun", "cil.na", "me }}, hello"]], "report",
     ["repaired: the tag {{ council.name }} was split by Word's editing; it was joined"]),
    ("braces split", [["{", "{ council.name }", "}"]], "report",
     ["repaired: the tag {{ council.name }} was split by Word's editing; it was joined"]),
    ("curly quotes", [["{{ council.website or \u201cnone\u201d }}"]], "report",
     ["repaired: curly quotes in the tag {{ council.website or \u201cnone\u201d }} were straightened"]),
    ("unknown field", [["{{ council.nmae }}"]], "report",
     ["error: the field 'council.nmae' is not supplied for the report template; did you mean 'council.name'?"]),
    ("unknown loop field", [["{%p for c in pledge.commitments %}"], ["{{ c.txt }}"], ["{%p endfor %}"]], "report",
     ["error: the field 'pledge.commitments[].txt' is not supplied for the report template; did you mean 'pledge.commitments[].text'?"]),
    ("field of another document", [["{{ actions }}"]], "report",
     ["error: the field 'actions' is not supplied for the report template; see 'pledge-office templates fields'"]),
    ("missing endif", [["{% if council.name %}yes"]], "report",
     ["error: tag error: this '{% if %}' is never closed; add '{% endif %}' where its part should end"]),
    ("unclosed tag", [["{{ council.name"]], "report",
     ["error: a tag is opened with '{{' or '{%' but not closed in the same paragraph; close it with '}}' or '%}'"]),
    ("python internals", [["{{ council.__class__ }}"]], "report",
     ["error: 'council.__class__' tries to reach Python internals, which is not allowed in a template"]),
]


@pytest.mark.parametrize("label,paragraphs,document,expected", FAULTS, ids=[f[0] for f in FAULTS])
def test_each_fault_gives_its_exact_finding(tmp_path, label, paragraphs, document, expected):
    path = word_template(tmp_path / "t.docx", *paragraphs)
    found = findings(path, document=document)
    for line in expected:
        assert any(f.startswith(line) for f in found), found


def test_split_tag_in_a_hyperlink_is_reported_not_guessed(tmp_path):
    doc = Document()
    p = doc.add_paragraph()
    p.add_run("{{ council.")
    add_hyperlink_text(p, "name }}")
    doc.save(tmp_path / "t.docx")
    assert "error: the tag {{ council.name }} is split across a hyperlink, field or tracked change; retype it in one go" in findings(tmp_path / "t.docx", document="report")


def test_page_break_inside_a_loop_tag_is_moved(tmp_path):
    doc = Document()
    doc.add_paragraph("{%p for c in pledge.commitments %}")
    doc.add_paragraph("{{ c.text }}")
    end = doc.add_paragraph("{%p endfor %}")
    br = OxmlElement("w:br")
    br.set(qn("w:type"), "page")
    end.runs[0]._r.append(br)
    doc.add_paragraph("Appendix", style="Heading 1")
    doc.save(tmp_path / "t.docx")
    report = check_template(tmp_path / "t.docx", "report")
    assert any("it was moved to the next paragraph" in f.message for f in report.findings)
    xml = zipfile.ZipFile(__import__("io").BytesIO(report.repaired)).read("word/document.xml").decode()
    assert "pageBreakBefore" in xml and 'w:type="page"' not in xml


def test_blank_field_is_a_warning_for_that_council(tmp_path, make_council):
    path = word_template(tmp_path / "t.docx", ["Website: {{ council.website }}"])
    council = make_council(**{"council.website": None})
    result = run("templates", "check", path, "--document", "report", "--council", council)
    assert result.exit_code == 0
    assert "warning: the field 'council.website' would render empty" in result.output


def test_a_field_under_its_own_if_is_not_warned_of_as_empty(tmp_path, make_council):
    """'{% if council.website %}Website: {{ council.website }}{% endif %}' is meant to vanish when blank."""
    council = make_council(**{"council.website": None})
    guarded = word_template(tmp_path / "guarded.docx", "{% if council.website %}Website: {{ council.website }}{% endif %}")
    result = run("templates", "check", guarded, "--document", "report", "--council", council)
    assert result.exit_code == 0 and "would render empty" not in result.output, result.output
    always = word_template(tmp_path / "always.docx", "Website: {{ council.website }}")
    result = run("templates", "check", always, "--document", "report", "--council", council)
    assert "warning: the field 'council.website' would render empty" in result.output


def test_a_template_for_another_document_says_so_first(tmp_path):
    assert run("templates", "export", tmp_path / "t").exit_code == 0
    result = run("action-plan", "samples/exampleshire-returned.xlsx", "-o", tmp_path / "plan.docx",
                 "--template", tmp_path / "t" / "report.docx")
    assert result.exit_code == 1
    assert re.search(r"the whole document: looks like a template for the report, not the action plan \(\d+ of "
                     r"its fields are not the action plan's\); give an action plan template", result.stderr)
    assert not (tmp_path / "plan.docx").exists()


def test_an_if_never_closed_is_named_where_it_opens(tmp_path):
    path = word_template(tmp_path / "t.docx", "Report of {{ council.name }}", "{% if council.website %}See our website",
                         "More text", "The end {{ council.name }}")
    result = run("templates", "check", path, "--document", "report")
    assert result.exit_code == 1
    line = next(l for l in result.output.splitlines() if "error:" in l)
    assert "('{% if council.website %}See our website" in line
    assert line.endswith("error: tag error: this '{% if %}' is never closed; add '{% endif %}' where its part should end")


def test_a_repair_and_an_error_in_one_paragraph_name_the_same_paragraph(tmp_path):
    path = word_template(tmp_path / "t.docx", "First", "Second", ["Dear {{ council.ti", "tel }}"], "Fourth")
    found = check_template(path, "report").findings
    places = {f.where for f in found}
    assert len(found) == 2 and len(places) == 1, [(f.where, f.message) for f in found]
    number = int(re.search(r"paragraph (\d+)", places.pop()).group(1))
    assert [p.text for p in Document(str(path)).paragraphs][number - 1] == "Dear {{ council.titel }}"


def test_every_exported_template_checks_clean(tmp_path):
    assert run("templates", "export", tmp_path / "t").exit_code == 0
    for template in sorted((tmp_path / "t").glob("*.docx")):
        result = run("templates", "check", template)
        assert result.exit_code == 0, result.output
        assert "(0 error(s), 0 warning(s))" in result.output, result.output


def test_check_command_exit_codes_and_fix(tmp_path):
    bad = word_template(tmp_path / "bad.docx", ["{{ council.nmae }}"])
    result = run("templates", "check", bad)
    assert result.exit_code == 1 and "did you mean 'council.name'?" in result.output
    split = word_template(tmp_path / "split.docx", ["For {{ coun", "cil.name }}"])
    result = run("templates", "check", split, "--fix", tmp_path / "fixed.docx")
    assert result.exit_code == 0 and "passes, once repaired" in result.output
    assert "For {{ council.name }}" in all_text(tmp_path / "fixed.docx")


def test_user_template_with_split_tags_renders_the_right_values(tmp_path):
    template = word_template(tmp_path / "mine.docx", ["Report for {{ coun", "cil.name }} to {{ meeting.bo", "dy }}"])
    result = run("report", SAMPLE, "-o", tmp_path / "r.docx", "--template", template)
    assert result.exit_code == 0, result.output
    assert "Report for Exampleshire County Council to Cabinet" in all_text(tmp_path / "r.docx")


def test_user_template_with_an_unknown_field_is_refused_before_writing(tmp_path):
    template = word_template(tmp_path / "mine.docx", ["{{ council.nmae }}"])
    result = run("report", SAMPLE, "-o", tmp_path / "r.docx", "--template", template)
    assert result.exit_code == 1
    assert "did you mean 'council.name'?" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "r.docx").exists()


def test_council_file_names_its_own_templates(tmp_path, make_council):
    council = make_council(templates={"report": "house-report.docx"})
    word_template(council.parent / "house-report.docx", ["House style report for {{ council.name }}"])
    assert run("adoption-pack", council, "-o", tmp_path / "out").exit_code == 0
    assert "House style report for Exampleshire County Council" in all_text(
        tmp_path / "out" / "exampleshire-vcse-pledge-report.docx")


@pytest.mark.office
def test_template_restyled_in_a_word_processor_checks_and_renders(uno, tmp_path):
    """An officer restyles the exported report in LibreOffice Writer, then uses it."""
    from office_restyle import restyle_with_libreoffice

    assert run("templates", "export", tmp_path / "mine").exit_code == 0
    typed = ("1.1 This report asks {{ meeting.body }} to adopt the {{ pledge.title }} "
             "on behalf of {{ council.name or \"the council\" }}.")
    restyle_with_libreoffice(tmp_path / "mine" / "report.docx", tmp_path / "house.docx", [
        {"op": "font", "name": "Georgia", "size": 12},
        {"op": "style_font", "style": "Heading 2", "name": "Georgia", "size": 16, "color": "8B0000"},
        {"op": "move_paragraph", "containing": "{{ logos.council }}", "to": "after",
         "after_containing": "{{ report.title }}"},
        {"op": "retype", "containing": "It is recommended that", "text": typed, "curly_quotes": True,
         "split_at": ["pledge.title", "council.name"], "bold": "This report"},
    ])
    check = run("templates", "check", tmp_path / "house.docx")
    assert check.exit_code == 0, check.output
    assert "report template passes, once repaired" in check.output
    assert "curly quotes in the tag" in check.output
    result = run("report", SAMPLE, "-o", tmp_path / "report.docx", "--template", tmp_path / "house.docx")
    assert result.exit_code == 0, result.output
    out = tmp_path / "report.docx"
    text = all_text(out)
    assert ("1.1 This report asks Cabinet to adopt the VCSE Pledge for Local Authorities on behalf of "
            "Exampleshire County Council.") in text
    doc = Document(str(out))
    fonts = {run.font.name for p in doc.paragraphs for run in p.runs if run.font.name}
    assert "Georgia" in fonts
    # Issue 15: the report opens with "1. Summary" (level 2 under the title) and its first
    # paragraphs come from a loop, so the officer retypes the recommendations' opening line.
    heading = next(p for p in doc.paragraphs if p.text.startswith("1. Summary"))
    assert heading.style.font.name == "Georgia"
    paragraphs = [p.text for p in doc.paragraphs]
    title_at = paragraphs.index("Adoption of the VCSE Pledge")
    assert any(d.get("descr") == "Exampleshire County Council logo"
               for d in doc.paragraphs[title_at + 1]._p.iter(qn("wp:docPr")))


def test_exported_action_plan_template_works_for_a_first_review(tmp_path):
    """No previous review means no 'changes' rows: fields inside that loop are not errors then."""
    assert run("templates", "export", tmp_path / "mine").exit_code == 0
    result = run("action-plan", "samples/exampleshire-returned.xlsx", "-o", tmp_path / "plan.docx",
                 "--template", tmp_path / "mine" / "action-plan.docx")
    assert result.exit_code == 0, result.output
    misspelt = tmp_path / "misspelt.docx"
    from docx import Document as Open

    doc = Open(str(tmp_path / "mine" / "action-plan.docx"))
    cell = next(c for t in doc.tables for r in t.rows for c in r.cells if c.text == "{{ c.previous }}")
    cell.paragraphs[0].runs[0].text = "{{ c.previuos }}"
    doc.save(str(misspelt))
    assert run("templates", "check", misspelt).exit_code == 1  # the check still names it


def test_tag_that_leaves_the_body_unbalanced_is_refused_not_silently_repaired(tmp_path):
    """docxtpl would drop the unbalanced paragraphs with lxml's recovering parser: say so instead."""
    doc = uk_document()
    doc.add_paragraph("Report for {{ council.name }} {% if council.name == 'nobody' %}hidden")
    doc.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].add_run("in a table{% endif %}")
    doc.add_paragraph("The end")
    doc.save(tmp_path / "mine.docx")
    template = tmp_path / "mine.docx"
    result = run("report", SAMPLE, "-o", tmp_path / "r.docx", "--template", template)
    assert result.exit_code == 1, result.output
    assert "broken document part" in result.stderr and "{%p %}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "r.docx").exists()

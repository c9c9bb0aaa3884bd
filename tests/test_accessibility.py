"""Every document the tool writes meets the accessibility rules; the checker finds each fault."""

import pytest
from docx_factory import add_hyperlink_text
from click.testing import CliRunner
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl import load_workbook

from conftest import convert
from review_factory import blank_workbook, fill
from pledge_office.office.accessibility import check_docx, check_file, check_pdf
from pledge_office.cli import cli

SAMPLE = "samples/exampleshire.yaml"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """Every kind of Word document the tool writes, for the sample council."""
    folder = tmp_path_factory.mktemp("docs")
    assert run("demo", folder / "demo").exit_code == 0
    assert run("signing-copy", SAMPLE, "-o", folder / "a4.docx", "--paper", "A4").exit_code == 0
    returned = fill(blank_workbook(folder))
    assert run("summary", returned, "-o", folder / "s.xlsx", "--docx", folder / "summary.docx").exit_code == 0
    return sorted((folder / "demo").glob("*.docx")) + [folder / "a4.docx", folder / "summary.docx"]


def test_every_document_passes_every_rule(documents):
    assert len(documents) == 6  # report, signing copies A3 and A4, action plan, progress report, summary
    assert any(p.name.endswith("progress-report.docx") for p in documents)
    for path in documents:
        assert check_docx(path) == [], path.name


def test_documents_are_uk_english_with_titles_and_alt_text(documents):
    for path in documents:
        doc = Document(str(path))
        assert doc.core_properties.title
        lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
        assert lang.get(qn("w:val")) == "en-GB"
        for pic in doc.element.body.iter(qn("wp:docPr")):
            assert pic.get("descr")


@pytest.mark.office
def test_pdfs_are_tagged_uk_english_with_alt_text_and_header_cells(soffice, documents, tmp_path):
    result = run("report", SAMPLE, "-o", tmp_path / "report.docx", "--pdf")
    assert result.exit_code == 0, result.output
    assert run("signing-copy", SAMPLE, "-o", tmp_path / "signing.docx", "--pdf").exit_code == 0
    progress = next(p for p in documents if p.name.endswith("progress-report.docx"))
    assert run("progress-report", progress.with_name("exampleshire-returned-progress.xlsx"), "-o",
               tmp_path / "progress.docx", "--pdf").exit_code == 0
    for name in ("report", "signing", "progress"):
        assert check_pdf(tmp_path / f"{name}.pdf") == [], name
    import pikepdf

    with pikepdf.open(tmp_path / "report.pdf") as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.open_metadata().get("pdfuaid:part") == "1"


def test_review_workbook_is_accessible(tmp_path):
    book = load_workbook(blank_workbook(tmp_path))
    assert book.sheetnames[:2] == ["Instructions", "Review"]  # named for what they hold
    assert book["Review"].print_title_rows == "$5:$5"          # the header row is marked
    text = " ".join(str(c.value) for row in book["Instructions"].iter_rows() for c in row if c.value)
    assert "the words are what count" in text                 # meaning not in colour alone
    assert not book["Instructions"]._images and not book["Review"]._charts


# -- faults built in code -------------------------------------------------------------

def uk(doc):
    for lang in doc.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), "en-GB")
    doc.core_properties.title = "A document"
    return doc


def messages(path):
    return [f.message for f in check_file(path)]


def test_missing_alternative_text(tmp_path):
    doc = uk(Document())
    doc.add_heading("Logo", level=1)
    doc.add_picture("samples/exampleshire-logo.png", width=Cm(3))
    doc.save(tmp_path / "d.docx")
    assert "an image has no alternative text" in messages(tmp_path / "d.docx")


def test_decorative_image_is_allowed(tmp_path):
    doc = uk(Document())
    doc.add_heading("Logo", level=1)
    doc.add_picture("samples/exampleshire-logo.png", width=Cm(3))
    doc_pr = doc.inline_shapes[0]._inline.docPr
    ext = OxmlElement("a:extLst")
    ext.append(Document().element.makeelement(qn("a:ext"), {"uri": "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"}))
    doc_pr.append(ext)
    ext[0].append(doc_pr.makeelement("{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative", {"val": "1"}))
    doc.save(tmp_path / "d.docx")
    assert "an image has no alternative text" not in messages(tmp_path / "d.docx")


def test_skipped_heading_level(tmp_path):
    doc = uk(Document())
    doc.add_heading("Top", level=1)
    doc.add_heading("Too deep", level=3)
    doc.save(tmp_path / "d.docx")
    assert "heading level 3 follows level 1, skipping a level" in messages(tmp_path / "d.docx")


def test_english_united_states(tmp_path):
    doc = Document()
    doc.core_properties.title = "US"
    doc.add_heading("Hello", level=1)
    doc.save(tmp_path / "d.docx")
    found = messages(tmp_path / "d.docx")
    assert "the document language is en-US, not English (United Kingdom)" in found


def test_no_title_and_no_headings(tmp_path):
    doc = uk(Document())
    doc.core_properties.title = ""
    doc.add_paragraph("Just text")
    doc.save(tmp_path / "d.docx")
    found = messages(tmp_path / "d.docx")
    assert "the document has no title" in found and "the document has no headings" in found


def test_bold_text_posing_as_a_heading(tmp_path):
    doc = uk(Document())
    doc.add_heading("Real", level=1)
    run = doc.add_paragraph().add_run("Looks like a heading")
    run.bold = True
    run.font.size = Cm(0.6)
    doc.save(tmp_path / "d.docx")
    assert "large bold text looks like a heading but is not one" in messages(tmp_path / "d.docx")


def test_low_contrast_and_table_faults(tmp_path):
    doc = uk(Document())
    doc.add_heading("Table", level=1)
    table = doc.add_table(rows=3, cols=2)
    table.style = doc.styles["Table Grid"]
    table.cell(0, 0).text, table.cell(0, 1).text = "Name", "Rating"
    table.cell(1, 0).text = "A council"
    run = table.cell(1, 1).paragraphs[0].add_run("Partly met")
    run.font.color.rgb = __import__("docx.shared", fromlist=["RGBColor"]).RGBColor(0x40, 0x40, 0x40)
    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:fill"), "808080")
    table.cell(1, 1)._tc.get_or_add_tcPr().append(shade)
    doc.save(tmp_path / "d.docx")
    found = messages(tmp_path / "d.docx")
    assert "a data table has no marked header row" in found
    assert any(m.startswith("text 'Partly met' on a #808080 fill has a contrast of") for m in found)


def test_merged_cells_and_empty_rows_in_a_data_table(tmp_path):
    doc = uk(Document())
    doc.add_heading("Table", level=1)
    table = doc.add_table(rows=3, cols=2)
    marker = OxmlElement("w:tblHeader")
    table.rows[0]._tr.get_or_add_trPr().append(marker)
    table.cell(0, 0).text, table.cell(0, 1).text = "A", "B"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "merged"
    doc.save(tmp_path / "d.docx")
    found = messages(tmp_path / "d.docx")
    assert "a data table has merged cells" in found
    assert "a data table has an empty row (used for spacing?)" in found


def test_vague_link_text(tmp_path):
    doc = uk(Document())
    doc.add_heading("Links", level=1)
    add_hyperlink_text(doc.add_paragraph(), "click here")
    doc.save(tmp_path / "d.docx")
    assert "a link's text ('click here') does not say where it goes" in messages(tmp_path / "d.docx")


@pytest.mark.office
def test_untagged_pdf(soffice, tmp_path):
    assert run("report", SAMPLE, "-o", tmp_path / "r.docx").exit_code == 0
    convert(soffice, [tmp_path / "r.docx"], tmp_path, "pdf")
    result = run("accessibility", tmp_path / "r.pdf")
    assert result.exit_code == 1
    assert "whole PDF: error: the PDF is not tagged" in result.stdout


def test_command_exit_codes(tmp_path, documents):
    assert run("accessibility", *documents).exit_code == 0
    doc = uk(Document())
    doc.add_heading("A", level=2)
    doc.save(tmp_path / "bad.docx")
    result = run("accessibility", tmp_path / "bad.docx")
    assert result.exit_code == 1
    assert f"{tmp_path / 'bad.docx'}: heading 'A': error: heading level 2 follows level none" in result.stdout


def test_templates_check_runs_the_same_rules(tmp_path):
    doc = Document()  # English (US), no headings
    doc.add_paragraph("{{ council.name }}")
    doc.save(tmp_path / "t.docx")
    result = run("templates", "check", tmp_path / "t.docx", "--document", "report")
    assert result.exit_code == 1
    assert "error: accessibility: the document language is en-US" in result.output


def test_pale_heading_colour_is_low_contrast(tmp_path):
    from docx.shared import RGBColor

    doc = uk(Document())
    doc.add_heading("Pale", level=1)
    doc.styles["Heading 1"].font.color.rgb = RGBColor(0xEE, 0xEE, 0xEE)
    doc.save(tmp_path / "d.docx")
    assert any(m.startswith("the Heading 1 style's text colour #EEEEEE has a contrast of 1.2:1")
               for m in messages(tmp_path / "d.docx"))

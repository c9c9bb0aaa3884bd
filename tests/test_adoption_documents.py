"""The report and signing copy, read back as Word and as PDF."""

import zipfile

import pytest
from docx import Document

from docx_read import all_text, header_text, heading_levels, image_alt_texts
from conftest import convert, pdf_pages, pdf_text
from pledge_office.inputs.council_file import load_council
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.documents.report import write_report
from pledge_office.documents.signing_copy import write_signing_copy

TRICKY_NAME = 'Stoke-on-Trent & District <Test> "Council"'


@pytest.fixture
def pledge():
    return load_pledge()


def test_report_holds_every_commitment_and_the_structure(make_council, pledge, tmp_path):
    out = write_report(load_council(make_council()), pledge, tmp_path / "report.docx")
    text = all_text(out)
    for c in pledge.commitments:
        assert c.text in text
    for clause in pledge.introduction:  # issue 18: process notes to councils are left out
        assert (clause.text in text) == (clause.kind == "about")
    # Issue 15 gave the report a summary in place of "Purpose", and climate became "Climate and environment";
    # recommendations follow "It is recommended that Cabinet:" in lower case (tests/test_report.py has the rest).
    for heading in ("Summary", "Recommendations", "Background", "Proposal",
                    "Implications", "Financial", "Legal", "Equality", "Risk", "Climate and environment",
                    "Consultation", "Contact officer", "Background papers", "Appendix A"):
        assert heading in text
    assert "adopts the VCSE Pledge for Local Authorities set out at Appendix A" in text
    assert "authorises Councillor Alex Placeholder (Leader of the Council) and Sam Exemplar (Chief Executive)" in text
    assert "Exampleshire County Council" in header_text(out)
    assert image_alt_texts(out) == ["Exampleshire County Council logo"]


def test_report_headings_are_in_order_without_skipping(make_council, pledge, tmp_path):
    levels = heading_levels(write_report(load_council(make_council()), pledge, tmp_path / "r.docx"))
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))


def test_report_properties_and_language(make_council, pledge, tmp_path):
    out = write_report(load_council(make_council()), pledge, tmp_path / "r.docx")
    doc = Document(str(out))
    assert doc.core_properties.title == "Adoption of the VCSE Pledge: Exampleshire County Council"
    assert doc.core_properties.subject.startswith("Report to Cabinet")
    assert doc.core_properties.author
    styles = zipfile.ZipFile(out).read("word/styles.xml").decode()
    assert 'w:lang w:val="en-GB"' in styles and "en-US" not in styles


def test_signing_copy_is_a3_with_three_logos_and_signatories(make_council, pledge, tmp_path):
    out = write_signing_copy(load_council(make_council()), pledge, tmp_path / "s.docx")
    doc = Document(str(out))
    section = doc.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (16838, 23811)  # A3 portrait
    assert image_alt_texts(out) == [
        "Exampleshire County Council logo", "Team Staffordshire logo", "Support Staffordshire logo"]
    text = all_text(out)
    for c in pledge.commitments:
        assert c.text in text
    for name, role in (("Councillor Alex Placeholder", "Leader of the Council"), ("Sam Exemplar", "Chief Executive")):
        assert name in text and role in text
    assert "Adopted by Cabinet on 10 February 2027" in text
    # Issue 15: signature blocks sit two to a row (each row its own two-column section, so they are read
    # row by row in the order people sign); each block is name, role and one line to sign and date.
    paragraphs = [p.text for p in doc.paragraphs if p.text]
    signed = paragraphs.index("Signed on behalf of Exampleshire County Council")
    assert paragraphs[signed + 2: signed + 8] == ["Councillor Alex Placeholder", "Leader of the Council",
                                                  "Signature\tDate", "Sam Exemplar", "Chief Executive",
                                                  "Signature\tDate"]
    assert doc.tables == []  # no layout table


def test_signing_copy_on_a4(make_council, pledge, tmp_path):
    out = write_signing_copy(load_council(make_council()), pledge, tmp_path / "s.docx", paper="A4")
    section = Document(str(out)).sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)  # A4 portrait


def test_tricky_council_name_is_escaped_and_shown_exactly(make_council, pledge, tmp_path):
    council = load_council(make_council(**{"council.name": TRICKY_NAME}))
    report = write_report(council, pledge, tmp_path / "r.docx")
    signing = write_signing_copy(council, pledge, tmp_path / "s.docx")
    for out in (report, signing):
        assert TRICKY_NAME in all_text(out)
        Document(str(out))  # opens: the XML is valid
    assert TRICKY_NAME in header_text(report)
    assert Document(str(report)).core_properties.title.endswith(TRICKY_NAME)


def test_control_characters_do_not_corrupt_the_document(make_council, pledge, tmp_path):
    council = load_council(make_council(**{"report.portfolio_holder": "Cllr A\x0bB\x0c C\x01 \u05e9\u05dc\u05d5\u05dd \U0001F600"}))
    out = write_report(council, pledge, tmp_path / "r.docx")
    text = all_text(out)
    assert "\u05e9\u05dc\u05d5\u05dd \U0001F600" in text


def test_many_signatories_all_listed(make_council, pledge, tmp_path):
    people = [{"name": f"Person {i}", "role": f"Role {i}"} for i in range(1, 5)]
    out = write_signing_copy(load_council(make_council(signatories=people)), pledge, tmp_path / "s.docx")
    text = all_text(out)
    assert all(f"Person {i}" in text for i in range(1, 5))


@pytest.mark.office
def test_documents_convert_to_pdf_and_signing_copy_is_one_page(soffice, make_council, pledge, tmp_path):
    council = load_council(make_council(**{"council.name": TRICKY_NAME}))
    report = write_report(council, pledge, tmp_path / "report.docx")
    a3 = write_signing_copy(council, pledge, tmp_path / "signing.docx")
    a4 = write_signing_copy(council, pledge, tmp_path / "signing-a4.docx", paper="A4")
    convert(soffice, [report, a3, a4], tmp_path)
    for name in ("report", "signing", "signing-a4"):
        text = " ".join(pdf_text(tmp_path / f"{name}.pdf").split())
        for c in pledge.commitments:
            assert " ".join(c.text.split()) in text, (name, c.ref)
        assert TRICKY_NAME in text
    assert pdf_pages(tmp_path / "signing.pdf") == 1
    assert pdf_pages(tmp_path / "signing-a4.pdf") == 1
    assert pdf_pages(tmp_path / "report.pdf") >= 3
    assert "Page 1 of" in pdf_text(tmp_path / "report.pdf")


@pytest.mark.office
def test_signing_copy_fits_one_page_for_any_number_of_signatories(soffice, make_council, pledge, tmp_path):
    files = []
    for count in (1, 3, 4, 6, 9):
        people = [{"name": f"Councillor Person {i}", "role": f"Cabinet Member for Partnerships {i}"} for i in range(count)]
        council = load_council(make_council(f"c{count}.yaml", signatories=people, co_signatories=None))
        files.append(write_signing_copy(council, pledge, tmp_path / f"a3-{count}.docx"))
        files.append(write_signing_copy(council, pledge, tmp_path / f"a4-{count}.docx", paper="A4"))
    convert(soffice, files, tmp_path)
    for path in files:
        pdf = path.with_suffix(".pdf")
        assert pdf_pages(pdf) == 1, path.name
        count = int(path.stem.split("-")[1])
        assert f"Councillor Person {count - 1}" in pdf_text(pdf)


def test_cmyk_jpeg_logo_from_a_designer_is_converted(make_council, pledge, tmp_path):
    from PIL import Image

    path = make_council(**{"council.logo": "designer.jpg"})
    Image.open(path.parent / "exampleshire-logo.png").convert("CMYK").save(path.parent / "designer.jpg", "JPEG")
    out = write_signing_copy(load_council(path), pledge, tmp_path / "s.docx")
    assert image_alt_texts(out)[0] == "Exampleshire County Council logo"
    media = [n for n in zipfile.ZipFile(out).namelist() if n.startswith("word/media/")]
    assert any(n.endswith(".png") for n in media)

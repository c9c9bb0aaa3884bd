"""The signing copy at display size: reading order, co-signatories, one page, a true footer, marked placeholders."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from conftest import SAMPLES, convert, pdf_pages, pdf_text
from pledge_office.cli import cli
from pledge_office.documents.signing_copy import FLOOR_PT, fit_factor, type_size, write_signing_copy
from pledge_office.errors import CouncilFileError
from pledge_office.inputs.council_file import load_council
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.model.council import MAX_SIGNATURE_ROWS, MAX_SIGNATURES, Person, signature_rows

ROLES = ["Leader of the Council", "Chief Executive", "Deputy Leader", "Chair of the Council", "Monitoring Officer"]


def people(count, prefix="Signatory"):
    return [{"name": f"{prefix} {n}", "role": ROLES[(n - 1) % len(ROLES)]} for n in range(1, count + 1)]


@pytest.fixture
def pledge():
    return load_pledge()


def rows(path):
    """The signature blocks' names, row by row and left to right, as the document holds them.

    Each row is a two-column section: its left block, a column break, its right block.
    """
    doc = Document(str(path))
    found, row = [], []
    for p in doc.element.body.iter(qn("w:p")):
        if p.find(f"{qn('w:r')}/{qn('w:br')}[@{qn('w:type')}='column']") is not None or p.find(
                f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
                if row:
                    found.append(row)
                row = []
        bold = [r for r in p.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None]
        text = "".join(t.text or "" for r in bold for t in r.iter(qn("w:t")))
        if text.startswith(("Signatory", "Partner", "Casey", "Robin", "Councillor", "Sam")) and p.find(
                f"{qn('w:pPr')}/{qn('w:pStyle')}") is None:
            row.append(text)
    return found


def footer(path):
    return "\n".join(p.text for p in Document(str(path)).sections[0].footer.paragraphs)


def test_signatories_two_to_a_row_in_the_order_they_sign(make_council, pledge, tmp_path):
    council = load_council(make_council(signatories=people(5), co_signatories=None))
    out = write_signing_copy(council, pledge, tmp_path / "s.docx")
    assert rows(out) == [["Signatory 1", "Signatory 2"], ["Signatory 3", "Signatory 4"], ["Signatory 5"]]
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert text.index("Signatory 1") < text.index("Leader of the Council") < text.index("Signatory 2")
    assert text.count("Signature\tDate") == 5  # one ruled line to sign and date in each block
    assert Document(str(out)).tables == []  # no layout table announced as data


def test_co_signatories_from_partner_organisations(make_council, pledge, tmp_path):
    council = load_council(make_council(co_signatories=[
        {"name": "Casey Umbrella", "role": "Chief Executive", "organisation": "Exampleshire Voluntary Action"},
        {"name": "Robin Health", "role": "Director", "organisation": "Exampleshire Health Partnership"}]))
    out = write_signing_copy(council, pledge, tmp_path / "s.docx")
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[-2:] == ["Signed on behalf of Exampleshire County Council", "Signed on behalf of partner organisations"]
    assert rows(out)[-1] == ["Casey Umbrella", "Robin Health"]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Chief Executive, Exampleshire Voluntary Action" in text
    assert "Director, Exampleshire Health Partnership" in text


def test_a_co_signatory_needs_an_organisation(make_council):
    with pytest.raises(CouncilFileError, match="co_signatories\\[1\\].*organisation"):
        load_council(make_council(co_signatories=[{"name": "Casey Umbrella", "role": "Chief Executive"}]))


def test_more_signatures_than_fit_are_refused_naming_the_maximum(make_council):
    with pytest.raises(CouncilFileError, match=f"at most {MAX_SIGNATURES} signatures") as refused:
        load_council(make_council(signatories=people(MAX_SIGNATURES + 1)))
    assert "signatories" in str(refused.value) and "12 pt on A3" in str(refused.value)
    with pytest.raises(CouncilFileError, match=f"at most {MAX_SIGNATURES}"):
        load_council(make_council(signatories=people(5), co_signatories=[
            dict(p, organisation="A Partner") for p in people(5, "Partner")]))  # 3 rows and 3 rows


def test_type_never_below_the_floor_and_at_display_size_for_up_to_four_on_a3():
    for signatories in range(1, MAX_SIGNATURES + 1):
        for co in range(0, MAX_SIGNATURES + 1 - signatories):
            if signature_rows(signatories, co) > MAX_SIGNATURE_ROWS:
                continue
            for paper in ("A3", "A4"):
                assert type_size(paper, fit_factor(signatories, paper, co)) >= FLOOR_PT[paper] - 0.05
    for signatories in (1, 2, 3, 4):
        assert type_size("A3", fit_factor(signatories, "A3")) >= 16


def test_commitments_at_16_pt_on_a3_with_the_usual_signatories(make_council, pledge, tmp_path):
    out = write_signing_copy(load_council(make_council(signatories=people(4), co_signatories=None)), pledge,
                             tmp_path / "s.docx")
    assert Document(str(out)).styles["Normal"].font.size.pt == 16
    sizes = [int(s.get(qn("w:val"))) / 2 for s in Document(str(out)).element.body.iter(qn("w:sz"))]
    assert min(sizes) >= 12


def test_footer_credits_the_pledge_with_a_version_only_when_the_pledge_file_gives_one(make_council, pledge, tmp_path):
    council = load_council(make_council())
    out = write_signing_copy(council, pledge, tmp_path / "s.docx")
    assert footer(out) == "VCSE Pledge for Local Authorities, endorsed by Team Staffordshire"
    versioned = replace(pledge, version="3")
    out = write_signing_copy(council, versioned, tmp_path / "v.docx")
    assert footer(out) == "VCSE Pledge for Local Authorities, version 3, endorsed by Team Staffordshire"


def test_placeholder_logos_are_marked_on_the_page_and_by_every_command(make_council, pledge, tmp_path):
    council = load_council(make_council())
    out = write_signing_copy(council, pledge, tmp_path / "s.docx")
    marking = "PLACEHOLDER LOGOS for Team Staffordshire and Support Staffordshire: not for printing"
    assert marking in [p.text for p in Document(str(out)).paragraphs]
    folder = tmp_path / "council"
    shutil.copy(SAMPLES / "exampleshire-logo.png", folder / "partner.png")
    own = load_council(make_council("own.yaml", partners=[{"name": "Exampleshire CVS", "logo": "partner.png"}]))
    out = write_signing_copy(own, pledge, tmp_path / "own.docx")
    assert not any("PLACEHOLDER" in p.text for p in Document(str(out)).paragraphs)
    runner = CliRunner()
    for args in (["signing-copy", folder / "council.yaml", "-o", tmp_path / "c.docx"],
                 ["adoption-pack", folder / "council.yaml", "-o", tmp_path / "pack"],
                 ["demo", tmp_path / "demo"]):
        result = runner.invoke(cli, [str(a) for a in args])
        assert result.exit_code == 0, result.output
        assert "placeholder" in result.stderr, args[0]


@pytest.mark.office
def test_one_page_on_a3_and_a4_for_every_number_of_signatories_allowed(make_council, pledge, tmp_path, soffice):
    """1 to 20 signatories: up to the maximum, one page on either paper; beyond it, refused (above)."""
    base = replace(load_council(make_council()), co_signatories=())
    files = []
    for count in range(1, 21):
        signers = tuple(Person(f"Councillor Signatory Number {n}", f"Cabinet Member for Portfolio {n}")
                        for n in range(1, count + 1))
        if count > MAX_SIGNATURES:
            with pytest.raises(CouncilFileError, match=f"at most {MAX_SIGNATURES}"):
                load_council(make_council(f"c{count}.yaml", signatories=people(count), co_signatories=None))
            continue
        for paper in ("A3", "A4"):
            files.append(write_signing_copy(replace(base, signatories=signers), pledge,
                                            tmp_path / f"{paper}-{count:02d}.docx", paper=paper))
    co = tuple(Person(f"Partner Person {n}", "Chief Executive", organisation=f"Partner Organisation {n}")
               for n in range(1, 5))
    for paper in ("A3", "A4"):
        files.append(write_signing_copy(replace(base, signatories=base.signatories * 3, co_signatories=co), pledge,
                                        tmp_path / f"{paper}-co.docx", paper=paper))
    convert(soffice, files, tmp_path / "pdf")
    for docx in files:
        pdf = tmp_path / "pdf" / docx.with_suffix(".pdf").name
        assert pdf_pages(pdf) == 1, docx.name
    last = " ".join(pdf_text(tmp_path / "pdf" / f"A4-{MAX_SIGNATURES:02d}.pdf").split())
    assert f"Councillor Signatory Number {MAX_SIGNATURES}" in last
    # The PDF's own order (what a screen reader follows) is the order people sign in.
    import subprocess
    raw = subprocess.run(["pdftotext", str(tmp_path / "pdf" / "A3-05.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout
    positions = [raw.index(f"Councillor Signatory Number {n}\n") for n in range(1, 6)]
    assert positions == sorted(positions)


LONG_NAME = ("St Helen's & Bryn-y-Mor, Llanfair-under-Wychwood and the Royal Borough of Northshire, Upper Southmoor, "
             "Lower Eastvale and Westfield Metro Council")  # 145 characters: wraps under the title and in headings


@pytest.mark.office
def test_a_long_council_name_keeps_the_signing_copy_on_one_page_or_is_refused(make_council, pledge, tmp_path,
                                                                               soffice):
    made = []
    # The sample council's own signatories with a 60-character name ran onto a second A3 page.
    sample = load_council(make_council("sample.yaml", **{
        "council.name": "The Royal Borough of Kingsford-upon-Avon and Westmarsh-by-th"}))
    made.append(write_signing_copy(sample, pledge, tmp_path / "sample.docx", paper="A3"))
    for name, count, paper in ((LONG_NAME, 8, "A3"), (LONG_NAME, 6, "A4"), (LONG_NAME, 10, "A4")):
        council = load_council(make_council(f"c{len(made)}.yaml", **{"council.name": name},
                                            signatories=people(count), co_signatories=None if count == 10 else [
                                                dict(p, organisation="A Partner") for p in people(2, "Partner")]))
        made.append(write_signing_copy(council, pledge, tmp_path / f"s{len(made)}.docx", paper=paper))
    convert(soffice, made, tmp_path)
    for path in made:
        assert pdf_pages(path.with_suffix(".pdf")) == 1, path.name
    council = load_council(make_council("too-many.yaml", **{"council.name": LONG_NAME}, signatories=people(8),
                                        co_signatories=[dict(p, organisation="A Partner") for p in people(2, "Partner")]))
    with pytest.raises(CouncilFileError, match="would run onto a second A4 page; use A3"):
        write_signing_copy(council, pledge, tmp_path / "refused.docx", paper="A4")
    assert not (tmp_path / "refused.docx").exists()

"""Rendering shortcuts give the same document as docxtpl's own path, and line breaks still reach Word."""

import zipfile

import pytest
from docx import Document

from docx_read import table_headed
from review_factory import GOOD_ANSWERS, blank_workbook, fill
from pledge_office.documents.action_plan import write_action_plan
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.inputs.review_reader import read_review
from pledge_office.office import word

PLEDGE = load_pledge()


def returned_with(tmp_path, comments: str):
    answers = dict(GOOD_ANSWERS)
    answers["c"] = answers["c"][:6] + (comments,)
    return read_review(fill(blank_workbook(tmp_path), answers), PLEDGE)


def body(path) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml")


@pytest.mark.parametrize("comments", ["One line only.", "First line\nsecond line\tafter a tab"])
def test_listing_shortcut_writes_what_docxtpl_writes(tmp_path, monkeypatch, comments):
    review = returned_with(tmp_path, comments)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    fast = write_action_plan(review, PLEDGE, tmp_path / "fast.docx")
    # docxtpl's own listing pass on every render, as before the shortcut
    monkeypatch.setattr(word, "_LISTING_CHARACTERS", type("Always", (), {"search": staticmethod(lambda xml: True)}))
    full = write_action_plan(review, PLEDGE, tmp_path / "full.docx")
    assert body(fast) == body(full)


def test_a_line_break_typed_in_a_cell_is_a_line_break_in_word(tmp_path):
    review = returned_with(tmp_path, "First line\nsecond line")
    out = write_action_plan(review, PLEDGE, tmp_path / "plan.docx")
    assert b"<w:br/>" in body(out)
    texts = [p.text for p in Document(str(out)).paragraphs] + [
        c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells]
    assert any("First line\nsecond line" in t for t in texts)


def test_listing_shortcut_on_documents_with_logos(tmp_path, monkeypatch):
    """Pictures bring pretty-printed XML (line breaks between tags): nothing docxtpl would change."""
    from pledge_office.inputs.council_file import load_inputs
    from pledge_office.office.resources import sample_council_file
    from pledge_office.steps.adoption import write_adoption_pack

    council, pledge = load_inputs(sample_council_file())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    fast = write_adoption_pack(council, pledge, tmp_path / "fast")
    monkeypatch.setattr(word, "_LISTING_CHARACTERS", type("Always", (), {"search": staticmethod(lambda xml: True)}))
    full = write_adoption_pack(council, pledge, tmp_path / "full")
    assert [body(p) for p in fast] == [body(p) for p in full]
    assert b"<w:drawing>" in body(fast[1])


def parts(path) -> dict:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_a_template_kept_in_memory_writes_what_a_fresh_parse_writes(tmp_path, monkeypatch, make_council):
    """Shipped templates are parsed once per process and copied: no council's words may stay in the copy."""
    from pledge_office.inputs.council_file import load_inputs
    from pledge_office.steps.adoption import write_adoption_pack

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    first = load_inputs(make_council("first.yaml", council__name="Firstville Borough Council",
                                     council__short_name="Firstville"))
    second = load_inputs(make_council("second.yaml", council__name="Secondton District Council",
                                      council__short_name="Secondton"))
    cache = word._CachingTemplate().pristine
    cache.clear()
    fresh = write_adoption_pack(*second, tmp_path / "fresh")
    cache.clear()
    write_adoption_pack(*first, tmp_path / "first")
    assert cache, "the shipped templates are kept after their first use"
    copied = write_adoption_pack(*second, tmp_path / "copied")
    for a, b in zip(fresh, copied):
        assert parts(a) == parts(b)
    assert b"Firstville" not in b"".join(parts(copied[0]).values())


@pytest.mark.parametrize("paper", ["A3", "A4"])
def test_styles_scaled_once_and_kept_write_what_scaling_everything_after_rendering_writes(tmp_path, monkeypatch,
                                                                                          make_council, paper):
    """The signing copy's styles are scaled before rendering and kept; the page must be the same as before."""
    from docx.shared import Twips

    from pledge_office.documents import signing_copy
    from pledge_office.inputs.council_file import load_inputs
    from pledge_office.office.docx_scale import scale_document

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    council, pledge = load_inputs(make_council())
    kept = signing_copy.write_signing_copy(council, pledge, tmp_path / "kept.docx", paper=paper)
    again = signing_copy.write_signing_copy(council, pledge, tmp_path / "again.docx", paper=paper)

    def everything_after_rendering(document, paper, shrink=1.0):  # the way it was done before
        width, height = signing_copy.PAPER_TWIPS[paper]
        section = document.sections[0]
        to_paper = min(width / section.page_width.twips, height / section.page_height.twips)
        margins = {side: getattr(section, side) for side in ("left_margin", "right_margin", "top_margin",
                                                             "bottom_margin", "header_distance", "footer_distance")}
        scale_document(document, to_paper * shrink)
        for section in document.sections:
            section.page_width, section.page_height = Twips(width), Twips(height)
            for side, value in margins.items():
                setattr(section, side, Twips(round(value.twips * to_paper)))

    monkeypatch.setattr(signing_copy, "scale_page", everything_after_rendering)
    monkeypatch.setattr(signing_copy, "Preparation", lambda key, change: None)
    before = signing_copy.write_signing_copy(council, pledge, tmp_path / "before.docx", paper=paper)
    assert parts(kept) == parts(before) == parts(again)

"""The LibreOffice Writer restyle helper works on the shipped report template.

Each test starts LibreOffice at most once (about 2 s each). They skip when LibreOffice or
python3-uno is missing, unless PLEDGE_OFFICE_REQUIRE_OFFICE=1 (then they fail).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from office_restyle import OfficeRestyleError, restyle_with_libreoffice

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "templates" / "report.docx"
LOGO = ROOT / "samples" / "exampleshire-logo.png"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")

pytestmark = pytest.mark.office




def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def body_paragraphs(doc):
    """Every paragraph of the body, table cells included, in document order."""
    return list(doc.element.body.iter(qn("w:p")))


def para_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def run_texts(p):
    return ["".join(t.text or "" for t in r.iter(qn("w:t"))) for r in p.iter(qn("w:r"))]


def effective_font(doc, p, r):
    """The run's own font, else its paragraph style's (or a base style's)."""
    fonts = r.find(qn("w:rPr")).find(qn("w:rFonts")) if r.find(qn("w:rPr")) is not None else None
    if fonts is not None and fonts.get(qn("w:ascii")):
        return fonts.get(qn("w:ascii"))
    ppr = p.find(qn("w:pPr"))
    style_id = ppr.find(qn("w:pStyle")).get(qn("w:val")) if ppr is not None else None
    style = next((s for s in doc.styles if s.style_id == style_id), doc.styles["Normal"])
    while style is not None and style.font.name is None:
        style = style.base_style
    return style.font.name if style is not None else None


def all_tags(doc) -> list:
    texts = [para_text(p) for p in body_paragraphs(doc)]
    for section in doc.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return [tag for text in texts for tag in TAG.findall(text)]


RETYPED = "{{ council.name }} adopts {{ pledge.called }}"  # the report's proposal, paragraph 6.1


def test_restyle_moves_retypes_and_keeps_the_tags(uno, tmp_path):
    src = tmp_path / "report.docx"  # a snapshot: the template is rebuilt by tools/
    shutil.copyfile(REPORT, src)
    before = digest(src)
    dst = tmp_path / "restyled.docx"
    typed = ("6.1 This report asks {{ meeting.body }} to adopt {{ pledge.called }}, "
             "\"the Pledge\", for {{ council.name }}'s work.")
    summary = restyle_with_libreoffice(src, dst, [
        {"op": "font", "name": "Georgia", "size": 12},
        {"op": "style_font", "style": "Heading 1", "name": "Georgia", "size": 20,
         "color": "8B0000"},
        {"op": "move_paragraph", "containing": "{{ logos.council }}", "to": "after",
         "after_containing": "{{ report.title }}"},
        {"op": "align", "containing": "{{ logos.council }}", "align": "center"},
        {"op": "retype", "containing": RETYPED, "text": typed, "curly_quotes": True,
         "split_at": ["pledge.called"], "bold": "This report"},
        {"op": "replace", "search": "reviewed periodically", "replace": "reviewed regularly"},
    ])
    assert digest(src) == before  # the source is never opened in place
    assert summary["steps"][-1] == {"op": "replace", "replaced": 1}

    doc = Document(str(dst))
    paras = body_paragraphs(doc)
    texts = [para_text(p) for p in paras]

    # "select all, change font": every run of body text, tables included, is Georgia 12
    # (LibreOffice leaves out a direct font that equals the paragraph style's)
    fonts = {(effective_font(doc, p, r), r.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")))
             for p in paras for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None}
    assert fonts == {("Georgia", "24")}  # half-points: the size typed over the headings' too
    # LibreOffice names it "Heading 1" where Word writes "heading 1": python-docx's
    # doc.styles["Heading 1"] then finds nothing, so look it up by its id
    heading = next(s for s in doc.styles if s.style_id == "Heading1").font
    assert (heading.name, heading.size, heading.color.rgb) == ("Georgia", Pt(20),
                                                                RGBColor(0x8B, 0, 0))

    # the logo paragraph now follows the title, centred
    title = next(p for p in doc.paragraphs if p.text == "{{ report.title }}")  # the level-1 heading
    top = [p.text for p in doc.paragraphs[:5]]
    assert top.index("{{ logos.council }}") == top.index(title.text) + 1
    moved = next(p for p in doc.paragraphs if p.text == "{{ logos.council }}")
    assert moved.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert texts.count("{{ logos.council }}") == 1

    # the retyped paragraph reads as typed (with Word's quotes) but is split across runs
    expected = typed.replace('"the Pledge"', "\u201cthe Pledge\u201d").replace("'s", "\u2019s")
    retyped = next(p for p in paras if para_text(p).startswith("6.1 "))
    assert para_text(retyped) == expected
    pieces = run_texts(retyped)
    assert "This report" in pieces and len(pieces) >= 4, pieces
    assert not any("{{ pledge.called }}" in piece for piece in pieces), pieces  # split, as Word does
    assert RETYPED not in "\n".join(texts)

    # every other tag is still there, in the body, the header and the footer
    original = Document(str(src))
    retyped_tags = TAG.findall(next(para_text(p) for p in body_paragraphs(original)
                                    if RETYPED in para_text(p)))
    wanted = sorted(all_tags(original))
    for tag in retyped_tags:
        wanted.remove(tag)
    got = sorted(all_tags(doc))
    for tag in TAG.findall(expected):
        got.remove(tag)
    assert got == wanted
    assert doc.sections[0].header.paragraphs[0].text == "{{ council.name }}"
    assert "reviewed regularly" in "\n".join(texts) and "reviewed periodically" not in "\n".join(texts)


def test_a_moved_paragraph_keeps_its_inline_picture(uno, tmp_path):
    src = tmp_path / "with-logo.docx"
    doc = Document(str(REPORT))
    doc.paragraphs[0].add_run().add_picture(str(LOGO), width=Mm(30))  # beside the tag text
    doc.save(str(src))
    dst = tmp_path / "moved.docx"
    restyle_with_libreoffice(src, dst, [
        {"op": "move_paragraph", "containing": "{{ logos.council }}", "to": "end"},
    ])
    paras = body_paragraphs(Document(str(dst)))
    assert para_text(paras[0]).startswith("Report to ")
    last = paras[-1]
    assert para_text(last) == "{{ logos.council }}"
    assert len(list(last.iter(qn("wp:inline")))) == 1
    assert sum(1 for p in paras for _ in p.iter(qn("w:drawing"))) == 1
    jc = last.find(qn("w:pPr")).find(qn("w:jc"))
    assert jc is not None and jc.get(qn("w:val")) == "right"  # its own formatting came along


def test_errors_carry_the_scripts_message(uno, tmp_path):
    dst = tmp_path / "never.docx"
    with pytest.raises(OfficeRestyleError, match="no paragraph contains 'No such words'"):
        restyle_with_libreoffice(REPORT, dst, [
            {"op": "align", "containing": "No such words", "align": "center"}])
    assert not dst.exists()

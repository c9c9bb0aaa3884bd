"""Building Word documents with python-docx: pages, paragraphs, tables, fields.

Used by tools/build_templates.py to build the shipped templates (built once,
reviewed and committed; users restyle the .docx files in Word, not this code)
and by the writers that build documents directly, such as the county summary.
"""

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt, RGBColor, Twips

from pledge_office.office.ooxml import keep_row_together, mark_header_row, qn, shade_cell  # noqa: F401 (for callers)


INK = RGBColor(0x1A, 0x1A, 0x1A)
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)   # dark blue: 11:1 on white
HEADER_FILL = "1F3A5F"               # white text on it: 11:1
A3 = (Twips(16838), Twips(23811))  # exactly as Word writes A3
A4 = (Twips(11906), Twips(16838))


def _drop_blank_thumbnail(doc) -> None:
    """python-docx's starting document carries a picture of a blank page as its thumbnail:
    file browsers would show every report and signing copy as an empty page."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    package = doc.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[r_id]


def new_document(font="Arial", size=11, heading_sizes=(16, 13, 12)):
    """Start a document in UK English with real, plainly styled headings."""
    doc = Document()
    _drop_blank_thumbnail(doc)
    styles = doc.styles
    _set_default_language(doc, "en-GB")
    normal = styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    normal.font.color.rgb = INK
    _set_east_asian_font(normal, font)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, heading_size in enumerate(heading_sizes, start=1):
        style = styles[f"Heading {level}"]
        style.font.name = font
        _set_east_asian_font(style, font)
        style.font.size = Pt(heading_size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = ACCENT
        style.paragraph_format.space_before = Pt(14 if level == 1 else 10)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.font.name = font
    _set_east_asian_font(title, font)
    title.font.size = Pt(24)
    title.font.bold = True
    title.font.color.rgb = ACCENT
    _remove_title_border(title)
    return doc


def _set_default_language(doc, lang):
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        el.set(qn(attr), lang)
    # Word's own styles can carry a language too; clear any en-US left there.
    for lang_el in styles.iter(qn("w:lang")):
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            if lang_el.get(qn(attr)) == "en-US":
                lang_el.set(qn(attr), lang)


def _set_east_asian_font(style, font):
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _remove_title_border(style):
    ppr = style.element.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))
    if border is not None:
        ppr.remove(border)


def set_page(doc, size, margins_cm=2.0, landscape=False, section=None):
    section = section or doc.sections[0]
    width, height = size
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(margins_cm))
    section.header_distance = section.footer_distance = Cm(1.0)
    return section


def para(doc_or_cell, text="", style=None, bold=False, size=None, align=None, space_after=None, keep_next=False):
    p = doc_or_cell.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    if keep_next:
        p.paragraph_format.keep_with_next = True
    return p


def labelled(doc, label, value, size=None):
    """A paragraph 'Label: value' with the label in bold (for contact details)."""
    p = doc.add_paragraph()
    r = p.add_run(f"{label}: ")
    r.bold = True
    r2 = p.add_run(value)
    if size:
        r.font.size = r2.font.size = Pt(size)
    p.paragraph_format.space_after = Pt(2)
    return p


def add_field(paragraph, instruction, size=None):
    """Insert a field (PAGE, NUMPAGES) that Word computes on opening."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    if size:
        rpr = OxmlElement("w:rPr")
        for tag in ("w:sz", "w:szCs"):
            sz = OxmlElement(tag)
            sz.set(qn("w:val"), str(size * 2))
            rpr.append(sz)
        run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def page_number_footer(section, prefix_text="", size=9):
    footer = section.footer
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if prefix_text:
        p.add_run(prefix_text).font.size = Pt(size)
    p.add_run("Page ").font.size = Pt(size)
    add_field(p, "PAGE", size)
    p.add_run(" of ").font.size = Pt(size)
    add_field(p, "NUMPAGES", size)


def header_text(section, text, size=9):
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.font.color.rgb = ACCENT


def table(doc, headers, widths_cm, style="Table Grid", font_size=None):
    """A data table whose first row is a marked header row, repeated on each page."""
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = doc.styles[style]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for cell, text, width in zip(t.rows[0].cells, headers, widths_cm):
        cell.width = Cm(width)
        cell.paragraphs[0].text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        if font_size:
            run.font.size = Pt(font_size)
        shade_cell(cell, HEADER_FILL)
    mark_header_row(t.rows[0])
    set_table_look(t)
    # LibreOffice and Word lay out by the grid, not the cell widths: set both.
    for grid_col, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm):
        grid_col.set(qn("w:w"), str(Cm(width).twips))
    return t


def add_row(t, texts, widths_cm, font_size=None, bold_first=False):
    row = t.add_row()
    keep_row_together(row)
    for i, (cell, text, width) in enumerate(zip(row.cells, texts, widths_cm)):
        cell.width = Cm(width)
        run = cell.paragraphs[0].add_run(text)
        if font_size:
            run.font.size = Pt(font_size)
        if bold_first and i == 0:
            run.bold = True
    return row


def set_table_look(t, first_row=True):
    tbl_pr = t._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        tbl_pr.append(look)
    look.set(qn("w:firstRow"), "1" if first_row else "0")
    look.set(qn("w:firstColumn"), "0")
    look.set(qn("w:noHBand"), "1")
    look.set(qn("w:noVBand"), "1")
    look.set(qn("w:val"), "0420" if first_row else "0400")


def no_borders(t):
    tbl_pr = t._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    # Schema order matters to Word: borders come before layout, margins and look.
    later = [tbl_pr.find(qn(f"w:{name}")) for name in ("shd", "tblLayout", "tblCellMar", "tblLook")]
    later = [el for el in later if el is not None]
    if later:
        later[0].addprevious(borders)
    else:
        tbl_pr.append(borders)


def table_description(t, title, description):
    """Alt text for a table (Word: Table Properties > Alt Text)."""
    tbl_pr = t._tbl.tblPr
    cap = OxmlElement("w:tblCaption")
    cap.set(qn("w:val"), title)
    desc = OxmlElement("w:tblDescription")
    desc.set(qn("w:val"), description)
    tbl_pr.append(cap)
    tbl_pr.append(desc)


def core_properties(doc, title, subject):
    """Title, subject and language; dated when built (or SOURCE_DATE_EPOCH); not in Compatibility Mode."""
    from pledge_office.office.ooxml import FileProperties
    from pledge_office.office.word import finish_document

    finish_document(doc, FileProperties(title, subject, author="pledge-office"))
    # Only the template says how it is used; documents made from it say nothing of the sort.
    doc.core_properties.comments = ("Template for pledge-office. Fields in double curly brackets are filled "
                                    "in by the tool: see pledge-office templates fields.")


def bottom_border(paragraph, size_eighths=8, colour="404040"):
    """Rule a line under a paragraph (a signature line that every word processor draws)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", "1"), ("w:color", colour)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # pBdr comes before spacing and indentation in the schema's order.
    anchor = next((ppr.find(qn(t)) for t in ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc") if ppr.find(qn(t)) is not None), None)
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)


def start_columns(doc, section, count=2, space_cm=1.0):
    """End the current (one-column) section here and continue in ``count`` columns on the same page."""
    import copy

    body = doc.element.body
    final = body.sectPr
    first = copy.deepcopy(final)
    for child in list(first):
        if child.tag in (qn("w:headerReference"), qn("w:footerReference")):
            continue
    holder = doc.add_paragraph()
    holder.paragraph_format.space_after = Pt(0)
    holder._p.get_or_add_pPr().append(first)
    kind = final.find(qn("w:type"))
    if kind is None:
        kind = OxmlElement("w:type")
        final.find(qn("w:pgSz")).addprevious(kind)  # after header and footer references, as Word reads it
    kind.set(qn("w:val"), "continuous")
    cols = final.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        anchor = final.find(qn("w:docGrid"))
        (anchor.addprevious(cols) if anchor is not None else final.append(cols))
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), str(Cm(space_cm).twips))


def end_columns(doc):
    """Close the column section with a continuous break, so word processors balance its columns."""
    import copy

    body = doc.element.body
    final = body.sectPr
    columns = copy.deepcopy(final)
    holder = doc.add_paragraph()
    holder.paragraph_format.space_after = Pt(0)
    holder.paragraph_format.line_spacing = Pt(2)
    holder._p.get_or_add_pPr().append(columns)
    cols = final.find(qn("w:cols"))
    cols.set(qn("w:num"), "1")


def subtitle(doc, text, size, align=None, space_after=12):
    """A large line under the title in the Subtitle style: not a heading, and not posing as one."""
    style = doc.styles["Subtitle"]
    style.font.name = doc.styles["Normal"].font.name
    _set_east_asian_font(style, doc.styles["Normal"].font.name)
    style.font.size = Pt(size)
    style.font.bold = True
    style.font.italic = False
    style.font.color.rgb = INK
    return para(doc, text, style="Subtitle", align=align, space_after=space_after)

"""The county summary as a Word report: where each council stands, ratings, chart, overdue actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from pledge_office.documents.summary_workbook import (
    COUNT_LABELS, FILLS, chart_description, rating_counts, returned_text,
)
from pledge_office.model.county import CountyView, OVERDUE, NOT_RETURNED, RETURNED, RETURNED_WITH_ERRORS
from pledge_office.model.dates import format_uk
from pledge_office.model.pledge import Pledge
from pledge_office.model.review_schema import rating_by_label
from pledge_office.office.ooxml import shade_cell
from pledge_office.office.outputs import atomic_output

HEADER_FILL = "1F3A5F"
TABLE_PT = 10   # tables; body text is 12 pt
TEXT_WIDTH_CM = 26.0  # landscape A4 less the template's margins
CHART_MAX_HEIGHT_CM = 13.0  # landscape A4's text height less a heading and its spacing


@dataclass
class UmbrellaBody:
    """Who the summary is from: the umbrella body's name and, if given, its logo."""

    name: str = ""
    logo: Optional[Path] = None
    contact: List[str] = field(default_factory=list)  # name, role, email, phone, as known


def write_summary_docx(view: CountyView, pledge: Pledge, out: Path, umbrella: Optional[UmbrellaBody] = None,
                       force: bool = False) -> Path:
    """Write the county summary as a Word report."""
    import tempfile

    from docx import Document
    from docx.shared import Cm, Pt
    from PIL import Image

    from pledge_office.office.resources import shipped_template
    from pledge_office.office.ooxml import FileProperties
    from pledge_office.office.word import check_docx_readable, finish_document

    umbrella = umbrella or UmbrellaBody()
    doc = Document(str(shipped_template("summary-base.docx")))
    doc.styles["Normal"].font.size = Pt(12)
    if umbrella.logo:
        doc.add_picture(str(umbrella.logo), height=Cm(2.2))
        _alt_text(doc, f"{umbrella.name or 'Umbrella body'} logo", umbrella.name or "Logo")
    doc.add_paragraph(pledge.title, style="Title")
    doc.add_heading("County-wide summary of reviews", level=1)
    doc.add_paragraph(_opening(view, umbrella))
    doc.add_heading("Commentary", level=2)
    doc.add_paragraph("[To fill in: what the returns show across the county, themes, and what the umbrella body "
                      "will do next.]")
    doc.add_heading("Where each council stands", level=2)
    _register_table(doc, view)
    doc.add_heading("Ratings by council", level=2)
    refs = [c.ref for c in pledge.commitments]
    _lead(doc, "Each rating is given in words; its colour repeats it. The commitments "
               f"{refs[0]} to {refs[-1]} are named in the key below.")
    _ratings_table(doc, view, pledge)
    _commitments_key(doc, pledge)
    doc.add_heading("Ratings per commitment", level=2)
    with tempfile.TemporaryDirectory() as folder:
        picture = Path(folder) / "chart.png"
        alt = chart_picture(view, pledge, picture)
        # Never taller than a page can hold below its heading (a 12-commitment chart would push it off alone).
        with Image.open(picture) as drawn:
            width = min(22.0, CHART_MAX_HEIGHT_CM * drawn.width / drawn.height)
        doc.add_picture(str(picture), width=Cm(width))
    _alt_text(doc, alt, "Ratings per commitment")
    _overdue_section(doc, view, pledge)
    _left_out_section(doc, view)
    doc.add_heading("Contact", level=2)
    doc.add_paragraph(", ".join(umbrella.contact) + (f", {umbrella.name}" if umbrella.name else "") + "."
                      if umbrella.contact else f"[To fill in: name, job title, phone and email of the contact at "
                      f"{umbrella.name or 'the umbrella body'}.]")
    author = umbrella.name or pledge.endorsed_by or ""
    finish_document(doc, FileProperties(f"{pledge.title}: county-wide summary", "Summary of reviews",
                                        author=author, company=author))
    with atomic_output(out, force) as tmp:
        doc.save(str(tmp))
        check_docx_readable(tmp, out)
    return out


def _opening(view: CountyView, umbrella: UmbrellaBody) -> str:
    counts = [(view.count(s), s.lower()) for s in (RETURNED, RETURNED_WITH_ERRORS, NOT_RETURNED, OVERDUE)]
    said = ", ".join(f"{n} {label}" for n, label in counts if n)
    who = f" by {umbrella.name}" if umbrella.name else ""
    councils = "the one council" if len(view.lines) == 1 else f"each of {len(view.lines)} councils"
    return f"Prepared{who} as at {format_uk(view.as_of)}: the latest review of {councils} ({said})."


def _lead(doc, text: str) -> None:
    """A sentence introducing a table, kept on the table's page."""
    doc.add_paragraph(text).paragraph_format.keep_with_next = True


def _alt_text(doc, text: str, title: str) -> None:
    drawing = doc.inline_shapes[-1]._inline
    drawing.docPr.set("descr", text)
    drawing.docPr.set("title", title)


def _commitments_key(doc, pledge: Pledge) -> None:
    doc.add_heading("The commitments", level=2)
    if pledge.has_groups:  # each commitment beside the heading of its group, in the pledge's order
        rows = [[c.ref, c.group, c.short_title, c.text] for c in pledge.commitments]
        _table(doc, ["Ref", "Group", "Short title", "Commitment"], rows, [1.4, 4.6, 5.0, 15.0])
        return
    rows = [[c.ref, getattr(c, "short_title", "") or "", c.text] for c in pledge.commitments]
    _table(doc, ["Ref", "Short title", "Commitment"], rows, [1.4, 6.6, 18.0])


def _register_table(doc, view: CountyView) -> None:
    rows = [[line.council, line.status, format_uk(line.due) if line.due else "", returned_text(line),
             line.checked if line.errors else ""] for line in view.lines]
    _table(doc, ["Council", "Status", "Due back", "Returned", "Errors"], rows, [8.0, 5.0, 3.6, 6.4, 3.0])


def _ratings_table(doc, view: CountyView, pledge: Pledge) -> None:
    """One table of every council's ratings; for a pledge in groups, a table under each group's heading.

    Separate tables rather than a merged heading row: merged cells in a data table are hard
    to follow with a screen reader. The actions columns end the last table.
    """
    groups = pledge.groups if pledge.has_groups else (None,)
    for index, group in enumerate(groups):
        last = index == len(groups) - 1
        commitments = group.commitments if group else pledge.commitments
        if group:
            doc.add_heading(group.heading, level=3).paragraph_format.keep_with_next = True
        refs = [c.ref for c in commitments]
        rows = [[line.council] + [line.ratings[r] for r in refs] + (
            [str(len(line.actions)), str(len(line.overdue(view.as_of)))] if last else [])
            for line in view.with_ratings]
        fixed = 4.6 + (3.8 if last else 0)
        each = min(4.0, (TEXT_WIDTH_CM - fixed) / max(1, len(refs)))
        table = _table(doc, ["Council"] + refs + (["Actions", "Overdue"] if last else []), rows,
                       [4.6] + [each] * len(refs) + ([1.9, 1.9] if last else []))
        for row in table.rows[1:]:
            for cell in row.cells[1:1 + len(refs)]:
                rating = rating_by_label(cell.text)
                if rating:
                    shade_cell(cell, rating.fill)


def _overdue_section(doc, view: CountyView, pledge: Pledge) -> None:
    doc.add_heading("Overdue actions", level=2)
    overdue = view.overdue_actions()
    if not overdue:
        doc.add_paragraph(f"No action is past its target date as at {format_uk(view.as_of)}.")
        return
    _lead(doc, f"{len(overdue)} action(s) past their target date as at {format_uk(view.as_of)}.")
    rows = [[o.council, o.entry.action_ref(o.action) or o.entry.ref, o.action.text, o.action.lead or "No lead named",
             format_uk(o.action.target_date)] for o in overdue]
    _table(doc, ["Council", "Action ref", "Action", "Lead", "Target date"], rows, [6.0, 1.9, 10.5, 4.4, 3.2])


def _left_out_section(doc, view: CountyView) -> None:
    if not view.left_out:
        return
    doc.add_heading("Returns not included", level=2)
    _lead(doc, "These files were given but are not in the figures above, and why.")
    rows = [[item.file.name, item.council or "Not known", item.reason] for item in view.left_out]
    _table(doc, ["File", "Council", "Why"], rows, [8.0, 5.5, 12.5])


def _table(doc, headers: List[str], rows: List[List[str]], widths_cm: List[float]):
    """Add a data table with a marked, repeating header row, within the page width."""
    from docx.shared import Cm, Pt, RGBColor

    from pledge_office.office.ooxml import keep_row_together, mark_header_row, qn

    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, headers):
        cell.paragraphs[0].paragraph_format.keep_with_next = True  # never a header row alone at a page's foot
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size, run.font.color.rgb = True, Pt(TABLE_PT), RGBColor(0xFF, 0xFF, 0xFF)
        shade_cell(cell, HEADER_FILL)
    mark_header_row(table.rows[0])
    for values in rows:
        row = table.add_row()
        keep_row_together(row)
        for cell, value in zip(row.cells, values):
            cell.paragraphs[0].add_run(value).font.size = Pt(TABLE_PT)
    widths = [Cm(w) for w in widths_cm]
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        grid_col.set(qn("w:w"), str(width.twips))
    return table


def chart_picture(view: CountyView, pledge: Pledge, out: Path) -> str:
    """Draw the ratings chart as a PNG: each category patterned and labelled with its count; return its alt text."""
    from PIL import Image, ImageDraw

    counts = rating_counts(view, pledge)
    total = max(1, len(view.with_ratings))
    width, height, left, top, bar = 1600, 150 + 90 * len(counts), 270, 140, 60
    image = Image.new("RGB", (width, height), "white")
    pen = ImageDraw.Draw(image)
    font = _font(28)
    x, y = left, 20
    for index, (label, fill) in enumerate(zip(COUNT_LABELS, FILLS)):
        size = 60 + int(pen.textlength(label, font=font)) + 30
        if x + size > width:
            x, y = left, y + 55
        _patterned(pen, [x, y, x + 40, y + 40], fill, index)
        pen.text((x + 50, y + 2), label, fill="#1A1A1A", font=font)
        x += size
    for row, (ref, by_label) in enumerate(counts.items()):
        y = top + row * 90
        pen.text((40, y + 14), f"Commitment {ref}", fill="#1A1A1A", font=font)
        x = left
        for index, (label, fill) in enumerate(zip(COUNT_LABELS, FILLS)):
            n = by_label[label]
            if not n:
                continue
            span = (width - left - 40) * n / total
            _patterned(pen, [x, y, x + span, y + bar], fill, index)
            box = [x + 6, y + 12, x + 14 + pen.textlength(str(n), font=font) + 8, y + 48]
            pen.rectangle(box, fill="white")  # the count stays readable over any pattern
            pen.text((x + 14, y + 14), str(n), fill="#1A1A1A", font=font)
            x += span
    image.save(out)
    return chart_description(view, pledge)


def _patterned(pen, box, fill: str, index: int) -> None:
    """Fill a box in its colour with its own pattern, so categories differ without colour."""
    x0, y0, x1, y1 = box
    pen.rectangle(box, fill=f"#{fill}", outline="#404040", width=2)
    if index == 0:
        return  # Fully met: plain
    step = 12
    for offset in range(-int(y1 - y0), int(x1 - x0), step):
        if index in (1, 4):  # Partly met, Not rated: diagonal lines (opposite ways)
            sx, sy, ex, ey = x0 + offset, y1, x0 + offset + (y1 - y0), y0
            if index == 4:
                sy, ey = y0, y1
            pen.line(_clip(sx, sy, ex, ey, box), fill="#404040", width=2)
        elif index == 2:  # Not met: cross-hatched
            pen.line(_clip(x0 + offset, y1, x0 + offset + (y1 - y0), y0, box), fill="#404040", width=2)
            pen.line(_clip(x0 + offset, y0, x0 + offset + (y1 - y0), y1, box), fill="#404040", width=2)
    if index == 3:  # Not applicable: dots
        for dx in range(int(x0) + 6, int(x1) - 3, step):
            for dy in range(int(y0) + 6, int(y1) - 3, step):
                pen.ellipse([dx - 2, dy - 2, dx + 2, dy + 2], fill="#404040")


def _clip(sx, sy, ex, ey, box):
    """Clip a 45-degree line to the box."""
    x0, y0, x1, y1 = box
    points = []
    steps = 200
    for i in range(steps + 1):
        px, py = sx + (ex - sx) * i / steps, sy + (ey - sy) * i / steps
        if x0 <= px <= x1 and y0 <= py <= y1:
            points.append((px, py))
    return [points[0], points[-1]] if points else [(x0, y0), (x0, y0)]


def _font(size: int):
    from PIL import ImageFont

    for name in ("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
                 "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)

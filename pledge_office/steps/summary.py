"""The county-wide view: every council's latest review in one workbook (and a Word report)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Dict, List, Optional

from pledge_office.model.dates import format_uk
from pledge_office.errors import PledgeOfficeError
from pledge_office.office.outputs import atomic_output
from pledge_office.model.pledge import Pledge
from pledge_office.model.review import Review
from pledge_office.model.review_schema import RATINGS, rating_by_label

NOT_RATED = "Not rated"
NOT_RATED_FILL = "DDE3EA"  # pale blue-grey: visible on white, unlike any rating colour
COUNT_LABELS = [r.label for r in RATINGS] + [NOT_RATED]


@dataclass
class CouncilLine:
    """One council's row of the overview."""

    council: str
    period: str
    reviewed: Optional[date]
    ratings: Dict[str, str]          # commitment ref -> rating label (or Not rated)
    actions: int
    overdue: int
    review: Review

    def count(self, label: str) -> int:
        return sum(1 for value in self.ratings.values() if value == label)


def latest_reviews(reviews: List[Review]) -> List[Review]:
    """One review per council: its latest, with workbooks of that review merged."""
    from pledge_office.model.review_merge import merge_reviews

    by_council: Dict[str, Dict[str, List[Review]]] = {}
    for review in reviews:
        by_council.setdefault(review.identity.council, {}).setdefault(review.identity.review_id, []).append(review)
    chosen = []
    for council, by_review in sorted(by_council.items()):
        latest = max(by_review.values(), key=lambda group: (group[0].identity.generated, group[0].identity.period))
        chosen.append(merge_reviews(latest))
    return chosen


def council_lines(reviews: List[Review], pledge: Pledge, as_of: date) -> List[CouncilLine]:
    lines = []
    for review in latest_reviews(reviews):
        ratings = {c.ref: NOT_RATED for c in pledge.commitments}
        ratings.update({e.ref: e.rating or NOT_RATED for e in review.entries})
        actions = [a for e in review.entries for a in e.actions if a.text]
        generated = review.identity.generated
        lines.append(CouncilLine(
            council=review.identity.council or str(review.files[0]), period=review.identity.period,
            reviewed=date.fromisoformat(generated) if generated else None, ratings=ratings,
            actions=len(actions), overdue=sum(1 for a in actions if a.target_date and a.target_date < as_of),
            review=review))
    return lines


def write_summary(lines: List[CouncilLine], pledge: Pledge, out: Path, as_of: date, force: bool = False) -> Path:
    """Write the overview workbook: ratings by council, every action, and a chart."""
    from openpyxl import Workbook

    book = Workbook()
    ratings = book.active
    ratings.title = "Ratings"
    _ratings_sheet(ratings, lines, pledge)
    _actions_sheet(book.create_sheet("Actions"), lines, pledge, as_of)
    data = book.create_sheet("Chart data")
    _chart(ratings, data, lines, pledge)
    with atomic_output(out, force) as tmp:
        book.save(tmp)
    return out


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="A6A6A6")
    return {
        "header_font": Font(name="Arial", bold=True, color="FFFFFF"),
        "header_fill": PatternFill("solid", fgColor="1F3A5F"),
        "font": Font(name="Arial", size=10),
        "border": Border(top=thin, bottom=thin, left=thin, right=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
    }


def _header(ws, headers: List[str], widths: List[int]) -> None:
    from openpyxl.utils import get_column_letter

    from pledge_office.office.sheets import set_text

    style = _styles()
    for index, (text, width) in enumerate(zip(headers, widths), start=1):
        cell = ws.cell(1, index)
        set_text(cell, text)
        cell.font, cell.fill, cell.alignment = style["header_font"], style["header_fill"], style["wrap"]
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "B2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _ratings_sheet(ws, lines: List[CouncilLine], pledge: Pledge) -> None:
    from openpyxl.styles import Font, PatternFill

    from pledge_office.office.sheets import set_text

    refs = [c.ref for c in pledge.commitments]
    headers = ["Council", "Review", "Latest review"] + [f"Commitment {r}" for r in refs] + COUNT_LABELS + [
        "Actions", "Overdue actions"]
    _header(ws, headers, [30, 10, 13] + [13] * len(refs) + [10] * len(COUNT_LABELS) + [9, 10])
    style = _styles()
    for row, line in enumerate(lines, start=2):
        values = [line.council, line.period, line.reviewed] + [line.ratings[r] for r in refs] + [
            line.count(label) for label in COUNT_LABELS] + [line.actions, line.overdue]
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row, column)
            set_text(cell, value) if isinstance(value, str) else setattr(cell, "value", value)
            cell.font, cell.border, cell.alignment = style["font"], style["border"], style["wrap"]
            rating = rating_by_label(value) if isinstance(value, str) and 4 <= column < 4 + len(refs) else None
            if rating:  # the words are there too: colour is never the only sign
                cell.fill = PatternFill("solid", fgColor=rating.fill)
                cell.font = Font(name="Arial", size=10, bold=True, color=rating.font)
        ws.cell(row, 3).number_format = "DD/MM/YYYY"
    ws.auto_filter.ref = f"A1:{ws.cell(1, len(headers)).column_letter}{max(2, len(lines) + 1)}"


def _actions_sheet(ws, lines: List[CouncilLine], pledge: Pledge, as_of: date) -> None:
    from openpyxl.worksheet.table import Table, TableStyleInfo

    from pledge_office.office.sheets import set_text

    headers = ["Council", "Ref", "Commitment", "Action", "Lead officer", "Target date", "Overdue", "Support requested"]
    _header(ws, headers, [28, 6, 50, 45, 20, 13, 10, 30])
    style = _styles()
    row = 1
    for line in lines:
        for entry in line.review.entries:
            for action in entry.actions:
                if not action.text:
                    continue
                row += 1
                overdue = "Yes" if action.target_date and action.target_date < as_of else "No"
                values = [line.council, entry.ref, entry.commitment, action.text, action.lead,
                          action.target_date, overdue, action.support]
                for column, value in enumerate(values, start=1):
                    cell = ws.cell(row, column)
                    set_text(cell, value) if isinstance(value, str) else setattr(cell, "value", value)
                    cell.font, cell.alignment = style["font"], style["wrap"]
                ws.cell(row, 6).number_format = "DD/MM/YYYY"
                # Spreadsheets do not grow rows for wrapped text written by a program.
                lines = max(len(entry.commitment) // 55, len(action.text) // 50, len(action.support) // 32) + 1
                ws.row_dimensions[row].height = 14 * lines
    if row == 1:
        row = 2  # a table needs a row under its headers
    table = Table(displayName="Actions", ref=f"A1:H{row}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = "A2"


def rating_counts(lines: List[CouncilLine], pledge: Pledge) -> Dict[str, Dict[str, int]]:
    """Return, for each commitment, how many councils gave each rating."""
    return {c.ref: {label: sum(1 for l in lines if l.ratings[c.ref] == label) for label in COUNT_LABELS}
            for c in pledge.commitments}


def _chart(ratings_ws, data_ws, lines: List[CouncilLine], pledge: Pledge) -> None:
    from openpyxl.chart import BarChart, Reference

    from pledge_office.office.sheets import set_text

    counts = rating_counts(lines, pledge)
    set_text(data_ws.cell(1, 1), "Commitment")
    data_ws.column_dimensions["A"].width = 12
    for letter in "BCDEF":
        data_ws.column_dimensions[letter].width = 15
    for column, label in enumerate(COUNT_LABELS, start=2):
        set_text(data_ws.cell(1, column), label)
    for row, (ref, by_label) in enumerate(counts.items(), start=2):
        set_text(data_ws.cell(row, 1), ref)
        for column, label in enumerate(COUNT_LABELS, start=2):
            data_ws.cell(row, column).value = by_label[label]
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = "Ratings per commitment (number of councils)"
    chart.y_axis.title, chart.x_axis.title = "Councils", "Commitment"
    last = len(counts) + 1
    chart.add_data(Reference(data_ws, min_col=2, max_col=1 + len(COUNT_LABELS), min_row=1, max_row=last),
                   titles_from_data=True)
    chart.set_categories(Reference(data_ws, min_col=1, min_row=2, max_row=last))
    fills = [r.fill for r in RATINGS] + [NOT_RATED_FILL]
    for series, fill in zip(chart.series, fills):
        series.graphicalProperties.solidFill = fill
        series.graphicalProperties.line.solidFill = "404040"
    chart.y_axis.majorUnit = 1  # whole councils
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.height, chart.width = 9, 18
    ratings_ws.add_chart(chart, f"A{len(lines) + 4}")


def chart_picture(lines: List[CouncilLine], pledge: Pledge, out: Path) -> str:
    """Draw the ratings chart as a PNG for the Word report; return its alternative text."""
    from PIL import Image, ImageDraw

    counts = rating_counts(lines, pledge)
    total = max(1, len(lines))
    width, height, left, top, bar = 1600, 120 + 90 * len(counts), 270, 110, 60
    image = Image.new("RGB", (width, height), "white")
    pen = ImageDraw.Draw(image)
    font = _font(28)
    x = left
    for label, fill in zip(COUNT_LABELS, [r.fill for r in RATINGS] + [NOT_RATED_FILL]):
        pen.rectangle([x, 30, x + 40, 70], fill=f"#{fill}", outline="#404040")
        pen.text((x + 50, 32), label, fill="#1A1A1A", font=font)
        x += 60 + int(pen.textlength(label, font=font)) + 30
    for index, (ref, by_label) in enumerate(counts.items()):
        y = top + index * 90
        pen.text((40, y + 14), f"Commitment {ref}", fill="#1A1A1A", font=font)
        x = left
        for label, fill in zip(COUNT_LABELS, [r.fill for r in RATINGS] + [NOT_RATED_FILL]):
            n = by_label[label]
            if not n:
                continue
            span = (width - left - 40) * n / total
            pen.rectangle([x, y, x + span, y + bar], fill=f"#{fill}", outline="#404040")
            pen.text((x + 10, y + 14), str(n), fill="#1A1A1A", font=font)
            x += span
    image.save(out)
    described = "; ".join(
        f"commitment {ref}: " + ", ".join(f"{n} {label.lower()}" for label, n in by_label.items() if n)
        for ref, by_label in counts.items())
    return f"Bar chart of ratings per commitment across {len(lines)} councils. {described}."


def _font(size: int):
    from PIL import ImageFont

    for name in ("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
                 "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def write_summary_docx(lines: List[CouncilLine], pledge: Pledge, out: Path, as_of: date, force: bool = False) -> Path:
    """Write the same overview as a Word report: the ratings table, and the chart as a picture."""
    import tempfile

    from docx import Document
    from docx.shared import Cm

    from pledge_office.office.resources import shipped_template
    from pledge_office.office.word import check_docx_readable

    doc = Document(str(shipped_template("summary-base.docx")))
    doc.add_paragraph(pledge.title, style="Title")
    doc.add_heading("County-wide summary of reviews", level=1)
    doc.add_paragraph(f"The latest review of each of {len(lines)} councils, as at {format_uk(as_of)}. "
                      "Each rating is given in words; its colour repeats it.")
    _word_table(doc, lines, pledge)
    doc.add_heading("Ratings per commitment", level=2)
    with tempfile.TemporaryDirectory() as folder:
        picture = Path(folder) / "chart.png"
        alt = chart_picture(lines, pledge, picture)
        doc.add_picture(str(picture), width=Cm(24))
    drawing = doc.inline_shapes[-1]._inline
    drawing.docPr.set("descr", alt)
    drawing.docPr.set("title", "Ratings per commitment")
    doc.core_properties.title = "VCSE Pledge: county-wide summary"
    doc.core_properties.language = "en-GB"
    with atomic_output(out, force) as tmp:
        doc.save(str(tmp))
        check_docx_readable(tmp, out)
    return out


def _word_table(doc, lines: List[CouncilLine], pledge: Pledge) -> None:
    from docx.shared import Cm

    from pledge_office.office.ooxml import mark_header_row, qn, shade_cell

    refs = [c.ref for c in pledge.commitments]
    headers = ["Council"] + refs + ["Actions", "Overdue"]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    from docx.shared import RGBColor

    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = text
        run = cell.paragraphs[0].runs[0]
        run.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        shade_cell(cell, "1F3A5F")
    mark_header_row(table.rows[0])
    table.autofit = False
    widths = [Cm(5.2)] + [Cm(2.3)] * len(refs) + [Cm(1.9), Cm(1.9)]
    for line in lines:
        cells = table.add_row().cells
        values = [line.council] + [line.ratings[r] for r in refs] + [str(line.actions), str(line.overdue)]
        for index, (cell, value) in enumerate(zip(cells, values)):
            cell.text = value
            rating = rating_by_label(value) if 1 <= index <= len(refs) else None
            if rating:
                shade_cell(cell, rating.fill)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        grid_col.set(qn("w:w"), str(width.twips))


def summarise(paths: List[Path], out: Path, *, docx: Optional[Path], pledge_file: Optional[Path],
              as_of: Optional[date], password=None, force: bool = False):
    """Read returned workbooks of many councils and write the overview; return paths and notes."""
    from pledge_office.office.outputs import check_can_write
    from pledge_office.inputs.pledge_file import load_pledge
    from pledge_office.steps.check import read_all

    check_can_write([out] + ([docx] if docx else []), force)
    pledge = load_pledge(pledge_file)
    reviews, problems = read_all(paths, pledge, strict=False, password=password)
    errors = [p for p in problems + [p for r in reviews for p in r.problems] if p.severity == "error"]
    if errors:
        raise PledgeOfficeError(f"{errors[0].message}; run 'pledge-office check' on it", file=errors[0].file,
                                where=errors[0].where or None)
    if not reviews:
        raise PledgeOfficeError("no returned workbook could be read", file=paths[0])
    as_of = as_of or date.today()
    lines = council_lines(reviews, pledge, as_of)
    written = [write_summary(lines, pledge, out, as_of, force)]
    if docx:
        written.append(write_summary_docx(lines, pledge, docx, as_of, force))
    return written, [str(p) for p in problems if p.severity != "error"]

"""The county summary workbook: register, ratings, actions, overdue actions, files not included, key, chart."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Dict, List, Tuple

from pledge_office.model.county import NOT_RATED, CountyView, CouncilLine
from pledge_office.model.dates import format_uk
from pledge_office.model.pledge import Pledge
from pledge_office.model.review_schema import RATINGS, rating_by_label
from pledge_office.office.ooxml import FileProperties
from pledge_office.office.outputs import atomic_output
from pledge_office.office.sheets import save_workbook

# Not rated is white with a hatch in the chart, so it is told from grey 'Not applicable' without colour.
NOT_RATED_FILL = "FFFFFF"
COUNT_LABELS = [r.label for r in RATINGS] + [NOT_RATED]
FILLS = [r.fill for r in RATINGS] + [NOT_RATED_FILL]
# A pattern per category, so a black-and-white print or a colour-blind reader can still tell them apart.
PATTERNS = ["solid", "dkUpDiag", "smCheck", "pct20", "wdDnDiag"]
FONT_SIZE = 11
# Each sheet prints one page wide (A4 landscape); its columns add up to at most this many character widths,
# so that printing (LibreOffice fits about 122 at full size) never shrinks 11 pt text below 9 pt.
PRINT_WIDTH = 148
HOW_DATED = {"emailed": "date of the email", "last saved": "workbook last saved", "file time": "date of the file"}


def write_summary(view: CountyView, pledge: Pledge, out: Path, force: bool = False) -> Path:
    """Write the overview workbook: where each council stands, ratings, actions, and what was left out."""
    from openpyxl import Workbook

    book = Workbook()
    register = book.active
    register.title = "Register"
    _register_sheet(register, view, pledge)
    ratings = book.create_sheet("Ratings")
    _ratings_sheet(ratings, view, pledge)
    _counts_sheet(book.create_sheet("Counts"), view)
    _actions_sheet(book.create_sheet("Actions"), view, pledge)
    _overdue_sheet(book.create_sheet("Overdue actions"), view, pledge)
    _left_out_sheet(book.create_sheet("Not included"), view)
    _key_sheet(book.create_sheet("Key"), pledge)
    _chart(ratings, book.create_sheet("Chart data"), view, pledge)
    with atomic_output(out, force) as tmp:
        save_workbook(book, tmp, FileProperties(f"{pledge.title}: county-wide summary", "Summary of reviews",
                                                author=pledge.endorsed_by or "", company=pledge.endorsed_by or ""),
                      change_part=_chart_described(chart_description(view, pledge)))
    return out


def chart_description(view: CountyView, pledge: Pledge) -> str:
    """The chart's alternative text: every count in words."""
    counts = rating_counts(view, pledge)
    described = "; ".join(
        f"commitment {ref}: " + ", ".join(f"{n} {label.lower()}" for label, n in by_label.items() if n)
        for ref, by_label in counts.items())
    return f"Bar chart of ratings per commitment across {len(view.with_ratings)} councils. {described}."


def _chart_described(text: str):
    """Give the chart its alternative text (openpyxl cannot): the descr of its drawing's frame."""
    from xml.sax.saxutils import quoteattr

    def change(name: str, data: bytes) -> bytes:
        if name.startswith("xl/drawings/drawing") and name.endswith(".xml"):
            return data.replace(b'name="Chart 1"', b'name="Ratings per commitment" descr='
                                + quoteattr(text).encode("utf-8"), 1)
        return data

    return change


def returned_text(line: CouncilLine) -> str:
    """Return e.g. '02/03/2027 (date of the email)', or '' when the council has not returned."""
    if not line.returned:
        return ""
    return f"{line.returned.strftime('%d/%m/%Y')} ({HOW_DATED.get(line.returned_how, '')})"


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="A6A6A6")
    return {
        "header_font": Font(name="Arial", size=FONT_SIZE, bold=True, color="FFFFFF"),
        "header_fill": PatternFill("solid", fgColor="1F3A5F"),
        "font": Font(name="Arial", size=FONT_SIZE),
        "border": Border(top=thin, bottom=thin, left=thin, right=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
    }


def _header(ws, headers: List[str], widths: List[int], row: int = 1) -> None:
    """Write the column headings in ``row`` (rows above it are headings too: frozen and printed on each page)."""
    from openpyxl.utils import get_column_letter

    from pledge_office.office.sheets import set_text, style_like

    for index, (text, width) in enumerate(zip(headers, widths), start=1):
        cell = ws.cell(row, index)
        set_text(cell, text)
        style_like(cell, "header", _style_header)
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.row_dimensions[row].height = 32
    ws.freeze_panes = f"B{row + 1}"
    _print_setup(ws, row)


def _style_header(cell) -> None:
    style = _styles()
    cell.font, cell.fill, cell.alignment = style["header_font"], style["header_fill"], style["wrap"]


def _style_group_heading(cell) -> None:
    from openpyxl.styles import Alignment

    _style_header(cell)
    cell.alignment = Alignment(wrap_text=False, vertical="center")


def _style_upright_header(cell) -> None:
    from openpyxl.styles import Alignment

    _style_header(cell)
    cell.alignment = Alignment(text_rotation=90, vertical="bottom", horizontal="center")


def _print_setup(ws, heading_rows: int = 1) -> None:
    """A4 landscape, one page wide, the heading rows on every page, and where it is in the footer."""
    ws.print_title_rows = f"1:{heading_rows}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "&A, page &P of &N"
    ws.oddFooter.center.size = 12


def _named_styles(book) -> Tuple[str, str]:
    """Register the body styles once per workbook; return the names for text and for dates."""
    from openpyxl.styles import Font, NamedStyle, PatternFill

    if "Summary text" not in book.named_styles:
        style = _styles()
        for name, number_format in (("Summary text", "General"), ("Summary date", "DD/MM/YYYY")):
            book.add_named_style(NamedStyle(name=name, font=style["font"], border=style["border"],
                                            alignment=style["wrap"], number_format=number_format))
        for rating in RATINGS:
            book.add_named_style(NamedStyle(
                name=f"Summary {rating.label}", font=Font(name="Arial", size=FONT_SIZE, bold=True, color=rating.font),
                fill=PatternFill("solid", fgColor=rating.fill), border=style["border"], alignment=style["wrap"]))
    return "Summary text", "Summary date"


def _put_row(ws, row: int, values: list, lines_high: int = 1) -> None:
    from pledge_office.office.sheets import set_text, style_like

    text, dated = _named_styles(ws.parent)
    for column, value in enumerate(values, start=1):
        cell = ws.cell(row, column)
        set_text(cell, value) if isinstance(value, str) else setattr(cell, "value", value)
        # Named styles (listed in Excel's Cell Styles), copied once made: fonts and borders
        # set one by one, or even a named style looked up per cell, cost far more on 400 councils.
        name = dated if isinstance(value, (date, datetime)) else text
        style_like(cell, name, lambda c, name=name: setattr(c, "style", name))
    # Spreadsheets do not grow rows for wrapped text written by a program.
    ws.row_dimensions[row].height = 15 * max(1, lines_high)


def _filter(ws, columns: int, rows: int, header_row: int = 1) -> None:
    from openpyxl.utils import get_column_letter

    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{max(header_row + 1, rows + header_row)}"


def _register_sheet(ws, view: CountyView, pledge: Pledge) -> None:
    headers = ["Council", "Status", "Review", "Due back", "Returned", "Date taken from", "Files used", "Checked"]
    widths = [30, 18, 9, 11, 11, 15, 41, 11]
    folders = any(line.folder for line in view.lines)
    if folders:  # which documents 'batch' has written, from its folders
        headers += ["Documents written", "Review workbook written", "Email draft written", "Action plan written"]
        widths = [24, 16, 9, 11, 11, 12, 14, 11] + [10] * 4  # a date fits each
    _header(ws, headers, widths)
    if folders:
        ws.row_dimensions[1].height = 45  # 'Review workbook written' takes three lines
    for row, line in enumerate(view.lines, start=2):
        files = [f.name for f in line.files]
        checked = line.checked
        values = [line.council + ("" if line.expected else " (not on the councils sheet)"), line.status,
                  line.period, line.due, line.returned.date() if line.returned else None,
                  HOW_DATED.get(line.returned_how, ""), "\n".join(files), checked]
        values += _written(line, pledge) if folders else []
        high = sum(1 + len(f) // (widths[6] - 2) for f in files)
        _put_row(ws, row, values, max(high, 1 + len(values[0]) // 28, 1 + len(values[5]) // 14))
    _filter(ws, len(headers), len(view.lines))


def _written(line: CouncilLine, pledge: Pledge) -> List[object]:
    """Dates the council's documents were written, from the folder 'batch' made for it ('' when not known)."""
    if line.folder is None:
        return ["Not known"] * 4
    found = []
    for pattern in (f"*-{pledge.file_stem}-report.docx", "*-review-workbook.xlsx", "*-review-email.eml", "*action-plan*.docx"):
        matches = sorted(line.folder.glob(pattern)) if line.folder.is_dir() else []
        found.append(date.fromtimestamp(matches[0].stat().st_mtime) if matches else "No")
    return found


def _ratings_sheet(ws, view: CountyView, pledge: Pledge) -> None:
    from pledge_office.office.sheets import style_like

    refs = [c.ref for c in pledge.commitments]
    headers = ["Council", "Review", "Returned"] + [f"Commitment {r}" for r in refs] + ["Actions", "Overdue actions"]
    each = max(7, min(10, (PRINT_WIDTH - 60) // max(1, len(refs))))  # a longer pledge: narrower columns
    top = 2 if pledge.has_groups else 1  # the commitments under their group headings, as in the pledge
    if pledge.has_groups:
        _group_row(ws, pledge, first_column=4, last_column=len(headers))
    _header(ws, headers, [24, 8, 11] + [each] * len(refs) + [8, 9], row=top)
    ws.row_dimensions[top].height = 45
    if each < len("Commitment"):  # too narrow for the word: turned upright rather than broken mid-word
        for column in range(4, 4 + len(refs)):
            style_like(ws.cell(top, column), "header upright", _style_upright_header)
        ws.row_dimensions[top].height = 90
    lines = view.with_ratings
    for row, line in enumerate(lines, start=top + 1):
        values = [line.council, line.period, line.returned.date() if line.returned else None] + [
            line.ratings[r] for r in refs] + [len(line.actions), len(line.overdue(view.as_of))]
        # "Not applicable" wraps to two lines, or three in a narrow column (broken inside "applicable")
        tall = (2 if each >= len("applicable") else 3) if "Not applicable" in values else 1
        _put_row(ws, row, values, max(1 + len(line.council) // 24, tall))
        for column in range(4, 4 + len(refs)):
            rating = rating_by_label(ws.cell(row, column).value)
            if rating:  # the words are there too: colour is never the only sign
                name = f"Summary {rating.label}"
                style_like(ws.cell(row, column), name, lambda c, name=name: setattr(c, "style", name))
    _filter(ws, len(headers), len(lines), header_row=top)


def _group_row(ws, pledge: Pledge, first_column: int, last_column: int) -> None:
    """Row 1: each group's heading over the first of its commitments' columns, running on across the rest.

    Not merged: merged cells are hard to follow with a screen reader and block sorting. The
    heading is not wrapped, so it runs across its group's (empty, shaded) cells.
    """
    from pledge_office.office.sheets import set_text, style_like

    starts = {1: "Commitment group"}
    column = first_column
    for group in pledge.groups:
        starts[column] = group.heading
        column += len(group.commitments)
    for index in range(1, last_column + 1):
        cell = ws.cell(1, index)
        style_like(cell, "group heading", _style_group_heading)
        if index in starts:
            set_text(cell, starts[index])
    ws.row_dimensions[1].height = 20


def _counts_sheet(ws, view: CountyView) -> None:
    headers = ["Council"] + COUNT_LABELS + ["Actions", "Overdue actions"]
    _header(ws, headers, [30] + [11] * len(COUNT_LABELS) + [10, 10])
    for row, line in enumerate(view.with_ratings, start=2):
        _put_row(ws, row, [line.council] + [line.count(label) for label in COUNT_LABELS] + [
            len(line.actions), len(line.overdue(view.as_of))], 1 + len(line.council) // 28)
    _filter(ws, len(headers), len(view.with_ratings))


def _actions_sheet(ws, view: CountyView, pledge: Pledge) -> None:
    from openpyxl.worksheet.table import Table, TableStyleInfo

    # Actions by the ref the plan and the progress workbook give them ('c2', '8.1').
    headers = ["Council", "Action ref", "Commitment", "Action", "Lead officer", "Target date", "Overdue",
               "Support requested"]
    _header(ws, headers, [22, 7, 22, 36, 16, 11, 8, 21])
    row = 1
    for line in view.lines:
        for entry, action in line.actions:
            row += 1
            overdue = "Yes" if action.target_date and action.target_date < view.as_of else "No"
            title = _short_title(pledge, entry.ref) or entry.commitment
            values = [line.council, entry.action_ref(action) or entry.ref, title, action.text, action.lead,
                      action.target_date, overdue,
                      action.support]
            _put_row(ws, row, values, max(len(title) // 20, len(action.text) // 34, len(action.support) // 19,
                                          len(line.council) // 20, len(action.lead) // 14) + 1)
    table = Table(displayName="Actions", ref=f"A1:H{max(row, 2)}")  # a table needs a row under its headers
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)


def _overdue_sheet(ws, view: CountyView, pledge: Pledge) -> None:
    headers = ["Council", "Action ref", "Commitment", "Action", "Lead officer", "Target date", "Days overdue"]
    _header(ws, headers, [26, 7, 28, 45, 20, 11, 9])
    overdue = view.overdue_actions()
    for row, item in enumerate(overdue, start=2):
        title = _short_title(pledge, item.entry.ref) or item.entry.commitment
        values = [item.council, item.entry.action_ref(item.action) or item.entry.ref, title, item.action.text,
                  item.action.lead or "No lead named",
                  item.action.target_date, (view.as_of - item.action.target_date).days]
        _put_row(ws, row, values, max(len(title) // 26, len(item.action.text) // 43, len(item.council) // 24) + 1)
    if not overdue:
        _put_row(ws, 2, [f"No action is past its target date as at {format_uk(view.as_of)}."])
    _filter(ws, len(headers), len(overdue))


def _left_out_sheet(ws, view: CountyView) -> None:
    headers = ["File", "Council", "Left out because", "First problems"]
    _header(ws, headers, [30, 18, 48, 50])
    for row, item in enumerate(view.left_out, start=2):
        problems = "\n".join(item.problems)
        high = sum(1 + len(p) // 46 for p in item.problems)
        _put_row(ws, row, [str(item.file), item.council or "Not known", item.reason, problems],
                 max(high, len(item.reason) // 44 + 1, len(str(item.file)) // 27 + 1))
    if not view.left_out:
        _put_row(ws, 2, ["Every file given was used."])
    _filter(ws, len(headers), len(view.left_out))


def _key_sheet(ws, pledge: Pledge) -> None:
    grouped = pledge.has_groups  # each commitment beside the heading of its group
    _header(ws, ["Ref"] + (["Group"] if grouped else []) + ["Short title", "Commitment"],
            [6] + ([26] if grouped else []) + [34, 100])
    for row, commitment in enumerate(pledge.commitments, start=2):
        _put_row(ws, row, [commitment.ref] + ([commitment.group] if grouped else [])
                 + [_short_title(pledge, commitment.ref), commitment.text], len(commitment.text) // 90 + 1)


def _short_title(pledge: Pledge, ref: str) -> str:
    commitment = next((c for c in pledge.commitments if c.ref == ref), None)
    return getattr(commitment, "short_title", "") if commitment else ""


def rating_counts(view: CountyView, pledge: Pledge) -> Dict[str, Dict[str, int]]:
    """Return, for each commitment, how many councils gave each rating."""
    lines = view.with_ratings
    return {c.ref: {label: sum(1 for l in lines if l.ratings[c.ref] == label) for label in COUNT_LABELS}
            for c in pledge.commitments}


def _chart(ratings_ws, data_ws, view: CountyView, pledge: Pledge) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList
    from openpyxl.drawing.fill import PatternFillProperties, ColorChoice

    from pledge_office.office.sheets import set_text

    counts = rating_counts(view, pledge)
    _print_setup(data_ws)
    set_text(data_ws.cell(1, 1), "Commitment")
    data_ws.column_dimensions["A"].width = 12
    for letter in "BCDEF":
        data_ws.column_dimensions[letter].width = 15
    for column, label in enumerate(COUNT_LABELS, start=2):
        set_text(data_ws.cell(1, column), label)
    for row, (ref, by_label) in enumerate(counts.items(), start=2):
        set_text(data_ws.cell(row, 1), ref)
        for column, label in enumerate(COUNT_LABELS, start=2):
            data_ws.cell(row, column).value = by_label[label] or None  # no '0' labels on empty segments
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = "Ratings per commitment (number of councils)"
    # No axis titles: the chart title names both, and they would print too small.
    last = len(counts) + 1
    chart.add_data(Reference(data_ws, min_col=2, max_col=1 + len(COUNT_LABELS), min_row=1, max_row=last),
                   titles_from_data=True)
    chart.set_categories(Reference(data_ws, min_col=1, min_row=2, max_row=last))
    for series, fill, pattern in zip(chart.series, FILLS, PATTERNS):
        if pattern == "solid":
            series.graphicalProperties.solidFill = fill
        else:
            series.graphicalProperties.pattFill = PatternFillProperties(
                prst=pattern, fgClr=ColorChoice(srgbClr="404040"), bgClr=ColorChoice(srgbClr=fill))
        series.graphicalProperties.line.solidFill = "404040"
        series.dLbls = DataLabelList(showVal=True)  # each segment says its count: no colour needed to read it
        for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
            setattr(series.dLbls, flag, False)
    chart.y_axis.txPr = chart.x_axis.txPr = chart.legend.txPr = _chart_text(12)
    for series in chart.series:
        series.dLbls.txPr = _chart_text(12)
    chart.y_axis.majorUnit = 1  # whole councils
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.legend.position = "b"
    chart.height, chart.width = 10, 20
    ratings_ws.add_chart(chart, f"A{len(view.with_ratings) + (5 if pledge.has_groups else 4)}")


def _chart_text(points: int):
    """Text properties for a chart's axes, labels and legend: large enough to stay legible when printed."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    size = CharacterProperties(sz=points * 100)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=size), endParaRPr=size)])

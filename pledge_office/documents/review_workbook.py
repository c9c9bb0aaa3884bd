"""The review workbook: one row per commitment, for the nominated officer to fill in."""

from __future__ import annotations

import functools
import math
import secrets
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

from pledge_office._version import __version__
from pledge_office.model.council import Council
from pledge_office.model.dates import format_uk
from pledge_office.office.outputs import atomic_output
from pledge_office.office.ooxml import FileProperties
from pledge_office.office.sheets import save_workbook, set_text, style_like
from pledge_office.model.pledge import Pledge
from pledge_office.model.progress_schema import STATUSES
from pledge_office.model.review_schema import (
    COLUMNS, IDENTITY_PROPERTIES, IDENTITY_PROPERTY_PREFIX, IDENTITY_SHEET, INSTRUCTIONS_SHEET,
    PREVIOUS_COLUMNS, RATINGS, REFERENCE_LABEL, REVIEW_SHEET, Column, ReviewIdentity,
)

if TYPE_CHECKING:
    from pledge_office.inputs.review_reader import Review

HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
# The lines above the table start in column B: column A (Ref) is repeated on every printed page
# width, and a title that started in it would print there as a cut-off fragment of a word or two.
INTRO_COLUMN = 2
# Validations and formats reach well below the table, so rows an officer
# inserts for further actions are covered too.
LAST_FORMATTED_ROW = 300
HEADER_FILL = "1F3A5F"
TEXT_FORMAT = "@"
LOCKED_FILL = "F2F2F2"
SCALES = {"rating": RATINGS, "status": STATUSES}  # column kinds picked from a drop-down
GROUP_FILL = "DDE3EA"  # a group's heading row: pale blue-grey, with the heading in bold words


@dataclass(frozen=True)
class ReviewSettings:
    """Who fills the workbook in, for which period, and by when it comes back."""

    officer: str
    period: str
    due: Optional[date]
    return_to: str
    return_email: str


def review_settings(council: Council, officer: Optional[str] = None, due: Optional[date] = None,
                    period: Optional[str] = None) -> ReviewSettings:
    """Take the review's details from the command line, else from the council file."""
    return ReviewSettings(
        officer=officer or council.review_officer.name,
        period=period or council.review_period or str(date.today().year),
        due=due or council.review_due,
        return_to=council.review_return_to.name,  # '' means the pledge's umbrella body
        return_email=council.review_return_to.email,
    )


def returned_to(settings: ReviewSettings, pledge: Pledge) -> str:
    """Return who the workbook goes back to: 'Casey Umbrella, Area CVS (casey@...)', the umbrella body always named."""
    umbrella = pledge.umbrella
    person = settings.return_to or umbrella.contact.name
    names = [n for n in (person, umbrella.name) if n]
    email = settings.return_email or (umbrella.contact.email if not settings.return_to else "")
    return ", ".join(dict.fromkeys(names)) + (f" ({email})" if email else "")


def read_previous_review(path: Path, pledge: Pledge, council: Council,
                         settings: ReviewSettings) -> Tuple["Review", str]:
    """Read last review's returned workbook, or the latest progress return on its action plan.

    Refuse another council's; warn when it is for the same period.
    """
    from pledge_office.errors import WorkbookMismatch
    from pledge_office.inputs.progress_reader import read_progress_strictly, workbook_kind
    from pledge_office.inputs.review_reader import read_review_strictly
    from pledge_office.model.progress import review_from_progress

    if workbook_kind(Path(path).read_bytes()) == "progress":  # where the actions stand since the review
        review = review_from_progress(read_progress_strictly(path, pledge), pledge)
    else:
        review = read_review_strictly(path, pledge)
    if review.identity.council and review.identity.council != council.name:
        raise WorkbookMismatch(f"is {review.identity.council}'s review, not {council.name}'s; "
                               "give this council's previous returned workbook", file=path)
    warning = ""
    if review.identity.period and review.identity.period == settings.period:
        warning = (f"{path}: the previous review is for the same period ({settings.period}); "
                   "give --period for the new review, or check you chose last period's workbook")
    return review, warning


def new_identity(council: Council, pledge: Pledge, settings: ReviewSettings) -> ReviewIdentity:
    """Make a fresh identity for a review: a unique reference and the text's fingerprints."""
    slug = re.sub(r"[^A-Z0-9]+", "-", f"{council.short_name} {settings.period}".upper()).strip("-")
    return ReviewIdentity(
        review_id=f"{slug}-{secrets.token_hex(3).upper()}",
        council=council.name,
        council_short=council.short_name,
        pledge_version=pledge.version,
        pledge=pledge.title,
        period=settings.period,
        generated=date.today().isoformat(),
        tool_version=__version__,
        fingerprints={c.ref: c.fingerprint for c in pledge.commitments},
        officer=settings.officer,
        due=settings.due.isoformat() if settings.due else "",
    )


def write_review_workbook(
    council: Council, pledge: Pledge, out: Path, settings: ReviewSettings, *,
    previous: Optional["Review"] = None, force: bool = False,
) -> Path:
    """Write the review workbook for ``council`` to ``out`` (an .xlsx)."""
    from openpyxl import Workbook

    identity = new_identity(council, pledge, settings)
    book = Workbook()
    instructions = book.active
    instructions.title = INSTRUCTIONS_SHEET
    _write_instructions(instructions, council, pledge, settings, identity)
    _write_review_sheet(book.create_sheet(REVIEW_SHEET), council, pledge, settings, identity, previous)
    _write_identity(book, identity)
    book.active = 0
    properties = FileProperties(
        f"{pledge.title} review {settings.period}: {council.name}",
        f"Review of the {pledge.title} against day-to-day practice", author=council.name, company=council.name,
        last_modified_by="")
    with atomic_output(out, force) as tmp:
        save_workbook(book, tmp, properties)
    return out


# -- Instructions ---------------------------------------------------------------

LINE_CHARACTERS = 80  # of 10 pt Arial in the Instructions sheet's second column
PUBLISHED = ("What you write in this workbook (ratings, evidence, actions, lead officers and dates) will appear in "
             "the council's published action plan: write it to be read by the public.")
PUBLISHED_SHORT = "What you write here will appear in the published action plan."


class InstructionLines:
    """Write an instructions sheet line by line: a label in A, wrapped text in B."""

    def __init__(self, ws) -> None:
        self.ws, self.row = ws, 1
        ws.column_dimensions["A"].width = 24
        ws.column_dimensions["B"].width = 72  # with A, one A4 landscape page wide at full size, as LibreOffice measures
        ws.sheet_view.showGridLines = False

    def __call__(self, label: str = "", text: str = "", bold=False, size=10, height=None) -> None:
        from openpyxl.styles import Alignment

        a, b = self.ws.cell(self.row, 1), self.ws.cell(self.row, 2)
        set_text(a, label) if label else None
        set_text(b, text) if text else None
        a.font = _font(bold=True, size=size)
        b.font = _font(bold=bold, size=size)
        a.alignment = b.alignment = Alignment(wrap_text=True, vertical="top") if text else Alignment(vertical="top")
        lines = max(1, math.ceil(len(text) / LINE_CHARACTERS))
        self.ws.row_dimensions[self.row].height = height or 15 * lines + 3
        self.row += 1

    def title(self, text: str, size: int = 16) -> None:
        """Write the sheet's title across both columns, wrapped: a long title must not print on a page of its own."""
        from openpyxl.styles import Alignment

        cell = self.ws.cell(self.row, 1)
        set_text(cell, text)
        cell.font = _font(bold=True, size=size)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=2)
        lines = max(1, math.ceil(len(text) * size / (LINE_CHARACTERS * 10 + 24 * 1.2)))
        self.ws.row_dimensions[self.row].height = (size + 6) * lines + 4
        self.row += 1

    def who_and_when(self, settings: "ReviewSettings", pledge: Pledge) -> None:
        """Write who fills the workbook in, and by when and to whom it goes back."""
        due = format_uk(settings.due) or f"the date agreed with {pledge.umbrella.name}"
        self("Who fills it in", settings.officer or "The nominated council officer")
        self("Return it by", f"{due}, by email to {returned_to(settings, pledge)}. Keep the file as an Excel "
             "workbook (.xlsx); you may rename it.")

    def closing(self, scale_name: str, points, locked: str, reference_label: str, reference: str) -> None:
        """Write what ends every instructions sheet: the scale, how the sheets are protected, the reference."""
        self(f"The {scale_name} scale", f"Each {scale_name} also has a colour, but the words are what count.",
             bold=True)
        self.scale(points)
        self()
        self("Protection", f"The sheets are protected so that the {locked} cannot be changed by accident. There "
             "is no password: if you must, unprotect a sheet with Review > Unprotect Sheet (Excel) or Tools > "
             "Protect Sheet (LibreOffice Calc).")
        self(reference_label.rstrip(":"), reference)

    def scale(self, points) -> None:
        """Write a scale (ratings, statuses): each label on its colour, in words, with its meaning."""
        from openpyxl.styles import Alignment, PatternFill

        for point in points:
            cell = self.ws.cell(self.row, 1)
            set_text(cell, point.label)
            cell.fill = PatternFill("solid", fgColor=point.fill)
            cell.font = _font(bold=True, color=point.font)
            set_text(self.ws.cell(self.row, 2), point.meaning)
            self.ws.cell(self.row, 2).font = _font()
            # Label and meaning start on the same line, however many lines the meaning takes.
            for column in (1, 2):
                self.ws.cell(self.row, column).alignment = Alignment(wrap_text=True, vertical="top", indent=1)
            lines = max(1, math.ceil(len(point.meaning) / LINE_CHARACTERS))
            self.ws.row_dimensions[self.row].height = 15 * lines + 5
            self.row += 1


def _write_instructions(ws, council: Council, pledge: Pledge, settings: ReviewSettings,
                        identity: ReviewIdentity) -> None:
    line = InstructionLines(ws)

    line.title(f"{pledge.title} review {settings.period}: {council.name}")
    line()
    line("What this is for", f"{council.name} has adopted the {pledge.title}. Its commitments are "
         "reviewed periodically against the council's day-to-day practice, working between "
         f"{pledge.umbrella.name} and a nominated officer. This workbook is that review. It may lead "
         "to an action plan for areas that can be developed further.")
    line("It will be published", PUBLISHED, bold=True)
    line.who_and_when(settings, pledge)
    line()
    line("How to fill it in", "1. Go to the 'Review' sheet. There is one row for each commitment"
         + (", under the heading of its group." if pledge.has_groups else "."))
    line("", "2. In 'Rating', pick how far day-to-day practice meets the commitment (see the scale below).")
    line("", "3. In 'Evidence of current practice', say what the council does now: policies, examples, numbers.")
    line("", "4. Where more could be done, fill in 'Action needed', 'Lead officer' and 'Target date' "
         "(DD/MM/YYYY, e.g. 31/03/2027). Use 'Support requested' for help you would like.")
    line("", "5. For each action, also fill in the last two columns: 'Outcome or measure of success' (how "
         "you will know it has worked) and 'Lead officer's post' (their job title). The action plan "
         "shows both, and progress is later reported against them.")
    line("", "6. Do not change 'Ref' or 'Commitment', the column headings or the sheet names: the "
         "workbook is read back automatically.")
    line()
    line("Two or more actions", "To add a further action for the same commitment: right-click the row "
         "number just below that commitment, choose 'Insert' (a whole row), and fill in the action on "
         "the new row. Leave 'Ref' blank: a row with a blank Ref belongs to the commitment above it.")
    line()
    line.closing("rating", RATINGS, "commitments", REFERENCE_LABEL, identity.review_id)
    ws.protection.sheet = True
    print_legibly(ws, council, landscape=True)  # one page wide at full size, as LibreOffice measures columns too


# -- Review sheet ---------------------------------------------------------------

def column_letters(with_previous: bool = False) -> Dict[str, str]:
    """Return each Review-sheet column's letter by key ('rating' -> 'C'), as this tool lays them out."""
    columns = list(COLUMNS)
    if with_previous:
        columns[2:2] = PREVIOUS_COLUMNS
    return {column.key: _letter(index) for index, column in enumerate(columns, start=1)}


def commitment_rows(sheet) -> List[int]:
    """Return the rows of the Review sheet that hold a commitment (a ref in column A)."""
    rows = []
    for row in range(FIRST_ROW, FIRST_ROW + 500):
        if sheet.cell(row, 1).value in (None, ""):
            if sheet.cell(row, 2).value in (None, ""):
                break
            continue  # a group's heading row
        rows.append(row)
    return rows


def review_columns(previous: Optional["Review"]) -> List[Column]:
    """Return the columns in sheet order: previous-review columns after the commitment."""
    columns = list(COLUMNS)
    if previous is not None:
        columns[2:2] = PREVIOUS_COLUMNS
    return columns


def _write_review_sheet(ws, council: Council, pledge: Pledge, settings: ReviewSettings,
                        identity: ReviewIdentity, previous: Optional["Review"]) -> None:
    columns = review_columns(previous)
    set_text(ws.cell(1, INTRO_COLUMN), f"{pledge.title} review {settings.period}: {council.name}")
    ws.cell(1, INTRO_COLUMN).font = _font(bold=True, size=14)
    due = format_uk(settings.due)
    set_text(ws.cell(2, INTRO_COLUMN), "Rate each commitment, give the evidence, and add any actions."
             + (f" Please return by {due}." if due else "")
             + " Instructions are on the first sheet.")
    ws.cell(2, INTRO_COLUMN).font = _font()
    set_text(ws.cell(3, INTRO_COLUMN), f"{REFERENCE_LABEL} {identity.review_id}")
    ws.cell(3, INTRO_COLUMN).font = _font(color="404040")
    set_text(ws.cell(4, INTRO_COLUMN), PUBLISHED_SHORT)
    ws.cell(4, INTRO_COLUMN).font = _font(bold=True)
    _write_header(ws, columns)
    keep_on_first_page(ws, (1, 2, 3, 4))
    row = FIRST_ROW
    for group in pledge.groups:
        if group.heading:  # a heading row, read back as no one's row
            _write_group_row(ws, row, columns, group.heading)
            row += 1
        for commitment in group.commitments:
            values = {"ref": commitment.ref, "commitment": commitment.text}
            if previous is not None:
                values.update(_previous_values(previous, commitment.ref))
            _write_commitment_row(ws, row, columns, values)
            row += 1
    _add_validations(ws, columns)
    _add_rating_colours(ws, columns)
    _protect(ws)
    ws.freeze_panes = ws.cell(FIRST_ROW, 3)
    print_legibly(ws, council, landscape=True, repeat_columns="A:A")
    # No fixed print area: rows an officer inserts must print too.
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _write_header(ws, columns: List[Column]) -> None:
    from openpyxl.styles import Alignment, Border, PatternFill, Side

    thin = Side(style="thin", color="808080")
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(HEADER_ROW, index)
        set_text(cell, column.header)
        cell.font = _font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        ws.column_dimensions[_letter(index)].width = column.width
        if column.editable and column.kind == "text":
            # Text format for the whole column: what is typed stays as typed ('£5,000',
            # '10%', '01/04/2025', '3-4'), on rows the officer inserts too.
            ws.column_dimensions[_letter(index)].number_format = TEXT_FORMAT
    ws.row_dimensions[HEADER_ROW].height = 32


def _write_commitment_row(ws, row: int, columns: List[Column], values: Dict[str, str]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row, index)
        if column.key in values:
            set_text(cell, values[column.key])
        if column.kind == "date" and isinstance(values.get(column.key), date):
            cell.value = values[column.key]
        style_like(cell, ("row", column.editable, column.kind), lambda c, column=column: _style_row_cell(c, column))
    lines = max(sum(math.ceil(max(1, len(part)) / (c.width * 1.1)) for part in str(values.get(c.key) or "").split("\n"))
                for c in columns)
    ws.row_dimensions[row].height = max(45, 13 * lines + 8)


def _style_row_cell(cell, column: Column) -> None:
    """A commitment row's cell: bordered, wrapped, locked and shaded unless the officer fills it in."""
    from openpyxl.styles import Alignment, Border, PatternFill, Protection, Side

    thin = Side(style="thin", color="A6A6A6")
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.font = _font()
    cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    cell.protection = Protection(locked=not column.editable)
    if not column.editable:
        cell.fill = PatternFill("solid", fgColor=LOCKED_FILL)
    if column.kind == "date":
        cell.number_format = "DD/MM/YYYY"
        cell.alignment = Alignment(vertical="top", horizontal="left")
    elif column.editable and column.kind == "text":
        cell.number_format = TEXT_FORMAT


def _write_group_row(ws, row: int, columns: List[Column], heading: str) -> None:
    """Write a group's heading across the row, locked, above its commitments."""
    from openpyxl.styles import Alignment, PatternFill, Protection

    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row, index)
        cell.fill = PatternFill("solid", fgColor=GROUP_FILL)
        cell.protection = Protection(locked=True)
        if column.key == "commitment":
            set_text(cell, heading)
            cell.font = _font(bold=True, size=11)
            cell.alignment = Alignment(vertical="center")
    ws.row_dimensions[row].height = 20


def _previous_values(previous: "Review", ref: str) -> Dict[str, str]:
    entry = previous.entry(ref)
    if entry is None:
        return {"previous_rating": "", "previous_actions": ""}
    actions = [a.describe() for a in entry.actions if a.text]
    return {"previous_rating": entry.rating or "", "previous_actions": _within_cell(actions)}


def _within_cell(actions: List[str]) -> str:
    """Join the actions for one cell; what would not fit is named in the cell, never cut silently."""
    from pledge_office.office.sheets import EXCEL_CELL_LIMIT
    from pledge_office.office.text import clean_text

    kept: List[str] = []
    room = EXCEL_CELL_LIMIT - 200  # space for the note below
    for index, action in enumerate(clean_text(a) for a in actions):
        if sum(len(k) + 1 for k in kept) + len(action) > room:
            left = len(actions) - index
            kept.append(f"... and {left} more action(s), or the rest of this one, not shown: a cell holds "
                        f"{EXCEL_CELL_LIMIT:,} characters. See the previous action plan for all of them.")
            if not kept[:-1] and action:
                kept.insert(0, action[:room])
            break
        kept.append(action)
    return "\n".join(kept)


def _add_validations(ws, columns: List[Column]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, column in enumerate(columns, start=1):
        span = f"{_letter(index)}{FIRST_ROW}:{_letter(index)}{LAST_FORMATTED_ROW}"
        if not column.editable:
            continue
        if column.kind in SCALES:
            labels = [point.label for point in SCALES[column.kind]]
            rule = DataValidation(
                type="list", formula1='"' + ",".join(labels) + '"',
                allow_blank=True, showDropDown=False, errorTitle=column.header,
                error=f"Pick a {column.header.lower()} from the list: {', '.join(labels[:-1])} or {labels[-1]}.",
                promptTitle=column.header, prompt=column.prompt,
            )
        elif column.kind == "date":
            # 36526 is 01/01/2000 and 73050 is 31/12/2099 as Excel day numbers.
            rule = DataValidation(
                type="date", operator="between", formula1="36526", formula2="73050",
                allow_blank=True, errorTitle=column.header[:32],
                error="Enter a date as DD/MM/YYYY, for example 31/03/2027.",
                promptTitle=column.header[:32], prompt=column.prompt,
            )
        elif column.prompt:
            rule = DataValidation(allow_blank=True, promptTitle=column.header[:32], prompt=column.prompt)
        else:
            continue
        rule.showErrorMessage = column.kind in ("date", *SCALES)
        rule.showInputMessage = True
        rule.add(span)
        ws.add_data_validation(rule)


def _add_rating_colours(ws, columns: List[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        if column.key == "previous_rating":
            _colour_ratings(ws, _letter(index))
        elif column.kind in SCALES:
            _colour_ratings(ws, _letter(index), SCALES[column.kind])


def _colour_ratings(ws, letter: str, scale=RATINGS) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill

    span = f"{letter}{FIRST_ROW}:{letter}{LAST_FORMATTED_ROW}"
    for rating in scale:
        # TRIM and LOWER so a typed "partly met " is coloured like a picked one.
        formula = f'LOWER(TRIM({letter}{FIRST_ROW}))="{rating.label.lower()}"'
        ws.conditional_formatting.add(span, FormulaRule(
            formula=[formula], stopIfTrue=True,
            fill=PatternFill("solid", fgColor=rating.fill, bgColor=rating.fill),
            font=Font(color=rating.font, bold=True),
        ))


def _protect(ws) -> None:
    protection = ws.protection
    protection.sheet = True  # no password: an officer who must can unprotect it
    # In the file format, False means "this is allowed while protected".
    protection.insertRows = False
    protection.formatCells = False
    protection.formatColumns = False
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


# Printed, no text is smaller than this: A4 landscape at the widest scale that keeps it,
# across as many page widths as the columns need, with the column titles (and Ref) repeated.
PRINT_FLOOR_PT = 9.0
SMALLEST_TEXT_PT = 10.0
A4_PRINTABLE_PT = {"landscape": (11.69 - 1.0) * 72, "portrait": (8.27 - 1.0) * 72}  # 0.5 in margins


def print_legibly(ws, council: Council, landscape: bool, repeat_columns: str = "") -> None:
    """Set A4 printing so no text falls below PRINT_FLOOR_PT: shrink to one page width only that far."""
    _print_setup(ws, council, landscape)
    ws.oddFooter.left.size = ws.oddFooter.right.size = int(SMALLEST_TEXT_PT)
    # LibreOffice draws columns about 30% wider than Excel's own measure: allow for the wider.
    width = 1.3 * sum(_column_points(ws, letter) for letter in _used_letters(ws))
    room = A4_PRINTABLE_PT["landscape" if landscape else "portrait"]
    floor = PRINT_FLOOR_PT / SMALLEST_TEXT_PT
    if width <= room:
        scale = 1.0
    elif width * floor <= room:
        scale = room / width  # one page wide, shrunk no further than the floor
    else:  # several page widths anyway: full size, unless the floor saves a page width
        scale = floor if math.ceil(width * floor / room) < math.ceil(width / room) else 1.0
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.page_setup.scale = math.floor(scale * 100)
    if width * scale > room and repeat_columns:
        ws.print_title_cols = repeat_columns


def keep_on_first_page(ws, rows) -> None:
    """Wrap the lines above the table across the columns of the first printed page width.

    When the table runs across several page widths, a long line left to spill over the
    cells to its right is cut into pieces at every page edge.
    """
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    room = A4_PRINTABLE_PT["landscape"] / 1.3  # as print_legibly measures LibreOffice's wider columns
    total, last = 0.0, INTRO_COLUMN + 1
    for index in range(1, ws.max_column + 1):
        total += _column_points(ws, get_column_letter(index))
        if total > room:
            break
        last = max(index, INTRO_COLUMN + 1)
    characters = 1.1 * sum(ws.column_dimensions[get_column_letter(i)].width or 8.43
                           for i in range(INTRO_COLUMN, last + 1))
    for row in rows:
        cell = ws.cell(row, INTRO_COLUMN)
        if cell.value in (None, ""):
            continue
        ws.merge_cells(start_row=row, start_column=INTRO_COLUMN, end_row=row, end_column=last)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        size = cell.font.sz or SMALLEST_TEXT_PT
        lines = max(1, math.ceil(len(str(cell.value)) * size / SMALLEST_TEXT_PT / characters))
        ws.row_dimensions[row].height = (size + 5) * lines + 4


def _used_letters(ws) -> List[str]:
    from openpyxl.utils import get_column_letter

    return [get_column_letter(i) for i in range(1, ws.max_column + 1)]


def _column_points(ws, letter: str) -> float:
    width = ws.column_dimensions[letter].width or 8.43
    return (width * 7 + 5) * 0.75  # Excel's character width to pixels, pixels to points


def _print_setup(ws, council: Council, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.left.text = council.name.replace("&", "&&")
    ws.oddFooter.left.size = 9
    ws.oddFooter.right.text = "Page &P of &N"
    ws.oddFooter.right.size = 9
    ws.page_margins.left = ws.page_margins.right = 0.5


def _write_identity(book, identity, properties=IDENTITY_PROPERTIES) -> None:
    from openpyxl.packaging.custom import StringProperty

    sheet = book.create_sheet(IDENTITY_SHEET)
    set_text(sheet.cell(1, 1), "Do not edit: pledge-office uses this sheet to read the workbook back.")
    for row, (key, value) in enumerate(identity.as_rows(), start=2):
        set_text(sheet.cell(row, 1), key)
        set_text(sheet.cell(row, 2), value)
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
    for key in properties:
        book.custom_doc_props.append(
            StringProperty(name=IDENTITY_PROPERTY_PREFIX + key, value=getattr(identity, key)))


def _font(bold: bool = False, size: float = 10, color: Optional[str] = None, **options):
    """Arial: Calibri is missing on many machines, where LibreOffice swaps in a serif."""
    return _arial(bold, size, color, tuple(sorted(options.items())))


@functools.lru_cache(maxsize=None)
def _arial(bold: bool, size: float, color: Optional[str], options: tuple):
    # One Font object per look: openpyxl stores a cell's font by reference and never changes it.
    from openpyxl.styles import Font

    return Font(name="Arial", bold=bold, size=size, color=color, **dict(options))


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


# Shared with the progress workbook, so both look, protect and print alike.
font, letter, protect, write_group_row = _font, _letter, _protect, _write_group_row
write_header, write_row, add_validations, add_scale_colours, write_identity = (
    _write_header, _write_commitment_row, _add_validations, _add_rating_colours, _write_identity)

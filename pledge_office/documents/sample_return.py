"""The sample officer's answers: how the demo's returned workbooks are filled in.

The answers are data beside the sample council file (``<council>-answers.yaml``
in samples/), so the code names no place, body or sector. A pledge with no
answers file gets plain made-up answers. One further action goes on an
inserted row with a blank Ref, as the instructions describe.
Used by 'pledge-office demo', the examples of 'templates fields' and
tools/make_sample_return.py.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Dict, Optional

from pledge_office.model.pledge import Pledge
from pledge_office.model.review_schema import RATING_LABELS

ANSWER_KEYS = ("rating", "evidence", "action", "lead", "target_date", "support", "comments", "outcome", "lead_post")
FURTHER_KEYS = ("action", "lead", "target_date", "support", "outcome", "lead_post")
PROGRESS_KEYS = ("status", "update", "revised_date", "evidence")
_RENAMED = {"target": "target_date"}


def answers_file(council_file: Path) -> Path:
    """Return where a sample council's answers are kept: beside its file."""
    return Path(council_file).with_name(f"{Path(council_file).stem}-answers.yaml")


def load_answers(council_file: Optional[Path] = None, pledge: Optional[Pledge] = None) -> dict:
    """Read the sample answers for a council (the sample council's by default), or make plain ones."""
    from pledge_office.errors import CouncilFileError
    from pledge_office.inputs.pledge_file import load_pledge
    from pledge_office.inputs.yaml_file import load_yaml_mapping
    from pledge_office.office.resources import sample_council_file

    pledge = pledge or load_pledge()
    path = answers_file(council_file or sample_council_file())
    if path.is_file():
        data = load_yaml_mapping(path, CouncilFileError)
        answers = {str(ref): _renamed(values) for ref, values in (data.get("answers") or {}).items()}
        if answers and all(pledge.commitment(ref) for ref in answers):
            return {"answers": answers, "further_action": _renamed(data.get("further_action")),
                    "progress": {str(ref): _renamed(v) for ref, v in (data.get("progress") or {}).items()}}
    return made_up_answers(pledge)


def _renamed(values) -> dict:
    return {_RENAMED.get(k, k): v for k, v in (values or {}).items()}


def made_up_answers(pledge: Pledge) -> dict:
    """Return answers for any pledge: ratings in turn, an action wherever more is to be done."""
    answers: Dict[str, dict] = {}
    for number, clause in enumerate(pledge.commitments):
        rating = RATING_LABELS[number % 3]
        entry = {"rating": rating, "evidence": f"What the council does now on '{clause.title}'."}
        if rating != "Fully met":
            entry.update(action=f"Agree next steps on '{clause.title}'", lead="Sam Officer",
                         target_date=date(2028, 1 + number % 12, 28), outcome=f"Next steps on '{clause.title}' agreed",
                         lead_post="Partnerships Officer")
        answers[clause.ref] = entry
    last = pledge.commitments[-1]
    further = {"after": last.ref, "action": f"Report progress on '{last.title}' to the partners",
               "lead": "Sam Officer", "target_date": date(2028, 6, 30)}
    return {"answers": answers, "further_action": further, "progress": {}}


def fill_as_officer(blank: Path, out: Path, answers: Optional[dict] = None) -> Path:
    """Fill in a blank review workbook as the sample officer would, and save it as ``out``."""
    from openpyxl import load_workbook

    from pledge_office.documents.review_workbook import column_letters, commitment_rows
    from pledge_office.office.ooxml import FileProperties
    from pledge_office.office.sheets import save_workbook

    answers = answers or load_answers()
    book = load_workbook(blank)
    sheet = book["Review"]
    letters = column_letters()
    rows = {str(sheet.cell(row, 1).value): row for row in commitment_rows(sheet)}
    for ref, values in answers["answers"].items():
        _put(sheet, rows[ref], letters, ANSWER_KEYS, values)
    further = answers.get("further_action") or {}
    if further.get("after") is not None:
        insert_further_action(sheet, rows[str(further["after"])] + 1, further)
    props = book.properties
    save_workbook(book, out, FileProperties(props.title or "", props.subject or "", author=props.creator or "",
                                            company=props.creator or ""))
    return out


def _put(sheet, row: int, letters, keys, values: dict) -> None:
    for key in keys:
        value = values.get(key)
        if value:
            sheet[f"{letters[key]}{row}"] = _cell_value(value)


def _cell_value(value):
    return datetime(value.year, value.month, value.day) if isinstance(value, date) else value


def insert_further_action(sheet, row: int, further: dict) -> None:
    """Insert a row as Excel does (styles copied from the row above) and fill the action."""
    from openpyxl.styles import Alignment, Border, Font, Protection, Side

    from pledge_office.documents.review_workbook import FIRST_ROW, column_letters

    heights = {r: sheet.row_dimensions[r].height for r in range(row, sheet.max_row + 2)}
    sheet.insert_rows(row)
    for r, height in heights.items():
        sheet.row_dimensions[r + 1].height = height
    sheet.row_dimensions[row].height = 30
    thin = Side(style="thin", color="A6A6A6")
    for column in range(1, 12):
        cell = sheet.cell(row, column)
        cell.font = Font(name="Arial", size=10)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        cell.protection = Protection(locked=column <= 2)
    letters = column_letters()
    _put(sheet, row, letters, FURTHER_KEYS, further)
    target = letters["target_date"]
    for r in range(FIRST_ROW, sheet.max_row + 1):
        if sheet[f"{target}{r}"].value:
            sheet[f"{target}{r}"].number_format = "DD/MM/YYYY"


def progress_answers(answers: Optional[dict] = None) -> Dict[str, tuple]:
    """Return action ref -> (status, progress update, revised target date, evidence of completion)."""
    progress = (answers or load_answers()).get("progress") or {}
    return {ref: _progress_row(values) for ref, values in progress.items()}


def _progress_row(values: dict) -> tuple:
    revised = values.get("revised_date")
    return (values.get("status"), values.get("update") or "", _cell_value(revised) if revised else None,
            values.get("evidence") or "")


def fill_progress_as_officer(blank: Path, out: Path, answers: Optional[dict] = None) -> Path:
    """Fill in a blank progress workbook as the sample officer would, and save it as ``out``."""
    from openpyxl import load_workbook

    from pledge_office.model.progress_schema import PROGRESS_COLUMNS, STATUS_LABELS
    from pledge_office.office.ooxml import FileProperties
    from pledge_office.office.sheets import save_workbook

    reported = progress_answers(answers)
    book = load_workbook(blank)
    sheet = book["Progress"]
    column = {c.key: index for index, c in enumerate(PROGRESS_COLUMNS, start=1)}
    for number, row in enumerate(range(6, sheet.max_row + 1)):
        ref = sheet.cell(row, 1).value
        if not ref:
            continue
        given = reported.get(ref) if reported else (STATUS_LABELS[number % len(STATUS_LABELS)],
                                                    "Work continues as planned.", None, "")
        for key, value in zip(PROGRESS_KEYS, given or ()):
            if value:
                sheet.cell(row, column[key]).value = value
    props = book.properties
    save_workbook(book, out, FileProperties(props.title or "", props.subject or "", author=props.creator or "",
                                            company=props.creator or ""))
    return out

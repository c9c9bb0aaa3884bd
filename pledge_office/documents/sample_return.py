"""The sample officer's answers: how the demo's returned workbook is filled in.

Fictional answers for the fictional Exampleshire County Council; one further
action is on an inserted row with a blank Ref, as the instructions describe.
Used by 'pledge-office demo' and by tools/make_sample_return.py.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

ANSWER_KEYS = ("rating", "evidence", "action", "lead", "target_date", "support", "comments")
ANSWERS = {  # in the order of ANSWER_KEYS
    "a": ("Fully met", "The Communities Strategy 2025-2030 names the VCSE sector as a delivery partner; 14 services are commissioned from VCSE providers.", "", "", None, "", ""),
    "b": ("Partly met", "Joint aims are agreed with the Older People's Forum and the Youth Network, but not yet with health partners.", "Agree joint aims with the Health and Wellbeing VCSE forum", "Jordan Sample", datetime(2027, 6, 30), "Facilitation of a joint workshop", ""),
    "c": ("Partly met", "Consultations are shared through the VCSE network mailing list.", "Publish a forward calendar of consultations", "Priya Example", datetime(2027, 5, 31), "", "Some consultations in 2026 gave under four weeks' notice."),
    "d": ("Fully met", "VCSE representatives on the Health and Wellbeing Board are elected by the VCSE Assembly.", "", "", None, "", ""),
    "e": ("Fully met", "The 2026 library consultation included groups opposing the changes; the council kept funding their advice work.", "", "", None, "", ""),
    "f": ("Not met", "VCSE employers are not counted in the Economic Growth Strategy.", "Include VCSE employers in the next Economic Growth Strategy", "Chris Placeholder", datetime(2027, 9, 30), "Data on VCSE employment in Exampleshire", ""),
    "g": ("Partly met", "Social value is scored at 10% in tenders over £100,000.", "Pilot grant-based commissioning for one community service", "Morgan Example", datetime(2027, 1, 31), "Advice on grant agreements", ""),
    "h": ("Not met", "", "", "", None, "", "Not yet discussed with Team Staffordshire."),
}
FURTHER_KEYS = ("action", "lead", "target_date", "support")
FURTHER_ACTION = ("Extend social value scoring to tenders over £25,000", "Morgan Example", datetime(2027, 12, 31), "")
OUTCOME_KEYS = ("outcome", "lead_post")
OUTCOMES = {  # ref: (outcome or measure of success, lead officer's post)
    "b": ("Joint aims agreed and published with the Health and Wellbeing VCSE forum", "Community Partnerships Manager"),
    "c": ("Calendar on the website; every consultation gives at least six weeks' notice", "Consultation Officer"),
    "f": ("The Economic Growth Strategy counts VCSE jobs and employers", "Head of Economic Growth"),
    "g": ("One community service funded by grant, with an evaluation", "Procurement Lead"),
}
FURTHER_OUTCOME = ("Social value scored in every tender over £25,000", "Procurement Lead")


def fill_as_officer(blank: Path, out: Path) -> Path:
    """Fill in a blank review workbook as the sample officer would, and save it as ``out``."""
    from openpyxl import load_workbook

    from pledge_office.documents.review_workbook import column_letters, commitment_rows
    from pledge_office.office.ooxml import FileProperties
    from pledge_office.office.sheets import save_workbook

    book = load_workbook(blank)
    sheet = book["Review"]
    letters = column_letters()
    for row in commitment_rows(sheet):
        ref = sheet.cell(row, 1).value
        _put(sheet, row, letters, ANSWER_KEYS, ANSWERS[ref])
        _put(sheet, row, letters, OUTCOME_KEYS, OUTCOMES.get(ref, ()))
    g_row = next(r for r in commitment_rows(sheet) if sheet.cell(r, 1).value == "g")
    insert_further_action(sheet, g_row + 1)
    props = book.properties
    save_workbook(book, out, FileProperties(props.title or "", props.subject or "", author=props.creator or "",
                                            company=props.creator or ""))
    return out


def _put(sheet, row: int, letters, keys, values) -> None:
    for key, value in zip(keys, values):
        if value:
            sheet[f"{letters[key]}{row}"] = value


def insert_further_action(sheet, row: int) -> None:
    """Insert a row as Excel does (styles copied from the row above) and fill the action."""
    from openpyxl.styles import Alignment, Border, Font, Protection, Side

    heights = {r: sheet.row_dimensions[r].height for r in range(row, 20)}
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
    from pledge_office.documents.review_workbook import FIRST_ROW, column_letters

    letters = column_letters()
    _put(sheet, row, letters, FURTHER_KEYS, FURTHER_ACTION)
    _put(sheet, row, letters, OUTCOME_KEYS, FURTHER_OUTCOME)
    target = letters["target_date"]
    for r in range(FIRST_ROW, row + 1):
        if sheet[f"{target}{r}"].value:
            sheet[f"{target}{r}"].number_format = "DD/MM/YYYY"




PROGRESS_ANSWERS = {  # action ref: status, progress update, revised target date, evidence of completion
    "b1": ("On track", "Workshop held with the Health and Wellbeing VCSE forum on 12 May; joint aims drafted "
           "and out for comment.", None, ""),
    "c1": ("Complete", "Forward calendar of consultations published in May and updated monthly.", None,
           "Consultation calendar on the council website; VCSE network told on 3 June"),
    "f1": ("At risk", "Refresh of the Economic Growth Strategy delayed by the spending review; VCSE data "
           "gathered.", datetime(2027, 12, 31), ""),
    "g1": ("Off track", "Pilot service chosen (community transport); the grant agreement awaits legal "
           "approval.", datetime(2027, 9, 30), ""),
    "g2": ("Not started", "Starts once the grant pilot has been evaluated.", None, ""),
}


def fill_progress_as_officer(blank: Path, out: Path) -> Path:
    """Fill in a blank progress workbook as the sample officer would, and save it as ``out``."""
    from openpyxl import load_workbook

    from pledge_office.model.progress_schema import PROGRESS_COLUMNS
    from pledge_office.office.ooxml import FileProperties
    from pledge_office.office.sheets import save_workbook

    book = load_workbook(blank)
    sheet = book["Progress"]
    column = {c.key: index for index, c in enumerate(PROGRESS_COLUMNS, start=1)}
    for row in range(6, 6 + len(PROGRESS_ANSWERS) + 20):
        answers = PROGRESS_ANSWERS.get(sheet.cell(row, 1).value)
        if not answers:
            continue
        for key, value in zip(("status", "update", "revised_date", "evidence"), answers):
            if value:
                sheet.cell(row, column[key]).value = value
    props = book.properties
    save_workbook(book, out, FileProperties(props.title or "", props.subject or "", author=props.creator or "",
                                            company=props.creator or ""))
    return out

"""Build review workbooks and returned copies in code, as officers fill them in."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable, Optional

from openpyxl import load_workbook

from pledge_office.inputs.council_file import load_council
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.documents.review_workbook import (
    column_letters, commitment_rows, review_settings, write_review_workbook,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "exampleshire.yaml"

# What a conscientious officer types, row by row (a to h).
GOOD_ANSWERS = {
    "a": ("Fully met", "Our Communities Strategy names the VCSE sector as a partner.", "", "", None, "", ""),
    "b": ("Partly met", "Joint aims agreed with two forums.", "Agree joint aims with the health forum", "Jordan Sample", date(2027, 6, 30), "Facilitation of a workshop", ""),
    "c": ("Partly met", "Consultations go to the VCSE network.", "Publish a consultation calendar", "Priya Example", date(2027, 5, 31), "", "Some notice periods are short."),
    "d": ("Fully met", "Representatives are elected by the VCSE assembly.", "", "", None, "", ""),
    "e": ("Not applicable", "", "", "", None, "", "No disagreements have arisen."),
    "f": ("Not met", "VCSE employers are not in the economic strategy.", "Include VCSE employers in the economic strategy", "Chris Placeholder", date(2027, 9, 30), "Data on VCSE employment", ""),
    "g": ("Partly met", "Social value is scored at 10% in larger tenders.", "", "", None, "", ""),
    "h": ("Fully met", "Quarterly meetings with Team Staffordshire bodies.", "", "", None, "", ""),
}
ANSWER_KEYS = ("rating", "evidence", "action", "lead", "target_date", "support", "comments")  # GOOD_ANSWERS' order
ANSWER_COLUMNS = tuple(column_letters()[key] for key in ANSWER_KEYS)  # in the layout the tool writes


def blank_workbook(folder: Path, name: str = "review.xlsx", council_file: Path = SAMPLE, **settings) -> Path:
    council = load_council(council_file)
    out = folder / name
    write_review_workbook(council, load_pledge(), out, review_settings(council, **settings))
    return out


def fill(path: Path, answers: Optional[dict] = None, out: Optional[Path] = None,
         then: Optional[Callable] = None) -> Path:
    """Type the answers into the Review sheet with openpyxl; ``then(book, sheet)`` edits further."""
    book = load_workbook(path)
    sheet = book["Review"]
    for row in commitment_rows(sheet):
        ref = sheet.cell(row, 1).value
        for letter, value in zip(ANSWER_COLUMNS, (answers or GOOD_ANSWERS)[ref]):
            if value not in ("", None):
                sheet[f"{letter}{row}"] = value
    if then:
        then(book, sheet)
    out = out or path.with_name("returned-" + path.name)
    book.save(out)
    return out

"""The email that sends the review workbook to the nominated officer, as a draft.

Outlook opens an .eml carrying 'X-Unsent: 1' as a draft ready to send; other
mail clients open it as a message. The workbook is attached as it was written.
"""

from __future__ import annotations

import html
from email.message import EmailMessage
from email.utils import formataddr
from pathlib import Path
from typing import List, Optional, Tuple

from pledge_office.model.council import Council
from pledge_office.model.dates import format_uk
from pledge_office.errors import CouncilFileError
from pledge_office.office.outputs import atomic_output
from pledge_office.office.text import clean_line
from pledge_office.model.pledge import Pledge
from pledge_office.documents.review_workbook import ReviewSettings

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def email_subject(council: Council, pledge: Pledge, settings: ReviewSettings) -> str:
    due = f": please return by {format_uk(settings.due)}" if settings.due else ""
    return f"{pledge.title} review {settings.period} for {council.name}{due}"


def build_draft(council: Council, pledge: Pledge, settings: ReviewSettings, workbook: Path,
                wording: Optional[Tuple[str, List[str]]] = None) -> EmailMessage:
    """Build the draft email with the workbook attached; ``wording`` (subject, paragraphs) replaces the review's."""
    officer = council.review_officer
    if not officer.email:
        raise CouncilFileError("field 'review.officer.email' is missing; the email draft needs the "
                               "nominated officer's address", file=council.source)
    message = EmailMessage()
    message["To"] = formataddr((clean_line(settings.officer or officer.name), officer.email))
    sender = council.review_return_to if council.review_return_to.email else pledge.umbrella.contact
    if sender.email:
        message["From"] = formataddr((clean_line(sender.name or pledge.umbrella.name), sender.email))
    subject, paragraphs = wording or (email_subject(council, pledge, settings),
                                      _paragraphs(council, pledge, settings, workbook.name))
    message["Subject"] = subject
    message["X-Unsent"] = "1"  # Outlook: open as a draft, ready to send
    plain, rich = _bodies(subject, paragraphs)
    message.set_content(plain)
    message.add_alternative(rich, subtype="html")
    message.add_attachment(workbook.read_bytes(), maintype=XLSX_TYPE[0], subtype=XLSX_TYPE[1],
                           filename=workbook.name)
    return message


def write_draft(council: Council, pledge: Pledge, settings: ReviewSettings, workbook: Path, out: Path,
                force: bool = False, wording: Optional[Tuple[str, List[str]]] = None) -> Path:
    """Write the draft as an .eml file beside (or apart from) the workbook."""
    message = build_draft(council, pledge, settings, workbook, wording)
    with atomic_output(out, force) as tmp:
        tmp.write_bytes(bytes(message))
    return out


def _paragraphs(council: Council, pledge: Pledge, settings: ReviewSettings, filename: str) -> List[str]:
    greeting = f"Dear {settings.officer or council.review_officer.name or 'colleague'},"
    due = format_uk(settings.due) or "the date we agreed"
    person = council.review_return_to.name or pledge.umbrella.contact.name
    back_to = "\n".join(dict.fromkeys(n for n in (person, pledge.umbrella.name) if n))
    paragraphs = [
        greeting,
        f"{council.name} has adopted the {pledge.title}. As part of its periodic review with "
        f"{pledge.umbrella.name}, please "
        f"find attached the review workbook ({filename}), with one row for each commitment.",
        "For each commitment, please pick a rating, describe the evidence of current practice, and "
        "add any actions, with a lead officer and target date. The first sheet, Instructions, explains "
        "each column and how to add a second action for a commitment.",
        f"Please return the workbook by {due}, by replying to this email with it attached. Please keep "
        "it as an Excel workbook (.xlsx); you may rename it.",
        f"Thank you,\n{back_to}",
    ]
    return paragraphs


def _bodies(subject: str, paragraphs: List[str]):
    plain = "\n\n".join(paragraphs) + "\n"
    rich = ("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>"
            + html.escape(subject) + "</title></head><body>"
            + "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
            + "</body></html>\n")
    return plain, rich

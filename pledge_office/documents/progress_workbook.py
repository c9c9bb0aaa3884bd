"""The progress workbook: one row per action of the plan, for the officer to report on between reviews.

It looks, protects, validates and prints like the review workbook (the same
helpers write both), and carries its identity in the same three places.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import List, Tuple

from pledge_office._version import __version__
from pledge_office.documents.context import body_in_sentence, governance_fields
from pledge_office.documents.review_workbook import (
    FIRST_ROW, HEADER_ROW, INTRO_COLUMN, InstructionLines, ReviewSettings, add_scale_colours, add_validations, font,
    keep_on_first_page, print_legibly, protect, write_group_row, write_header, write_identity,
    write_row,
)
from pledge_office.model.council import Council
from pledge_office.model.dates import format_uk, parse_iso
from pledge_office.model.pledge import Pledge
from pledge_office.model.progress import ProgressReturn
from pledge_office.model.progress_schema import (
    FIRST_STATUS, PROGRESS_COLUMNS, PROGRESS_PROPERTIES, PROGRESS_REFERENCE_LABEL, PROGRESS_SHEET, STATUSES,
    PlannedAction, ProgressIdentity,
)
from pledge_office.model.review import Review
from pledge_office.model.review_schema import INSTRUCTIONS_SHEET, RATINGS_NEEDING_ACTION
from pledge_office.office.ooxml import FileProperties
from pledge_office.office.outputs import atomic_output
from pledge_office.office.sheets import save_workbook, set_text

GOVERNANCE_LABELS = (("status", "Plan status"), ("approved", "Approved by"), ("route", "Progress reported to"),
                     ("next_update", "Next progress update"), ("next_review", "Next review"),
                     ("contact", "Contact officer"))


def commitment_label(pledge: Pledge, ref: str) -> str:
    """Return 'b. Working together on shared aims' for a commitment's ref."""
    clause = pledge.commitment(ref)
    return f"{ref}. {clause.title}" if clause else ref


def actions_from_review(review: Review) -> Tuple[PlannedAction, ...]:
    """Number the plan's actions per commitment (b1, g1, g2); every one starts 'Not started'.

    A commitment not fully met with no action yet is in the plan as 'Action to be agreed' (ref 'h'),
    so it is in every progress update too, until the action is agreed.
    """
    from pledge_office.documents.action_plan import TO_BE_AGREED

    planned: List[PlannedAction] = []
    for entry in review.entries:
        actions = [a for a in entry.actions if a.text]
        for action in actions:
            planned.append(PlannedAction(
                ref=entry.action_ref(action), commitment_ref=entry.ref, text=action.text, outcome=action.outcome,
                lead=action.lead_line, target=action.target_date.isoformat() if action.target_date else "",
                last_status=FIRST_STATUS))
        if not actions and entry.rating in RATINGS_NEEDING_ACTION:
            planned.append(PlannedAction(ref=entry.ref, commitment_ref=entry.ref, text=TO_BE_AGREED,
                                         last_status=FIRST_STATUS))
    return tuple(planned)


def actions_from_progress(previous: ProgressReturn) -> Tuple[PlannedAction, ...]:
    """Carry each action forward: its reported status becomes the last status, a revised date stays."""
    planned = []
    for action in previous.actions:
        revised = action.revised_date.isoformat() if action.revised_date else ""
        planned.append(PlannedAction(
            ref=action.ref, commitment_ref=action.commitment_ref, text=action.text, outcome=action.outcome,
            lead=action.lead, target=action.target_date.isoformat() if action.target_date else "",
            last_status=action.status or action.last_status or FIRST_STATUS, revised=revised))
    return tuple(planned)


def progress_identity(council: Council, pledge: Pledge, settings: ReviewSettings, source, as_of: date) -> ProgressIdentity:
    """Make the identity of the next progress workbook, from a returned review or progress workbook."""
    if isinstance(source, ProgressReturn):
        before = source.identity
        review_id, update = before.review_id, str(int(before.update or "0") + 1)
        ratings, actions = before.ratings, actions_from_progress(source)
    else:
        review_id, update = source.identity.review_id, "1"
        ratings = tuple((e.ref, e.rating or "") for e in source.entries)
        actions = actions_from_review(source)
    governance = governance_fields(council, as_of)
    return ProgressIdentity(
        progress_id=f"{review_id}-U{update}", review_id=review_id, council=council.name,
        council_short=council.short_name, pledge_version=pledge.version, period=settings.period,
        update=update, generated=as_of.isoformat(), tool_version=__version__, officer=settings.officer,
        due=settings.due.isoformat() if settings.due else "",
        governance=tuple((key, governance[key]) for key, _ in GOVERNANCE_LABELS),
        ratings=ratings, actions=actions,
    )


def write_progress_workbook(council: Council, pledge: Pledge, out: Path, settings: ReviewSettings,
                            identity: ProgressIdentity, *, force: bool = False) -> Path:
    """Write the progress workbook for ``identity``'s actions to ``out`` (an .xlsx)."""
    from openpyxl import Workbook

    book = Workbook()
    instructions = book.active
    instructions.title = INSTRUCTIONS_SHEET
    _write_instructions(instructions, council, pledge, settings, identity)
    _write_progress_sheet(book.create_sheet(PROGRESS_SHEET), council, pledge, settings, identity)
    write_identity(book, identity, PROGRESS_PROPERTIES)
    book.active = 0
    properties = FileProperties(progress_title(pledge, council, identity),
                                f"Progress on the action plan from the review of the {pledge.title}",
                                author=council.name, company=council.name, last_modified_by="")
    with atomic_output(out, force) as tmp:
        save_workbook(book, tmp, properties)
    return out


def route_sentence(route: str, unknown: str = "Progress is reported as the plan sets out.") -> str:
    """Return 'Progress is reported to the Communities Overview and Scrutiny Committee, every six months. '"""
    if not route or route == "To be agreed":
        return unknown
    return f"Progress is reported to {body_in_sentence(route)}. "


def progress_title(pledge: Pledge, council: Council, identity: ProgressIdentity) -> str:
    return f"{pledge.title} action plan {identity.period}: progress update {identity.update}, {council.name}"


def _write_instructions(ws, council: Council, pledge: Pledge, settings: ReviewSettings,
                        identity: ProgressIdentity) -> None:
    line = InstructionLines(ws)
    governance = dict(identity.governance)
    line.title(progress_title(pledge, council, identity))
    line()
    line("What this is for", f"{council.name}'s action plan from the {identity.period} review of the "
         f"{pledge.title} is monitored between reviews. This workbook is progress update {identity.update}: "
         f"for each action, say where it stands. {route_sentence(governance.get('route', ''))}")
    line.who_and_when(settings, pledge)
    line()
    line("How to fill it in", "1. Go to the 'Progress' sheet. There is one row for each action of the plan.")
    line("", "2. In 'Status', pick where the action stands (see the scale below). 'Status at last update' "
         "shows what was reported last time.")
    line("", "3. In 'Progress update', say what has been done since the last update and what happens next.")
    line("", "4. If the action will not be done by its target date, give the new date in 'Revised target "
         "date' (DD/MM/YYYY, e.g. 30/09/2027) and say why in the update.")
    line("", "5. For a completed action, say what shows it is done in 'Evidence of completion'.")
    line("", "6. Do not change the grey columns, the column headings or the sheet names: the workbook is "
         "read back automatically. You may filter the rows by status (the arrows in the headings).")
    line()
    line.closing("status", STATUSES, "actions", PROGRESS_REFERENCE_LABEL, identity.progress_id)
    ws.protection.sheet = True
    print_legibly(ws, council, landscape=True)  # as the review workbook's instructions print


def _write_progress_sheet(ws, council: Council, pledge: Pledge, settings: ReviewSettings,
                          identity: ProgressIdentity) -> None:
    columns = list(PROGRESS_COLUMNS)
    set_text(ws.cell(1, INTRO_COLUMN), progress_title(pledge, council, identity))
    ws.cell(1, INTRO_COLUMN).font = font(bold=True, size=14)
    due = format_uk(settings.due)
    set_text(ws.cell(2, INTRO_COLUMN), "Give each action's status and progress." + (f" Please return by {due}." if due else "")
             + " Instructions are on the first sheet.")
    ws.cell(2, INTRO_COLUMN).font = font()
    set_text(ws.cell(3, INTRO_COLUMN), f"{PROGRESS_REFERENCE_LABEL} {identity.progress_id}")
    ws.cell(3, INTRO_COLUMN).font = font(size=9, color="404040")
    write_header(ws, columns)
    keep_on_first_page(ws, (1, 2, 3))
    row = FIRST_ROW
    for action, group in _in_groups(identity.actions, pledge):
        if group:  # a group's heading row, locked; the reader passes over it
            write_group_row(ws, row, columns, group)
            row += 1
        write_row(ws, row, columns, {
            "action_ref": action.ref, "commitment": commitment_label(pledge, action.commitment_ref),
            "action": action.text, "outcome": action.outcome or "To be agreed",
            "lead": action.lead or "To be confirmed", "target_date": parse_iso(action.target),
            "last_status": action.last_status, "revised_date": parse_iso(action.revised),
        })
        row += 1
    add_validations(ws, columns)
    add_scale_colours(ws, columns)
    protect(ws)
    ws.protection.autoFilter = False  # filtering by status is allowed while protected
    ws.freeze_panes = ws.cell(FIRST_ROW, 4)
    print_legibly(ws, council, landscape=True, repeat_columns="A:A")  # no text below 9 pt on paper
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{ws.cell(HEADER_ROW, len(columns)).column_letter}{max(FIRST_ROW, row - 1)}"



def _in_groups(actions, pledge: Pledge):
    """Yield (action, heading of the group it opens or ''): in the pledge's order when it has groups."""
    if not pledge.has_groups:
        yield from ((action, "") for action in actions)
        return
    place = {c.ref: (number, c.group) for number, c in enumerate(pledge.commitments)}
    shown = None
    for action in sorted(actions, key=lambda a: place.get(a.commitment_ref, (len(place), ""))[0]):
        group = place.get(action.commitment_ref, (0, ""))[1]
        yield action, group if group and group != shown else ""
        shown = group


def progress_email_wording(council: Council, pledge: Pledge, settings: ReviewSettings, identity: ProgressIdentity,
                           filename: str) -> Tuple[str, List[str]]:
    """Return the subject and paragraphs of the email that sends the progress workbook."""
    due = format_uk(settings.due)
    subject = (f"{pledge.title} action plan {identity.period}: progress update {identity.update} for "
               f"{council.name}" + (f": please return by {due}" if due else ""))
    paragraphs = [
        f"Dear {settings.officer or council.review_officer.name or 'colleague'},",
        f"Please find attached the progress workbook ({filename}) for {council.name}'s {pledge.title} action "
        f"plan, with one row for each action.",
        "For each action, please pick its status (Not started, On track, At risk, Off track or Complete), "
        "say what has been done, give a revised target date if it has moved, and for a completed action "
        "the evidence. The first sheet, Instructions, explains each column.",
        route_sentence(dict(identity.governance).get("route", ""), "")
        + f"Please return the workbook by {due or 'the date we agreed'}, by replying to this email with it "
        "attached. Please keep it as an Excel workbook (.xlsx); you may rename it.",
        "Thank you,\n" + "\n".join(dict.fromkeys(
            n for n in (council.review_return_to.name or pledge.umbrella.contact.name, pledge.umbrella.name) if n)),
    ]
    return subject, paragraphs


def example_progress(council: Council, pledge: Pledge, as_of: date = date(2027, 7, 1)) -> ProgressReturn:
    """Return the sample council's first progress update, as the sample officer reports it (for examples)."""
    from pledge_office.documents.review_workbook import review_settings
    from pledge_office.documents.sample_return import progress_answers
    from pledge_office.inputs.review_reader import read_review
    from pledge_office.model.progress import ActionProgress
    from pledge_office.office.resources import SAMPLE_RETURNED_FILE, sample_file

    review = read_review(sample_file(SAMPLE_RETURNED_FILE), pledge)
    identity = progress_identity(council, pledge, review_settings(council, period=review.identity.period), review, as_of)
    actions = []
    for plan in identity.actions:
        status, update, revised, evidence = progress_answers().get(plan.ref, (None, "", None, ""))
        actions.append(ActionProgress(
            ref=plan.ref, commitment_ref=plan.commitment_ref, commitment=commitment_label(pledge, plan.commitment_ref),
            text=plan.text, outcome=plan.outcome, lead=plan.lead, target_date=parse_iso(plan.target),
            last_status=plan.last_status, status=status, update=update,
            revised_date=revised.date() if revised else None, evidence=evidence))
    return ProgressReturn(identity=identity, actions=actions, files=[sample_file(SAMPLE_RETURNED_FILE)])

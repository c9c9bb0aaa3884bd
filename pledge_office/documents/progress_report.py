"""The Word progress report on the action plan, for an overview and scrutiny committee."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Dict, List, Optional

from pledge_office.documents.context import (
    chosen_template, governance_fields, pledge_fields, returned_council_fields, tally_sentence,
)
from pledge_office.model.council import Council
from pledge_office.model.dates import format_uk
from pledge_office.model.pledge import Pledge
from pledge_office.model.progress import ActionProgress, ProgressReturn
from pledge_office.model.progress_schema import DONE_STATUS, STATUSES, status_by_label
from pledge_office.office.outputs import write_json
from pledge_office.office.word import Picture, render_document

NO_STATUS = "No status given"
NO_STATUS_FILL = "FFFFFF"


def write_progress_report(progress: ProgressReturn, pledge: Pledge, out: Path, *, council: Optional[Council] = None,
                          as_of: Optional[date] = None, force: bool = False, template: Optional[Path] = None) -> Path:
    """Write the progress report for ``progress`` to ``out`` (a .docx)."""
    template = chosen_template(template, council, "progress_report", "progress-report.docx")
    context = progress_context(progress, pledge, council, as_of or date.today())
    name = context["council"]["name"]
    ident = progress.identity
    return render_document(
        template, context, out, force=force, document="progress-report",
        title=f"{pledge.title} action plan {ident.period}: progress update {ident.update}, {name}",
        subject=f"Progress on the action plan from the review of the {pledge.title}",
        author=(council.contact_officer.name if council else "") or name, company=name,
    )


def write_progress_json(progress: ProgressReturn, out: Path, force: bool = False) -> Path:
    """Write the parsed progress update as JSON, for other tools."""
    return write_json(progress.to_json(), out, force)


def progress_context(progress: ProgressReturn, pledge: Pledge, council: Optional[Council], as_of: date) -> Dict[str, Any]:
    """Every field the progress report template can use."""
    ident = progress.identity
    actions = progress.actions
    overdue = [a for a in actions if a.overdue(as_of)]
    completed = [a for a in actions if a.complete and a.last_status != DONE_STATUS]
    moved = [a for a in actions if a.revised_date and a.target_date and a.revised_date != a.target_date]
    governance = governance_fields(council, as_of) if council else {
        **governance_fields(None, as_of), **dict(ident.governance)}
    return {
        "council": returned_council_fields(council, ident),
        "pledge": pledge_fields(pledge),
        "logos": {"council": Picture(council.logo, 2.2) if council else ""},
        "progress": {
            "number": ident.update, "period": ident.period, "reference": ident.progress_id,
            "review_reference": ident.review_id, "officer": ident.officer or "the nominated officer",
            "as_of": format_uk(as_of), "returned": format_uk(progress.sent.date()) if progress.sent else "",
        },
        "governance": governance,
        "status_summary": status_summary(actions),
        "status_sentence": status_sentence(actions),
        "overdue": [_row(a, as_of) for a in sorted(overdue, key=lambda a: (a.due_date, a.ref))],
        "overdue_sentence": _count_sentence(len(overdue), "is overdue", "are overdue", "No action is overdue.",
                                            " (past {its} target or revised date and not complete)"),
        "completed": [_row(a, as_of) for a in completed],
        "completed_sentence": _count_sentence(len(completed), "was completed since the last update",
                                              "were completed since the last update",
                                              "No action was completed since the last update.", ""),
        "moved": [_row(a, as_of) for a in moved],
        "moved_sentence": _count_sentence(len(moved), "has a revised target date", "have a revised target date",
                                          "No target date has moved.", ""),
        "actions": every_action(actions, pledge, as_of),
        "actions_order": ("Actions are listed under their commitments' group headings, in the order of the "
                          f"commitments in {pledge.called}." if pledge.has_groups
                          else "Actions are listed by the date they are now due."),
    }


def every_action(actions: List[ActionProgress], pledge: Pledge, as_of: date) -> List[Dict[str, str]]:
    """Every action: under its group's heading when the pledge has groups, else by the date it is now due."""
    if not pledge.has_groups:
        return [{**_row(a, as_of), "group": ""} for a in sorted(actions, key=lambda a: (a.due_date or date.max, a.ref))]
    place = {c.ref: (number, c.group) for number, c in enumerate(pledge.commitments)}
    rows, shown = [], None
    for action in sorted(actions, key=lambda a: (place.get(a.commitment_ref, (len(place), ""))[0], a.ref)):
        group = place.get(action.commitment_ref, (0, ""))[1]
        rows.append({**_row(action, as_of), "group": group if group != shown else ""})
        shown = group
    return rows


def status_summary(actions: List[ActionProgress]) -> List[Dict[str, str]]:
    """Return one row per status, in scale order, with the number of actions at it."""
    rows = [{"status": s.label, "fill": s.fill, "count": str(sum(1 for a in actions if a.status == s.label)),
             "meaning": s.meaning} for s in STATUSES]
    missing = sum(1 for a in actions if not a.status)
    if missing:
        rows.append({"status": NO_STATUS, "fill": NO_STATUS_FILL, "count": str(missing),
                     "meaning": "The return gave no status for the action."})
    return rows


def status_sentence(actions: List[ActionProgress]) -> str:
    """Return e.g. 'Of the 5 actions: 1 complete, 2 on track and 2 at risk.'"""
    counts = [(s.label.lower(), sum(1 for a in actions if a.status == s.label)) for s in STATUSES]
    counts.append(("with no status given", sum(1 for a in actions if not a.status)))
    return tally_sentence(counts, len(actions), "actions" if len(actions) != 1 else "action",
                          nothing="The plan has no actions to report on.")


def moved_by(before: date, after: date) -> str:
    """Return how far a date moved, in words: '3 months later', '2 weeks earlier', '5 days later'."""
    days = (after - before).days
    direction = "later" if days > 0 else "earlier"
    days = abs(days)
    if days < 14:
        amount, unit = days, "day"
    elif days < 62:
        amount, unit = round(days / 7), "week"
    else:
        amount, unit = round(days / 30.44), "month"
    return f"{amount} {unit}{'s' if amount != 1 else ''} {direction}"


def _row(action: ActionProgress, as_of: date) -> Dict[str, str]:
    status = status_by_label(action.status or "")
    due = action.due_date
    return {
        "ref": action.ref, "commitment": action.commitment, "text": action.text,
        "outcome": action.outcome or "To be agreed", "lead": action.lead or "To be confirmed",
        "target": format_uk(action.target_date) or "To be agreed",
        "revised": format_uk(action.revised_date),
        "due": format_uk(due) or "To be agreed",
        "moved": moved_by(action.target_date, action.revised_date)
        if action.target_date and action.revised_date and action.target_date != action.revised_date else "",
        "days_overdue": str((as_of - due).days) if due and action.overdue(as_of) else "",
        "status": status.label if status else NO_STATUS, "status_fill": status.fill if status else NO_STATUS_FILL,
        "last_status": action.last_status or "Not started",
        "progress": action.update or "No update given.", "evidence": action.evidence, "comments": action.comments,
    }


def _count_sentence(count: int, one: str, many: str, none: str, detail: str) -> str:
    if not count:
        return none
    detail = detail.format(its="its" if count == 1 else "their")
    return f"{count} action{' ' + one if count == 1 else 's ' + many}{detail}."

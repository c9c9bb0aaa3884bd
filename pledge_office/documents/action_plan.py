"""The Word action plan, made from a returned (and possibly merged) review."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Dict, List, Optional

from pledge_office.documents.context import (
    chosen_template, governance_fields, pledge_fields, returned_council_fields, tally_sentence,
)
from pledge_office.model.council import Council
from pledge_office.model.dates import format_uk
from pledge_office.office.outputs import write_json
from pledge_office.model.pledge import Pledge
from pledge_office.model.review import Entry, Review
from pledge_office.model.progress_schema import FIRST_STATUS, status_by_label
from pledge_office.model.review_schema import RATINGS, RATINGS_NEEDING_ACTION, rating_by_label
from pledge_office.office.word import Picture, render_document

NOT_RATED_FILL = "FFFFFF"
UNKNOWN_COUNCIL = "the council"  # reads right in every sentence: "against the council’s day-to-day practice"
UNKNOWN_PERIOD = "(period not known)"
TO_BE_AGREED = "Action to be agreed"
SHORT_TEXT = 90
_ORDER = {"Not met": 3, "Partly met": 2, "Fully met": 1, "Not applicable": 0}


def write_action_plan(
    review: Review, pledge: Pledge, out: Path, *, council: Optional[Council] = None,
    as_of: Optional[date] = None, force: bool = False, template: Optional[Path] = None,
) -> Path:
    """Write the action plan for ``review`` to ``out`` (a .docx)."""
    template = chosen_template(template, council, "action_plan", "action-plan.docx")
    context = plan_context(review, pledge, council, as_of or date.today())
    name = context["council"]["name"]
    return render_document(
        template, context, out, force=force, document="action-plan",
        title=f"{pledge.title} action plan {context['review']['period']}: {name}",
        subject=f"Action plan from the review of the {pledge.title}",
    )


def write_review_json(review: Review, out: Path, force: bool = False) -> Path:
    """Write the parsed review as JSON, for other tools."""
    return write_json(review.to_json(), out, force)


def plan_context(review: Review, pledge: Pledge, council: Optional[Council], as_of: date) -> Dict[str, Any]:
    """Every field the action plan template can use."""
    identity = review.identity
    actions = plan_actions(review.entries, as_of, pledge)
    overdue = sum(1 for a in actions if a["overdue"])
    period = identity.period or period_from_reference(identity.review_id)
    return {
        "council": returned_council_fields(council, identity, UNKNOWN_COUNCIL),
        "pledge": pledge_fields(pledge),
        "logos": {"council": Picture(council.logo, 2.2) if council else ""},
        "review": {
            "period": period or UNKNOWN_PERIOD, "officer": identity.officer or "the nominated officer",
            "reference": identity.review_id, "due": format_uk(_iso(identity.due)),
        },
        "generated": format_uk(as_of),
        "governance": governance_fields(council, as_of),
        "summary": [{**_summary_row(e, pledge), "group": group_starting(pledge, e.ref)} for e in review.entries],
        "ratings_sentence": " ".join(filter(None, [_unknown_sentence(identity, council, period),
                                                   ratings_sentence(review.entries)])),
        "changes": _changes(review.entries, pledge),
        "actions": actions,
        "overdue_sentence": (f"{overdue} action{'s are' if overdue != 1 else ' is'} overdue (marked ‘Overdue’)."
                             if overdue else "No action is overdue."),
        "evidence": [{**_evidence(e, pledge), "group": group_starting(pledge, e.ref)} for e in review.entries],
        "grouped": pledge.has_groups,
        "action_ref_example": action_ref_example(review.entries),
    }


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def action_ref_example(entries: List[Entry]) -> str:
    """Explain an action ref with one from this plan: "g2: commitment g’s second action"."""
    for entry in sorted(entries, key=lambda e: -len([a for a in e.actions if a.text])):
        described = [a for a in entry.actions if a.text]
        if described:
            number = len(described)
            ordinal = _ORDINALS[number - 1] if number <= len(_ORDINALS) else f"number {number}"
            return f"{entry.action_ref(described[-1])}: commitment {entry.ref}’s {ordinal} action"
    return "g2: commitment g’s second action"


def period_from_reference(reference: str) -> str:
    """Return '2026/27' from a reference such as 'EXAMPLESHIRE-2026-27-A1B2C3', or ''."""
    import re

    found = re.search(r"(\d{4})-(\d{2,4})-[0-9A-F]{6}$", reference or "")
    return f"{found.group(1)}/{found.group(2)}" if found else ""


def _unknown_sentence(identity, council: Optional[Council], period: str) -> str:
    """Say in words what the workbook no longer tells (its values were copied into a new file, say)."""
    said = []
    if not (council or identity.council):
        said.append("The returned workbook does not say which council it is for (its details were probably lost "
                    "when it was copied into a new file), so this plan says “the council”; make the plan again "
                    "with --council and the council file to name it.")
    if not period:
        said.append("The returned workbook does not say which review period it covers.")
    return " ".join(said)


def group_starting(pledge: Pledge, ref: str) -> str:
    """Return the heading of the group this commitment opens, or '' (so headings show once, above the first)."""
    for group in pledge.groups:
        if group.heading and group.commitments and group.commitments[0].ref == ref:
            return group.heading
    return ""


def plan_actions(entries: List[Entry], as_of: date, pledge: Optional[Pledge] = None) -> List[Dict[str, Any]]:
    """Return the actions ordered by target date, with 'to be agreed' rows where needed.

    Every action starts 'Not started': progress updates report how it moves on.
    """
    rows = []
    for entry in entries:
        for action in entry.actions:
            rows.append((action.target_date, entry, action.text or "(no description given)", action.lead_line,
                         action.support, action.outcome, entry.action_ref(action) or entry.ref))
        if entry.rating in RATINGS_NEEDING_ACTION and not any(a.text for a in entry.actions):
            rows.append((None, entry, TO_BE_AGREED, "", "", "", entry.ref))
    rows.sort(key=lambda r: (r[0] is None, r[0] or date.max, r[1].ref))
    status = status_by_label(FIRST_STATUS)
    return [
        {"number": n, "ref": entry.ref, "action_ref": action_ref, "commitment": commitment_title(entry, pledge),
         "text": text, "lead": lead or "To be confirmed", "target": format_uk(target) or "To be agreed",
         "overdue": bool(target and target < as_of), "support": support, "outcome": outcome or "To be agreed",
         "status": status.label, "status_fill": status.fill}
        for n, (target, entry, text, lead, support, outcome, action_ref) in enumerate(rows, start=1)
    ]


def commitment_title(entry: Entry, pledge: Optional[Pledge]) -> str:
    """Return 'b. Working together on shared aims': the short title, the full text is in the appendix."""
    clause = pledge.commitment(entry.ref) if pledge else None
    return f"{entry.ref}. {clause.title if clause else _short(entry.commitment)}"


def ratings_sentence(entries: List[Entry]) -> str:
    """Return e.g. 'Of the 8 commitments, 3 are fully met, 4 partly met and 1 not met.'"""
    counts = [(r.label.lower(), sum(1 for e in entries if e.rating == r.label)) for r in RATINGS]
    counts.append(("not yet rated", sum(1 for e in entries if not e.rating)))
    return tally_sentence(counts, len(entries), "commitments", nothing="")


def _summary_row(entry: Entry, pledge: Pledge) -> Dict[str, Any]:
    rating = rating_by_label(entry.rating) if entry.rating else None
    count = sum(1 for a in entry.actions if a.text)
    to_agree = not count and entry.rating in RATINGS_NEEDING_ACTION
    return {"ref": entry.ref, "commitment": commitment_title(entry, pledge).split(". ", 1)[1],
            "rating": entry.rating or "Not rated", "fill": rating.fill if rating else NOT_RATED_FILL,
            "actions": "To be agreed" if to_agree else str(count)}


def _changes(entries: List[Entry], pledge: Pledge) -> List[Dict[str, str]]:
    if not any(e.previous_rating for e in entries):
        return []
    rows = []
    for entry in entries:
        before, now = entry.previous_rating or "Not rated", entry.rating or "Not rated"
        rows.append({"ref": entry.ref, "commitment": commitment_title(entry, pledge).split(". ", 1)[1], "previous": before,
                     "current": now, "change": _change(entry.previous_rating, entry.rating)})
    return rows


def _change(before: Optional[str], now: Optional[str]) -> str:
    if before == now:
        return "No change"
    if before in _ORDER and now in _ORDER and "Not applicable" not in (before, now):
        return "Improved" if _ORDER[now] < _ORDER[before] else "Worse"
    return "Changed"


def _evidence(entry: Entry, pledge: Pledge) -> Dict[str, str]:
    return {"ref": entry.ref, "short": commitment_title(entry, pledge).split(". ", 1)[1], "commitment": entry.commitment,
            "rating": entry.rating or "Not rated", "evidence": entry.evidence or "No evidence given.",
            "comments": entry.comments}


def _short(text: str, limit: int = SHORT_TEXT) -> str:
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit)].rstrip(",;") + "…"


def _iso(value: str) -> Optional[date]:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None

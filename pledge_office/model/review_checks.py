"""Checks on what an officer wrote that are not errors but would mislead a plan if missed.

Also the suggestion for a mistyped rating, which must never cross a negation:
'Mostly met' is not 'Not met'.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path
from typing import Callable, List, Optional

from pledge_office.model.review import Entry, Problem
from pledge_office.model.review_schema import RATING_LABELS, ReviewIdentity

_NEGATION = re.compile(r"\b(not|no|non|none|never|un\w+|\w+n't)\b", re.I)


def suggest_rating(typed: str) -> Optional[str]:
    """Return the rating a mistyped one most likely means, or None; a negated word never suggests an unnegated one."""
    negated = bool(_NEGATION.search(typed))
    lowered = [label.lower() for label in RATING_LABELS]
    for close in difflib.get_close_matches(typed.lower(), lowered, n=len(lowered), cutoff=0.6):
        label = RATING_LABELS[lowered.index(close)]
        if bool(_NEGATION.search(label)) == negated:
            return label
    return None


Where = Callable[[int, str], str]  # (row, column key) -> 'Review!H7'


def answer_warnings(entries: List[Entry], identity: ReviewIdentity, file: Path, where: Where) -> List[Problem]:
    """Warn of a 'Not applicable' with no reason, an action with no lead or date, and a date before the issue date."""
    issued = _iso(identity.generated)
    found: List[Problem] = []
    for entry in entries:
        row = int(entry.source) if entry.source.isdigit() else None
        if row and entry.rating == "Not applicable" and not (entry.comments or entry.evidence):
            found.append(_warning(where(row, "comments"), f"commitment '{entry.ref}' is rated Not applicable with "
                                  "no reason; say why it does not apply in Comments"))
        for action in entry.actions:
            found += _action_warnings(entry, action, issued, where)
    for problem in found:
        problem.file = file
    return found


def _action_warnings(entry: Entry, action, issued: Optional[date], where: Where) -> List[Problem]:
    row = _row_of(action.source)
    if row is None or not action.text:
        return []
    found = []
    if not action.lead:
        found.append(_warning(where(row, "lead"), f"the action for commitment '{entry.ref}' has no lead officer; "
                              "name who will lead it"))
    if not action.target_date:
        found.append(_warning(where(row, "target_date"), f"the action for commitment '{entry.ref}' has no target "
                              "date; give one as DD/MM/YYYY"))
    elif issued and action.target_date < issued:
        found.append(_warning(where(row, "target_date"), before_issue(action.target_date, issued)))
    return found


def before_issue(target: date, issued: date) -> str:
    """Say that a date comes before the workbook was issued, with a swap of day and month when that fits."""
    message = (f"Target date {target.strftime('%d/%m/%Y')} is before the workbook was issued "
               f"({issued.strftime('%d/%m/%Y')})")
    swapped = date(target.year, target.day, target.month) if target.day <= 12 and target.day != target.month else None
    if swapped and swapped >= issued:  # only a swap that gives a possible date is worth suggesting
        return (f"{message}: day and month may have been swapped (by an office suite set to US dates); "
                f"did you mean {swapped.strftime('%d/%m/%Y')}? Type dates as DD/MM/YYYY")
    if swapped:
        return f"{message}, and would be even with day and month swapped: check the year; type dates as DD/MM/YYYY"
    return f"{message}: check it; day and month may have been swapped"


def _row_of(source: str) -> Optional[int]:
    found = re.search(r"!(\d+)$", source or "")
    return int(found.group(1)) if found else None


def _iso(text: str) -> Optional[date]:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _warning(where: str, message: str) -> Problem:
    return Problem(None, where, message, "warning")

"""What a returned progress workbook says: each action's status and update between reviews."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import List, Optional

from pledge_office.errors import WorkbookMismatch
from pledge_office.model.progress_schema import DONE_STATUS, ProgressIdentity
from pledge_office.model.review import Action, Entry, Problem, ReturnedWorkbook, Review


@dataclass
class ActionProgress:
    """One action of the plan and what the officer reported about it."""

    ref: str
    commitment_ref: str
    commitment: str            # 'b. Working together on shared aims'
    text: str
    outcome: str = ""
    lead: str = ""
    target_date: Optional[date] = None
    last_status: str = ""
    status: Optional[str] = None
    update: str = ""
    revised_date: Optional[date] = None
    evidence: str = ""
    comments: str = ""
    source: str = ""

    @property
    def due_date(self) -> Optional[date]:
        """Return the date the action is now due: the revised date when there is one."""
        return self.revised_date or self.target_date

    @property
    def complete(self) -> bool:
        return self.status == DONE_STATUS

    def overdue(self, as_of: date) -> bool:
        """True when the action is not complete and its (revised) date has passed."""
        return not self.complete and self.due_date is not None and self.due_date < as_of

    def to_json(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"ref": self.ref, "commitment": self.commitment_ref, "action": self.text, "outcome": self.outcome,
                "lead_officer": self.lead, "target_date": iso(self.target_date),
                "status_at_last_update": self.last_status, "status": self.status,
                "progress_update": self.update, "revised_target_date": iso(self.revised_date),
                "evidence_of_completion": self.evidence, "comments": self.comments}


@dataclass
class ProgressReturn(ReturnedWorkbook):
    """A returned progress workbook: which plan and update, and every action's progress."""

    identity: ProgressIdentity
    actions: List[ActionProgress]
    files: List[Path]
    problems: List[Problem] = field(default_factory=list)
    sent: Optional[datetime] = None
    sender: str = ""
    source: Optional[Path] = None
    returned: Optional[datetime] = None   # as for a review: emailed, else last saved, else the file's time
    returned_how: str = ""
    saved_by: str = ""

    kind = "progress"

    def action(self, ref: str) -> Optional[ActionProgress]:
        return self._by_ref(self.actions, ref)

    def to_json(self) -> dict:
        ident = self.identity
        return {
            "progress_id": ident.progress_id, "review_id": ident.review_id, "council": ident.council,
            "period": ident.period, "update": ident.update, "officer": ident.officer,
            "generated": ident.generated, "due": ident.due or None,
            "files": [str(f) for f in self.files],
            "actions": [a.to_json() for a in self.actions],
            "warnings": [str(p) for p in self.warnings],
        }


def review_from_progress(progress: ProgressReturn, pledge) -> Review:
    """Return what the next review needs from a progress return: each commitment's rating at the
    last review and its open actions, each with its latest status and the date it is now due."""
    ratings = dict(progress.identity.ratings)
    ident = progress.identity
    from pledge_office.model.review_schema import ReviewIdentity

    identity = ReviewIdentity(review_id=ident.review_id, council=ident.council, council_short=ident.council_short,
                              pledge_version=ident.pledge_version, period=ident.period, generated=ident.generated,
                              tool_version=ident.tool_version, officer=ident.officer, due=ident.due)
    entries = []
    for clause in pledge.commitments:
        entry = Entry(ref=clause.ref, commitment=clause.text, rating=ratings.get(clause.ref) or None)
        entry.actions = [Action(text=a.text, lead=a.lead, target_date=a.due_date,
                                status=a.status or a.last_status or "Not started")
                         for a in progress.actions if a.commitment_ref == clause.ref and not a.complete]
        entries.append(entry)
    return Review(identity=identity, entries=entries, files=list(progress.files), problems=list(progress.problems))


# When departments report an action differently, the report shows the status that asks most of scrutiny.
_CAUTION = {"Off track": 4, "At risk": 3, "Not started": 2, "On track": 1, "Complete": 0}


def merge_progress(returns: List[ProgressReturn], problems: List[Problem]) -> ProgressReturn:
    """Combine copies of one progress update (one per department, say), as reviews are combined.

    ``problems`` gains what the combining finds, and loses each copy's 'no status' warning
    for an action another copy gives a status.

    Each action's words from every copy are kept (each naming its file when they differ); where
    copies give different statuses or revised dates, the tool says so and shows the most cautious
    (the status with most concern, the later date), whatever order the files came in. Returns of
    different updates or plans are refused.
    """
    from pledge_office.model.review_merge import joined_texts

    first = returns[0]
    for other in returns[1:]:
        if other.identity.progress_id != first.identity.progress_id:
            raise WorkbookMismatch(
                f"is progress update {other.identity.progress_id}, but {first.files[0]} is "
                f"{first.identity.progress_id}; give the returns of one progress update at a time", file=other.files[0])
    if len(returns) == 1:
        return first
    actions = []
    for action in first.actions:
        parts = [(r, r.action(action.ref)) for r in returns]
        parts = [(r, c) for r, c in parts if c is not None]
        statuses = {c.status for _, c in parts if c.status}
        status = max(statuses, key=lambda s: _CAUTION.get(s, 5)) if statuses else None
        if len(statuses) > 1:
            detail = "; ".join(f"'{c.status}' in {r.files[0].name}" for r, c in parts if c.status)
            problems.append(Problem(first.files[0], "", f"action '{action.ref}' has different statuses ({detail}); "
                                                        f"the report shows '{status}', the most cautious", "warning"))
        dates = {c.revised_date for _, c in parts if c.revised_date}
        revised = max(dates) if dates else None
        if len(dates) > 1:
            detail = "; ".join(f"{c.revised_date:%d/%m/%Y} in {r.files[0].name}" for r, c in parts if c.revised_date)
            problems.append(Problem(first.files[0], "", f"action '{action.ref}' has different revised target dates "
                                                        f"({detail}); the report shows the later", "warning"))
        actions.append(replace(action, status=status, revised_date=revised,
                               update=joined_texts([(r, c.update) for r, c in parts]),
                               evidence=joined_texts([(r, c.evidence) for r, c in parts]),
                               comments=joined_texts([(r, c.comments) for r, c in parts])))
    given = {a.ref for a in actions if a.status}
    problems[:] = [p for p in problems if not _status_given_elsewhere(p, given)]
    return ProgressReturn(identity=first.identity, actions=actions, files=[f for r in returns for f in r.files],
                          problems=[p for r in returns for p in r.problems if not _status_given_elsewhere(p, given)],
                          sent=first.sent, sender=first.sender)


_NO_STATUS = re.compile(r"no status for action '([^']+)'; pick one")


def _status_given_elsewhere(problem: Problem, given: set) -> bool:
    """A copy's 'no status' warning, for an action another copy gives a status: not worth saying."""
    found = _NO_STATUS.search(problem.message)
    return bool(found) and found.group(1) in given and problem.severity != "error"

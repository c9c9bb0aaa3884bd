"""What a returned review says: the middle of the tool speaks these, not cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import List, Optional

from pledge_office.findings import Finding
from pledge_office.model.dates import format_uk
from pledge_office.model.review_schema import ReviewIdentity


# The review code calls its findings problems: the same type as every other check's.
Problem = Finding


@dataclass
class LeftOut:
    """A returned file that was not used, and why: never dropped without a word."""

    file: Path
    council: str          # '' when the file could not be read far enough to tell
    reason: str
    problems: List[str] = field(default_factory=list)  # its first problems, when it was left out for them
    bad: bool = False     # True: unusable (errors); False: set aside by the rule (superseded, older review)
    told_at: Optional[Path] = None  # the file the message is about, when not this one (the return used instead)

    def note(self) -> Problem:
        """Return the message that names this file and why it was not used."""
        return Problem(self.told_at or self.file, "", self.reason, "error" if self.bad else "note")


@dataclass
class Action:
    """Something the council will do to meet a commitment more fully."""

    text: str
    lead: str = ""
    target_date: Optional[date] = None
    support: str = ""
    source: str = ""     # "file: Review!row" for reports
    outcome: str = ""    # the outcome or measure of success
    lead_post: str = ""  # the lead officer's job title
    status: str = ""     # the latest status reported on it, when read from a progress return

    @property
    def lead_line(self) -> str:
        """Return 'Name, Post', or whichever of the two is known."""
        return ", ".join(p for p in (self.lead, self.lead_post) if p)

    def describe(self) -> str:
        """Return 'Action (Lead, by 31 March 2027)' for a one-line summary."""
        details = ", ".join(p for p in (self.lead, f"by {format_uk(self.target_date)}" if self.target_date else "") if p)
        line = f"{self.text} ({details})" if details else self.text
        return f"{line}: {self.status}" if self.status else line

    def to_json(self) -> dict:
        """Return the action as JSON; outcome and post only when given (older workbooks have neither)."""
        data = {"action": self.text, "lead_officer": self.lead,
                "target_date": self.target_date.isoformat() if self.target_date else None,
                "support_requested": self.support}
        if self.outcome:
            data["outcome"] = self.outcome
        if self.lead_post:
            data["lead_officer_post"] = self.lead_post
        return data


@dataclass
class Entry:
    """One commitment's row (and any further-action rows below it)."""

    ref: str
    commitment: str                 # the pledge's own text
    rating: Optional[str] = None
    evidence: str = ""
    comments: str = ""
    actions: List[Action] = field(default_factory=list)
    previous_rating: Optional[str] = None
    source: str = ""

    def action_ref(self, action: "Action") -> str:
        """Return an action's ref: the commitment's ref and its number among the described actions ('g2', '8.1').

        The action plan and the progress workbook both name actions this way; an action
        with no description has no ref (it is not monitored until it is described).
        """
        described = [a for a in self.actions if a.text]
        if action not in described:
            return ""
        # A numbered commitment's actions need a point between the numbers: '8.1', never '81'.
        joint = "." if self.ref[-1:].isdigit() else ""
        return f"{self.ref}{joint}{described.index(action) + 1}"

    def to_json(self) -> dict:
        return {
            "ref": self.ref, "commitment": self.commitment, "rating": self.rating,
            "previous_rating": self.previous_rating,
            "evidence": self.evidence, "comments": self.comments,
            "actions": [a.to_json() for a in self.actions],
        }


class ReturnedWorkbook:
    """Who sent a returned workbook back and what is wrong with it: the same for a review and a progress return.

    Mixed into the dataclasses that have ``problems``, ``sender`` and ``saved_by`` fields.
    """

    @property
    def officer(self) -> str:
        """Return who sent this return back: the email's sender, else who last saved it ('' if unknown)."""
        return self.sender or self.saved_by

    @property
    def errors(self) -> List[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> List[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @staticmethod
    def _by_ref(items, ref: str):
        """Return the item (an entry, an action) whose ref is ``ref``, whatever the case and spaces; None if none."""
        wanted = ref.strip().lower()
        return next((item for item in items if item.ref.lower() == wanted), None)


@dataclass
class Review(ReturnedWorkbook):
    """A returned review: who, which pledge, and an entry per commitment."""

    identity: ReviewIdentity
    entries: List[Entry]
    files: List[Path]
    problems: List[Problem] = field(default_factory=list)
    sent: Optional[datetime] = None   # when it was emailed back, if it came by email
    sender: str = ""
    source: Optional[Path] = None     # the file it came in (an email may carry several workbooks)
    returned: Optional[datetime] = None  # when it came back: the email's date, else last saved, else the file's time
    returned_how: str = ""               # which of those 'returned' is: 'emailed', 'last saved', 'file time'
    saved_by: str = ""                   # who last saved the workbook, from its properties

    def entry(self, ref: str) -> Optional[Entry]:
        return self._by_ref(self.entries, ref)

    def to_json(self) -> dict:
        ident = self.identity
        return {
            "review_id": ident.review_id, "council": ident.council, "period": ident.period,
            "pledge_version": ident.pledge_version, "officer": ident.officer,
            "generated": ident.generated, "due": ident.due or None,
            "files": [str(f) for f in self.files],
            "commitments": [e.to_json() for e in self.entries],
            "warnings": [str(p) for p in self.warnings],
        }

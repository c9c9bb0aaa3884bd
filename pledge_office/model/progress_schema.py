"""The progress workbook's shape and the status scale, declared once for writer and reader.

A progress workbook carries the action plan between reviews: one row per
action, its text locked, and the officer's status and update beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from pledge_office.model.review_schema import Column, ScalePoint, point_by_label

PROGRESS_SHEET = "Progress"
PROGRESS_FORMAT_NAME = "pledge-office progress workbook"
PROGRESS_FORMAT_VERSION = "1"
PROGRESS_REFERENCE_LABEL = "Progress reference:"


@dataclass(frozen=True)
class Status(ScalePoint):
    """One point on the status scale of an action, in words and colour."""


STATUSES: Tuple[Status, ...] = (
    Status("Not started", "Work on the action has not begun.", "E7E6E6", "262626"),
    Status("On track", "Work has begun and the action will be done by its target date.", "C6EFCE", "00501E"),
    Status("At risk", "The action may miss its target date or fall short; say why in the update.", "FFEB9C", "5C3B00"),
    Status("Off track", "The action will miss its target date or has stalled; give a revised date.", "FFC7CE", "7A0010"),
    Status("Complete", "The action is done; say what shows it in 'Evidence of completion'.", "BDD7EE", "0B2E59"),
)
STATUS_LABELS = tuple(s.label for s in STATUSES)
FIRST_STATUS = "Not started"
DONE_STATUS = "Complete"

_ALIASES = {"done": "Complete", "completed": "Complete", "finished": "Complete", "not begun": "Not started",
            "on target": "On track", "green": "On track", "amber": "At risk", "red": "Off track",
            "delayed": "Off track", "ontrack": "On track", "at-risk": "At risk", "off-track": "Off track"}


def status_by_label(label: str) -> Optional[Status]:
    """Return the status a cell means, ignoring case, spaces, a final full stop and common words for it."""
    return point_by_label(STATUSES, _ALIASES, label)


PROGRESS_COLUMNS: Tuple[Column, ...] = (
    Column("action_ref", "Action ref", 8, False),
    Column("commitment", "Commitment", 26, False),
    Column("action", "Action", 34, False),
    Column("outcome", "Outcome or measure of success", 28, False),
    Column("lead", "Lead officer", 20, False),
    Column("target_date", "Target date", 12, False, "date"),
    Column("last_status", "Status at last update", 13, False, "status"),
    Column("status", "Status", 14, True, "status",
           "Pick one: Not started, On track, At risk, Off track or Complete."),
    Column("update", "Progress update", 38, True, "text",
           "What has been done since the last update, and what happens next."),
    Column("revised_date", "Revised target date", 13, True, "date",
           "Only if the target date has moved: the new date, as DD/MM/YYYY, e.g. 30/09/2027."),
    Column("evidence", "Evidence of completion", 28, True, "text",
           "For a completed action: what shows it is done (a document, a decision, a link)."),
    Column("comments", "Comments", 22, True),
)
PROGRESS_REQUIRED = tuple(c.key for c in PROGRESS_COLUMNS if c.required)


@dataclass(frozen=True)
class PlannedAction:
    """An action as the plan agreed it: what the progress workbook locks, kept in its hidden sheet."""

    ref: str                 # 'b1': the commitment's letter and the action's number within it
    commitment_ref: str
    text: str
    outcome: str = ""
    lead: str = ""           # name and post
    target: str = ""         # ISO date or ""
    last_status: str = ""    # at the previous update ("Not started" for a new plan)
    revised: str = ""        # the latest revised target date, ISO, or ""


@dataclass(frozen=True)
class ProgressIdentity:
    """What ties a returned progress workbook to its plan, council and update."""

    progress_id: str
    review_id: str           # the review the plan came from
    council: str
    council_short: str
    pledge_version: str
    period: str              # the review period of the plan
    update: str              # the progress update's number, "1", "2", ...
    generated: str           # ISO date
    tool_version: str
    officer: str = ""
    due: str = ""
    governance: Tuple[Tuple[str, str], ...] = ()   # the plan's governance block, as written
    ratings: Tuple[Tuple[str, str], ...] = ()      # commitment ref -> rating at the review
    actions: Tuple[PlannedAction, ...] = ()

    def as_rows(self) -> Tuple[Tuple[str, str], ...]:
        """Return the identity as (key, value) rows for the hidden sheet."""
        import json

        rows = [
            ("format", PROGRESS_FORMAT_NAME), ("format_version", PROGRESS_FORMAT_VERSION),
            ("progress_id", self.progress_id), ("review_id", self.review_id), ("council", self.council),
            ("council_short", self.council_short), ("pledge_version", self.pledge_version),
            ("period", self.period), ("update", self.update), ("generated", self.generated),
            ("tool_version", self.tool_version), ("officer", self.officer), ("due", self.due),
        ]
        rows += [(f"governance {key}", value) for key, value in self.governance]
        rows += [(f"rating {ref}", value) for ref, value in self.ratings]
        rows += [(f"action {a.ref}", json.dumps(a.__dict__, ensure_ascii=False)) for a in self.actions]
        return tuple(rows)


PROGRESS_PROPERTIES = ("progress_id", "review_id", "council", "period", "update")

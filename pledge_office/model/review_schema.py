"""The review workbook's shape, declared once: used by the writer and the reader.

Change a header here and both sides change together, so the round trip
(write, fill in, read back) cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Optional, Sequence, Tuple

REVIEW_SHEET = "Review"
INSTRUCTIONS_SHEET = "Instructions"
IDENTITY_SHEET = "pledge-office"  # hidden; plain cell values survive every office suite
IDENTITY_PROPERTY_PREFIX = "pledge-office "
FORMAT_NAME = "pledge-office review workbook"
FORMAT_VERSION = "1"
REFERENCE_LABEL = "Review reference:"


@dataclass(frozen=True)
class ScalePoint:
    """One point on a scale officers pick from (a rating, a status): in words, with a meaning and colours."""

    label: str
    meaning: str
    fill: str   # background (RGB hex), light so dark text reads at 4.5:1 or better
    font: str   # text colour on that fill


def point_by_label(scale: Sequence[ScalePoint], aliases: Dict[str, str], label: str) -> Optional[ScalePoint]:
    """Return the point a cell means, ignoring case, spaces, a final full stop and the ``aliases`` for points."""
    wanted = " ".join(str(label).split()).lower().rstrip(".")
    wanted = aliases.get(wanted, wanted).lower()
    return next((p for p in scale if p.label.lower() == wanted), None)


@dataclass(frozen=True)
class Rating(ScalePoint):
    """One point on the single rating scale used everywhere in the tool."""


RATINGS: Tuple[Rating, ...] = (
    Rating("Fully met", "Our day-to-day practice meets this commitment in full.", "C6EFCE", "00501E"),
    Rating("Partly met", "We meet this commitment in some services or some of the time; there is more to do.", "FFEB9C", "5C3B00"),
    Rating("Not met", "Our practice does not yet meet this commitment.", "FFC7CE", "7A0010"),
    Rating("Not applicable", "This commitment does not apply to our council (say why in Comments).", "E7E6E6", "262626"),
)
RATING_LABELS = tuple(r.label for r in RATINGS)
RATINGS_NEEDING_ACTION = ("Partly met", "Not met")


ALIASES = {"n/a": "Not applicable", "na": "Not applicable", "not relevant": "Not applicable",
           "met": "Fully met", "fully": "Fully met", "partly": "Partly met", "partially met": "Partly met",
           "partially": "Partly met", "not": "Not met", "unmet": "Not met"}


def rating_by_label(label: str) -> Optional[Rating]:
    """Return the rating a cell means, ignoring case, spaces, a final full stop and common short forms."""
    return point_by_label(RATINGS, ALIASES, label)


@dataclass(frozen=True)
class Column:
    """One column of the Review sheet: the header officers see and the reader finds."""

    key: str
    header: str
    width: float
    editable: bool
    kind: str = "text"  # text | rating | date
    prompt: str = ""
    required: bool = True  # False: added later, so a workbook made before it still reads


COLUMNS: Tuple[Column, ...] = (
    Column("ref", "Ref", 6, False),
    Column("commitment", "Commitment", 52, False),
    Column("rating", "Rating", 15, True, "rating",
           "Pick one: Fully met, Partly met, Not met or Not applicable."),
    Column("evidence", "Evidence of current practice", 38, True, "text",
           "What the council does now that shows how far this is met: policies, examples, numbers."),
    Column("action", "Action needed", 32, True, "text",
           "What will be done to meet this commitment more fully. For a second action, insert a row below."),
    Column("lead", "Lead officer", 20, True),
    Column("target_date", "Target date", 13, True, "date",
           "The date the action should be done by, as DD/MM/YYYY, e.g. 31/03/2027."),
    Column("support", "Support requested", 24, True, "text",
           "Any help the council would like from the umbrella body or the sector."),
    Column("comments", "Comments", 24, True),
    # Added after the first workbooks were sent, and so placed after the
    # columns officers already know: older workbooks, without them, still read.
    Column("outcome", "Outcome or measure of success", 32, True, "text",
           "How you will know the action has worked: a result, a number or a date.", required=False),
    Column("lead_post", "Lead officer's post", 22, True, "text",
           "The lead officer's job title, e.g. Community Partnerships Manager.", required=False),
)
PREVIOUS_COLUMNS: Tuple[Column, ...] = (
    Column("previous_rating", "Previous rating", 14, False),
    Column("previous_actions", "Previous open actions", 36, False),
)
REQUIRED_HEADERS = tuple(c.header for c in COLUMNS if c.required)


@dataclass(frozen=True)
class ReviewIdentity:
    """What ties a returned workbook to its review, council and pledge text."""

    review_id: str
    council: str
    council_short: str
    pledge_version: str
    period: str
    generated: str           # ISO date
    tool_version: str
    fingerprints: Dict[str, str] = field(default_factory=dict)  # commitment ref -> hash
    officer: str = ""
    due: str = ""            # ISO date or ""
    pledge: str = ""         # the pledge's title ('' in workbooks made before pledges were told apart)

    def as_rows(self) -> Tuple[Tuple[str, str], ...]:
        """Return the identity as (key, value) rows for the hidden sheet."""
        rows = [
            ("format", FORMAT_NAME), ("format_version", FORMAT_VERSION),
            ("review_id", self.review_id), ("council", self.council),
            ("council_short", self.council_short), ("pledge_version", self.pledge_version),
            ("period", self.period), ("generated", self.generated),
            ("tool_version", self.tool_version), ("officer", self.officer), ("due", self.due),
        ]
        rows += [("pledge", self.pledge)] if self.pledge else []
        rows += [(f"fingerprint {ref}", value) for ref, value in self.fingerprints.items()]
        return tuple(rows)


IDENTITY_PROPERTIES = ("review_id", "council", "pledge_version", "period")

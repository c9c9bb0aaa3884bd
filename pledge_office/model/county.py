"""The county view: every expected council, where it stands, and its latest review.

Built from the returns that were used (see ``review_merge.choose_returns``),
the files left out, and, when given, the councils sheet's councils. It speaks
councils, ratings and actions; the workbook and the Word summary are written
from it in ``documents/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from pledge_office.model.pledge import Pledge
from pledge_office.model.review import Action, Entry, LeftOut, Review

NOT_RATED = "Not rated"
RETURNED = "Returned"
RETURNED_WITH_ERRORS = "Returned with errors"
NOT_RETURNED = "Not yet returned"
OVERDUE = "Overdue"
FIRST_PROBLEMS = 3  # how many of a left-out file's problems are repeated on the 'Not included' sheet


@dataclass
class Expected:
    """A council the umbrella body expects a return from (a row of the councils sheet)."""

    name: str
    short_name: str = ""
    due: Optional[date] = None
    period: str = ""
    folder: Optional[Path] = None  # where 'batch' wrote its documents, when known


@dataclass
class OverdueAction:
    """An action past its target date, with whose it is."""

    council: str
    entry: Entry
    action: Action


@dataclass
class CouncilLine:
    """One council's row of the overview: where it stands, and its latest review's ratings."""

    council: str
    status: str
    due: Optional[date] = None
    period: str = ""
    review: Optional[Review] = None
    ratings: Dict[str, str] = field(default_factory=dict)  # commitment ref -> rating label (or Not rated)
    errors: List[str] = field(default_factory=list)
    expected: bool = True  # False: a return from a council that is not on the councils sheet
    folder: Optional[Path] = None

    returned: Optional[datetime] = None  # when its latest return came back (even one with errors)
    returned_how: str = ""                # 'emailed', 'last saved' or 'file time'
    files: List[Path] = field(default_factory=list)  # the files of its latest review that were used
    bad_files: List[Path] = field(default_factory=list)  # files of its latest review left out for their errors

    @property
    def checked(self) -> str:
        """Say what checking found, naming the files with errors: 'No errors', '2 error(s) in b.xlsx (not used)'."""
        if not (self.review or self.errors):
            return ""
        if not self.errors:
            return "No errors"
        where = f" in {', '.join(f.name for f in self.bad_files)} (not used)" if self.bad_files else ""
        return f"{len(self.errors)} error(s){where}"

    @property
    def actions(self) -> List[Tuple[Entry, Action]]:
        if not self.review:
            return []
        return [(e, a) for e in self.review.entries for a in e.actions if a.text]

    def overdue(self, as_of: date) -> List[Tuple[Entry, Action]]:
        return [(e, a) for e, a in self.actions if a.target_date and a.target_date < as_of]

    def count(self, label: str) -> int:
        return sum(1 for value in self.ratings.values() if value == label)


@dataclass
class CountyView:
    """Everything the summary shows."""

    lines: List[CouncilLine]
    left_out: List[LeftOut]
    as_of: date

    @property
    def with_ratings(self) -> List[CouncilLine]:
        return [line for line in self.lines if line.ratings]

    def overdue_actions(self) -> List[OverdueAction]:
        found = [OverdueAction(line.council, e, a) for line in self.lines for e, a in line.overdue(self.as_of)]
        return sorted(found, key=lambda o: (o.action.target_date, o.council))

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)


def county_view(reviews: List[Review], left_out: List[LeftOut], pledge: Pledge, as_of: date,
                expected: Optional[List[Expected]] = None) -> CountyView:
    """Put each council's latest review against the councils expected; nothing is dropped without a word."""
    from pledge_office.model.review_merge import merge_reviews

    left = list(left_out)
    bad_councils = {item.council for item in left if item.bad and item.council}
    lines: Dict[str, CouncilLine] = {}
    names = _Names(expected or [])
    for council, group in _by_council(reviews, names).items():
        latest = _latest_review(group, left)
        good = [r for r in latest if not r.errors]
        for review in latest:
            if review.errors:
                errors = [str(p) for p in review.errors]
                left.append(LeftOut(review.files[0], council, f"has {len(errors)} error(s); run 'pledge-office "
                                    "check' on it and ask for it to be corrected", errors[:FIRST_PROBLEMS], bad=True))
        merged = merge_reviews(good) if good else None
        status = RETURNED_WITH_ERRORS if len(good) < len(latest) else RETURNED
        last = max(latest, key=lambda r: r.returned.timestamp() if r.returned else 0)
        lines[council] = CouncilLine(council, status, review=merged, period=_period(latest[0]),
                                     due=_iso(latest[0].identity.due), errors=[str(p) for r in latest for p in r.errors],
                                     ratings=_ratings(merged, pledge) if merged else {}, returned=last.returned,
                                     returned_how=last.returned_how, files=[f for r in good for f in r.files],
                                     bad_files=[f for r in latest if r.errors for f in r.files])
    for item in expected or []:
        line = lines.get(item.name)
        if line is None:
            status = RETURNED_WITH_ERRORS if item.name in bad_councils else (
                OVERDUE if item.due and item.due < as_of else NOT_RETURNED)
            line = lines[item.name] = CouncilLine(item.name, status, period=item.period)
        line.due = item.due or line.due
        line.period = line.period or item.period
        line.folder = item.folder
    if expected is not None:
        for line in lines.values():
            line.expected = line.council in names.full
    ordered = sorted(lines.values(), key=lambda line: line.council.lower())
    return CountyView(ordered, left, as_of)


class _Names:
    """Match a return to the councils sheet by full name, else by short name."""

    def __init__(self, expected: List[Expected]):
        self.full = {e.name for e in expected}
        self.by_key = {e.name.lower(): e.name for e in expected}
        self.by_key.update({e.short_name.lower(): e.name for e in expected if e.short_name})

    def of(self, review: Review) -> str:
        ident = review.identity
        for key in (ident.council, ident.council_short):
            if key and key.lower() in self.by_key:
                return self.by_key[key.lower()]
        return ident.council or str(review.files[0])


def _by_council(reviews: List[Review], names: _Names) -> Dict[str, List[Review]]:
    grouped: Dict[str, List[Review]] = {}
    for review in reviews:
        grouped.setdefault(names.of(review), []).append(review)
    return grouped


def _latest_review(group: List[Review], left: List[LeftOut]) -> List[Review]:
    """Keep the returns of the council's latest review; name the returns of older ones.

    Latest means the later period (from the workbook, else from its reference), then the
    later date made, then the later email; never the order the files were given in.
    """
    by_review: Dict[str, List[Review]] = {}
    for review in group:
        by_review.setdefault(review.identity.review_id, []).append(review)
    ranked = sorted(by_review, key=lambda rid: _recency(by_review[rid]), reverse=True)
    latest_id = ranked[0]
    latest = by_review[latest_id]
    for rid in ranked[1:]:
        older = by_review[rid]
        same = _recency(older)[:2] == _recency(latest)[:2]
        why = ("is a review of the same period as the one shown, and there is no way to tell which is "
               "meant; give only the one to count" if same else "is an older review of this council")
        for review in older:
            left.append(LeftOut(review.files[0], review.identity.council,
                                f"not used: it {why} ({_period(review) or rid}, made "
                                f"{review.identity.generated or 'on an unknown date'}); the summary shows "
                                f"{latest[0].files[0]} ({_period(latest[0]) or latest_id}, made "
                                f"{latest[0].identity.generated or 'on an unknown date'})"))
    return latest


def _recency(reviews: List[Review]):
    """Sort key of one review's returns: period, date made, when sent back, then the file name."""
    sent = max((r.sent.timestamp() for r in reviews if r.sent), default=0.0)
    return (_period(reviews[0]).replace("/", "-"), reviews[0].identity.generated or "", sent,
            str(reviews[0].files[0]))


def _period(review: Review) -> str:
    """The review's period, or the one in its reference (EXAMPLESHIRE-2026-27-A1B2C3) when the workbook lost it."""
    import re

    if review.identity.period:
        return review.identity.period
    found = re.search(r"(\d{4})-(\d{2,4})-[0-9A-F]{6}$", review.identity.review_id or "")
    return f"{found.group(1)}/{found.group(2)}" if found else ""


def _ratings(review: Review, pledge: Pledge) -> Dict[str, str]:
    ratings = {c.ref: NOT_RATED for c in pledge.commitments}
    ratings.update({e.ref: e.rating or NOT_RATED for e in review.entries if e.ref in ratings})
    return ratings


def _iso(text: str) -> Optional[date]:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None

"""Merging several returned workbooks of one review (e.g. one per department)."""

from __future__ import annotations

import re
from typing import Dict, List, Tuple

from pledge_office.errors import WorkbookMismatch
from pledge_office.model.review import Entry, LeftOut, Problem, Review

# When departments disagree, the plan shows the rating with the most work to do.
_SEVERITY = {"Not met": 3, "Partly met": 2, "Fully met": 1, "Not applicable": 0, None: -1}


def check_same_review(reviews: List[Review], allow_mixed: bool = False) -> None:
    """Refuse workbooks from different reviews or councils, unless told to mix them."""
    if allow_mixed or len(reviews) < 2:
        return
    first = reviews[0]
    for other in reviews[1:]:
        if other.identity.council != first.identity.council:
            raise WorkbookMismatch(
                f"is for {other.identity.council or 'another council'}, but {first.files[0]} is for "
                f"{first.identity.council}; give one council's workbooks at a time, or add --allow-mixed",
                file=other.files[0])
        if other.identity.review_id != first.identity.review_id:
            raise WorkbookMismatch(
                f"belongs to review {other.identity.review_id}, but {first.files[0]} to "
                f"{first.identity.review_id}; give one review's workbooks at a time, or add --allow-mixed",
                file=other.files[0])


def merge_reviews(reviews: List[Review], allow_mixed: bool = False) -> Review:
    """Combine workbooks of one review; disagreements are reported, never dropped."""
    check_same_review(reviews, allow_mixed)
    if len(reviews) == 1:
        return reviews[0]
    problems = [p for r in reviews for p in r.problems]
    entries = [_merge_entry([r for r in reviews], i, problems) for i in range(len(reviews[0].entries))]
    merged = Review(identity=reviews[0].identity, entries=entries,
                    files=[f for r in reviews for f in r.files], problems=problems)
    dated = [r for r in reviews if r.returned]
    if dated:  # the review came back when its last part did
        last = max(dated, key=lambda r: r.returned)
        merged.returned, merged.returned_how = last.returned, last.returned_how
    return merged


def _merge_entry(reviews: List[Review], index: int, problems: List[Problem]) -> Entry:
    base = reviews[0].entries[index]
    parts = [(r, r.entry(base.ref)) for r in reviews]
    parts = [(r, e) for r, e in parts if e is not None]
    ratings = {e.rating for _, e in parts if e.rating}
    merged = Entry(ref=base.ref, commitment=base.commitment)
    merged.rating = max(ratings, key=lambda r: _SEVERITY[r]) if ratings else None
    if len(ratings) > 1:
        detail = "; ".join(f"'{e.rating}' in {r.files[0].name}" for r, e in parts if e.rating)
        problems.append(Problem(reviews[0].files[0], "", f"commitment '{base.ref}' is rated differently "
                                f"({detail}); the plan shows '{merged.rating}'", "warning"))
    merged.previous_rating = next((e.previous_rating for _, e in parts if e.previous_rating), None)
    merged.evidence = joined_texts([(r, e.evidence) for r, e in parts])
    merged.comments = joined_texts([(r, e.comments) for r, e in parts])
    seen = set()
    for _, e in parts:
        for action in e.actions:
            key = (action.text.lower(), action.lead.lower(), action.target_date)
            if key not in seen:
                seen.add(key)
                merged.actions.append(action)
    return merged


def joined_texts(texts) -> str:
    """Join each return's words once; when they differ, each names the file it came from."""
    distinct = []
    for review, text in texts:
        if text and text not in [t for _, t in distinct]:
            distinct.append((review, text))
    if len(distinct) <= 1:
        return distinct[0][1] if distinct else ""
    return "\n".join(f"{text} ({review.files[0].name})" for review, text in distinct)


# -- which returns of one review are used ------------------------------------------------

_DRAFT = re.compile(r"(?<![a-z])draft(?![a-z])", re.I)


def choose_returns(reviews: List[Review]) -> Tuple[List[Review], List[LeftOut]]:
    """Apply the one rule for several files of one council's review; return those used and those set aside.

    A later return from the same officer supersedes an earlier one (a draft, then a
    correction); returns from different officers (departments) are all used, to be
    merged. A file whose name says it is a draft gives way to one that does not.
    Workbooks sent together in one email are used together.
    """
    by_review: Dict[str, List[Review]] = {}
    for review in reviews:
        # A progress update is a return of its own: updates 1 and 2 of one plan are never merged.
        key = getattr(review.identity, "progress_id", "") or review.identity.review_id
        by_review.setdefault(key or str(review.files[0]), []).append(review)
    left: List[LeftOut] = []
    kept = set()
    for group in by_review.values():
        group = _drop_drafts(group, left)
        for same_officer in _by_officer(group):
            kept.update(id(r) for r in _latest_of(same_officer, left))
    return [r for r in reviews if id(r) in kept], left


def _drop_drafts(group: List[Review], left: List[LeftOut]) -> List[Review]:
    finals = [r for r in group if not _DRAFT.search(r.files[0].name)]
    if not finals or len(finals) == len(group):
        return group
    for review in group:
        if review not in finals:
            left.append(LeftOut(review.files[0], review.identity.council,
                                f"not used: its name says it is a draft, and {finals[0].files[0].name} (not a draft) "
                                f"was also returned for review {review.identity.review_id}"))
    return finals


def _by_officer(group: List[Review]) -> List[List[Review]]:
    """Group returns by who sent them back; a return whose officer is unknown stands alone."""
    from email.utils import parseaddr

    officers: Dict[str, List[Review]] = {}
    for index, review in enumerate(group):
        who = (parseaddr(review.officer)[1] or review.officer).strip().lower()
        officers.setdefault(who or f"unknown {index}", []).append(review)
    return list(officers.values())


def _latest_of(returns: List[Review], left: List[LeftOut]) -> List[Review]:
    dated = [r for r in returns if r.returned]
    if len(returns) == 1 or len(dated) < len(returns):
        return returns  # no way to tell which came later: all are used, and merging says where they differ
    winner = max(returns, key=lambda r: r.returned)
    # Workbooks of one email are used together; a forwarded original inside it keeps its own
    # (earlier) date, so the correction replaces it.
    used = [r for r in returns if r is winner or r.returned == winner.returned
            or (r.source == winner.source and r.sent == winner.sent)]
    for review in returns:
        if review in used:
            continue
        left.append(LeftOut(review.files[0], review.identity.council,
                            f"used this return of review {review.identity.review_id}, {_when(winner)}, rather "
                            f"than {review.files[0].name}, {_when(review)} by the same officer ({review.officer}): "
                            "a later return replaces an earlier one", told_at=winner.files[0]))
    return used


def _when(review: Review) -> str:
    verb = {"emailed": "sent", "last saved": "saved", "file time": "dated"}.get(review.returned_how, "sent")
    return f"{verb} {review.returned.strftime('%d/%m/%Y %H:%M')}" if review.returned else "at an unknown time"

"""Merging several returned workbooks of one review (e.g. one per department)."""

from __future__ import annotations

from typing import List

from pledge_office.errors import WorkbookMismatch
from pledge_office.model.review import Entry, Problem, Review

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
    return Review(identity=reviews[0].identity, entries=entries,
                  files=[f for r in reviews for f in r.files], problems=problems)


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
    merged.evidence = _joined([(r, e.evidence) for r, e in parts])
    merged.comments = _joined([(r, e.comments) for r, e in parts])
    seen = set()
    for _, e in parts:
        for action in e.actions:
            key = (action.text.lower(), action.lead.lower(), action.target_date)
            if key not in seen:
                seen.add(key)
                merged.actions.append(action)
    return merged


def _joined(texts) -> str:
    distinct = []
    for review, text in texts:
        if text and text not in [t for _, t in distinct]:
            distinct.append((review, text))
    if len(distinct) <= 1:
        return distinct[0][1] if distinct else ""
    return "\n".join(f"{text} ({review.files[0].name})" for review, text in distinct)

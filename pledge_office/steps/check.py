"""The 'check' command: read every returned workbook given and say what is wrong."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import List, Optional, Tuple

from pledge_office.errors import PledgeOfficeError, ReviewHasErrors, WorkbookMismatch
from pledge_office.office.outputs import check_can_write
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.model.review import Problem, Review


def read_all(paths: List[Path], pledge, strict: bool, password=None) -> Tuple[List[Review], List[Problem]]:
    """Read every workbook in the files given (emails included).

    A file that cannot be read at all becomes one error line; the same file
    given twice is read once; the same review returned twice by the same
    sender is taken from the later email.
    """
    from pledge_office.inputs.returned_files import collect_workbooks
    from pledge_office.inputs.review_reader import read_review

    reviews: List[Review] = []
    problems: List[Problem] = []
    seen: dict = {}
    for path in paths:
        try:
            workbooks = collect_workbooks(Path(path), password)
        except PledgeOfficeError as exc:
            problems.append(Problem(exc.file or Path(path), exc.where or "", exc.message, "error"))
            continue
        for workbook in workbooks:
            if _seen_before(workbook, seen, problems):
                continue
            try:
                review = read_review(workbook.label, pledge, strict=strict, data=workbook.data)
            except PledgeOfficeError as exc:
                problems.append(Problem(exc.file or workbook.label, exc.where or "", exc.message, "error"))
                continue
            review.sent, review.sender, review.source = workbook.sent, workbook.sender, workbook.source
            review.problems[:0] = [Problem(workbook.label, "", note, "note") for note in workbook.notes]
            reviews.append(review)
    return _latest_returns(reviews, problems), problems


def _seen_before(workbook, seen: dict, problems: List[Problem]) -> bool:
    import hashlib

    digest = hashlib.sha256(workbook.data).hexdigest()
    if digest in seen:
        problems.append(Problem(workbook.label, "", f"is the same workbook as {seen[digest]}; it was read once", "warning"))
        return True
    seen[digest] = workbook.label
    return False


def _latest_returns(reviews: List[Review], problems: List[Problem]) -> List[Review]:
    """Keep only the latest email of one review from one sender: a correction replaces the first reply."""
    latest: dict = {}
    for review in reviews:
        if not (review.sender and review.sent and review.identity.review_id):
            continue
        key = (review.identity.review_id, review.sender.lower())
        if key not in latest or review.sent > latest[key].sent:
            latest[key] = review
    kept = []
    for review in reviews:
        key = (review.identity.review_id, (review.sender or "").lower())
        winner = latest.get(key)
        # Workbooks of one email (departments' copies) are merged, never replaced.
        if winner is None or winner is review or winner.source == review.source or winner.sent == review.sent:
            kept.append(review)
            continue
        problems.append(Problem(
            winner.files[0], "", f"used this return of review {review.identity.review_id}, sent "
            f"{_when(winner.sent)}, rather than {review.files[0]}, sent {_when(review.sent)} by the same "
            "sender: the later email replaces the earlier one", "note"))
    return kept


def _when(moment) -> str:
    return moment.strftime("%d/%m/%Y %H:%M") if moment else "at an unknown time"


def council_mismatches(reviews: List[Review], council_file: Optional[Path]) -> List[Problem]:
    """Report workbooks that belong to another council than the council file's."""
    if council_file is None:
        return []
    from pledge_office.inputs.council_file import load_council

    council = load_council(council_file, check_logos=False)
    return [
        Problem(r.files[0], "", f"this workbook is for {r.identity.council}, not {council.name}; "
                                "check you attached the right council's workbook")
        for r in reviews if r.identity.council and r.identity.council != council.name
    ]


def check_workbooks(paths: List[Path], pledge_file: Optional[Path], council_file: Optional[Path],
                    strict: bool, password=None) -> Tuple[List[str], int, List[str]]:
    """Return the problem lines for ``check``, the number of errors, and a summary line per workbook."""
    pledge = load_pledge(pledge_file)
    reviews, problems = read_all(paths, pledge, strict, password)
    problems = problems + [p for r in reviews for p in r.problems]
    problems += council_mismatches(reviews, council_file)
    summaries = [describe(r) for r in reviews]
    return [str(p) for p in problems], sum(1 for p in problems if p.severity == "error"), summaries


def describe(review: Review) -> str:
    """Return e.g. 'returned.xlsx: Exampleshire County Council, review 2026/27 (EXA-1), 8 commitments, 4 actions'."""
    ident = review.identity
    actions = sum(len(e.actions) for e in review.entries)
    rated = sum(1 for e in review.entries if e.rating)
    return (f"{review.files[0]}: {ident.council or 'unknown council'}, review {ident.period} "
            f"({ident.review_id}), {rated} of {len(review.entries)} commitments rated, {actions} action(s)")

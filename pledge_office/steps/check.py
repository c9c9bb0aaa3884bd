"""The 'check' command: read every returned workbook given and say what is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Tuple

from pledge_office.errors import PledgeOfficeError, ReviewHasErrors
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.model.review import LeftOut, Problem, Review


@dataclass
class Returns:
    """What came back: the returns used, what was said about the files, and the files not used."""

    reviews: List[Review]
    problems: List[Problem]
    left_out: List[LeftOut] = field(default_factory=list)


KIND_ADVICE = {  # what to say when a workbook of one kind is given where another is wanted
    "progress": "is a progress workbook, not a review; give it to 'pledge-office progress-report' "
                "(or to 'review-workbook --previous')",
    "review": "is a review workbook, not a progress workbook; make the progress workbook from it with "
              "'pledge-office progress-workbook'",
}


def read_returned(label: Path, data: bytes, pledge, strict: bool, kinds=("review",)):
    """Read one workbook as a review or a progress return, whichever it is; refuse a kind not wanted."""
    from pledge_office.inputs.progress_reader import read_progress, workbook_kind
    from pledge_office.inputs.review_reader import read_review

    kind = workbook_kind(data)
    if kind not in kinds:
        raise ReviewHasErrors(KIND_ADVICE[kind], file=label)
    reader = read_progress if kind == "progress" else read_review
    return reader(label, pledge, strict=strict, data=data)


def read_all(paths: List[Path], pledge, strict: bool, password=None,
             kinds=("review",)) -> Tuple[List[Review], List[Problem]]:
    """Read every workbook in the files given (emails included); see ``read_returns``."""
    returns = read_returns(paths, pledge, strict, password, kinds)
    return returns.reviews, returns.problems


def read_returns(paths: List[Path], pledge, strict: bool, password=None, kinds=("review",)) -> Returns:
    """Read every workbook in the files given (emails included), and apply the rule for several returns.

    A file that cannot be read at all becomes one error line (and is left out);
    the same file given twice is read once; of one review, a later return from
    the same officer replaces an earlier one (``choose_returns``).
    """
    from pledge_office.inputs.returned_files import collect_workbooks
    from pledge_office.model.review_merge import choose_returns

    reviews: List[Review] = []
    problems: List[Problem] = []
    left: List[LeftOut] = []
    seen: dict = {}
    for path in paths:
        try:
            workbooks = collect_workbooks(Path(path), password)
        except PledgeOfficeError as exc:
            problems.append(Problem(exc.file or Path(path), exc.where or "", exc.message, "error"))
            left.append(LeftOut(Path(path), "", exc.message, [str(problems[-1])], bad=True))
            continue
        for workbook in workbooks:
            if _seen_before(workbook, seen, problems):
                continue
            try:
                review = read_returned(workbook.label, workbook.data, pledge, strict, kinds)
            except PledgeOfficeError as exc:
                problems.append(Problem(exc.file or workbook.label, exc.where or "", exc.message, "error"))
                left.append(LeftOut(workbook.label, "", exc.message, [str(problems[-1])], bad=True))
                continue
            _note_return(review, workbook)
            reviews.append(review)
    used, set_aside = choose_returns(reviews)
    problems += [item.note() for item in set_aside]
    return Returns(used, problems, left + set_aside)


def _note_return(review: Review, workbook) -> None:
    """Record where a review came from and when it came back: emailed, else last saved, else the file's time."""
    review.sent, review.sender, review.source = workbook.sent, workbook.sender, workbook.source
    review.saved_by = workbook.saved_by
    for moment, how in ((workbook.sent, "emailed"), (workbook.saved_at, "last saved"), (workbook.file_time, "file time")):
        if moment:
            review.returned, review.returned_how = moment, how
            break
    review.problems[:0] = [Problem(workbook.label, "", note, "note") for note in workbook.notes]


def _seen_before(workbook, seen: dict, problems: List[Problem]) -> bool:
    import hashlib

    digest = hashlib.sha256(workbook.data).hexdigest()
    if digest in seen:
        problems.append(Problem(workbook.label, "", f"is the same workbook as {seen[digest]}; it was read once", "warning"))
        return True
    seen[digest] = workbook.label
    return False


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
    reviews, problems = read_all(paths, pledge, strict, password, kinds=("review", "progress"))
    problems = problems + [p for r in reviews for p in r.problems]
    problems += council_mismatches(reviews, council_file)
    summaries = [describe(r) for r in reviews]
    return [str(p) for p in problems], sum(1 for p in problems if p.severity == "error"), summaries


def describe(review: Review) -> str:
    """Return e.g. 'returned.xlsx: Exampleshire County Council, review 2026/27 (EXA-1), 8 commitments, 4 actions'."""
    ident = review.identity
    if getattr(review, "kind", "") == "progress":
        given = sum(1 for a in review.actions if a.status)
        return (f"{review.files[0]}: {ident.council or 'unknown council'}, progress update {ident.update} of the "
                f"{ident.period} action plan ({ident.progress_id}), {given} of {len(review.actions)} actions with a status")
    # Counted as the plan, the progress workbook and the summary count them: described actions.
    actions = sum(1 for e in review.entries for a in e.actions if a.text)
    undescribed = sum(1 for e in review.entries for a in e.actions if not a.text)
    rated = sum(1 for e in review.entries if e.rating)
    return (f"{review.files[0]}: {ident.council or 'unknown council'}, review {ident.period} "
            f"({ident.review_id}), {rated} of {len(review.entries)} commitments rated, {actions} action(s)"
            + (f" and {undescribed} row(s) with no action described" if undescribed else ""))

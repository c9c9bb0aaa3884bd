"""The 'check' and 'action-plan' commands as plain functions over returned workbooks."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import List, Optional, Tuple

from pledge_office.errors import PledgeOfficeError, ReviewHasErrors, WorkbookMismatch
from pledge_office.outputs import check_can_write
from pledge_office.pledge import load_pledge
from pledge_office.review_model import Problem, Review


def read_all(paths: List[Path], pledge, strict: bool) -> Tuple[List[Review], List[Problem]]:
    """Read every workbook; a file that cannot be read at all becomes one error line."""
    from pledge_office.review_reader import read_review

    reviews, problems = [], []
    for path in _distinct(paths, problems):
        try:
            review = read_review(path, pledge, strict=strict)
        except PledgeOfficeError as exc:
            problems.append(Problem(Path(path), exc.where or "", exc.message, "error"))
            continue
        reviews.append(review)
        problems.extend(review.problems)
    return reviews, problems


def _distinct(paths: List[Path], problems: List[Problem]) -> List[Path]:
    """Drop a file given twice (the same bytes under any name), saying so."""
    import hashlib

    seen: dict = {}
    kept = []
    for path in paths:
        try:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            kept.append(path)
            continue
        if digest in seen:
            problems.append(Problem(Path(path), "", f"is the same file as {seen[digest]}; it was read once", "warning"))
            continue
        seen[digest] = path
        kept.append(path)
    return kept


def council_mismatches(reviews: List[Review], council_file: Optional[Path]) -> List[Problem]:
    """Report workbooks that belong to another council than the council file's."""
    if council_file is None:
        return []
    from pledge_office.council import load_council

    council = load_council(council_file, check_logos=False)
    return [
        Problem(r.files[0], "", f"this workbook is for {r.identity.council}, not {council.name}; "
                                "check you attached the right council's workbook")
        for r in reviews if r.identity.council and r.identity.council != council.name
    ]


def check_workbooks(paths: List[Path], pledge_file: Optional[Path], council_file: Optional[Path],
                    strict: bool) -> Tuple[List[str], int, List[str]]:
    """Return the problem lines for ``check``, the number of errors, and a summary line per workbook."""
    pledge = load_pledge(pledge_file)
    reviews, problems = read_all(paths, pledge, strict)
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


def make_action_plan(paths: List[Path], output: Path, *, json_file: Optional[Path], pledge_file: Optional[Path],
                     council_file: Optional[Path], strict: bool, allow_mixed: bool, as_of: Optional[date],
                     template: Optional[Path], force: bool) -> Tuple[List[Path], List[str]]:
    """Read, check and merge the workbooks, then write the plan (and JSON); return paths and warnings."""
    from pledge_office.action_plan import write_action_plan, write_review_json
    from pledge_office.council import load_council
    from pledge_office.review_merge import merge_reviews

    check_can_write([output] + ([json_file] if json_file else []), force)
    pledge = load_pledge(pledge_file)
    council = load_council(council_file) if council_file else None
    reviews, problems = read_all(paths, pledge, strict)
    errors = [p for p in problems if p.severity == "error"]
    mismatch = council_mismatches(reviews, council_file)
    if mismatch and not allow_mixed:
        raise WorkbookMismatch(mismatch[0].message, file=mismatch[0].file)
    if errors:
        more = f" (and {len(errors) - 1} more: run 'pledge-office check')" if len(errors) > 1 else ""
        first = errors[0]
        raise ReviewHasErrors(f"{first.message}{more}", file=first.file, where=first.where or None)
    review = merge_reviews(reviews, allow_mixed=allow_mixed)
    written = [write_action_plan(review, pledge, output, council=council, as_of=as_of, force=force, template=template)]
    if json_file:
        written.append(write_review_json(review, json_file, force=force))
    return written, [str(p) for p in review.warnings]

"""The 'action-plan' command: read, check and merge the returns, then write the plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import List, Optional, Tuple

from pledge_office.errors import ReviewHasErrors, WorkbookMismatch
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.office.outputs import check_can_write
from pledge_office.steps.check import council_mismatches, read_all


def make_action_plan(paths: List[Path], output: Path, *, json_file: Optional[Path], pledge_file: Optional[Path],
                     council_file: Optional[Path], strict: bool, allow_mixed: bool, as_of: Optional[date],
                     template: Optional[Path], force: bool, password=None) -> Tuple[List[Path], List[str]]:
    """Read, check and merge the workbooks, then write the plan (and JSON); return paths and warnings."""
    from pledge_office.documents.action_plan import write_action_plan, write_review_json
    from pledge_office.inputs.council_file import load_council

    check_can_write([output] + ([json_file] if json_file else []), force)
    pledge = load_pledge(pledge_file)
    council = load_council(council_file) if council_file else None
    review, told = checked_review(paths, pledge, council_file, strict, allow_mixed, password)
    if not any(e.rating for e in review.entries):
        raise ReviewHasErrors("no commitment has been rated yet, so there is no plan to make; "
                              "fill in the workbook first", file=review.files[0])
    written = [write_action_plan(review, pledge, output, council=council, as_of=as_of, force=force, template=template)]
    if json_file:
        written.append(write_review_json(review, json_file, force=force))
    return written, told


def checked_review(paths: List[Path], pledge, council_file: Optional[Path], strict: bool, allow_mixed: bool,
                   password=None, kinds=("review",)):
    """Read, check and merge returned reviews (or one progress return, when ``kinds`` allows it).

    Raise the first error; return the merged review and the warnings to show.
    """
    from pledge_office.model.progress import merge_progress
    from pledge_office.model.review_merge import merge_reviews

    reviews, problems = read_all(paths, pledge, strict, password, kinds)
    errors = [p for p in problems + [p for r in reviews for p in r.problems] if p.severity == "error"]
    mismatch = council_mismatches(reviews, council_file)
    if mismatch and not allow_mixed:
        raise WorkbookMismatch(mismatch[0].message, file=mismatch[0].file)
    if errors:
        more = f" (and {len(errors) - 1} more: run 'pledge-office check')" if len(errors) > 1 else ""
        first = errors[0]
        raise ReviewHasErrors(f"{first.message}{more}", file=first.file, where=first.where or None)
    if not reviews:
        raise ReviewHasErrors("no workbook could be read", file=paths[0])
    progress = [r for r in reviews if getattr(r, "kind", "") == "progress"]
    if progress and len(progress) < len(reviews):
        raise ReviewHasErrors("give the returned progress workbooks of one update, or returned reviews, not both",
                              file=progress[0].files[0])
    merged = merge_progress(progress, problems) if progress else merge_reviews(reviews, allow_mixed=allow_mixed)
    told = [p for p in problems if p.severity != "error"] + [p for p in merged.problems if p.severity != "error"]
    return merged, list(dict.fromkeys(str(p) for p in told))

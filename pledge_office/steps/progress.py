"""The 'progress-workbook' and 'progress-report' commands: the action plan's round trip between reviews."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import List, Optional, Tuple

from pledge_office.errors import ReviewHasErrors, WorkbookMismatch
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.model.progress import ProgressReturn, merge_progress
from pledge_office.office.outputs import check_can_write
from pledge_office.steps.action_plan import checked_review
from pledge_office.steps.check import council_mismatches, read_all


def make_progress_workbook(council_file: Path, returned: List[Path], output: Path, *, email_file: Optional[Path],
                           officer: Optional[str], officer_email: Optional[str], due: Optional[date],
                           pledge_file: Optional[Path], allow_mixed: bool, as_of: Optional[date], force: bool,
                           password=None) -> Tuple[List[Path], List[str]]:
    """Write the progress workbook from a returned review (or the previous progress return); return paths, warnings."""
    from pledge_office.documents.progress_workbook import progress_identity, write_progress_workbook
    from pledge_office.documents.review_workbook import review_settings
    from pledge_office.inputs.council_file import load_inputs

    check_can_write([output] + ([email_file] if email_file else []), force)
    council, pledge = load_inputs(council_file, pledge_file)
    if officer_email:
        council = replace(council, review_officer=replace(council.review_officer, name=officer or
                                                          council.review_officer.name, email=officer_email))
    source, told = checked_review(returned, pledge, council_file, False, allow_mixed, password,
                                  kinds=("review", "progress"))
    if isinstance(source, ProgressReturn):
        told = [line for line in told if "no status for action" not in line]  # carried forward as it stands
    # The review's due date (review.due) is not this workbook's: only --due says when progress is due.
    settings = replace(review_settings(council, officer=officer, period=source.identity.period), due=due)
    identity = progress_identity(council, pledge, settings, source, as_of or date.today())
    if not identity.actions:
        raise ReviewHasErrors("the returned review has no actions, so there is no progress to report",
                              file=source.files[0])
    if email_file and not council.review_officer.email:
        from pledge_office.documents.email_draft import build_draft

        build_draft(council, pledge, settings, council.source)  # says what is missing, before writing
    written = [write_progress_workbook(council, pledge, output, settings, identity, force=force)]
    if email_file:
        from pledge_office.documents.email_draft import write_draft
        from pledge_office.documents.progress_workbook import progress_email_wording

        wording = progress_email_wording(council, pledge, settings, identity, output.name)
        written.append(write_draft(council, pledge, settings, output, email_file, force=force, wording=wording))
    return written, told


def make_progress_report(returned: List[Path], output: Path, *, json_file: Optional[Path],
                         council_file: Optional[Path], pledge_file: Optional[Path], strict: bool,
                         as_of: Optional[date], template: Optional[Path], force: bool,
                         password=None) -> Tuple[List[Path], List[str]]:
    """Read the returned progress workbooks, then write the report (and JSON); return paths and warnings."""
    from pledge_office.documents.progress_report import write_progress_json, write_progress_report
    from pledge_office.inputs.council_file import load_council

    check_can_write([output] + ([json_file] if json_file else []), force)
    pledge = load_pledge(pledge_file)
    council = load_council(council_file) if council_file else None
    returns, problems = read_all(returned, pledge, strict, password, kinds=("progress",))
    problems = problems + [p for r in returns for p in r.problems]
    mismatch = council_mismatches(returns, council_file)
    errors = mismatch + [p for p in problems if p.severity == "error"]
    if errors:
        more = f" (and {len(errors) - 1} more: run 'pledge-office check')" if len(errors) > 1 else ""
        error = WorkbookMismatch if mismatch else ReviewHasErrors
        raise error(f"{errors[0].message}{more}", file=errors[0].file, where=errors[0].where or None)
    if not returns:
        raise ReviewHasErrors("no progress workbook could be read", file=returned[0])
    merged = merge_progress(returns, problems)
    written = [write_progress_report(merged, pledge, output, council=council, as_of=as_of, force=force,
                                     template=template)]
    if json_file:
        written.append(write_progress_json(merged, json_file, force=force))
    told = [str(p) for p in problems if p.severity != "error"]
    return written, list(dict.fromkeys(told))

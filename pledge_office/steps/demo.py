"""The demo: every step of a pledge's life, on a sample council.

By default the bundled pledge and its sample council; a named example (a
second, fictional area's pledge with its own sample council) or any pledge
file can be run instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Tuple

from pledge_office.office.resources import example_files, sample_council_file


def demo_files(example: Optional[str] = None, pledge_file: Optional[Path] = None,
               council_file: Optional[Path] = None) -> Tuple[Optional[Path], Path]:
    """Return the pledge file (None: the bundled one) and council file the demo runs on."""
    if example:
        return example_files(example)
    return pledge_file, council_file or sample_council_file()


def demo_inputs(council_file: Path, pledge_file: Optional[Path]):
    """Load the demo's council and pledge.

    The bundled sample council titles its report after the bundled pledge; run with
    another pledge, its report is titled after that pledge instead.
    """
    from dataclasses import replace

    from pledge_office.inputs.council_file import load_inputs

    council, pledge = load_inputs(council_file, pledge_file)
    if pledge_file is not None and Path(council_file) == sample_council_file():
        council = replace(council, report_title="")
    return council, pledge


def demo_paths(folder: Path, pledge_file: Optional[Path] = None, council_file: Optional[Path] = None) -> List[Path]:
    """Return every file the demo writes, so all can be checked before any is written."""
    from pledge_office.steps.adoption import adoption_pack_paths

    council, pledge = demo_inputs(council_file or sample_council_file(), pledge_file)
    stem = council.file_stem
    return [*adoption_pack_paths(council, pledge, folder), folder / f"{stem}-review-workbook.xlsx",
            folder / f"{stem}-returned-review.xlsx", folder / f"{stem}-action-plan.docx",
            folder / f"{stem}-progress-workbook.xlsx", folder / f"{stem}-returned-progress.xlsx",
            folder / f"{stem}-progress-report.docx"]


def run_demo(folder: Path, force: bool = False, *, pledge_file: Optional[Path] = None,
             council_file: Optional[Path] = None) -> List[Path]:
    """Write a sample council's adoption pack, its review workbook, that workbook as the officer
    returns it, the action plan made from the return, the progress workbook on that plan, the
    officer's progress return, and the progress report made from it."""
    from pledge_office.documents.action_plan import write_action_plan
    from pledge_office.documents.review_workbook import review_settings, write_review_workbook
    from pledge_office.documents.sample_return import fill_as_officer, load_answers
    from pledge_office.inputs.review_reader import read_review_strictly
    from pledge_office.office.outputs import atomic_output, check_can_write
    from pledge_office.steps.adoption import write_adoption_pack

    folder = Path(folder)
    council_file = council_file or sample_council_file()
    council, pledge = demo_inputs(council_file, pledge_file)
    paths = demo_paths(folder, pledge_file, council_file)
    check_can_write(paths, force)
    written = write_adoption_pack(council, pledge, folder, force=force)
    written.append(write_review_workbook(council, pledge, paths[2], review_settings(council), force=force))
    # The officer's return of this very workbook, so its review reference matches.
    with atomic_output(paths[3], force) as tmp:
        fill_as_officer(paths[2], tmp, load_answers(council_file, pledge))
    written.append(paths[3])
    review = read_review_strictly(paths[3], pledge)
    written.append(write_action_plan(review, pledge, paths[4], council=council, force=force))
    written += _progress_loop(council, pledge, review, paths[5:8], force)
    return written


def _progress_loop(council, pledge, review, paths: List[Path], force: bool) -> List[Path]:
    """Between reviews: the progress workbook, the officer's return of it, and the progress report."""
    from dataclasses import replace
    from datetime import date

    from pledge_office.documents.progress_report import write_progress_report
    from pledge_office.documents.progress_workbook import progress_identity, write_progress_workbook
    from pledge_office.documents.review_workbook import review_settings
    from pledge_office.documents.sample_return import fill_progress_as_officer, load_answers
    from pledge_office.inputs.progress_reader import read_progress_strictly
    from pledge_office.office.outputs import atomic_output

    blank, returned, report = paths
    settings = replace(review_settings(council, period=review.identity.period), due=None)
    identity = progress_identity(council, pledge, settings, review, date.today())
    written = [write_progress_workbook(council, pledge, blank, settings, identity, force=force)]
    with atomic_output(returned, force) as tmp:
        # This council's own sample answers: another area's refs (8.1, 11.1) are not the bundled pledge's.
        fill_progress_as_officer(blank, tmp, load_answers(council.source, pledge))
    written.append(returned)
    progress = read_progress_strictly(returned, pledge)
    written.append(write_progress_report(progress, pledge, report, council=council, force=force))
    return written

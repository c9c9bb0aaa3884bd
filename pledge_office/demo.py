"""The demo: every step of the Pledge's life, on the bundled sample council."""

from __future__ import annotations

from pathlib import Path
from typing import List

SAMPLE_COUNCIL_FILE = "exampleshire.yaml"
SAMPLE_RETURNED_FILE = "exampleshire-returned.xlsx"


def sample_file(name: str) -> Path:
    """Return a bundled sample file (installed, or in a source checkout)."""
    try:
        from importlib.resources import files

        path = Path(str(files("pledge_office.samples").joinpath(name)))
        if path.is_file():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "samples" / name


def sample_council_file() -> Path:
    return sample_file(SAMPLE_COUNCIL_FILE)


def demo_paths(folder: Path) -> List[Path]:
    """Return every file the demo writes, so all can be checked before any is written."""
    from pledge_office.adoption import adoption_pack_paths

    from pledge_office.council import load_council

    council = load_council(sample_council_file())
    stem = council.file_stem
    return [*adoption_pack_paths(council, folder), folder / f"{stem}-review-workbook.xlsx",
            folder / f"{stem}-returned-review.xlsx", folder / f"{stem}-action-plan.docx"]


def run_demo(folder: Path, force: bool = False) -> List[Path]:
    """Write the sample council's adoption pack, its review workbook, that workbook as the officer
    returns it, and the action plan made from the return."""
    from pledge_office.action_plan import write_action_plan
    from pledge_office.adoption import load_inputs, write_adoption_pack
    from pledge_office.outputs import atomic_output, check_can_write
    from pledge_office.review_reader import read_review_strictly
    from pledge_office.review_workbook import review_settings, write_review_workbook
    from pledge_office.sample_return import fill_as_officer

    folder = Path(folder)
    council, pledge = load_inputs(sample_council_file())
    paths = demo_paths(folder)
    check_can_write(paths, force)
    written = write_adoption_pack(council, pledge, folder, force=force)
    written.append(write_review_workbook(council, pledge, paths[2], review_settings(council), force=force))
    # The officer's return of this very workbook, so its review reference matches.
    with atomic_output(paths[3], force) as tmp:
        fill_as_officer(paths[2], tmp)
    written.append(paths[3])
    review = read_review_strictly(paths[3], pledge)
    written.append(write_action_plan(review, pledge, paths[4], council=council, force=force))
    return written

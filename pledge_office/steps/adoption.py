"""The adoption pack: the committee report and the signing copy together."""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

from pledge_office.model.council import Council
from pledge_office.model.pledge import Pledge
from pledge_office.office.outputs import check_can_write


def adoption_pack_paths(council: Council, pledge: Pledge, folder: Path) -> Tuple[Path, Path]:
    """Return the report's and the signing copy's paths, named for the council and the pledge."""
    stem = f"{council.file_stem}-{pledge.file_stem}"
    return folder / f"{stem}-report.docx", folder / f"{stem}-signing-copy.docx"


def write_adoption_pack(
    council: Council, pledge: Pledge, folder: Path, *, paper: str = "A3", force: bool = False
) -> List[Path]:
    """Write both adoption documents into ``folder``; refuse first if either exists."""
    from pledge_office.documents.report import write_report
    from pledge_office.documents.signing_copy import write_signing_copy

    report_path, signing_path = adoption_pack_paths(council, pledge, Path(folder))
    check_can_write([report_path, signing_path], force)
    return [
        write_report(council, pledge, report_path, force=force),
        write_signing_copy(council, pledge, signing_path, paper=paper, force=force),
    ]

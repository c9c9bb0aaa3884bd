"""Many councils at once: each council's adoption pack and review workbook in its own folder."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, NamedTuple, Optional

from pledge_office.model.council import Council
from pledge_office.inputs.councils_sheet import CouncilRow, read_councils
from pledge_office.errors import PledgeOfficeError


@dataclass
class RowResult:
    """What happened to one row: written, skipped (already there) or failed, and why."""

    row: int
    label: str
    status: str          # written | skipped | failed
    message: str = ""
    outputs: List[Path] = field(default_factory=list)
    documents: List[Path] = field(default_factory=list)  # the council's Word documents, written now or before


class CouncilOutputs(NamedTuple):
    """The files one council gets, in its own folder named for it."""

    report: Path
    signing_copy: Path
    workbook: Path
    email: Path

    @property
    def core(self) -> List[Path]:
        """What every run writes; the email draft only with --email."""
        return [self.report, self.signing_copy, self.workbook]

    @property
    def documents(self) -> List[Path]:
        """The Word documents, which --pdf turns into PDFs."""
        return [self.report, self.signing_copy]


@dataclass(frozen=True)
class BatchOptions:
    folder: Path
    paper: str = "A3"
    email: bool = False
    force: bool = False
    pledge_file: Optional[Path] = None


def council_outputs(council: Council, options: BatchOptions) -> CouncilOutputs:
    """Return the files a council gets, in its own folder named for it."""
    from pledge_office.steps.adoption import adoption_pack_paths

    folder = options.folder / council.file_stem
    report, signing_copy = adoption_pack_paths(council, folder)
    return CouncilOutputs(report, signing_copy, folder / f"{council.file_stem}-review-workbook.xlsx",
                          folder / f"{council.file_stem}-review-email.eml")


def run_batch(sheet: Path, options: BatchOptions, jobs: int = 0,
              progress: Optional[Callable[[RowResult], None]] = None) -> List[RowResult]:
    """Build every council's documents, on every core by default; a bad row never stops the rest."""
    from pledge_office.inputs.pledge_file import load_pledge

    load_pledge(options.pledge_file)  # a broken pledge file is everyone's problem: say so once, first
    rows = read_councils(sheet)
    results = _refuse_duplicates(rows)
    todo = [r for r in rows if r.council is not None and r.number not in {x.row for x in results}]
    results += [RowResult(r.number, r.label, "failed", r.error or "") for r in rows if r.council is None]
    for r in results:
        if progress:
            progress(r)
    jobs = jobs or os.cpu_count() or 1
    for result in _build_all(todo, options, jobs):
        results.append(result)
        if progress:
            progress(result)
    return sorted(results, key=lambda r: r.row)


def _refuse_duplicates(rows: List[CouncilRow]) -> List[RowResult]:
    seen, refused = {}, []
    for row in rows:
        if row.council is None:
            continue
        stem = row.council.file_stem
        if stem in seen:
            refused.append(RowResult(row.number, row.label, "failed",
                                     f"short name '{row.council.short_name}' is also used by row {seen[stem]}; "
                                     "give each council its own short name"))
        else:
            seen[stem] = row.number
    return refused


def _build_all(rows: List[CouncilRow], options: BatchOptions, jobs: int):
    if jobs == 1 or len(rows) <= 1:
        for row in rows:
            yield build_council(row, options)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(rows))) as pool:
        futures = [pool.submit(build_council, row, options) for row in rows]
        for future in as_completed(futures):
            yield future.result()


_PLEDGES: dict = {}


def _add_email(row: CouncilRow, council: Council, options: BatchOptions, outputs: CouncilOutputs) -> RowResult:
    """Councils written before: add the email draft for the workbook already there."""
    from pledge_office.documents.email_draft import write_draft
    from pledge_office.inputs.pledge_file import load_pledge
    from pledge_office.documents.review_workbook import review_settings

    try:
        write_draft(council, load_pledge(options.pledge_file), review_settings(council), outputs.workbook,
                    outputs.email)
    except PledgeOfficeError as exc:
        return RowResult(row.number, row.label, "failed", str(exc))
    return RowResult(row.number, row.label, "written", "email draft added to what was already written",
                     [outputs.email], outputs.documents)


def build_council(row: CouncilRow, options: BatchOptions) -> RowResult:
    """Write one council's documents; any problem becomes this row's message."""
    from pledge_office.steps.adoption import write_adoption_pack
    from pledge_office.inputs.pledge_file import load_pledge
    from pledge_office.documents.review_workbook import review_settings, write_review_workbook

    council = row.council
    outputs = council_outputs(council, options)
    core = outputs.core
    existing = [p for p in core if p.exists()]
    if existing and not options.force:
        if len(existing) < len(core):
            return RowResult(row.number, row.label, "failed", f"{existing[0]} already exists but not the rest; "
                             "use --force to write this council again")
        if options.email and not outputs.email.exists():
            return _add_email(row, council, options, outputs)
        return RowResult(row.number, row.label, "skipped", "already written (use --force to write again)",
                         [*core, *([outputs.email] if options.email else [])], outputs.documents)
    try:
        key = str(options.pledge_file)
        pledge = _PLEDGES.get(key) or _PLEDGES.setdefault(key, load_pledge(options.pledge_file))
        written = write_adoption_pack(council, pledge, outputs.report.parent, paper=options.paper, force=True)
        settings = review_settings(council)
        written.append(write_review_workbook(council, pledge, outputs.workbook, settings, force=True))
        if options.email:
            from pledge_office.documents.email_draft import write_draft

            written.append(write_draft(council, pledge, settings, outputs.workbook, outputs.email, force=True))
    except PledgeOfficeError as exc:
        return RowResult(row.number, row.label, "failed", str(exc))
    except Exception as exc:  # one council's bug must not lose the others' work
        return RowResult(row.number, row.label, "failed", f"unexpected problem ({type(exc).__name__}: {exc})")
    return RowResult(row.number, row.label, "written", "", written, outputs.documents)

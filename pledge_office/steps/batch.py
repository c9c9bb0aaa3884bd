"""Many councils at once: each council's adoption pack and review workbook in its own folder."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, NamedTuple, Optional, Tuple

from pledge_office.model.council import Council
from pledge_office.inputs.councils_sheet import CouncilRow, read_councils
from pledge_office.errors import PledgeOfficeError


@dataclass
class RowResult:
    """What happened to one row: written, skipped (already there) or failed, and why."""

    row: int
    label: str
    status: str          # written | skipped | changed | failed
    message: str = ""
    outputs: List[Path] = field(default_factory=list)
    documents: List[Path] = field(default_factory=list)  # the council's Word documents, written now or before
    placeholder_logos: bool = False  # its signing copy carries the placeholder partner logos
    report_gaps: List[str] = field(default_factory=list)  # council fields its report marks [To fill in]
    example_values: List[str] = field(default_factory=list)  # examples from 'init' still in its row


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
    templates: Tuple[Tuple[str, Path], ...] = ()  # (document, template) for every council without its own
    changed: bool = False  # rewrite the councils whose row, logo or template changed since they were written
    pdf: bool = False  # PDFs are made of the documents after this run


def council_outputs(council: Council, options: BatchOptions) -> CouncilOutputs:
    """Return the files a council gets, in its own folder named for it."""
    from pledge_office.inputs.pledge_file import load_pledge
    from pledge_office.steps.adoption import adoption_pack_paths

    folder = options.folder / council.file_stem
    report, signing_copy = adoption_pack_paths(council, load_pledge(options.pledge_file), folder)
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
    if todo and options.templates:
        _check_templates_once(todo[0].council, options)
    for r in results:
        if progress:
            progress(r)
    jobs = jobs or os.cpu_count() or 1
    for result in _build_all(todo, options, jobs):
        results.append(result)
        if progress:
            progress(result)
    return sorted(results, key=lambda r: r.row)


def _check_templates_once(council: Council, options: BatchOptions) -> None:
    """A broken --template is every council's problem: say so once, before any council is written."""
    from pledge_office.documents.report import report_context
    from pledge_office.documents.signing_copy import signing_context
    from pledge_office.inputs.pledge_file import load_pledge
    from pledge_office.office.word import check_user_template

    pledge = load_pledge(options.pledge_file)
    contexts = {"report": report_context, "signing_copy": signing_context}
    for kind, template in options.templates:
        check_user_template(template, kind.replace("_", "-"), contexts[kind](council, pledge))


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
    from pledge_office.office.outputs import start_worker_process

    with ProcessPoolExecutor(max_workers=min(jobs, len(rows)), initializer=start_worker_process) as pool:
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

    council = _with_templates(row.council, options)
    outputs = council_outputs(council, options)
    core = outputs.core
    existing = [p for p in core if p.exists()]
    fingerprint = inputs_fingerprint(council, options)
    written_from = _recorded_fingerprint(outputs)
    stale = bool(existing) and written_from is not None and written_from != fingerprint
    if existing and not options.force and not (stale and options.changed):
        if len(existing) < len(core):
            return RowResult(row.number, row.label, "failed", f"{existing[0]} already exists but not the rest; "
                             "use --force to write this council again")
        if stale:
            return RowResult(row.number, row.label, "changed", "its row, logo or template has changed since its "
                             "documents were written; they were not rewritten: use --changed to rewrite the "
                             "changed councils (or --force for all)", core, outputs.documents)
        if options.email and not outputs.email.exists():
            return _add_email(row, council, options, outputs)
        return RowResult(row.number, row.label, "skipped", "already written (use --force to write again)",
                         [*core, *([outputs.email] if options.email else [])], outputs.documents)
    from pledge_office.office.outputs import all_or_none

    rewrite = options.force or bool(existing)  # --force, or --changed on a council whose inputs changed
    try:
        key = str(options.pledge_file)
        pledge = _PLEDGES.get(key) or _PLEDGES.setdefault(key, load_pledge(options.pledge_file))
        # All of a council's files or none; without --force, a second batch run on the same
        # folder at the same time fails on the first file the other wrote, and writes nothing.
        with all_or_none():
            written = write_adoption_pack(council, pledge, outputs.report.parent, paper=options.paper,
                                          force=rewrite)
            settings = review_settings(council)
            written.append(write_review_workbook(council, pledge, outputs.workbook, settings, force=rewrite))
            if options.email:
                from pledge_office.documents.email_draft import write_draft

                written.append(write_draft(council, pledge, settings, outputs.workbook, outputs.email,
                                           force=rewrite))
            _record_fingerprint(outputs, fingerprint)
    except PledgeOfficeError as exc:
        return RowResult(row.number, row.label, "failed", str(exc))
    except Exception as exc:  # one council's bug must not lose the others' work
        return RowResult(row.number, row.label, "failed", f"unexpected problem ({type(exc).__name__}: {exc})")
    message = "rewritten: its row, logo or template had changed" if stale else ""
    if rewrite and _remove_old_pdfs(outputs) and not options.pdf:
        message = "; ".join(filter(None, [message, "its PDFs, made from the documents it replaced, were removed: "
                                                   "give --pdf to make them again"]))
    return RowResult(row.number, row.label, "written", message, written, outputs.documents,
                     council.uses_placeholder_logos(pledge), council.report_gaps(), council.example_values_left())


def _remove_old_pdfs(outputs: CouncilOutputs) -> List[Path]:
    """Remove the PDFs of documents just rewritten: left beside them they would show what was replaced."""
    removed = []
    for document in outputs.documents:
        pdf = document.with_suffix(".pdf")
        if pdf.exists():
            pdf.unlink()
            removed.append(pdf)
    return removed


# -- what a council's documents were written from ------------------------------------

FINGERPRINT_FILE = ".pledge-office-written-from.json"


def _with_templates(council: Council, options: BatchOptions) -> Council:
    """Give the council the --template files, unless its row names its own."""
    if not options.templates:
        return council
    from dataclasses import replace

    return replace(council, templates={**{kind: path for kind, path in options.templates}, **council.templates})


def inputs_fingerprint(council: Council, options: BatchOptions) -> str:
    """Return a digest of everything a council's documents are made from: its row, logos, templates, paper, pledge."""
    import hashlib

    files = [council.logo.path, *(p.logo.path for p in council.partners or () if p.logo), *council.templates.values()]
    if options.pledge_file:
        files.append(options.pledge_file)
    # Paths are written relative to where the command was run: take them out, so that running it from
    # another folder is not a change; the files' names and contents stand for them.
    text = repr(council)
    for path in sorted({str(Path(f).parent) for f in [council.source, *files]} - {"."}, key=len, reverse=True):
        text = text.replace(os.path.join(path, ""), "")
    digest = hashlib.sha256(text.encode("utf-8"))
    for path in files:
        digest.update(Path(path).name.encode("utf-8"))
        try:
            digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
        except OSError:
            digest.update(b"missing")
    digest.update(options.paper.encode("utf-8"))
    return digest.hexdigest()


def _recorded_fingerprint(outputs: CouncilOutputs) -> Optional[str]:
    import json

    try:
        return json.loads((outputs.report.parent / FINGERPRINT_FILE).read_text(encoding="utf-8"))["inputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # written before changes were tracked, or never


def _record_fingerprint(outputs: CouncilOutputs, fingerprint: str) -> None:
    import json

    from pledge_office.office.outputs import atomic_output

    with atomic_output(outputs.report.parent / FINGERPRINT_FILE, True) as tmp:
        tmp.write_text(json.dumps({"inputs": fingerprint}), encoding="utf-8")

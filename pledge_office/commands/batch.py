"""Batch: many councils from one councils sheet."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pledge_office.commands.options import (
    EXISTING_FILE, force_option, paper_option, pdf_option, pledge_option, write_pdfs_for,
)


@click.command()
@click.argument("councils_sheet", type=EXISTING_FILE)
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to write into: one folder per council.")
@click.option("--jobs", type=click.IntRange(min=0), default=0, show_default="all cores",
              help="How many councils to work on at once.")
@click.option("--email", is_flag=True, help="Also write each review workbook's email draft.")
@paper_option
@pledge_option
@pdf_option
@force_option
def batch(councils_sheet: Path, output_dir: Path, jobs: int, email: bool, paper: str, pledge_file, pdf: bool,
          force: bool) -> None:
    """Write the adoption pack and review workbook for every council in a councils sheet.

    A row with a problem is reported at the end and the others carry on;
    councils already written are skipped unless --force. Exits 1 if any row failed.

    \b
    Example:
      pledge-office batch councils.xlsx -o councils-output --pdf
    """
    from pledge_office.steps.batch import BatchOptions

    if pdf:
        from pledge_office.office.pdf import require_libreoffice

        require_libreoffice()
    options = BatchOptions(folder=output_dir, paper=paper.upper(), email=email, force=force, pledge_file=pledge_file)
    results = _run_with_progress(councils_sheet, options, jobs)
    if pdf:
        # Each council's own documents (never another .docx left in its folder), including those
        # written before, unless their PDF is already there.
        documents = [p for r in results if r.status in ("written", "skipped")
                     for p in r.documents if force or not p.with_suffix(".pdf").exists()]
        write_pdfs_for(documents, pdf, True)
    _batch_summary(results)


def _run_with_progress(councils_sheet, options, jobs):
    from pledge_office.steps.batch import run_batch
    from pledge_office.inputs.councils_sheet import read_councils

    if not sys.stderr.isatty():
        return run_batch(councils_sheet, options, jobs)
    total = len(read_councils(councils_sheet))
    with click.progressbar(length=total, label="Councils", file=sys.stderr, show_pos=True) as bar:
        return run_batch(councils_sheet, options, jobs, progress=lambda result: bar.update(1))


def _batch_summary(results) -> None:
    written = [r for r in results if r.status == "written"]
    skipped = [r for r in results if r.status == "skipped"]
    failed = [r for r in results if r.status == "failed"]
    for result in failed:
        click.echo(f"Failed: {result.label}: {result.message}", err=True)
    click.echo(f"{len(written)} council(s) written, {len(skipped)} skipped (already written), {len(failed)} failed.")
    if failed:
        sys.exit(1)

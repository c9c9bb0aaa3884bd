"""Batch: many councils from one councils sheet."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pledge_office.commands.options import (
    EXISTING_FILE, GAP_NAMES, force_option, paper_option, pdf_option, pledge_option, write_pdfs_for,
)


@click.command()
@click.argument("councils_sheet", type=EXISTING_FILE)
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to write into: one folder per council.")
@click.option("--jobs", type=click.IntRange(min=0), default=0, show_default="all cores",
              help="How many councils to work on at once.")
@click.option("--email", is_flag=True, help="Also write each review workbook's email draft.")
@click.option("--template", "templates", type=EXISTING_FILE, multiple=True,
              help="Your own report or signing copy template (.docx), for every council whose row does not name "
                   "its own; give it twice for both. Which document it is for is told from its fields.")
@click.option("--changed", is_flag=True,
              help="Rewrite the councils whose row, logo or template changed since their documents were written.")
@paper_option
@pledge_option
@pdf_option
@force_option
def batch(councils_sheet: Path, output_dir: Path, jobs: int, email: bool, templates, changed: bool, paper: str,
          pledge_file, pdf: bool, force: bool) -> None:
    """Write the adoption pack and review workbook for every council in a councils sheet.

    A row with a problem is reported at the end and the others carry on;
    councils already written are skipped unless --force; a council whose row,
    logo or template changed since is named as changed, and rewritten with
    --changed (or --force). Exits 1 if any row failed.

    \b
    Example:
      pledge-office batch councils.xlsx -o councils-output --pdf
    """
    from pledge_office.steps.batch import BatchOptions

    if pdf:
        from pledge_office.office.pdf import require_libreoffice

        require_libreoffice()
    options = BatchOptions(folder=output_dir, paper=paper.upper(), email=email, force=force, pledge_file=pledge_file,
                           templates=_template_kinds(templates), changed=changed, pdf=pdf)
    results = _run_with_progress(councils_sheet, options, jobs)
    if pdf:
        # Each council's own documents (never another .docx left in its folder), including those
        # written before, unless their PDF is already there.
        documents = [p for r in results if r.status in ("written", "skipped")
                     for p in r.documents if force or not p.with_suffix(".pdf").exists()]
        write_pdfs_for(documents, pdf, True)
    _batch_summary(results)


def _template_kinds(templates):
    """Tell which document each --template is for; batch writes reports and signing copies."""
    from pledge_office.office.template_check import template_kind

    kinds = {}
    for path in templates:
        kind = template_kind(path)
        if kind not in ("report", "signing-copy"):
            raise click.BadParameter(f"{path} is a template for the {kind}; batch writes the report and the "
                                     "signing copy", param_hint="'--template'")
        key = kind.replace("-", "_")
        if key in kinds:
            raise click.BadParameter(f"{path} and {kinds[key]} are both {kind} templates; give one",
                                     param_hint="'--template'")
        kinds[key] = path
    return tuple(kinds.items())


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
    changed = [r for r in results if r.status == "changed"]
    failed = [r for r in results if r.status == "failed"]
    for result in changed:
        click.echo(f"Changed: {result.label}: {result.message}", err=True)
    for result in written:
        if result.message:
            click.echo(f"Note: {result.label}: {result.message}", err=True)
    for result in failed:
        click.echo(f"Failed: {result.label}: {result.message}", err=True)
    placeholders = [r.label for r in written if r.placeholder_logos]
    if placeholders:
        click.echo(f"Note: {len(placeholders)} signing copies carry PLACEHOLDER partner logos, as their rows name no "
                   f"partners ({', '.join(placeholders[:3])}{', ...' if len(placeholders) > 3 else ''}); fill in "
                   "'Partner 1 name' and 'Partner 1 logo' for the real ones.", err=True)
    from pledge_office.model.council_fields import FIELDS

    examples = [r for r in written if r.example_values]
    if examples:
        shown = ", ".join(f"{r.label}: {', '.join(r.example_values[:2])}" for r in examples[:3])
        click.echo(f"Note: {len(examples)} row(s) still have example values from 'pledge-office init' ({shown}"
                   f"{', ...' if len(examples) > 3 else ''}); replace them with each council's own before the "
                   "documents are published.", err=True)

    for field_name, (what, how) in GAP_NAMES.items():
        lacking = [r.label for r in written if field_name in r.report_gaps]
        if lacking:
            column = next(f.column for f in FIELDS if f.path == field_name)
            click.echo(f"Note: {len(lacking)} report(s) mark {what} [To fill in], as their rows give none "
                       f"({', '.join(lacking[:3])}{', ...' if len(lacking) > 3 else ''}); fill in '{column}' "
                       f"with {how}.", err=True)
    click.echo(f"{len(written)} council(s) written, {len(skipped)} skipped (already written), "
               + (f"{len(changed)} changed (not rewritten), " if changed else "") + f"{len(failed)} failed.")
    if failed:
        sys.exit(1)

"""Adoption: the council file, the committee report, the signing copy, the demo."""

from __future__ import annotations

from pathlib import Path

import click

from pledge_office.commands.options import (
    EXISTING_FILE, OUTPUT_FILE, check_pdfs_possible, echo_written, force_option, note_example_values, note_report_gaps,
    note_placeholder_logos, output_option, paper_option, pdf_option, pledge_option, template_option, write_pdfs_for,
)


@click.command()
@click.argument("council_file", type=OUTPUT_FILE)
@click.option("--councils", is_flag=True, help="Write a councils sheet (.xlsx or .csv) for 'batch' instead.")
@click.option("--pledge", "pledge", is_flag=True,
              help="Write a commented pledge file (.yaml) for another area's pledge, compact or accord instead.")
@force_option
def init(council_file: Path, councils: bool, pledge: bool, force: bool) -> None:
    """Write a commented council file (or a councils sheet, or a pledge file) to fill in.

    \b
    Examples:
      pledge-office init exampleshire.yaml
      pledge-office init --councils councils.xlsx
      pledge-office init --pledge my-pledge.yaml
    """
    from pledge_office.documents.council_template import council_file_text
    from pledge_office.office.outputs import atomic_output

    allowed = (".xlsx", ".csv") if councils else (".yaml", ".yml")
    if council_file.suffix.lower() not in allowed:
        raise click.BadParameter(f"'{council_file.name}' should end in {' or '.join(allowed)}",
                                 param_hint="COUNCIL_FILE")
    if councils and pledge:
        raise click.UsageError("give --councils or --pledge, not both")
    if pledge:
        _write_pledge_template(council_file, force)
        return
    if councils:
        from pledge_office.documents.councils_workbook import write_example_sheet

        click.echo(f"Wrote {write_example_sheet(council_file, force=force)}. Add a row for each council "
                   "(replace the example row), put the logos beside it, then run:")
        click.echo(f"  pledge-office batch {council_file} -o councils-output")
        return
    with atomic_output(council_file, force) as tmp:
        tmp.write_text(council_file_text(), encoding="utf-8")
    click.echo(f"Wrote {council_file}. Fill it in, put the council's logo beside it, then run:")
    click.echo(f"  pledge-office adoption-pack {council_file} -o adoption")


def _write_pledge_template(target: Path, force: bool) -> None:
    from pledge_office.office.outputs import atomic_output
    from pledge_office.office.resources import PLEDGE_TEMPLATE

    with atomic_output(target, force) as tmp:
        tmp.write_text(PLEDGE_TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    click.echo(f"Wrote {target}. Fill it in with your pledge's names and commitments, put any logos beside it, "
               "then run:")
    click.echo(f"  pledge-office demo demo-output --pledge {target}")


@click.command()
@click.argument("council_file", type=EXISTING_FILE)
@output_option(".docx", "The report to write (.docx).")
@pledge_option
@template_option
@pdf_option
@force_option
def report(council_file: Path, output: Path, pledge_file, template, pdf: bool, force: bool) -> None:
    """Write the committee report recommending adoption of the Pledge.

    \b
    Example:
      pledge-office report exampleshire.yaml -o report.docx
    """
    from pledge_office.documents.report import write_report

    council, _ = _one_document(council_file, pledge_file, output, pdf, force,
                               lambda council, pledge: write_report(council, pledge, output, force=force,
                                                                    template=template))
    note_report_gaps(council)
    note_example_values(council)


@click.command("signing-copy")
@click.argument("council_file", type=EXISTING_FILE)
@output_option(".docx", "The signing copy to write (.docx).")
@paper_option
@pledge_option
@template_option
@pdf_option
@force_option
def signing_copy(council_file: Path, output: Path, paper: str, pledge_file, template, pdf: bool, force: bool) -> None:
    """Write the large-format signing copy of the Pledge (A3 by default).

    \b
    Example:
      pledge-office signing-copy exampleshire.yaml -o signing-copy.docx --paper A4
    """
    from pledge_office.documents.signing_copy import write_signing_copy

    council, pledge = _one_document(council_file, pledge_file, output, pdf, force,
                                    lambda council, pledge: write_signing_copy(
                                        council, pledge, output, paper=paper.upper(), force=force, template=template))
    note_placeholder_logos(council, pledge)
    note_example_values(council)


def _one_document(council_file: Path, pledge_file, output: Path, pdf: bool, force: bool, write):
    """Write one adoption document with ``write(council, pledge)``, and its PDF if asked; return the inputs."""
    from pledge_office.inputs.council_file import load_inputs

    council, pledge = load_inputs(council_file, pledge_file)
    check_pdfs_possible([output], pdf, force)
    written = write(council, pledge)
    echo_written([written])
    write_pdfs_for([written], pdf, force)
    return council, pledge


@click.command("adoption-pack")
@click.argument("council_file", type=EXISTING_FILE)
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to write the report and signing copy into.")
@paper_option
@pledge_option
@pdf_option
@force_option
def adoption_pack(council_file: Path, output_dir: Path, paper: str, pledge_file, pdf: bool, force: bool) -> None:
    """Write the adoption report and the signing copy into a folder.

    \b
    Example:
      pledge-office adoption-pack exampleshire.yaml -o adoption
    """
    from pledge_office.inputs.council_file import load_inputs
    from pledge_office.steps.adoption import adoption_pack_paths, write_adoption_pack

    council, pledge = load_inputs(council_file, pledge_file)
    check_pdfs_possible(adoption_pack_paths(council, pledge, output_dir), pdf, force)
    written = write_adoption_pack(council, pledge, output_dir, paper=paper.upper(), force=force)
    echo_written(written)
    write_pdfs_for(written, pdf, force)
    note_placeholder_logos(council, pledge)
    note_report_gaps(council)
    note_example_values(council)


@click.command()
@click.argument("output_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--example", type=click.Choice(["exampleshire", "sampleshire"]), default=None,
              help="A named example: exampleshire (the bundled pledge) or sampleshire (a fictional area's "
                   "compact, with its own sample council).")
@pledge_option
@click.option("--council", "council_file", type=EXISTING_FILE, default=None,
              help="The council file to use (default: the sample council).")
@force_option
def demo(output_dir: Path, example, pledge_file, council_file, force: bool) -> None:
    """Run every step on a sample council: by default Exampleshire and the bundled pledge.

    \b
    Examples:
      pledge-office demo demo-output
      pledge-office demo demo-output --example sampleshire
      pledge-office demo demo-output --pledge our-compact.yaml
    """
    from pledge_office.steps.demo import demo_files, run_demo

    if example and (pledge_file or council_file):
        raise click.UsageError("give --example, or --pledge and --council, not both")
    pledge_file, council_file = demo_files(example, pledge_file, council_file)
    echo_written(run_demo(output_dir, force=force, pledge_file=pledge_file, council_file=council_file))
    click.echo("Note: the demo's signing copy carries placeholder partner logos, marked as such on the page.",
               err=True)

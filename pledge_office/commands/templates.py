"""Templates: export, list fields, check an officer's restyled template."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pledge_office.commands.options import (
    EXISTING_FILE, OUTPUT_FILE, council_option, echo_written, force_option,
)


@click.group()
def templates() -> None:
    """Export, describe and check the Word templates, for a council's own house style.

    \b
    Restyle a template in Word:
      pledge-office templates export my-templates
      (edit my-templates/report.docx in Word: fonts, logo, wording)
      pledge-office templates check my-templates/report.docx
      pledge-office report council.yaml -o report.docx --template my-templates/report.docx
    """


DOCUMENT_CHOICE = click.Choice(["report", "signing-copy", "action-plan", "progress-report"])


@templates.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@force_option
def templates_export(folder: Path, force: bool) -> None:
    """Copy the shipped templates into FOLDER for editing in Word."""
    from pledge_office.steps.templates import export_templates

    echo_written(export_templates(folder, force=force))


@templates.command("fields")
@click.argument("document", type=DOCUMENT_CHOICE, required=False)
def templates_fields(document) -> None:
    """List every field a template can use, with a description and an example.

    Write a field in a template as {{ council.name }}; a field ending in []
    is one item of a list, used inside a loop such as
    {%p for c in pledge.commitments %} ... {{ c.text }} ... {%p endfor %}.
    """
    from pledge_office.documents.template_fields import fields

    for name in [document] if document else ["report", "signing-copy", "action-plan", "progress-report"]:
        click.echo(f"{name}:")
        for field in fields(name):
            click.echo(f"  {field.path:<34} {field.description}")
            click.echo(f"  {'':<34} e.g. {field.example}")


@templates.command("check")
@click.argument("template", type=EXISTING_FILE)
@click.option("--document", type=DOCUMENT_CHOICE, help="Which document the template is for (guessed if not given).")
@council_option("Also report fields that are blank for this council.")
@click.option("--fix", "fixed", type=OUTPUT_FILE, help="Write the repaired template (joined tags, straight quotes) here.")
@force_option
def templates_check(template: Path, document, council_file, fixed, force) -> None:
    """Check a template edited in Word before using it.

    Finds tag errors, tags Word split across runs (joined) and curly quotes in
    tags (straightened), fields the tool does not supply (with the nearest
    one), and fields that would be blank. Exits 1 if it would not render as
    intended.
    """
    from pledge_office.steps.templates import run_template_check

    lines, failed = run_template_check(template, document, council_file, fixed, force)
    for line in lines:
        click.echo(line)
    sys.exit(1 if failed else 0)

"""Review: the workbook sent out, checking what comes back, the action plan, the county view."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pledge_office.commands.options import (
    EXISTING_FILE, OUTPUT_FILE, RETURNED_FILES, UkDate, as_of_option, check_pdfs_possible, council_option,
    echo_written, email_option, force_option, json_option, output_option, password_option, password_provider,
    pdf_option, pledge_option, suffix, template_option, write_pdfs_for,
)


@click.command("review-workbook")
@click.argument("council_file", type=EXISTING_FILE)
@output_option(".xlsx", "The workbook to write (.xlsx).")
@click.option("--officer", help="The nominated officer who fills it in. Default: review.officer in the council file.")
@click.option("--officer-email", help="That officer's email address, for --email (needed with --officer).")
@click.option("--due", type=UkDate(), help="The date it is due back. Default: review.due in the council file.")
@click.option("--period", help="The review period or label, e.g. 2026/27. Default: review.period.")
@click.option("--previous", type=EXISTING_FILE, help="The previous review's returned workbook, to show its ratings and open actions.")
@email_option("Also write an email draft (.eml) to the nominated officer with the workbook attached.")
@pledge_option
@force_option
def review_workbook(council_file: Path, output: Path, officer, officer_email, due, period, previous, email_file,
                    pledge_file, force) -> None:
    """Write the review workbook for the nominated officer to fill in.

    \b
    Example:
      pledge-office review-workbook exampleshire.yaml -o review.xlsx --due 31/03/2027 --email review.eml
    """
    from pledge_office.inputs.council_file import load_inputs
    from pledge_office.documents.review_workbook import review_settings, write_review_workbook

    council, pledge = load_inputs(council_file, pledge_file)
    if email_file and officer and officer != council.review_officer.name and not officer_email:
        raise click.UsageError(f"--email goes to the officer: give --officer-email for {officer}")
    if officer_email:
        from dataclasses import replace

        from pledge_office.inputs.council_file import is_email_address

        if not is_email_address(officer_email):
            raise click.BadParameter(f"'{officer_email}' is not an email address; write it as name@council.gov.uk",
                                     param_hint="'--officer-email'")

        council = replace(council, review_officer=replace(council.review_officer, name=officer or
                                                          council.review_officer.name, email=officer_email))
    settings = review_settings(council, officer=officer, due=due, period=period)
    earlier = None
    if previous is not None:
        from pledge_office.documents.review_workbook import read_previous_review

        earlier, warning = read_previous_review(previous, pledge, council, settings)
        if warning:
            click.echo(f"Warning: {warning}", err=True)
    if email_file:
        from pledge_office.documents.email_draft import build_draft
        from pledge_office.office.outputs import check_can_write

        check_can_write([output, email_file], force)
        if not council.review_officer.email:
            build_draft(council, pledge, settings, council.source)  # says what is missing, before writing
    written = write_review_workbook(council, pledge, output, settings, previous=earlier, force=force)
    click.echo(f"Wrote {written}")
    if email_file:
        from pledge_office.documents.email_draft import write_draft

        click.echo(f"Wrote {write_draft(council, pledge, settings, written, email_file, force=force)}")


@click.command()
@RETURNED_FILES
@click.option("--strict", is_flag=True, help="Treat a missing rating as an error, not a warning.")
@council_option("Check the workbooks are this council's.")
@password_option
@pledge_option
def check(returned, strict: bool, council_file, password, pledge_file) -> None:
    """Check returned review (or progress) workbooks without writing anything.

    Each problem is printed on its own line as FILE: Review!C7: error|warning: ...
    (Progress!H7 for a progress workbook).
    Exits 0 when there are no errors, 1 when there are. RETURNED may be a
    workbook (.xlsx, .xls, .ods, password-protected) or a saved email (.eml,
    Outlook .msg) with the workbook attached.

    \b
    Example:
      pledge-office check returned.xlsx
    """
    from pledge_office.steps.check import check_workbooks

    problems, error_count, summaries = check_workbooks(list(returned), pledge_file, council_file, strict,
                                                       password_provider(password))
    from pledge_office.office.text import printable

    # A file or attachment name with a new line or terminal escapes must not print a line of its own.
    for line in problems:
        click.echo(printable(line))
    if error_count:
        click.echo(f"{error_count} error(s) in {len(returned)} file(s): fix them and check again.", err=True)
        sys.exit(1)
    for line in summaries:
        click.echo(f"OK: {printable(line)}", err=True)


@click.command("action-plan")
@RETURNED_FILES
@output_option(".docx", "The action plan to write (.docx).")
@json_option("Also write the parsed review as JSON.")
@council_option("The council file: its logo and name go on the plan, and the workbooks must be its own.")
@click.option("--strict", is_flag=True, help="Treat a missing rating as an error.")
@click.option("--allow-mixed", is_flag=True, help="Merge workbooks from different reviews or councils anyway.")
@as_of_option("Mark actions overdue as of this date. Default: today.")
@password_option
@pledge_option
@template_option
@pdf_option
@force_option
def action_plan(returned, output, json_file, council_file, strict, allow_mixed, as_of, password, pledge_file,
                template, pdf, force) -> None:
    """Read returned review workbooks and write the Word action plan.

    Several workbooks of the same review (e.g. one per department) are merged;
    where they disagree on a commitment, it is reported.

    \b
    Example:
      pledge-office action-plan returned.xlsx -o action-plan.docx
    """
    from pledge_office.steps.action_plan import make_action_plan

    check_pdfs_possible([output], pdf, force)
    written, warnings = make_action_plan(
        list(returned), output, json_file=json_file, pledge_file=pledge_file, council_file=council_file,
        strict=strict, allow_mixed=allow_mixed, as_of=as_of, template=template, force=force,
        password=password_provider(password))
    echo_written(written, warnings)
    write_pdfs_for(written, pdf, force)


@click.command()
@RETURNED_FILES
@output_option(".xlsx", "The overview workbook to write (.xlsx).")
@click.option("--docx", "docx_file", type=OUTPUT_FILE, callback=suffix(".docx"),
              help="Also write the overview as a Word report.")
@as_of_option("Count actions overdue as of this date. Default: today.")
@click.option("--councils", "councils_sheet", type=EXISTING_FILE,
              help="The councils sheet (.xlsx or .csv) of every council expected to return, so those that "
                   "have not are listed too (not yet returned, or overdue past their due date).")
@click.option("--documents", "documents_folder", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The folder 'batch' wrote (one folder per council), to show on the register which "
                   "documents have been written.")
@click.option("--umbrella-name", default="", help="The umbrella body's name for the Word summary "
              "(default: the pledge file's, if it has one).")
@click.option("--umbrella-logo", type=EXISTING_FILE, help="The umbrella body's logo (PNG or JPEG) for the Word summary.")
@click.option("--mixed-pledges", is_flag=True,
              help="Go on when the returns were made with different pledges or versions: returns of this "
                   "pledge (any version) are summarised, others are left out and named.")
@password_option
@pledge_option
@pdf_option
@force_option
def summary(returned, output, docx_file, as_of, councils_sheet, documents_folder, umbrella_name, umbrella_logo,
            mixed_pledges, password, pledge_file, pdf, force) -> None:
    """Write a county-wide overview of every council's review.

    A register of where each council stands (returned, with the date it came
    back; returned with errors; not yet returned; overdue), each council's
    latest ratings, every action and every overdue action, a key to the
    commitments, a chart, and a 'Not included' sheet naming each file not used
    and why. Files that cannot be used never stop the others; the exit code is
    1 when any was left out for errors.

    \b
    Example:
      pledge-office summary returned/* --councils councils.xlsx -o county-summary.xlsx --docx county-summary.docx
    """
    from pledge_office.steps.summary import summarise

    if pdf and not docx_file:
        raise click.UsageError("--pdf makes a PDF of the Word report: add --docx FILE.docx")
    if documents_folder and not councils_sheet:
        raise click.UsageError("--documents needs --councils: the councils sheet names each council's folder")
    if docx_file:
        check_pdfs_possible([docx_file], pdf, force)
    written, notes, view = summarise(
        list(returned), output, docx=docx_file, pledge_file=pledge_file, as_of=as_of,
        password=password_provider(password), force=force, councils=councils_sheet, documents=documents_folder,
        umbrella_name=umbrella_name, umbrella_logo=umbrella_logo, mixed_pledges=mixed_pledges)
    echo_written(written, notes)
    write_pdfs_for(written, pdf, force)
    bad = [item for item in view.left_out if item.bad]
    if bad:
        click.echo(f"{len(bad)} file(s) left out for errors: see the 'Not included' sheet of {output}", err=True)
        sys.exit(1)

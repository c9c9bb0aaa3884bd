"""Between reviews: the progress workbook sent out, and the progress report made from its return."""

from __future__ import annotations

import click

from pledge_office.commands.options import (
    EXISTING_FILE, RETURNED_FILES, UkDate, as_of_option, check_pdfs_possible, council_option, echo_written,
    email_option, force_option, json_option, output_option, password_option, password_provider, pdf_option,
    pledge_option, template_option, write_pdfs_for,
)


@click.command("progress-workbook")
@click.argument("council_file", type=EXISTING_FILE)
@RETURNED_FILES
@output_option(".xlsx", "The progress workbook to write (.xlsx).")
@click.option("--officer", help="The officer who reports progress. Default: review.officer in the council file.")
@click.option("--officer-email", help="That officer's email address, for --email (needed with --officer).")
@click.option("--due", type=UkDate(), help="The date it is due back, e.g. 30/09/2027.")
@email_option("Also write an email draft (.eml) to the officer with the workbook attached.")
@click.option("--allow-mixed", is_flag=True, help="Merge returned reviews from different reviews anyway.")
@as_of_option("The date of this workbook (for the plan's status). Default: today.")
@password_option
@pledge_option
@force_option
def progress_workbook(council_file, returned, output, officer, officer_email, due, email_file, allow_mixed, as_of,
                      password, pledge_file, force) -> None:
    """Write the progress workbook: one row per action of the plan, to report on between reviews.

    RETURNED is the returned review the action plan was made from (or its
    emails), or the previous returned progress workbook, whose statuses and
    revised dates are carried forward.

    \b
    Example:
      pledge-office progress-workbook exampleshire.yaml returned.xlsx -o progress.xlsx --due 30/09/2027 --email progress.eml
    """
    from pledge_office.steps.progress import make_progress_workbook

    council_officer_check(officer, officer_email, email_file)
    written, warnings = make_progress_workbook(
        council_file, list(returned), output, email_file=email_file, officer=officer, officer_email=officer_email,
        due=due, pledge_file=pledge_file, allow_mixed=allow_mixed, as_of=as_of, force=force,
        password=password_provider(password))
    echo_written(written, warnings)


def council_officer_check(officer, officer_email, email_file) -> None:
    if email_file and officer and not officer_email:
        raise click.UsageError(f"--email goes to the officer: give --officer-email for {officer}")


@click.command("progress-report")
@RETURNED_FILES
@output_option(".docx", "The progress report to write (.docx).")
@json_option("Also write the parsed progress update as JSON.")
@council_option("The council file: its logo and governance go on the report, and the workbooks must be its own.")
@click.option("--strict", is_flag=True, help="Treat an action with no status as an error.")
@as_of_option("Count actions overdue as of this date. Default: today.")
@password_option
@pledge_option
@template_option
@pdf_option
@force_option
def progress_report(returned, output, json_file, council_file, strict, as_of, password, pledge_file, template, pdf,
                    force) -> None:
    """Read returned progress workbooks and write the Word progress report for scrutiny.

    It gives the actions by status, overdue actions, actions completed since
    the last update, target dates that moved, and the plan's governance.
    RETURNED may be workbooks or the emails carrying them.

    \b
    Example:
      pledge-office progress-report progress-returned.xlsx -o progress-report.docx --council exampleshire.yaml
    """
    from pledge_office.steps.progress import make_progress_report

    check_pdfs_possible([output], pdf, force)
    written, warnings = make_progress_report(
        list(returned), output, json_file=json_file, council_file=council_file, pledge_file=pledge_file,
        strict=strict, as_of=as_of, template=template, force=force, password=password_provider(password))
    echo_written(written, warnings)
    write_pdfs_for(written, pdf, force)

"""The ``pledge-office`` command: thin wrappers over the library.

Heavy libraries (docx, openpyxl, PIL) are imported inside each command, so
``--help`` and ``--version`` start fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pledge_office import __version__
from pledge_office.errors import PledgeOfficeError

EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
OUTPUT_FILE = click.Path(dir_okay=False, path_type=Path)


def suffix(expected: str):
    """An option callback refusing an output name that would mislead Word or Excel."""

    def check(ctx, param, value):
        if value is not None and value.suffix.lower() != expected:
            raise click.BadParameter(f"'{value.name}' should end in {expected}, as the file is written as one")
        return value

    return check


class Commands(click.Group):
    """A group that turns every failure into one line on stderr and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PledgeOfficeError as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as exc:  # a bug: say so in one line, keep the traceback for --debug
            if ctx.params.get("debug"):
                raise
            message = str(exc).splitlines()[0] if str(exc) else ""
            click.echo(
                f"Error: unexpected problem ({type(exc).__name__}: {message}); no output was written. "
                "Rerun with --debug and send the output to the maintainers.",
                err=True,
            )
            ctx.exit(1)


def note_placeholder_logos(council) -> None:
    if council.uses_placeholder_logos:
        click.echo("Note: the partner logos are placeholders; for the real signing copy, list the "
                   "partners' own logos under 'partners:' in the council file.", err=True)


def pledge_option(command):
    return click.option(
        "--pledge", "pledge_file", type=EXISTING_FILE, default=None,
        help="A revised or different pledge file (YAML). Default: the bundled VCSE Pledge.",
    )(command)


def force_option(command):
    return click.option("--force", is_flag=True, help="Replace output files that already exist.")(command)


def template_option(command):
    return click.option(
        "--template", type=EXISTING_FILE, default=None,
        help="Your own Word template (.docx) instead of the shipped one.",
    )(command)


def pdf_option(command):
    return click.option("--pdf", is_flag=True,
                        help="Also write a PDF of each Word document (needs LibreOffice).")(command)


def write_pdfs_for(documents, pdf: bool, force: bool) -> None:
    if pdf:
        from pledge_office.pdf import write_pdfs

        for path in write_pdfs([d for d in documents if str(d).endswith(".docx")], force=force):
            click.echo(f"Wrote {path}")


def check_pdfs_possible(documents, pdf: bool, force: bool) -> None:
    """Before any document is written: LibreOffice is there, and no PDF would be overwritten."""
    if pdf:
        from pledge_office.outputs import check_can_write
        from pledge_office.pdf import pdf_paths, require_libreoffice

        require_libreoffice()
        check_can_write(pdf_paths(documents), force)


paper_option = click.option(
    "--paper", type=click.Choice(["A3", "A4"], case_sensitive=False), default="A3",
    show_default=True, help="Paper size of the signing copy (portrait).",
)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="pledge-office")
@click.option("--debug", is_flag=True, help="Show the full traceback of any error (for bug reports).")
def cli(debug: bool) -> None:
    """Paperwork for a council's VCSE Pledge: adoption, review and action plan.

    \b
    Start with:
      pledge-office demo demo-output      (everything, for a sample council)
      pledge-office init my-council.yaml  (a council file to fill in)
      pledge-office adoption-pack my-council.yaml -o adoption
    """


@cli.command()
@click.argument("council_file", type=OUTPUT_FILE)
@click.option("--councils", is_flag=True, help="Write a councils sheet (.xlsx or .csv) for 'batch' instead.")
@force_option
def init(council_file: Path, councils: bool, force: bool) -> None:
    """Write a commented council file (or, with --councils, a councils sheet) to fill in.

    \b
    Examples:
      pledge-office init exampleshire.yaml
      pledge-office init --councils councils.xlsx
    """
    from pledge_office.council import COUNCIL_TEMPLATE
    from pledge_office.outputs import atomic_output

    allowed = (".xlsx", ".csv") if councils else (".yaml", ".yml")
    if council_file.suffix.lower() not in allowed:
        raise click.BadParameter(f"'{council_file.name}' should end in {' or '.join(allowed)}",
                                 param_hint="COUNCIL_FILE")
    if councils:
        from pledge_office.councils_sheet import write_example_sheet

        click.echo(f"Wrote {write_example_sheet(council_file, force=force)}. Add a row for each council "
                   "(replace the example row), put the logos beside it, then run:")
        click.echo(f"  pledge-office batch {council_file} -o councils-output")
        return
    with atomic_output(council_file, force) as tmp:
        tmp.write_text(COUNCIL_TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    click.echo(f"Wrote {council_file}. Fill it in, put the council's logo beside it, then run:")
    click.echo(f"  pledge-office adoption-pack {council_file} -o adoption")


@cli.command()
@click.argument("council_file", type=EXISTING_FILE)
@click.option("-o", "--output", type=OUTPUT_FILE, required=True, callback=suffix(".docx"),
              help="The report to write (.docx).")
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
    from pledge_office.adoption import load_inputs
    from pledge_office.report import write_report

    council, pledge = load_inputs(council_file, pledge_file)
    check_pdfs_possible([output], pdf, force)
    written = write_report(council, pledge, output, force=force, template=template)
    click.echo(f"Wrote {written}")
    write_pdfs_for([written], pdf, force)


@cli.command("signing-copy")
@click.argument("council_file", type=EXISTING_FILE)
@click.option("-o", "--output", type=OUTPUT_FILE, required=True, callback=suffix(".docx"),
              help="The signing copy to write (.docx).")
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
    from pledge_office.adoption import load_inputs
    from pledge_office.signing_copy import write_signing_copy

    council, pledge = load_inputs(council_file, pledge_file)
    check_pdfs_possible([output], pdf, force)
    written = write_signing_copy(council, pledge, output, paper=paper.upper(), force=force, template=template)
    click.echo(f"Wrote {written}")
    write_pdfs_for([written], pdf, force)
    note_placeholder_logos(council)


@cli.command("adoption-pack")
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
    from pledge_office.adoption import adoption_pack_paths, load_inputs, write_adoption_pack

    council, pledge = load_inputs(council_file, pledge_file)
    check_pdfs_possible(adoption_pack_paths(council, output_dir), pdf, force)
    written = write_adoption_pack(council, pledge, output_dir, paper=paper.upper(), force=force)
    for path in written:
        click.echo(f"Wrote {path}")
    write_pdfs_for(written, pdf, force)
    note_placeholder_logos(council)


@cli.command()
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
    from pledge_office.batch import BatchOptions, run_batch

    if pdf:
        from pledge_office.pdf import require_libreoffice

        require_libreoffice()
    options = BatchOptions(folder=output_dir, paper=paper.upper(), email=email, force=force, pledge_file=pledge_file)
    results = _run_with_progress(councils_sheet, options, jobs)
    if pdf:
        documents = [p for r in results if r.status == "written" for p in r.outputs if p.suffix == ".docx"]
        write_pdfs_for(documents, pdf, True)
    _batch_summary(results)


def _run_with_progress(councils_sheet, options, jobs):
    from pledge_office.batch import run_batch
    from pledge_office.councils_sheet import read_councils

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


class UkDate(click.ParamType):
    """A date on the command line, day first: 31/03/2027 or 2027-03-31."""

    name = "DD/MM/YYYY"

    def convert(self, value, param, ctx):
        from pledge_office.dates import DateProblem, parse_uk_date

        try:
            return parse_uk_date(value)
        except DateProblem as exc:
            self.fail(str(exc), param, ctx)


@cli.command("review-workbook")
@click.argument("council_file", type=EXISTING_FILE)
@click.option("-o", "--output", type=OUTPUT_FILE, required=True, callback=suffix(".xlsx"),
              help="The workbook to write (.xlsx).")
@click.option("--officer", help="The nominated officer who fills it in. Default: review.officer in the council file.")
@click.option("--due", type=UkDate(), help="The date it is due back. Default: review.due in the council file.")
@click.option("--period", help="The review period or label, e.g. 2026/27. Default: review.period.")
@click.option("--previous", type=EXISTING_FILE, help="The previous review's returned workbook, to show its ratings and open actions.")
@click.option("--email", "email_file", type=OUTPUT_FILE, callback=suffix(".eml"),
              help="Also write an email draft (.eml) to the nominated officer with the workbook attached.")
@pledge_option
@force_option
def review_workbook(council_file: Path, output: Path, officer, due, period, previous, email_file, pledge_file,
                    force) -> None:
    """Write the review workbook for the nominated officer to fill in.

    \b
    Example:
      pledge-office review-workbook exampleshire.yaml -o review.xlsx --due 31/03/2027 --email review.eml
    """
    from pledge_office.adoption import load_inputs
    from pledge_office.review_workbook import review_settings, write_review_workbook

    council, pledge = load_inputs(council_file, pledge_file)
    settings = review_settings(council, officer=officer, due=due, period=period)
    earlier = None
    if previous is not None:
        from pledge_office.review_workbook import read_previous_review

        earlier, warning = read_previous_review(previous, pledge, council, settings)
        if warning:
            click.echo(f"Warning: {warning}", err=True)
    if email_file:
        from pledge_office.email_draft import build_draft
        from pledge_office.outputs import check_can_write

        check_can_write([output, email_file], force)
        if not council.review_officer.email:
            build_draft(council, pledge, settings, council.source)  # says what is missing, before writing
    written = write_review_workbook(council, pledge, output, settings, previous=earlier, force=force)
    click.echo(f"Wrote {written}")
    if email_file:
        from pledge_office.email_draft import write_draft

        click.echo(f"Wrote {write_draft(council, pledge, settings, written, email_file, force=force)}")


def password_option(command):
    return click.option(
        "--password", default=None,
        help="The password of a password-protected workbook (asked for at a terminal if not given).",
    )(command)


def password_provider(password):
    """Give the password from the option, or ask for it (hidden) at a terminal, once."""
    answers = {}

    def provide(label: Path):
        if password:
            return password
        if not sys.stdin.isatty():
            return None
        if "secret" not in answers:
            answers["secret"] = click.prompt(f"Password for {label}", hide_input=True, err=True)
        return answers["secret"]

    return provide


RETURNED_FILES = click.argument(
    "returned", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))


@cli.command()
@RETURNED_FILES
@click.option("--strict", is_flag=True, help="Treat a missing rating as an error, not a warning.")
@click.option("--council", "council_file", type=EXISTING_FILE, help="Check the workbooks are this council's.")
@password_option
@pledge_option
def check(returned, strict: bool, council_file, password, pledge_file) -> None:
    """Check returned review workbooks without writing anything.

    Each problem is printed on its own line as FILE: Review!C7: error|warning: ...
    Exits 0 when there are no errors, 1 when there are. RETURNED may be a
    workbook (.xlsx, .xls, .ods, password-protected) or a saved email (.eml,
    Outlook .msg) with the workbook attached.

    \b
    Example:
      pledge-office check returned.xlsx
    """
    from pledge_office.review_check import check_workbooks

    problems, error_count, summaries = check_workbooks(list(returned), pledge_file, council_file, strict,
                                                       password_provider(password))
    for line in problems:
        click.echo(line)
    if error_count:
        click.echo(f"{error_count} error(s) in {len(returned)} file(s): fix them and check again.", err=True)
        sys.exit(1)
    for line in summaries:
        click.echo(f"OK: {line}", err=True)


@cli.command("action-plan")
@RETURNED_FILES
@click.option("-o", "--output", type=OUTPUT_FILE, required=True, callback=suffix(".docx"),
              help="The action plan to write (.docx).")
@click.option("--json", "json_file", type=OUTPUT_FILE, callback=suffix(".json"),
              help="Also write the parsed review as JSON.")
@click.option("--council", "council_file", type=EXISTING_FILE,
              help="The council file: its logo and name go on the plan, and the workbooks must be its own.")
@click.option("--strict", is_flag=True, help="Treat a missing rating as an error.")
@click.option("--allow-mixed", is_flag=True, help="Merge workbooks from different reviews or councils anyway.")
@click.option("--as-of", type=UkDate(), help="Mark actions overdue as of this date. Default: today.")
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
    from pledge_office.review_check import make_action_plan

    check_pdfs_possible([output], pdf, force)
    written, warnings = make_action_plan(
        list(returned), output, json_file=json_file, pledge_file=pledge_file, council_file=council_file,
        strict=strict, allow_mixed=allow_mixed, as_of=as_of, template=template, force=force,
        password=password_provider(password))
    for line in warnings:
        click.echo(line, err=True)
    for path in written:
        click.echo(f"Wrote {path}")
    write_pdfs_for(written, pdf, force)


@cli.command()
@RETURNED_FILES
@click.option("-o", "--output", type=OUTPUT_FILE, required=True, callback=suffix(".xlsx"),
              help="The overview workbook to write (.xlsx).")
@click.option("--docx", "docx_file", type=OUTPUT_FILE, callback=suffix(".docx"),
              help="Also write the overview as a Word report.")
@click.option("--as-of", type=UkDate(), help="Count actions overdue as of this date. Default: today.")
@password_option
@pledge_option
@pdf_option
@force_option
def summary(returned, output, docx_file, as_of, password, pledge_file, pdf, force) -> None:
    """Write a county-wide overview of many councils' returned reviews.

    One row per council (its latest review) with each commitment's rating,
    counts, actions and overdue actions; every action on a second sheet; and
    a chart of ratings per commitment.

    \b
    Example:
      pledge-office summary returned/*.xlsx -o county-summary.xlsx --docx county-summary.docx
    """
    from pledge_office.summary import summarise

    if docx_file:
        check_pdfs_possible([docx_file], pdf, force)
    written, notes = summarise(list(returned), output, docx=docx_file, pledge_file=pledge_file, as_of=as_of,
                               password=password_provider(password), force=force)
    for line in notes:
        click.echo(line, err=True)
    for path in written:
        click.echo(f"Wrote {path}")
    write_pdfs_for(written, pdf, force)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=EXISTING_FILE)
def accessibility(files) -> None:
    """Check Word documents and PDFs against the accessibility rules councils publish to.

    Checks what Word's Accessibility Checker and PDF/UA ask: a title, English
    (UK), headings in order, alternative text on images, marked table header
    rows, no merged cells or empty rows in data tables, colour contrast, link
    text; for PDFs, tags, language, title and header cells. Each failure is
    printed with where it is and how to fix it; exits 1 if any rule fails.

    \b
    Example:
      pledge-office accessibility report.docx report.pdf
    """
    from pledge_office.accessibility import check_file

    failed = 0
    for path in files:
        try:
            failures = check_file(path)
        except PledgeOfficeError as exc:
            click.echo(f"{exc}")
            failed += 1
            continue
        for failure in failures:
            click.echo(f"{path}: {failure}")
        failed += bool(failures)
        if not failures:
            click.echo(f"{path}: passes", err=True)
    if failed:
        click.echo(f"{failed} of {len(files)} file(s) fail; fix them and check again.", err=True)
        sys.exit(1)


@cli.group()
def templates() -> None:
    """Export, describe and check the Word templates, for a council's own house style.

    \b
    Restyle a template in Word:
      pledge-office templates export my-templates
      (edit my-templates/report.docx in Word: fonts, logo, wording)
      pledge-office templates check my-templates/report.docx
      pledge-office report council.yaml -o report.docx --template my-templates/report.docx
    """


DOCUMENT_CHOICE = click.Choice(["report", "signing-copy", "action-plan"])


@templates.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@force_option
def templates_export(folder: Path, force: bool) -> None:
    """Copy the shipped templates into FOLDER for editing in Word."""
    from pledge_office.template_tools import export_templates

    for path in export_templates(folder, force=force):
        click.echo(f"Wrote {path}")


@templates.command("fields")
@click.argument("document", type=DOCUMENT_CHOICE, required=False)
def templates_fields(document) -> None:
    """List every field a template can use, with a description and an example.

    Write a field in a template as {{ council.name }}; a field ending in []
    is one item of a list, used inside a loop such as
    {%p for c in pledge.commitments %} ... {{ c.text }} ... {%p endfor %}.
    """
    from pledge_office.template_fields import fields

    for name in [document] if document else ["report", "signing-copy", "action-plan"]:
        click.echo(f"{name}:")
        for field in fields(name):
            click.echo(f"  {field.path:<34} {field.description}")
            click.echo(f"  {'':<34} e.g. {field.example}")


@templates.command("check")
@click.argument("template", type=EXISTING_FILE)
@click.option("--document", type=DOCUMENT_CHOICE, help="Which document the template is for (guessed if not given).")
@click.option("--council", "council_file", type=EXISTING_FILE, help="Also report fields that are blank for this council.")
@click.option("--fix", "fixed", type=OUTPUT_FILE, help="Write the repaired template (joined tags, straight quotes) here.")
@force_option
def templates_check(template: Path, document, council_file, fixed, force) -> None:
    """Check a template edited in Word before using it.

    Finds tag errors, tags Word split across runs (joined) and curly quotes in
    tags (straightened), fields the tool does not supply (with the nearest
    one), and fields that would be blank. Exits 1 if it would not render as
    intended.
    """
    from pledge_office.template_tools import run_template_check

    lines, failed = run_template_check(template, document, council_file, fixed, force)
    for line in lines:
        click.echo(line)
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("output_dir", type=click.Path(file_okay=False, path_type=Path))
@force_option
def demo(output_dir: Path, force: bool) -> None:
    """Run every step on the bundled sample council, Exampleshire.

    \b
    Example:
      pledge-office demo demo-output
    """
    from pledge_office.demo import run_demo

    for path in run_demo(output_dir, force=force):
        click.echo(f"Wrote {path}")


def main() -> None:
    try:
        cli(prog_name="pledge-office")
    except BrokenPipeError:
        # Output piped into 'head' and the like: stop quietly, as other tools do.
        sys.stderr.close()
        sys.exit(0)


if __name__ == "__main__":
    sys.exit(main())

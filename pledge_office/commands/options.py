"""Options and parameter types shared by several commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


OUTPUT_FILE = click.Path(dir_okay=False, path_type=Path)


def suffix(expected: str):
    """An option callback refusing an output name that would mislead Word or Excel."""

    def check(ctx, param, value):
        if value is not None and value.suffix.lower() != expected:
            raise click.BadParameter(f"'{value.name}' should end in {expected}, as the file is written as one")
        return value

    return check


def output_option(extension: str, help: str):
    """The required -o/--output of a command writing one file, refused unless it ends in ``extension``."""
    return click.option("-o", "--output", type=OUTPUT_FILE, required=True, callback=suffix(extension), help=help)


def json_option(help: str):
    return click.option("--json", "json_file", type=OUTPUT_FILE, callback=suffix(".json"), help=help)


def email_option(help: str):
    return click.option("--email", "email_file", type=OUTPUT_FILE, callback=suffix(".eml"), help=help)


def council_option(help: str):
    return click.option("--council", "council_file", type=EXISTING_FILE, help=help)


def as_of_option(help: str):
    return click.option("--as-of", type=UkDate(), help=help)


def echo_written(written, notes=()) -> None:
    """Say what a command wrote: its notes and warnings first (on stderr), then 'Wrote FILE' for each file."""
    for line in notes:
        click.echo(line, err=True)
    for path in written:
        click.echo(f"Wrote {path}")


def note_placeholder_logos(council, pledge) -> None:
    """Say so when a partner logo is one of the placeholders shipped with pledge-office."""
    if council.uses_placeholder_logos(pledge):
        click.echo("Note: the partner logos are placeholders, marked as such on the page; for the real signing "
                   "copy, list the partners' own logos under 'partners:' in the council file (or the pledge file).",
                   err=True)


def note_example_values(council) -> None:
    """Say so when the council file still holds the examples 'init' wrote: they would be published."""
    left = council.example_values_left()
    if left:
        shown = ", ".join(left[:3]) + (f" and {len(left) - 3} more" if len(left) > 3 else "")
        click.echo(f"Note: {council.source.name} still has example values from 'pledge-office init' ({shown}); "
                   "replace them with your council's own before the documents are published.", err=True)


GAP_NAMES = {  # what the report marks [To fill in] for each council-file field not given, and what to give
    "report.equality_screening": ("the equality screening", "what the screening found, in a sentence"),
    "report.finance_officer": ("the finance officer's comment", "the name and job title of who commented"),
    "report.monitoring_officer": ("the monitoring officer's comment", "the name and job title of who commented"),
}


def note_report_gaps(council) -> None:
    """Say which facts the report marks [To fill in], and where to give them."""
    from pledge_office.documents.context import join_names

    gaps = council.report_gaps()
    if gaps:
        marked = join_names([GAP_NAMES[g][0] for g in gaps])
        how = list(dict.fromkeys(GAP_NAMES[g][1] for g in gaps))
        click.echo(f"Note: the report marks {marked} [To fill in]; add {', '.join(gaps)} to "
                   f"{council.source.name} ({'; '.join(how)}) and write it again.", err=True)


def pledge_option(command):
    return click.option(
        "--pledge", "pledge_file", type=EXISTING_FILE, default=None,
        help="Another area's pledge, compact or accord, or a revised one (a pledge file, YAML). "
             "Default: the bundled pledge.",
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
        from pledge_office.office.pdf import write_pdfs

        for path in write_pdfs([d for d in documents if str(d).endswith(".docx")], force=force):
            click.echo(f"Wrote {path}")


def check_pdfs_possible(documents, pdf: bool, force: bool) -> None:
    """Before any document is written: LibreOffice is there, and no PDF would be overwritten."""
    if pdf:
        from pledge_office.office.outputs import check_can_write
        from pledge_office.office.pdf import pdf_paths, require_libreoffice

        require_libreoffice()
        check_can_write(pdf_paths(documents), force)


paper_option = click.option(
    "--paper", type=click.Choice(["A3", "A4"], case_sensitive=False), default="A3",
    show_default=True, help="Paper size of the signing copy (portrait).",
)


class UkDate(click.ParamType):
    """A date on the command line, day first: 31/03/2027 or 2027-03-31."""

    name = "DD/MM/YYYY"

    def convert(self, value, param, ctx):
        from pledge_office.model.dates import DateProblem, parse_uk_date

        try:
            return parse_uk_date(value)
        except DateProblem as exc:
            self.fail(str(exc), param, ctx)


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


def guard_outputs(command: click.Command) -> click.Command:
    """Wrap a command (and a group's commands): all its outputs or none, and none of them an input.

    ``--previous ret.xlsx -o ret.xlsx --force`` would otherwise replace the officer's return
    with the new workbook, and ``--template t.docx -o t.docx`` the template: --force or not.
    A document whose JSON, email or PDF then fails is removed again.
    """
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            guard_outputs(sub)
        return command
    callback = command.callback
    inputs = [p for p in command.params if isinstance(p.type, click.Path) and p.type.exists]
    outputs = [p for p in command.params if isinstance(p.type, click.Path) and not p.type.exists
               and not p.type.file_okay is False]
    if callback is None:
        return command

    def guarded(*args, **kwargs):
        from pledge_office.office.outputs import all_or_none

        given = []
        for param in inputs:
            value = kwargs.get(param.name)
            for path in (value if isinstance(value, (list, tuple)) else [value]):
                if path is not None:
                    given.append((param, Path(path)))
        for param in outputs:
            out = kwargs.get(param.name)
            if out is None:
                continue
            for source_param, source in given:
                if _same_file(Path(out), source):
                    raise click.UsageError(
                        f"{param.opts[-1] if param.opts else param.name} '{out}' is also an input "
                        f"({source_param.opts[-1] if source_param.opts[0].startswith('-') else source_param.name.upper()}"
                        f" '{source}'); writing it would destroy that file, --force or not: choose another name")
        with all_or_none():
            return callback(*args, **kwargs)

    import functools

    command.callback = functools.update_wrapper(guarded, callback)
    return command


def _same_file(a: Path, b: Path) -> bool:
    import os

    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except OSError:
        return False

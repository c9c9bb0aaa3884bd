"""Accessibility checks of documents officers publish."""

from __future__ import annotations

import sys

import click

from pledge_office.commands.options import (
    EXISTING_FILE,
)
from pledge_office.errors import PledgeOfficeError


@click.command()
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
    from pledge_office.office.accessibility import check_file

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

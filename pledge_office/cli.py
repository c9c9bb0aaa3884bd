"""The ``pledge-office`` command: thin wrappers over the library.

The commands live in ``pledge_office.commands``; this module joins them and
turns every failure into one line. Heavy libraries (docx, openpyxl, PIL) are
imported inside each command, so ``--help`` and ``--version`` start fast.
"""

from __future__ import annotations

import errno
import os
import sys

import click

from pledge_office._version import __version__
from pledge_office.commands import accessibility, adoption, batch, progress, review, templates
from pledge_office.commands.options import guard_outputs
from pledge_office.errors import PledgeOfficeError


class Commands(click.Group):
    """A group that turns every failure into one line on stderr and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PledgeOfficeError as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"Error: {_one_line(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            # Output piped into 'head' and the like: stop quietly with success, as other tools do.
            # This must happen here: click's own handling of a broken pipe exits 1.
            _silence_stdout()
            ctx.exit(0)
        except click.UsageError as exc:
            # One line, as for every other problem, with where to look for the right usage.
            command = exc.ctx.command_path if exc.ctx else ctx.command_path
            click.echo(f"Error: {_one_line(exc.format_message())} (see '{command} --help')", err=True)
            ctx.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.message = _one_line(exc.message)  # a 40,000-character file name, printed bounded
            raise
        except (click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except OSError as exc:  # a full disk, a file that vanished, a read-only folder
            if ctx.params.get("debug"):
                raise
            where = _one_line(str(exc.filename)) if exc.filename else "a file"
            full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
            fix = "free some space and run it again" if full else "check the file and folder, and run it again"
            click.echo(f"Error: {where}: {exc.strerror or type(exc).__name__}; no output was written; {fix}",
                       err=True)
            ctx.exit(1)
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


def _one_line(text: str, limit: int = 2_000) -> str:
    """A message as one printable line of bounded length (a 40,000-character name is cut in the middle)."""
    from pledge_office.office.text import printable

    text = printable(text)
    return text if len(text) <= limit else f"{text[:limit // 2]}...{text[-limit // 4:]}"


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's final flush cannot fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _print_versions(ctx: click.Context, _param, value: bool) -> None:
    """--version: ours, and what a bug report needs (the Office libraries and LibreOffice)."""
    if not value or ctx.resilient_parsing:
        return
    from importlib import metadata

    from pledge_office.office.libreoffice import version as libreoffice_version

    click.echo(f"pledge-office, version {__version__}")
    click.echo(f"Python {sys.version.split()[0]} on {sys.platform}")
    for package in ("python-docx", "docxtpl", "openpyxl", "click"):
        try:
            click.echo(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            click.echo(f"{package} not installed")
    click.echo(libreoffice_version() or "LibreOffice not found (needed only for --pdf and .xls/.ods returns)")
    ctx.exit(0)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_versions,
              help="Show the version of pledge-office and of the libraries and LibreOffice it uses.")
@click.option("--debug", is_flag=True, help="Show the full traceback of any error (for bug reports).")
def cli(debug: bool) -> None:
    """Paperwork for a council's pledge, compact or accord: adoption, review and action plan.

    \b
    Start with:
      pledge-office demo demo-output      (everything, for a sample council)
      pledge-office init my-council.yaml  (a council file to fill in)
      pledge-office adoption-pack my-council.yaml -o adoption
    """


for command in (adoption.init, adoption.report, adoption.signing_copy, adoption.adoption_pack,
                review.review_workbook, review.check, review.action_plan, review.summary,
                progress.progress_workbook, progress.progress_report,
                batch.batch, accessibility.accessibility, templates.templates, adoption.demo):
    cli.add_command(guard_outputs(command))


class _QuietWhenClosed:
    """stdout or stderr that goes quiet once its reader has gone ('| head'), so the work goes on.

    The messages are for a person; the documents are the work. A command whose
    'Wrote ...' line met a closed pipe used to stop there, and its files were
    then removed as if it had failed, while it still exited with success.
    """

    def __init__(self, stream) -> None:
        self._stream, self._closed = stream, False

    def write(self, text):
        if not self._closed:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._go_quiet()
        return len(text)

    def flush(self) -> None:
        if not self._closed:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._go_quiet()

    def _go_quiet(self) -> None:
        self._closed = True
        try:  # Python's final flush must not fail on the closed pipe either
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass

    def __getattr__(self, name):
        return getattr(self._stream, name)


def main() -> None:
    sys.stdout, sys.stderr = _QuietWhenClosed(sys.stdout), _QuietWhenClosed(sys.stderr)
    try:
        cli(prog_name="pledge-office")
    except BrokenPipeError:
        # Output piped into 'head' and the like: stop quietly, as other tools do.
        sys.stderr.close()
        sys.exit(0)


if __name__ == "__main__":
    sys.exit(main())

"""The ``pledge-office`` command: thin wrappers over the library.

The commands live in ``pledge_office.commands``; this module joins them and
turns every failure into one line. Heavy libraries (docx, openpyxl, PIL) are
imported inside each command, so ``--help`` and ``--version`` start fast.
"""

from __future__ import annotations

import sys

import click

from pledge_office._version import __version__
from pledge_office.commands import accessibility, adoption, batch, review, templates
from pledge_office.errors import PledgeOfficeError


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


for command in (adoption.init, adoption.report, adoption.signing_copy, adoption.adoption_pack,
                review.review_workbook, review.check, review.action_plan, review.summary,
                batch.batch, accessibility.accessibility, templates.templates, adoption.demo):
    cli.add_command(command)


def main() -> None:
    try:
        cli(prog_name="pledge-office")
    except BrokenPipeError:
        # Output piped into 'head' and the like: stop quietly, as other tools do.
        sys.stderr.close()
        sys.exit(0)


if __name__ == "__main__":
    sys.exit(main())

"""The 'templates' commands as plain functions."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import List, Optional, Tuple

from pledge_office.office.outputs import atomic_output, check_can_write
from pledge_office.documents.template_fields import DOCUMENTS


def export_templates(folder: Path, force: bool = False) -> List[Path]:
    """Copy the shipped templates into ``folder``; refuse first if any exists."""
    from pledge_office.office.resources import shipped_template

    targets = [Path(folder) / name for name in DOCUMENTS.values()]
    check_can_write(targets, force)
    for target in targets:
        with atomic_output(target, force) as tmp:
            shutil.copyfile(shipped_template(target.name), tmp)
    return targets


def council_context(document: str, council_file: Path) -> dict:
    """The context a council's document would be rendered with (the sample review for plans)."""
    from pledge_office.inputs.council_file import load_inputs
    from pledge_office.documents.template_fields import example_context

    council, pledge = load_inputs(council_file)
    if document == "report":
        from pledge_office.documents.report import report_context

        return report_context(council, pledge)
    if document == "signing-copy":
        from pledge_office.documents.signing_copy import signing_context

        return signing_context(council, pledge)
    return example_context(document)


def check_template(template: Path, document: Optional[str] = None, context: Optional[dict] = None):
    """Check a template against the context given, or the example one for its document."""
    from pledge_office.documents.template_fields import example_context
    from pledge_office.office import template_check

    return template_check.check_template(
        template, document, context_for=(lambda _document: context) if context is not None else example_context)


def run_template_check(template: Path, document: Optional[str], council_file: Optional[Path],
                       fixed: Optional[Path], force: bool) -> Tuple[List[str], bool]:
    """Check a template; return the lines to print and whether it fails."""
    report = check_template(template, document)
    if council_file:
        report = check_template(template, report.document, context=council_context(report.document, council_file))
    lines = [f"{template}: {finding}" for finding in report.findings]
    accessibility = _accessibility(template, report.repaired)
    lines += [f"{template}: {failure.where}: error: accessibility: {failure.message}; {failure.fix}"
              for failure in accessibility]
    if fixed and report.repaired:
        with atomic_output(fixed, force) as tmp:
            tmp.write_bytes(report.repaired)
        lines.append(f"Wrote the repaired template to {fixed}")
    failed = bool(report.errors) or bool(accessibility)
    verdict = "fails" if failed else ("passes, once repaired" if report.repaired else "passes")
    lines.append(f"{template}: {report.document} template {verdict} "
                 f"({len(report.errors) + len(accessibility)} error(s), "
                 f"{sum(f.severity == 'warning' for f in report.findings)} warning(s))")
    return lines, failed


def _accessibility(template: Path, repaired: Optional[bytes]):
    """The accessibility rules that a template decides: language, headings, tables, contrast."""
    import tempfile

    from pledge_office.office.accessibility import check_docx

    if repaired:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "template.docx"
            copy.write_bytes(repaired)
            failures = check_docx(copy)
    else:
        failures = check_docx(template)
    # Images come from the council file at rendering, with their alternative text.
    return [f for f in failures if "image" not in f.message]

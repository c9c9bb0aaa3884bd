"""The 'templates' commands as plain functions."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import List, Optional, Tuple

from pledge_office.outputs import atomic_output, check_can_write
from pledge_office.template_fields import DOCUMENTS


def export_templates(folder: Path, force: bool = False) -> List[Path]:
    """Copy the shipped templates into ``folder``; refuse first if any exists."""
    from pledge_office.word import shipped_template

    targets = [Path(folder) / name for name in DOCUMENTS.values()]
    check_can_write(targets, force)
    for target in targets:
        with atomic_output(target, force) as tmp:
            shutil.copyfile(shipped_template(target.name), tmp)
    return targets


def council_context(document: str, council_file: Path) -> dict:
    """The context a council's document would be rendered with (the sample review for plans)."""
    from pledge_office.adoption import load_inputs
    from pledge_office.template_fields import example_context

    council, pledge = load_inputs(council_file)
    if document == "report":
        from pledge_office.report import report_context

        return report_context(council, pledge)
    if document == "signing-copy":
        from pledge_office.signing_copy import signing_context

        return signing_context(council, pledge)
    return example_context(document)


def run_template_check(template: Path, document: Optional[str], council_file: Optional[Path],
                       fixed: Optional[Path], force: bool) -> Tuple[List[str], bool]:
    """Check a template; return the lines to print and whether it fails."""
    from pledge_office.template_check import check_template

    report = check_template(template, document)
    if council_file:
        report = check_template(template, report.document, context=council_context(report.document, council_file))
    lines = [f"{template}: {finding}" for finding in report.findings]
    if fixed and report.repaired:
        with atomic_output(fixed, force) as tmp:
            tmp.write_bytes(report.repaired)
        lines.append(f"Wrote the repaired template to {fixed}")
    failed = bool(report.errors)
    verdict = "fails" if failed else ("passes, once repaired" if report.repaired else "passes")
    lines.append(f"{template}: {report.document} template {verdict} "
                 f"({len(report.errors)} error(s), {sum(f.severity == 'warning' for f in report.findings)} warning(s))")
    return lines, failed

"""The committee report recommending that Cabinet or Council adopts the Pledge."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from pledge_office.documents.context import adoption_context, chosen_template
from pledge_office.documents.report_text import report_fields
from pledge_office.model.council import Council
from pledge_office.model.pledge import Pledge
from pledge_office.office.word import Picture, render_document

LOGO_HEIGHT_CM = 2.0


def write_report(
    council: Council, pledge: Pledge, out: Path, *, force: bool = False, template: Optional[Path] = None
) -> Path:
    """Write the adoption report for ``council`` to ``out`` (a .docx)."""
    template = chosen_template(template, council, "report", "report.docx")
    context = report_context(council, pledge)
    return render_document(
        template, context, out, force=force, document="report",
        title=f"{council.title_for(pledge)}: {council.name}",
        subject=f"Report to {council.meeting_body}: adoption of the {pledge.title}",
        author=council.report_author.name, company=council.name,
    )


def report_context(council: Council, pledge: Pledge) -> dict:
    """Every field the report template can use."""
    context = adoption_context(council, pledge)
    fields = report_fields(council, pledge)
    context["meeting"].update(fields.pop("meeting"))
    context.update(fields)
    context["logos"] = {"council": Picture(council.logo, LOGO_HEIGHT_CM)}
    return context

"""The large-format signing copy of the Pledge, signed at the meeting."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from pledge_office.context import adoption_context
from pledge_office.council import Council
from pledge_office.pledge import Pledge
from pledge_office.word import Picture, render_document, shipped_template

PAPER_TWIPS = {"A3": (16838, 23811), "A4": (11906, 16838)}  # Word's exact sizes
LOGO_HEIGHT_CM = 3.6
LOGO_ROW_WIDTH_CM = 24.0  # of the A3 page's 25.7 cm between margins
LOGO_GAP = "\u2003\u2003\u2003"


def write_signing_copy(
    council: Council, pledge: Pledge, out: Path, *, paper: str = "A3",
    force: bool = False, template: Optional[Path] = None,
) -> Path:
    """Write the signing copy (A3 portrait by default) to ``out`` (a .docx)."""
    template = template or council.templates.get("signing_copy") or shipped_template("signing-copy.docx")
    context = adoption_context(council, pledge)
    height = logo_height(council)
    context["logos"] = {
        "council": Picture(council.logo, height),
        "partners": [Picture(p.logo, height) for p in council.partners],
        "gap": LOGO_GAP,
    }
    finish = None if paper == "A3" else (lambda document: scale_page(document, paper))
    return render_document(
        template, context, out, force=force, finish=finish,
        title=f"{pledge.title}: {council.name}",
        subject=f"Signing copy for {council.meeting_body}",
    )


def logo_height(council: Council) -> float:
    """Return one height for all logos, so the row fits however many partners there are."""
    aspects = council.logo.aspect + sum(p.logo.aspect for p in council.partners)
    gaps_cm = 1.6 * len(council.partners)
    return round(min(LOGO_HEIGHT_CM, (LOGO_ROW_WIDTH_CM - gaps_cm) / aspects), 2)


def scale_page(document, paper: str) -> None:
    """Shrink an A3 layout to another paper size, keeping its proportions on one page."""
    from pledge_office.docx_scale import scale_document

    from docx.shared import Twips

    width, height = PAPER_TWIPS[paper]
    section = document.sections[0]
    factor = min(width / section.page_width.twips, height / section.page_height.twips)
    scale_document(document, factor)
    for section in document.sections:
        section.page_width, section.page_height = Twips(width), Twips(height)

"""The large-format signing copy of the Pledge, signed at the meeting."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from pledge_office.documents.context import adoption_context
from pledge_office.model.council import Council
from pledge_office.model.pledge import Pledge
from pledge_office.office.resources import shipped_template
from pledge_office.office.word import Picture, render_document

PAPER_TWIPS = {"A3": (16838, 23811), "A4": (11906, 16838)}  # Word's exact sizes
LOGO_HEIGHT_CM = 4.2
LOGO_ROW_WIDTH_CM = 19.0  # of the A3 page's 25.7 cm between margins, leaving room for the gaps
LOGO_GAP = "\u2003\u2003"


def write_signing_copy(
    council: Council, pledge: Pledge, out: Path, *, paper: str = "A3",
    force: bool = False, template: Optional[Path] = None,
) -> Path:
    """Write the signing copy (A3 portrait by default) to ``out`` (a .docx)."""
    template = template or council.templates.get("signing_copy") or shipped_template("signing-copy.docx")
    context = signing_context(council, pledge)
    signers = len(council.signatories) + len(context["co_signatories"])
    shrink = fit_factor(signers, paper) * commitments_factor(pledge)
    finish = None if (paper == "A3" and shrink == 1) else (lambda document: scale_page(document, paper, shrink))
    return render_document(
        template, context, out, force=force, document="signing-copy", finish=finish,
        title=f"{pledge.title}: {council.name}",
        subject=f"Signing copy for {council.meeting_body}",
    )


def signing_context(council: Council, pledge: Pledge) -> dict:
    """Every field the signing copy template can use."""
    context = adoption_context(council, pledge)
    partners = council.partners_for(pledge)
    height = logo_height(council, partners)
    context["logos"] = {
        "council": Picture(council.logo, height),
        "partners": [Picture(p.logo, height) for p in partners],
        "gap": LOGO_GAP,
    }
    return context


def logo_height(council: Council, partners) -> float:
    """Return one height for all logos, so the row fits however many partners there are."""
    aspects = council.logo.aspect + sum(p.logo.aspect for p in partners)
    gaps_cm = 0.0  # LOGO_ROW_WIDTH_CM already leaves room for the gaps
    return round(min(LOGO_HEIGHT_CM, (LOGO_ROW_WIDTH_CM - gaps_cm) / aspects), 2)


def fit_factor(signatories: int, paper: str) -> float:
    """Return how much to shrink the content so every signature block fits on the one page.

    The A3 layout holds one row of two signature blocks with room to spare;
    each further row (about 3.6 cm of a 38 cm page) is made room for by
    shrinking everything. A4 rounds type sizes down harder, so it gets a
    little more room. Checked with LibreOffice for 1 to 10 signatories.
    """
    rows = (signatories + 1) // 2
    factor = 36.0 / (36.0 + 3.6 * max(0, rows - 1))
    if paper != "A3" and rows >= 2:
        factor *= 0.95
    return round(factor, 3)


# The A3 layout was checked with the bundled pledge's commitments: about 29
# lines of type, with room to spare. Longer pledges shrink to stay on one page.
FITTED_LINES = 31
CHARACTERS_PER_LINE = 95


def commitments_factor(pledge: Pledge) -> float:
    """Return how much to shrink the content so a longer pledge's commitments fit on the one page."""
    import math

    lines = sum(math.ceil(len(c.text) / CHARACTERS_PER_LINE) + 0.35 for c in pledge.commitments)
    lines += 1.8 * len([g for g in pledge.groups if g.heading])
    # Shrinking narrows the type as well as shortening it, so the height goes with the square.
    return 1.0 if lines <= FITTED_LINES else round(math.sqrt(FITTED_LINES / lines), 3)


def scale_page(document, paper: str, shrink: float = 1.0) -> None:
    """Scale the A3 layout to ``paper`` and shrink its content by ``shrink``, on one page."""
    from docx.shared import Twips

    from pledge_office.office.docx_scale import scale_document

    width, height = PAPER_TWIPS[paper]
    section = document.sections[0]
    to_paper = min(width / section.page_width.twips, height / section.page_height.twips)
    margins = {side: getattr(section, side) for side in ("left_margin", "right_margin", "top_margin",
                                                         "bottom_margin", "header_distance", "footer_distance")}
    scale_document(document, to_paper * shrink)
    for section in document.sections:
        section.page_width, section.page_height = Twips(width), Twips(height)
        for side, value in margins.items():
            setattr(section, side, Twips(round(value.twips * to_paper)))

"""The large-format signing copy of the Pledge, signed at the meeting."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from pledge_office.documents.context import adoption_context, chosen_template, join_names
from pledge_office.errors import CouncilFileError
from pledge_office.model.council import MAX_SIGNATURE_ROWS, MAX_SIGNATURES, Council, signature_rows
from pledge_office.model.pledge import Pledge
from pledge_office.office.resources import is_placeholder_logo
from pledge_office.office.word import Picture, Preparation, is_rendered_part, render_document

PAPER_TWIPS = {"A3": (16838, 23811), "A4": (11906, 16838)}  # Word's exact sizes
LOGO_HEIGHT_CM = 3.2
LOGO_ROW_WIDTH_CM = 19.0  # of the A3 page's 25.7 cm between margins, leaving room for the gaps
LOGO_GAP = "\u2003\u2003"


# The type's floor: what stays legible where each copy is read. The A3 copy hangs
# on a wall; the A4 copy is held. Commitments are designed at 16 pt on A3 (display
# size) and shrink only as far as these, so the most signature blocks (signatories
# and co-signatories together) a council file may list is what fits at the floor
# on both papers (checked with LibreOffice in tests/test_signing_copy.py).
DESIGN_PT = 16.0
FLOOR_PT = {"A3": 12.0, "A4": 9.0}


def write_signing_copy(
    council: Council, pledge: Pledge, out: Path, *, paper: str = "A3",
    force: bool = False, template: Optional[Path] = None,
) -> Path:
    """Write the signing copy (A3 portrait by default) to ``out`` (a .docx), on one page."""
    template = chosen_template(template, council, "signing_copy", "signing-copy.docx")
    context = signing_context(council, pledge)
    co_signing = len(context["co_signatories"])
    if signature_rows(len(council.signatories), co_signing) > MAX_SIGNATURE_ROWS:
        # The pledge file's signing partners come on top of the council file's signatories.
        raise CouncilFileError(f"{len(council.signatories)} signatories and {co_signing} co-signing partners "
                               f"need more than {MAX_SIGNATURE_ROWS} rows of two; the signing copy holds at most "
                               f"{MAX_SIGNATURES} signatures on one page: list fewer signatories",
                               file=council.source)
    if not fits_one_page(len(council.signatories), paper, co_signing, council.name):
        raise CouncilFileError(f"the council's name ({len(council.name)} characters) wraps onto several lines, and with "
                               f"{len(council.signatories) + co_signing} signatures the signing copy would run onto a "
                               f"second {paper} page; use A3 (--paper A3), or list fewer signatories",
                               file=council.source)
    shrink = fit_factor(len(council.signatories), paper, co_signing, council.name) * commitments_factor(pledge)
    scaled = not (paper == "A3" and shrink == 1)
    # The styles are scaled before rendering (once per process for a shipped template), the body after.
    prepare = Preparation(("scale", paper, shrink), lambda document: scale_styles(document, paper, shrink))
    return render_document(
        template, context, out, force=force, document="signing-copy",
        prepare=prepare if scaled else None,
        finish=(lambda document: scale_page(document, paper, shrink)) if scaled else None,
        title=f"{pledge.title}: {council.name}",
        subject=f"Signing copy for {council.meeting_body}",
    )


def signing_context(council: Council, pledge: Pledge) -> dict:
    """Every field the signing copy template can use."""
    context = adoption_context(council, pledge)
    partners = council.partners_for(pledge)
    height = logo_height(council, partners)
    placeholders = [p.name for p in partners if p.logo and is_placeholder_logo(p.logo.path)]
    context["logos"] = {
        "council": Picture(council.logo, height),
        "partners": [Picture(p.logo, height) for p in partners],
        "gap": LOGO_GAP,
        "placeholder": join_names(placeholders),
    }
    context["signatory_rows"] = _rows([{"name": p.name, "role": p.role} for p in council.signatories])
    context["co_signatory_rows"] = _rows([
        {"name": s["name"] or s["organisation"],
         "role": ", ".join(x for x in (s["role"], s["organisation"] if s["name"] else "") if x)}
        for s in context["co_signatories"]])
    return context


def _rows(blocks: List[dict]) -> List[dict]:
    """Pair signature blocks two to a row, in order: 1 and 2, then 3 and 4."""
    return [{"left": blocks[i], "right": blocks[i + 1] if i + 1 < len(blocks) else None}
            for i in range(0, len(blocks), 2)]


def logo_height(council: Council, partners) -> float:
    """Return one height for all logos, so the row fits however many partners there are."""
    aspects = council.logo.aspect + sum(p.logo.aspect for p in partners)
    return round(min(LOGO_HEIGHT_CM, LOGO_ROW_WIDTH_CM / aspects), 2)


def fit_factor(signatories: int, paper: str, co_signatories: int = 0, name: str = "") -> float:
    """Return how much to shrink the A3 layout so every signature block fits on the one page.

    The A3 layout holds two rows of signature blocks at full size; each further
    row (about ROW_CM of the 38 cm page) is made room for by shrinking
    everything, and co-signatories add a heading. Never below the paper's floor:
    the council file refuses more blocks than fit there.
    """
    floor = FLOOR_PT[paper] / (DESIGN_PT * (1.0 if paper == "A3" else A4_OF_A3))
    return round(max(_unfloored(signatories, paper, co_signatories, name), floor), 3)


def _unfloored(signatories: int, paper: str, co_signatories: int, name: str) -> float:
    rows = signature_rows(signatories, co_signatories)
    extra = ROW_CM * max(0, rows - FULL_SIZE_ROWS) + (HEADING_CM if co_signatories else 0) + name_extra_cm(name)
    factor = PAGE_CM / (PAGE_CM + extra)
    if paper != "A3":
        factor *= A4_ALLOWANCE if rows > FULL_SIZE_ROWS - 1 else 1.0
    return factor


def fits_one_page(signatories: int, paper: str, co_signatories: int, name: str) -> bool:
    """False when a long council name and many signatures together would run onto a second page.

    The most signatures a council file may list fit at the type's floor (tested); a name long
    enough to wrap takes room they do not leave on A4. Measured with LibreOffice: on A3 a name
    of the longest allowed with the most signatures still fits.
    """
    if paper == "A3":
        return True
    most = _unfloored(MAX_SIGNATURES - 2, paper, 2, "")
    return _unfloored(signatories, paper, co_signatories, name) >= NAME_ROOM * most


NAME_ROOM = 0.93  # how far below the most signatures' own factor a long name may take A4 (measured)


# A long council name wraps in three places: under the title (24 pt), in the opening sentence and in
# 'Signed on behalf of ...' (a heading); each extra line needs room, made by shrinking as for a row.
NAME_TITLE_CHARS, NAME_TITLE_CM = 50, 1.1
SIGNED_HEADING_CHARS, SIGNED_HEADING_CM = 58, 0.9
OPENING_CHARS, OPENING_CM = 95, 0.75


def name_extra_cm(name: str) -> float:
    """Return the height (at A3 design size) a long council name adds by wrapping onto more lines."""
    import math

    if not name:
        return 0.0
    title = math.ceil(len(name) / NAME_TITLE_CHARS) - 1
    signed = math.ceil((len(name) + len("Signed on behalf of ")) / SIGNED_HEADING_CHARS) - 1
    opening = math.ceil((len(name) + 120) / OPENING_CHARS) - math.ceil(120 / OPENING_CHARS)
    return title * NAME_TITLE_CM + signed * SIGNED_HEADING_CM + opening * OPENING_CM


def _to_paper(document, paper: str) -> float:
    width, height = PAPER_TWIPS[paper]
    section = document.sections[0]
    return min(width / section.page_width.twips, height / section.page_height.twips)


PAGE_CM = 36.0
ROW_CM = 3.0
HEADING_CM = 1.6
FULL_SIZE_ROWS = 2
A4_OF_A3 = 11906 / 16838
A4_ALLOWANCE = 0.97


def type_size(paper: str, factor: float) -> float:
    """Return the commitments' type size in points on ``paper`` after shrinking by ``factor``."""
    return DESIGN_PT * factor * (1.0 if paper == "A3" else A4_OF_A3)


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


def scale_styles(document, paper: str, shrink: float = 1.0) -> None:
    """Scale the parts rendering never touches (styles, numbering) as ``scale_page`` scales the rest."""
    from pledge_office.office.docx_scale import scale_document

    scale_document(document, _to_paper(document, paper) * shrink, lambda partname: not is_rendered_part(partname))


def scale_page(document, paper: str, shrink: float = 1.0) -> None:
    """Scale the rendered A3 layout to ``paper`` and shrink it by ``shrink``, on one page.

    The other parts were scaled by ``scale_styles`` before rendering.
    """
    from docx.shared import Twips

    from pledge_office.office.docx_scale import scale_document

    width, height = PAPER_TWIPS[paper]
    section = document.sections[0]
    to_paper = _to_paper(document, paper)
    margins = {side: getattr(section, side) for side in ("left_margin", "right_margin", "top_margin",
                                                         "bottom_margin", "header_distance", "footer_distance")}
    scale_document(document, to_paper * shrink, is_rendered_part)
    for section in document.sections:
        section.page_width, section.page_height = Twips(width), Twips(height)
        for side, value in margins.items():
            setattr(section, side, Twips(round(value.twips * to_paper)))

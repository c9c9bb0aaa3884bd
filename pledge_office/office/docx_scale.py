"""Scale a whole Word layout (type, spacing, tables, images, page) by one factor.

Used to turn the A3 signing copy into an A4 one that still fits on one page,
whatever styling an officer gave the template.
"""

from __future__ import annotations

from typing import Callable

from pledge_office.office.ooxml import A, W, WP


# element -> the attributes on it that hold lengths
_LENGTHS = {
    f"{W}sz": ("val",), f"{W}szCs": ("val",),
    f"{W}spacing": ("before", "after"),
    f"{W}ind": ("left", "right", "hanging", "firstLine", "start", "end"),
    f"{W}tab": ("pos",),
    f"{W}tcW": ("w",), f"{W}tblW": ("w",), f"{W}gridCol": ("w",), f"{W}tblInd": ("w",),
    f"{W}trHeight": ("val",),
    f"{W}pgSz": ("w", "h"),
    f"{W}pgMar": ("top", "bottom", "left", "right", "header", "footer"),
    f"{WP}extent": ("cx", "cy"), f"{A}ext": ("cx", "cy"),
}


def scale_document(document, factor: float, parts: Callable[[str], bool] = lambda partname: True) -> None:
    """Multiply every length in the XML parts of ``document`` (those ``parts`` accepts) by ``factor``."""
    seen = set()
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None or id(element) in seen or not parts(str(part.partname)):
            continue
        seen.add(id(element))
        _scale_element(element, factor)


def _scale_element(root, factor: float) -> None:
    for element in root.iter(*_KEYS):
        if element.get(_TYPE) == "pct":
            continue  # a percentage is already relative to the page
        for key in _KEYS[element.tag]:
            value = element.get(key)
            if value is None or not value.lstrip("-").isdigit():
                continue
            element.set(key, str(round(int(value) * factor)))
        if element.tag == _SPACING and element.get(_LINE_RULE) in ("exact", "atLeast"):
            element.set(_LINE, str(round(int(element.get(_LINE)) * factor)))


# The attribute names in full, worked out once: a signing copy has thousands of lengths.
_KEYS = {tag: tuple(f"{W}{name}" if tag.startswith(W) else name for name in names)
         for tag, names in _LENGTHS.items()}
_TYPE, _SPACING, _LINE_RULE, _LINE = f"{W}type", f"{W}spacing", f"{W}lineRule", f"{W}line"
